"""blind7: a seventh blind evaluation corpus for the PHI scrubber (issue 18).

Writes ../blind7/blind7.jsonl and ../blind7/MANIFEST.md (or the paths given).
  --check   regenerate in memory, self-test, compare with the file on disk
Seed 7707. Every template here is this file's own."""

import datetime as dt
import hashlib
import ipaddress
import json
import os
import re
import sys

import spandoc  # noqa: F401  (fixes the hash seed before Faker is imported)
from spandoc import Doc, I, X, N, record, write_corpus, manifest
import indicators as ind
from faker import Faker
import random

SEED = 7707
HERE = os.path.dirname(os.path.abspath(__file__))

ORG_LOCALES = ["en_US"] * 6 + ["en_GB", "es_MX", "pt_BR", "hi_IN"]
LANG_LOCALE = {"pl": "pl_PL", "ro": "ro_RO", "cs": "cs_CZ", "he": "he_IL", "th": "th_TH",
               "id": "id_ID", "zh": "zh_CN", "ru": "ru_RU", "el": "el_GR", "ar": "ar_SA",
               "pt": "pt_BR", "hi": "hi_IN", "es": "es_MX"}
KINDS = ["Regional Medical Center", "Community Hospital", "Health System", "Family Clinic",
         "Children's Hospital", "Cancer Institute", "Rehabilitation Hospital", "Medical Group"]
DEPTS = ["ED", "ICU", "LAB", "RAD", "PHA", "ONC", "REG", "BIL", "HIM", "NUR", "OR", "PEDS"]
ACTORS = ["Scattered Spider", "FIN7", "TA505", "Storm-0501", "UNC3944", "Vanilla Tempest",
          "Gold Ionic", "Velvet Ant"]

FK = {}


def fk(loc):
    if loc not in FK:
        f = Faker(loc)
        f.seed_instance(SEED + len(FK))
        FK[loc] = f
    return FK[loc]


class Ctx:
    pass


