"""Attacker-side values (indicators) and organization-internal values, drawn from a
random.Random the caller seeds. Public addresses are random public unicast; private ranges
are used only for internal (identifier) addresses."""

import ipaddress
import string
import unicodedata

RANSOM = [
    "Play", "Black Basta", "Akira", "LockBit", "LockBit 3.0", "Royal", "Rhysida", "BlackCat",
    "ALPHV", "Hive", "Conti", "Cuba", "Medusa", "Qilin", "INC Ransom", "Karakurt", "Daixin",
    "Maui", "Zeppelin", "BianLian", "Vice Society", "Money Message", "8Base", "Cactus",
    "Trigona", "Mallox", "RansomHub", "Embargo", "Interlock", "SafePay", "Fog", "Lynx",
    "Chaos", "Babuk", "Hunters International", "Nokoyawa", "Ryuk", "Quantum", "BlackSuit",
]
MALWARE = [
    "Emotet", "QakBot", "IcedID", "Cobalt Strike", "Mimikatz", "SystemBC", "Bumblebee",
    "Pikabot", "Lumma", "RedLine", "Vidar", "AsyncRAT", "Remcos", "njRAT", "TrickBot",
    "Gootloader", "SocGholish", "Latrodectus", "DarkGate", "Brute Ratel", "Sliver",
    "AnyDesk", "Rclone", "WinSCP", "PsExec", "AdFind", "Grixba", "SmokeLoader",
]
MITRE = [
    "T1486", "T1566.001", "T1566.002", "T1059.001", "T1021.001", "T1078", "T1490",
    "T1003.001", "T1567.002", "T1133", "T1190", "T1071.001", "T1105", "T1047", "T1027",
    "T1562.001", "T1219", "T1110.003", "T1204.002", "T1543.003", "T1053.005", "T1048",
    "T1082", "T1018", "T1555.003", "T1070.001", "T1489", "T1572",
]
TLDS = ["com", "net", "org", "info", "top", "xyz", "online", "site", "shop", "ru", "su",
        "cc", "io", "live", "click", "biz", "pw", "icu", "cloud", "app"]
WORDS = ["secure", "portal", "update", "login", "verify", "account", "billing", "cdn",
         "support", "docs", "share", "cloud", "mail", "office", "invoice", "sync", "auth",
         "health", "claims", "patient", "benefit", "helpdesk", "files", "drive", "msft",
         "teams", "zoom", "okta", "vpn", "remote", "api", "static", "img", "news", "pay"]
FREEMAIL = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "proton.me",
            "protonmail.com", "aol.com", "gmx.com", "mail.ru", "yandex.ru", "icloud.com",
            "tutanota.com", "zoho.com", "onionmail.org"]
PATHS = ["wp-content/plugins/x/update.php", "invoice/view", "download/setup.msi", "gate.php",
         "api/v2/beacon", "owa/auth/login.aspx", "docs/shared/Q3.zip", "s/verify", "index.html",
         "payload.bin", "c2/submit", "news/check", "updates/chrome.exe", "auth/sso"]


def public_ipv4(rng):
    while True:
        a = ipaddress.IPv4Address(rng.getrandbits(32))
        if a.is_global and not a.is_multicast and a.packed[0] not in (0, 255):
            return str(a)


def public_ipv6(rng):
    while True:
        first = rng.choice([0x2400, 0x2600, 0x2a00, 0x2a01, 0x2a02, 0x2604, 0x2607, 0x2800,
                            0x2c0f, 0x2001, 0x2406, 0x2a05])
        words = [first] + [rng.getrandbits(16) for _ in range(7)]
        if first == 0x2001 and words[1] < 0x0200:
            continue  # 2001:0000-01ff holds special-purpose and documentation blocks
        a = ipaddress.IPv6Address(":".join(f"{w:x}" for w in words))
        if a.is_global:
            return a.compressed


def private_ipv4(rng):
    k = rng.random()
    if k < 0.45:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if k < 0.8:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def hexstr(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def md5(rng):
    return hexstr(rng, 32)


def sha1(rng):
    return hexstr(rng, 40)


def sha256(rng):
    s = hexstr(rng, 64)
    return s.upper() if rng.random() < 0.15 else s


def domain(rng):
    k = rng.random()
    if k < 0.5:
        name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
    elif k < 0.8:
        name = f"{rng.choice(WORDS)}{rng.randint(1, 99)}"
    else:
        name = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 11)))
    if rng.random() < 0.2:
        name = f"{rng.choice(WORDS)}.{name}"
    return f"{name}.{rng.choice(TLDS)}"


def url(rng, host=None):
    host = host or (domain(rng) if rng.random() < 0.8 else public_ipv4(rng))
    scheme = rng.choice(["https", "https", "http"])
    u = f"{scheme}://{host}/{rng.choice(PATHS)}"
    if rng.random() < 0.3:
        u += f"?id={hexstr(rng, 8)}"
    return u


def defang(s):
    return s.replace("http", "hxxp", 1).replace(".", "[.]")


def cve(rng):
    year = rng.randint(2017, 2026)
    return f"CVE-{year}-{rng.randint(1000, 59999)}"


def attacker_email(rng, free=True):
    local = rng.choice([
        f"{rng.choice(WORDS)}.{rng.choice(WORDS)}{rng.randint(1, 999)}",
        f"{rng.choice(WORDS)}-{rng.choice(['team', 'desk', 'dept', 'notice', 'alert'])}",
        "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(10)),
    ])
    return f"{local}@{rng.choice(FREEMAIL) if free else domain(rng)}"


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d") \
            .replace("Đ", "D").replace("ß", "ss")


def is_latin(s):
    return all(ord(c) < 0x250 or not c.isalpha() for c in s)


def slug(s):
    s = ascii_fold(s).lower()
    return "".join(c for c in s if c.isalnum())
