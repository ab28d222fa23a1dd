"""blind10: a tenth blind corpus for the PHI scrubber (issue 18).

Written without opening the scrubber, its results, score.py, the other generators or any other
corpus. Templates are this file's own. Deterministic: seed 10010, pinned Faker and mimesis,
no dependence on set or hash order (spandoc re-executes with PYTHONHASHSEED=0 anyway).

    python gen_blind10.py            # writes ../blind10/blind10.jsonl and ../blind10/MANIFEST.md
    python gen_blind10.py --check    # regenerates in memory, self-tests, compares bytes
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
import spandoc  # noqa: E402  (re-executes with a fixed hash seed)
from spandoc import Doc, I, X, N, ID, IND, NEU  # noqa: E402
import indicators as ind  # noqa: E402
from faker import Faker  # noqa: E402
from mimesis import Person as MPerson  # noqa: E402
from mimesis.locales import Locale as MLocale  # noqa: E402

SEED = 10010
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind10", "blind10.jsonl")
MAN = os.path.join(HERE, "..", "blind10", "MANIFEST.md")

rng = random.Random(SEED)
_FK = {}


def fk(loc):
    if loc not in _FK:
        f = Faker(loc)
        f.seed_instance(SEED + sum(ord(c) * (i + 1) for i, c in enumerate(loc)))
        _FK[loc] = f
    return _FK[loc]


_MP = {}


def mp(loc):
    if loc not in _MP:
        _MP[loc] = MPerson(MLocale(loc), seed=SEED + len(loc))
    return _MP[loc]


def ch(seq):
    return rng.choice(seq)


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# ---------------------------------------------------------------- people and organizations

CJK = ("zh_CN", "zh_TW", "ko_KR", "ja_JP")


class P:
    def __init__(self, first, last, loc="en_US", latin=None):
        self.first, self.last, self.loc = first, last, loc
        self.latin = latin  # (first, last) directory form for non-Latin names

    def full(self):
        if self.loc in CJK:
            return self.last + self.first
        return f"{self.first} {self.last}"

    def lf(self):
        return f"{self.last}, {self.first}"

    def init(self):
        return f"{self.first[0]}. {self.last}"

    def caps(self):
        return f"{self.last.upper()}, {self.first.upper()}"


PAT_LOCS = ["es_MX", "vi_VN", "hi_IN", "pl_PL", "tl_PH", "ko_KR", "ar_SA", "pt_BR", "fr_FR",
            "yo_NG", "zh_CN", "ru_RU", "it_IT", "de_DE"]


def person(loc=None, mix=0.3):
    if loc is None:
        loc = ch(PAT_LOCS) if rng.random() < mix else "en_US"
    f = fk(loc)
    return P(f.first_name(), f.last_name(), loc)


def staff():
    return person("en_US", 0)


ORG_KINDS = ["Regional Medical Center", "Health System", "Community Hospital", "Family Clinic",
             "Pediatrics", "Orthopedic Group", "Behavioral Health", "Cancer Institute",
             "Dialysis Partners", "Imaging Associates", "Women's Health", "Home Health",
             "Surgery Center", "Health Network", "Rehabilitation Hospital", "Medical Group"]
ORG_TLD = ["health.org", "med.org", "hospital.org", "clinic.com", "hs.org", "health.com",
           "care.org", "mc.org"]


def make_org(name=None, base=None, tld=None, short=None):
    if name is None:
        base = base or (fk("en_US").city() if rng.random() < 0.5 else fk("en_US").last_name())
        base = base.replace("'", "")
        kind = ch(ORG_KINDS)
        name = f"{base} {kind}"
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    short = short or "".join(ind.ascii_fold(w)[0] for w in words).upper()[:5]
    if len(short) < 2:
        short = (short + "HX")[:3]
    dom = ind.slug(base or words[0]) + "-" + ind.slug(words[-1])[:4] + "." + (tld or ch(ORG_TLD))
    if rng.random() < 0.5:
        dom = ind.slug(base or words[0]) + (tld and ("." + tld) or ("." + ch(ORG_TLD)))
    ad = ch([f"{short.lower()}.local", f"corp.{dom}", f"ad.{dom}", f"{short.lower()}.int"])
    org = {"name": name, "short": short, "dom": dom, "ad": ad, "nb": short.upper(),
           "uconv": rng.randint(0, 3), "hconv": rng.randint(0, 2)}
    return org


def org_field(org):
    doms = [org["dom"]]
    if org["ad"] != org["dom"] and not org["ad"].endswith("." + org["dom"]):
        doms.append(org["ad"])
    return {"name": org["name"], "domains": doms}


def uname(org, p):
    if p.latin:
        f, l = p.latin
    else:
        f, l = p.first, p.last
    f, l = ind.slug(f), ind.slug(l)
    if not f or not l or not (f + l).isascii():
        return ch("abcdeknrst") + digits(5)
    c = org["uconv"]
    if c == 0:
        return f[0] + l
    if c == 1:
        return f + "." + l
    if c == 2:
        return l + f[0]
    return l[:6] + f[:2]


def email(org, p):
    u = uname(org, p)
    if "." not in u and rng.random() < 0.5 and p.first.isascii() and p.last.isascii():
        u = ind.slug(p.first) + "." + ind.slug(p.last)
    return f"{u}@{org['dom']}"


DEPTS = ["ED", "ICU", "RAD", "LAB", "PHARM", "REG", "BILL", "HIM", "ONC", "PEDS", "OR", "NICU",
         "CARD", "HR", "IT", "FIN", "CLIN", "ADM"]


def host(org, kind=None):
    kind = kind or ch(["WS", "LT", "PC", "VDI", "KIOSK", "SRV"])
    c = org["hconv"]
    if c == 0:
        return f"{org['short']}-{ch(DEPTS)}-{kind}{rng.randint(1, 999):03d}"
    if c == 1:
        return f"{org['short'].lower()}{kind.lower()}{rng.randint(1000, 9999)}"
    return f"{ch(DEPTS).lower()}-{kind.lower()}-{rng.randint(1, 99):02d}"


def fqdn(org, h):
    return f"{h.lower()}.{org['ad']}"


def server(org):
    role = ch(["dc01", "dc02", "fs01", "epic-app03", "sql02", "exch01", "pacs-vna01", "mirth01",
               "print01", "citrix-sf02", "sccm01", "adfs01", "vpn-gw02", "file-hr01"])
    return f"{org['short'].lower()}-{role}"


def priv():
    return ind.private_ipv4(rng)


def pub():
    return ind.public_ipv4(rng)


# ---------------------------------------------------------------- dates, numbers, addresses

BASE = dt.datetime(2026, 9, 1)


def when(days=90):
    return BASE + dt.timedelta(seconds=rng.randint(0, days * 86400))


def dob():
    return dt.date(1931, 1, 1) + dt.timedelta(days=rng.randint(0, 33000))


def iso(t, z=True):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (f".{rng.randint(0, 999):03d}Z" if z else "")


def us_date(d):
    return d.strftime("%m/%d/%Y")


def eu_date(d):
    return d.strftime("%d.%m.%Y")


def us_phone():
    a = rng.randint(201, 989)
    n = f"{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"
    return ch([f"({a}) {n}", f"{a}-{n}", f"{a}.{n.replace('-', '.')}", f"+1 {a} {n}"])


def ssn():
    return f"{rng.randint(100, 665):03d}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


def mrn():
    return ch([digits(8), "E" + digits(7), "MR" + digits(6), digits(7), "00" + digits(8)])


def member_id():
    return ch(["W" + digits(9), ch("ABCHJKMUXYZ") * 3 + digits(9), "ZGP" + digits(8),
               digits(3) + "-" + digits(2) + "-" + digits(4) + "A"])


def npi():
    return ch("12") + digits(9)


def us_addr():
    f = fk("en_US")
    return f.street_address(), f.city(), f.state_abbr(), (f.zipcode_plus4() if rng.random() < 0.2 else f.zipcode())


def serial():
    return ch([ch(["5CG", "PF", "C02", "FVFG", "SN"]) + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8)),
               digits(4) + "-" + digits(4) + "-" + digits(4)])


def plate():
    return ch(["".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) + digits(4),
               digits(1) + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) + digits(3)])


def acct_aws():
    return digits(12)


def guid():
    h = ind.hexstr(rng, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def sid():
    return f"S-1-5-21-{rng.randint(10**9, 4 * 10**9)}-{rng.randint(10**9, 4 * 10**9)}-{rng.randint(10**8, 4 * 10**9)}-{rng.randint(1100, 99999)}"


# ---------------------------------------------------------------- attacker side

ACTORS = ["Scattered Spider", "Storm-0501", "UNC3944", "FIN7", "Vanilla Tempest", "TA577",
          "Gold Sahara", "Octo Tempest", "Luna Moth", "Storm-1175", "UNC5537", "Ember Bear"]


def att_phone():
    return ch([f"+1 {rng.randint(302, 989)} {rng.randint(200, 999)} {rng.randint(0, 9999):04d}",
               f"+44 7{digits(3)} {digits(6)}", f"+234 80{digits(1)} {digits(3)} {digits(4)}",
               f"+63 9{digits(2)} {digits(3)} {digits(4)}", f"+7 9{digits(2)} {digits(3)}-{digits(2)}-{digits(2)}",
               f"+1-{rng.randint(800, 888)}-{digits(3)}-{digits(4)}"])


def wallet():
    if rng.random() < 0.6:
        return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
    return "4" + ch("12345678AB") + "".join(rng.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(93))


def tox():
    return ind.hexstr(rng, 76).upper()


def anydesk():
    return ch([f"{rng.randint(100, 999)} {digits(3)} {digits(3)}", "1" + digits(9)])


def mal():
    return ch(ind.MALWARE)


def ransom():
    return ch(ind.RANSOM)


def aemail(free=None):
    return ind.attacker_email(rng, free=rng.random() < 0.6 if free is None else free)


# ---------------------------------------------------------------- structured builders

_spandoc_put = Doc.put


def _put(self, value):
    """spandoc's put drops a falsy value; a number 0 must still be written."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return _spandoc_put(self, value)


Doc.put = _put

def D(template="", **slots):
    return Doc().fill(template, **slots)


def jput(d, o, ind_=None, lvl=0):
    """Appends the JSON of o; leaves may be spandoc slot tuples or Docs (spans kept)."""
    nl = "\n" + " " * (ind_ * (lvl + 1)) if ind_ else ""
    end = "\n" + " " * (ind_ * lvl) if ind_ else ""
    sep = ", " if not ind_ else ","
    if isinstance(o, tuple):
        d.add('"')
        d.add(json.dumps(o[0], ensure_ascii=False)[1:-1], o[1], o[2])
        d.add('"')
    elif isinstance(o, Doc):
        d.add('"')
        d.put(o.json_escaped())
        d.add('"')
    elif isinstance(o, dict):
        if not o:
            d.add("{}")
            return
        d.add("{")
        for i, (k, v) in enumerate(o.items()):
            d.add((sep if i else "") + nl + json.dumps(k) + ": ")
            jput(d, v, ind_, lvl + 1)
        d.add(end + "}")
    elif isinstance(o, list):
        if not o:
            d.add("[]")
            return
        d.add("[")
        for i, v in enumerate(o):
            d.add((sep if i else "") + nl)
            jput(d, v, ind_, lvl + 1)
        d.add(end + "]")
    else:
        d.add(json.dumps(o, ensure_ascii=False))


def J(o, indent=None):
    d = Doc()
    jput(d, o, indent)
    return d


def row(cells, sep=",", quote_all=False):
    d = Doc()
    for i, c in enumerate(cells):
        if i:
            d.add(sep)
        txt = c.plain() if isinstance(c, Doc) else (c[0] if isinstance(c, tuple) else str(c))
        q = quote_all or sep in txt or '"' in txt
        if q:
            d.add('"')
        d.put(c)
        if q:
            d.add('"')
    d.add("\n")
    return d


def lines(*parts):
    d = Doc()
    for p in parts:
        d.put(p)
    return d


def nm(s):
    return I(s, "NAME")


def un(s):
    return I(s, "USERNAME")


def hn(s):
    return I(s, "HOSTNAME")


def ip(s):
    return I(s, "IP")


def em(s):
    return I(s, "EMAIL")


def org_(org):
    return I(org["name"], "ORG")


def lt(t):
    return N(t, "LOGTIME")


# ================================================================ security and IT exports

def s_fortimail():
    org = make_org()
    d = Doc()
    dev = "FE-" + ch(["VM", "2KF", "400F"]) + digits(8)
    for _ in range(rng.randint(4, 7)):
        t = when()
        d.fill('date={d} time={t} device_id={dev} log_id=0{lid} type=statistics subtype=n/a '
               'pri=information session_id="{sid}" client_name="{cn}" client_ip="{cip}" '
               'dst_ip="{dip}" from="{frm}" hfrom="{hfrom}" to="{to}" polid="0:1:0" domain="{dom}" '
               'subject="{subj}" mailer="mta" resolved="{res}" direction="in" virus="{vir}" '
               'disposition="{disp}" classifier="{cls}" message_length="{ml}"\n',
               d=N(t.strftime("%Y-%m-%d"), "LOGTIME"), t=N(t.strftime("%H:%M:%S"), "LOGTIME"),
               dev=dev, lid=digits(9), sid=ind.hexstr(rng, 16), **_fm_msg(org))
    return d, "en_US", org


def _fm_msg(org):
    s = staff()
    to = em(email(org, s))
    if rng.random() < 0.45:
        p = person()
        frm_addr = ind.slug(p.first) + "." + ind.slug(p.last) + str(rng.randint(1, 99)) + "@" + ch(ind.FREEMAIL)
        if not frm_addr.split("@")[0].strip(".").isascii() or frm_addr.startswith("."):
            frm_addr = "pt" + digits(6) + "@" + ch(ind.FREEMAIL)
        subj = D("Question about my bill - {n} DOB {b}", n=nm(p.full()), b=I(us_date(dob()), "DATE"))
        return dict(cn=D("[{i}]", i=ip(pub_home())), cip=I(_last_ip, "IP"), dip=ip(priv()),
                    frm=em(frm_addr), hfrom=em(frm_addr), to=to, dom=hn(org["dom"]), subj=subj,
                    res="OK", vir="", disp="Accept", cls="Not Spam", ml=rng.randint(2000, 90000))
    a = aemail()
    dm = ind.domain(rng)
    subj = ch(["Action required: mailbox quota", "Payroll update for {first}", "Voicemail from {ph}",
               "Shared document: Q4 benefits.pdf"])
    subj = D(subj, first=nm(s.first), ph=X(att_phone(), "PHONE_ATTACKER")) if "{" in subj else subj
    i1 = pub()
    return dict(cn=D("mail.{dm} [{i}]", dm=X(dm, "DOMAIN"), i=X(i1, "IPV4")), cip=X(i1, "IPV4"),
                dip=ip(priv()), frm=X(a, "EMAIL_ATTACKER"), hfrom=X(a, "EMAIL_ATTACKER"), to=to,
                dom=hn(org["dom"]), subj=subj, res=ch(["FAIL", "OK"]),
                vir=ch(["", X(mal(), "MALWARE")]), disp=ch(["Quarantine", "Reject", "Quarantine"]),
                cls=ch(["FortiGuard AntiSpam", "Virus Signature", "Impersonation Analysis"]),
                ml=rng.randint(2000, 90000))


_last_ip = "0.0.0.0"


def pub_home():
    """A patient's home address (public): an identifier IP, unlike an attacker's."""
    global _last_ip
    _last_ip = pub()
    return _last_ip


def s_sophos():
    org = make_org()
    items = []
    for _ in range(rng.randint(2, 4)):
        s = staff()
        u = uname(org, s)
        h = host(org, ch(["WS", "LT", "PC"]))
        f = ch(["invoice_", "scan_", "remit_", "EOB_"]) + digits(5) + ".exe"
        m = mal()
        items.append({
            "id": guid(), "category": "malware", "severity": ch(["high", "medium"]),
            "type": "Event::Endpoint::Threat::Detected", "raisedAt": lt(iso(when())),
            "allowedActions": ["acknowledge", "cleanThreat"],
            "description": D("Malware detected: '{m}' at 'C:\\Users\\{u}\\Downloads\\{f}'",
                             m=X(m, "MALWARE"), u=un(u), f=f),
            "managedAgent": {"id": guid(), "type": "computer", "name": hn(h)},
            "person": {"id": guid(), "name": nm(s.lf()),
                       "viaLogin": D("{nb}\\{u}", nb=hn(org["nb"]), u=un(u))},
            "product": "endpoint", "tenant": {"id": guid(), "name": org_(org)},
            "data": {"threatName": X(m, "MALWARE"), "sha256": X(ind.sha256(rng), "SHA256"),
                     "endpoint_platform": "windows", "endpoint_ip": ip(priv()),
                     "remote_ip": X(pub(), "IPV4")},
        })
    return J({"items": items, "pages": {"fromKey": ind.hexstr(rng, 12), "size": 50}}, 2), "en_US", org