def digits(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


def mac(r, sep=":"):
    return sep.join(f"{r.randint(0, 255):02x}" for _ in range(6))


def new_org(r, loc):
    f = fk(loc)
    city = f.city()
    if not ind.is_latin(city) or len(ind.slug(city)) < 4:
        city = fk("en_US").city()
    city = " ".join(city.split())
    kind = r.choice(KINDS)
    name = f"{city} {kind}"
    base = ind.slug(city)[:12]
    tld = {"en_GB": "nhs.uk", "es_MX": "org.mx", "pt_BR": "org.br", "hi_IN": "org.in",
           "pl_PL": "org.pl", "ro_RO": "ro", "cs_CZ": "cz", "he_IL": "org.il", "th_TH": "or.th",
           "id_ID": "or.id", "zh_CN": "org.cn", "ru_RU": "ru", "el_GR": "gr",
           "ar_SA": "med.sa"}.get(loc, r.choice(["org", "com", "health"]))
    dom = f"{base}{r.choice(['health', 'med', 'hosp', 'care'])}.{tld}"
    nb = (base[:4] + r.choice(["MC", "HS", "H"])).upper()
    return {"name": name, "domain": dom, "ad": f"{nb.lower()}.local", "nb": nb,
            "hostpre": base[:3].upper(), "conv": r.choice(["fl", "f.l", "lf", "fl9"]),
            "loc": loc}


def uname(c, first, last):
    a, b = ind.slug(first), ind.slug(last)
    if not a or not b or not (a + b).isascii():
        return f"u{digits(c.r, 5)}"
    k = c.org["conv"]
    if k == "fl":
        return a[0] + b
    if k == "f.l":
        return f"{a}.{b}"
    if k == "lf":
        return b + a[0]
    return a[0] + b + digits(c.r, 2)


def person(c, loc=None, staff=False):
    loc = loc or c.loc
    f = fk(loc)
    p = Ctx()
    p.first, p.last = f.first_name(), f.last_name()
    p.full = p.last + p.first if loc == "zh_CN" else f"{p.first} {p.last}"
    if staff and not ind.is_latin(p.full):
        e = fk("en_US")
        p.first, p.last = e.first_name(), e.last_name()
        p.full = f"{p.first} {p.last}"
    p.user = uname(c, p.first, p.last)
    p.email = f"{p.user}@{c.org['domain']}"
    p.phone = f.phone_number()
    p.street = " ".join(f.street_address().split())
    try:
        p.city = " ".join(f.city().split())
    except AttributeError:
        p.city = fk("en_US").city()
    p.zip = f.postcode()
    p.dob = dt.date(1930, 1, 1) + dt.timedelta(days=c.r.randint(0, 31000))
    p.mrn = digits(c.r, c.r.choice([7, 8, 9]))
    return p


def host(c, dept=None):
    d = dept or c.r.choice(DEPTS)
    return f"{c.org['hostpre']}-{d}-{c.r.choice(['WS', 'PC', 'LT', 'VM'])}{c.r.randint(1, 399):03d}"


def srv(c):
    return f"{c.org['hostpre'].lower()}{c.r.choice(['dc', 'fs', 'sql', 'app', 'esx', 'ctx', 'pacs'])}{c.r.randint(1, 9):02d}"


def ts(c, base=None, fmt="%Y-%m-%d %H:%M:%S"):
    c.t = (base or c.t) + dt.timedelta(seconds=c.r.randint(3, 900))
    return N(c.t.strftime(fmt), "LOGTIME")


def D(d, fmt="%m/%d/%Y"):
    return I(d.strftime(fmt), "DATE")


def visit(c):
    return c.t.date() - dt.timedelta(days=c.r.randint(0, 20))


def pip(c):
    return I(ind.private_ipv4(c.r), "IP")


def aip(c):
    return X(ind.public_ipv4(c.r), "IPV4")


def ORG(c):
    return I(c.org["name"], "ORG")


def mal(c):
    return X(c.r.choice(ind.MALWARE), "MALWARE")


def nm(p):
    return I(p.full, "NAME")


def uN(p):
    return I(p.user, "USERNAME")


# ---------------------------------------------------------------- styles

def s_ise(c):
    d = Doc()
    nas = srv(c)
    for _ in range(c.r.randint(3, 6)):
        p = person(c, staff=True)
        d.fill("{t} {nas} CISE_RADIUS_Accounting 0000{n} 1 0 NOTICE Radius-Accounting: RADIUS "
               "Accounting start request, User-Name={nb}\\{u}, NAS-IP-Address={nip}, "
               "Calling-Station-ID={m}, Framed-IP-Address={fip}, Acct-Session-Id={sid}, "
               "Called-Station-ID={ssid}, EndPointMatchedProfile=Windows10-Workstation\n",
               t=ts(c, fmt="%b %d %H:%M:%S"), nas=I(nas, "HOSTNAME"), n=str(c.r.randint(10000, 99999)),
               nb=I(c.org["nb"], "HOSTNAME"), u=uN(p), nip=pip(c), m=I(mac(c.r, "-").upper(), "DEVICE_SERIAL"),
               fip=pip(c), sid=N(ind.hexstr(c.r, 8).upper(), "ORDER_ID"), ssid="CORP-8021X")
    d.fill("{t} {nas} CISE_Failed_Attempts 0000{n} 5400 NOTICE Failed-Attempts: Authentication "
           "failed, User-Name=admin, NAS-IP-Address={nip}, Remote-Address={a}, FailureReason=22056 "
           "Subject not found in the applicable identity store(s)\n",
           t=ts(c, fmt="%b %d %H:%M:%S"), nas=I(nas, "HOSTNAME"), n=str(c.r.randint(10000, 99999)),
           nip=pip(c), a=aip(c))
    return d


def s_dhcp(c):
    scope = I("10.20.0.0", "IP")
    d = Doc().t("PS C:\\> Get-DhcpServerv4Lease -ComputerName ").put(I(srv(c), "HOSTNAME")) \
        .t(" -ScopeId ").put(scope).t("\n\nIPAddress       ScopeId     ClientId             HostName                          AddressState LeaseExpiryTime\n"
           "---------       -------     --------             --------                          ------------ ---------------\n")
    for _ in range(c.r.randint(5, 10)):
        ip = ind.private_ipv4(c.r)
        h = f"{host(c)}.{c.org['ad']}"
        d.put(I(ip, "IP")).t(" " * max(1, 16 - len(ip))).put(scope).t("   ").put(I(mac(c.r, "-"), "DEVICE_SERIAL")) \
            .t("    ").put(I(h, "HOSTNAME")).t(" " * max(1, 34 - len(h))).t("Active       ") \
            .put(ts(c, fmt="%m/%d/%Y %I:%M:%S %p")).t("\n")
    return d


def s_netstat(c):
    p = person(c, staff=True)
    h = host(c)
    d = Doc().fill("C:\\Users\\{u}>hostname\n{h}\n\nC:\\Users\\{u}>netstat -ano\n\nActive Connections\n\n"
                   "  Proto  Local Address          Foreign Address        State           PID\n",
                   u=uN(p), h=I(h, "HOSTNAME"))
    me = ind.private_ipv4(c.r)
    for _ in range(c.r.randint(4, 8)):
        ext = c.r.random() < 0.5
        d.t("  TCP    ").put(I(me, "IP")).t(f":{c.r.randint(49152, 65000)}    ")
        d.put(aip(c) if ext else pip(c)).t(f":{c.r.choice([443, 8443, 4444, 445, 3389, 80])}    ")
        d.t(f"{c.r.choice(['ESTABLISHED', 'SYN_SENT', 'TIME_WAIT'])}     {c.r.randint(400, 12000)}\n")
    d.t("\nPID 7712 is rundll32.exe, flagged by EDR as ").put(mal(c)).t(".\n")
    return d


def s_arp(c):
    me = ind.private_ipv4(c.r)
    d = Doc().t("C:\\> arp -a\n\nInterface: ").put(I(me, "IP")).t(" --- 0xb\n  Internet Address      Physical Address      Type\n")
    for _ in range(c.r.randint(4, 9)):
        ip = ind.private_ipv4(c.r)
        d.t("  ").put(I(ip, "IP")).t(" " * max(1, 22 - len(ip))).put(I(mac(c.r, "-"), "DEVICE_SERIAL")) \
            .t(f"     {c.r.choice(['dynamic', 'static'])}\n")
    d.t("\nTwo entries share one MAC: possible ARP spoofing from ").put(I(host(c), "HOSTNAME")).t(".\n")
    return d


def s_ipconfig(c):
    h = host(c)
    p = person(c, staff=True)
    return Doc().fill(
        "Windows IP Configuration\n\n   Host Name . . . . . . . . . . . . : {h}\n"
        "   Primary Dns Suffix  . . . . . . . : {ad}\n   Node Type . . . . . . . . . . . . : Hybrid\n"
        "   DNS Suffix Search List. . . . . . : {ad}\n\nEthernet adapter Ethernet0:\n\n"
        "   Description . . . . . . . . . . . : Intel(R) Ethernet Connection I219-LM\n"
        "   Physical Address. . . . . . . . . : {m}\n   DHCP Enabled. . . . . . . . . . . : Yes\n"
        "   IPv4 Address. . . . . . . . . . . : {ip}(Preferred)\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n"
        "   Default Gateway . . . . . . . . . : {gw}\n   DHCP Server . . . . . . . . . . . : {dh}\n"
        "   DNS Servers . . . . . . . . . . . : {dns}\n                                       {dns2}\n\n"
        "Note from {n}: DNS server 2 was changed on this box, it is not ours. Ticket attached.\n",
        h=I(h, "HOSTNAME"), ad=I(c.org["ad"], "HOSTNAME"), m=I(mac(c.r, "-").upper(), "DEVICE_SERIAL"),
        ip=pip(c), gw=pip(c), dh=pip(c), dns=pip(c), dns2=aip(c), n=nm(p))


def s_whoami(c):
    p = person(c, staff=True)
    sid = f"S-1-5-21-{digits(c.r, 10)}-{digits(c.r, 10)}-{digits(c.r, 9)}-{c.r.randint(1100, 9999)}"
    d = Doc().fill("USER INFORMATION\n----------------\n\nUser Name          SID\n================== {eq}\n"
                   "{nb}\\{u} {sid}\n\nGROUP INFORMATION\n-----------------\n\n", eq="=" * 10,
                   nb=I(c.org["nb"], "HOSTNAME"), u=uN(p), sid=I(sid, "ACCOUNT"))
    for g in ["Everyone", "BUILTIN\\Users", "NT AUTHORITY\\INTERACTIVE"]:
        d.t(f"{g:<40} Well-known group\n")
    d.put(I(c.org["nb"], "HOSTNAME")).t("\\Domain Admins                       Group  (added 02:14 by ") \
        .put(I("svc_" + ind.slug(c.org["hostpre"]) + "bkp", "USERNAME")).t(")\n\nPRIVILEGES INFORMATION\n"
        "SeDebugPrivilege  Debug programs  Enabled\n\nRun from ").put(I(host(c), "HOSTNAME")) \
        .t(" after ").put(mal(c)).t(" beacon.\n")
    return d


def s_evcsv(c):
    d = Doc().t("Level,Date and Time,Source,Event ID,Task Category,Message\n")
    hs = I(srv(c), "HOSTNAME")
    for _ in range(c.r.randint(3, 6)):
        p = person(c, staff=True)
        if c.r.random() < 0.5:
            d.fill('Audit Failure,{t},Microsoft-Windows-Security-Auditing,4625,Logon,"An account failed to log on. '
                   'Account Name: {u} Workstation Name: {w} Source Network Address: {a} Logon Type: 3"\n',
                   t=ts(c, fmt="%m/%d/%Y %I:%M:%S %p"), u=uN(p), w=N("WIN-" + ind.hexstr(c.r, 8).upper(), "ORDER_ID"), a=aip(c))
        else:
            d.fill('Information,{t},Microsoft-Windows-Security-Auditing,4624,Logon,"An account was successfully '
                   'logged on. Account Name: {u} Account Domain: {nb} Workstation Name: {w} Source Network Address: {ip}"\n',
                   t=ts(c, fmt="%m/%d/%Y %I:%M:%S %p"), u=uN(p), nb=I(c.org["nb"], "HOSTNAME"), w=I(host(c), "HOSTNAME"), ip=pip(c))
    d.fill('Information,{t},Service Control Manager,7045,None,"A service was installed in the system. '
           'Service Name: {m} Service File Name: C:\\\\ProgramData\\\\svc.exe" (on {hs})\n',
           t=ts(c, fmt="%m/%d/%Y %I:%M:%S %p"), m=mal(c), hs=hs)
    return d


def s_kerb(c):
    p = person(c, staff=True)
    s = srv(c)
    d = Doc()
    for eid in ("4768", "4769", "4769"):
        d.fill("Log Name: Security\nSource: Microsoft-Windows-Security-Auditing\nDate: {t}\nEvent ID: {e}\n"
               "Computer: {dc}\nAccount Information:\n\tAccount Name:\t\t{u}@{AD}\n\tAccount Domain:\t\t{AD}\n"
               "Service Information:\n\tService Name:\t\t{svc}\nNetwork Information:\n\tClient Address:\t\t::ffff:{ip}\n"
               "\tClient Port:\t\t{port}\nAdditional Information:\n\tTicket Encryption Type:\t0x17\n\n",
               t=ts(c, fmt="%m/%d/%Y %I:%M:%S %p"), e=eid, dc=I(f"{c.org['hostpre'].lower()}dc01.{c.org['ad']}", "HOSTNAME"),
               u=uN(p), AD=I(c.org["ad"].upper(), "HOSTNAME"), svc=I(s + "$" if eid == "4768" else "MSSQLSvc/" + s, "HOSTNAME"),
               ip=pip(c), port=str(c.r.randint(50000, 60000)))
    d.t("RC4 tickets for SPNs in a burst = Kerberoasting (").put(X("T1558.003", "MITRE")).t("); tool seen: ").put(mal(c)).t(".\n")
    return d


def s_sccm(c):
    d = Doc().t("DeviceName,PrimaryUser,UserPrincipalName,SerialNumber,OS,LastContact,ComplianceState\n")
    for _ in range(c.r.randint(5, 9)):
        p = person(c, staff=True)
        d.fill("{h},{nb}\\{u},{e},{sn},Windows 11 23H2,{t},{st}\n", h=I(host(c), "HOSTNAME"),
               nb=I(c.org["nb"], "HOSTNAME"), u=uN(p), e=I(p.email, "EMAIL"),
               sn=I(c.r.choice(["5CG", "PF3", "MXL", "C02"]) + ind.hexstr(c.r, 7).upper(), "DEVICE_SERIAL"),
               t=ts(c), st=c.r.choice(["Compliant", "Noncompliant", "InGracePeriod"]))
    return d


def s_copier(c):
    d = Doc().fill("Job Log - {h} (Ricoh IM C4500) - exported {t}\nJobID;User;Document;Pages;Status;Time\n",
                   h=I(f"{c.org['hostpre'].lower()}-mfp-{c.r.randint(1, 40):02d}", "HOSTNAME"), t=ts(c))
    for _ in range(c.r.randint(4, 8)):
        s, pt = person(c, staff=True), person(c)
        ln = ind.slug(pt.last) or "pt"
        d.t(f"{c.r.randint(1000, 9999)};").put(uN(s)).t(";")
        if ind.is_latin(pt.last):
            d.put(I(pt.last.upper(), "NAME")).t("_").put(I(pt.mrn, "MRN")).t(f"_{c.r.choice(['discharge', 'labs', 'consent'])}.pdf")
        else:
            d.t("scan_").put(I(pt.mrn, "MRN")).t(".pdf")
        d.t(f";{c.r.randint(1, 30)};{c.r.choice(['Printed', 'Held', 'Cancelled'])};").put(ts(c, fmt="%H:%M")).t("\n")
    return d


def s_storefront(c):
    d = Doc()
    for _ in range(c.r.randint(3, 5)):
        p = person(c, staff=True)
        d.fill("{t} Citrix.DeliveryServicesClients.Authentication: Explicit authentication succeeded for user "
               "{nb}\\{u} from client {ip}, store /Citrix/{st}Store\n", t=ts(c, fmt="%Y-%m-%dT%H:%M:%S"),
               nb=I(c.org["nb"], "HOSTNAME"), u=uN(p), ip=pip(c), st=c.org["hostpre"].capitalize())
    p = person(c, staff=True)
    for _ in range(c.r.randint(2, 4)):
        d.fill("{t} Citrix.DeliveryServicesClients.Authentication: Explicit authentication failed for user {e} "
               "from client {a} (bad password)\n", t=ts(c, fmt="%Y-%m-%dT%H:%M:%S"), e=I(p.email, "EMAIL"), a=aip(c))
    return d


def s_vcenter(c):
    p = person(c, staff=True)
    d = Doc()
    d.fill("{t} info vpxd[12345] [Originator@6876 sub=vpxLro] User {ad}\\{u}@{ip} logged in as VMware vim-java 1.0\n",
           t=ts(c, fmt="%Y-%m-%dT%H:%M:%S.000Z"), ad=I(c.org["ad"].upper(), "HOSTNAME"), u=uN(p), ip=pip(c))
    for _ in range(c.r.randint(2, 5)):
        d.fill("{t} info vpxd Task: Power Off virtual machine {vm} on {esx} by {ad}\\{u}\n",
               t=ts(c, fmt="%Y-%m-%dT%H:%M:%S.000Z"), vm=I(srv(c), "HOSTNAME"),
               esx=I(f"{c.org['hostpre'].lower()}esx{c.r.randint(10, 40)}.{c.org['ad']}", "HOSTNAME"),
               ad=I(c.org["ad"].upper(), "HOSTNAME"), u=uN(p))
    d.fill("{t} warning Alarm 'Datastore usage' on datastore1: files renamed *.{x}; SSH enabled from {a}. Suspected {r}.\n",
           t=ts(c, fmt="%Y-%m-%dT%H:%M:%S.000Z"), x=ind.hexstr(c.r, 5), a=aip(c), r=X(c.r.choice(ind.RANSOM), "MALWARE"))
    return d


def s_veeam(c):
    s = person(c, staff=True)
    d = Doc().fill("From: Veeam Backup <{mb}>\nTo: {se}\nDate: {t}\nSubject: [Failed] Nightly-Clinical (3 VMs) 1 failed\n"
                   "Content-Type: text/html\n\n<html><body><table border=1><tr><th>Name</th><th>Status</th><th>Details</th></tr>\n",
                   mb=I(f"veeam@{c.org['domain']}", "EMAIL"), se=I(s.email, "EMAIL"), t=N(c.t.strftime("%a, %d %b %Y %H:%M:%S +0000"), "MAIL_TIME"))
    for _ in range(3):
        d.fill("<tr><td>{vm}</td><td>{st}</td><td>{det}</td></tr>\n", vm=I(srv(c), "HOSTNAME"),
               st=c.r.choice(["Success", "Failed", "Warning"]), det="Processing finished")
    d.fill("</table><p>Repository {repo} ({ip}): restore points deleted by {u}. Contact {n}, ext. {x}.</p>"
           "<p>Sent by {org} backup server</p></body></html>\n",
           repo=I(srv(c), "HOSTNAME"), ip=pip(c), u=I("svc_veeam", "USERNAME"), n=nm(s), x=I(str(c.r.randint(2000, 7999)), "PHONE"), org=ORG(c))
    return d


def s_synology(c):
    nas = I(f"{c.org['hostpre']}-NAS{c.r.randint(1, 4):02d}", "HOSTNAME")
    d = Doc()
    for _ in range(c.r.randint(2, 4)):
        p = person(c, staff=True)
        d.fill("Info\tConnection\t{t}\t{u}\tUser [{u2}] from [{ip}] signed in to [DSM] successfully via [password].\n",
               t=ts(c, fmt="%Y/%m/%d %H:%M:%S"), u=uN(p), u2=uN(p), ip=pip(c))
    for _ in range(c.r.randint(2, 4)):
        d.fill("Warning\tConnection\t{t}\tSYSTEM\tUser [admin] from [{a}] failed to log in via [SSH] due to authorization failure.\n",
               t=ts(c, fmt="%Y/%m/%d %H:%M:%S"), a=aip(c))
    d.fill("Info\tSystem\t{t}\tSYSTEM\tIP [{a}] blocked by AutoBlock on {nas}.\n", t=ts(c, fmt="%Y/%m/%d %H:%M:%S"), a=aip(c), nas=nas)
    return d


def s_wlc(c):
    d = Doc().t("(Cisco Controller) >show client summary username\n\nMAC Address       AP Name               WLAN  User Name           IP Address\n"
                "----------------- --------------------- ----- ------------------- ---------------\n")
    for _ in range(c.r.randint(5, 9)):
        p = person(c, staff=True)
        ap = f"AP-{c.org['hostpre']}-{c.r.choice(DEPTS)}-{c.r.randint(1, 60):02d}"
        d.put(I(mac(c.r), "DEVICE_SERIAL")).t(" ").put(I(ap, "HOSTNAME")).t(" " * max(1, 22 - len(ap))).t(f"{c.r.choice([1, 2, 5]):<5} ")
        d.put(uN(p)).t(" " * max(1, 20 - len(p.user))).put(pip(c)).t("\n")
    return d


def s_cdr(c):
    d = Doc().t('"calldate","clid","src","dst","dcontext","channel","duration","disposition"\n')
    for _ in range(c.r.randint(4, 7)):
        s, pt = person(c, staff=True), person(c)
        ext = str(c.r.randint(2000, 7999))
        d.fill('"{t}","\\"{n}\\" <{x}>","{x2}","{ph}","outbound","SIP/{x3}-0000{k}","{du}","ANSWERED"\n',
               t=ts(c), n=nm(s), x=I(ext, "PHONE"), x2=I(ext, "PHONE"), ph=I(re.sub(r"\D", "", pt.phone)[-10:], "PHONE"),
               x3=I(ext, "PHONE"), k=ind.hexstr(c.r, 4), du=str(c.r.randint(5, 900)))
    bad = "1" + digits(c.r, 10)
    d.fill('"{t}","\\"MEDICARE BENEFITS\\" <{b}>","{b2}","{x}","from-trunk","SIP/trunk-0000{k}","41","ANSWERED"\n',
           t=ts(c), b=X(bad, "PHONE_ATTACKER"), b2=X(bad, "PHONE_ATTACKER"), x=I(str(c.r.randint(2000, 7999)), "PHONE"), k=ind.hexstr(c.r, 4))
    return d


def s_fax_es(c):
    c.loc = "es_MX"
    s, pt = person(c, staff=True), person(c, "es_MX")
    return Doc().fill(
        "PORTADA DE FAX — CONFIDENCIAL\n{org}\n\nPara: {to}        Fax: {tf}\nDe: {fr}          Tel.: {ph}\n"
        "Fecha: {fe}   Páginas: {pg}\n\nAsunto: resultados de laboratorio\nPaciente: {pn}   Fecha de nacimiento: {dob}\n"
        "Expediente: {mrn}   Domicilio: {st}, {ci}, C.P. {zp}\n\nEste fax contiene información médica protegida. Si lo "
        "recibió por error, llame al {ph2} y destruya el documento.\n",
        org=ORG(c), to=nm(person(c, "es_MX")), tf=I(fk("es_MX").phone_number(), "FAX"), fr=nm(s), ph=I(s.phone, "PHONE"),
        fe=N(c.t.strftime("%d/%m/%Y"), "LETTER_DATE"), pg=str(c.r.randint(2, 9)), pn=nm(pt), dob=D(pt.dob, "%d/%m/%Y"),
        mrn=I(pt.mrn, "MRN"), st=I(pt.street, "ADDRESS"), ci=I(pt.city, "CITY"), zp=I(pt.zip, "ZIP"), ph2=I(s.phone, "PHONE"))


def s_efax(c):
    s = person(c, staff=True)
    if c.r.random() < 0.5:
        pt = person(c)
        return Doc().fill("From: eFax <message@inbound.efax.com>\nTo: {e}\nSubject: eFax message from \"{cid}\" - 4 page(s), Caller-ID: {fx}\n\n"
                          "You have received a 4 page fax at {ts2}. The fax is attached: FAX_{mrn}_{ln}.pdf\n"
                          "* Your fax number: {own}\n", e=I(s.email, "EMAIL"), cid=nm(person(c)), fx=I(fk("en_US").phone_number(), "FAX"),
                          ts2=N(c.t.strftime("%Y-%m-%d %H:%M"), "LOGTIME"), mrn=I(pt.mrn, "MRN"), ln=I(pt.last, "NAME"),
                          own=I(fk("en_US").phone_number(), "FAX"))
    u = ind.url(c.r)
    return Doc().fill("From: eFax Services <{ae}>\nTo: {e}\nSubject: New fax document (2 pages) for {n}\n\n"
                      "You have a new secure fax. View it here: {u}\nReported to phishing@ by {n2}; sender IP {a}.\n",
                      ae=X(ind.attacker_email(c.r, free=False), "EMAIL_ATTACKER"), e=I(s.email, "EMAIL"), n=nm(s), u=X(u, "URL"),
                      n2=nm(s), a=aip(c))


def s_robot(c):
    d = Doc().fill("PharmaRobot RX-3 transaction log ({h})\n", h=I(host(c, "PHA"), "HOSTNAME"))
    for _ in range(c.r.randint(4, 7)):
        pt, s = person(c), person(c, staff=True)
        d.fill("{t}|DISPENSE|ORDER {o}|PAT {mrn} {pn}|{drug}|QTY {q}|USER {u}|BIN A{b}\n", t=ts(c), o=N(digits(c.r, 8), "ORDER_ID"),
               mrn=I(pt.mrn, "MRN"), pn=I(f"{pt.last.upper()},{pt.first.upper()}", "NAME"),
               drug=c.r.choice(["metoprolol 25mg", "apixaban 5mg", "oxycodone 5mg", "insulin glargine"]), q=str(c.r.randint(1, 30)),
               u=I(s.user.upper(), "USERNAME"), b=str(c.r.randint(10, 99)))
    return d


def s_astm(c):
    pt = person(c)
    ln, fn = pt.last.upper(), pt.first.upper()
    return Doc().fill("<STX>1H|\\^&|||{lis}^LIS|||||{an}||P|1|{t}\r<STX>2Q|1|^{sid}||ALL||||||||O\r"
                      "<STX>3P|1||{mrn}||{ln}^{fn}||{dob}|{sx}|||||{doc}\r<STX>4O|1|{sid2}||^^^GLU\\^^^K\\^^^NA|R\r<STX>5L|1|N\r\n",
                      lis=I(srv(c), "HOSTNAME"), an="COBAS", t=N(c.t.strftime("%Y%m%d%H%M%S"), "LOGTIME"),
                      sid=N(digits(c.r, 10), "ORDER_ID"), mrn=I(pt.mrn, "MRN"), ln=I(ln, "NAME"), fn=I(fn, "NAME"),
                      dob=D(pt.dob, "%Y%m%d"), sx=c.r.choice("MF"), doc=I(person(c, staff=True).last.upper(), "NAME"),
                      sid2=N(digits(c.r, 10), "ORDER_ID"))


def s_cfind(c):
    d = Doc()
    for _ in range(c.r.randint(3, 5)):
        pt = person(c)
        d.fill("{t} I: Association Received {ip}: \"{ae}\" -> \"{pacs}\"\n{t2} I: C-FIND-RQ: (0010,0010) PN [{ln}^{fn}] "
               "(0010,0020) LO [{mrn}] (0010,0030) DA [{dob}] (0008,0050) SH [{acc}]\n",
               t=ts(c), ip=pip(c), ae=I(f"{c.org['hostpre']}_CT{c.r.randint(1, 5)}", "HOSTNAME"),
               pacs=I(f"{c.org['hostpre']}PACS", "HOSTNAME"), t2=ts(c), ln=I(pt.last.upper(), "NAME"), fn=I(pt.first.upper(), "NAME"),
               mrn=I(pt.mrn, "MRN"), dob=D(pt.dob, "%Y%m%d"), acc=I("A" + digits(c.r, 8), "ACCOUNT"))
    d.fill("{t} W: Association Received {a}: \"ANY-SCP\" -> \"{pacs}\" (unknown AE, rejected) — scan for port 104\n",
           t=ts(c), a=aip(c), pacs=I(f"{c.org['hostpre']}PACS", "HOSTNAME"))
    return d


def s_sched(c):
    d = Doc().t("Employee ID\tName\tUnit\tShift\tDate\tMobile\n")
    for _ in range(c.r.randint(5, 9)):
        s = person(c, staff=True)
        d.fill("{eid}\t{n}\t{u}\t{sh}\t{dt}\t{ph}\n", eid=I("E" + digits(c.r, 6), "ACCOUNT"), n=I(f"{s.last}, {s.first}", "NAME"),
               u=c.r.choice(["4W Med-Surg", "ICU", "L&D", "ED"]), sh=c.r.choice(["07-19", "19-07", "07-15"]),
               dt=N((c.t + dt.timedelta(days=c.r.randint(0, 14))).strftime("%m/%d"), "LOGTIME"), ph=I(s.phone, "PHONE"))
    return d


def s_transport(c):
    pt, s = person(c), person(c, staff=True)
    return Doc().fill("TRANSPORT REQUEST #{no}\nPatient: {pn}   MRN: {mrn}   DOB: {dob}\nFrom: 5 West rm {rm}  To: CT / Radiology\n"
                      "Mode: wheelchair, O2 2L   Isolation: contact\nRequested by: {sn} (x{x}) at {t}\nPickup: {dtm}\nNotes: pt hard of hearing, daughter {dn} will meet at CT.\n",
                      no=N(digits(c.r, 6), "ORDER_ID"), pn=nm(pt), mrn=I(pt.mrn, "MRN"), dob=D(pt.dob), rm=str(c.r.randint(500, 560)),
                      sn=nm(s), x=I(str(c.r.randint(2000, 7999)), "PHONE"), t=ts(c, fmt="%H:%M"),
                      dtm=I(c.t.strftime("%m/%d/%Y %H:%M"), "DATETIME"), dn=I(f"{person(c).first} {pt.last}", "NAME"))


def s_telemetry(c):
    d = Doc().fill("Central station {h} — alarm history\n", h=I(host(c, "NUR"), "HOSTNAME"))
    for _ in range(c.r.randint(3, 6)):
        pt, s = person(c), person(c, staff=True)
        d.fill("{t}  Bed {b}  {pn} ({mrn})  {al}  ACK by {u}\n", t=ts(c), b=f"{c.r.randint(3, 6)}{c.r.choice('ABC')}{c.r.randint(1, 30):02d}",
               pn=I(f"{pt.last.upper()}, {pt.first}", "NAME"), mrn=I(pt.mrn, "MRN"),
               al=c.r.choice(["VTACH", "ASYSTOLE", "SpO2 LOW", "LEADS OFF", "HR HIGH 142"]), u=uN(s))
    return d


def s_infusion(c):
    pt, drv = person(c), person(c, staff=True)
    return Doc().fill("{org} Home Infusion — Delivery Note\nDeliver to: {pn}\n{st}\n{ci}, {zp}\nPhone: {ph}\nDelivery date: {dd}\n"
                      "Items: vancomycin 1 g x 14, NS flushes, pump CADD #{sn}\nDriver: {dn}    Received by: {rn} (spouse)\nSignature: ________\n",
                      org=ORG(c), pn=nm(pt), st=I(pt.street, "ADDRESS"), ci=I(pt.city, "CITY"), zp=I(pt.zip, "ZIP"),
                      ph=I(pt.phone, "PHONE"), dd=D(visit(c)), sn=I(digits(c.r, 8), "DEVICE_SERIAL"), dn=nm(drv),
                      rn=I(f"{person(c).first} {pt.last}", "NAME"))


def s_hospice(c):
    pt, rn = person(c), person(c, staff=True)
    age = c.r.randint(70, 99)
    ag = I(str(age), "AGE") if age > 89 else N(str(age), "AGE_UNDER_90")
    return Doc().fill("Hospice visit note — {vd}\nPatient {pn}, {ag} y/o, at home ({st}, {ci}). Caregiver {cg} present.\n"
                      "Pain 3/10, comfortable. Morphine refill requested from {dr} {md}. Next visit {nv}.\nRN: {rnn}\n",
                      vd=D(visit(c)), pn=nm(pt), ag=ag, st=I(pt.street, "ADDRESS"), ci=I(pt.city, "CITY"),
                      cg=I(f"{person(c).first} {pt.last}", "NAME"), dr=N("Dr.", "TITLE"), md=I(person(c, staff=True).last, "NAME"),
                      nv=I((c.t + dt.timedelta(days=3)).strftime("%m/%d %H:%M"), "DATETIME"), rnn=nm(rn))


def s_school(c):
    st, par = person(c), person(c)
    dob = dt.date(2010, 1, 1) + dt.timedelta(days=c.r.randint(0, 3500))
    return Doc().fill("School nurse visit log\nStudent: {sn}   DOB: {dob}   Grade 4\nTime in: {t}  Complaint: wheezing after recess. "
                      "Albuterol 2 puffs given per action plan.\nParent {pn} called at {ph}, picked up at {t2}.\n",
                      sn=nm(st), dob=D(dob), t=I(c.t.strftime("%m/%d/%Y %H:%M"), "DATETIME"),
                      pn=I(f"{par.first} {st.last}", "NAME"), ph=I(par.phone, "PHONE"),
                      t2=I((c.t + dt.timedelta(hours=1)).strftime("%H:%M"), "DATETIME"))


def s_occhealth(c):
    e, sup = person(c, staff=True), person(c, staff=True)
    return Doc().fill("OCCUPATIONAL HEALTH — needlestick exposure\nEmployee: {en} (ID {eid}), {un}\nDate of exposure: {de}\n"
                      "Source patient MRN {mrn}; source labs drawn. Supervisor {sn} notified. Employee mobile {ph}.\n",
                      en=nm(e), eid=I(digits(c.r, 6), "ACCOUNT"), un=c.r.choice(["ICU RN", "phlebotomist", "OR tech"]),
                      de=D(visit(c)), mrn=I(person(c).mrn, "MRN"), sn=nm(sup), ph=I(e.phone, "PHONE"))


def s_priorauth(c):
    pt, md = person(c), person(c, staff=True)
    return Doc().fill("PRIOR AUTHORIZATION REQUEST — FAX TO {pf}\nMember: {pn}  Member ID: {mid}  DOB: {dob}\n"
                      "Prescriber: {dr} {mn}  NPI {npi}  Office fax {of}\nDrug: adalimumab 40 mg q2w  Dx: L40.0\nClinic: {org}\n",
                      pf=N("1-800-555-0199", "VENDOR"), pn=nm(pt), mid=I(c.r.choice(["W", "XEH", "MBR"]) + digits(c.r, 9), "HEALTH_PLAN"), dr=N("Dr.", "TITLE"),
                      dob=D(pt.dob), mn=nm(md), npi=I("1" + digits(c.r, 9), "LICENSE"), of=I(fk("en_US").phone_number(), "FAX"), org=ORG(c))


def s_collection(c):
    pt = person(c)
    return Doc().fill("Summit Recovery Services\n\n{pn}\n{st}\n{ci}, {zp}\n\nRe: balance owed to {org}\nAccount no.: {acc}   Date of service: {ds}\n"
                      "Balance: ${bal}\n\nThis is an attempt to collect a debt. Call us or pay online within 30 days.\n",
                      pn=nm(pt), st=I(pt.street, "ADDRESS"), ci=I(pt.city, "CITY"), zp=I(pt.zip, "ZIP"), org=ORG(c),
                      acc=I(digits(c.r, 10), "ACCOUNT"), ds=D(visit(c)), bal=f"{c.r.randint(80, 9000)}.{c.r.randint(0, 99):02d}")


def s_script(c):
    ag, cl = person(c, staff=True), person(c)
    return Doc().fill("CALL CENTRE SCRIPT — incident of {id}\n1. Greet: \"Thank you for calling the {org} information line.\"\n"
                      "2. Verify: full name, date of birth, ZIP. Do NOT ask for SSN.\n3. Explain: an unauthorized party ({r}) accessed systems.\n\n"
                      "Call log — agent {an}\nCaller: {cn}  DOB {dob}  ZIP {zp}  callback {ph}  Concern: wants credit monitoring code.\n",
                      id=N(c.t.strftime("%B %Y"), "LETTER_DATE"), org=ORG(c), r=X(c.r.choice(ind.RANSOM), "MALWARE"), an=nm(ag),
                      cn=nm(cl), dob=D(cl.dob), zp=I(cl.zip, "ZIP"), ph=I(cl.phone, "PHONE"))


def s_riskxls(c):
    d = Doc().t("Asset\tOwner\tIP\tePHI\tThreat\tLikelihood\tImpact\tFinding\n")
    for _ in range(c.r.randint(4, 7)):
        o = person(c, staff=True)
        d.fill("{h}\t{on}\t{ip}\tYes\t{th}\t{l}\t{i}\t{f}\n", h=I(srv(c), "HOSTNAME"), on=nm(o), ip=pip(c),
               th=c.r.choice(["Ransomware", "Unpatched OS", "Phishing"]), l=c.r.choice(["High", "Med", "Low"]),
               i=c.r.choice(["High", "Med"]), f=X(ind.cve(c.r), "CVE"))
    return d


def s_teamviewer(c):
    h, tid = host(c), " ".join(digits(c.r, 3) for _ in range(3))
    d = Doc().fill("TeamViewer15_Logfile.log on {h} (ID {tid})\n", h=I(h, "HOSTNAME"), tid=I(tid, "DEVICE_SERIAL"))
    for _ in range(c.r.randint(2, 4)):
        rid = digits(c.r, 10)
        d.fill("{t} 2345 7789 S0   CPersistentParticipantManager::AddParticipant: [{rid},-1234] type=3 name={nm}\n"
               "{t2} 2345 7789 S0   Incoming session from {a} (RemoteControl)\n",
               t=ts(c, fmt="%Y/%m/%d %H:%M:%S.000"), rid=X(rid, "REMOTE_ID"), nm="Support", t2=ts(c, fmt="%Y/%m/%d %H:%M:%S.000"), a=aip(c))
    return d


def s_anydesk(c):
    h = host(c)
    d = Doc()
    for _ in range(c.r.randint(2, 4)):
        rid = digits(c.r, 9)
        d.fill("   info {t}  back   3236   2736  app.backend_session - Incoming session request: {rn} ({rid})\n"
               "   info {t2} back   3236   2736  app.session - Remote address {a}\n",
               t=ts(c, fmt="%Y-%m-%d %H:%M:%S.000"), rn="user", rid=X(rid, "REMOTE_ID"), t2=ts(c, fmt="%Y-%m-%d %H:%M:%S.000"), a=aip(c))
    d.fill("(ad.trace copied from {h}, user profile C:\\Users\\{u}\\AppData\\Roaming\\AnyDesk)\n", h=I(h, "HOSTNAME"), u=uN(person(c, staff=True)))
    return d


def s_screenconnect(c):
    p = person(c, staff=True)
    d = Doc()
    for _ in range(c.r.randint(3, 5)):
        d.fill("{t}\tGuestConnected\tSession: {h}\tHost: {v}\tNetworkAddress: {a}\n", t=ts(c, fmt="%Y-%m-%dT%H:%M:%SZ"),
               h=I(host(c), "HOSTNAME"), v=N("vendor-tech", "VENDOR"), a=aip(c))
    d.fill("{t}\tRanCommand\tSession: {h}\tCommand: net group \"domain admins\" /domain  (logged-on user {u})\n",
           t=ts(c, fmt="%Y-%m-%dT%H:%M:%SZ"), h=I(srv(c), "HOSTNAME"), u=uN(p))
    d.fill("{t}\tFileTransfer\tdropped {m} via {url}\n", t=ts(c, fmt="%Y-%m-%dT%H:%M:%SZ"), m=mal(c), url=X(ind.url(c.r), "URL"))
    return d


def s_mdr(c):
    d = Doc().fill("# Weekly MDR report — {org}\n\n| Severity | Host | User | Detection | IOC |\n|---|---|---|---|---|\n", org=ORG(c))
    for _ in range(c.r.randint(3, 6)):
        p = person(c, staff=True)
        k = c.r.random()
        ioc = X(ind.sha256(c.r), "SHA256") if k < 0.4 else (X(ind.domain(c.r), "DOMAIN") if k < 0.7 else aip(c))
        d.fill("| {sv} | {h} | {u} | {m} | {ioc} |\n", sv=c.r.choice(["High", "Medium", "Critical"]), h=I(host(c), "HOSTNAME"),
               u=uN(p), m=mal(c), ioc=ioc)
    d.fill("\nAnalyst: {n}. Technique most seen: {t}.\n", n=nm(person(c, "en_US")), t=X(c.r.choice(ind.MITRE), "MITRE"))
    return d


def s_tiemail(c):
    s = person(c, staff=True)
    d = Doc().fill("From: Health-ISAC Threat Ops <alerts@h-isac.example>\nTo: {e}\nSubject: TLP:AMBER {a} targeting hospitals\n\n"
                   "Hi {fn},\n\nIOC table below. {a} uses {m}.\n\nType    | Value\n--------|------------------\n",
                   e=I(s.email, "EMAIL"), a=X(c.r.choice(ACTORS), "ACTOR"), fn=I(s.first, "NAME"), m=mal(c))
    for _ in range(c.r.randint(4, 7)):
        k = c.r.choice(["ipv4", "domain", "md5", "url", "email"])
        v = {"ipv4": aip(c), "domain": X(ind.domain(c.r), "DOMAIN"), "md5": X(ind.md5(c.r), "MD5"),
             "url": X(ind.defang(ind.url(c.r)), "URL"), "email": X(ind.attacker_email(c.r), "EMAIL_ATTACKER")}[k]
        d.t(f"{k:<8}| ").put(v).t("\n")
    d.fill("\nOur scan: hit on {h} ({ip}). — forwarded by {n}\n", h=I(host(c), "HOSTNAME"), ip=pip(c), n=nm(person(c, staff=True)))
    return d


def s_chat_pt(c):
    a, b, pt = person(c, "pt_BR", True), person(c, "pt_BR", True), person(c, "pt_BR")
    return Doc().fill("[{t1}] {an}: gente, o {h} tá criptografando arquivos, extensão .{x}\n[{t2}] {bn}: desliga da rede! é {r}?\n"
                      "[{t3}] {an}: parece. o usuário {u} abriu um anexo de {ae}\n[{t4}] {bn}: o prontuário {mrn} da paciente {pn} estava aberto, avisa a DPO {dpo}\n",
                      t1=N("09:14", "CHAT_TIME"), an=I(a.first, "NAME"), h=I(host(c), "HOSTNAME"), x=ind.hexstr(c.r, 6), t2=N("09:15", "CHAT_TIME"),
                      bn=I(b.first, "NAME"), r=X(c.r.choice(ind.RANSOM), "MALWARE"), t3=N("09:17", "CHAT_TIME"), u=uN(a),
                      ae=X(ind.attacker_email(c.r), "EMAIL_ATTACKER"), t4=N("09:18", "CHAT_TIME"), mrn=I(pt.mrn, "MRN"), pn=nm(pt),
                      dpo=I(person(c, "pt_BR", True).last, "NAME"))


def s_chat_hi(c):
    a, b, pt = person(c, "hi_IN", True), person(c, "hi_IN", True), person(c, "hi_IN")
    return Doc().fill("{t1} - {an}: {h} पर {m} मिला है, यूज़र {u} का अकाउंट लॉक करो\n{t2} - {bn}: ठीक है। C2 {a} ब्लॉक कर दिया\n"
                      "{t3} - {an}: मरीज़ {pn} (MRN {mrn}) की रिपोर्ट उसी मशीन पर थी, फ़ोन {ph}\n",
                      t1=N("11:02", "CHAT_TIME"), an=I(a.first, "NAME"), h=I(host(c), "HOSTNAME"), m=mal(c), u=uN(a),
                      t2=N("11:04", "CHAT_TIME"), bn=I(b.first, "NAME"), a=aip(c), t3=N("11:06", "CHAT_TIME"), pn=nm(pt),
                      mrn=I(pt.mrn, "MRN"), ph=I(pt.phone, "PHONE"))


def s_atna_json(c):
    d = Doc()
    for _ in range(c.r.randint(3, 5)):
        pt, s = person(c), person(c, staff=True)
        e = Doc().fill('{"EventDateTime":"{t}","EventID":"110110 Patient Record","UserID":"{u}","UserName":"{n}",'
                       '"NetworkAccessPointID":"{ip}","AuditSourceID":"{h}","ParticipantObjectID":"{mrn}^^^{ns}",'
                       '"ParticipantObjectName":"{ln}^{fn}","Action":"R"}\n'.replace("{\"", "\x00").replace("\"}", "\x01"),
                       t=ts(c, fmt="%Y-%m-%dT%H:%M:%S"), u=uN(s), n=nm(s), ip=pip(c), h=I(srv(c), "HOSTNAME"), mrn=I(pt.mrn, "MRN"),
                       ns=c.org["hostpre"], ln=I(pt.last, "NAME"), fn=I(pt.first, "NAME"))
        for seg in e.seg:
            d.add(seg[0].replace("\x00", '{"').replace("\x01", '"}'), seg[1], seg[2])
    return d


OCR = str.maketrans({"l": "1", "o": "0", "e": "c", "m": "rn"})


def noisy(r, text):
    return "".join(ch.translate(OCR) if r.random() < 0.12 else ch for ch in text)


def s_ocr_referral(c):
    pt, md = person(c), person(c, staff=True)
    d = Doc()
    parts = [("REFERRAL F0RM  -- scanned page 1/2\nPatient name: ", None), (pt.full, "NAME"), ("\nDate of birth: ", None),
             (pt.dob.strftime("%m/%d/%Y"), "DATE"), ("   MRN: ", None), (pt.mrn, "MRN"), ("\nAddress: ", None), (pt.street, "ADDRESS"),
             (", ", None), (pt.city, "CITY"), (" ", None), (pt.zip, "ZIP"), ("\nHome phone: ", None), (pt.phone, "PHONE"),
             ("\nReferring physician: ", None), (md.full, "NAME"), ("   NPI: ", None), ("1" + digits(c.r, 9), "LICENSE"),
             ("\nReason for referral: persistent cough, abnormal chest film. Please schedule with pulmonology.\n", None)]
    for text, typ in parts:
        if typ in ("NAME", "ADDRESS", "CITY"):
            d.put(I(noisy(c.r, text), typ))
        elif typ:
            d.put(I(text, typ))
        else:
            d.t(noisy(c.r, text))
    return d


NOTE = {
    "pl": "Zgłoszenie incydentu — {org}\nUżytkownik {u} ({n}) kliknął link {url} na stacji {h} ({ip}). Wykryto {m}.\n"
          "Dotknięty pacjent: {pn}, PESEL {id}, ur. {dob}, tel. {ph}.\n",
    "ro": "Raport de incident — {org}\nUtilizatorul {u} ({n}) a deschis linkul {url} pe stația {h} ({ip}). Detectat: {m}.\n"
          "Pacient afectat: {pn}, CNP {id}, născut la {dob}, telefon {ph}.\n",
    "cs": "Hlášení incidentu — {org}\nUživatel {u} ({n}) otevřel odkaz {url} na stanici {h} ({ip}). Zjištěn {m}.\n"
          "Dotčený pacient: {pn}, rodné číslo {id}, nar. {dob}, tel. {ph}.\n",
    "he": "דיווח אירוע — {org}\nהמשתמש {u} ({n}) לחץ על הקישור {url} בתחנה {h} ({ip}). זוהה {m}.\n"
          "מטופל: {pn}, ת.ז. {id}, תאריך לידה {dob}, טלפון {ph}.\n",
    "th": "รายงานเหตุการณ์ — {org}\nผู้ใช้ {u} ({n}) คลิกลิงก์ {url} ที่เครื่อง {h} ({ip}) ตรวจพบ {m}\n"
          "ผู้ป่วย: {pn} เลขประจำตัวประชาชน {id} วันเกิด {dob} โทร {ph}\n",
    "id": "Laporan insiden — {org}\nPengguna {u} ({n}) mengklik tautan {url} di komputer {h} ({ip}). Terdeteksi {m}.\n"
          "Pasien terdampak: {pn}, NIK {id}, lahir {dob}, telepon {ph}.\n",
    "zh": "安全事件报告 — {org}\n用户 {u}（{n}）在终端 {h}（{ip}）上点击了链接 {url}。检测到 {m}。\n"
          "受影响患者：{pn}，身份证号 {id}，出生日期 {dob}，电话 {ph}。\n",
    "ru": "Отчёт об инциденте — {org}\nПользователь {u} ({n}) открыл ссылку {url} на рабочей станции {h} ({ip}). Обнаружен {m}.\n"
          "Пациент: {pn}, СНИЛС {id}, дата рождения {dob}, тел. {ph}.\n",
    "el": "Αναφορά συμβάντος — {org}\nΟ χρήστης {u} ({n}) άνοιξε τον σύνδεσμο {url} στον σταθμό {h} ({ip}). Εντοπίστηκε {m}.\n"
          "Ασθενής: {pn}, ΑΜΚΑ {id}, ημ. γέννησης {dob}, τηλ. {ph}.\n",
    "ar": "تقرير حادث — {org}\nالمستخدم {u} ({n}) فتح الرابط {url} على الجهاز {h} ({ip}). تم اكتشاف {m}.\n"
          "المريض: {pn}، رقم الهوية {id}، تاريخ الميلاد {dob}، هاتف {ph}.\n",
}
NATID = {"pl": lambda r: digits(r, 11), "ro": lambda r: digits(r, 13), "cs": lambda r: f"{digits(r, 6)}/{digits(r, 4)}",
         "he": lambda r: digits(r, 9), "th": lambda r: f"{digits(r, 1)}-{digits(r, 4)}-{digits(r, 5)}-{digits(r, 2)}-{digits(r, 1)}",
         "id": lambda r: digits(r, 16), "zh": lambda r: digits(r, 17) + r.choice("0123456789X"),
         "ru": lambda r: f"{digits(r, 3)}-{digits(r, 3)}-{digits(r, 3)} {digits(r, 2)}", "el": lambda r: digits(r, 11),
         "ar": lambda r: "1" + digits(r, 9)}


def note(lang):
    def f(c):
        loc = LANG_LOCALE[lang]
        s, pt = person(c, loc), person(c, loc)
        return Doc().fill(NOTE[lang], org=ORG(c), u=uN(s), n=nm(s), url=X(ind.url(c.r), "URL"), h=I(host(c), "HOSTNAME"), ip=pip(c),
                          m=mal(c), pn=nm(pt), id=I(NATID[lang](c.r), "SSN"), dob=D(pt.dob, "%d.%m.%Y"), ph=I(pt.phone, "PHONE"))
    return f


STYLES = [
    ("ise-radius-accounting", s_ise, None), ("dhcp-lease-table", s_dhcp, None), ("netstat-ano", s_netstat, None),
    ("arp-a-output", s_arp, None), ("ipconfig-all", s_ipconfig, None), ("whoami-all", s_whoami, None),
    ("eventviewer-csv", s_evcsv, None), ("kerberos-4769-text", s_kerb, None), ("sccm-compliance-csv", s_sccm, None),
    ("copier-job-log", s_copier, None), ("storefront-auth-log", s_storefront, None), ("vcenter-events", s_vcenter, None),
    ("veeam-job-html-mail", s_veeam, None), ("synology-nas-log", s_synology, None), ("wlc-client-summary", s_wlc, None),
    ("voip-cdr-csv", s_cdr, None), ("fax-cover-es", s_fax_es, "es_MX"), ("efax-mail", s_efax, None),
    ("pharmacy-robot-log", s_robot, None), ("astm-host-query", s_astm, None), ("dicom-cfind-log", s_cfind, None),
    ("nurse-schedule-tsv", s_sched, None), ("patient-transport-ticket", s_transport, None),
    ("telemetry-alarm-log", s_telemetry, None), ("home-infusion-delivery", s_infusion, None),
    ("hospice-visit-note", s_hospice, None), ("school-nurse-log", s_school, None), ("occhealth-exposure-note", s_occhealth, None),
    ("prior-auth-fax", s_priorauth, "en_US"), ("collection-agency-letter", s_collection, "en_US"),
    ("breach-callcentre-script", s_script, None), ("hipaa-risk-register", s_riskxls, None),
    ("teamviewer-log", s_teamviewer, None), ("anydesk-trace", s_anydesk, None), ("screenconnect-audit", s_screenconnect, None),
    ("mdr-weekly-report-md", s_mdr, None), ("ti-email-ioc-table", s_tiemail, None),
    ("atna-audit-jsonl", s_atna_json, None), ("ocr-referral-noisy", s_ocr_referral, "en_US"),
    ("chat-pt-br", s_chat_pt, "pt_BR"), ("chat-hi", s_chat_hi, "hi_IN"),
] + [(f"incident-note-{k}", note(k), LANG_LOCALE[k]) for k in NOTE]

# ---------------------------------------------------------------- self-test

CI = {"USERNAME", "HOSTNAME", "EMAIL", "IP"}


def selftest(rec):
    t = rec["text"]
    ids, inds = rec["identifiers"], rec["indicators"]
    allsp = sorted((s["start"], s["end"]) for s in ids + inds + rec.get("neutral", []))
    for a, b in zip(allsp, allsp[1:]):
        assert a[1] <= b[0], "overlap"
    cov = [False] * len(t)
    for s in ids:
        for k in range(s["start"], s["end"]):
            cov[k] = True
    idtext = {t[s["start"]:s["end"]] for s in ids}
    for s in inds:
        v = t[s["start"]:s["end"]]
        assert v not in idtext, ("labelled two ways", v)
        if s["type"] == "IPV4":
            assert ipaddress.ip_address(v).is_global, v
    needles = set()
    for s in ids:
        v = t[s["start"]:s["end"]]
        if s["type"] == "IP":
            assert ipaddress.ip_address(v).is_private, v
        if s["type"] == "AGE":
            continue
        needles.add((v, s["type"] in CI))
        if s["type"] == "NAME":
            for w in re.findall(r"\w+", v):
                if len(w) >= 4:
                    needles.add((w, False))
    for dname in [rec["org"]["name"]] + rec["org"]["domains"]:
        needles.add((dname, True))
    for v, ci in needles:
        if len(v) < 3:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(v) + r"(?!\w)", t, re.I if ci else 0):
            assert all(cov[m.start():m.end()]), ("uncovered", v)
    return True


