"""blind11: an eleventh blind evaluation corpus for `ward scrub` (issue 18).

Written without opening the scrubber, its results, score.py, the other generators or any
other corpus. Every document is assembled from segments (gold spans are built together with the
text, never searched for afterwards). Seed 11011.

    .venv/bin/python gen/gen_blind11.py            # writes blind11/blind11.jsonl and MANIFEST.md
    .venv/bin/python gen/gen_blind11.py --check    # rebuilds in memory, self-tests, compares bytes
"""

import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spandoc  # noqa: E402  (re-executes with a fixed hash seed)
from spandoc import Doc, I, X, N, record, write_corpus, manifest  # noqa: E402
import indicators as ind  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 11011
PER_STYLE = 7
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "blind11")
CORPUS = os.path.join(OUT_DIR, "blind11.jsonl")
MANIFEST = os.path.join(OUT_DIR, "MANIFEST.md")

# --------------------------------------------------------------------------------------------
# shared drawing helpers

R = random.Random(SEED)
FK = Faker("en_US")
FK.seed_instance(SEED)
FAKERS = {}


def faker(loc):
    if loc not in FAKERS:
        f = Faker(loc)
        f.seed_instance(SEED + len(FAKERS) + 1)
        FAKERS[loc] = f
    return FAKERS[loc]


def ch(seq):
    return seq[R.randrange(len(seq))]


def chance(p):
    return R.random() < p


def digits(n):
    return "".join(str(R.randint(0, 9)) for _ in range(n))


def hexs(n, upper=False):
    s = ind.hexstr(R, n)
    return s.upper() if upper else s


ORG_KINDS = [("Regional Medical Center", "rmc"), ("Community Hospital", "ch"),
             ("Health System", "hs"), ("Family Clinic", "fc"), ("Children's Hospital", "kids"),
             ("Surgical Center", "sc"), ("Behavioral Health", "bh"), ("Medical Group", "mg"),
             ("Cancer Institute", "ci"), ("Rehabilitation Hospital", "rehab"),
             ("Women's Health Partners", "whp"), ("Kidney Care", "kc")]
ORG_PLACES = ["Cedar Hollow", "Bramblewood", "Stonebridge", "Kettle Falls", "Marrow Creek",
              "Oakhaven", "Pine Ridge", "Larkspur", "Willow Bend", "Harbor Point", "Copper Valley",
              "Silverlake", "Foxglove", "Millbrook", "Tallgrass", "Eastmoor", "Quarry Hill",
              "Redfern", "Summit Lake", "Blue Heron", "Ashgrove", "Northfield", "Granite Bay",
              "Sagebrush", "Wrenfield", "Lantern Hill", "Ironwood", "Clearwater Bay"]
TLDS_ORG = ["org", "org", "com", "net", "health"]


class Org:
    def __init__(self):
        place = ch(ORG_PLACES)
        kind, k = ch(ORG_KINDS)
        self.name = f"{place} {kind}"
        base = "".join(c for c in place.lower() if c.isalpha())
        self.domain = f"{base}{k}.{ch(TLDS_ORG)}"
        self.domains = [self.domain]
        if chance(0.4):
            self.domains.append(f"{base}-{ch(['mychart', 'portal', 'patients'])}.com")
        self.code = ("".join(w[0] for w in place.split()) + k[:2]).upper()
        self.ad = ch(["CORP", "HEALTH", "MED", "AD", "CLIN"])

    def js(self):
        return {"name": self.name, "domains": list(self.domains)}


class Person:
    def __init__(self, loc="en_US"):
        f = FK if loc == "en_US" else faker(loc)
        self.first = f.first_name()
        self.last = f.last_name()
        self.dob = dt.date(1931, 1, 1) + dt.timedelta(days=R.randint(0, 33000))
        self.mrn = ch(["", "M", "E", "00"]) + digits(R.randint(7, 9))
        self.phone = us_phone()
        self.street = FK.street_address()
        self.city = FK.city()
        self.state = FK.state_abbr()
        self.zip = FK.zipcode()
        self.ssn = f"{R.randint(100, 665)}-{R.randint(10, 99)}-{R.randint(1000, 9999)}"
        self.plan = ch(["XJH", "W", "BCB", "ZGP", "UHC", "MCD"]) + digits(R.randint(8, 10))
        self.email = f"{slug(self.first)}{ch(['.', '_', ''])}{slug(self.last)}{R.randint(1, 99)}@{ch(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net'])}"

    @property
    def full(self):
        return f"{self.first} {self.last}"

    def age(self):
        return (REF_DATE - self.dob).days // 365


REF_DATE = dt.date(2026, 11, 20)


def age_span(n):
    """Ages over 89 are identifiers (Safe Harbor); younger ones neutral, as in the earlier corpora."""
    return I(str(n), "AGE") if n > 89 else N(str(n), "AGE_UNDER_90")


def slug(s):
    return ind.slug(s)