def s_falcon():
    org = make_org()
    s = staff()
    u = uname(org, s)
    h = host(org)
    enc = ind.hexstr(rng, 24)
    u2 = un(u)
    beh = []
    for _ in range(rng.randint(1, 3)):
        tech = ch(ind.MITRE)
        beh.append({
            "behavior_id": str(rng.randint(4000, 9000)), "filename": ch(["powershell.exe", "rundll32.exe", "cmd.exe", "mshta.exe"]),
            "cmdline": D("powershell.exe -nop -w hidden -enc {e} -u {u}", e=enc, u=un(u)) if rng.random() < 0.5 else
            D("rundll32.exe C:\\Users\\{u}\\AppData\\Local\\Temp\\{f}.dll,Start", u=un(u), f=ind.hexstr(rng, 6)),
            "sha256": X(ind.sha256(rng), "SHA256"), "md5": X(ind.md5(rng), "MD5"),
            "user_name": un(u), "user_id": I(sid(), "ACCOUNT"),
            "tactic": "Execution", "technique_id": X(tech, "MITRE"),
            "ioc_type": "domain", "ioc_value": X(ind.domain(rng), "DOMAIN"),
            "parent_details": {"parent_cmdline": D("C:\\Windows\\Explorer.EXE /user:{u}", u=un(u))},
            "timestamp": lt(iso(when())),
        })
    det = {
        "detection_id": f"ldt:{ind.hexstr(rng, 32)}:{rng.randint(10**10, 10**11)}",
        "device": {"device_id": ind.hexstr(rng, 32), "hostname": hn(h), "local_ip": ip(priv()),
                   "mac_address": I("-".join(ind.hexstr(rng, 2) for _ in range(6)), "DEVICE_SERIAL"),
                   "machine_domain": hn(org["ad"]), "os_version": "Windows 11",
                   "ou": ["Workstations", ch(["Radiology", "Registration", "Billing", "Nursing"])],
                   "site_name": ch(["Main-Campus", "Clinic-North", "Default-First-Site-Name"]),
                   "system_serial_number": I(serial(), "DEVICE_SERIAL")},
        "behaviors": beh, "email_sent": True, "status": "new",
        "assigned_to_name": nm(staff().full()), "max_severity_displayname": "High",
        "hostinfo": {"domain": hn(org["nb"])},
    }
    del u2
    return J({"meta": {"query_time": 0.01, "trace_id": guid()}, "resources": [det], "errors": []}, 2), "en_US", org


def s_cortex():
    org = make_org()
    s = staff()
    u = uname(org, s)
    h = host(org)
    an = staff()
    alerts = []
    for _ in range(rng.randint(2, 3)):
        tech = ch(ind.MITRE)
        alerts.append({"alert_id": str(rng.randint(10**5, 10**6)), "detection_timestamp": rng.randint(1790000000000, 1799000000000),
                       "name": ch(["Suspicious PowerShell Command Line", "Credential Dumping via LSASS", "Uncommon remote scheduled task created", "Possible data exfiltration over HTTPS"]),
                       "host_name": hn(h), "host_ip": [ip(priv())],
                       "user_name": D("{nb}\\{u}", nb=hn(org["nb"].lower()), u=un(u)),
                       "action_remote_ip": X(pub(), "IPV4"), "action_remote_port": ch([443, 8443, 4444, 80]),
                       "action_file_sha256": X(ind.sha256(rng), "SHA256"),
                       "mitre_technique_id_and_name": [D("{t} - {n}", t=X(tech, "MITRE"), n="Technique")],
                       "actor_process_command_line": D("\"C:\\Users\\{u}\\AppData\\Roaming\\{f}.exe\" --connect {dm}", u=un(u), f=ind.hexstr(rng, 5), dm=X(ind.domain(rng), "DOMAIN"))})
    inc = {"incident_id": str(rng.randint(100, 9999)),
           "description": D("'{a}' generated by XDR Agent detected on host {h} involving user {nb}\\{u}",
                            a=alerts[0]["name"], h=hn(h), nb=hn(org["nb"].lower()), u=un(u)),
           "assigned_user_mail": em(email(org, an)), "assigned_user_pretty_name": nm(an.full()),
           "hosts": [D("{h}:{g}", h=hn(h.lower()), g=ind.hexstr(rng, 32))],
           "users": [D("{nb}\\{u}", nb=hn(org["nb"].lower()), u=un(u))],
           "severity": "high", "status": "under_investigation"}
    return J({"reply": {"incident": inc, "alerts": {"total_count": len(alerts), "data": alerts}}}, 2), "en_US", org


def s_nessus():
    org = make_org()
    d = Doc()
    d.add('"Plugin ID","CVE","CVSS v3.0 Base Score","Risk","Host","Protocol","Port","Name","Synopsis","Plugin Output"\n')
    hosts = [(fqdn(org, host(org, "SRV")) if rng.random() < 0.5 else priv()) for _ in range(3)]
    for _ in range(rng.randint(5, 8)):
        h = ch(hosts)
        hv = ip(h) if h[0].isdigit() else hn(h)
        k = rng.random()
        if k < 0.35:
            s = staff()
            out = D("Logged on users :\n  - {nb}\\{u} (interactive)\n  - {nb}\\{u2}", nb=hn(org["nb"]), u=un(uname(org, s)), u2=un("svc_" + ch(["epic", "backup", "scan", "sql"])))
            name, pid, cv = "Microsoft Windows SMB Registry : Logged On Users", "10902", ""
        elif k < 0.6:
            out = D("The remote host name is {h}\nThe remote host's domain is {dom}", h=hn(host(org, "SRV")), dom=hn(org["ad"]))
            name, pid, cv = "Windows NetBIOS / SMB Remote Host Information Disclosure", "10150", ""
        else:
            out = D("Installed version : {v}\nFixed version : {f}", v=f"{rng.randint(1, 17)}.{rng.randint(0, 9)}.{rng.randint(0, 40)}", f=f"{rng.randint(17, 20)}.0.1")
            name, pid, cv = ch(["FortiOS SSL VPN heap overflow", "Citrix ADC Session Token Leak", "MOVEit Transfer SQLi", "Ivanti Connect Secure auth bypass", "PaperCut NG RCE"]), str(rng.randint(170000, 210000)), X(ind.cve(rng), "CVE")
        d.put(row([pid, cv, f"{rng.randint(5, 9)}.{rng.randint(0, 9)}", ch(["Critical", "High", "Medium", "None"]), hv, "tcp", ch(["445", "443", "3389", "0"]), name, "See output.", out], quote_all=True))
    return d, "en_US", org


def s_qualys():
    org = make_org()
    d = Doc()
    d.add('"IP","DNS","NetBIOS","OS","QID","Title","Type","Severity","CVE ID","First Detected","Last Detected","Results"\n')
    for _ in range(rng.randint(4, 7)):
        h = host(org)
        s = staff()
        u = uname(org, s)
        k = rng.random()
        if k < 0.4:
            res = D("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\{sid}  ProfileImagePath = C:\\Users\\{u}", sid=I(sid(), "ACCOUNT"), u=un(u))
            title, qid, cv = "Windows User Profiles Found", "90235", ""
        elif k < 0.7:
            res = D("Last logged on user: {u}@{dom} ({n})", u=un(u), dom=hn(org["ad"]), n=nm(s.full()))
            title, qid, cv = "Last Logged On User", "90928", ""
        else:
            res = D("%ProgramFiles%\\{p} Version is {v}", p=ch(["AnyDesk\\AnyDesk.exe", "7-Zip\\7z.dll", "Notepad++\\notepad++.exe"]), v=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}")
            title, qid, cv = ch(["AnyDesk Remote Code Execution", "7-Zip Mark-of-the-Web Bypass", "Notepad++ DLL hijack"]), str(rng.randint(370000, 380000)), X(ind.cve(rng), "CVE")
        fd, ld = when(), when()
        d.put(row([ip(priv()), hn(fqdn(org, h)), hn(h.upper()), "Windows 10 Enterprise 22H2", qid, title, "Vuln",
                   str(rng.randint(2, 5)), cv, lt(fd.strftime("%m/%d/%Y %H:%M:%S")), lt(ld.strftime("%m/%d/%Y %H:%M:%S")), res], quote_all=True))
    return d, "en_US", org


def s_insightidr():
    org = make_org()
    d = Doc()
    d.add("Alert Type,Created,Users,Assets,Source IP,Source Geo,Status,Assignee,Notes\n")
    ass = staff()
    for _ in range(rng.randint(4, 7)):
        s = staff()
        k = rng.random()
        at = ch(["Ingress from Non Expiring Account", "Account Authenticated to Critical Asset From New Source",
                 "Brute Force Against Domain Account", "Suspicious Authentication - Impossible Travel",
                 "Harvested Credentials"])
        geo = ch(["Lagos, NG", "Bucharest, RO", "Ashburn, US", "Sao Paulo, BR", "Amsterdam, NL"])
        src = X(pub(), "IPV4") if k < 0.6 else ip(priv())
        note = D("{f} confirmed travel; closed", f=nm(s.first)) if k > 0.85 else D("called {n} at {ph}, no answer", n=nm(s.last), ph=I(us_phone(), "PHONE")) if k > 0.6 else ""
        d.put(row([at, lt(iso(when(), False)), D("{u} ({n})", u=un(uname(org, s)), n=nm(s.full())), hn(host(org)), src, geo,
                   ch(["OPEN", "INVESTIGATING", "CLOSED"]), nm(ass.full()), note]))
    return d, "en_US", org


def s_auth0():
    org = make_org()
    tenant = f"{org['short'].lower()}-portal.us.auth0.com"
    evs = []
    pats = []
    for _ in range(3):
        p = person()
        mailaddr = (ind.slug(ind.ascii_fold(p.first)) or "pt") + (ind.slug(ind.ascii_fold(p.last)) or digits(3)) + str(rng.randint(1, 999)) + "@" + ch(ind.FREEMAIL)
        if not mailaddr.isascii():
            mailaddr = "patient" + digits(5) + "@" + ch(ind.FREEMAIL)
        pats.append(mailaddr)
    for _ in range(rng.randint(4, 7)):
        mailaddr = ch(pats)
        if rng.random() < 0.6:
            evs.append({"date": lt(iso(when())), "type": "fu", "description": "Wrong email or password.",
                        "connection": "Username-Password-Authentication", "client_name": D("{o} MyChart Portal", o=org_(org)),
                        "ip": X(pub(), "IPV4"), "user_agent": "python-requests/2.31.0",
                        "user_name": em(mailaddr), "hostname": hn(tenant),
                        "details": {"error": {"message": "Wrong email or password."}}, "log_id": ind.hexstr(rng, 40)})
        else:
            evs.append({"date": lt(iso(when())), "type": "s", "description": "Successful login",
                        "connection": "Username-Password-Authentication", "client_name": D("{o} MyChart Portal", o=org_(org)),
                        "ip": I(pub_home(), "IP"), "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)",
                        "user_id": I("auth0|" + ind.hexstr(rng, 24), "ACCOUNT"), "user_name": em(mailaddr),
                        "hostname": hn(tenant), "details": {"prompts": [{"name": "login", "user_name": em(mailaddr)}]},
                        "log_id": ind.hexstr(rng, 40)})
    return J(evs, 2), "en_US", org


def s_keycloak():
    org = make_org()
    realm = f"{org['short'].lower()}-staff"
    d = Doc()
    for _ in range(rng.randint(4, 7)):
        t = when()
        s = staff()
        u = uname(org, s)
        bad = rng.random() < 0.6
        d.fill('{t} {lvl}  [org.keycloak.events] (executor-thread-{n}) type="{ty}", realmId="{rid}", realmName="{realm}", '
               'clientId="{cl}", userId="{uid}", sessionId="{sess}", ipAddress="{ipa}", {err}auth_method="openid-connect", '
               'redirect_uri="https://{rh}/oauth/callback", username="{u}"\n',
               t=lt(t.strftime("%Y-%m-%d %H:%M:%S,") + f"{rng.randint(0, 999):03d}"), lvl="WARN" if bad else "DEBUG",
               n=rng.randint(1, 40), ty="LOGIN_ERROR" if bad else "LOGIN", rid=guid(), realm=hn(realm),
               cl=ch(["epic-haiku", "citrix-gateway", "pacs-viewer", "kronos"]),
               uid="null" if bad else I(guid(), "ACCOUNT"), sess="null" if bad else guid(),
               ipa=X(pub(), "IPV4") if bad else ip(priv()),
               err='error="invalid_user_credentials", ' if bad else "", rh=hn(ch(["haiku", "sso", "apps"]) + "." + org["dom"]),
               u=un(u) if rng.random() < 0.8 else em(email(org, s)))
    return d, "en_US", org


def s_vpcflow():
    org = make_org()
    acct = acct_aws()
    d = Doc()
    an = staff()
    d.fill("# exported by {n} ({e}) from CloudWatch log group /vpc/{o}-prod-phi, account {a}\n",
           n=nm(an.full()), e=em(email(org, an)), o=hn(org["short"].lower()), a=I(acct, "ACCOUNT"))
    d.add("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
    eni = "eni-" + ind.hexstr(rng, 17)
    inner = priv()
    att = pub()
    for _ in range(rng.randint(6, 10)):
        st = rng.randint(1790000000, 1799000000)
        if rng.random() < 0.6:
            a, b, pa, pb = ip(inner), X(att, "IPV4"), rng.randint(32768, 65000), ch([443, 22, 8443])
        else:
            a, b, pa, pb = ip(priv()), ip(inner), rng.randint(32768, 65000), ch([5432, 3306, 445])
        d.fill("2 {acc} {eni} {a} {b} {pa} {pb} 6 {pk} {by} {st} {en} {ac} OK\n", acc=I(acct, "ACCOUNT"), eni=eni,
               a=a, b=b, pa=pa, pb=pb, pk=rng.randint(3, 90000), by=rng.randint(200, 900000000),
               st=st, en=st + 60, ac=ch(["ACCEPT", "ACCEPT", "REJECT"]))
    return d, "en_US", org


def s_azact():
    org = make_org()
    s = staff()
    sub = guid()
    vm = host(org, "SRV").upper()
    rg = f"rg-{org['short'].lower()}-ehr-prod"
    evs = []
    for _ in range(rng.randint(2, 3)):
        att = rng.random() < 0.7
        evs.append({
            "caller": em(email(org, s)),
            "claims": {"name": nm(s.full()), "ipaddr": X(pub(), "IPV4") if att else ip(priv()),
                       "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": em(email(org, s)),
                       "http://schemas.microsoft.com/identity/claims/objectidentifier": I(guid(), "ACCOUNT")},
            "operationName": {"value": ch(["Microsoft.Compute/virtualMachines/runCommand/action",
                                           "Microsoft.Compute/snapshots/beginGetAccess/action",
                                           "Microsoft.Storage/storageAccounts/listKeys/action"]),
                              "localizedValue": "Run Command on Virtual Machine"},
            "resourceId": D("/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{vm}",
                            sub=I(sub, "ACCOUNT"), rg=hn(rg), vm=hn(vm)),
            "status": {"value": "Succeeded"}, "eventTimestamp": lt(iso(when())),
            "httpRequest": {"clientRequestId": guid(), "clientIpAddress": X(pub(), "IPV4") if att else ip(priv()), "method": "POST"},
            "subscriptionId": I(sub, "ACCOUNT"), "tenantId": guid(),
        })
    return J({"value": evs}, 2), "en_US", org


def s_gcpaudit():
    org = make_org()
    proj = f"{org['short'].lower()}-phi-prod-{rng.randint(100, 999)}"
    bucket = f"{org['short'].lower()}-imaging-exports"
    evs = []
    s = staff()
    for _ in range(rng.randint(2, 4)):
        p = person()
        obj = D("{l}_{f}_{m}.dcm", l=nm(ind.slug(p.last) or "x"), f=nm(ind.slug(p.first) or "y"), m=I(mrn(), "MRN")) if ind.slug(p.last) and ind.slug(p.first) else D("{m}.dcm", m=I(mrn(), "MRN"))
        evs.append({"protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                                     "authenticationInfo": {"principalEmail": em(email(org, s))},
                                     "requestMetadata": {"callerIp": X(pub(), "IPV4"), "callerSuppliedUserAgent": "rclone/v1.66.0"},
                                     "serviceName": "storage.googleapis.com", "methodName": "storage.objects.get",
                                     "resourceName": D("projects/_/buckets/{b}/objects/{o}", b=hn(bucket), o=obj)},
                    "insertId": ind.hexstr(rng, 12), "resource": {"type": "gcs_bucket", "labels": {"project_id": hn(proj), "bucket_name": hn(bucket)}},
                    "timestamp": lt(iso(when())), "severity": "INFO",
                    "logName": D("projects/{p}/logs/cloudaudit.googleapis.com%2Fdata_access", p=hn(proj))})
    return J(evs, 1), "en_US", org