def build():
    r = random.Random(SEED)
    Faker.seed(SEED)
    orgs = {}
    recs = []
    per = 8
    redraws = 0
    n = 0
    for style, fn, floc in STYLES:
        for k in range(per):
            loc = floc or r.choice(ORG_LOCALES)
            for attempt in range(30):
                c = Ctx()
                c.r = r
                c.loc = loc
                pool = orgs.setdefault(loc, [])
                if len(pool) < 5 and (not pool or r.random() < 0.5):
                    pool.append(new_org(r, loc))
                c.org = r.choice(pool)
                c.t = dt.datetime(2026, 1, 1) + dt.timedelta(seconds=r.randint(0, 330 * 86400))
                doc = fn(c)
                org = {"name": c.org["name"], "domains": [c.org["domain"], c.org["ad"]]}
                rec = record(f"blind7-{n + 1:04d}", doc, style, loc, org)
                try:
                    selftest(rec)
                    break
                except AssertionError:
                    redraws += 1
            else:
                raise SystemExit(f"cannot draw {style}")
            recs.append(rec)
            n += 1
    return recs, redraws


NOTES = ("A seventh blind corpus, written without opening the scrubber, its results, score.py, the "
         "other generators or the other corpora. Conventions: `README.md` in this directory.")


def main():
    out = os.path.join(HERE, "..", "blind7", "blind7.jsonl")
    man = os.path.join(HERE, "..", "blind7", "MANIFEST.md")
    recs, redraws = build()
    if "--check" in sys.argv:
        body = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in recs).encode()
        with open(out, "rb") as f:
            same = f.read() == body
        print(f"{len(recs)} documents self-tested, {redraws} redraws; file {'matches' if same else 'DIFFERS'}")
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    h = write_corpus(out, recs)
    manifest(man, "blind7 manifest", "blind7/blind7.jsonl", SEED, "gen/gen_blind7.py", recs, NOTES)
    print(f"{len(recs)} documents, {redraws} redraws, sha256 {h}")


if __name__ == "__main__":
    main()