def us_phone():
    a, b, c = R.randint(201, 989), R.randint(200, 989), R.randint(0, 9999)
    return ch([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}", f"+1 {a} {b} {c:04d}"])


class Staff:
    def __init__(self, org):
        self.first = FK.first_name()
        self.last = FK.last_name()
        self.org = org
        f, l = slug(self.first), slug(self.last)
        self.user = ch([f"{f[0]}{l}", f"{f}.{l}", f"{l}{f[0]}", f"{f[0]}{l[:6]}{R.randint(1, 9)}"])
        self.email = f"{f}.{l}@{org.domain}"
        self.ext = f"x{R.randint(2000, 7999)}"
        self.title = ch(["RN", "MD", "NP", "PA-C", "LPN", "RT", "PharmD", "MA", "CNA", ""])

    @property
    def full(self):
        return f"{self.first} {self.last}"


DEPTS = ["ED", "ICU", "NUR", "RAD", "LAB", "PHA", "REG", "BIL", "HIM", "ORT", "ONC", "PED", "OR"]


def host(org, kind=None):
    kind = kind or ch(["WS", "PC", "LT", "KIOSK", "SRV", "VM", "CART"])
    h = ch([f"{org.code}-{ch(DEPTS)}-{kind}{R.randint(10, 999)}",
            f"{org.code.lower()}{ch(DEPTS).lower()}{kind.lower()}{R.randint(1, 99):02d}",
            f"{ch(DEPTS)}{kind}{R.randint(100, 9999)}"])
    return h


def fqdn(org, h=None):
    return f"{(h or host(org)).lower()}.{ch(['corp', 'ad', 'int', 'clin'])}.{org.domain}"


def priv():
    return ind.private_ipv4(R)


def pub():
    return ind.public_ipv4(R)


def ts(base=None, secs=None):
    base = base or dt.datetime(2026, R.randint(9, 11), R.randint(1, 28), R.randint(0, 23),
                               R.randint(0, 59), R.randint(0, 59))
    return base + dt.timedelta(seconds=secs if secs is not None else R.randint(1, 400))


def dfmt(d, style=None):
    style = style or ch(["us", "iso", "dmy", "long"])
    return {"us": d.strftime("%m/%d/%Y"), "iso": d.strftime("%Y-%m-%d"),
            "dmy": d.strftime("%d-%b-%Y"), "long": d.strftime("%B %d, %Y").replace(" 0", " ")}[style]


def svc_date():
    return dt.date(2026, R.randint(6, 11), R.randint(1, 28))


def att_phone():
    return ch([f"+1 ({R.randint(800, 888)}) {R.randint(200, 989)}-{R.randint(0, 9999):04d}",
               f"1-{ch(['844', '855', '866', '877', '888'])}-{R.randint(200, 989)}-{R.randint(0, 9999):04d}",
               f"+44 20 {R.randint(3000, 8999)} {R.randint(1000, 9999)}",
               f"+234 {R.randint(700, 909)} {R.randint(100, 999)} {R.randint(1000, 9999)}",
               f"({R.randint(201, 989)}) {R.randint(200, 989)}-{R.randint(0, 9999):04d}"])


def att_mac():
    return ":".join(f"{R.randint(0, 255):02x}" for _ in range(6))


def wallet():
    return ch(["bc1q" + "".join(ch("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38)),
               "4" + "".join(ch("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(94))])


def remote_id():
    return ch([f"{R.randint(100, 999)} {R.randint(100, 999)} {R.randint(100, 999)}",
               f"1 {R.randint(100, 999)} {R.randint(100, 999)} {R.randint(100, 999)}",
               digits(9), digits(10)])


ACTORS = ["Scattered Spider", "FIN7", "TA505", "Storm-0501", "UNC3944", "Octo Tempest",
          "Wizard Spider", "Vanilla Tempest", "Luna Moth", "Gold Blackburn", "TA577", "Storm-1811"]


def mal():
    return ch(ind.MALWARE + ind.RANSOM)


def LT(t, fmt):
    return N(t.strftime(fmt), "LOGTIME")


def dom_user(org, s):
    return [org.ad + "\\", I(s.user, "USERNAME")]


# ============================================================================================
# machine-made: logs, exports and command outputs

def s_sonicwall(org):
    d = Doc()
    t = ts()
    fwname = f"{org.code}-{ch(['NSA', 'TZ', 'NSsp'])}{ch(['2700', '3700', '570', '6700'])}"
    aip, staff = pub(), Staff(org)
    for i in range(R.randint(4, 8)):
        t = ts(t)
        kind = ch(["allow", "allow", "ips", "geo", "botnet", "sslvpn", "arp"])
        d.t("<134>id=firewall sn=").t(f"{ch(['0017C5', '2CB8ED', '18B169'])}{hexs(6, True)}").t(' time="')
        d.put(LT(t, "%Y-%m-%d %H:%M:%S")).t(' UTC" fw=').put(I(priv(), "IP")).t(" pri=")
        if kind == "allow":
            d.t(f'6 c=1024 m=537 msg="Connection Closed" n={R.randint(10000, 99999)} src=')
            d.put(I(priv(), "IP")).t(f":{R.randint(49152, 65535)}:X0:").put(I(host(org), "HOSTNAME"))
            d.t(f" dst=52.{R.randint(96, 114)}.{R.randint(0, 255)}.{R.randint(1, 254)}:443:X1 proto=tcp/https sent={R.randint(500, 90000)} rcvd={R.randint(500, 900000)}")
            if chance(0.6):
                d.t(' usr="').put(I(ch([staff.user, Staff(org).user]), "USERNAME")).t('"')
        elif kind == "ips":
            c = ind.cve(R)
            d.t(f'1 c=32 m=608 msg="IPS Detection Alert: WEB-ATTACKS {ch(["Apache Struts", "Citrix ADC", "Ivanti Connect", "MOVEit"])} (')
            d.put(X(c, "CVE")).t(f')" sid={R.randint(1000, 20000)} ipscat="WEB-ATTACKS" ipspri=1 src=').put(X(aip, "IPV4"))
            d.t(f":{R.randint(1024, 65535)}:X1 dst=").put(I(priv(), "IP")).t(':443:X0 proto=tcp/https fw_action="drop"')
        elif kind == "geo":
            d.t(f'3 c=32 m=1198 msg="Initiator from country blocked: Initiator IP:').put(X(pub(), "IPV4"))
            d.t(f' Initiator Country:{ch(["Russia", "China", "North Korea", "Iran"])}" n={R.randint(100, 9999)} src=').put(X(pub(), "IPV4")).t(":0:X1")
        elif kind == "botnet":
            d.t('2 c=32 m=1201 msg="Responder from Botnet blocked: Responder IP:').put(X(aip, "IPV4"))
            d.t(f'" src=').put(I(priv(), "IP")).t(f":{R.randint(49152, 65535)}:X0:").put(I(host(org), "HOSTNAME"))
            d.t(" dst=").put(X(aip, "IPV4")).t(":443:X1 dstname=").put(X(ind.domain(R), "DOMAIN"))
        elif kind == "arp":
            d.t(f'1 c=32 m=45 msg="Possible ARP attack from MAC address" srcMac=').put(X(att_mac(), "MAC_ATTACKER")).t(" src=").put(I(priv(), "IP")).t(":0:X0 dstMac=").t(ch(["ff:ff:ff:ff:ff:ff", "00:17:c5:00:00:01"]))
        else:
            d.t('6 c=1024 m=1080 msg="SSL VPN zone remote user login allowed" src=').put(I(ch([pub(), priv()]), "IP"))
            d.t(":0:X1 dst=").put(I(priv(), "IP")).t(' usr="').put(I(staff.user, "USERNAME")).t('"')
        d.t("\n")
    return d, "en_US"


def s_watchguard(org):
    d = Doc()
    t = ts()
    box = f"{org.code}-{ch(['M470', 'M590', 'T80', 'FBX'])}-{ch(['A', 'B', '01'])}"
    aip = pub()
    staff = [Staff(org) for _ in range(3)]
    for i in range(R.randint(5, 9)):
        t = ts(t)
        d.put(LT(t, "%b %d %H:%M:%S")).t(" ").put(I(box, "HOSTNAME")).t(" ")
        k = ch(["deny", "allow", "proxy", "auth"])
        if k == "deny":
            d.t(f'firewall: msg_id="3000-0148" Deny 0-External 1-Trusted {R.randint(40, 60)} tcp 20 {R.randint(40, 128)} ')
            d.put(X(aip, "IPV4")).t(" ").put(I(priv(), "IP")).t(f" {R.randint(1024, 65535)} {ch(['3389', '445', '22', '1433'])} offset 5 S {R.randint(10**8, 10**9)} win 1024 (Unhandled External Packet-00)\n")
        elif k == "allow":
            s = ch(staff)
            d.t(f'firewall: msg_id="3000-0151" Allow 1-Trusted 0-External {R.randint(40, 1500)} tcp 20 128 ')
            d.put(I(priv(), "IP")).t(" ").put(X(pub() if chance(0.5) else aip, "IPV4")).t(f" {R.randint(49152, 65535)} 443 offset 8 S {R.randint(10**8, 10**9)} win 64240 (Outgoing-proxy-00) ")
            d.t('src_user="').put(I(s.user, "USERNAME")).t(f'@{org.ad}"\n')
        elif k == "proxy":
            s = ch(staff)
            d.t(f'http-proxy[{R.randint(1000, 9999)}]: msg_id="1AFF-0021" Deny 1-Trusted 0-External tcp ').put(I(priv(), "IP"))
            d.t(" ").put(X(aip, "IPV4")).t(f' {R.randint(49152, 65535)} 80 msg="ProxyDeny: HTTP request URL match" proxy_act="HTTP-Client.Standard.1" rule_name="Default" dstname="')
            d.put(X(ind.domain(R), "DOMAIN")).t('" arg="/').t(ch(ind.PATHS)).t('" geo_dst="').t(ch(["RUS", "CHN", "NLD", "ROU"])).t('" src_user="').put(I(s.user, "USERNAME")).t('"\n')
        else:
            s = ch(staff)
            d.t('admd[2212]: msg_id="3E00-0002" Authentication of Mobile VPN with SSL user [').put(I(s.user, "USERNAME")).t(f"@{org.ad}] from ")
            d.put(I(pub(), "IP")).t(" was accepted\n")
    if chance(0.5):
        s = ch(staff)
        d.t("\n# note: the SSL VPN logins from ").put(I(s.full, "NAME")).t("'s home are expected; the drops from ").put(X(aip, "IPV4")).t(" are the scanner in the ").put(X(ch(ind.RANSOM), "MALWARE")).t(" advisory.\n")
    return d, "en_US"


def s_ironport(org):
    d = Doc()
    t = ts()
    mid, icid = R.randint(10**6, 10**7), R.randint(10**6, 10**7)
    st = Staff(org)
    pt = Person()
    phish = chance(0.6)
    def line(msg):
        nonlocal t
        t = ts(t, R.randint(0, 3))
        d.put(LT(t, "%a %b %d %H:%M:%S %Y")).t(" Info: ")
        d.put(msg).t("\n")
    if phish:
        ap = pub()
        sender = ind.attacker_email(R)
        line(Doc().t(f"New SMTP ICID {icid} interface Data 1 address ").put(I(priv(), "IP")).t(" reverse dns host ").put(X(ind.domain(R), "DOMAIN")).t(" verified no"))
        line(Doc().t(f"ICID {icid} ACCEPT SG UNKNOWNLIST match sbrs[-3.4:-1.0] SBRS -2.1 country ").t(ch(["Nigeria", "Russian Federation", "Vietnam", "Brazil"])))
        line(Doc().t(f"ICID {icid} relay from ").put(X(ap, "IPV4")))
        line(Doc().t(f"Start MID {mid} ICID {icid}"))
        line(Doc().t(f"MID {mid} ICID {icid} From: <").put(X(sender, "EMAIL_ATTACKER")).t(">"))
        line(Doc().t(f"MID {mid} ICID {icid} RID 0 To: <").put(I(st.email, "EMAIL")).t(">"))
        line(Doc().t(f"MID {mid} Subject '{ch(['Payroll update required', 'Voicemail from', 'Shared file:', 'Action needed: badge access'])} ").put(I(st.first, "NAME")).t("'"))
        line(Doc().t(f"MID {mid} attachment '").t(ch(["VM_", "Payslip_", "Doc_"])).t(f"{R.randint(1000, 9999)}.htm'"))
        line(Doc().t(f"MID {mid} URL ").put(X(ind.url(R), "URL")).t(" has reputation -8.4"))
        line(Doc().t(f"MID {mid} Outbreak Filters: verdict positive, threat {ch(['Phish', 'Malware'])}"))
        line(Doc().t(f"MID {mid} quarantined to \"Outbreak\" (content filter: cf_html_attach)"))
    else:
        line(Doc().t(f"Start MID {mid} ICID {icid}"))
        line(Doc().t(f"MID {mid} ICID {icid} From: <").put(I(pt.email, "EMAIL")).t(">"))
        line(Doc().t(f"MID {mid} ICID {icid} RID 0 To: <").put(I(st.email, "EMAIL")).t(">"))
        line(Doc().t(f"MID {mid} Subject 'Re: records request for ").put(I(pt.full, "NAME")).t(" DOB ").put(I(dfmt(pt.dob, "us"), "DATE")).t("'"))
        line(Doc().t(f"MID {mid} attachment '").put(I(pt.last, "NAME")).t("_insurance_card.jpg'"))
        line(Doc().t(f"MID {mid} DLP violation: HIPAA policy, severity HIGH, action encrypt"))
        line(Doc().t(f"MID {mid} queued for delivery"))
    return d, "en_US"


def s_netskope(org):
    st = Staff(org)
    pt = Person()
    t = ts()
    h = host(org, "LT")
    kind = ch(["malware", "dlp", "uba", "malware"])
    d = Doc().t("{\n")
    d.t(f'  "_id": "{hexs(24)}",\n  "timestamp": {int(t.replace(tzinfo=dt.timezone.utc).timestamp())},\n')
    d.t(f'  "alert_type": "{kind}",\n  "alert_name": "').t({"malware": "Malware download blocked", "dlp": "DLP-PHI-Upload", "uba": "Impossible travel"}[kind]).t('",\n')
    d.t('  "user": "').put(I(st.email, "EMAIL")).t('",\n  "ur_normalized": "').put(I(st.email.lower(), "EMAIL")).t('",\n')
    d.t('  "hostname": "').put(I(h, "HOSTNAME")).t('",\n  "srcip": "').put(I(priv(), "IP")).t('",\n')
    if kind == "malware":
        aip = pub()
        d.t('  "app": "').t(ch(["Dropbox", "OneDrive for Business", "Web Browsing", "WeTransfer"])).t('",\n')
        d.t('  "url": "').put(X(ind.url(R), "URL")).t('",\n  "dstip": "').put(X(aip, "IPV4")).t('",\n')
        d.t('  "malware_name": "').put(X(mal(), "MALWARE")).t('",\n  "local_sha256": "').put(X(ind.sha256(R), "SHA256")).t('",\n')
        d.t('  "file_path": "C:\\\\Users\\\\').put(I(st.user, "USERNAME")).t('\\\\Downloads\\\\').t(ch(["invoice_", "scan_", "update_"])).t(f'{R.randint(100, 999)}.zip",\n')
        d.t('  "action": "block"\n}\n')
    elif kind == "dlp":
        d.t('  "app": "').t(ch(["Google Drive", "Box", "Personal Gmail"])).t('",\n  "activity": "Upload",\n')
        d.t('  "object": "').put(I(pt.last, "NAME")).t("_").put(I(pt.first, "NAME")).t("_").put(I(pt.mrn, "MRN")).t('.pdf",\n')
        d.t(f'  "dlp_rule": "US-PHI-MRN", "dlp_rule_count": {R.randint(2, 40)},\n')
        d.t('  "instance_id": "').put(I(st.email.split("@")[0] + "@gmail.com", "EMAIL")).t('",\n  "action": "alert"\n}\n')
    else:
        d.t('  "app": "Microsoft 365",\n  "slc": "').put(I(FK.city(), "CITY")).t('", "src_country": "US",\n')
        d.t('  "dst_location": "').t(ch(["Lagos", "Bucharest", "Ho Chi Minh City", "Moscow"])).t('", "dstip_attacker": "').put(X(pub(), "IPV4")).t('",\n')
        d.t('  "user_home_ip": "').put(I(pub(), "IP")).t('",\n  "action": "alert"\n}\n')
    return d, "en_US"


def s_entra_audit(org):
    d = Doc().t('{"value": [\n')
    admin, victim = Staff(org), Staff(org)
    aip = pub()
    t = ts()
    n = R.randint(2, 4)
    for i in range(n):
        t = ts(t)
        act = ch(["Update user", "Reset password (by admin)", "User registered security info", "Add member to group"])
        bad = act == "User registered security info" or chance(0.3)
        d.t(f'  {{"id": "Directory_{hexs(8)}-{hexs(4)}", "category": "UserManagement", "activityDateTime": "').put(LT(t, "%Y-%m-%dT%H:%M:%S.%fZ")).t(f'",\n   "activityDisplayName": "{act}", "result": "success",\n')
        d.t('   "initiatedBy": {"user": {"userPrincipalName": "')
        who = victim if bad else admin
        d.put(I(who.email, "EMAIL")).t('", "ipAddress": "').put(X(aip, "IPV4") if bad else I(ch([priv(), pub()]), "IP")).t('"}},\n')
        d.t('   "targetResources": [{"type": "User", "displayName": "').put(I(victim.full, "NAME")).t('", "userPrincipalName": "').put(I(victim.email, "EMAIL")).t('"')
        if act in ("Update user", "User registered security info"):
            d.t(',\n     "modifiedProperties": [{"displayName": "StrongAuthenticationPhoneNumber", "oldValue": "[\\"').put(I(us_phone(), "PHONE")).t('\\"]", "newValue": "[\\"')
            d.put(X(att_phone(), "PHONE_ATTACKER") if bad else I(us_phone(), "PHONE")).t('\\"]"}]')
        d.t("}]}" + (",\n" if i < n - 1 else "\n"))
    d.t("]}\n")
    return d, "en_US"


def s_onelogin(org):
    d = Doc().t(ch(["id,created_at,event_type,user_name,actor_user_name,ipaddr,app_name,notes\n",
                    "id,created_at,event_type,user_name,actor_user_name,ipaddr,app_name,notes\r\n"]))
    eol = "\r\n" if "\r" in d.plain() else "\n"
    staff = [Staff(org) for _ in range(3)]
    aip = pub()
    t = ts()
    for i in range(R.randint(5, 9)):
        t = ts(t)
        s = ch(staff)
        ev = ch(["USER_LOGGED_INTO_ONELOGIN", "USER_LOGGED_INTO_APP", "OTP_DEVICE_REGISTERED", "USER_REJECTED_MFA", "ADMIN_RESET_PASSWORD"])
        bad = ev in ("OTP_DEVICE_REGISTERED", "USER_REJECTED_MFA") and chance(0.7)
        d.t(f"{R.randint(10**9, 10**10)},").put(LT(t, "%Y-%m-%d %H:%M:%S UTC")).t(f",{ev},").put(I(s.full, "NAME")).t(",")
        if ev == "ADMIN_RESET_PASSWORD":
            d.put(I(ch(staff).full, "NAME"))
        d.t(",").put(X(aip, "IPV4") if bad else I(ch([priv(), pub()]), "IP")).t(",")
        d.t(ch(["Epic Hyperspace", "Workday", "Kronos", "UKG", "Citrix Workspace", ""])).t(",")
        if bad:
            d.t(ch(['"OneLogin Protect registered from new device"', '"push denied by user"', '"7 pushes in 2 min"']))
        d.t(eol)
    return d, "en_US"


def win_user_path(d, st, tail):
    d.t("C:\\Users\\").put(I(st.user, "USERNAME")).t("\\" + tail)


def s_apexone(org):
    d = Doc().t("Generated,Received,Endpoint,IP address,User,Security Threat,Threat type,File name,File path,SHA-256,Action\n")
    staff = [Staff(org) for _ in range(3)]
    t = ts()
    for i in range(R.randint(3, 7)):
        t = ts(t)
        s = ch(staff)
        d.put(LT(t, "%m/%d/%Y %H:%M")).t(",").put(LT(ts(t, 40), "%m/%d/%Y %H:%M")).t(",").put(I(host(org), "HOSTNAME")).t(",").put(I(priv(), "IP")).t(",")
        d.t(org.ad + "\\").put(I(s.user, "USERNAME")).t(",")
        if chance(0.75):
            m = mal()
            fn = ch(["svchost32.exe", "update.js", "Invoice.iso", "setup_x64.msi", "a.ps1"])
            d.put(X(f"{ch(['TROJ', 'Ransom', 'Backdoor'])}.Win64.{m.upper().replace(' ', '')}.{ch(['A', 'SM', 'YXEK'])}", "MALWARE"))
            d.t(f",Malware,{fn},")
            win_user_path(d, s, f"AppData\\Local\\Temp\\{fn}")
            d.t(",").put(X(ind.sha256(R), "SHA256")).t(ch([",Quarantined", ",Cleaned", ",Unable to clean"])).t("\n")
        else:
            p = Person()
            d.t("HEUR_OLEXP.B,Suspicious macro,")
            fn = Doc().t("Referral_").put(I(p.last, "NAME")).t("_").put(I(p.first, "NAME")).t(".docm")
            d.put(fn).t(",")
            win_user_path(d, s, "Documents\\")
            d.put(fn).t(",").put(N(ind.sha256(R), "HASH")).t(",Passed (false positive)\n")
    return d, "en_US"


def s_eset(org):
    sep = ";"
    d = Doc().t(sep.join(["Time occurred", "Computer name", "Computer IP", "Detection", "Object", "Hash", "Action", "User"]) + "\n")
    staff = [Staff(org) for _ in range(3)]
    t = ts()
    for i in range(R.randint(3, 7)):
        t = ts(t)
        s = ch(staff)
        d.put(LT(t, "%Y-%m-%d %H:%M:%S")).t(sep).put(I(fqdn(org), "HOSTNAME")).t(sep).put(I(priv(), "IP")).t(sep)
        k = ch(["file", "url", "net"])
        if k == "file":
            d.t(f"{ch(['Win32', 'MSIL', 'JS'])}/").put(X(ch(["Agent.AFTX", "Kryptik.HVTB", "TrojanDownloader.Agent", "Spy.RedLine.A", "Filecoder.Akira.A"]), "MALWARE")).t(" trojan" + sep)
            d.t("file:///C:/Users/").put(I(s.user, "USERNAME")).t(f"/Downloads/{ch(['doc', 'fax', 'scan'])}{R.randint(10, 99)}.exe" + sep)
            d.put(X(ind.sha1(R), "SHA1")).t(sep + "cleaned by deleting" + sep)
        elif k == "url":
            d.t("Blocked by internal blacklist" + sep).put(X(ind.url(R), "URL")).t(sep + sep + "connection terminated" + sep)
        else:
            d.t(f"Network attack: ").put(X(ind.cve(R), "CVE")).t(sep + "TCP ").put(X(pub(), "IPV4")).t(f":{R.randint(1024, 65535)}" + sep + sep + "blocked" + sep)
        d.t(org.ad + "\\").put(I(s.user, "USERNAME")).t("\n")
    return d, "en_US"


def s_qradar_mail(org):
    d = Doc()
    st, an = Staff(org), Staff(org)
    oid = R.randint(1000, 99999)
    t = ts()
    src = priv()
    h = host(org)
    d.t("From: ").put(I(f"qradar@{org.domain}", "EMAIL")).t("\nTo: ").put(I(an.email, "EMAIL")).t(f"\nSubject: [QRadar] Offense {oid} updated - ")
    cat = ch(["Suspicious Outbound Beaconing", "Password Spray Detected", "Malware Communication"])
    d.t(cat + "\nDate: ").put(N(t.strftime("%a, %d %b %Y %H:%M:%S +0000"), "MAILTIME")).t("\n\n")
    d.t(f"Offense ID: {oid}\nDescription: {cat} preceded by Local to Remote Traffic\nMagnitude: {R.randint(3, 9)}\n")
    d.t("Offense Source: ").put(I(src, "IP")).t(" (").put(I(h, "HOSTNAME")).t(")\n")
    d.t("Source Username: ").put(I(st.user, "USERNAME")).t("\n")
    d.t(f"Start Time: ").put(LT(t, "%b %d, %Y, %I:%M:%S %p")).t("\n")
    d.t(f"Event count: {R.randint(20, 5000)} across {R.randint(1, 6)} log sources\n")
    d.t("Remote destinations:\n")
    for _ in range(R.randint(1, 4)):
        d.t("  ").put(X(pub(), "IPV4")).t(" ").t(ch(["(Remote Net: Other)", "(Reputation: C2)", ""])).t("\n")
    if chance(0.6):
        d.t("Domains: ").put(X(ind.domain(R), "DOMAIN")).t("\n")
    d.t("Rules fired: BB:CategoryDefinition: Firewall Permit; ").t(ch(["Remote: Known Botnet", "Local: Excessive Auth Failures"])).t("\n\n")
    d.t(f"Assigned to: ").put(I(an.full, "NAME")).t(f"\nNotes: ").t(ch(["User is on the oncology night shift; ", "", "Host sits at the ED triage desk; "]))
    d.t("matches ").put(X(ch(ind.MITRE), "MITRE"))
    if chance(0.6):
        d.t(ch(["; infrastructure overlaps ", "; TI attributes the C2 to "])).put(X(ch(ACTORS), "ACTOR"))
    d.t(".\n")
    return d, "en_US"


def s_hunting(org):
    d = Doc()
    d.t(ch(["// Advanced hunting: ", "// AH query - "])).t(ch(["suspicious rundll32 with network", "AnyDesk installs last 7d", "LSASS access"])).t("\n")
    d.t("DeviceProcessEvents | where Timestamp > ago(7d) | where ProcessCommandLine has_any (\"rundll32\",\"anydesk\",\"comsvcs\")\n")
    d.t("| project Timestamp, DeviceName, AccountName, ProcessCommandLine, RemoteIP, SHA256\n\n")
    d.t("Timestamp,DeviceName,AccountName,ProcessCommandLine,RemoteIP,SHA256\n")
    staff = [Staff(org) for _ in range(3)]
    t = ts()
    for i in range(R.randint(3, 6)):
        t = ts(t)
        s = ch(staff)
        d.put(LT(t, "%Y-%m-%dT%H:%M:%S.%fZ")).t(",").put(I(fqdn(org), "HOSTNAME")).t(",").put(I(s.user, "USERNAME")).t(',"')
        k = ch(["dump", "any", "net"])
        if k == "dump":
            d.t(f"rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump {R.randint(500, 900)} C:\\ProgramData\\lsass.dmp full")
        elif k == "any":
            d.t("C:\\Users\\").put(I(s.user, "USERNAME")).t("\\Downloads\\AnyDesk.exe --install C:\\ProgramData\\AnyDesk --start-with-win --silent")
        else:
            d.t("net.exe user ").put(I(ch(staff).user, "USERNAME")).t(" /domain")
        d.t('",').put(X(pub(), "IPV4") if chance(0.6) else I(priv(), "IP")).t(",").put(X(ind.sha256(R), "SHA256")).t("\n")
    return d, "en_US"


def dns_labels(d, name, cat, typ):
    enc = "".join(f"({len(p)}){p}" for p in name.split(".")) + "(0)"
    d.put((enc, cat, typ))


def s_dnsdebug(org):
    d = Doc()
    t = ts()
    for i in range(R.randint(6, 10)):
        t = ts(t, R.randint(0, 5))
        d.put(N(f"{t.month}/{t.day}/{t.year} {t.strftime('%I:%M:%S %p').lstrip('0')}", "LOGTIME"))
        d.t(f" {hexs(4, True)} PACKET  {hexs(16, True)} UDP {ch(['Rcv', 'Snd'])} ").put(I(priv(), "IP")).t(f"   {hexs(4)}   Q [0001   D   NOERROR] {ch(['A     ', 'AAAA  ', 'TXT   '])} ")
        k = ch(["bad", "int", "bad", "ok"])
        if k == "bad":
            dns_labels(d, ind.domain(R), "ind", "DOMAIN")
        elif k == "int":
            h = host(org).lower()
            d.t(f"({len(h)})").put(I(h, "HOSTNAME"))
            sfx = "".join(f"({len(p)}){p}" for p in (ch(["corp", "ad"]),) + tuple(org.domain.split(".")))
            d.put(I(sfx, "HOSTNAME")).t("(0)")
        else:
            dns_labels(d, ch(["login.microsoftonline.com", "www.google.com", "update.epic.com", "ocsp.digicert.com"]), None, None)
        d.t("\n")
    return d, "en_US"


def s_fail2ban(org):
    d = Doc()
    t = ts()
    jails = ["sshd", "portal-auth", "nginx-botsearch", "postfix-sasl"]
    home = pub()
    who = Staff(org)
    ips = [pub() for _ in range(3)]
    for i in range(R.randint(5, 9)):
        t = ts(t, R.randint(1, 90))
        pid = 812
        j = ch(jails)
        k = ch(["found", "found", "ban", "unban"])
        d.put(N(t.strftime("%Y-%m-%d %H:%M:%S") + f",{R.randint(100, 999)}", "LOGTIME"))
        if k == "found":
            d.t(f" fail2ban.filter         [{pid}]: INFO    [{j}] Found ").put(X(ch(ips), "IPV4")).t(" - ").put(N(t.strftime("%Y-%m-%d %H:%M:%S"), "LOGTIME")).t("\n")
        elif k == "ban":
            d.t(f" fail2ban.actions        [{pid}]: NOTICE  [{j}] Ban ").put(X(ch(ips), "IPV4")).t("\n")
        else:
            d.t(f" fail2ban.actions        [{pid}]: NOTICE  [{j}] Unban ").put(I(home, "IP")).t("\n")
    d.t("\n").t(ch(["# manual: ", "-- admin note: "])).t("unbanned ").put(I(home, "IP")).t(", that is ").put(I(who.full, "NAME")).t(ch(["'s home connection (ticket ", " working from home (ticket "])).t(f"INC{R.randint(100000, 999999)}).\n")
    d.t("# the remaining bans are the spray from ").put(X(ch(ips), "IPV4")).t("; abuse contact notified.\n")
    return d, "en_US"


def s_tasklist(org):
    d = Doc()
    h = host(org)
    st = Staff(org)
    pt = Person()
    d.t(ch(["C:\\> ", "PS C:\\Windows\\system32> "])).t("tasklist /v /s ").put(I(h, "HOSTNAME")).t(" /fo table\n\n")
    d.t("Image Name                     PID Session Name        Session#    Mem Usage Status          User Name                                              CPU Time Window Title\n")
    d.t("========================= ======== ================ =========== ============ =============== ================================================== ============ ========================================================================\n")
    rows = [("explorer.exe", "Explorer"), ("Hyperspace.exe", "ehr"), ("OUTLOOK.EXE", "mail"),
            ("AnyDesk.exe", "any"), ("svchost.exe", None), ("chrome.exe", "web")]
    R.shuffle(rows)
    for img, kind in rows[:R.randint(4, 6)]:
        d.t(f"{img:<25} {R.randint(400, 20000):>8} Console                    1 {R.randint(2000, 400000):>9,} K Running         ")
        if kind is None:
            d.t("NT AUTHORITY\\SYSTEM".ljust(50) + " ")
        else:
            d.t(org.ad + "\\").put(I(st.user, "USERNAME")).t(" " * max(1, 49 - len(org.ad) - len(st.user)))
        d.t(f"  0:{R.randint(0, 59):02d}:{R.randint(0, 59):02d} ")
        if kind == "ehr":
            d.t("Epic Hyperspace - ").put(I(pt.last.upper() + ", " + pt.first.upper(), "NAME")).t(" (MRN ").put(I(pt.mrn, "MRN")).t(")")
        elif kind == "mail":
            d.t("Inbox - ").put(I(st.email, "EMAIL")).t(" - Outlook")
        elif kind == "any":
            d.t("AnyDesk - ").put(X(remote_id(), "REMOTE_ID")).t(" (incoming)")
        elif kind == "web":
            d.t("Sign in - ").put(X(ind.domain(R), "DOMAIN")).t(" - Google Chrome")
        elif kind == "Explorer":
            d.t("N/A")
        else:
            d.t("N/A")
        d.t("\n")
    return d, "en_US"


def s_localgroup(org):
    d = Doc()
    h = host(org, "SRV")
    d.t("PS> Invoke-Command -ComputerName ").put(I(h, "HOSTNAME")).t(" { Get-LocalGroupMember -Group ").t(ch(["Administrators", "'Remote Desktop Users'"])).t(" }\n\n")
    d.t("ObjectClass Name                                PrincipalSource PSComputerName\n----------- ----                                --------------- --------------\n")
    for i in range(R.randint(3, 6)):
        k = ch(["user", "user", "group", "local"])
        if k == "user":
            s = Staff(org)
            nm = f"{org.ad}\\{s.user}"
            d.t("User        ").t(org.ad + "\\").put(I(s.user, "USERNAME")).t(" " * max(1, 36 - len(nm))).t("ActiveDirectory ")
        elif k == "group":
            g = ch(["Domain Admins", "Helpdesk-Tier2", "SCCM-Admins", "EPIC-Server-Admins"])
            nm = f"{org.ad}\\{g}"
            d.t("Group       " + nm + " " * max(1, 36 - len(nm)) + "ActiveDirectory ")
        else:
            d.t("User        ").put(I(h, "HOSTNAME")).t("\\" + ch(["Administrator", "svc_backup", "localadmin"]))
            d.t(" " * max(1, 36 - len(h) - 14)).t("Local           ")
        d.put(I(h, "HOSTNAME")).t("\n")
    if chance(0.6):
        s = Staff(org)
        d.t("\n").t(ch(["Reviewer: ", "# checked by "])).put(I(s.full, "NAME")).t(" — ").t(ch(["no unexpected members", "removed stale entry, see change CHG", "one member left over from the 2025 migration"])).t("\n")
    return d, "en_US"


def s_klist(org):
    d = Doc()
    st = Staff(org)
    realm = f"{ch(['CORP', 'AD'])}.{org.domain.upper()}"
    dc = f"{org.code}-DC{R.randint(1, 4):02d}"
    d.t(f"C:\\Users\\").put(I(st.user, "USERNAME")).t("> klist\n\n")
    d.t(f"Current LogonId is 0:0x{hexs(6)}\n\nCached Tickets: ({(n := R.randint(2, 4))})\n\n")
    t = ts()
    for i in range(n):
        svc = ch(["krbtgt/" + realm, "cifs/" + host(org, "SRV").lower() + "." + realm.lower(), "HTTP/" + "epicweb" + "." + realm.lower(), "LDAP/" + dc.lower() + "." + realm.lower()])
        RN = I(realm, "HOSTNAME")
        d.t(f"#{i}>\tClient: ").put(I(st.user, "USERNAME")).t(" @ ").put(RN).t("\n\tServer: ")
        if svc.startswith("krbtgt"):
            d.t("krbtgt/").put(RN)
        else:
            a, b = svc.split("/", 1)
            hh, rest = b.split(".", 1)
            d.t(a + "/").put(I(hh, "HOSTNAME")).t(".").put(I(rest, "HOSTNAME"))
        d.t(" @ ").put(RN).t(f"\n\tKerbTicket Encryption Type: AES-256-CTS-HMAC-SHA1-96\n\tTicket Flags 0x40e10000 -> forwardable renewable initial pre_authent name_canonicalize\n")
        d.t("\tStart Time: ").put(LT(t, "%m/%d/%Y %H:%M:%S")).t(" (local)\n\tEnd Time:   ").put(LT(t + dt.timedelta(hours=10), "%m/%d/%Y %H:%M:%S")).t(" (local)\n")
        d.t("\tSession Key Type: AES-256-CTS-HMAC-SHA1-96\n\tCache Flags: 0x1 -> PRIMARY\n\tKdc Called: ").put(I(dc, "HOSTNAME")).t(".").put(I(realm.lower(), "HOSTNAME")).t("\n\n")
    if chance(0.5):
        d.t("(pasted by ").put(I(Staff(org).full, "NAME")).t(" during the ").t(ch(["ticket review", "pass-the-ticket check"])).t("; technique ").put(X(ch(["T1558.003", "T1550.003"]), "MITRE")).t(")\n")
    return d, "en_US"


def s_ss(org):
    d = Doc()
    srv = host(org, "SRV").lower()
    me = priv()
    st = Staff(org)
    d.t("[").put(I(st.user, "USERNAME")).t("@").put(I(srv, "HOSTNAME")).t(" ~]$ sudo ss -tnp\n")
    d.t("State  Recv-Q Send-Q Local Address:Port    Peer Address:Port  Process\n")
    for i in range(R.randint(4, 8)):
        k = ch(["ssh_in", "bad_out", "int", "db"])
        d.t(f"ESTAB  0      {ch(['0', '36', '0', '52'])}      ").put(I(me, "IP"))
        if k == "ssh_in":
            d.t(":22    ").put(I(priv(), "IP")).t(f':{R.randint(49152, 65535)}  users:(("sshd",pid={R.randint(1000, 60000)},fd=4))\n')
        elif k == "bad_out":
            d.t(f":{R.randint(40000, 60000)}  ").put(X(pub(), "IPV4")).t(f':{ch(["443", "8443", "4444", "53"])}  users:(("{ch(["kworkerd", ".x", "dbus-daemon-", "sshd"])}",pid={R.randint(1000, 60000)},fd=3))\n')
        elif k == "db":
            d.t(":5432  ").put(I(priv(), "IP")).t(f':{R.randint(49152, 65535)}  users:(("postgres",pid={R.randint(1000, 60000)},fd=9))\n')
        else:
            d.t(f":{R.randint(40000, 60000)}  ").put(I(priv(), "IP")).t(':389   users:(("sssd_be",pid=912,fd=22))\n')
    d.t("\n$ who\n")
    for i in range(R.randint(1, 3)):
        s = ch([st, Staff(org)])
        d.put(I(s.user, "USERNAME")).t(f"   pts/{i}        ").put(LT(ts(), "%Y-%m-%d %H:%M")).t(" (").put(I(priv(), "IP")).t(")\n")
    return d, "en_US"


def s_psql(org):
    d = Doc()
    db = ch(["ehr_reporting", "portal", "billing_dw"])
    st = Staff(org)
    d.t(f"{db}=> SELECT mrn, last_name, first_name, dob, phone FROM patients WHERE updated_at > now() - interval '1 day' LIMIT {(n := R.randint(3, 6))};\n")
    d.t("   mrn     | last_name  | first_name |    dob     |     phone\n-----------+------------+------------+------------+----------------\n")
    for i in range(n):
        p = Person()
        d.t(" ").put(I(p.mrn, "MRN")).t(" " * max(1, 10 - len(p.mrn))).t("| ").put(I(p.last, "NAME")).t(" " * max(1, 11 - len(p.last))).t("| ")
        d.put(I(p.first, "NAME")).t(" " * max(1, 11 - len(p.first))).t("| ").put(I(p.dob.isoformat(), "DATE")).t(" | ").put(I(p.phone, "PHONE")).t("\n")
    d.t(f"({n} rows)\n\n")
    d.t(f"{db}=> SELECT usename, client_addr, backend_start, query FROM pg_stat_activity WHERE state = 'active';\n")
    d.t(" usename | client_addr | backend_start | query\n---------+-------------+---------------+------\n")
    d.t(" ").put(I(st.user, "USERNAME")).t(" | ").put(I(priv(), "IP")).t(" | ").put(LT(ts(), "%Y-%m-%d %H:%M:%S+00")).t(" | SELECT * FROM claims LIMIT 50\n")
    if chance(0.7):
        d.t(" ").t(ch(["reporting_ro", "svc_etl"])).t(" | ").put(X(pub(), "IPV4")).t(" | ").put(LT(ts(), "%Y-%m-%d %H:%M:%S+00")).t(" | COPY patients TO PROGRAM 'curl -T - ").put(X(ind.url(R), "URL")).t("'\n")
    d.t("(2 rows)\n")
    return d, "en_US"


def s_rhapsody(org):
    d = Doc()
    t = ts()
    for i in range(R.randint(2, 4)):
        p = Person()
        t = ts(t)
        route = ch(["ADT_Inbound", "LAB_Results_Out", "SIU_Scheduling", "RAD_Orders"])
        d.put(N(t.strftime("%Y-%m-%d %H:%M:%S,") + f"{R.randint(100, 999)}", "LOGTIME")).t(f" ERROR [Route: {route}] [Comm Point: ").t(ch(["EPIC_ADT_IN", "SUNQUEST_OUT", "PACS_TCP_OUT"])).t(f"] Message {R.randint(10**6, 10**7)} ")
        k = ch(["filter", "map", "nak"])
        if k == "filter":
            d.t("failed filter 'Valid DOB': PID-7 '").put(I(p.dob.strftime("%Y%m%d"), "DATE")).t("' is in the future for patient ").put(I(p.last.upper(), "NAME")).t("^").put(I(p.first.upper(), "NAME")).t("\n")
        elif k == "map":
            d.t("mapping error in 'ZPI to PV1': no attending for ").put(I(p.mrn, "MRN")).t("; raw segment follows\n")
            d.t("  PID|1||").put(I(p.mrn, "MRN")).t("^^^").put(I(org.code, "ORG")).t("^MR||").put(I(p.last.upper(), "NAME")).t("^").put(I(p.first.upper(), "NAME")).t("||").put(I(p.dob.strftime("%Y%m%d"), "DATE")).t(f"|{ch(['F', 'M'])}|||").put(I(p.street, "ADDRESS")).t("^^").put(I(p.city, "CITY")).t(f"^{p.state}^").put(I(p.zip, "ZIP")).t("||").put(I(p.phone, "PHONE")).t("\n")
        else:
            d.t("remote returned NAK AE 'Unknown patient' for ").put(I(p.full, "NAME")).t(", account ").put(I(digits(9), "ACCOUNT")).t("; retry 3 of 3\n")
    d.t(ch(["-- engine host ", "Host: "])).put(I(host(org, "SRV"), "HOSTNAME")).t(", on-call: ").put(I(Staff(org).full, "NAME")).t("\n")
    return d, "en_US"


def s_p2sentinel(org):
    d = Doc().t("Alert ID\tRule\tEmployee\tLogin\tDepartment\tPatient\tMRN\tAccess Time\tWorkstation\tRelationship\n")
    for i in range(R.randint(3, 7)):
        e, p = Staff(org), Person()
        rule = ch(["Same Last Name", "Coworker Lookup", "Neighbor Lookup", "VIP Access", "Self Lookup"])
        d.t(f"P2S-{R.randint(100000, 999999)}\t{rule}\t").put(I(f"{e.last}, {e.first}", "NAME")).t("\t").put(I(e.user, "USERNAME")).t(f"\t{ch(['Registration', 'Nursing 4W', 'Billing', 'Radiology', 'Pharmacy'])}\t")
        last = e.last if rule == "Same Last Name" else p.last
        d.put(I(f"{last}, {p.first}", "NAME")).t("\t").put(I(p.mrn, "MRN")).t("\t").put(I(ts().strftime("%m/%d/%Y %H:%M"), "DATETIME")).t("\t").put(I(host(org), "HOSTNAME")).t("\t")
        if rule == "Neighbor Lookup":
            d.t("same street: ").put(I(p.street, "ADDRESS"))
        elif rule == "Coworker Lookup":
            d.t("patient is employee")
        else:
            d.t("-")
        d.t("\n")
    return d, "en_US"


# ============================================================================================
# clinical and business paperwork, messages

def addr_block(d, p, sep=", "):
    d.put(I(p.street, "ADDRESS")).t(sep).put(I(p.city, "CITY")).t(f", {p.state} ").put(I(p.zip, "ZIP"))


def s_advance_directive(org):
    p, agent, alt, wit = Person(), Person(), Person(), Person()
    d = Doc()
    d.t(ch(["ADVANCE HEALTH CARE DIRECTIVE", "Durable Power of Attorney for Health Care and Living Will", "MY HEALTH CARE WISHES"])).t("\n")
    d.t(ch(["(scanned copy, placed in chart by HIM)\n", "", "Page 1 of 3\n"])).t("\n")
    d.t("I, ").put(I(p.full, "NAME")).t(", born ").put(I(dfmt(p.dob), "DATE")).t(", residing at ")
    addr_block(d, p)
    d.t(", designate as my health care agent:\n\n  Name: ").put(I(agent.full, "NAME")).t("\n  Relationship: ").t(ch(["daughter", "son", "spouse", "niece", "friend"])).t("\n  Phone: ").put(I(agent.phone, "PHONE")).t("\n")
    if chance(0.6):
        d.t("  Address: ")
        addr_block(d, agent)
        d.t("\n")
    if chance(0.7):
        d.t("\nAlternate agent: ").put(I(alt.full, "NAME")).t(", ").put(I(alt.phone, "PHONE")).t("\n")
    d.t("\nPart 2. Instructions. ").t(ch(["I do not want my life prolonged if I have an incurable and irreversible condition.",
                                           "I want all treatment to prolong my life as long as possible.",
                                           "No feeding tube. Trial of ventilation for up to 7 days only."])).t("\n")
    d.t("\nSigned on ").put(I(dfmt(svc_date()), "DATE")).t(" at ").put(I(FK.city(), "CITY")).t(f", {FK.state()}.\n")
    d.t("Witness: ").put(I(wit.full, "NAME")).t(ch([" (not a relative, not an employee of ", " — employee of "])).put(I(org.name, "ORG")).t(")\n")
    d.t("MRN ").put(I(p.mrn, "MRN")).t(" / scanned by ").put(I(Staff(org).user, "USERNAME")).t("\n")
    return d, "en_US"


def s_hipaa_auth(org):
    p, rec = Person(), Person()
    d = Doc()
    d.put(I(org.name, "ORG")).t(" — AUTHORIZATION FOR USE OR DISCLOSURE OF PROTECTED HEALTH INFORMATION\n\n")
    rows = [("Patient name", I(p.full, "NAME")), ("Date of birth", I(dfmt(p.dob, "us"), "DATE")), ("MRN", I(p.mrn, "MRN")),
            ("Phone", I(p.phone, "PHONE")), ("Last 4 SSN", I(p.ssn[-4:], "SSN"))]
    if chance(0.5):
        rows.append(("E-mail", I(p.email, "EMAIL")))
    for k, v in rows:
        d.t(f"{k}: ").put(v).t(ch(["\n", "\n", "    "]) if k != rows[-1][0] else "\n")
    d.t("\nI authorize release to:\n  ").put(I(rec.full, "NAME")).t(", ").t(ch(["attorney at law", "Esq.", "claims adjuster", ""])).t("\n  ")
    addr_block(d, rec)
    d.t("\n  Fax: ").put(I(us_phone(), "FAX")).t("\n\n")
    d.t("Information: [x] records from ").put(I(dfmt(svc_date(), "us"), "DATE")).t(" to ").put(I(dfmt(svc_date(), "us"), "DATE")).t("  [")
    d.t(ch(["x", " "])).t("] HIV/AIDS  [").t(ch(["x", " "])).t("] substance use (42 CFR Part 2)  [").t(ch(["x", " "])).t("] mental health\n")
    d.t(f"Purpose: {ch(['legal', 'insurance', 'personal', 'continuity of care'])}\nExpires: ").put(I(dfmt(dt.date(2027, R.randint(1, 12), R.randint(1, 28)), "us"), "DATE")).t("\n")
    d.t("Signature: /s/ ").put(I(p.full, "NAME")).t("    Date: ").put(I(dfmt(svc_date(), "us"), "DATE")).t("\n")
    return d, "en_US"


def s_eob(org):
    p = Person()
    d = Doc()
    payer = ch(["Blue Meridian Health Plan", "Keystone Mutual", "Cardinal Care PPO", "Great Plains HMO"])
    d.t(f"{payer}\nEXPLANATION OF BENEFITS — THIS IS NOT A BILL\n\n")
    d.t("Member: ").put(I(p.full, "NAME")).t("\nMember ID: ").put(I(p.plan, "HEALTH_PLAN")).t(f"   Group: {R.randint(10000, 99999)}\n")
    d.t("Mailing address: ")
    addr_block(d, p)
    d.t("\nClaim number: ").put(I(f"{R.randint(10, 99)}{digits(11)}", "ACCOUNT")).t("\nProvider: ").put(I(org.name, "ORG")).t("\n\n")
    d.t("Date of service  Service                       Billed     Allowed   You owe\n")
    for i in range(R.randint(2, 5)):
        sd = svc_date()
        billed = R.randint(80, 4000)
        d.put(I(sd.strftime("%m/%d/%y"), "DATE")).t(f"         {ch(['Office visit, est. 25 min', 'CT abdomen w/ contrast', 'Comprehensive metabolic panel', 'Physical therapy eval', 'ED visit level 4']):<30}{billed:>8.2f}  {billed * 0.6:>8.2f}  {billed * 0.1:>8.2f}\n")
    d.t("\nQuestions? Call Member Services at ").put(N(f"1-800-{R.randint(200, 999)}-{R.randint(1000, 9999)}", "ORG_PHONE")).t(" (TTY 711).\n")
    if chance(0.5):
        d.t("Fraud alert: we will never call you to ask for your member ID. Report calls from ").put(X(att_phone(), "PHONE_ATTACKER")).t(", which is not ours.\n")
    return d, "en_US"


def s_lab_req(org):
    p, doc, ins = Person(), Staff(org), Person()
    d = Doc()
    d.t(ch(["LABORATORY REQUISITION", "Outreach Lab Req — please print clearly", "REQ / ORDER FORM"])).t(f"   Req# {R.randint(10**6, 10**7)}\n")
    d.t("Ordering provider: ").put(I(doc.full, "NAME")).t(", MD  NPI ").put(I("1" + digits(9), "LICENSE")).t("\n")
    d.t("Patient: ").put(I(p.last, "NAME")).t(", ").put(I(p.first, "NAME")).t("   Sex: ").t(ch(["F", "M"])).t("   DOB: ").put(I(dfmt(p.dob, "us"), "DATE")).t("\n")
    d.t("Address: ")
    addr_block(d, p)
    d.t("   Tel: ").put(I(p.phone, "PHONE")).t("\n")
    d.t("Bill to: ").t(ch(["Insurance", "Client", "Patient"])).t("  Policy# ").put(I(p.plan, "HEALTH_PLAN")).t("  Subscriber: ").put(I(ch([p.full, ins.full]), "NAME")).t("\n")
    d.t("ICD-10: ").t(ch(["E11.9", "I10", "N18.3", "Z79.01", "R53.83"])).t("\n")
    d.t("Tests: ").t(", ".join(R.sample(["CBC w/ diff", "CMP", "HbA1c", "Lipid panel", "TSH", "PT/INR", "UA", "Vit D"], R.randint(2, 4)))).t("\n")
    d.t("Collected: ").put(I(ts().strftime("%m/%d/%Y %H:%M"), "DATETIME")).t(" by ").put(I(Staff(org).full, "NAME")).t("\n")
    d.t(ch(["Fasting: Y\n", "Fasting: N\n", ""]))
    return d, "en_US"


def s_dme_cmn(org):
    p, doc = Person(), Staff(org)
    d = Doc()
    d.t("CERTIFICATE OF MEDICAL NECESSITY  CMS-484 — OXYGEN\n")
    d.t(ch(["SECTION A\n", "Section A: Certification type  [x] Initial  [ ] Revised  [ ] Recert\n"]))
    d.t("Patient name, address, telephone and MBI:\n  ").put(I(p.full, "NAME")).t("\n  ")
    addr_block(d, p)
    d.t("\n  ").put(I(p.phone, "PHONE")).t("   MBI ").put(I(f"{R.randint(1, 9)}{ch('ACDEFGHJKMNPQRTUVWXY')}{ch('ACDEFGHJKMNPQRTUVWXY')}{R.randint(0, 9)}-{ch('ACDEFGHJKMNPQRTUVWXY')}{ch('ACDEFGHJKMNPQRTUVWXY')}{R.randint(0, 9)}-{ch('ACDEFGHJKMNPQRTUVWXY')}{ch('ACDEFGHJKMNPQRTUVWXY')}{R.randint(10, 99)}", "HEALTH_PLAN")).t("\n")
    d.t("Supplier: ").t(ch(["Apex Home Medical", "BreatheEasy DME", "Northstar Respiratory"])).t("  NSC# ").t(digits(10)).t("\n")
    d.t("Place of service: 12   HCPCS: E1390, E0431\nPatient DOB: ").put(I(dfmt(p.dob, "us"), "DATE")).t("  Ht ").t(f"{R.randint(58, 75)} in").t("  Wt ").t(f"{R.randint(100, 260)} lbs\n")
    d.t("Concentrator serial: ").put(I(ch(["INV", "EV", "SN"]) + digits(8), "DEVICE_SERIAL")).t("\n")
    d.t("SECTION B\n1. Result of most recent test: ").t(f"{R.randint(50, 58)} mmHg / {R.randint(84, 88)}%").t(" on ").put(I(dfmt(svc_date(), "us"), "DATE")).t("\n")
    d.t("3. Physician/NPP: ").put(I(doc.full, "NAME")).t(" NPI ").put(I("1" + digits(9), "LICENSE")).t(" Tel ").put(I(us_phone(), "PHONE")).t("\n")
    d.t("Signature date: ").put(I(dfmt(svc_date(), "us"), "DATE")).t("\n")
    return d, "en_US"


def s_credentialing(org):
    s = Staff(org)
    d = Doc()
    d.t("Medical Staff Office — Initial Appointment Checklist\n\nApplicant: ").put(I(f"{s.first} {FK.first_name()[0]}. {s.last}", "NAME")).t(", ").t(ch(["MD", "DO", "CRNA", "NP"])).t("\n")
    items = [("Home address", lambda: Doc().put(I(FK.street_address(), "ADDRESS")).t(", ").put(I(FK.city(), "CITY")).t(f" {FK.state_abbr()} ").put(I(FK.zipcode(), "ZIP"))),
             ("Cell", lambda: Doc().put(I(us_phone(), "PHONE"))),
             ("Personal e-mail", lambda: Doc().put(I(f"{slug(s.first)}{slug(s.last)}{R.randint(1, 99)}@gmail.com", "EMAIL"))),
             ("Date of birth", lambda: Doc().put(I(dfmt(dt.date(R.randint(1960, 1994), R.randint(1, 12), R.randint(1, 28)), "us"), "DATE"))),
             ("SSN", lambda: Doc().put(I(Person().ssn, "SSN"))),
             ("State license", lambda: Doc().t(FK.state_abbr() + " ").put(I(ch(["MD", "A", "DO", "RN"]) + digits(6), "LICENSE")).t(" exp ").put(I(dfmt(dt.date(2028, R.randint(1, 12), 1), "us"), "DATE"))),
             ("DEA", lambda: Doc().put(I(ch("ABFM") + s.last[0].upper() + digits(7), "LICENSE"))),
             ("NPI", lambda: Doc().put(I("1" + digits(9), "LICENSE"))),
             ("NPDB query", lambda: Doc().t("no reports, ").put(I(dfmt(svc_date(), "us"), "DATE"))),
             ("Peer reference", lambda: Doc().put(I(FK.name(), "NAME")).t(", ").put(I(us_phone(), "PHONE")))]
    R.shuffle(items)
    for k, f in items[:R.randint(6, 10)]:
        d.t(ch(["[x] ", "[ ] ", "✓ ", "- "])).t(k + ": ").put(f()).t("\n")
    co = Staff(org)
    d.t("\nCoordinator: ").put(I(co.full, "NAME")).t(", ").put(I(co.email, "EMAIL")).t("\n")
    return d, "en_US"


def elderly(p, q=0.35):
    if chance(q):
        p.dob = dt.date(R.randint(1926, 1935), R.randint(1, 12), R.randint(1, 28))
    return p


def s_safety_event(org):
    p, rep, wit = elderly(Person()), Staff(org), Staff(org)
    d = Doc()
    d.t(ch(["SAFETY EVENT REPORT (confidential peer-review document)", "Incident Report — Patient Fall", "RL6 event #"])).t(f" {R.randint(10000, 99999)}\n\n")
    d.t("Event date/time: ").put(I(ts().strftime("%m/%d/%Y %H%M"), "DATETIME")).t("\nLocation: ").t(ch(["4 West rm 412", "ED bay 9", "MRI waiting", "Cath lab hold"])).t("\n")
    d.t("Person affected: ").put(I(p.full, "NAME")).t(", ").put(age_span(p.age())).t(" y/o, MRN ").put(I(p.mrn, "MRN")).t("\n")
    d.t("Event type: ").t(ch(["Fall, unassisted", "Medication error — wrong dose", "Patient ID mismatch (wristband)", "Elopement"])).t("\n")
    d.t("Description: ").t(ch(["Found on floor beside bed at ", "Pt ambulated to bathroom alone at ", "Discovered at "]))
    d.put(N(ch(["0315", "2240", "1410"]), "CLOCK")).t(". ")
    d.t(ch(["Bed alarm off. ", "Call light in reach. ", ""])).t("Witnessed by ").put(I(wit.full, "NAME")).t(" ").t(wit.title).t(". ")
    d.t("Family (").put(I(Person().full, "NAME")).t(", ").put(I(us_phone(), "PHONE")).t(") notified.\n")
    d.t("Harm score: ").t(ch(["0 - no harm", "2 - minor", "3 - moderate"])).t("\nReported by: ").put(I(rep.full, "NAME")).t(" (").put(I(rep.user, "USERNAME")).t(") ext ").t(rep.ext[1:]).t("\n")
    return d, "en_US"


def vtt_time(sec):
    return f"{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}.{R.randint(0, 999):03d}"


def s_teams_vtt(org):
    d = Doc().t("WEBVTT\n\n")
    a, b, c = Staff(org), Staff(org), Staff(org)
    p = Person()
    aip, dom = pub(), ind.domain(R)
    lines = [
        (a, Doc().t("Okay, we're recording. This is the bridge for the ").put(X(mal(), "MALWARE")).t(" thing.")),
        (b, Doc().t("So the first alert was on ").put(I(host(org), "HOSTNAME")).t(", that's the unit clerk PC on four west.")),
        (c, Doc().t("And it was beaconing to ").put(X(dom, "DOMAIN")).t(", resolving to ").put(X(aip, "IPV4")).t(".")),
        (a, Doc().t("Who was logged in? Was that ").put(I(b.first, "NAME")).t("'s account or the shared one?")),
        (b, Doc().t("It was ").put(I(Staff(org).user, "USERNAME")).t(", the float pool nurse. I already called her at ").put(I(us_phone(), "PHONE")).t(".")),
        (c, Doc().t("Also one of the exported files had a patient on it, ").put(I(p.full, "NAME")).t(", date of birth ").put(I(dfmt(p.dob, "long"), "DATE")).t(".")),
        (a, Doc().t("Okay. Privacy needs that. ").put(I(c.first, "NAME")).t(", can you send it to ").put(I(Staff(org).email, "EMAIL")).t("?")),
        (c, Doc().t("Yep. And the caller pretending to be our help desk used ").put(X(att_phone(), "PHONE_ATTACKER")).t(".")),
    ]
    if chance(0.6):
        lines.append((b, Doc().t("The note on ").put(I(host(org, "SRV"), "HOSTNAME")).t(" wants payment to ").put(X(wallet(), "WALLET")).t(", same as the ").put(X(ch(ACTORS), "ACTOR")).t(" cases.")))
    t = R.randint(5, 60)
    for i, (who, txt) in enumerate(lines):
        if i > 1 and chance(0.2):
            continue
        d.t(f"{hexs(8)}-{hexs(4)}-{hexs(4)}/{R.randint(10, 99)}-0\n" if chance(0.5) else "")
        d.t(f"{vtt_time(t)} --> {vtt_time(t + R.randint(3, 9))}\n<v ").put(I(who.full, "NAME")).t(">").put(txt).t("</v>\n\n")
        t += R.randint(6, 40)
    return d, "en_US"


def s_sms_xml(org):
    p = Person()
    st = Staff(org)
    d = Doc().t("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
    d.t(f'<smses count="{(n := R.randint(3, 6))}" backup_set="{hexs(8)}-{hexs(4)}" backup_date="{R.randint(10**12, 2 * 10**12)}" type="full">\n')
    t = ts()
    scam = att_phone()
    for i in range(n):
        t = ts(t, R.randint(30, 3000))
        bad = chance(0.45)
        d.t('  <sms protocol="0" address="').put(X(scam, "PHONE_ATTACKER") if bad else I(p.phone, "PHONE"))
        d.t(f'" date="{int(t.timestamp() * 1000)}" type="{ch(["1", "2"]) if not bad else "1"}" subject="null" body="')
        if bad:
            d.t(ch(["", "URGENT: "])).put(I(org.name, "ORG")).t(" IT: your badge access expires today. Verify at ").put(X(ind.url(R), "URL")).t(" or call back.")
        else:
            d.t(ch(["Hi ", "Hello "])).put(I(p.first, "NAME")).t(", this is ").put(I(st.first, "NAME")).t(" from the clinic. Your appt is ").put(I(dfmt(svc_date(), "us"), "DATE")).t(". Reply C to confirm.")
        d.t('" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" readable_date="').put(LT(t, "%b %d, %Y %I:%M:%S %p")).t('" contact_name="')
        d.t("(Unknown)" if bad else "").put(I(p.full, "NAME") if not bad else "").t('" />\n')
    d.t("</smses>\n")
    return d, "en_US"


def s_otrs(org):
    st, req = Staff(org), Staff(org)
    tn = f"20261{R.randint(10**9, 10**10)}"
    d = Doc()
    d.t("From: OTRS <").put(I(f"otrs@{org.domain}", "EMAIL")).t(">\nTo: ").put(I(req.email, "EMAIL")).t(f"\nSubject: [Ticket#{tn}] ").t(ch(["Suspicious call asking for MFA code", "Printer in 3E prints other patients' labels", "Can't open Epic after reset"])).t("\n\n")
    d.t("Dear ").put(I(req.first, "NAME")).t(",\n\nyour ticket has been updated by ").put(I(st.full, "NAME")).t(".\n\n")
    d.t("<snip>\n")
    k = ch(["vish", "print", "reset"])
    if k == "vish":
        d.t("Caller said he was from our IT and read back ").put(I(req.first, "NAME")).t("'s employee number. Number on caller id: ").put(X(att_phone(), "PHONE_ATTACKER"))
        d.t(". He asked her to install ").put(X(ch(["Quick Assist", "ScreenConnect", "AnyDesk"]), "MALWARE")).t(" and read the id ").put(X(remote_id(), "REMOTE_ID")).t(". She hung up and called us at ext 4357.\n")
    elif k == "print":
        p = Person()
        d.t("Labels for ").put(I(p.full, "NAME")).t(" (MRN ").put(I(p.mrn, "MRN")).t(") came out on ").put(I(host(org, "PRN"), "HOSTNAME")).t(" instead of the lab printer. Queue mapping fixed on print server ").put(I(host(org, "SRV"), "HOSTNAME")).t(".\n")
    else:
        d.t("Password reset done for ").put(I(req.user, "USERNAME")).t(" from ").put(I(host(org), "HOSTNAME")).t(" (").put(I(priv(), "IP")).t("). Please sign in again.\n")
    d.t(f"<snip>\n\nYour OTRS Notification Master (ticket id {R.randint(1000, 99999)})\n")
    return d, "en_US"


def s_id_theft_affidavit(org):
    p = Person()
    d = Doc()
    d.t("IDENTITY THEFT AFFIDAVIT — MEDICAL IDENTITY\n(submitted to ").put(I(org.name, "ORG")).t(" Patient Financial Services)\n\n")
    d.t("1. My full legal name: ").put(I(p.full, "NAME")).t("\n2. Date of birth: ").put(I(dfmt(p.dob, "us"), "DATE")).t("\n3. SSN: ").put(I(p.ssn, "SSN")).t("\n")
    d.t("4. Driver's license: ").put(I(ch("ABCDEFGHKLMNPRSTW") + digits(R.randint(7, 9)), "LICENSE")).t(f" ({FK.state_abbr()})\n5. Current address: ")
    addr_block(d, p)
    d.t("\n6. Phone: ").put(I(p.phone, "PHONE")).t("   E-mail: ").put(I(p.email, "EMAIL")).t("\n\n")
    d.t("7. I did not receive the services billed on account ").put(I(digits(10), "ACCOUNT")).t(" dated ").put(I(dfmt(svc_date(), "us"), "DATE")).t(".\n")
    d.t("8. I believe my information was taken when I got a call from ").put(X(att_phone(), "PHONE_ATTACKER")).t(" claiming to be Medicare, and an e-mail from ").put(X(ind.attacker_email(R), "EMAIL_ATTACKER")).t(".\n")
    d.t("9. Police report: ").put(I(f"{R.randint(2025, 2026)}-{digits(6)}", "ACCOUNT")).t(", ").put(I(FK.city(), "CITY")).t(" PD.\n\nSigned ").put(I(p.full, "NAME")).t("  ").put(I(dfmt(svc_date(), "us"), "DATE")).t("\n")
    return d, "en_US"


def s_timesheet(org):
    aide, p = Staff(org), Person()
    d = Doc()
    d.t(ch(["HOME CARE AIDE WEEKLY TIMESHEET", "Caregiver Visit Log / EVV exceptions"])).t("\nAide: ").put(I(aide.full, "NAME")).t("  Aide ID: ").put(I(aide.user, "USERNAME")).t("\nClient: ").put(I(p.full, "NAME")).t("  Medicaid ID: ").put(I(ch(["", "M"]) + digits(10), "HEALTH_PLAN")).t("\nClient address: ")
    addr_block(d, p)
    d.t("\n\nDay        Date        In     Out    Tasks                      EVV\n")
    sd = svc_date()
    for i in range(R.randint(3, 6)):
        day = sd + dt.timedelta(days=i)
        d.t(f"{day.strftime('%a'):<10} ").put(I(day.strftime("%m/%d/%Y"), "DATE")).t(f"  {R.randint(7, 10):02d}:{ch(['00', '15', '30'])}  {R.randint(12, 16):02d}:{ch(['00', '30', '45'])}  {ch(['bath, meals', 'meds reminder, laundry', 'transfer, toileting', 'shopping']):<26} ")
        if chance(0.3):
            d.t("manual — GPS off, called from ").put(I(us_phone(), "PHONE"))
        else:
            d.t("ok")
        d.t("\n")
    d.t("\nClient/rep signature: ").put(I(ch([p.full, Person().full]), "NAME")).t("\nSupervisor: ").put(I(Staff(org).full, "NAME")).t("\n")
    return d, "en_US"


def s_recall_letter(org):
    p = Person()
    doc = Staff(org)
    d = Doc()
    d.put(N(dfmt(svc_date(), "long"), "LETTER_DATE")).t("\n\n").put(I(p.full, "NAME")).t("\n").put(I(p.street, "ADDRESS")).t("\n").put(I(p.city, "CITY")).t(f", {p.state} ").put(I(p.zip, "ZIP")).t("\n\n")
    d.t(ch(["RE: Important safety notice about your implanted device", "Urgent: Field Safety Notice — your ", "Re: device recall"])).t("\n\nDear ")
    if chance(0.5):
        d.put(I(p.first, "NAME"))
    else:
        d.put(N(ch(["Mr.", "Ms.", "Mx."]), "TITLE")).t(" ").put(I(p.last, "NAME"))
    d.t(",\n\n")
    dev = ch(["insulin pump", "implantable cardioverter-defibrillator", "CPAP machine", "pacemaker"])
    d.t(f"Our records show that on ").put(I(dfmt(svc_date(), "long"), "DATE")).t(f" you received a {dev}, serial number ").put(I(ch(["PJN", "RZM", "SN", "BLC"]) + digits(7), "DEVICE_SERIAL")).t(". ")
    d.t("The manufacturer has issued a recall for this model. Please call our device clinic at ").put(N(us_phone(), "ORG_PHONE")).t(" to arrange a check.\n\n")
    if chance(0.6):
        d.t("Please be aware: some patients have received calls from ").put(X(att_phone(), "PHONE_ATTACKER")).t(" asking for payment to \"replace\" the device. That is not us. We never ask for card numbers.\n\n")
    d.t("Sincerely,\n").put(I(doc.full, "NAME")).t(", ").t(ch(["MD", "NP", "RN, device clinic coordinator"])).t("\n").put(I(org.name, "ORG")).t("\n")
    return d, "en_US"


def s_chargeback(org):
    p = Person()
    d = Doc()
    d.t(ch(["Chargeback notification", "Dispute case"])).t(f" #{R.randint(10**7, 10**8)} — merchant: ").put(I(org.name, "ORG")).t(" patient payments\n\n")
    d.t("Cardholder: ").put(I(p.full, "NAME")).t("\nCard: ").t(ch(["VISA", "MC", "AMEX"])).t(" ending ").put(I(digits(4), "ACCOUNT")).t("\nGuarantor account: ").put(I(digits(8), "ACCOUNT")).t("\n")
    d.t("Transaction date: ").put(I(dfmt(svc_date(), "us"), "DATE")).t(f"   Amount: ${R.randint(20, 900)}.{R.randint(0, 99):02d}\nReason code: ").t(ch(["10.4 Fraud - card absent", "13.1 Services not rendered", "4837 No cardholder authorization"])).t("\n\n")
    d.t("Cardholder statement: \"").t(ch(["I never paid this. ", "I paid this over the phone to someone who said they were the hospital. "]))
    if chance(0.7):
        d.t("They called from ").put(X(att_phone(), "PHONE_ATTACKER")).t(" and sent me the link ").put(X(ind.url(R), "URL")).t(". ")
    if chance(0.6):
        d.t("Then they told me to send the rest by bank transfer to ").put(X(ch([f"GB{R.randint(10, 99)} {ch(['MONZ', 'REVO', 'BARC'])} {digits(4)} {digits(4)} {digits(4)} {digits(2)}", f"routing {digits(9)} account {digits(10)}"]), "BANK_ATTACKER")).t(". ")
    d.t("My real number is ").put(I(p.phone, "PHONE")).t(" and my own bank account ends ").put(I(digits(4), "ACCOUNT")).t(".\"\n\n")
    d.t("Response due: ").put(N(dfmt(dt.date(2026, 12, R.randint(10, 28)), "us"), "DEADLINE")).t(". Prepared by ").put(I(Staff(org).full, "NAME")).t(", PFS.\n")
    return d, "en_US"


def s_four_factor(org):
    st = Staff(org)
    d = Doc()
    d.t("HIPAA Breach Risk Assessment (45 CFR 164.402(2)) — case ").t(f"PRV-{R.randint(2026000, 2026999)}\n\n")
    n = R.randint(1, 3)
    pats = [Person() for _ in range(n)]
    d.t("Incident: ").t(ch(["fax sent to wrong number", "e-mail to wrong recipient", "stolen laptop from car", "phishing compromise of mailbox"])).t(" on ").put(I(dfmt(svc_date(), "us"), "DATE")).t("\n")
    d.t("Workforce member: ").put(I(st.full, "NAME")).t(" (").put(I(st.email, "EMAIL")).t(")\n")
    d.t("Affected individuals:\n")
    for p in pats:
        d.t("  - ").put(I(p.full, "NAME")).t(", MRN ").put(I(p.mrn, "MRN")).t(", ").t(ch(["DOB ", "born "])).put(I(dfmt(p.dob, "us"), "DATE")).t("\n")
    d.t("\nFactor 1 (nature and extent): ").t(ch(["names, dates, diagnoses", "names, MRN, medication list", "full face sheet incl. SSN"])).t("\n")
    d.t("Factor 2 (unauthorized person): ").t(ch(["another provider's office", "unknown party", "a family member"]))
    if chance(0.5):
        d.t(", mail went to ").put(X(ind.attacker_email(R), "EMAIL_ATTACKER"))
    d.t("\nFactor 3 (acquired/viewed): ").t(ch(["attestation of destruction received", "unknown", "forwarding rule to external address"])).t("\nFactor 4 (mitigation): ").t(ch(["recipient deleted", "password reset, MFA re-registered", "device remotely wiped"])).t("\n")
    d.t("Conclusion: ").t(ch(["low probability of compromise — no notification", "notification required within 60 days"])).t("\nPrivacy officer: ").put(I(Staff(org).full, "NAME")).t("\n")
    return d, "en_US"


def s_guardian_consent(org):
    kid, par = Person(), Person()
    kid.dob = dt.date(R.randint(2010, 2024), R.randint(1, 12), R.randint(1, 28))
    d = Doc()
    d.t("CONSENT FOR TREATMENT OF A MINOR\n").put(I(org.name, "ORG")).t(" — Pediatrics\n\n")
    d.t("Child: ").put(I(kid.first, "NAME")).t(" ").put(I(par.last, "NAME")).t("   DOB: ").put(I(dfmt(kid.dob, "us"), "DATE")).t("   Age: ").put(age_span((REF_DATE - kid.dob).days // 365)).t("\n")
    d.t("Parent/legal guardian: ").put(I(par.full, "NAME")).t("   Relationship: ").t(ch(["mother", "father", "grandmother (legal guardian)", "foster parent"])).t("\n")
    d.t("Address: ")
    addr_block(d, par)
    d.t("\nPhones: home ").put(I(par.phone, "PHONE")).t(ch(["  work ", "  cell "])).put(I(us_phone(), "PHONE")).t("\n")
    if chance(0.6):
        d.t("Others allowed to bring the child: ").put(I(Person().full, "NAME")).t(" (").t(ch(["aunt", "neighbour", "grandfather"])).t("), ").put(I(Person().full, "NAME")).t("\n")
    d.t("School: ").t(ch(["", "Lincoln Elementary", "St. Anne's"])).t("  Insurance: ").put(I(kid.plan, "HEALTH_PLAN")).t("\n\nSigned ").put(I(par.full, "NAME")).t(" on ").put(I(dfmt(svc_date(), "us"), "DATE")).t("\n")
    return d, "en_US"


def s_erx_cancel(org):
    p, doc = Person(), Staff(org)
    d = Doc()
    d.t('<?xml version="1.0" encoding="UTF-8"?>\n<Message xmlns="http://www.ncpdp.org/schema/SCRIPT" DatatypeVersion="20170715" TransportVersion="20170715" TransactionDomain="SCRIPT" TransactionVersion="20170715" StructuresVersion="20170715" ECLVersion="20170715">\n')
    d.t(f"  <Header>\n    <To Qualifier=\"P\">{digits(7)}</To>\n    <From Qualifier=\"C\">{digits(10)}</From>\n    <MessageID>{hexs(32)}</MessageID>\n    <SentTime>").put(LT(ts(), "%Y-%m-%dT%H:%M:%S.0Z")).t("</SentTime>\n  </Header>\n  <Body>\n    <CancelRx>\n")
    d.t("      <Patient><HumanPatient><Name><LastName>").put(I(p.last, "NAME")).t("</LastName><FirstName>").put(I(p.first, "NAME")).t("</FirstName></Name>\n")
    d.t(f"        <Gender>{ch(['F', 'M'])}</Gender><DateOfBirth><Date>").put(I(p.dob.isoformat(), "DATE")).t("</Date></DateOfBirth>\n")
    d.t("        <Address><AddressLine1>").put(I(p.street, "ADDRESS")).t("</AddressLine1><City>").put(I(p.city, "CITY")).t(f"</City><StateProvince>{p.state}</StateProvince><PostalCode>").put(I(p.zip, "ZIP")).t("</PostalCode></Address>\n")
    d.t("        <CommunicationNumbers><PrimaryTelephone><Number>").put(I("".join(c for c in p.phone if c.isdigit())[-10:], "PHONE")).t("</Number></PrimaryTelephone></CommunicationNumbers>\n      </HumanPatient></Patient>\n")
    d.t("      <Prescriber><NonVeterinarian><Identification><NPI>").put(I("1" + digits(9), "LICENSE")).t("</NPI><DEANumber>").put(I(ch("ABFM") + doc.last[0].upper() + digits(7), "LICENSE")).t("</DEANumber></Identification>\n")
    d.t("        <Name><LastName>").put(I(doc.last, "NAME")).t("</LastName><FirstName>").put(I(doc.first, "NAME")).t("</FirstName></Name></NonVeterinarian></Prescriber>\n")
    d.t(f"      <MedicationPrescribed><DrugDescription>{ch(['oxycodone 5 mg tablet', 'sertraline 50 mg tablet', 'apixaban 5 mg tablet', 'lisinopril 10 mg tablet'])}</DrugDescription>\n")
    d.t("        <Note>").t(ch(["Cancel: sent in error, wrong patient", "Cancel: prescriber account compromised, see security", "Cancel: dose change"])).t("</Note></MedicationPrescribed>\n    </CancelRx>\n  </Body>\n</Message>\n")
    return d, "en_US"


def s_labels(org):
    d = Doc()
    d.t(ch(["Avery 5160 — mailing for breach notification batch ", "Labels: portal-enrollment letters batch ", "Mail merge preview, batch "])).t(f"{R.randint(1, 40)}\n\n")
    ppl = [Person() for _ in range(R.randint(6, 9))]
    cols = 3
    for i in range(0, len(ppl), cols):
        row = ppl[i:i + cols]
        for line in range(3):
            for j, p in enumerate(row):
                if line == 0:
                    s = p.full.upper() if chance(0.3) else p.full
                    d.put(I(s, "NAME")).t(" " * max(2, 30 - len(s)))
                elif line == 1:
                    d.put(I(p.street, "ADDRESS")).t(" " * max(2, 30 - len(p.street)))
                else:
                    d.put(I(p.city, "CITY")).t(f" {p.state}  ").put(I(p.zip, "ZIP")).t(" " * max(2, 30 - len(p.city) - 11))
            d.t("\n")
        d.t("\n")
    return d, "en_US"


def s_rpm_alert(org):
    p, rn = elderly(Person()), Staff(org)
    d = Doc()
    d.t("From: alerts@").t(ch(["rpm-vendor.example", "careconnect-rpm.com", "vitalslink.io"])).t("\nTo: ").put(I(rn.email, "EMAIL")).t("\nSubject: RPM threshold alert — ").put(I(p.last, "NAME")).t(", ").put(I(p.first[0], "NAME")).t(".\n\n")
    d.t("Patient: ").put(I(p.full, "NAME")).t(" (").put(age_span(p.age())).t(ch([" yrs)", "y)"])).t("\nProgram: ").t(ch(["CHF", "HTN", "COPD", "Diabetes"])).t("\n")
    d.t("Device: ").t(ch(["cellular BP cuff", "scale", "pulse oximeter", "glucometer"])).t(" IMEI ").put(I("35" + digits(13), "DEVICE_SERIAL")).t("\n")
    d.t("Reading: ").t(ch(["BP 192/108", "weight +2.4 kg in 48 h", "SpO2 84%", "glucose 412 mg/dL"])).t(" at ").put(I(ts().strftime("%m/%d/%Y %I:%M %p"), "DATETIME")).t("\n")
    d.t("Patient phone: ").put(I(p.phone, "PHONE")).t("\nCare team: ").put(I(rn.full, "NAME")).t(", ").put(I(Staff(org).full, "NAME")).t("\n\n")
    d.t("Acknowledge in the portal. Do not reply to this e-mail.\n")
    return d, "en_US"


# ============================================================================================
# notes and messages in twenty languages not used by the earlier corpora

def ind_phone():
    return ch([f"+91 {R.randint(70000, 99999)} {digits(5)}", f"0{R.randint(70000, 99999)}{digits(5)}", f"{R.randint(70000, 99999)}-{digits(5)}"])


def aadhaar():
    return f"{R.randint(2, 9)}{digits(3)} {digits(4)} {digits(4)}"


def abha():
    return f"91-{digits(4)}-{digits(4)}-{digits(4)}"


MY_DIG = "၀၁၂၃၄၅၆၇၈၉"


def my_digits(s):
    return "".join(MY_DIG[int(c)] if c.isdigit() else c for c in s)


def jmbg():
    d = dt.date(R.randint(1940, 2005), R.randint(1, 12), R.randint(1, 28))
    body = f"{d.day:02d}{d.month:02d}{d.year % 1000:03d}{R.randint(17, 19)}{R.randint(0, 999):03d}"
    w = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k = 11 - sum(int(a) * b for a, b in zip(body, w)) % 11
    k = 0 if k > 9 else k
    return body + str(k)


def za_id():
    d = dt.date(R.randint(1945, 2005), R.randint(1, 12), R.randint(1, 28))
    body = d.strftime("%y%m%d") + digits(4) + "08"
    tot = 0
    for i, c in enumerate(reversed(body)):
        n = int(c)
        if i % 2 == 0:
            n *= 2
            n = n - 9 if n > 9 else n
        tot += n
    return body + str((10 - tot % 10) % 10)


def kg_pin():
    d = dt.date(R.randint(1950, 2005), R.randint(1, 12), R.randint(1, 28))
    return f"{R.randint(1, 2)}{d.strftime('%d%m%Y')}{digits(5)}"


def by_id():
    return f"{R.randint(3, 4)}{digits(6)}{ch('ABCEHKM')}{digits(3)}PB{R.randint(0, 9)}"


def nhi():
    L = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(ch(L) for _ in range(3)) + digits(4)


# per language: locale, given, family (or None: Faker), name order, streets, cities (name, postcode),
# address layout, phone, national id (label, fn, type), health id (label, fn, type), date format,
# field labels, two narratives
LANGS = {}


def lang(code, **kw):
    LANGS[code] = kw


lang("mr", locale="mr_IN", faker="mr_IN", order="gf",
     streets=["फ्लॅट 12, साईकृपा सोसायटी, कर्वे रोड", "घर क्र. 45, शिवाजी नगर", "ए-203, गंगा अपार्टमेंट, सिंहगड रोड", "17, लक्ष्मी रोड, सदाशिव पेठ", "प्लॉट 8, गणेश कॉलनी"],
     cities=[("पुणे", "411004"), ("नाशिक", "422002"), ("नागपूर", "440010"), ("कोल्हापूर", "416003"), ("सोलापूर", "413001")],
     addr="{st}, {city} - {zip}", phone=ind_phone, nid=("आधार", aadhaar, "SSN"), hid=("ABHA", abha, "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("रुग्ण", "जन्मतारीख", "पत्ता", "मोबाईल", "नोंद करणारे"),
     notes=["सुरक्षा घटना नोंद — {ORG}\nदिनांक {DT} रोजी रुग्ण {P} (जन्मतारीख {D}) यांच्या नावाने एक बनावट ई-मेल {AM} कडून आला. त्यात {URL} ही लिंक होती. रुग्णाचा पत्ता: {A}, मोबाईल {T}. आधार क्रमांक {NID} ई-मेलमध्ये नमूद होता. संगणक {H} ({IP}) वर वापरकर्ता {U} ने लिंक उघडली; {M} आढळला. तपासणी: {S}.",
            "रुग्ण {P} यांनी कळवले की {AT} या क्रमांकावरून 'रुग्णालयाच्या बिलिंग विभागातून' बोलत असल्याचा फोन आला आणि ABHA क्रमांक {HID} मागितला. रुग्णाचा खरा नंबर {T} आहे, पत्ता {A}. नोंद करणारे: {S}, वर्कस्टेशन {H}. संशयित सर्व्हर {AIP} ब्लॉक केला."])

lang("gu", locale="gu_IN", faker="gu_IN", order="gf",
     streets=["બ્લોક 14, શાંતિ પાર્ક, સી.જી. રોડ", "23, સરદાર પટેલ નગર", "ફ્લેટ બી-502, આનંદ એપાર્ટમેન્ટ", "મકાન નં. 9, ગાંધી માર્ગ"],
     cities=[("અમદાવાદ", "380009"), ("સુરત", "395007"), ("વડોદરા", "390007"), ("રાજકોટ", "360001"), ("ભાવનગર", "364001")],
     addr="{st}, {city} {zip}", phone=ind_phone, nid=("આધાર", aadhaar, "SSN"), hid=("ABHA", abha, "HEALTH_PLAN"), dfmt="%d-%m-%Y",
     labels=("દર્દી", "જન્મ તારીખ", "સરનામું", "મોબાઇલ", "નોંધ કરનાર"),
     notes=["સુરક્ષા ઘટના નોંધ — {ORG}\n{DT} ના રોજ દર્દી {P} (જન્મ તારીખ {D}) ના નામે {AM} પરથી નકલી ઈમેલ આવ્યો, જેમાં {URL} લિંક હતી. સરનામું: {A}. મોબાઇલ: {T}. આધાર: {NID}. કમ્પ્યુટર {H} ({IP}) પર વપરાશકર્તા {U} એ લિંક ખોલી અને {M} મળ્યો. તપાસનાર: {S}.",
            "દર્દી {P} એ જણાવ્યું કે {AT} નંબર પરથી હોસ્પિટલના બિલિંગ વિભાગના નામે ફોન આવ્યો અને ABHA નંબર {HID} માંગવામાં આવ્યો. દર્દીનો સાચો નંબર {T} છે. નોંધ: {S}, વર્કસ્ટેશન {H}. શંકાસ્પદ સર્વર {AIP} બ્લોક કર્યું."])

lang("pa", locale="pa_IN", given=["ਗੁਰਪ੍ਰੀਤ", "ਹਰਜੀਤ", "ਮਨਪ੍ਰੀਤ", "ਜਸਵਿੰਦਰ", "ਅਮਨਦੀਪ", "ਕੁਲਦੀਪ", "ਸਿਮਰਨ", "ਨਵਜੋਤ", "ਬਲਜੀਤ", "ਰਾਜਵਿੰਦਰ", "ਹਰਪ੍ਰੀਤ", "ਸੁਖਵਿੰਦਰ"],
     family=["ਸਿੰਘ", "ਕੌਰ", "ਗਿੱਲ", "ਸੰਧੂ", "ਢਿੱਲੋਂ", "ਬਰਾੜ", "ਗਰੇਵਾਲ", "ਸਿੱਧੂ", "ਬਾਜਵਾ", "ਚੀਮਾ"], order="gf",
     streets=["ਮਕਾਨ ਨੰ. 45, ਮਾਡਲ ਟਾਊਨ", "ਗਲੀ ਨੰ. 3, ਸਰਾਭਾ ਨਗਰ", "1122, ਸੈਕਟਰ 7", "ਕੋਠੀ 18, ਰਣਜੀਤ ਐਵੇਨਿਊ"],
     cities=[("ਲੁਧਿਆਣਾ", "141001"), ("ਅੰਮ੍ਰਿਤਸਰ", "143001"), ("ਜਲੰਧਰ", "144001"), ("ਪਟਿਆਲਾ", "147001"), ("ਬਠਿੰਡਾ", "151001")],
     addr="{st}, {city} {zip}", phone=ind_phone, nid=("ਆਧਾਰ", aadhaar, "SSN"), hid=("ABHA", abha, "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("ਮਰੀਜ਼", "ਜਨਮ ਮਿਤੀ", "ਪਤਾ", "ਫ਼ੋਨ", "ਦਰਜ ਕਰਨ ਵਾਲਾ"),
     notes=["ਸੁਰੱਖਿਆ ਘਟਨਾ ਨੋਟ — {ORG}\n{DT} ਨੂੰ ਮਰੀਜ਼ {P} (ਜਨਮ ਮਿਤੀ {D}) ਦੇ ਨਾਮ 'ਤੇ {AM} ਤੋਂ ਜਾਅਲੀ ਈਮੇਲ ਆਈ, ਜਿਸ ਵਿੱਚ {URL} ਲਿੰਕ ਸੀ। ਪਤਾ: {A}। ਫ਼ੋਨ: {T}। ਆਧਾਰ: {NID}। ਕੰਪਿਊਟਰ {H} ({IP}) 'ਤੇ ਯੂਜ਼ਰ {U} ਨੇ ਲਿੰਕ ਖੋਲ੍ਹਿਆ; {M} ਮਿਲਿਆ। ਜਾਂਚਕਰਤਾ: {S}।",
            "ਮਰੀਜ਼ {P} ਨੇ ਦੱਸਿਆ ਕਿ {AT} ਤੋਂ ਹਸਪਤਾਲ ਦੇ ਬਿਲਿੰਗ ਵਿਭਾਗ ਦੇ ਨਾਮ 'ਤੇ ਫ਼ੋਨ ਆਇਆ ਅਤੇ ABHA ਨੰਬਰ {HID} ਮੰਗਿਆ ਗਿਆ। ਮਰੀਜ਼ ਦਾ ਅਸਲ ਨੰਬਰ {T} ਹੈ। ਦਰਜ ਕਰਨ ਵਾਲਾ: {S}, ਵਰਕਸਟੇਸ਼ਨ {H}। ਸ਼ੱਕੀ ਸਰਵਰ {AIP} ਬਲੌਕ ਕੀਤਾ।"])

lang("kn", locale="kn_IN", given=["ಮಂಜುನಾಥ", "ಶ್ವೇತಾ", "ಪ್ರಕಾಶ್", "ಅನಿತಾ", "ರವಿ", "ಸೌಮ್ಯ", "ಕಿರಣ್", "ದೀಪಾ", "ಸುರೇಶ್", "ಲತಾ", "ನಾಗರಾಜ", "ಭವ್ಯ"],
     family=["ಗೌಡ", "ಶೆಟ್ಟಿ", "ರಾವ್", "ಹೆಗ್ಡೆ", "ನಾಯಕ್", "ಭಟ್", "ಕುಲಕರ್ಣಿ", "ಪಾಟೀಲ್"], order="gf",
     streets=["ನಂ. 23, 4ನೇ ಅಡ್ಡರಸ್ತೆ, ಜಯನಗರ", "ಮನೆ ಸಂಖ್ಯೆ 112, 2ನೇ ಮುಖ್ಯರಸ್ತೆ, ವಿಜಯನಗರ", "ಫ್ಲಾಟ್ 3ಬಿ, ಸಾಯಿ ರೆಸಿಡೆನ್ಸಿ", "ನಂ. 7, ಗಾಂಧಿ ಬಜಾರ್"],
     cities=[("ಬೆಂಗಳೂರು", "560011"), ("ಮೈಸೂರು", "570001"), ("ಮಂಗಳೂರು", "575001"), ("ಹುಬ್ಬಳ್ಳಿ", "580020"), ("ಬೆಳಗಾವಿ", "590001")],
     addr="{st}, {city} - {zip}", phone=ind_phone, nid=("ಆಧಾರ್", aadhaar, "SSN"), hid=("ABHA", abha, "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("ರೋಗಿ", "ಜನ್ಮ ದಿನಾಂಕ", "ವಿಳಾಸ", "ಮೊಬೈಲ್", "ದಾಖಲಿಸಿದವರು"),
     notes=["ಭದ್ರತಾ ಘಟನೆ ಟಿಪ್ಪಣಿ — {ORG}\n{DT} ರಂದು ರೋಗಿ {P} (ಜನ್ಮ ದಿನಾಂಕ {D}) ಅವರ ಹೆಸರಿನಲ್ಲಿ {AM} ನಿಂದ ನಕಲಿ ಇಮೇಲ್ ಬಂದಿತು, ಅದರಲ್ಲಿ {URL} ಲಿಂಕ್ ಇತ್ತು. ವಿಳಾಸ: {A}. ಮೊಬೈಲ್: {T}. ಆಧಾರ್: {NID}. ಕಂಪ್ಯೂಟರ್ {H} ({IP}) ನಲ್ಲಿ ಬಳಕೆದಾರ {U} ಲಿಂಕ್ ತೆರೆದರು; {M} ಪತ್ತೆಯಾಯಿತು. ಪರಿಶೀಲಕರು: {S}.",
            "ರೋಗಿ {P} ಅವರು ತಿಳಿಸಿದಂತೆ {AT} ಸಂಖ್ಯೆಯಿಂದ ಆಸ್ಪತ್ರೆಯ ಬಿಲ್ಲಿಂಗ್ ವಿಭಾಗದ ಹೆಸರಿನಲ್ಲಿ ಕರೆ ಬಂದು ABHA ಸಂಖ್ಯೆ {HID} ಕೇಳಲಾಯಿತು. ರೋಗಿಯ ನಿಜವಾದ ಸಂಖ್ಯೆ {T}. ದಾಖಲಿಸಿದವರು: {S}, ವರ್ಕ್‌ಸ್ಟೇಷನ್ {H}. ಅನುಮಾನಾಸ್ಪದ ಸರ್ವರ್ {AIP} ನಿರ್ಬಂಧಿಸಲಾಗಿದೆ."])

lang("ml", locale="ml_IN", given=["അനൂപ്", "ലക്ഷ്മി", "ജോസഫ്", "ശ്രീജ", "ബിനു", "രേഷ്മ", "സുനിൽ", "അഞ്ജു", "മനോജ്", "ദിവ്യ", "ഷിബു", "ആതിര"],
     family=["നായർ", "മേനോൻ", "പിള്ള", "കുര്യൻ", "വർഗീസ്", "തോമസ്", "കുമാർ", "ജോർജ്"], order="gf",
     streets=["ടി.സി. 12/345, പട്ടം", "ഹൗസ് നമ്പർ 21, എം.ജി. റോഡ്", "കൃഷ്ണ നിവാസ്, കടവന്ത്ര", "പുത്തൻവീട്, പാലാരിവട്ടം"],
     cities=[("കൊച്ചി", "682016"), ("തിരുവനന്തപുരം", "695004"), ("കോഴിക്കോട്", "673001"), ("തൃശൂർ", "680001"), ("കണ്ണൂർ", "670001")],
     addr="{st}, {city} {zip}", phone=ind_phone, nid=("ആധാർ", aadhaar, "SSN"), hid=("ABHA", abha, "HEALTH_PLAN"), dfmt="%d.%m.%Y",
     labels=("രോഗി", "ജനനത്തീയതി", "വിലാസം", "ഫോൺ", "രേഖപ്പെടുത്തിയത്"),
     notes=["സുരക്ഷാ സംഭവ കുറിപ്പ് — {ORG}\n{DT}-ന് രോഗി {P} (ജനനത്തീയതി {D}) യുടെ പേരിൽ {AM} എന്ന വിലാസത്തിൽ നിന്ന് വ്യാജ ഇമെയിൽ വന്നു; അതിൽ {URL} എന്ന ലിങ്ക് ഉണ്ടായിരുന്നു. വിലാസം: {A}. ഫോൺ: {T}. ആധാർ: {NID}. കമ്പ്യൂട്ടർ {H} ({IP}) ൽ ഉപയോക്താവ് {U} ലിങ്ക് തുറന്നു; {M} കണ്ടെത്തി. പരിശോധിച്ചത്: {S}.",
            "രോഗി {P} അറിയിച്ചത്: {AT} എന്ന നമ്പറിൽ നിന്ന് ആശുപത്രി ബില്ലിംഗ് വിഭാഗമെന്ന് പറഞ്ഞ് വിളിച്ച് ABHA നമ്പർ {HID} ചോദിച്ചു. രോഗിയുടെ യഥാർത്ഥ നമ്പർ {T}. രേഖപ്പെടുത്തിയത്: {S}, വർക്ക്സ്റ്റേഷൻ {H}. സംശയാസ്പദ സെർവർ {AIP} തടഞ്ഞു."])

lang("km", locale="km_KH", given=["សុខា", "ដារ៉ា", "ចាន់ថា", "សុភាព", "វិចិត្រ", "ស្រីនាង", "រតនា", "បូរ៉ា", "សុផល", "ម៉ាលី", "វណ្ណា", "សុខលី"],
     family=["សុខ", "ចាន់", "ហេង", "លឹម", "គឹម", "ម៉ៅ", "ឈិត", "ស៊ុន", "អ៊ុំ", "នួន"], order="fg",
     streets=["ផ្ទះលេខ 12 ផ្លូវ 271 សង្កាត់ទួលទំពូង", "ផ្ទះលេខ 45E0 ផ្លូវ 163 សង្កាត់អូឡាំពិក", "ភូមិស្វាយដង្គំ ផ្ទះលេខ 8", "ផ្ទះលេខ 101 មហាវិថីព្រះមុនីវង្ស"],
     cities=[("ភ្នំពេញ", "120101"), ("សៀមរាប", "171201"), ("បាត់ដំបង", "020101"), ("កំពត", "070101")],
     addr="{st} {city} {zip}", phone=lambda: ch([f"+855 {ch(['12', '17', '77', '92', '96'])} {digits(3)} {digits(3)}", f"0{ch(['12', '15', '89'])} {digits(3)} {digits(3)}"]),
     nid=("អត្តសញ្ញាណប័ណ្ណ", lambda: digits(9), "SSN"), hid=("ប័ណ្ណសមធម៌", lambda: "HEF-" + digits(8), "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("អ្នកជំងឺ", "ថ្ងៃកំណើត", "អាសយដ្ឋាន", "ទូរស័ព្ទ", "កត់ត្រាដោយ"),
     notes=["កំណត់ហេតុឧប្បត្តិហេតុសន្តិសុខ — {ORG}\nនៅថ្ងៃ {DT} អ៊ីមែលក្លែងក្លាយពី {AM} បានផ្ញើក្នុងនាមអ្នកជំងឺ {P} (ថ្ងៃខែឆ្នាំកំណើត {D}) ដោយមានតំណ {URL}។ អាសយដ្ឋាន៖ {A}។ ទូរស័ព្ទ៖ {T}។ អត្តសញ្ញាណប័ណ្ណ៖ {NID}។ អ្នកប្រើ {U} បានបើកតំណនៅលើកុំព្យូទ័រ {H} ({IP}) ហើយរកឃើញ {M}។ អ្នកពិនិត្យ៖ {S}។",
            "អ្នកជំងឺ {P} បានរាយការណ៍ថា មានការហៅទូរស័ព្ទពីលេខ {AT} ដោយអះអាងថាជាផ្នែកវិក្កយបត្ររបស់មន្ទីរពេទ្យ ហើយសុំលេខប័ណ្ណសមធម៌ {HID}។ លេខពិតរបស់អ្នកជំងឺគឺ {T}។ កត់ត្រាដោយ៖ {S} កុំព្យូទ័រ {H}។ ម៉ាស៊ីនមេសង្ស័យ {AIP} ត្រូវបានបិទ។"])

lang("lo", locale="lo_LA", given=["ສົມພອນ", "ບຸນມີ", "ຄໍາຜາຍ", "ວັນນະ", "ສຸກສະຫວັນ", "ນາລີ", "ພອນສະຫວັນ", "ແສງເດືອນ", "ທອງໃສ", "ມະນີວອນ"],
     family=["ພົມມະຈັນ", "ສີສຸວັນ", "ແກ້ວມະນີ", "ວົງສະຫວັນ", "ອິນທະວົງ", "ສີຫາລາດ", "ພັນທະວົງ"], order="gf",
     streets=["ບ້ານໂພນທັນ ໜ່ວຍ 12 ເຮືອນເລກທີ 45", "ບ້ານສີສັງວອນ ໜ່ວຍ 3 ເຮືອນເລກທີ 118", "ບ້ານດົງປ່າລານ ໜ່ວຍ 7", "ຖະໜົນລ້ານຊ້າງ ເຮືອນເລກທີ 9"],
     cities=[("ນະຄອນຫຼວງວຽງຈັນ", "01000"), ("ຫຼວງພະບາງ", "06000"), ("ປາກເຊ", "16000"), ("ສະຫວັນນະເຂດ", "13000")],
     addr="{st}, {city} {zip}", phone=lambda: ch([f"+856 20 {R.randint(22, 99)} {digits(3)} {digits(3)}", f"020 {digits(4)} {digits(4)}"]),
     nid=("ບັດປະຈຳຕົວ", lambda: digits(10), "SSN"), hid=("ບັດປະກັນສຸຂະພາບ", lambda: "NHI" + digits(9), "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("ຄົນເຈັບ", "ວັນເດືອນປີເກີດ", "ທີ່ຢູ່", "ເບີໂທ", "ບັນທຶກໂດຍ"),
     notes=["ບັນທຶກເຫດການຄວາມປອດໄພ — {ORG}\nວັນທີ {DT} ມີອີເມວປອມຈາກ {AM} ສົ່ງໃນນາມຄົນເຈັບ {P} (ວັນເດືອນປີເກີດ {D}) ພ້ອມລິ້ງ {URL}. ທີ່ຢູ່: {A}. ເບີໂທ: {T}. ບັດປະຈຳຕົວ: {NID}. ຜູ້ໃຊ້ {U} ເປີດລິ້ງໃນຄອມພິວເຕີ {H} ({IP}) ແລະ ພົບ {M}. ຜູ້ກວດສອບ: {S}.",
            "ຄົນເຈັບ {P} ແຈ້ງວ່າ ມີຄົນໂທຈາກເບີ {AT} ອ້າງວ່າເປັນພະແນກການເງິນຂອງໂຮງໝໍ ແລະ ຂໍເລກບັດປະກັນສຸຂະພາບ {HID}. ເບີແທ້ຂອງຄົນເຈັບແມ່ນ {T}. ບັນທຶກໂດຍ: {S}, ຄອມພິວເຕີ {H}. ເຊີບເວີທີ່ສົງໄສ {AIP} ຖືກບລັອກແລ້ວ."])

lang("my", locale="my_MM", given=["အောင်ကျော်မိုး", "ခင်မာလာ", "ဇော်မင်းထွန်း", "နီလာဝင်း", "သီတာအောင်", "ကျော်ဇေယျ", "မြတ်နိုးသူ", "ဝင်းနိုင်ဦး", "သန္တာထွန်း", "ထက်ထက်ဝေ", "မင်းခန့်ကျော်", "ဖြူဖြူသင်း"],
     family=None, order="single",
     streets=["အမှတ် 45၊ ဗိုလ်ချုပ်လမ်း၊ ဗဟန်းမြို့နယ်", "အမှတ် 12၊ ၃၅ လမ်း၊ ကျောက်တံတားမြို့နယ်", "အခန်း 4B၊ ပြည်လမ်း၊ ကမာရွတ်မြို့နယ်", "အမှတ် 7၊ ၇၃ လမ်း၊ ချမ်းအေးသာစံမြို့နယ်"],
     cities=[("ရန်ကုန်", "11181"), ("မန္တလေး", "05021"), ("နေပြည်တော်", "15011"), ("မော်လမြိုင်", "12011")],
     addr="{st}၊ {city} {zip}", phone=lambda: ch([f"+95 9 {digits(3)} {digits(3)} {digits(3)}", f"09{digits(9)}", f"09-{digits(3)}-{digits(3)}-{digits(3)}"]),
     nid=("နိုင်ငံသားစိစစ်ရေးကတ်", lambda: my_digits(f"{R.randint(1, 14)}/") + ch(["ဗဟန", "ကမတ", "မရက", "လမန", "ဒဂန"]) + "(နိုင်)" + my_digits(digits(6)), "SSN"),
     hid=("လူမှုဖူလုံရေးကတ်", lambda: "SSB-" + digits(8), "HEALTH_PLAN"), dfmt="%d-%m-%Y",
     labels=("လူနာ", "မွေးသက္ကရာဇ်", "လိပ်စာ", "ဖုန်း", "မှတ်တမ်းတင်သူ"),
     notes=["လုံခြုံရေးဖြစ်စဉ်မှတ်တမ်း — {ORG}\n{DT} တွင် လူနာ {P} (မွေးသက္ကရာဇ် {D}) ၏အမည်ဖြင့် {AM} မှ အတုအီးမေးလ်တစ်စောင် ရောက်ရှိခဲ့ပြီး {URL} လင့်ခ်ပါဝင်သည်။ လိပ်စာ - {A}။ ဖုန်း - {T}။ နိုင်ငံသားစိစစ်ရေးကတ် - {NID}။ ကွန်ပျူတာ {H} ({IP}) တွင် အသုံးပြုသူ {U} က လင့်ခ်ကိုဖွင့်ခဲ့ပြီး {M} တွေ့ရှိသည်။ စစ်ဆေးသူ - {S}။",
            "လူနာ {P} က {AT} နံပါတ်မှ ဆေးရုံငွေစာရင်းဌာနဟုဆိုကာ ဖုန်းဆက်ပြီး လူမှုဖူလုံရေးကတ်နံပါတ် {HID} ကိုတောင်းခဲ့ကြောင်း အကြောင်းကြားသည်။ လူနာ၏ အမှန်တကယ်ဖုန်းနံပါတ်မှာ {T} ဖြစ်သည်။ မှတ်တမ်းတင်သူ - {S}၊ ကွန်ပျူတာ {H}။ သံသယရှိသော ဆာဗာ {AIP} ကို ပိတ်ဆို့ပြီး။"])

lang("mn", locale="mn_MN", given=["Батбаяр", "Оюунчимэг", "Ганзориг", "Сарангэрэл", "Төмөрбаатар", "Энхтуяа", "Мөнхбат", "Нарангэрэл", "Бат-Эрдэнэ", "Солонго", "Ариунболд", "Отгонбаяр"],
     family=["Дорж", "Цэрэн", "Болд", "Ганбат", "Пүрэв", "Сүхбаатар", "Батсайхан", "Лхагва"], order="mn",
     streets=["Баянзүрх дүүрэг, 26-р хороо, 12-р байр, 45 тоот", "Сүхбаатар дүүрэг, 1-р хороо, Энхтайвны өргөн чөлөө 17", "Хан-Уул дүүрэг, 15-р хороо, 88-р байр, 7 тоот", "Чингэлтэй дүүрэг, 4-р хороо, 3-р байр"],
     cities=[("Улаанбаатар", "14200"), ("Дархан", "45000"), ("Эрдэнэт", "61000"), ("Чойбалсан", "21000")],
     addr="{city} {zip}, {st}", phone=lambda: ch([f"+976 {ch(['99', '88', '95', '91'])}{digits(2)} {digits(4)}", f"{ch(['99', '88', '80'])}{digits(6)}"]),
     nid=("Регистрийн дугаар", lambda: ch("АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ") + ch("АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ") + digits(8), "SSN"),
     hid=("ЭМД-ын дугаар", lambda: digits(7), "HEALTH_PLAN"), dfmt="%Y.%m.%d",
     labels=("Өвчтөн", "Төрсөн огноо", "Хаяг", "Утас", "Бүртгэсэн"),
     notes=["Аюулгүй байдлын зөрчлийн тэмдэглэл — {ORG}\n{DT}-нд өвчтөн {P} (төрсөн огноо {D})-ийн нэрээр {AM} хаягаас хуурамч имэйл ирж, {URL} холбоос агуулсан байв. Хаяг: {A}. Утас: {T}. Регистрийн дугаар: {NID}. {H} ({IP}) компьютер дээр {U} хэрэглэгч холбоосыг нээж, {M} илэрсэн. Шалгасан: {S}.",
            "Өвчтөн {P} мэдээлснээр {AT} дугаараас эмнэлгийн төлбөрийн хэлтэс гэж залгаж, эрүүл мэндийн даатгалын дэвтрийн дугаар {HID}-г асуусан. Өвчтөний жинхэнэ утас {T}. Бүртгэсэн: {S}, ажлын байр {H}. Сэжигтэй сервер {AIP}-г хаасан."])

lang("tg", locale="tg_TJ", given=["Фирӯз", "Меҳрангез", "Далер", "Зарина", "Шаҳром", "Нигора", "Бахтиёр", "Мадина", "Суҳроб", "Гулнора", "Парвиз", "Малика"],
     family=["Раҳимов", "Назаров", "Каримов", "Саидов", "Шарипов", "Исмоилов", "Тоҷиддинов", "Юсуфов"], order="ru",
     streets=["кӯчаи Рӯдакӣ 45, хонаи 12", "хиёбони Исмоили Сомонӣ 8, ҳуҷраи 31", "кӯчаи Бохтар 17", "маҳаллаи 82, бинои 5, хонаи 40"],
     cities=[("Душанбе", "734025"), ("Хуҷанд", "735700"), ("Бохтар", "735140"), ("Кӯлоб", "735360")],
     addr="{zip}, ш. {city}, {st}", phone=lambda: ch([f"+992 {ch(['93', '92', '98', '90', '55'])} {digits(3)} {digits(4)}", f"({ch(['93', '918', '90'])}) {digits(3)}-{digits(2)}-{digits(2)}"]),
     nid=("РМА", lambda: digits(9), "SSN"), hid=("Рақами суғуртаи тиббӣ", lambda: digits(10), "HEALTH_PLAN"), dfmt="%d.%m.%Y",
     labels=("Бемор", "Санаи таваллуд", "Суроға", "Телефон", "Сабт кард"),
     notes=["Қайди ҳодисаи амниятӣ — {ORG}\nДар санаи {DT} аз суроғаи {AM} ба номи бемор {P} (санаи таваллуд {D}) мактуби қалбакӣ бо пайванди {URL} омад. Суроға: {A}. Телефон: {T}. РМА: {NID}. Корбар {U} пайвандро дар компютери {H} ({IP}) кушод; {M} ошкор шуд. Тафтишкунанда: {S}.",
            "Бемор {P} хабар дод, ки аз рақами {AT} гӯё аз шуъбаи пардохти беморхона занг зада, рақами суғуртаи тиббии {HID}-ро пурсиданд. Рақами аслии бемор {T} аст. Сабт кард: {S}, компютери {H}. Сервери шубҳанок {AIP} баста шуд."])

lang("ky", locale="ky_KG", given=["Бакыт", "Айгүл", "Нурлан", "Жылдыз", "Эркин", "Чолпон", "Азамат", "Гулнара", "Улан", "Назгүл", "Талант", "Айпери"],
     family=["Асанов", "Токтогулов", "Жумабеков", "Сыдыков", "Осмонов", "Абдыкадыров", "Мамытов", "Бообеков"], order="ru",
     streets=["Чүй проспекти 120, кв. 34", "Манас көчөсү 45", "Ахунбаев көчөсү 7, үй 12", "Жибек Жолу 301, кв. 5"],
     cities=[("Бишкек", "720040"), ("Ош", "723500"), ("Каракол", "722200"), ("Жалал-Абад", "715600")],
     addr="{zip}, {city} ш., {st}", phone=lambda: ch([f"+996 {ch(['555', '700', '770', '550', '999'])} {digits(3)} {digits(3)}", f"0{ch(['555', '700', '770'])} {digits(2)} {digits(2)} {digits(2)}"]),
     nid=("ПИН", kg_pin, "SSN"), hid=("МОМС полиси", lambda: digits(10), "HEALTH_PLAN"), dfmt="%d.%m.%Y",
     labels=("Бейтап", "Туулган күнү", "Дареги", "Телефону", "Каттаган"),
     notes=["Коопсуздук окуясы боюнча жазуу — {ORG}\n{DT} күнү {AM} дарегинен бейтап {P} (туулган күнү {D}) атынан жасалма кат келип, анда {URL} шилтемеси бар эле. Дареги: {A}. Телефону: {T}. ПИН: {NID}. {H} ({IP}) компьютеринде колдонуучу {U} шилтемени ачып, {M} табылды. Текшерген: {S}.",
            "Бейтап {P} билдиргендей, {AT} номеринен ооруканадагы эсеп бөлүмү деп чалып, МОМС полисинин номерин {HID} сурашкан. Бейтаптын чыныгы номери {T}. Каттаган: {S}, жумушчу станция {H}. Шектүү сервер {AIP} бөгөттөлдү."])

lang("be", locale="be_BY", given=["Аляксандр", "Вольга", "Сяргей", "Наталля", "Андрэй", "Ірына", "Дзмітрый", "Таццяна", "Павел", "Алена", "Мікалай", "Святлана"],
     family=["Кавалёў", "Навіцкі", "Шаўчук", "Лукашэвіч", "Мельнік", "Грыневіч", "Казлоў", "Бондар"], order="be",
     streets=["вул. Кастрычніцкая, 14, кв. 56", "пр-т Незалежнасці, 88, кв. 3", "вул. Янкі Купалы, 7", "вул. Савецкая, 120, кв. 41"],
     cities=[("Мінск", "220030"), ("Гомель", "246050"), ("Брэст", "224005"), ("Гродна", "230023"), ("Віцебск", "210015")],
     addr="{st}, {zip}, г. {city}", phone=lambda: ch([f"+375 {ch(['29', '33', '44', '25'])} {digits(3)}-{digits(2)}-{digits(2)}", f"8 (0{ch(['29', '33', '44'])}) {digits(3)}-{digits(2)}-{digits(2)}"]),
     nid=("Ідэнтыфікацыйны нумар", by_id, "SSN"), hid=("Поліс", lambda: "BY" + digits(10), "HEALTH_PLAN"), dfmt="%d.%m.%Y",
     labels=("Пацыент", "Дата нараджэння", "Адрас", "Тэлефон", "Запісаў"),
     notes=["Запіс аб інцыдэнце бяспекі — {ORG}\n{DT} з адраса {AM} ад імя пацыента {P} (дата нараджэння {D}) прыйшоў падроблены ліст са спасылкай {URL}. Адрас: {A}. Тэлефон: {T}. Ідэнтыфікацыйны нумар: {NID}. Карыстальнік {U} адкрыў спасылку на камп'ютары {H} ({IP}); выяўлены {M}. Праверыў: {S}.",
            "Пацыент {P} паведаміў, што з нумара {AT} яму патэлефанавалі нібыта з бухгалтэрыі бальніцы і папрасілі нумар страхавога поліса {HID}. Сапраўдны нумар пацыента {T}. Запісаў: {S}, працоўная станцыя {H}. Падазроны сервер {AIP} заблакіраваны."])

lang("bs", locale="bs_BA", given=["Emir", "Amra", "Haris", "Lejla", "Adnan", "Selma", "Kenan", "Ajla", "Mirza", "Belma", "Tarik", "Merima", "Edin", "Nejra"],
     family=["Hodžić", "Begović", "Hasanović", "Mujić", "Kovačević", "Delić", "Softić", "Halilović", "Čaušević", "Omerović"], order="gf",
     streets=["Ferhadija 14", "Zmaja od Bosne 88", "Maršala Tita 27", "Hamdije Kreševljakovića 5", "Titova 102", "Branilaca Sarajeva 31"],
     cities=[("Sarajevo", "71000"), ("Tuzla", "75000"), ("Zenica", "72000"), ("Mostar", "88000"), ("Bihać", "77000")],
     addr="{st}, {zip} {city}", phone=lambda: ch([f"+387 {ch(['61', '62', '63', '65'])} {digits(3)} {digits(3)}", f"0{ch(['61', '62', '33', '35'])}/{digits(3)}-{digits(3)}"]),
     nid=("JMBG", jmbg, "SSN"), hid=("Broj zdravstvene knjižice", lambda: digits(11), "HEALTH_PLAN"), dfmt="%d.%m.%Y.",
     labels=("Pacijent", "Datum rođenja", "Adresa", "Telefon", "Zabilježio"),
     notes=["Bilješka o sigurnosnom incidentu — {ORG}\nDana {DT} sa adrese {AM} stigla je lažna poruka u ime pacijenta {P} (datum rođenja {D}) sa linkom {URL}. Adresa: {A}. Telefon: {T}. JMBG: {NID}. Korisnik {U} je otvorio link na računaru {H} ({IP}); otkriven je {M}. Provjerio/la: {S}.",
            "Pacijent {P} je prijavio da ga je neko sa broja {AT} nazvao predstavljajući se kao računovodstvo bolnice i tražio broj zdravstvene knjižice {HID}. Njegov pravi broj je {T}. Zabilježio: {S}, radna stanica {H}. Sumnjivi server {AIP} je blokiran."])

lang("ps", locale="ps_AF", given=["احمد", "ګل", "نجیب الله", "زرغونه", "ملالۍ", "شفیق", "نازیه", "حمید", "عبدالولي", "پلوشه", "فرید", "مرسل"],
     family=["احمدزی", "یوسفزی", "خټک", "کاکړ", "پوپلزی", "مومند", "وردګ", "صافي"], order="gf",
     streets=["کارته پروان، دوهمه کوڅه، کور ۱۴", "شهر نو، د انصاري واټ، کور 27", "مکروریان کهنه، بلاک 5، اپارتمان 12", "د مېرویس میدان ته نږدې، کور 8"],
     cities=[("کابل", "1001"), ("کندهار", "3801"), ("جلال آباد", "2601"), ("هرات", "3001")],
     addr="{st}، {city} {zip}", phone=lambda: ch([f"+93 {ch(['70', '72', '78', '79', '77'])} {digits(3)} {digits(4)}", f"07{R.randint(0, 9)}{digits(7)}"]),
     nid=("د تذکرې شمېره", lambda: f"{ch(['1398', '1399', '1400', '1401'])}-{digits(4)}-{digits(5)}", "SSN"), hid=("د دوسیې شمېره", lambda: "KBL-" + digits(6), "MRN"), dfmt="%Y/%m/%d",
     labels=("ناروغ", "د زیږېدو نېټه", "پته", "تلیفون", "ثبتوونکی"),
     notes=["د امنیتي پېښې یادښت — {ORG}\nپه {DT} نېټه د {AM} له پتې څخه د ناروغ {P} (د زیږېدو نېټه {D}) په نوم یو جعلي برېښنالیک راغی چې {URL} لینک پکې و. پته: {A}. تلیفون: {T}. د تذکرې شمېره: {NID}. کارن {U} په {H} ({IP}) کمپیوټر کې لینک پرانیست او {M} وموندل شو. څېړونکی: {S}.",
            "ناروغ {P} راپور ورکړ چې له {AT} شمېرې څخه چا ځان د روغتون د حساب څانګې په نوم معرفي کړ او د دوسیې شمېره {HID} یې وغوښته. د ناروغ اصلي شمېره {T} ده. ثبتوونکی: {S}، کاري کمپیوټر {H}. شکمن سرور {AIP} بند شو."])

lang("so", locale="so_SO", given=["Axmed", "Faadumo", "Cabdi", "Hodan", "Maxamed", "Sahra", "Cumar", "Ifrah", "Yuusuf", "Nimco", "Xamse", "Ubax"],
     family=["Cali", "Xasan", "Maxamuud", "Warsame", "Jaamac", "Faarax", "Nuur", "Cabdullaahi", "Aadan", "Ciise"], order="gf",
     streets=["Degmada Hodan, Xaafadda Taleex, Guriga 22", "Waddada Makka Al-Mukarama, Guriga 118", "Degmada Wadajir, Xaafadda Medina, Guriga 7", "Jidka 26 June, Guriga 41"],
     cities=[("Muqdisho", None), ("Hargeysa", None), ("Garoowe", None), ("Kismaayo", None), ("Boosaaso", None)],
     addr="{st}, {city}", phone=lambda: ch([f"+252 {ch(['61', '63', '90', '65'])} {digits(7)}", f"0{ch(['61', '63', '90'])} {digits(3)} {digits(4)}"]),
     nid=("Aqoonsiga qaranka", lambda: digits(11), "SSN"), hid=("Lambarka faylka", lambda: "BNDR-" + digits(6), "MRN"), dfmt="%d/%m/%Y",
     labels=("Bukaan", "Taariikhda dhalashada", "Cinwaan", "Telefoon", "Qoray"),
     notes=["Warbixin dhacdo amni — {ORG}\nTaariikhda {DT} ayaa iimayl been abuur ah oo ka yimid {AM} loo diray magaca bukaanka {P} (taariikhda dhalashada {D}), kuna jiray xiriirka {URL}. Cinwaanka: {A}. Telefoon: {T}. Aqoonsiga qaranka: {NID}. Isticmaalaha {U} ayaa ku furay kombiyuutarka {H} ({IP}); waxaa la helay {M}. Baaraha: {S}.",
            "Bukaanka {P} ayaa sheegay in lambarka {AT} laga soo wacay iyadoo la isku sheegay qaybta lacagaha isbitaalka, lagana codsaday lambarka faylka {HID}. Lambarkiisa dhabta ah waa {T}. Qoray: {S}, kombiyuutarka {H}. Server-ka tuhunsan {AIP} waa la xannibay."])

lang("zu", locale="zu_ZA", faker="zu_ZA", order="gf",
     streets=["14 Florence Nzama Street", "22 Umgeni Road", "7 Dr Pixley KaSeme Street", "118 Inkosi Albert Luthuli Road", "3 Mahatma Gandhi Road"],
     cities=[("eThekwini", "4001"), ("Pietermaritzburg", "3201"), ("Richards Bay", "3900"), ("Newcastle", "2940"), ("Umlazi", "4031")],
     addr="{st}, {city}, {zip}", phone=lambda: ch([f"+27 {ch(['82', '83', '72', '73', '61'])} {digits(3)} {digits(4)}", f"0{ch(['82', '83', '31', '33'])} {digits(3)} {digits(4)}"]),
     nid=("Inombolo kamazisi", za_id, "SSN"), hid=("Inombolo ye-medical aid", lambda: digits(9), "HEALTH_PLAN"), dfmt="%Y/%m/%d",
     labels=("Isiguli", "Usuku lokuzalwa", "Ikheli", "Ucingo", "Kubhalwe ngu"),
     notes=["Umbiko wesigameko sokuphepha — {ORG}\nNgo-{DT} kufike i-imeyili mbumbulu evela ku-{AM} egameni lesiguli {P} (usuku lokuzalwa {D}) inesixhumanisi {URL}. Ikheli: {A}. Ucingo: {T}. Inombolo kamazisi: {NID}. Umsebenzisi {U} uvule isixhumanisi kukhompyutha {H} ({IP}); kutholwe i-{M}. Ohlolile: {S}.",
            "Isiguli {P} sibike ukuthi sishayelwe ucingo kusuka ku-{AT} ngumuntu othi ungowomnyango wezimali wesibhedlela, ecela inombolo ye-medical aid {HID}. Inombolo yangempela yesiguli ithi {T}. Kubhalwe ngu: {S}, ikhompyutha {H}. Iseva esolisayo {AIP} ivinjiwe."])

lang("ig", locale="ig_NG", faker="ig_NG", order="gf",
     streets=["12 Ogui Road", "45 Zik Avenue", "7 Wetheral Road", "23 Nnamdi Azikiwe Street", "18 Agbani Road"],
     cities=[("Enugu", "400001"), ("Onitsha", "434101"), ("Owerri", "460001"), ("Aba", "450001"), ("Awka", "420001")],
     addr="{st}, {city} {zip}", phone=lambda: ch([f"+234 {ch(['803', '806', '813', '816', '703', '905'])} {digits(3)} {digits(4)}", f"0{ch(['803', '806', '703', '810'])} {digits(3)} {digits(4)}"]),
     nid=("NIN", lambda: digits(11), "SSN"), hid=("Nọmba NHIA", lambda: "NHIA/" + digits(4) + "/" + digits(5), "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("Onye ọrịa", "Ụbọchị ọmụmụ", "Adreesị", "Ekwentị", "Onye dere"),
     notes=["Ndekọ ihe omume nchekwa — {ORG}\nNa {DT}, ozi ịntanetị adịgboroja si {AM} bịara n'aha onye ọrịa {P} (ụbọchị ọmụmụ {D}) nwere njikọ {URL}. Adreesị: {A}. Ekwentị: {T}. NIN: {NID}. Onye ọrụ {U} meghere njikọ ahụ na kọmputa {H} ({IP}); achọpụtara {M}. Onye nyochara: {S}.",
            "Onye ọrịa {P} kọrọ na mmadụ si nọmba {AT} kpọọ ya na-ekwu na ọ si ngalaba ego ụlọ ọgwụ, wee jụọ nọmba NHIA {HID}. Nọmba ekwentị ya n'ezie bụ {T}. Onye dere: {S}, kọmputa {H}. E gbochiri sava a na-enyo enyo {AIP}."])

lang("rw", locale="rw_RW", given=["Jean Claude", "Aline", "Eric", "Claudine", "Emmanuel", "Diane", "Olivier", "Grace", "Patrick", "Solange", "Innocent", "Josiane"],
     family=["Uwimana", "Habimana", "Mukamana", "Niyonzima", "Nsengiyumva", "Uwase", "Mugisha", "Iradukunda", "Hakizimana", "Ingabire"], order="FG",
     streets=["KG 11 Ave, No 12", "KN 5 Rd, No 48", "KK 737 St, No 3", "KG 9 Ave, No 101"],
     cities=[("Kigali", None), ("Huye", None), ("Musanze", None), ("Rubavu", None)],
     addr="{st}, {city}", phone=lambda: ch([f"+250 {ch(['788', '783', '722', '738'])} {digits(3)} {digits(3)}", f"07{ch(['88', '83', '22'])} {digits(3)} {digits(3)}"]),
     nid=("Indangamuntu", lambda: f"1 {R.randint(1950, 2005)} {ch('78')} {digits(7)} {R.randint(0, 9)} {digits(2)}", "SSN"), hid=("Nimero ya mituweli", lambda: digits(12), "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("Umurwayi", "Itariki y'amavuko", "Aderesi", "Telefoni", "Byanditswe na"),
     notes=["Raporo y'ikibazo cy'umutekano — {ORG}\nKu wa {DT}, ubutumwa bw'ibinyoma buturutse kuri {AM} bwoherejwe mu izina ry'umurwayi {P} (yavutse ku wa {D}) burimo umurongo {URL}. Aderesi: {A}. Telefoni: {T}. Indangamuntu: {NID}. Ukoresha {U} yafunguye uwo murongo kuri mudasobwa {H} ({IP}); habonetse {M}. Yagenzuwe na: {S}.",
            "Umurwayi {P} yatangaje ko yahamagawe kuri nimero {AT} n'umuntu wiyita uwo mu ishami ry'imari ry'ibitaro, amusaba nimero ya mituweli {HID}. Nimero ye nyayo ni {T}. Byanditswe na: {S}, mudasobwa {H}. Seriveri ikekwa {AIP} yafunzwe."])

lang("mi", locale="mi_NZ", given=["Aroha", "Tama", "Mere", "Wiremu", "Hine", "Rawiri", "Anahera", "Hēmi", "Kiri", "Manaia", "Ngaio", "Tāne"],
     family=["Parata", "Tipene", "Te Rangi", "Hēnare", "Waititi", "Tamihana", "Pōmare", "Rēweti", "Ngata", "Horomona"], order="gf",
     streets=["23 Fenton Street", "7 Te Ngae Road", "41 Kahikatea Drive", "12 Tūtānekai Street", "88 Grey Street"],
     cities=[("Rotorua", "3010"), ("Kirikiriroa", "3204"), ("Ahuriri", "4110"), ("Whangārei", "0110"), ("Gisborne", "4010")],
     addr="{st}, {city} {zip}", phone=lambda: ch([f"021 {digits(3)} {digits(4)}", f"+64 {ch(['21', '22', '27'])} {digits(3)} {digits(4)}", f"(07) {digits(3)} {digits(4)}"]),
     nid=("Raihana taraiwa", lambda: ch("ABCDEFGHJKLMNPRSTUVWXYZ") + ch("ABCDEFGHJKLMNPRSTUVWXYZ") + digits(6), "LICENSE"), hid=("Nama NHI", nhi, "HEALTH_PLAN"), dfmt="%d/%m/%Y",
     labels=("Tūroro", "Rā whānau", "Wāhitau", "Waea", "Nā"),
     notes=["Pūrongo take haumaru — {ORG}\nI te {DT}, i tae mai he īmēra rūpahu mai i {AM} i runga i te ingoa o te tūroro {P} (rā whānau {D}), he hononga {URL} kei roto. Wāhitau: {A}. Waea: {T}. Raihana taraiwa: {NID}. I whakatuwheratia e te kaiwhakamahi {U} te hononga i te rorohiko {H} ({IP}); i kitea a {M}. Kaitirotiro: {S}.",
            "I kī mai a {P}, he tūroro, i waea mai tētahi mai i te nama {AT}, e kī ana nō te tari pūtea o te hōhipera, ā, i tono i tana nama NHI {HID}. Ko tana tino nama waea ko {T}. Nā {S} i tuhi, rorohiko {H}. Kua āraitia te tūmau {AIP}."])

lang("fo", locale="fo_FO", given=["Jógvan", "Rannvá", "Sámal", "Guðrun", "Heðin", "Sunnvá", "Bárður", "Turið", "Rúni", "Elin", "Óli", "Marjun"],
     family=["Joensen", "Hansen", "Poulsen", "Jacobsen", "Olsen", "Dam", "Petersen", "Mikkelsen", "Djurhuus", "Thomsen"], order="gf",
     streets=["Niels Finsens gøta 12", "Jónas Broncks gøta 5", "Dr. Jakobsens gøta 3", "Hoyvíksvegur 41", "Kongabrúgvin 2"],
     cities=[("Tórshavn", "FO-100"), ("Klaksvík", "FO-700"), ("Runavík", "FO-620"), ("Tvøroyri", "FO-800"), ("Vágur", "FO-900")],
     addr="{st}, {zip} {city}", phone=lambda: ch([f"+298 {digits(6)}", f"{digits(2)} {digits(2)} {digits(2)}", f"+298 {digits(3)} {digits(3)}"]),
     nid=("P-tal", lambda: f"{R.randint(1, 28):02d}{R.randint(1, 12):02d}{R.randint(40, 99)}-{digits(3)}", "SSN"), hid=("Heilsutrygdarnummar", lambda: digits(8), "HEALTH_PLAN"), dfmt="%d.%m.%Y",
     labels=("Sjúklingur", "Føðingardagur", "Bústaður", "Telefon", "Skrásett av"),
     notes=["Frágreiðing um trygdartilburð — {ORG}\nTann {DT} kom ein falskur teldupostur frá {AM} í navninum á sjúklinginum {P} (føddur {D}) við leinkjuni {URL}. Bústaður: {A}. Telefon: {T}. P-tal: {NID}. Brúkarin {U} opnaði leinkjuna á telduni {H} ({IP}); {M} varð funnið. Kannað av: {S}.",
            "Sjúklingurin {P} boðaði frá, at onkur ringdi frá {AT} og segði seg vera frá roknskapardeildini á sjúkrahúsinum og bað um heilsutrygdarnummarið {HID}. Rætta nummarið hjá sjúklinginum er {T}. Skrásett av: {S}, teldan {H}. Grunsami ambætarin {AIP} er blokkeraður."])


# a third kind of note per language: a workforce member looking up a neighbour's record (no attacker)
NOTE3 = {
    "mr": "गोपनीयता तक्रार — {ORG}\n{DT}: कर्मचारी {S} (लॉगिन {U}) यांनी कोणतेही उपचार कारण नसताना रुग्ण {P} (आधार {NID}, ABHA {HID}) यांची फाईल संगणक {H} वरून उघडली. रुग्ण त्यांचे शेजारी आहेत: {A}. रुग्णाशी {T} वर संपर्क केला.",
    "gu": "ગોપનીયતા ફરિયાદ — {ORG}\n{DT}: કર્મચારી {S} (લોગિન {U}) એ કોઈ સારવાર કારણ વગર દર્દી {P} (આધાર {NID}, ABHA {HID}) ની ફાઇલ કમ્પ્યુટર {H} પરથી ખોલી. દર્દી તેમના પાડોશી છે: {A}. દર્દીનો સંપર્ક {T} પર કર્યો.",
    "pa": "ਗੋਪਨੀਯਤਾ ਸ਼ਿਕਾਇਤ — {ORG}\n{DT}: ਕਰਮਚਾਰੀ {S} (ਲੌਗਇਨ {U}) ਨੇ ਬਿਨਾਂ ਇਲਾਜ ਕਾਰਨ ਮਰੀਜ਼ {P} (ਆਧਾਰ {NID}, ABHA {HID}) ਦੀ ਫਾਈਲ ਕੰਪਿਊਟਰ {H} ਤੋਂ ਖੋਲ੍ਹੀ। ਮਰੀਜ਼ ਉਨ੍ਹਾਂ ਦਾ ਗੁਆਂਢੀ ਹੈ: {A}। ਮਰੀਜ਼ ਨਾਲ {T} 'ਤੇ ਸੰਪਰਕ ਕੀਤਾ।",
    "kn": "ಗೌಪ್ಯತೆ ದೂರು — {ORG}\n{DT}: ಸಿಬ್ಬಂದಿ {S} (ಲಾಗಿನ್ {U}) ಚಿಕಿತ್ಸೆಯ ಕಾರಣವಿಲ್ಲದೆ ರೋಗಿ {P} (ಆಧಾರ್ {NID}, ABHA {HID}) ಅವರ ಕಡತವನ್ನು ಕಂಪ್ಯೂಟರ್ {H} ನಿಂದ ತೆರೆದರು. ರೋಗಿ ಅವರ ನೆರೆಯವರು: {A}. ರೋಗಿಯನ್ನು {T} ನಲ್ಲಿ ಸಂಪರ್ಕಿಸಲಾಯಿತು.",
    "ml": "സ്വകാര്യതാ പരാതി — {ORG}\n{DT}: ജീവനക്കാരൻ {S} (ലോഗിൻ {U}) ചികിത്സാ കാരണമില്ലാതെ രോഗി {P} (ആധാർ {NID}, ABHA {HID}) യുടെ ഫയൽ കമ്പ്യൂട്ടർ {H} ൽ നിന്ന് തുറന്നു. രോഗി അദ്ദേഹത്തിന്റെ അയൽവാസിയാണ്: {A}. രോഗിയെ {T} ൽ ബന്ധപ്പെട്ടു.",
    "km": "ពាក្យបណ្តឹងឯកជនភាព — {ORG}\n{DT}៖ បុគ្គលិក {S} (ឈ្មោះចូល {U}) បានបើកឯកសាររបស់អ្នកជំងឺ {P} (អត្តសញ្ញាណប័ណ្ណ {NID}, ប័ណ្ណសមធម៌ {HID}) ពីកុំព្យូទ័រ {H} ដោយគ្មានហេតុផលព្យាបាល។ អ្នកជំងឺជាអ្នកជិតខាងរបស់គាត់៖ {A}។ បានទាក់ទងអ្នកជំងឺតាមលេខ {T}។",
    "lo": "ຄຳຮ້ອງທຸກເລື່ອງຄວາມເປັນສ່ວນຕົວ — {ORG}\n{DT}: ພະນັກງານ {S} (ຊື່ເຂົ້າລະບົບ {U}) ໄດ້ເປີດແຟ້ມຂອງຄົນເຈັບ {P} (ບັດປະຈຳຕົວ {NID}, ບັດປະກັນສຸຂະພາບ {HID}) ຈາກຄອມພິວເຕີ {H} ໂດຍບໍ່ມີເຫດຜົນການປິ່ນປົວ. ຄົນເຈັບເປັນເພື່ອນບ້ານ: {A}. ໄດ້ຕິດຕໍ່ຄົນເຈັບທາງເບີ {T}.",
    "my": "ကိုယ်ရေးလုံခြုံမှု တိုင်ကြားချက် — {ORG}\n{DT}: ဝန်ထမ်း {S} (အကောင့် {U}) သည် ကုသမှုအကြောင်းပြချက်မရှိဘဲ လူနာ {P} (မှတ်ပုံတင် {NID}၊ ကတ် {HID}) ၏ဖိုင်ကို ကွန်ပျူတာ {H} မှ ဖွင့်ကြည့်ခဲ့သည်။ လူနာသည် ၎င်း၏အိမ်နီးချင်းဖြစ်သည် - {A}။ လူနာကို {T} ဖြင့် ဆက်သွယ်ခဲ့သည်။",
    "mn": "Нууцлалын гомдол — {ORG}\n{DT}: Ажилтан {S} ({U}) эмчилгээний шаардлагагүйгээр өвчтөн {P} (РД {NID}, ЭМД {HID})-ийн картыг {H} компьютерээс нээсэн. Өвчтөн нь түүний хөрш: {A}. Өвчтөнтэй {T} утсаар холбогдсон.",
    "tg": "Шикоят дар бораи махфият — {ORG}\n{DT}: Корманд {S} (логин {U}) бе сабаби табобат парвандаи бемор {P} (РМА {NID}, суғурта {HID})-ро аз компютери {H} кушод. Бемор ҳамсояи ӯ мебошад: {A}. Бо бемор тавассути {T} тамос гирифтем.",
    "ky": "Купуялуулук боюнча арыз — {ORG}\n{DT}: Кызматкер {S} (логин {U}) дарылоо себебисиз бейтап {P} (ПИН {NID}, МОМС {HID}) картасын {H} компьютеринен ачкан. Бейтап анын кошунасы: {A}. Бейтап менен {T} аркылуу байланыштык.",
    "be": "Скарга на парушэнне канфідэнцыйнасці — {ORG}\n{DT}: супрацоўнік {S} (лагін {U}) без медыцынскай падставы адкрыў картку пацыента {P} (ідэнтыфікацыйны нумар {NID}, поліс {HID}) з камп'ютара {H}. Пацыент — яго сусед: {A}. З пацыентам звязаліся па {T}.",
    "bs": "Prijava povrede privatnosti — {ORG}\n{DT}: uposlenik {S} (korisničko ime {U}) otvorio je karton pacijenta {P} (JMBG {NID}, knjižica {HID}) sa računara {H} bez medicinskog razloga. Pacijent mu je komšija: {A}. Pacijent je kontaktiran na {T}.",
    "ps": "د محرمیت شکایت — {ORG}\n{DT}: کارمند {S} (کارن {U}) پرته له درملنې دلیل د ناروغ {P} (تذکره {NID}، دوسیه {HID}) دوسیه له {H} کمپیوټر څخه پرانیستله. ناروغ د هغه ګاونډی دی: {A}. له ناروغ سره په {T} اړیکه ونیول شوه.",
    "so": "Cabasho khuseysa sirta — {ORG}\n{DT}: Shaqaalaha {S} (magaca gelitaanka {U}) ayaa fayl bukaanka {P} (aqoonsi {NID}, fayl {HID}) ka furay kombiyuutarka {H} sabab daaweyn la'aan. Bukaanku waa deriskiisa: {A}. Bukaanka waxaa lagala xiriiray {T}.",
    "zu": "Isikhalazo sobumfihlo — {ORG}\n{DT}: Isisebenzi {S} (igama lokungena {U}) sivule ifayela lesiguli {P} (ID {NID}, medical aid {HID}) kukhompyutha {H} singenasizathu sokwelapha. Isiguli singumakhelwane waso: {A}. Isiguli sithintwe ku-{T}.",
    "ig": "Mkpesa nzuzo — {ORG}\n{DT}: Onye ọrụ {S} (aha nbanye {U}) mepere faịlụ onye ọrịa {P} (NIN {NID}, NHIA {HID}) na kọmputa {H} n'enweghị ihe kpatara ọgwụgwọ. Onye ọrịa bụ onye agbata obi ya: {A}. A kpọtụrụ onye ọrịa na {T}.",
    "rw": "Ikirego cyerekeye ibanga — {ORG}\n{DT}: Umukozi {S} (izina ryo kwinjira {U}) yafunguye dosiye y'umurwayi {P} (indangamuntu {NID}, mituweli {HID}) kuri mudasobwa {H} nta mpamvu y'ubuvuzi. Umurwayi ni umuturanyi we: {A}. Umurwayi yavuganywe kuri {T}.",
    "mi": "Amuamu mō te tūmataiti — {ORG}\n{DT}: I whakatuwhera a {S} (ingoa takiuru {U}), he kaimahi, i te kōnae o te tūroro {P} (raihana {NID}, NHI {HID}) mai i te rorohiko {H}, kāore he take maimoa. Ko te tūroro tōna hoa noho tata: {A}. I whakapāngia te tūroro mā {T}.",
    "fo": "Klaga um privatlív — {ORG}\n{DT}: Starvsfólkið {S} (brúkaranavn {U}) opnaði journalina hjá sjúklinginum {P} (P-tal {NID}, heilsutrygd {HID}) frá telduni {H} uttan viðgerðarorsøk. Sjúklingurin er granni hansara: {A}. Sjúklingurin varð ringdur upp á {T}.",
}
for _c, _t in sorted(NOTE3.items()):
    LANGS[_c]["notes"].append(_t)


ORG_T = {"mr": "{c} जिल्हा रुग्णालय", "gu": "{c} સિવિલ હોસ્પિટલ", "pa": "ਸਰਕਾਰੀ ਹਸਪਤਾਲ {c}", "kn": "{c} ಜಿಲ್ಲಾ ಆಸ್ಪತ್ರೆ",
         "ml": "{c} ജനറൽ ആശുപത്രി", "km": "មន្ទីរពេទ្យបង្អែកខេត្ត{c}", "lo": "ໂຮງໝໍແຂວງ{c}", "my": "{c} ပြည်သူ့ဆေးရုံကြီး",
         "mn": "{c} хотын нэгдсэн эмнэлэг", "tg": "Беморхонаи шаҳрии {c}", "ky": "{c} шаардык клиникалык ооруканасы",
         "be": "{c}ская гарадская клінічная бальніца", "bs": "Opća bolnica {c}", "ps": "د {c} سیمه ییز روغتون",
         "so": "Isbitaalka Guud ee {c}", "zu": "Isibhedlela sase-{c}", "ig": "Ụlọ ọgwụ Mahadum {c}", "rw": "Ibitaro bya {c}",
         "mi": "Te Whare Hauora o {c}", "fo": "Sjúkrahúsið í {c}"}
TLD = {"mr": "in", "gu": "in", "pa": "in", "kn": "in", "ml": "in", "km": "gov.kh", "lo": "la", "my": "com.mm", "mn": "mn",
       "tg": "tj", "ky": "kg", "be": "by", "bs": "ba", "ps": "gov.af", "so": "so", "zu": "co.za", "ig": "ng", "rw": "rw",
       "mi": "org.nz", "fo": "fo"}
LATIN = {"bs", "so", "zu", "ig", "rw", "mi", "fo"}


class LocalOrg(Org):
    def __init__(self, code, city):
        c = city
        if code == "be":
            c = {"Мінск": "Мін", "Гомель": "Гомель", "Брэст": "Брэц", "Гродна": "Гродзен", "Віцебск": "Віцеб"}.get(city, city)
        self.name = ORG_T[code].format(c=c)
        self.domain = f"{ch(['hospital', 'health', 'clinic', 'medcentre', 'gh', 'dh'])}{R.randint(2, 98)}.{TLD[code]}"
        self.domains = [self.domain]
        self.code = ch(["GH", "DH", "RH", "CH"]) + str(R.randint(1, 9))
        self.ad = ch(["HOSP", "MED", "CORP"])


def lname(L, i=None):
    if L.get("faker"):
        f = faker(L["faker"])
        return f.first_name(), f.last_name()
    i = R.randrange(len(L["given"])) if i is None else i
    g = L["given"][i]
    fam = ch(L["family"]) if L["family"] else ""
    return g, fam, i


def lfull(code, L):
    r = lname(L)
    g, fam = r[0], r[1]
    fem = len(r) > 2 and r[2] % 2 == 1
    o = L["order"]
    if o == "gf":
        return f"{g} {fam}"
    if o == "fg":
        return f"{fam} {g}"
    if o == "FG":
        return f"{fam.upper()} {g}"
    if o == "single":
        return g
    if o == "mn":
        return ch([f"{fam[0]}.{g}", f"{fam[0]}. {g}"])
    if o == "ru":
        fam = fam + "а" if fem else fam
        return ch([f"{fam} {g}", f"{g} {fam}"])
    if o == "be":
        if fem:
            fam = {"Кавалёў": "Кавалёва", "Навіцкі": "Навіцкая", "Казлоў": "Казлова"}.get(fam, fam)
        return ch([f"{fam} {g}", f"{g} {fam}"])
    raise ValueError(o)


def laddr(L):
    st = ch(L["streets"])
    city, z = ch(L["cities"])
    d = Doc()
    fmt = L["addr"]
    parts = {"st": I(st, "ADDRESS"), "city": I(city, "CITY"), "zip": I(z, "ZIP") if z else ""}
    d.fill(fmt, **parts)
    return d, city


def luser(code, name):
    if code in LATIN:
        toks = [slug(t) for t in name.replace(".", " ").split() if slug(t)]
        if len(toks) >= 2:
            return ch([f"{toks[0][0]}{toks[-1]}", f"{toks[0]}.{toks[-1]}", f"{toks[-1]}{toks[0][:2]}"])
    return ch([f"emp{digits(5)}", f"u{digits(6)}", f"nurse{digits(3)}", f"dr{digits(4)}"])


def lang_style(code):
    L = LANGS[code]

    def gen():
        pname = lfull(code, L)
        sname = lfull(code, L)
        dob = dt.date(1935, 1, 1) + dt.timedelta(days=R.randint(0, 30000))
        adoc, city = laddr(L)
        org = LocalOrg(code, ch(L["cities"])[0])
        user = luser(code, sname)
        h = host(org)
        ddob = dob.strftime(L["dfmt"])
        if code == "my" and chance(0.5):
            ddob = my_digits(ddob)
        phone = L["phone"]()
        nid, hid = L["nid"][1](), L["hid"][1]()
        ev = svc_date().strftime(L["dfmt"])
        slots = dict(ORG=I(org.name, "ORG"), DT=N(ev, "EVENTDATE"), P=I(pname, "NAME"), D=I(ddob, "DATE"), A=adoc,
                     T=I(phone, "PHONE"), NID=I(nid, L["nid"][2]), HID=I(hid, L["hid"][2]), S=I(sname, "NAME"),
                     H=I(h, "HOSTNAME"), U=I(user, "USERNAME"), IP=I(priv(), "IP"), AIP=X(pub(), "IPV4"),
                     AM=X(ind.attacker_email(R), "EMAIL_ATTACKER"), AT=X(L["phone"]() if chance(0.5) else att_phone(), "PHONE_ATTACKER"),
                     M=X(mal(), "MALWARE"), URL=X(ind.url(R), "URL"))
        body = Doc().fill(ch(L["notes"]), **slots)
        d = Doc()
        frame = ch(["plain", "form", "mail", "chat"])
        lb = L["labels"]
        if frame == "mail":
            d.t("From: ").put(I(f"{user}@{org.domain}", "EMAIL")).t("\nTo: ").put(I(f"soc@{org.domain}", "EMAIL")).t("\nSubject: ").t(ch(["[SEC] ", "FW: ", ""])).t(L["notes"][0].split(" — ")[0]).t("\nDate: ").put(N(ts().strftime("%a, %d %b %Y %H:%M:%S +0000"), "MAILTIME")).t("\n\n")
            d.put(body).t("\n\n-- \n").put(I(sname, "NAME")).t("\n").put(I(org.name, "ORG")).t("\n")
        elif frame == "form":
            d.t(f"{lb[0]}: ").put(I(pname, "NAME")).t(f"\n{lb[1]}: ").put(I(ddob, "DATE")).t(f"\n{lb[2]}: ").put(adoc).t(f"\n{lb[3]}: ").put(I(phone, "PHONE")).t(f"\n{L['nid'][0]}: ").put(I(nid, L["nid"][2])).t(f"\n{L['hid'][0]}: ").put(I(hid, L["hid"][2])).t("\n\n")
            d.put(body).t(f"\n\n{lb[4]}: ").put(I(sname, "NAME")).t(" (").put(I(user, "USERNAME")).t(")\n")
        elif frame == "chat":
            t = ts()
            d.t("[").put(LT(t, "%H:%M")).t("] ").put(I(sname, "NAME")).t(": ").put(body).t("\n")
            d.t("[").put(LT(ts(t), "%H:%M")).t("] ").put(I(lfull(code, L), "NAME")).t(": ").t(ch(["👍", "ok", "✔", "IOC →"])).t(" ").put(X(ind.domain(R), "DOMAIN")).t("\n")
        else:
            d.put(body).t("\n")
        if chance(0.4):
            d.t("\nIOC: ").put(X(pub(), "IPV4")).t(" | ").put(X(ind.domain(R), "DOMAIN")).t(" | SHA256 ").put(X(ind.sha256(R), "SHA256")).t(" | ").put(X(ch(ind.MITRE), "MITRE"))
            if chance(0.5):
                d.t(" | ").put(X(ch(ACTORS), "ACTOR"))
            d.t("\n")
        return d, L["locale"], org
    return gen


# ============================================================================================
# styles, build, checks

MACHINE = [
    ("sonicwall-syslog", s_sonicwall), ("watchguard-traffic-log", s_watchguard), ("ironport-mail-log", s_ironport),
    ("netskope-alert-json", s_netskope), ("entra-directory-audit-json", s_entra_audit), ("onelogin-events-csv", s_onelogin),
    ("apexone-detections-csv", s_apexone), ("eset-protect-detections-csv", s_eset), ("qradar-offense-email", s_qradar_mail),
    ("defender-hunting-results-csv", s_hunting), ("windows-dns-debug-log", s_dnsdebug), ("fail2ban-log", s_fail2ban),
    ("tasklist-v-output", s_tasklist), ("get-localgroupmember-output", s_localgroup), ("klist-output", s_klist),
    ("ss-tnp-who-output", s_ss), ("psql-session-output", s_psql), ("rhapsody-engine-log", s_rhapsody),
    ("p2sentinel-privacy-alerts-tsv", s_p2sentinel),
]
PAPER = [
    ("advance-directive-scan", s_advance_directive), ("hipaa-authorization-form", s_hipaa_auth), ("eob-statement", s_eob),
    ("lab-requisition-form", s_lab_req), ("dme-oxygen-cmn", s_dme_cmn), ("credentialing-checklist", s_credentialing),
    ("safety-event-report", s_safety_event), ("teams-transcript-vtt", s_teams_vtt), ("sms-backup-xml", s_sms_xml),
    ("otrs-ticket-notification", s_otrs), ("medical-id-theft-affidavit", s_id_theft_affidavit),
    ("home-care-timesheet", s_timesheet), ("device-recall-patient-letter", s_recall_letter),
    ("card-chargeback-notice", s_chargeback), ("breach-four-factor-assessment", s_four_factor),
    ("minor-treatment-consent", s_guardian_consent), ("ncpdp-script-cancelrx-xml", s_erx_cancel),
    ("mailing-label-sheet", s_labels), ("rpm-threshold-alert-email", s_rpm_alert),
]
LANG_CODES = ["mr", "gu", "pa", "kn", "ml", "km", "lo", "my", "mn", "tg", "ky", "be", "bs", "ps", "so", "zu", "ig", "rw", "mi", "fo"]


def styles():
    out = []
    for name, fn in MACHINE + PAPER:
        def g(fn=fn):
            org = Org()
            d, loc = fn(org)
            return d, loc, org
        out.append((name, g))
    for c in LANG_CODES:
        out.append((f"incident-note-{c}", lang_style(c)))
    return out


def self_check(rec, doc):
    text = rec["text"]
    assert text.strip(), rec["id"]
    spans = []
    pos = 0
    expect = {}
    for s, cat, typ in doc.seg:
        if cat:
            expect[(pos, pos + len(s))] = s
        pos += len(s)
    assert pos == len(text)
    for key in ("identifiers", "indicators", "neutral"):
        for sp in rec.get(key, []):
            a, b = sp["start"], sp["end"]
            assert 0 <= a < b <= len(text), (rec["id"], sp)
            frag = text[a:b]
            assert frag.strip() and frag == frag.strip(), (rec["id"], sp, frag)
            assert expect.get((a, b)) == frag, (rec["id"], sp, frag)
            spans.append((a, b))
    spans.sort()
    for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
        assert b1 <= a2, (rec["id"], (a1, b1), (a2, b2))
    # every whole-word occurrence of a name part (4+ letters), of a longer identifier and of the
    # organization's name lies inside a gold span
    cov = bytearray(len(text))
    for key in ("identifiers", "indicators", "neutral"):
        for sp in rec.get(key, []):
            cov[sp["start"]:sp["end"]] = b"\x01" * (sp["end"] - sp["start"])
    probes = {rec["org"]["name"]}
    for sp in rec["identifiers"]:
        v = text[sp["start"]:sp["end"]]
        if len(v) >= 4:
            probes.add(v)
        if sp["type"] == "NAME":
            probes.update(w for w in re.findall(r"\w+", v) if len(w) >= 4)
    for v in sorted(probes):
        for m in re.finditer(r"(?<!\w)" + re.escape(v) + r"(?!\w)", text, flags=re.I):
            assert all(cov[m.start():m.end()]), (rec["id"], v, text[max(0, m.start() - 30):m.end() + 30])
    return True


def build():
    recs = []
    n = 0
    allst = styles()
    assert len({s for s, _ in allst}) == len(allst)
    order = [(name, g) for name, g in allst for _ in range(PER_STYLE)]
    R.shuffle(order)
    for name, g in order:
        n += 1
        d, loc, org = g()
        rid = f"blind11-{n:04d}"
        rec = record(rid, d, name, loc, org.js())
        self_check(rec, d)
        recs.append(rec)
    return recs


NOTES = ("blind11: written without opening the scrubber, its results, score.py, the other generators or "
         "any other corpus; frozen before any scrubber was run on it (see README.md). "
         "Styles: 19 machine-made, 19 paperwork and messages, 20 languages (incident-note-*), 7 documents each.")


def main():
    check = "--check" in sys.argv
    recs = build()
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in recs).encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()
    if check:
        with open(CORPUS, "rb") as f:
            old = f.read()
        if old != body:
            print(f"blind11: MISMATCH (file {hashlib.sha256(old).hexdigest()}, rebuilt {digest})")
            sys.exit(1)
        with tempfile.TemporaryDirectory() as tmp:
            mpath = os.path.join(tmp, "MANIFEST.md")
            manifest(mpath, "blind11 — manifest", "blind11/blind11.jsonl", SEED, "gen/gen_blind11.py", recs, NOTES)
            with open(mpath, "rb") as f, open(MANIFEST, "rb") as g:
                if f.read() != g.read():
                    print("blind11: MANIFEST.md differs from the rebuilt one")
                    sys.exit(1)
        print(f"blind11: {len(recs)} documents and MANIFEST.md rebuilt byte for byte, self-check passed, sha256 {digest}")
        return
    os.makedirs(OUT_DIR, exist_ok=True)
    got = write_corpus(CORPUS, recs)
    assert got == digest
    manifest(MANIFEST, "blind11 — manifest", "blind11/blind11.jsonl", SEED, "gen/gen_blind11.py", recs, NOTES)
    print(f"blind11: {len(recs)} documents, sha256 {digest}")


if __name__ == "__main__":
    main()