def s_samba():
    org = make_org()
    d = Doc()
    fs = server(org)
    share = ch(["hr$", "Billing", "HIM_Scans", "Radiology_CD"])
    svc = "svc_" + ch(["backup", "veeam", "scan"])
    for _ in range(rng.randint(6, 10)):
        t = when()
        if rng.random() < 0.35:
            u, wh, ipv = un(svc), hn(host(org, "SRV")), ip(priv())
            op, path = "renameat", D("{d}/{l}_{f}_{b}.pdf|{d}/{l}_{f}_{b}.pdf.{ext}", d=ch(["2026", "Scans", "Letters"]), l=nm(fk("en_US").last_name()), f=nm(fk("en_US").first_name()), b=I(dob().strftime("%Y%m%d"), "DATE"), ext=ch(["akira", "lockbit", "rhysida", "play"]))
            d.fill("{t} {fs} smbd_audit: {u}|{ip}|{m}|{sh}|{op}|ok|{p}\n", t=lt(t.strftime("%b %d %H:%M:%S").replace(" 0", "  ")), fs=hn(fs), u=u, ip=ipv, m=wh, sh=share, op=op, p=path)
            continue
        s = staff()
        p = person()
        path = ch([D("Payroll/{y}/{l}_{f}_W2.pdf", y="2026", l=nm(s.last), f=nm(s.first)),
                   D("Scans/{l}, {f} - {m}.pdf", l=nm(p.last), f=nm(p.first), m=I(mrn(), "MRN")),
                   D("Letters/denial_{l}.docx", l=nm(p.last))])
        d.fill("{t} {fs} smbd_audit: {u}|{ip}|{m}|{sh}|{op}|ok|{p}\n", t=lt(t.strftime("%b %d %H:%M:%S")), fs=hn(fs), u=un(uname(org, s)),
               ip=ip(priv()), m=hn(host(org)), sh=share, op=ch(["openat", "unlinkat", "pread_send"]), p=path)
    return d, "en_US", org


def s_mbxaudit():
    org = make_org()
    d = Doc()
    owner = staff()
    d.fill("PS C:\\> Search-MailboxAuditLog -Identity {u} -LogonTypes Delegate,Owner -ShowDetails -StartDate 10/1/2026 | fl\n\n", u=em(email(org, owner)))
    for _ in range(rng.randint(2, 4)):
        p = person()
        att = rng.random() < 0.6
        subj = ch([D("FW: Lab results - {n} DOB {b}", n=nm(p.full()), b=I(us_date(dob()), "DATE")),
                   D("RE: Prior auth for {n} (MRN {m})", n=nm(p.lf()), m=I(mrn(), "MRN")),
                   D("Direct deposit change - {f}", f=nm(owner.first))])
        t = when()
        d.fill("RunspaceId                    : {g}\nOperation                     : {op}\nOperationResult               : Succeeded\n"
               "LogonType                     : {lt}\nMailboxGuid                   : {g2}\nMailboxOwnerUPN               : {upn}\n"
               "MailboxOwnerDisplayName       : {own}\nLogonUserDisplayName          : {lud}\nClientIPAddress               : {cip}\n"
               "ClientInfoString              : Client=OWA;Mozilla/5.0 (Windows NT 10.0; Win64; x64)\nClientMachineName             : {cm}\n"
               "ItemSubject                   : {subj}\nLastAccessed                  : {la}\n\n",
               g=guid(), op=ch(["MailItemsAccessed", "SendAs", "HardDelete", "UpdateInboxRules"]), lt="Owner" if att else "Delegate",
               g2=guid(), upn=em(email(org, owner)), own=nm(owner.lf()), lud=nm(owner.full()) if att else nm(staff().full()),
               cip=X(pub(), "IPV4") if att else ip(priv()), cm="" if att else hn(host(org)), subj=subj,
               la=lt(t.strftime("%-m/%-d/%Y %-I:%M:%S %p")))
    return d, "en_US", org


def hl7_pid(org, p, fac):
    a, c, st, z = us_addr()
    return D("PID|1||{m}^^^{fac}^MR||{L}^{F}^{mi}||{b}|{sx}|||{a}^^{c}^{st}^{z}^USA||{ph}^PRN^PH|||{ms}||{acct}|{ssn}\r",
             m=I(mrn(), "MRN"), fac=I(fac, "ORG"), L=nm(p.last.upper()), F=nm(p.first.upper()), mi=ch("ABCDEJKLMRS"),
             b=I(dob().strftime("%Y%m%d"), "DATE"), sx=ch("MF"), a=I(a, "ADDRESS"), c=I(c, "CITY"), st=st, z=I(z, "ZIP"),
             ph=I(us_phone(), "PHONE"), ms=ch("MSDW"), acct=I(digits(9), "ACCOUNT"), ssn=I(ssn(), "SSN"))


def hl7_msg(org, p, typ="ADT^A08"):
    fac = org["short"]
    t = when()
    doc = staff()
    d = D("MSH|^~\\&|EPIC|{fac}|{rcv}|{fac}|{t}||{ty}|{cid}|P|2.5.1\r", fac=I(fac, "ORG"), rcv=ch(["SUNQUEST", "MUSE", "PYXIS", "CERNERLAB"]),
          t=N(t.strftime("%Y%m%d%H%M%S"), "LOGTIME"), ty=typ, cid=digits(10))
    d.put(hl7_pid(org, p, fac))
    d.fill("PV1|1|{c}|{u}^{r}^{b}^{fac}||||{npi}^{L}^{F}^^^^MD\r", c=ch("IEO"), u=ch(["4W", "ICU", "ED", "5N"]), r=rng.randint(100, 599),
           b=ch("AB"), fac=I(fac, "ORG"), npi=I(npi(), "LICENSE"), L=nm(doc.last.upper()), F=nm(doc.first.upper()))
    return d


def s_mirth():
    org = make_org()
    d = Doc()
    p = person(mix=0.2)
    ch_name = ch(["ADT_Inbound_Epic", "ORU_to_Sunquest", "SIU_Scheduling_Out", "RDE_Pyxis"])
    t = when()
    d.fill("[{t}]  ERROR (com.mirth.connect.connectors.tcp.TcpReceiver:{ln}): Error processing message on channel \"{c}\" ({g}).\n"
           "com.mirth.connect.donkey.server.channel.ChannelException: com.mirth.connect.server.MirthJavascriptTransformerException:\n"
           "SOURCE CODE:\n  msg['PID']['PID.19']['PID.19.1'] = '{mask}';\n"
           "DETAILS: TypeError: Cannot read property \"PID.7.1\" from undefined\n"
           "\tat com.mirth.connect.server.transformers.JavaScriptFilterTransformer.doTransform(JavaScriptFilterTransformer.java:{l2})\n"
           "Connector: sourceConnector  Server: {srv} ({sip})\nRaw message:\n",
           t=lt(t.strftime("%Y-%m-%d %H:%M:%S,") + f"{rng.randint(0, 999):03d}"), ln=rng.randint(100, 900), c=ch_name, g=guid(),
           mask="***-**-****", l2=rng.randint(100, 600), srv=hn(server(org)), sip=ip(priv()))
    d.put(hl7_msg(org, p, ch(["ADT^A08", "ADT^A04", "ORU^R01"])))
    d.fill("\n\nAlert e-mailed to {e}; on-call {n} paged at {ph}.\n", e=em(f"interface-team@{org['dom']}"), n=nm(staff().full()), ph=I(us_phone(), "PHONE"))
    if rng.random() < 0.5:
        d.fill("NOTE: same TCP listener received {k} connections from {a} (not a known partner) during the error window.\n",
               k=rng.randint(20, 900), a=X(pub(), "IPV4"))
    return d, "en_US", org


def s_cloverleaf():
    org = make_org()
    d = Doc()
    site = org["short"].lower() + "_prod"
    d.fill("$ hcidbdump -e -L -S {s}\n", s=hn(site))
    for _ in range(rng.randint(1, 2)):
        p = person(mix=0.2)
        d.fill("\nmsgId:       0x{mid}\nstate:       11 (Error)\nsource:      {src}\ndest:        {dst}\nerror:       {err}\nuser:        {u}\nmessage:\n",
               mid=ind.hexstr(rng, 16), src=ch(["epic_adt_in", "lab_orm_in", "rad_oru_in"]), dst=ch(["pacs_out", "billing_dft", "lis_out"]),
               err=ch(["Tcl error: invalid date in PID-7", "Unable to deliver: connection refused", "Xlate error: field too long PID-11"]),
               u=un(uname(org, staff())))
        d.put(hl7_msg(org, p))
    d.fill("\nResent by {n} ({u}) from {h}.\n", n=nm(staff().init()), u=un(uname(org, staff())), h=hn(host(org)))
    return d, "en_US", org


def s_vna():
    org = make_org()
    d = Doc()
    d.add('"Timestamp","User","Workstation","Action","Patient Name","Patient ID","Accession","Study Date","Modality","Study Description","Destination AE"\n')
    for _ in range(rng.randint(5, 8)):
        p = person(mix=0.25)
        s = staff()
        exp = rng.random() < 0.25
        d.put(row([lt(when().strftime("%Y-%m-%d %H:%M:%S")), un(uname(org, s)) if not exp else un("svc_" + ch(["vna", "router"])),
                   hn(host(org)), "C-MOVE" if exp else ch(["VIEW", "QUERY", "PRINT", "EXPORT_CD"]),
                   nm(f"{p.last.upper()}^{p.first.upper()}"), I(mrn(), "MRN"), digits(10), I(when(400).strftime("%Y%m%d"), "DATE"),
                   ch(["CT", "MR", "CR", "US", "MG"]), ch(["CT HEAD W/O", "MR LUMBAR SPINE", "CHEST 2V", "US ABDOMEN"]),
                   D("EXFIL_{n} @ {a}:104", n=digits(2), a=X(pub(), "IPV4")) if exp else ch(["", "PACS_WS", "CD_BURNER"])], quote_all=True))
    return d, "en_US", org


def s_gchat():
    org = make_org()
    s1, s2 = staff(), staff()
    p = person()
    ph = us_phone()
    aph = att_phone()
    t = when()
    msgs = []
    texts = [D("someone called registration claiming to be {f}'s son, wanted the cell on file changed to {ap}", f=nm(p.first), ap=X(aph, "PHONE_ATTACKER")),
             D("pt is {n}, DOB {b}. Real number in chart is {ph}", n=nm(p.full()), b=I(us_date(dob()), "DATE"), ph=I(ph, "PHONE")),
             D("I called {ph} and {l} said she has no son. Caller also asked for the portal reset link to go to {ae}", ph=I(ph, "PHONE"), l=nm(p.last), ae=X(aemail(True), "EMAIL_ATTACKER")),
             D("ok flag it for security. @{f2} can you pull the call recording from {h}?", f2=nm(s1.first), h=hn(server(org))),
             D("pulled it, caller ID showed {ap}. ticket INC{n}", ap=X(aph, "PHONE_ATTACKER"), n=digits(7))]
    for i, tx in enumerate(texts):
        who = s1 if i % 2 == 0 else s2
        msgs.append({"creator": {"name": nm(who.full()), "email": em(email(org, who)), "user_type": "Human"},
                     "created_date": lt((t + dt.timedelta(minutes=3 * i)).strftime("%A, %B %-d, %Y at %-I:%M:%S %p UTC")),
                     "text": tx, "topic_id": ind.hexstr(rng, 11), "message_id": ind.hexstr(rng, 22)})
    return J({"messages": msgs}, 2), "en_US", org


def s_zendesk():
    org = make_org()
    p = person()
    pm = "pt" + digits(4) + "." + (ind.slug(p.last) if ind.slug(p.last).isascii() and ind.slug(p.last) else "x") + "@" + ch(ind.FREEMAIL)
    ag = staff()
    ph = us_phone()
    t = {"ticket": {"id": rng.randint(10000, 99999), "subject": D("Portal locked / {n}", n=nm(p.full())),
                    "requester": {"name": nm(p.full()), "email": em(pm), "phone": I(ph, "PHONE")},
                    "assignee": {"name": nm(ag.full()), "email": em(email(org, ag))},
                    "description": D("Hi, my name is {fl}, date of birth {b}. I got a text from {ap} saying my "
                                     "{o} account was suspended and to log in at {u}. I did and now I cannot get in. "
                                     "My member ID is {mid}. Please call me at {ph}.",
                                     fl=nm(p.full()), b=I(us_date(dob()), "DATE"), ap=X(att_phone(), "PHONE_ATTACKER"),
                                     o=org_(org), u=X(ind.defang(ind.url(rng)), "URL"), mid=I(member_id(), "HEALTH_PLAN"), ph=I(ph, "PHONE")),
                    "custom_fields": [{"id": 360001, "value": I(mrn(), "MRN")}, {"id": 360002, "value": "smishing"}],
                    "tags": ["portal", "smishing", "security"], "created_at": lt(iso(when())),
                    "comments": [{"author": nm(ag.first), "public": False,
                                  "body": D("Reset done. Sign-ins from {a} (not the patient) blocked; {f} verified by callback.",
                                            a=X(pub(), "IPV4"), f=nm(p.first))}]}}
    return J(t, 2), "en_US", org


def s_freshdesk():
    org = make_org()
    s = staff()
    ag = staff()
    n = rng.randint(1000, 99999)
    d = D("From: {o} IT Service Desk <{hd}>\nTo: {e}\nSubject: [#{n}] New reply: VPN token on new phone\n\n"
          "Hi {f},\n\n{af} replied to your ticket #{n}:\n\n"
          "\"We re-enrolled your token for {u}. If anyone calls you from {ap} asking for the code or to open AnyDesk session {rid}, hang up, it is not us. "
          "Your laptop {h} was reimaged; {al} reported the same caller to security.\"\n\n"
          "View ticket: https://{portal}/support/tickets/{n}\n\n--\n{an}\nIT Service Desk, ext. {x}\n",
          o=org_(org), hd=em("helpdesk@" + org["dom"]), e=em(email(org, s)), n=n, f=nm(s.first), af=nm(ag.full()),
          u=un(uname(org, s)), ap=X(att_phone(), "PHONE_ATTACKER"), rid=X(anydesk(), "REMOTE_ID"), h=hn(host(org, "LT")), al=nm(staff().full()),
          portal=hn(org["short"].lower() + "support.freshdesk.com"), an=nm(ag.full()), x=I("x" + digits(4), "PHONE"))
    return d, "en_US", org


def s_hubspot():
    org = make_org()
    d = Doc()
    d.add("Record ID,First Name,Last Name,Email,Phone Number,Street Address,City,State/Region,Postal Code,Date of birth,Lifecycle Stage,Contact owner\n")
    owner = staff()
    for _ in range(rng.randint(5, 8)):
        p = person(mix=0.2)
        a, c, st, z = us_addr()
        lm = ind.slug(p.first)[:1] + ind.slug(p.last)
        mailaddr = (lm if lm.isascii() and lm else "c" + digits(5)) + str(rng.randint(1, 99)) + "@" + ch(ind.FREEMAIL)
        d.put(row([digits(11), nm(p.first), nm(p.last), em(mailaddr), I(us_phone(), "PHONE"), I(a, "ADDRESS"), I(c, "CITY"),
                   st, I(z, "ZIP"), I(dob().strftime("%Y-%m-%d"), "DATE"), ch(["lead", "subscriber", "customer"]),
                   D("{n} ({e})", n=nm(owner.full()), e=em(email(org, owner)))]))
    d.fill("\n# list found on {a} (paste site), posted by {h}\n", a=X(ind.url(rng), "URL"), h=ch(["n0body", "dumpking", "medleaks"]))
    return d, "en_US", org


def s_workday():
    org = make_org()
    d = Doc()
    d.add("Employee ID,Worker,Preferred Name,Work Email,Personal Email,Home Phone,SSN,Date of Birth,Hire Date,Cost Center,Manager,Direct Deposit Account,Last Changed By,Badge Photo,Timeclock Template\n")
    mgr = staff()
    for _ in range(rng.randint(4, 6)):
        s = staff()
        div = rng.random() < 0.35
        pe = ind.slug(s.first) + ind.slug(s.last)[:3] + str(rng.randint(1, 99)) + "@" + ch(ind.FREEMAIL)
        d.put(row([digits(6), nm(s.lf()), nm(s.first), em(email(org, s)), em(pe), I(us_phone(), "PHONE"), I(ssn(), "SSN"),
                   I(us_date(dob()), "DATE"), I(us_date(when(3000).date() - dt.timedelta(days=3000)), "DATE"),
                   ch(["7100 Nursing", "8300 IT", "6200 Radiology", "5100 Pharmacy"]), nm(mgr.lf()),
                   X("****" + digits(4) + " (" + ch(["Green Dot", "Chime", "Cash App"]) + ")", "BANK_ATTACKER") if div else I("****" + digits(4), "ACCOUNT"),
                   D("ESS via {a}", a=X(pub(), "IPV4")) if div else un(uname(org, mgr)),
                   I(f"badge/{digits(6)}.jpg", "PHOTO"), I("FP-" + ind.hexstr(rng, 12).upper(), "BIOMETRIC")]))
    return d, "en_US", org


def s_phishsim():
    org = make_org()
    d = Doc()
    d.add("First Name,Last Name,Email,Manager Name,Department,Delivered,Opened,Clicked,Reported,IP Address,Browser\n")
    mgr = staff()
    for _ in range(rng.randint(6, 9)):
        s = staff()
        clicked = rng.random() < 0.4
        d.put(row([nm(s.first), nm(s.last), em(email(org, s)), nm(mgr.full()), ch(["Nursing", "Billing", "Radiology", "Registration"]),
                   "Yes", ch(["Yes", "No"]), "Yes" if clicked else "No", ch(["Yes", "No"]),
                   ip(priv()) if clicked else "", "Chrome 129" if clicked else ""]))
    d.fill("\nCampaign landing page: {u} (our simulation vendor); real phish reported same week came from {a} and linked to {r}.\n",
           u="training.phishsim.example", a=X(aemail(False), "EMAIL_ATTACKER"), r=X(ind.defang(ind.url(rng)), "URL"))
    return d, "en_US", org


def s_darktrace():
    org = make_org()
    s = staff()
    h = host(org)
    d = D("Subject: Darktrace Model Breach: {mdl} ({sc}%)\nFrom: darktrace@{dom}\n\n"
          "Device: {h} ({hip})\nCredential: {u}\nSubnet: {sub}\nModel: {mdl}\nBreach time: {t}\n\n"
          "Triggering activity:\n  {h} -> {a} ({dm}) port 443, {mb} MB out over 35 min\n  first seen {dm} on network; endpoint rarity 100%\n"
          "  SMB writes to {fs}: {k} files renamed with extension .{ext}\n\n"
          "Device owner (from AD): {n}, {dept}, phone {ph}\n",
          mdl=ch(["Anomalous Connection / Data Sent to Rare Domain", "Compliance / SMB Drive Write", "Device / Suspicious SMB Scanning Activity"]),
          sc=rng.randint(60, 100), dom=hn(org["dom"]), h=hn(h), hip=ip(priv()), u=un(uname(org, s)), sub=priv() + "/24",
          t=lt(iso(when(), False)), a=X(pub(), "IPV4"), dm=X(ind.domain(rng), "DOMAIN"), mb=rng.randint(40, 9000), fs=hn(server(org)),
          k=rng.randint(10, 9999), ext=ch(["lynx", "fog", "embargo", "interlock"]), n=nm(s.full()), dept=ch(["Oncology", "Billing", "Pharmacy"]),
          ph=I(us_phone(), "PHONE"))
    return d, "en_US", org


def s_box():
    org = make_org()
    d = Doc()
    d.add('Date,User Name,User Login,Action,Item Name,Item Path,IP Address,Collaborator\n')
    s = staff()
    att = aemail(True)
    for _ in range(rng.randint(5, 8)):
        p = person(mix=0.2)
        bad = rng.random() < 0.4
        item = D("{l}_{f}_records_{m}.pdf", l=nm(p.last), f=nm(p.first), m=I(mrn(), "MRN"))
        d.put(row([lt(when().strftime("%Y-%m-%d %H:%M:%S")), nm(s.full()), em(email(org, s)),
                   "INVITE_COLLABORATOR" if bad else ch(["DOWNLOAD", "PREVIEW", "UPLOAD"]), item, "All Files/HIM/Release of Information",
                   X(pub(), "IPV4") if bad else ip(priv()), X(att, "EMAIL_ATTACKER") if bad else ""]))
    return d, "en_US", org


# ================================================================ clinical and business paperwork

def age_of(b):
    a = 2026 - b.year
    return I(str(a), "AGE") if a > 89 else N(str(a), "AGE_UNDER_90")


def preface(org):
    k = rng.random()
    if k < 0.3:
        if rng.random() < 0.5:
            return D("[Page {n} of the sample posted by {r}; their note asks for contact on Tox {t} and payment to {w}]\n\n",
                     n=rng.randint(2, 40), r=X(ransom(), "MALWARE"), t=X(tox(), "TOX_ID"), w=X(wallet(), "WALLET"))
        return D("[Page {n} of the sample posted by {r} on {u}]\n\n", n=rng.randint(2, 40), r=X(ransom(), "MALWARE"),
                 u=X("http://" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(56)) + ".onion/" + ind.hexstr(rng, 8), "URL"))
    if k < 0.55:
        s = staff()
        return D("Forwarded by {n} <{e}>: this came back as an attachment on the phish from {a}\n\n", n=nm(s.full()), e=em(email(org, s)), a=X(aemail(), "EMAIL_ATTACKER"))
    return Doc()


def org_addr(org):
    a, c, st, z = us_addr()
    return D("{a}, {c}, {st} {z}", a=I(a, "ADDRESS"), c=I(c, "CITY"), st=st, z=I(z, "ZIP"))


def s_discharge():
    org = make_org()
    p = person()
    b = dob()
    dr = staff()
    rn = staff()
    ad = when()
    d = preface(org)
    d.fill("{o}\n{oa}\nDISCHARGE INSTRUCTIONS\n\nPatient: {n}    DOB: {b}    Age: {age}    MRN: {m}    FIN: {fin}\n"
           "Admitted: {ad}    Discharged: {dd}    Attending: Dr. {dr}\n\n"
           "Diagnosis: {dx}\n\nMedications: {med}\nFollow up with Dr. {fl} in {w} days. Call {cl} to schedule.\n"
           "Home health: {hh} will visit at {a}, {c} {z}. Caregiver: {cg} ({rel}), {ph}.\n\n"
           "Questions after hours: nurse line {nl}.\n"
           "Reviewed with {f} and caregiver by {rn}, RN.\nPatient signature: ______  {n2}\n",
           o=org_(org), oa=org_addr(org), n=nm(p.full().upper()), b=I(us_date(b), "DATE"), age=age_of(b), m=I(mrn(), "MRN"),
           fin=I(digits(10), "ACCOUNT"), ad=I(us_date(ad), "DATE"), dd=I(us_date(ad + dt.timedelta(days=rng.randint(1, 9))), "DATE"),
           dr=nm(dr.full()), dx=ch(["CHF exacerbation", "community-acquired pneumonia", "cellulitis, left leg", "NSTEMI"]),
           med=ch(["furosemide 40 mg daily; metoprolol 25 mg twice daily", "amoxicillin-clavulanate 875 mg twice daily x 7 days", "apixaban 5 mg twice daily"]),
           fl=nm(dr.last), w=ch([7, 10, 14]), cl=I(us_phone(), "PHONE"), hh=ch(["VNA", "Bayada", "Amedisys"]),
           a=I(us_addr()[0], "ADDRESS"), c=I(fk("en_US").city(), "CITY"), z=I(fk("en_US").zipcode(), "ZIP"),
           cg=nm(person().full()), rel=ch(["daughter", "son", "spouse", "neighbor"]), ph=I(us_phone(), "PHONE"), nl=I(us_phone(), "PHONE"),
           f=nm(p.first), rn=nm(rn.full()), n2=nm(p.full()))
    return d, "en_US", org


def s_referral():
    org = make_org()
    p = person()
    b = dob()
    gp = staff()
    sp = staff()
    d = preface(org)
    d.fill("{o}\n{oa}\nTel {tel}  Fax {fax}\n\n{date}\n\nDr. {sp}\n{dept}\n{sa}\n\nRe: {n}, DOB {b}, MRN {m}, {pa}\nInsurance: {ins} member {mid}, group {grp}\n\n"
           "Dear Dr. {spl},\n\nThank you for seeing {mrs} {l}, a {age}-year-old with {dx}. {pr} was last seen here on {ls}. "
           "Please contact {pr2} daughter {dn} at {dph} for scheduling; {pr3} own phone {pph} is often off.\n\n"
           "Sincerely,\n\nDr. {gp}\nNPI {npi}\n",
           o=org_(org), oa=org_addr(org), tel=I(us_phone(), "PHONE"), fax=I(us_phone(), "FAX"), date=N(when().strftime("%B %-d, %Y"), "LETTER_DATE"),
           sp=nm(sp.full()), dept=ch(["Cardiology Associates", "Neurology Clinic", "Pulmonary Group"]), sa=org_addr(org),
           n=nm(p.full()), b=I(us_date(b), "DATE"), m=I(mrn(), "MRN"), pa=org_addr(org), ins=ch(["Aetna", "Humana", "BCBS", "UnitedHealthcare", "Medicare"]),
           mid=I(member_id(), "HEALTH_PLAN"), grp=I(digits(6), "HEALTH_PLAN"), spl=nm(sp.last), mrs=N(ch(["Mrs.", "Mr.", "Ms."]), "TITLE"), l=nm(p.last),
           age=age_of(b), dx=ch(["new atrial fibrillation", "progressive dyspnea", "syncope x2", "memory decline"]), pr=ch(["She", "He"]),
           ls=I(us_date(when()), "DATE"), pr2="her" if rng.random() < .5 else "his", dn=nm(person().full()), dph=I(us_phone(), "PHONE"),
           pr3=ch(["her", "his"]), pph=I(us_phone(), "PHONE"), gp=nm(gp.full()), npi=I(npi(), "LICENSE"))
    return d, "en_US", org


def s_labletter():
    org = make_org()
    p = person()
    b = dob()
    a, c, st, z = us_addr()
    dr = staff()
    d = preface(org)
    d.fill("{o}\nLaboratory Services\n\n{date}\n\n{n}\n{a}\n{c}, {st} {z}\n\nDear {f},\n\nYour results from {cd} (accession {acc}) are below.\n\n"
           "  Hemoglobin A1c      {a1c} %      (ref < 5.7)\n  LDL cholesterol     {ldl} mg/dL\n  TSH                 {tsh} mIU/L\n\n"
           "{comment}\nIf you have questions, reply in the patient portal or call {ph}. Please do not reply to texts from {ap}; "
           "we never ask for payment by text.\n\n{dr}, MD\n\nMRN {m} | DOB {b}\n",
           o=org_(org), date=N(when().strftime("%B %-d, %Y"), "LETTER_DATE"), n=nm(p.full()), a=I(a, "ADDRESS"), c=I(c, "CITY"), st=st, z=I(z, "ZIP"),
           f=nm(p.first), cd=I(us_date(when()), "DATE"), acc=digits(9), a1c=f"{rng.uniform(5, 9):.1f}", ldl=rng.randint(60, 190), tsh=f"{rng.uniform(0.3, 6):.2f}",
           comment=ch(["Your A1c is higher than last time.", "These look stable.", "Please repeat the TSH in 6 weeks."]),
           ph=I(us_phone(), "PHONE"), ap=X(att_phone(), "PHONE_ATTACKER"), dr=nm(dr.full()), m=I(mrn(), "MRN"), b=I(us_date(b), "DATE"))
    return d, "en_US", org


def s_consent():
    org = make_org()
    p = person()
    b = dob()
    sg = staff()
    w = staff()
    d = preface(org)
    d.fill("{o}\nINFORMED CONSENT FOR PROCEDURE\n\nPatient name: {n}\nDate of birth: {b}   MRN: {m}\n\n"
           "I, {n2}, authorize Dr. {sg} and associates to perform: {proc}.\n"
           "Risks explained: bleeding, infection, anesthesia reaction. Photographs may be taken: {photo}.\n\n"
           "Pre-procedure photo on file: {pf}\n"
           "Signed: {sig}  Date/time: {dtm}\nIf signed by representative: {rep}, relationship {rel}, phone {rph}\n"
           "Interpreter: {intp} (ID {iid})\nWitness: {w}\n",
           o=org_(org), n=nm(p.caps()), b=I(us_date(b), "DATE"), m=I(mrn(), "MRN"), n2=nm(p.full()), sg=nm(sg.full()),
           proc=ch(["laparoscopic cholecystectomy", "left total knee arthroplasty", "colonoscopy with possible biopsy", "cardiac catheterization"]),
           photo=ch(["yes", "no"]), pf=I(f"IMG_{digits(4)}.HEIC" if rng.random() < .5 else f"{ind.slug(p.last) or 'pt'}_{digits(8)}_preop.jpg", "PHOTO"), sig=nm(p.init()), dtm=I(when().strftime("%m/%d/%Y %H:%M"), "DATETIME"), rep=nm(person().full()),
           rel=ch(["son", "daughter", "wife", "husband", "POA"]), rph=I(us_phone(), "PHONE"), intp=nm(staff().full()), iid=digits(5),
           w=nm(w.full()))
    return d, "en_US", org


def s_reminders():
    org = make_org()
    d = Doc()
    d.add("appt_id,patient_first,patient_last,dob,mobile,email,appt_datetime,provider,location,channel,status\n")
    for _ in range(rng.randint(5, 8)):
        p = person()
        pr = staff()
        lm = ind.slug(p.first) + "." + ind.slug(p.last)
        mailaddr = (lm if lm.isascii() and len(lm) > 2 else "pt" + digits(5)) + "@" + ch(ind.FREEMAIL)
        d.put(row([digits(8), nm(p.first), nm(p.last), I(dob().strftime("%Y-%m-%d"), "DATE"), I("+1" + digits(10), "PHONE"),
                   em(mailaddr), I(when().strftime("%Y-%m-%d %H:%M"), "DATETIME"), nm(pr.lf()),
                   ch(["Main Clinic Suite 200", "North Imaging", "Peds Annex"]), ch(["sms", "email", "voice"]), ch(["sent", "delivered", "failed"])]))
    d.fill("\n-- vendor note: file was pulled by API key of {u} from {a} on the night of the breach; same key later used from {b}.\n",
           u=un(uname(org, staff())), a=X(pub(), "IPV4"), b=X(pub(), "IPV4"))
    return d, "en_US", org


def s_rxlabel():
    org = make_org()
    d = Doc()
    d.add("LABEL REPRINT QUEUE\n")
    for _ in range(rng.randint(2, 3)):
        p = person()
        a, c, st, z = us_addr()
        rp = staff()
        d.fill("----------------------------------------\n{o} OUTPATIENT PHARMACY  {oph}\nRx# {rx}   Filled {fd}\n{n}\n{a}, {c} {st} {z}\n"
               "{drug}\nTAKE {sig}\nQty {q}  Refills {rf}  Dr. {dr}  DEA {dea}\nRPh {rph} ({u})\n",
               o=org_(org), oph=I(us_phone(), "PHONE"), rx=digits(7), fd=I(us_date(when()), "DATE"), n=nm(p.caps()), a=I(a.upper(), "ADDRESS"),
               c=I(c.upper(), "CITY"), st=st, z=I(z, "ZIP"), drug=ch(["OXYCODONE-APAP 5-325MG TAB", "SERTRALINE 50MG TAB", "ALPRAZOLAM 0.5MG TAB", "METFORMIN ER 500MG"]),
               sig=ch(["1 TABLET BY MOUTH EVERY 6 HOURS AS NEEDED", "1 TABLET DAILY", "1 TABLET TWICE DAILY WITH MEALS"]), q=rng.randint(14, 90),
               rf=rng.randint(0, 5), dr=nm(staff().lf().upper()), dea=I(ch("ABFM") + ch("ABCDEFGHJKLMNPRSTUVWXYZ") + digits(7), "LICENSE"), rph=nm(rp.init()), u=un(uname(org, rp)))
    d.fill("----------------------------------------\nReprints sent to printer {pr} ({pip}) by {u2}; the same queue was mirrored to {ext} after the {m} intrusion.\n",
           pr=hn(host(org, "PRN")), pip=ip(priv()), u2=un(uname(org, staff())), ext=X(pub(), "IPV4"), m=X(ransom(), "MALWARE"))
    return d, "en_US", org


def s_transfer():
    org = make_org()
    p = person()
    b = dob()
    d = preface(org)
    d.fill("INTERFACILITY TRANSFER FORM\nSending: {o}   Receiving: {rcv}\n\nPatient: {n}  Sex: {sx}  DOB: {b}  Age: {age}\nSSN: {ssn}  MRN: {m}\n"
           "Home address: {a}, {c}, {st} {z}\nNext of kin: {nok} ({rel}) {ph}\nInsurance: {ins}  ID {mid}\n\n"
           "Reason: {why}\nAccepting physician: Dr. {ap}   Sending physician: Dr. {sp}\nTransport: {tr} unit {unit}, departure {dep}\n"
           "Belongings: phone, wallet; hearing aid serial {ha}\nReport called to {rn} at {rph}\n",
           o=org_(org), rcv=ch(["University Hospital", "St. Joseph Trauma Center", "Children's Regional", "VA Medical Center"]), n=nm(p.lf()), sx=ch("MF"),
           b=I(us_date(b), "DATE"), age=age_of(b), ssn=I(ssn() if rng.random() < .6 else "XXX-XX-" + digits(4), "SSN"), m=I(mrn(), "MRN"),
           a=I(us_addr()[0], "ADDRESS"), c=I(fk("en_US").city(), "CITY"), st=fk("en_US").state_abbr(), z=I(fk("en_US").zipcode(), "ZIP"),
           nok=nm(person().full()), rel=ch(["spouse", "son", "daughter", "brother"]), ph=I(us_phone(), "PHONE"),
           ins=ch(["Medicare", "Medicaid", "Cigna", "Tricare"]), mid=I(member_id(), "HEALTH_PLAN"),
           why=ch(["STEMI, needs cath lab", "higher level of care (neurosurgery)", "EHR downtime, diversion", "burn unit"]),
           ap=nm(staff().full()), sp=nm(staff().full()), tr=ch(["ALS", "CCT", "air"]), unit=I(plate(), "VEHICLE"),
           dep=I(when().strftime("%m/%d %H:%M"), "DATETIME"), ha=I(serial(), "DEVICE_SERIAL"), rn=nm(staff().full()), rph=I(us_phone(), "PHONE"))
    return d, "en_US", org


def s_workerscomp():
    org = make_org()
    s = staff()
    b = dob()
    a, c, st, z = us_addr()
    d = preface(org)
    d.fill("EMPLOYER'S FIRST REPORT OF INJURY\nEmployer: {o}  FEIN {fein}\nEmployee: {n}   SSN {ssn}   DOB {b}\nHome: {a}, {c}, {st} {z}   Phone {ph}\n"
           "Occupation: {job}   Hire date: {hd}   Employee ID: {eid}\nDate/time of injury: {inj}\nDescription: {desc}\n"
           "Witness: {w}\nTreating facility: {o2} Occupational Health, Dr. {dr}\nReported by: {rep} ({re})\nClaim #: {cl}\n",
           o=org_(org), fein=digits(2) + "-" + digits(7), n=nm(s.full()), ssn=I(ssn(), "SSN"), b=I(us_date(b), "DATE"), a=I(a, "ADDRESS"), c=I(c, "CITY"),
           st=st, z=I(z, "ZIP"), ph=I(us_phone(), "PHONE"), job=ch(["RN", "EVS tech", "phlebotomist", "security officer"]),
           hd=I(us_date(dob() + dt.timedelta(days=9000)), "DATE"), eid=I(digits(6), "ACCOUNT"),
           inj=I(when().strftime("%m/%d/%Y %H:%M"), "DATETIME"), desc=ch(["needlestick, left index finger, during blood draw", "struck by combative patient in ED bay 4", "slipped on wet floor outside OR 3"]),
           w=nm(staff().full()), o2=org_(org), dr=nm(staff().full()), rep=nm(staff().full()), re=em(email(org, staff())), cl=I("WC" + digits(8), "ACCOUNT"))
    return d, "en_US", org


def s_fmla():
    org = make_org()
    s = staff()
    fam = person("en_US", 0)
    dr = staff()
    d = preface(org)
    d.fill("CERTIFICATION OF HEALTH CARE PROVIDER FOR FAMILY MEMBER'S SERIOUS HEALTH CONDITION (FMLA)\n\n"
           "SECTION I - Employer: {o}, HR contact {hr} ({he}, {hp})\nEmployee: {n}   Employee ID {eid}\n\n"
           "SECTION II - Family member: {fn}   Relationship: {rel}   DOB: {b}\n"
           "Condition began: {cb}; expected duration {dur}.\nFacts: {facts}\n\nProvider: {dr}, {spec}\nAddress: {pa}\nPhone {pph}  Fax {pf}\n"
           "Signature: {sig}   Date: {sd}\n",
           o=org_(org), hr=nm(staff().full()), he=em(email(org, staff())), hp=I("x" + digits(4), "PHONE"), n=nm(s.full()), eid=I(digits(6), "ACCOUNT"),
           fn=nm(fam.full()), rel=ch(["mother", "father", "spouse", "child"]), b=I(us_date(dob()), "DATE"), cb=I(us_date(when()), "DATE"),
           dur=ch(["6 weeks", "3 months", "lifetime"]), facts=ch(["chemotherapy every 3 weeks", "post-stroke rehabilitation", "hospice care at home"]),
           dr=nm(dr.full()), spec=ch(["Oncology", "Neurology", "Internal Medicine"]), pa=org_addr(org), pph=I(us_phone(), "PHONE"),
           pf=I(us_phone(), "FAX"), sig=nm(dr.init()), sd=N(us_date(when()), "LETTER_DATE"))
    return d, "en_US", org


def s_cms1500():
    org = make_org()
    p = person()
    ins = person("en_US", 0)
    b = dob()
    a, c, st, z = us_addr()
    d = preface(org)
    d.fill("HEALTH INSURANCE CLAIM FORM (CMS-1500 02/12) - OCR text\n1. MEDICARE [ ] MEDICAID [ ] GROUP HEALTH PLAN [X]   1a. INSURED'S ID NUMBER {mid}\n"
           "2. PATIENT'S NAME {pn}   3. PATIENT'S BIRTH DATE {b} {sx}\n4. INSURED'S NAME {inn}\n5. PATIENT'S ADDRESS {a}\n   CITY {c}  STATE {st}  ZIP CODE {z}  TELEPHONE {ph}\n"
           "11. INSURED'S POLICY GROUP OR FECA NUMBER {grp}\n21. ICD Ind. 0  A. {dx}\n24A. DOS {dos}  24D. CPT {cpt}  24J. RENDERING NPI {npi}\n"
           "25. FEDERAL TAX I.D. NUMBER {tin}   26. PATIENT'S ACCOUNT NO. {acct}\n31. SIGNATURE OF PHYSICIAN {sig}\n32. SERVICE FACILITY {o}\n33. BILLING PROVIDER PH # {bp}\n",
           mid=I(member_id(), "HEALTH_PLAN"), pn=nm(p.caps()), b=I(b.strftime("%m %d %Y"), "DATE"), sx=ch(["M [X]", "F [X]"]), inn=nm(ins.caps()),
           a=I(a.upper(), "ADDRESS"), c=I(c.upper(), "CITY"), st=st, z=I(z, "ZIP"), ph=I(us_phone(), "PHONE"), grp=I(digits(7), "HEALTH_PLAN"),
           dx=ch(["E11.9", "I10", "F32.1", "M54.5"]), dos=I(when().strftime("%m %d %y"), "DATE"), cpt=ch(["99214", "99203", "90837", "93000"]),
           npi=I(npi(), "LICENSE"), tin=digits(2) + "-" + digits(7), acct=I(digits(8), "ACCOUNT"), sig=nm(staff().full().upper()), o=org_(org), bp=I(us_phone(), "PHONE"))
    return d, "en_US", org


# ================================================================ notes, chats and mails in other languages

def nlist(s):
    return s.split()


CYR = [("dž", "џ"), ("Dž", "Џ"), ("lj", "љ"), ("Lj", "Љ"), ("nj", "њ"), ("Nj", "Њ"), ("a", "а"), ("b", "б"), ("c", "ц"),
       ("č", "ч"), ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "ј"),
       ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"),
       ("u", "у"), ("v", "в"), ("z", "з"), ("ž", "ж"), ("A", "А"), ("B", "Б"), ("C", "Ц"), ("Č", "Ч"), ("Ć", "Ћ"), ("D", "Д"),
       ("Đ", "Ђ"), ("E", "Е"), ("F", "Ф"), ("G", "Г"), ("H", "Х"), ("I", "И"), ("J", "Ј"), ("K", "К"), ("L", "Л"), ("M", "М"),
       ("N", "Н"), ("O", "О"), ("P", "П"), ("R", "Р"), ("S", "С"), ("Š", "Ш"), ("T", "Т"), ("U", "У"), ("V", "В"), ("Z", "З"), ("Ž", "Ж")]


def cyr(s):
    out, i = [], 0
    while i < len(s):
        for a, b in CYR:
            if s.startswith(a, i):
                out.append(b)
                i += len(a)
                break
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


SR_F = nlist("Marko Jelena Nikola Milica Stefan Jovana Dragan Snežana Miloš Ivana Đorđe Vesna Ljubica Njegoš")
SR_L = nlist("Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević Kostić Živković Ljubisavljević")
SQ_F = nlist("Arben Blerina Dritan Elira Gentian Mirela Ilir Anila Besnik Klodiana Ervin Valbona Fatbardha Ylli")
SQ_L = nlist("Hoxha Shehu Dervishi Leka Kola Marku Gjoka Çela Hysa Bregu Muça Prifti Xhafa Zeneli")
MT_F = nlist("Ġorġ Marija Ċensu Rita Pawlu Doris Ġużeppi Carmen Mario Ċettina Anthony Josette Toninu Graziella")
MT_L = nlist("Borg Camilleri Vella Farrugia Zammit Galea Micallef Grech Attard Spiteri Azzopardi Mifsud Xuereb Cassar")
LB_F = nlist("Jang Mady Jos Monique Romain Josée Marc Nathalie Claude Carine Gilles Tessy Fernand Liliane")
LB_L = nlist("Schmit Muller Weber Wagner Hoffmann Thill Kieffer Reuter Schroeder Hansen Goedert Wampach Feltgen Bettendorf")
GL_F = nlist("Xosé Uxía Brais Antía Xoán Iria Breixo Noa Roi Sabela Xurxo Carme Xiana Anxo")
GL_L = nlist("Fernández Otero Castro Rodríguez Varela Lorenzo Vázquez Pazos Seoane Outeiro Rivas Bouzas Trasancos Lamas")
CY_F = nlist("Rhys Cerys Dafydd Eleri Gethin Siân Iwan Angharad Owain Ffion Gwilym Nia Llinos Emyr")
CY_L = nlist("Jones Williams Davies Evans Pritchard Llewellyn Roberts Morgan Hughes Price Bowen Griffiths Vaughan Parry")
MS_F = nlist("Ahmad Nurul Muhammad Siti Faizal Aisyah Hafiz Azlina Zulkifli Farah Ismail Rohana")
MS_FA = nlist("Ismail Yusof Abdullah Rahman Hassan Osman Hamid Ibrahim Salleh Kassim Daud Aziz")
TE_F = nlist("వెంకట లక్ష్మి శ్రీనివాస్ పద్మ రవి సుజాత కిరణ్ అనూష సురేష్ మాధవి")
TE_L = nlist("రెడ్డి నాయుడు రావు శర్మ చౌదరి వర్మ గౌడ్ ప్రసాద్")
AM_F = nlist("አበበ ሰላም ተስፋዬ መሰረት ዮሐንስ ብርቱካን ዳዊት ትዕግስት ሄኖክ ፋሲካ")
AM_L = nlist("በቀለ ገብሬ ታደሰ ሀይሉ አለሙ መንግስቱ ከበደ ወልዱ ደሳለኝ")
LATIN_STAFF = {
    "te": (nlist("Venkat Lakshmi Srinivas Padma Ravi Sujatha Kiran Anusha"), nlist("Reddy Naidu Rao Sharma Chowdary Varma Goud Prasad")),
    "ta": (nlist("Karthik Priya Senthil Kavitha Arun Meena Vignesh Divya"), nlist("Subramanian Raman Krishnan Murugan Pillai Natarajan Selvam Iyer")),
    "am": (nlist("Abebe Selam Tesfaye Meseret Yohannes Birtukan Dawit Tigist"), nlist("Bekele Gebre Tadesse Hailu Alemu Mengistu Kebede Desalegn")),
    "kk": (nlist("Aidos Aigerim Nurlan Dana Yerlan Saule Timur Aruzhan"), nlist("Nurlanov Seitkali Abenov Zhakupova Omarov Tulegenova Ismailov Bekova")),
    "hy": (nlist("Armen Anahit Tigran Lilit Davit Mariam Hayk Nune"), nlist("Petrosyan Sargsyan Hakobyan Grigoryan Harutyunyan Vardanyan Mkrtchyan Avetisyan")),
    "ne": (nlist("Bikash Sita Ramesh Sunita Prakash Anjali Suman Gita"), nlist("Shrestha Adhikari Thapa Gurung Tamang Karki Basnet Poudel")),
    "si": (nlist("Kasun Nadeesha Chaminda Dilani Ruwan Ishara Nuwan Sanduni"), nlist("Perera Fernando Silva Jayasinghe Bandara Wickramasinghe Dissanayake Kumara")),
}


def _pick(fl, ll, loc):
    return P(ch(fl), ch(ll), loc)


def lang_person(L):
    k = L["key"]
    if k in ("sr-latn", "sr-cyrl"):
        p = _pick(SR_F, SR_L, L["loc"])
        if k == "sr-cyrl":
            p = P(cyr(p.first), cyr(p.last), L["loc"], latin=(p.first, p.last))
        return p
    if k == "ms":
        f = ch(MS_F)
        fa = ch(MS_FA)
        return P(f, ch(["bin ", "binti "]) + fa, "ms_MY", latin=(f, fa))
    tab = {"sq": (SQ_F, SQ_L), "mt": (MT_F, MT_L), "lb": (LB_F, LB_L), "gl": (GL_F, GL_L), "cy": (CY_F, CY_L),
           "te": (TE_F, TE_L), "am": (AM_F, AM_L)}
    if k in tab:
        return _pick(*tab[k], L["loc"])
    if k == "kk":
        m = mp("kk")
        return P(m.first_name(), m.last_name(), "kk_KZ")
    f = fk(L["faker"])
    return P(f.first_name(), f.last_name(), L["loc"])


def lang_staff(L):
    k = L["key"]
    if k in LATIN_STAFF:
        fl, ll = LATIN_STAFF[k]
        return P(ch(fl), ch(ll), L["loc"])
    if k == "sr-cyrl":
        return _pick(SR_F, SR_L, L["loc"])
    p = lang_person(L)
    if not ind.is_latin(p.full()):
        return P(ind.ascii_fold(p.first), ind.ascii_fold(p.last), L["loc"])
    return p


def spaced(n, groups, sep=" "):
    s = digits(n)
    out, i = [], 0
    for g in groups:
        out.append(s[i:i + g])
        i += g
    return sep.join(out)


def _d(fmt):
    return lambda b: b.strftime(fmt)


LANGS = [
    dict(key="sr-latn", loc="sr_Latn_RS", form="note", org="Opšta bolnica {c}", tld="rs",
         cities=[("11000", "Beograd"), ("21000", "Novi Sad"), ("18000", "Niš"), ("34000", "Kragujevac"), ("24000", "Subotica")],
         street=lambda: f"{ch(['Bulevar oslobođenja', 'Kneza Miloša', 'Cara Dušana', 'Njegoševa'])} {rng.randint(1, 140)}",
         phone=lambda: f"+381 6{rng.randint(0, 6)} {digits(3)} {digits(4)}", nid=lambda: digits(13), hp=lambda: digits(11),
         date=_d("%d.%m.%Y."),
         tpl=["Beleška o incidentu — {org}\n", "Datum: {t}. Prijavio: {rep} ({repu}), računar {host} ({hip}).\n",
              "Pacijentkinja {pat}, rođena {dob}, JMBG {nid}, LBO {hp}, adresa {addr}, {zip} {city}, telefon {pph}.\n",
              "Rekla je da ju je neko pozvao sa broja {aph}, predstavio se kao bolnica i tražio kod iz SMS poruke.\n",
              "U poruci je bio link {url}; domen {dom} vodi na {aip}.\n",
              "Na računaru {host} pronađen je {mal} (SHA256 {sha}), tehnika {mitre}.\n",
              "{ps} smo pozvali nazad na {pph} i potvrdila je prijavu. Napadač je pisao i sa adrese {ae}.\n"]),
    dict(key="sr-cyrl", loc="sr_Cyrl_RS", form="note", org="Клинички центар {c}", tld="rs",
         cities=[("11000", "Београд"), ("21000", "Нови Сад"), ("18000", "Ниш"), ("34000", "Крагујевац"), ("32000", "Чачак")],
         street=lambda: f"{ch(['Булевар ослобођења', 'Кнеза Милоша', 'Цара Душана', 'Његошева'])} {rng.randint(1, 140)}",
         phone=lambda: f"06{rng.randint(0, 6)}/{digits(3)}-{digits(4)}", nid=lambda: digits(13), hp=lambda: digits(11),
         date=_d("%d.%m.%Y."),
         tpl=["Службена белешка — {org}\n", "Датум: {t}. Пријавила: {rep} ({repu}), рачунар {host} ({hip}).\n",
              "Пацијент {pat}, рођен {dob}, ЈМБГ {nid}, ЛБО {hp}, адреса {addr}, {zip} {city}, телефон {pph}.\n",
              "Пацијента је позвао непознат број {aph}; саговорник је тражио шифру за портал.\n",
              "Линк из поруке: {url}; домен {dom} (IP {aip}).\n",
              "На рачунару {host} антивирус је пријавио {mal}, хеш {sha}, техника {mitre}.\n",
              "Пацијент {ps} је потврдио на броју {pph}. Адреса нападача: {ae}.\n"]),
    dict(key="sq", loc="sq_AL", form="note", org="Spitali Rajonal {c}", tld="al",
         cities=[("1001", "Tiranë"), ("2001", "Durrës"), ("9401", "Vlorë"), ("4001", "Shkodër"), ("3001", "Elbasan")],
         street=lambda: f"Rruga {ch(['Myslym Shyri', 'e Durrësit', 'Ismail Qemali', 'Skënderbeu'])}, Nr. {rng.randint(1, 90)}",
         phone=lambda: f"+355 6{ch('789')} {digits(3)} {digits(4)}",
         nid=lambda: ch("IJKL") + digits(8) + ch("ABCDEFGHJKLMNPRSTUVW"), hp=lambda: "KS-" + digits(9), date=_d("%d/%m/%Y"),
         tpl=["Shënim incidenti — {org}\n", "Data: {t}. Raportuar nga: {rep} ({repu}), kompjuteri {host} ({hip}).\n",
              "Pacientja {pat}, datëlindja {dob}, numri personal {nid}, karta e shëndetit {hp}, adresa {addr}, {zip} {city}, tel. {pph}.\n",
              "Ajo tha se dikush e telefonoi nga {aph}, u prezantua si spitali dhe kërkoi kodin e SMS-it.\n",
              "Mesazhi kishte lidhjen {url}; domeni {dom} shkon te {aip}.\n",
              "Në kompjuterin {host} u gjet {mal} (SHA256 {sha}), teknika {mitre}.\n",
              "E morëm përsëri {ps} në {pph} dhe e konfirmoi. Sulmuesi shkroi edhe nga {ae}.\n"]),
    dict(key="mt", loc="mt_MT", form="note", org="Ċentru tas-Saħħa {c}", tld="mt",
         cities=[("BKR", "Birkirkara"), ("HMR", "Ħamrun"), ("MSD", "Msida"), ("ZBG", "Ħaż-Żebbuġ"), ("QRM", "Qormi")],
         street=lambda: f"{rng.randint(1, 120)}, Triq {ch(['il-Kbira', 'San Ġużepp', 'il-Kappillan', 'Santa Marija'])}",
         phone=lambda: ch([f"+356 79{digits(2)} {digits(4)}", f"2{digits(3)} {digits(4)}"]),
         nid=lambda: digits(rng.randint(5, 7)) + ch("MGAHLPBZ"), hp=lambda: "P" + digits(7), date=_d("%d/%m/%Y"), zipfmt="{z} {n}",
         tpl=["Nota tal-inċident — {org}\n", "Data: {t}. Irrappurtat minn: {rep} ({repu}), kompjuter {host} ({hip}).\n",
              "Il-pazjenta {pat}, imwielda {dob}, karta tal-identità {nid}, numru tal-pazjent {hp}, tgħix {addr}, {city} {zip}, tel. {pph}.\n",
              "Qalet li xi ħadd ċemplilha minn {aph}, qal li kien mill-isptar u talab il-kodiċi tal-SMS.\n",
              "Il-messaġġ kellu l-link {url}; id-dominju {dom} imur għal {aip}.\n",
              "Fuq il-kompjuter {host} instab {mal} (SHA256 {sha}), teknika {mitre}.\n",
              "Ċempilna lil {ps} lura fuq {pph} u kkonfermat. L-attakkant kiteb ukoll minn {ae}.\n"]),
    dict(key="lb", loc="lb_LU", form="email", org="Spidol {c}", tld="lu",
         cities=[("1130", "Lëtzebuerg"), ("4001", "Esch-Uelzecht"), ("3401", "Diddeleng"), ("4501", "Déifferdeng"), ("9001", "Ettelbréck")],
         street=lambda: f"{rng.randint(1, 200)}, {ch(['rue de la Gare', 'Groussgaass', 'avenue de la Liberté', 'rue Principale'])}",
         phone=lambda: f"+352 6{ch(['21', '61', '91'])} {digits(3)} {digits(3)}", nid=lambda: spaced(13, [4, 4, 5]),
         hp=lambda: "CNS " + digits(13), date=_d("%d.%m.%Y"), zipfmt="L-{z}",
         tpl=["Betreff: Sécherheetsvirfall {t}\n\nMoien,\n\n", "{rep} ({repu}) vun {org} mellt e Virfall um PC {host} ({hip}).\n",
              "D'Patientin {pat}, gebuer den {dob}, Matricule {nid}, {hp}, wunnt {addr}, {zip} {city}, Tel. {pph}.\n",
              "Si sot, een hätt hatt vun {aph} ugeruff, sech als Spidol ausginn an de SMS-Code gefrot.\n",
              "Am SMS war de Link {url}; den Domain {dom} weist op {aip}.\n",
              "Um {host} gouf {mal} fonnt (SHA256 {sha}), Technik {mitre}.\n",
              "Mir hunn {ps} op {pph} zréckgeruff an et huet et bestätegt. Den Ugräifer huet och vun {ae} geschriwwen.\n\nMat beschte Gréiss\n"]),
    dict(key="gl", loc="gl_ES", form="note", org="Hospital Comarcal de {c}", tld="gal",
         cities=[("15001", "A Coruña"), ("36201", "Vigo"), ("27001", "Lugo"), ("32001", "Ourense"), ("15701", "Santiago de Compostela")],
         street=lambda: f"Rúa {ch(['do Franco', 'Nova', 'da Raíña', 'de Urzáiz'])}, {rng.randint(1, 90)}, {rng.randint(1, 8)}º",
         phone=lambda: f"+34 6{digits(2)} {digits(3)} {digits(3)}", nid=lambda: digits(8) + ch("TRWAGMYFPDXBNJZSQVHLCKE"),
         hp=lambda: "SSGA" + digits(10), date=_d("%d/%m/%Y"),
         tpl=["Nota de incidente — {org}\n", "Data: {t}. Informa: {rep} ({repu}), equipo {host} ({hip}).\n",
              "A paciente {pat}, nada o {dob}, DNI {nid}, tarxeta sanitaria {hp}, enderezo {addr}, {zip} {city}, teléfono {pph}.\n",
              "Dixo que a chamaron dende o {aph}, dicindo ser do hospital, e que lle pediron o código do SMS.\n",
              "A mensaxe levaba a ligazón {url}; o dominio {dom} apunta a {aip}.\n",
              "No equipo {host} apareceu {mal} (SHA256 {sha}), técnica {mitre}.\n",
              "Volvemos chamar a {ps} ao {pph} e confirmouno. O atacante escribiu tamén dende {ae}.\n"]),
    dict(key="cy", loc="cy_GB", form="note", org="Bwrdd Iechyd {c}", tld="wales",
         cities=[("CF14 4XW", "Caerdydd"), ("SA2 8PP", "Abertawe"), ("LL57 2PW", "Bangor"), ("NP20 2UB", "Casnewydd"), ("LL13 7TD", "Wrecsam")],
         street=lambda: f"{rng.randint(1, 120)} {ch(['Heol y Frenhines', 'Stryd Fawr', 'Ffordd y Castell', 'Lôn Las'])}",
         phone=lambda: ch([f"07{digits(3)} {digits(6)}", f"029 20{digits(2)} {digits(4)}"]), nid=lambda: "QQ " + " ".join(digits(2) for _ in range(3)) + " " + ch("ABCD"),
         hp=lambda: spaced(10, [3, 3, 4]), date=_d("%d/%m/%Y"), zipfmt="{z}", city_first=True,
         tpl=["Nodyn digwyddiad — {org}\n", "Dyddiad: {t}. Adroddwyd gan: {rep} ({repu}), cyfrifiadur {host} ({hip}).\n",
              "Y claf {pat}, dyddiad geni {dob}, rhif Yswiriant Gwladol {nid}, rhif GIG {hp}, cyfeiriad {addr}, {city} {zip}, ffôn {pph}.\n",
              "Dywedodd bod rhywun wedi ffonio o {aph}, yn honni bod o'r ysbyty, ac wedi gofyn am y cod SMS.\n",
              "Roedd y neges yn cynnwys y ddolen {url}; mae'r parth {dom} yn pwyntio at {aip}.\n",
              "Ar y cyfrifiadur {host} cafwyd {mal} (SHA256 {sha}), techneg {mitre}.\n",
              "Ffoniwyd {ps} yn ôl ar {pph} a chadarnhaodd. Ysgrifennodd yr ymosodwr hefyd o {ae}.\n"]),
    dict(key="ms", loc="ms_MY", form="chat", org="Hospital Pakar {c}", tld="my",
         cities=[("50450", "Kuala Lumpur"), ("40000", "Shah Alam"), ("80000", "Johor Bahru"), ("30000", "Ipoh"), ("15000", "Kota Bharu")],
         street=lambda: f"No. {rng.randint(1, 99)}, Jalan {ch(['Ampang', 'Tun Razak', 'Sultan Ismail', 'Bukit Bintang'])}",
         phone=lambda: f"+60 1{ch('2679')}-{digits(3)} {digits(4)}", nid=lambda: f"{rng.randint(50, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-{ch(['14', '10', '08', '01'])}-{digits(4)}",
         hp=lambda: "MySalam " + digits(8), date=_d("%d/%m/%Y"),
         tpl=["[{org}]", "{rep} ({repu}) lapor PC {host} ({hip}) kena isu\n",
              "pesakit {pat}, tarikh lahir {dob}, MyKad {nid}, {hp}, alamat {addr}, {zip} {city}, tel {pph}\n",
              "dia kata ada orang call dari {aph} mengaku dari hospital, minta kod SMS\n",
              "link dalam SMS {url}, domain {dom} pergi ke {aip}\n",
              "kat {host} jumpa {mal} (SHA256 {sha}), teknik {mitre}\n",
              "dah call balik {ps} kat {pph}, dia sahkan. penyerang juga emel dari {ae}\n"]),
    dict(key="ta", loc="ta_IN", form="note", faker="ta_IN", org="{c} அரசு மருத்துவமனை", tld="in",
         cities=[("600001", "சென்னை"), ("625001", "மதுரை"), ("641001", "கோயம்புத்தூர்"), ("620001", "திருச்சி")],
         street=lambda: f"{rng.randint(1, 99)}, {ch(['காந்தி சாலை', 'அண்ணா நகர்', 'நேரு தெரு', 'பெரியார் சாலை'])}",
         phone=lambda: f"+91 9{digits(4)} {digits(5)}", nid=lambda: spaced(12, [4, 4, 4]), hp=lambda: spaced(14, [2, 4, 4, 4], "-"), date=_d("%d-%m-%Y"),
         tpl=["சம்பவக் குறிப்பு — {org}\n", "தேதி: {t}. அறிவித்தவர்: {rep} ({repu}), கணினி {host} ({hip}).\n",
              "நோயாளி {pat}, பிறந்த தேதி {dob}, ஆதார் {nid}, ABHA {hp}, முகவரி {addr}, {city} {zip}, தொலைபேசி {pph}.\n",
              "{aph} என்ற எண்ணிலிருந்து மருத்துவமனை என்று கூறி ஒருவர் அழைத்து SMS குறியீட்டைக் கேட்டார்.\n",
              "செய்தியில் இணைப்பு {url}; டொமைன் {dom} → {aip}.\n",
              "{host} கணினியில் {mal} கண்டுபிடிக்கப்பட்டது (SHA256 {sha}), நுட்பம் {mitre}.\n",
              "{ps} அவர்களை {pph} எண்ணில் மீண்டும் அழைத்து உறுதி செய்தோம். தாக்குபவரின் மின்னஞ்சல் {ae}.\n"]),
    dict(key="te", loc="te_IN", form="note", org="{c} ప్రభుత్వ ఆసుపత్రి", tld="in",
         cities=[("500016", "హైదరాబాద్"), ("520001", "విజయవాడ"), ("530001", "విశాఖపట్నం"), ("522001", "గుంటూరు")],
         street=lambda: f"ఇంటి నం. {rng.randint(1, 20)}-{rng.randint(1, 9)}-{rng.randint(1, 300)}, {ch(['అమీర్‌పేట్', 'బంజారా హిల్స్', 'కూకట్‌పల్లి', 'గాంధీ నగర్'])}",
         phone=lambda: f"+91 {ch('6789')}{digits(4)} {digits(5)}", nid=lambda: spaced(12, [4, 4, 4]), hp=lambda: spaced(14, [2, 4, 4, 4], "-"), date=_d("%d/%m/%Y"),
         tpl=["సంఘటన నివేదిక — {org}\n", "తేదీ: {t}. నివేదించినవారు: {rep} ({repu}), కంప్యూటర్ {host} ({hip}).\n",
              "రోగి {pat}, పుట్టిన తేదీ {dob}, ఆధార్ {nid}, ABHA {hp}, చిరునామా {addr}, {city} - {zip}, ఫోన్ {pph}.\n",
              "{aph} నంబర్ నుండి ఆసుపత్రి అని చెప్పి ఎవరో ఫోన్ చేసి SMS కోడ్ అడిగారు.\n",
              "సందేశంలో లింక్ {url}; డొమైన్ {dom} → {aip}.\n",
              "{host} లో {mal} దొరికింది (SHA256 {sha}), సాంకేతికత {mitre}.\n",
              "{ps} గారికి {pph} కి తిరిగి ఫోన్ చేసి నిర్ధారించాము. దాడి చేసినవారి ఇమెయిల్ {ae}.\n"]),
    dict(key="am", loc="am_ET", form="note", org="{c} ሆስፒታል", tld="et",
         cities=[("", "አዲስ አበባ"), ("", "ባሕር ዳር"), ("", "መቀሌ"), ("", "ሀዋሳ"), ("", "ጎንደር")],
         street=lambda: f"{ch(['ቦሌ', 'አራዳ', 'ቂርቆስ', 'የካ'])} ክፍለ ከተማ ወረዳ {rng.randint(1, 14):02d} የቤት ቁ. {rng.randint(100, 2999)}",
         phone=lambda: f"+251 9{digits(2)} {digits(3)} {digits(3)}", nid=lambda: spaced(12, [4, 4, 4]), hp=lambda: "CBHI-" + digits(8), date=_d("%d/%m/%Y"),
         tpl=["የክስተት ማስታወሻ — {org}\n", "ቀን: {t}። ሪፖርት ያደረገው: {rep} ({repu})፣ ኮምፒውተር {host} ({hip})።\n",
              "ታካሚ {pat}፣ የትውልድ ቀን {dob}፣ ፋይዳ {nid}፣ {hp}፣ አድራሻ {addr}፣ {city}፣ ስልክ {pph}።\n",
              "ከ {aph} ሆስፒታል ነን ብሎ አንድ ሰው ደውሎ የSMS ኮዱን ጠየቀ።\n",
              "በመልእክቱ ውስጥ ሊንክ {url} ነበር፤ ዶሜን {dom} ወደ {aip} ይጠቁማል።\n",
              "በ {host} ላይ {mal} ተገኝቷል (SHA256 {sha})፣ ቴክኒክ {mitre}።\n",
              "{ps}ን በ {pph} መልሰን ደውለን አረጋገጥን። የአጥቂው ኢሜይል {ae}።\n"]),
    dict(key="yo", loc="yo_NG", form="note", faker="yo_NG", org="Ilé Ìwòsàn {c}", tld="ng",
         cities=[("100001", "Èkó"), ("200001", "Ìbàdàn"), ("110001", "Abẹ́òkúta"), ("230001", "Òṣogbo")],
         street=lambda: f"No {rng.randint(1, 90)}, Òpópónà {ch(['Adéníran', 'Awólọ́wọ̀', 'Bódìjà', 'Allen'])}",
         phone=lambda: f"+234 {ch(['803', '806', '813', '705'])} {digits(3)} {digits(4)}", nid=lambda: digits(11), hp=lambda: "NHIA/" + digits(8), date=_d("%d/%m/%Y"),
         tpl=["Àkọsílẹ̀ ìṣẹ̀lẹ̀ — {org}\n", "Ọjọ́: {t}. Ẹni tó jábọ̀: {rep} ({repu}), kọ̀ǹpútà {host} ({hip}).\n",
              "Aláìsàn {pat}, ọjọ́ ìbí {dob}, NIN {nid}, {hp}, àdírẹ́sì {addr}, {city} {zip}, fóònù {pph}.\n",
              "Ó sọ pé ẹnìkan pè é láti {aph}, ó ní òun wá láti ilé ìwòsàn, ó sì béèrè kóòdù SMS.\n",
              "Ìjápọ̀ inú ọ̀rọ̀ náà ni {url}; dómẹ́ìnì {dom} tọ́ka sí {aip}.\n",
              "Lórí {host} a rí {mal} (SHA256 {sha}), ọ̀nà {mitre}.\n",
              "A tún pe {ps} padà lórí {pph}, ó sì jẹ́rìí sí i. Olùkọlù náà tún kọ láti {ae}.\n"]),
    dict(key="ha", loc="ha_NG", form="note", faker="ha_NG", org="Asibitin {c}", tld="ng",
         cities=[("700001", "Kano"), ("800001", "Kaduna"), ("810001", "Zaria"), ("840001", "Sokoto")],
         street=lambda: f"Lamba {rng.randint(1, 90)}, Titin {ch(['Zoo Road', 'Murtala Mohammed', 'Ahmadu Bello', 'Gidan Dabino'])}",
         phone=lambda: f"0{ch(['803', '806', '813', '907'])} {digits(3)} {digits(4)}", nid=lambda: digits(11), hp=lambda: "NHIA/" + digits(8), date=_d("%d/%m/%Y"),
         tpl=["Rahoton abin da ya faru — {org}\n", "Kwanan wata: {t}. Wanda ya kai rahoto: {rep} ({repu}), kwamfuta {host} ({hip}).\n",
              "Mara lafiya {pat}, ranar haihuwa {dob}, NIN {nid}, {hp}, adireshi {addr}, {city} {zip}, waya {pph}.\n",
              "Ta ce wani ya kira ta daga {aph}, ya ce daga asibiti yake, ya nemi lambar SMS.\n",
              "Sakon yana da mahada {url}; yankin {dom} yana nuna {aip}.\n",
              "A kan {host} an sami {mal} (SHA256 {sha}), dabara {mitre}.\n",
              "Mun sake kiran {ps} a {pph} kuma ta tabbatar. Maharin ya kuma rubuta daga {ae}.\n"]),
    dict(key="kk", loc="kk_KZ", form="note", org="{c} қалалық ауруханасы", tld="kz",
         cities=[("A05C9Y3", "Алматы"), ("Z05T3E0", "Астана"), ("X12A0B7", "Шымкент"), ("M01K4A5", "Қарағанды")],
         street=lambda: f"{ch(['Абай даңғылы', 'Төле би көшесі', 'Сейфуллин көшесі', 'Достық даңғылы'])}, {rng.randint(1, 200)}-үй, {rng.randint(1, 150)}-пәтер",
         phone=lambda: f"+7 70{ch('157')} {digits(3)} {digits(2)} {digits(2)}", nid=lambda: digits(12), hp=lambda: "МӘМС " + digits(10), date=_d("%d.%m.%Y"),
         tpl=["Оқиға туралы жазба — {org}\n", "Күні: {t}. Хабарлаған: {rep} ({repu}), компьютер {host} ({hip}).\n",
              "Пациент {pat}, туған күні {dob}, ЖСН {nid}, {hp}, мекенжайы {addr}, {zip} {city}, телефоны {pph}.\n",
              "Оған {aph} нөмірінен біреу қоңырау шалып, аурухана атынан SMS кодын сұраған.\n",
              "Хабарламадағы сілтеме {url}; {dom} домені {aip} мекенжайына апарады.\n",
              "{host} компьютерінде {mal} табылды (SHA256 {sha}), техника {mitre}.\n",
              "{ps} {pph} нөмірі арқылы растады. Шабуылдаушы {ae} мекенжайынан да жазған.\n"]),
    dict(key="uz", loc="uz_UZ", form="note", faker="uz_UZ", org="{c} shahar shifoxonasi", tld="uz",
         cities=[("100000", "Toshkent"), ("140100", "Samarqand"), ("200100", "Buxoro"), ("160100", "Namangan")],
         street=lambda: f"{ch(['Amir Temur', 'Navoiy', 'Mustaqillik', 'Bobur'])} ko‘chasi, {rng.randint(1, 120)}-uy, {rng.randint(1, 90)}-xonadon",
         phone=lambda: f"+998 {ch(['90', '91', '93', '97'])} {digits(3)} {digits(2)} {digits(2)}", nid=lambda: digits(14), hp=lambda: "AA" + digits(7), date=_d("%d.%m.%Y"),
         tpl=["Hodisa bo‘yicha qayd — {org}\n", "Sana: {t}. Xabar bergan: {rep} ({repu}), kompyuter {host} ({hip}).\n",
              "Bemor {pat}, tug‘ilgan sana {dob}, JShShIR {nid}, pasport {hp}, manzil {addr}, {zip} {city}, tel. {pph}.\n",
              "Unga {aph} raqamidan kimdir qo‘ng‘iroq qilib, shifoxona nomidan SMS kodini so‘ragan.\n",
              "Xabardagi havola {url}; {dom} domeni {aip} ga boradi.\n",
              "{host} kompyuterida {mal} topildi (SHA256 {sha}), texnika {mitre}.\n",
              "{ps} bilan {pph} orqali qayta bog‘landik, tasdiqladi. Hujumchi {ae} manzilidan ham yozgan.\n"]),
    dict(key="az", loc="az_AZ", form="note", faker="az_AZ", org="{c} Mərkəzi Xəstəxanası", tld="az",
         cities=[("AZ1000", "Bakı"), ("AZ2000", "Gəncə"), ("AZ5000", "Sumqayıt"), ("AZ4200", "Lənkəran")],
         street=lambda: f"{ch(['Nizami', 'Füzuli', 'Azadlıq', 'Səməd Vurğun'])} küç. {rng.randint(1, 150)}, mənzil {rng.randint(1, 90)}",
         phone=lambda: f"+994 {ch(['50', '51', '55', '70'])} {digits(3)} {digits(2)} {digits(2)}",
         nid=lambda: "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(7)), hp=lambda: "AZE" + digits(8), date=_d("%d.%m.%Y"),
         tpl=["İnsident qeydi — {org}\n", "Tarix: {t}. Məlumat verən: {rep} ({repu}), kompüter {host} ({hip}).\n",
              "Pasiyent {pat}, doğum tarixi {dob}, FİN {nid}, şəxsiyyət vəsiqəsi {hp}, ünvan {addr}, {city} {zip}, tel. {pph}.\n",
              "Ona {aph} nömrəsindən xəstəxana adından zəng edib SMS kodunu istəyiblər.\n",
              "Mesajdakı keçid {url}; {dom} domeni {aip} ünvanına yönəlir.\n",
              "{host} kompüterində {mal} tapıldı (SHA256 {sha}), texnika {mitre}.\n",
              "{ps} ilə {pph} nömrəsində yenidən əlaqə saxladıq, təsdiqlədi. Hücumçu {ae} ünvanından da yazıb.\n"]),
    dict(key="hy", loc="hy_AM", form="note", faker="hy_AM", org="{c} բժշկական կենտրոն", tld="am",
         cities=[("0010", "Երևան"), ("3101", "Գյումրի"), ("2001", "Վանաձոր"), ("0901", "Աբովյան")],
         street=lambda: f"{ch(['Աբովյան', 'Մաշտոցի', 'Տիգրան Մեծի', 'Բաղրամյան'])} փող., {rng.randint(1, 90)}, բն. {rng.randint(1, 60)}",
         phone=lambda: f"+374 {ch(['91', '93', '94', '77'])} {digits(6)}", nid=lambda: digits(10), hp=lambda: "AN" + digits(7), date=_d("%d.%m.%Y"),
         tpl=["Միջադեպի գրառում — {org}\n", "Ամսաթիվ՝ {t}։ Հաղորդել է՝ {rep} ({repu}), համակարգիչ {host} ({hip})։\n",
              "Պացիենտ {pat}, ծննդյան ամսաթիվ {dob}, ՀԾՀ {nid}, անձնագիր {hp}, հասցե {addr}, {zip} {city}, հեռ. {pph}։\n",
              "Նրան զանգել են {aph} համարից՝ հիվանդանոցի անունից, և խնդրել SMS կոդը։\n",
              "Հաղորդագրության հղումը՝ {url}; {dom} տիրույթը տանում է {aip}։\n",
              "{host} համակարգչում հայտնաբերվել է {mal} (SHA256 {sha}), տեխնիկա {mitre}։\n",
              "{ps}-ին կրկին զանգեցինք {pph} համարով, հաստատեց։ Հարձակվողի էլ. հասցեն՝ {ae}։\n"]),
    dict(key="ne", loc="ne_NP", form="note", faker="ne_NP", org="{c} अस्पताल", tld="np",
         cities=[("44600", "काठमाडौं"), ("33700", "पोखरा"), ("44700", "ललितपुर"), ("56613", "विराटनगर")],
         street=lambda: f"वडा नं. {rng.randint(1, 32)}, {ch(['बानेश्वर', 'लाजिम्पाट', 'कोटेश्वर', 'चाबहिल'])}",
         phone=lambda: f"+977 98{digits(8)}", nid=lambda: f"{rng.randint(1, 77):02d}-{rng.randint(1, 9):02d}-{rng.randint(60, 82)}-{digits(5)}",
         hp=lambda: "HIB " + digits(9), date=_d("%Y-%m-%d"),
         tpl=["घटना टिपोट — {org}\n", "मिति: {t}। जानकारी दिने: {rep} ({repu}), कम्प्युटर {host} ({hip})।\n",
              "बिरामी {pat}, जन्म मिति {dob}, नागरिकता नं. {nid}, {hp}, ठेगाना {addr}, {city} {zip}, फोन {pph}।\n",
              "{aph} नम्बरबाट कसैले अस्पतालको नाममा फोन गरेर SMS कोड मागेको रहेछ।\n",
              "सन्देशमा लिंक {url} थियो; डोमेन {dom} ले {aip} देखाउँछ।\n",
              "{host} मा {mal} भेटियो (SHA256 {sha}), प्रविधि {mitre}।\n",
              "{ps}लाई {pph} मा फेरि फोन गरेर पुष्टि गर्यौं। आक्रमणकारीको इमेल {ae}।\n"]),
    dict(key="si", loc="si_LK", form="note", faker="si_LK", org="{c} මහ රෝහල", tld="lk",
         cities=[("00700", "කොළඹ"), ("20000", "මහනුවර"), ("80000", "ගාල්ල"), ("60000", "කුරුණෑගල")],
         street=lambda: f"නො. {rng.randint(1, 200)}, {ch(['ගාලු පාර', 'මහනුවර පාර', 'පන්සල් පාර', 'ස්ටේෂන් පාර'])}",
         phone=lambda: f"+94 7{ch('0125678')} {digits(3)} {digits(4)}", nid=lambda: ch([digits(12), digits(9) + "V"]), hp=lambda: "PHN " + digits(8), date=_d("%Y-%m-%d"),
         tpl=["සිද්ධි සටහන — {org}\n", "දිනය: {t}. වාර්තා කළේ: {rep} ({repu}), පරිගණකය {host} ({hip}).\n",
              "රෝගියා {pat}, උපන් දිනය {dob}, ජා.හැ.අ. {nid}, {hp}, ලිපිනය {addr}, {city} {zip}, දුරකථන {pph}.\n",
              "{aph} අංකයෙන් රෝහලේ නමින් කෙනෙක් ඇමතුමක් ගෙන SMS කේතය ඉල්ලා ඇත.\n",
              "පණිවිඩයේ සබැඳිය {url}; {dom} වසම {aip} වෙත යොමු කරයි.\n",
              "{host} පරිගණකයේ {mal} හමු විය (SHA256 {sha}), තාක්ෂණය {mitre}.\n",
              "{ps} හට {pph} අංකයට නැවත කතා කර තහවුරු කළෙමු. ප්‍රහාරකයාගේ ඊමේල් {ae}.\n"]),
    dict(key="es-mx", loc="es_MX", form="sms", faker="es_MX", org="Hospital General de {c}", tld="mx",
         cities=[("06000", "Ciudad de México"), ("44100", "Guadalajara"), ("64000", "Monterrey"), ("72000", "Puebla")],
         street=lambda: f"Calle {ch(['Hidalgo', 'Morelos', 'Juárez', 'Allende'])} {rng.randint(1, 999)}, Col. {ch(['Centro', 'Roma Norte', 'Americana', 'Del Valle'])}",
         phone=lambda: f"+52 {ch(['55', '33', '81', '222'])} {digits(4)} {digits(4)}",
         nid=lambda: "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + digits(6) + ch("HM") + ch(["DF", "JC", "NL", "PL"]) + "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(3)) + ch("0A") + digits(1),
         hp=lambda: digits(11), date=_d("%d/%m/%Y"),
         tpl=["{org}\n", "Soy {rep} ({repu}) de sistemas, la compu {host} ({hip}) ya quedó aislada\n",
              "la paciente es {pat}, nació {dob}, CURP {nid}, NSS {hp}, vive en {addr}, CP {zip}, {city}, cel {pph}\n",
              "dice que le marcaron del {aph} diciendo que eran del hospital y le pidieron el código del SMS\n",
              "el link era {url}, el dominio {dom} apunta a {aip}\n",
              "en {host} salió {mal} (SHA256 {sha}), técnica {mitre}\n",
              "ya le regresamos la llamada a {ps} al {pph} y confirmó. también escribieron desde {ae}\n"]),
    dict(key="gsw-ch", loc="de_CH", form="email", faker="de_CH", org="Spital {c}", tld="ch",
         cities=[("8001", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern"), ("9000", "St. Gallen")],
         street=lambda: f"{ch(['Bahnhofstrasse', 'Seefeldstrasse', 'Spitalgasse', 'Hauptstrasse'])} {rng.randint(1, 160)}",
         phone=lambda: f"+41 7{ch('6789')} {digits(3)} {digits(2)} {digits(2)}", nid=lambda: f"756.{digits(4)}.{digits(4)}.{digits(2)}",
         hp=lambda: "807560" + digits(14), date=_d("%d.%m.%Y"),
         tpl=["Betreff: Sicherheitsvorfall vom {t}\n\nGrüezi mitenand\n\n", "{rep} ({repu}) vom {org} het en Vorfall am PC {host} ({hip}) gmäldet.\n",
              "D Patientin {pat}, gebore am {dob}, AHV-Nr. {nid}, Versichertekarte {hp}, wohnt {addr}, {zip} {city}, Tel. {pph}.\n",
              "Sie seit, öpper heig sie vo {aph} aagrüeft, sich als Spital usgäh und de SMS-Code wölle.\n",
              "Im SMS isch de Link {url} gsi; d Domain {dom} zeigt uf {aip}.\n",
              "Uf {host} hämmer {mal} gfunde (SHA256 {sha}), Technik {mitre}.\n",
              "Mir händ d {ps} uf {pph} zruggrüeft, sie hets bestätigt. De Aagrifer het au vo {ae} gschribe.\n\nEs Grüessli\n"]),
    dict(key="de-at", loc="de_AT", form="chat", faker="de_AT", org="Landesklinikum {c}", tld="at",
         cities=[("1010", "Wien"), ("8010", "Graz"), ("4020", "Linz"), ("5020", "Salzburg"), ("6020", "Innsbruck")],
         street=lambda: f"{ch(['Mariahilfer Straße', 'Landstraßer Hauptstraße', 'Herrengasse', 'Annenstraße'])} {rng.randint(1, 120)}/{rng.randint(1, 9)}/{rng.randint(1, 20)}",
         phone=lambda: f"+43 6{ch(['64', '60', '76', '99'])} {digits(7)}", nid=lambda: digits(4) + " " + dob().strftime("%d%m%y"),
         hp=lambda: "e-card " + digits(10), date=_d("%d.%m.%Y"),
         tpl=["{org}", "Servus, {rep} ({repu}) da, PC {host} ({hip}) is vom Netz\n",
              "Patientin {pat}, geb. {dob}, SV-Nr. {nid}, {hp}, wohnhaft {addr}, {zip} {city}, Tel. {pph}\n",
              "sie sagt, wer hat sie von {aph} angerufen, hat sich als Spital ausgegeben und den SMS-Code wollen\n",
              "Link war {url}, Domain {dom} zeigt auf {aip}\n",
              "auf {host} haben wir {mal} gefunden (SHA256 {sha}), Technik {mitre}\n",
              "hab die {ps} auf {pph} zurückgerufen, passt. Angreifer hat auch von {ae} geschrieben\n"]),
]


def s_lang(L):
    c_zip, c_name = ch(L["cities"])
    base_city = ch(L["cities"])[1]
    org = make_org(name=L["org"].format(c=base_city), base=ind.slug(base_city) or "bolnica", tld=L["tld"])
    if not org["dom"].split(".")[0].isascii() or not org["dom"].split(".")[0]:
        org["dom"] = ch(["hospital", "klinika", "health", "med"]) + digits(2) + "." + L["tld"]
        org["ad"] = org["short"].lower() + ".local"
    if not org["short"].isascii() or not org["short"].isalpha():
        org["short"] = "".join(rng.choice("ABCDEFGHKLMNPRSTUVZ") for _ in range(3))
        org["nb"] = org["short"]
        org["ad"] = org["short"].lower() + ".local"
    p = lang_person(L)
    rep = lang_staff(L)
    zfmt = L.get("zipfmt", "{z}")
    zipv = zfmt.format(z=c_zip, n=digits(4)) if c_zip else ""
    if L["key"] == "mt":
        zipv = f"{c_zip} {digits(4)}"
    b = dob()
    h = host(org)
    ph = L["phone"]()
    aph = att_phone()
    m = mal()
    ps = nm(ch([p.first, p.last]) if L["key"] != "ms" else p.first)
    slots = dict(org=org_(org), t=N(when().strftime("%d.%m.%Y"), "NOTE_DATE"), rep=nm(rep.full()), repu=un(uname(org, rep)),
                 host=hn(h), hip=ip(priv()), pat=nm(p.full()), dob=I(L["date"](b), "DATE"), nid=I(L["nid"](), "SSN"),
                 hp=I(L["hp"](), "HEALTH_PLAN"), addr=I(L["street"](), "ADDRESS"), zip=I(zipv, "ZIP") if zipv else "",
                 city=I(c_name, "CITY"), pph=I(ph, "PHONE"), aph=X(aph, "PHONE_ATTACKER"), url=X(ind.defang(ind.url(rng)) if rng.random() < .5 else ind.url(rng), "URL"),
                 dom=X(ind.domain(rng), "DOMAIN"), aip=X(pub(), "IPV4"), mal=X(m, "MALWARE"), sha=X(ind.sha256(rng), "SHA256"),
                 mitre=X(ch(ind.MITRE), "MITRE"), ps=ps, ae=X(aemail(), "EMAIL_ATTACKER"))
    if L["key"] in ("hy", "si", "ne", "uz", "az", "kk"):  # a passport or card: not a health plan
        slots["hp"] = I(L["hp"](), "SSN" if L["key"] in ("hy", "uz", "az") else "HEALTH_PLAN")
    tpl = L["tpl"]
    d = Doc()
    form = L["form"]
    if form == "note":
        for t in tpl:
            d.fill(t, **slots)
    elif form == "email":
        d.fill("From: {n} <{e}>\nTo: {to}\nDate: {md}\n", n=nm(rep.full()), e=em(email(org, rep)), to=em("security@" + org["dom"]),
               md=N(when().strftime("%a, %d %b %Y %H:%M:%S +0100"), "MAIL_TIME"))
        for t in tpl:
            d.fill(t, **slots)
        d.fill("{n}\n{o}\n", n=nm(rep.full()), o=org_(org))
    else:  # chat or sms: one line per message, two speakers
        other = lang_staff(L)
        t0 = when()
        d.fill(tpl[0], **slots)
        d.add("\n")
        for i, t in enumerate(tpl[1:]):
            tm = t0 + dt.timedelta(minutes=2 * i + rng.randint(0, 1))
            who = rep if i % 2 == 0 else other
            if form == "chat":
                d.fill("[{ts}] {w}: ", ts=N(tm.strftime("%d/%m/%y, %H:%M"), "CHAT_TIME"), w=nm(who.full()))
            else:
                d.fill("{ts} {w}: ", ts=N(tm.strftime("%d/%m %H:%M"), "CHAT_TIME"), w=nm(who.first))
            d.fill(t, **slots)
    return d, L["loc"], org


def _lang_style(L):
    return lambda: s_lang(L)


STYLES_LANG = [(("incident-note-" if L["form"] == "note" else {"email": "email-", "chat": "chat-", "sms": "sms-thread-"}[L["form"]]) + L["key"],
                _lang_style(L)) for L in LANGS]

STYLES_SEC = [
    ("fortimail-history-log", s_fortimail), ("sophos-central-alerts-json", s_sophos),
    ("falcon-detects-api-json", s_falcon), ("cortex-xdr-incident-json", s_cortex),
    ("nessus-scan-csv", s_nessus), ("qualys-host-detection-csv", s_qualys),
    ("insightidr-alert-csv", s_insightidr), ("auth0-tenant-logs-json", s_auth0),
    ("keycloak-event-log", s_keycloak), ("aws-vpc-flowlog", s_vpcflow),
    ("azure-activity-log-json", s_azact), ("gcp-cloud-audit-json", s_gcpaudit),
    ("samba-full-audit-log", s_samba), ("mailbox-audit-search-ps", s_mbxaudit),
    ("mirth-connect-server-log", s_mirth), ("cloverleaf-error-db-dump", s_cloverleaf),
    ("vna-study-access-audit-csv", s_vna), ("google-chat-takeout-json", s_gchat),
    ("zendesk-ticket-json", s_zendesk), ("freshdesk-reply-email", s_freshdesk),
    ("hubspot-contacts-csv", s_hubspot), ("workday-worker-export-csv", s_workday),
    ("phish-sim-results-csv", s_phishsim), ("darktrace-model-breach-email", s_darktrace),
    ("box-admin-events-csv", s_box),
]

STYLES_DOC = [
    ("discharge-instructions-print", s_discharge), ("specialist-referral-letter", s_referral),
    ("lab-results-patient-letter", s_labletter), ("procedure-consent-form", s_consent),
    ("appointment-reminder-batch-csv", s_reminders), ("pharmacy-label-reprint", s_rxlabel),
    ("interfacility-transfer-form", s_transfer), ("workers-comp-first-report", s_workerscomp),
    ("fmla-certification-form", s_fmla), ("cms1500-claim-form", s_cms1500),
]
STYLES = STYLES_SEC + STYLES_DOC + STYLES_LANG


# ================================================================ self-test and main

COVER = {"NAME", "USERNAME", "HOSTNAME", "EMAIL", "MRN", "SSN", "PHONE", "HEALTH_PLAN", "ACCOUNT",
         "ORG", "CITY", "ADDRESS", "LICENSE", "DEVICE_SERIAL", "VEHICLE", "FAX", "ZIP"}


def _occ(text, part):
    if ind.is_latin(part):
        pat = re.compile(r"(?<!\w)" + re.escape(part) + r"(?!\w)", re.I)
        return [m.span() for m in pat.finditer(text)]
    out, i = [], text.find(part)
    while i >= 0:
        out.append((i, i + len(part)))
        i = text.find(part, i + 1)
    return out


def selftest(rec, doc, org_name, org_doms):
    """Returns None when the record passes, else a reason."""
    text = rec["text"]
    n = len(text)
    spans = sorted((s["start"], s["end"], c, s["type"]) for c in ("identifiers", "indicators", "neutral")
                   for s in rec.get(c, []))
    for a, b, c, t in spans:
        if not (0 <= a < b <= n):
            return f"span out of range {a}-{b}"
    for (a1, b1, *_), (a2, b2, *_) in zip(spans, spans[1:]):
        if a2 < b1:
            return f"overlap {a1}-{b1} {a2}-{b2}"
    # every identifier/indicator span holds exactly the value the template inserted
    exp = [(s, c, t) for s, c, t in doc.seg if c in (ID, IND, NEU)]
    if len(exp) != len(spans):
        return "span count differs from the inserted values"
    cmap = {"identifiers": ID, "indicators": IND, "neutral": NEU}
    for (a, b, c, t), (s, c2, t2) in zip(spans, exp):
        if text[a:b] != s or cmap[c] != c2 or t != t2:
            return f"span text {text[a:b]!r} != inserted {s!r}"
        if c == "identifiers" and not text[a:b].strip():
            return "empty identifier"
    idt = {text[a:b] for a, b, c, t in spans if c == "identifiers"}
    indt = {text[a:b] for a, b, c, t in spans if c == "indicators"}
    both = sorted(idt & indt)
    if both:
        return f"text both identifier and indicator: {both[0]!r}"
    for a, b, c, t in spans:
        v = text[a:b]
        if c == "indicators" and t == "IPV4":
            if not ipaddress.ip_address(v.replace("[.]", ".")).is_global:
                return f"indicator IP not public {v}"
        if c == "identifiers" and t == "IP" and "/" not in v:
            try:
                ipaddress.ip_address(v)
            except ValueError:
                return f"identifier IP malformed {v}"
        if c == "indicators" and t in ("SHA256", "MD5", "SHA1"):
            if len(v) != {"SHA256": 64, "MD5": 32, "SHA1": 40}[t] or not re.fullmatch(r"[0-9a-fA-F]+", v):
                return f"bad hash {v}"
        if c == "indicators" and t == "CVE" and not re.fullmatch(r"CVE-\d{4}-\d{4,}", v):
            return f"bad CVE {v}"
        if c == "indicators" and t == "MITRE" and not re.fullmatch(r"T\d{4}(\.\d{3})?", v):
            return f"bad ATT&CK id {v}"
    idspans = [(a, b) for a, b, c, t in spans if c == "identifiers"]

    def covered(x, y):
        return any(a <= x and y <= b for a, b in idspans)

    for a, b, c, t in spans:
        if c != "identifiers" or t not in COVER:
            continue
        v = text[a:b]
        parts = [v] if t != "NAME" else [v] + [p for p in re.split(r"[\s,^.\u00b7\u30fb]+", v) if len(p) >= 4]
        for p in parts:
            if len(p) < 4:
                continue
            for x, y in _occ(text, p):
                if not covered(x, y):
                    return f"uncovered mention of {t} {p!r}"
    for s in [org_name] + org_doms:
        for x, y in _occ(text, s):
            if not covered(x, y):
                return f"organization string outside a span: {s!r}"
    if rec["style"].endswith("-json"):
        try:
            json.loads(text)
        except ValueError as e:
            return f"JSON does not parse: {e}"
    return None


def _neg_tests():
    """Hand-made failures the self-test must refuse."""
    org = {"name": "Quarry Lake Health", "domains": ["qlh.org"]}

    def mk(doc, style="x"):
        return spandoc.record("t", doc, style, "en_US", org), doc

    bad = [
        D("Pt {n} seen; Kowalczyk called back", n=nm("Anna Kowalczyk")),
        D("user {u} and JDOE", u=un("jdoe")),
        D("mail for qlh.org users, {e}", e=em("a@qlh.org")),
        D("staff of Quarry Lake Health: {n}", n=nm("Al Bo")),
        D("{i}", i=X("10.1.2.3", "IPV4")),
        D("{h} {c}", h=X("a" * 63, "SHA256"), c=X("CVE-20-1", "CVE")),
        D("{a} and {b}", a=nm("Zed Quist"), b=X("Zed Quist", "EMAIL_ATTACKER")),
        D("{j}", j=I("10.1.300", "IP")),
    ]
    for i, d in enumerate(bad):
        r, doc = mk(d)
        assert selftest(r, doc, org["name"], org["domains"]), f"negative test {i} passed"
    r, doc = mk(D('{{"a": "{v}"', v=nm("Ann Lee")), "t-json")
    assert selftest(r, doc, org["name"], org["domains"]), "truncated JSON passed"
    r, doc = mk(D("{n} ok", n=nm("Ann Lee")))
    r["identifiers"][0]["end"] += 1
    assert selftest(r, doc, org["name"], org["domains"]), "shifted span passed"
    r, doc = mk(D("{n} and {m}", n=nm("Ann Lee"), m=X(ind.sha256(random.Random(1)).lower(), "SHA256")))
    assert selftest(r, doc, org["name"], org["domains"]) is None, "clean record refused"
    return len(bad) + 2


_TITLE = re.compile(r"(?<!\w)(Dr|Mrs|Mr|Ms)\.(?= )")


def mark_titles(doc):
    """Honorifics in the plain template text become neutral TITLE spans."""
    out = Doc()
    for text, cat, typ in doc.seg:
        if cat is not None:
            out.seg.append((text, cat, typ))
            continue
        pos = 0
        for mt in _TITLE.finditer(text):
            out.add(text[pos:mt.start()])
            out.add(mt.group(0), NEU, "TITLE")
            pos = mt.end()
        out.add(text[pos:])
    return out


def build():
    recs = []
    redraws = 0
    for style, fn in STYLES:
        for _ in range(7):
            for attempt in range(40):
                doc, loc, org = fn()
                doc = mark_titles(doc)
                of = org_field(org)
                rec = spandoc.record(f"blind10-{len(recs) + 1:04d}", doc, style, loc, of)
                why = selftest(rec, doc, org["name"], of["domains"] + ([org["short"]] if len(org["short"]) >= 4 else []))
                if why is None:
                    break
                redraws += 1
                if os.environ.get("BLIND10_DEBUG"):
                    print(style, why, file=sys.stderr)
            else:
                raise SystemExit(f"{style}: no clean document in 40 draws ({why})")
            recs.append(rec)
    return recs, redraws


NOTES = ("A tenth blind corpus, written without opening the scrubber, its results, score.py, the "
         "other generators or the other corpora. Conventions: `README.md` in this directory.")


def main():
    check = "--check" in sys.argv
    nneg = _neg_tests()
    recs, redraws = build()
    data = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in recs).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    styles = sorted({r["style"] for r in recs})
    nid = sum(len(r["identifiers"]) for r in recs)
    nind = sum(len(r["indicators"]) for r in recs)
    summary = (f"{len(recs)} documents, {len(styles)} styles, {nid} identifiers, {nind} indicators, "
               f"{redraws} redraws, {nneg} negative self-tests refused; sha256 {sha}")
    if check:
        with open(OUT, "rb") as f:
            disk = f.read()
        if disk != data:
            raise SystemExit("check: blind10.jsonl on disk differs from a fresh build")
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            spandoc.manifest(os.path.join(tmp, "m.md"), "blind10 manifest", "blind10/blind10.jsonl", SEED,
                             "gen/gen_blind10.py", recs, NOTES)
            with open(os.path.join(tmp, "m.md"), "rb") as f1, open(MAN, "rb") as f2:
                if f1.read() != f2.read():
                    raise SystemExit("check: MANIFEST.md on disk differs from a fresh build")
        print("check ok: " + summary)
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    got = spandoc.write_corpus(OUT, recs)
    assert got == sha
    spandoc.manifest(MAN, "blind10 manifest", "blind10/blind10.jsonl", SEED, "gen/gen_blind10.py", recs, NOTES)
    print(summary)


if __name__ == "__main__":
    main()
