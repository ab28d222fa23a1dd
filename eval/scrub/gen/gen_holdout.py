#!/usr/bin/env python3
"""holdout: a third generator, values from mimesis (not Faker), templates of its own mixing
every style: shift-handover chats, SOC case timelines, breach letters to patients, ECS JSON
log lines, Windows event text/XML renderings, quoted e-mail threads, ransom negotiation chats,
intake forms, bilingual notes, downtime census sheets, SIEM
alerts (CEF, syslog) inside service requests and STIX bundles (sightings, user-account observables).
Run only at the end of the scrubber work (see holdout/README.md).
Usage: gen_holdout.py OUT.jsonl MANIFEST.md"""

import json
import random
import sys
import uuid

from mimesis import Address, Locale, Person

import indicators as K
from spandoc import Doc, I, N, X, manifest, record, write_corpus

SEED = 3903
COUNT = 384
LOCS = {
    "en_US": Locale.EN, "en_GB": Locale.EN_GB, "de_DE": Locale.DE, "fr_FR": Locale.FR,
    "es_ES": Locale.ES, "it_IT": Locale.IT, "pl_PL": Locale.PL, "hr_HR": Locale.HR,
    "ru_RU": Locale.RU, "el_GR": Locale.EL, "zh_CN": Locale.ZH, "ja_JP": Locale.JA,
    "pt_BR": Locale.PT_BR, "nl_NL": Locale.NL, "cs_CZ": Locale.CS, "tr_TR": Locale.TR,
    "uk_UA": Locale.UK, "ko_KR": Locale.KO,
}
PICK = ["en_US", "en_US", "en_US", "en_GB"] + list(LOCS)
WORD_FIRST = ["Hope", "Will", "Mark", "Rose", "Faith", "Chance", "Honor", "Rusty", "Amber",
              "Ruby", "Hazel", "Olive", "Basil", "Sage", "Dawn", "Crystal", "Sterling", "Akira"]
WORD_LAST = ["Brown", "Bishop", "Gardner", "Fisher", "Carpenter", "Cross", "Lamb", "Swift",
             "Lane", "Rivers", "Woods", "Bell", "Day", "Frost", "Snow", "Royal", "Player"]
PLATES = {
    "en_GB": lambda r: f"{r.choice('ABCDEFGHKLMNOPRSVWY')}{r.choice('ABCDEFGHJKLMNOPRSTUVWXY')}{r.randint(10, 74)} {''.join(r.choice('ABCDEFGHJKLMNOPRSTUVWXYZ') for _ in range(3))}",
    "de_DE": lambda r: f"{r.choice(['M', 'B', 'HH', 'K', 'F', 'S', 'DA'])}-{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(2))} {r.randint(1, 9999)}",
    "fr_FR": lambda r: f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTVWXYZ') for _ in range(2))}-{r.randint(100, 999)}-{''.join(r.choice('ABCDEFGHJKLMNPQRSTVWXYZ') for _ in range(2))}",
    "it_IT": lambda r: f"{''.join(r.choice('ABCDEFGHJKLMNPRSTVWXYZ') for _ in range(2))} {r.randint(100, 999)} {''.join(r.choice('ABCDEFGHJKLMNPRSTVWXYZ') for _ in range(2))}",
    "pl_PL": lambda r: f"{r.choice(['WA', 'KR', 'PO', 'GD', 'WR'])} {r.randint(10000, 99999)}",
    "nl_NL": lambda r: f"{r.randint(1, 99)}-{''.join(r.choice('BDFGHJKLNPRSTVXZ') for _ in range(3))}-{r.randint(1, 9)}",
    "es_ES": lambda r: f"{r.randint(1000, 9999)} {''.join(r.choice('BCDFGHJKLMNPRSTVWXYZ') for _ in range(3))}",
    "hr_HR": lambda r: f"{r.choice(['ZG', 'ST', 'RI', 'OS'])} {r.randint(100, 9999)}-{''.join(r.choice('ABCDEFGHIJKLMNOPRSTUVZ') for _ in range(2))}",
    "ru_RU": lambda r: f"{r.choice('АВЕКМНОРСТУХ')}{r.randint(100, 999)}{r.choice('АВЕКМНОРСТУХ')}{r.choice('АВЕКМНОРСТУХ')} {r.choice([77, 97, 199, 50, 78])}",
    "ja_JP": lambda r: f"{r.choice(['品川', '練馬', '横浜', 'なにわ'])} {r.randint(300, 599)} {r.choice('あいうえかきくけさすせそ')} {r.randint(10, 99)}-{r.randint(10, 99)}",
    "zh_CN": lambda r: f"{r.choice('京沪粤苏浙')}{r.choice('ABCDE')}·{r.randint(10000, 99999)}",
    "el_GR": lambda r: f"{''.join(r.choice('ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ') for _ in range(3))}-{r.randint(1000, 9999)}",
    "pt_BR": lambda r: f"{''.join(r.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(3))}{r.randint(0, 9)}{r.choice('ABCDEFGHIJ')}{r.randint(10, 99)}",
    "en_US": lambda r: f"{r.randint(1, 9)}{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{r.randint(100, 999)}",
}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.person = {k: Person(v, seed=seed + i) for i, (k, v) in enumerate(sorted(LOCS.items()))}
        self.addr = {k: Address(v, seed=seed + 100 + i) for i, (k, v) in enumerate(sorted(LOCS.items()))}

    def uid(self, kind):
        return f"{kind}--{uuid.UUID(int=self.r.getrandbits(128), version=4)}"

    def someone(self, loc):
        r, p = self.r, self.person[loc]
        first, last = p.first_name(), p.last_name()
        if loc in ("en_US", "en_GB") and r.random() < 0.3:
            first = r.choice(WORD_FIRST)
            if r.random() < 0.5:
                last = r.choice(WORD_LAST)
        if loc in ("zh_CN", "ko_KR"):
            full = last + first
        elif loc == "ja_JP":
            full = f"{last} {first}"
        elif loc in ("ru_RU", "uk_UA") and r.random() < 0.5:
            full = f"{last} {first}"
        else:
            full = f"{first} {last}"
        latin = K.is_latin(first + last)
        login = (f"{K.slug(first)[:1]}{K.slug(last)}" if latin and r.random() < 0.5 else
                 f"{K.slug(first)}.{K.slug(last)}" if latin else
                 f"user{r.randint(1000, 9999)}")
        return {"first": first, "last": last, "full": full, "login": login, "loc": loc,
                "latin": latin}

    def nm(self, p, how="full"):
        if how == "full":
            return I(p["full"], "NAME")
        if how == "first":
            return I(p["first"], "NAME")
        if how == "last":
            return I(p["last"], "NAME")
        if how == "comma" and p["latin"]:
            return I(f"{p['last']}, {p['first']}", "NAME")
        if how == "init" and p["latin"]:
            return I(f"{p['first'][0]}. {p['last']}", "NAME")
        return I(p["full"], "NAME")

    def org(self):
        r = self.r
        w = self.person["en_US"].last_name()
        name = r.choice([f"{w} Medical Partners", f"Mount {w} Hospital", f"{w} County Health",
                         f"{w} Rehabilitation Centre", f"Sisters of {w} Hospital"])
        return {"name": name, "domains": [f"{K.slug(w)}{r.choice(['mp', 'hosp', 'care'])}.{r.choice(['org', 'net', 'nhs.uk', 'eu'])}"],
                "nb": K.slug(w)[:8].upper()}

    def when(self, lo=2024, hi=2026):
        r = self.r
        return (r.randint(lo, hi), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23),
                r.randint(0, 59), r.randint(0, 59))

    def dob(self):
        r = self.r
        y, m, d = r.randint(1920, 2016), r.randint(1, 12), r.randint(1, 28)
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        return I(r.choice([f"{y}/{m:02d}/{d:02d}", f"{d} {mon} {y}", f"{mon}{'' if mon == 'May' else '.'} {d}, {y}", f"{m:02d}-{d:02d}-{y}",
                           f"{d}.{m}.{y}", f"{y}-{m:02d}-{d:02d}"]), "DATE")

    def dt(self):
        y, mo, d, h, mi, s = self.when()
        r = self.r
        return I(r.choice([f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z", f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}",
                           f"{d:02d}/{mo:02d}/{y} {h:02d}:{mi:02d}", f"{y}{mo:02d}{d:02d}T{h:02d}{mi:02d}{s:02d}Z"]),
                 "DATETIME")

    def ts(self):
        y, mo, d, h, mi, s = self.when()
        return N(f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z", "LOG_TIME")

    def phone(self, loc, typ="PHONE"):
        return I(self.person[loc].telephone(), typ)

    def street(self, loc):
        return I(self.addr[loc].address(), "ADDRESS")

    def city(self, loc):
        return I(self.addr[loc].city(), "CITY")

    def zipc(self, loc):
        r = self.r
        if loc == "en_US" and r.random() < 0.4:
            return I(f"{r.randint(10000, 99999)}-{r.randint(1000, 9999)}", "ZIP")
        return I(self.addr[loc].postal_code(), "ZIP")

    def plate(self, loc):
        f = PLATES.get(loc, PLATES["en_US"])
        return I(f(self.r), "VEHICLE")

    def vin(self):
        return I("".join(self.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17)), "VEHICLE")

    def mrn(self):
        r = self.r
        return I(r.choice([f"{r.randint(1000000, 9999999)}", f"H{r.randint(100000000, 999999999)}",
                           f"{r.randint(10, 99)}-{r.randint(10, 99)}-{r.randint(10, 99)}-{r.randint(10, 99)}"]), "MRN")

    def udi(self):
        r = self.r
        if r.random() < 0.5:
            return I(f"(01){r.randint(10**13, 10**14 - 1)}(11){r.randint(20, 25)}0{r.randint(1, 9)}15(21){r.choice('XYZ')}{r.randint(10000, 99999)}", "DEVICE_SERIAL")
        return I(f"{r.choice(['MX', 'GE', 'PH'])}{r.randint(100000, 999999)}{r.choice('ABCDEFGH')}", "DEVICE_SERIAL")

    def host(self, org):
        r = self.r
        return I(r.choice([f"{org['nb']}-WS{r.randint(1000, 9999)}", f"ws-{r.choice(['ct', 'mri', 'lab', 'admit', 'rx'])}-{r.randint(1, 30)}",
                           f"nurse-stn-{r.choice(['4e', '3w', 'picu', 'l-and-d'])}-{r.randint(1, 6)}", f"FS{r.randint(1, 9)}",
                           f"{r.choice(['APP', 'DB', 'PRT'])}SRV{r.randint(1, 20):02d}", f"kiosk-lobby-{r.randint(1, 5)}"]), "HOSTNAME")

    def iip(self):
        return I(K.private_ipv4(self.r), "IP")

    def ioc(self, kind=None):
        r = self.r
        kind = kind or r.choice(["ip", "ip6", "dom", "url", "md5", "sha1", "sha256", "cve", "mitre", "fam", "mail"])
        return {
            "ip": lambda: X(K.public_ipv4(r), "IPV4"), "ip6": lambda: X(K.public_ipv6(r), "IPV6"),
            "dom": lambda: X(K.domain(r), "DOMAIN"), "url": lambda: X(K.url(r), "URL"),
            "md5": lambda: X(K.md5(r), "MD5"), "sha1": lambda: X(K.sha1(r), "SHA1"),
            "sha256": lambda: X(K.sha256(r), "SHA256"), "cve": lambda: X(K.cve(r), "CVE"),
            "mitre": lambda: X(r.choice(K.MITRE), "MITRE"),
            "fam": lambda: X(r.choice(K.RANSOM + K.MALWARE), "MALWARE"),
            "mail": lambda: X(K.attacker_email(r, free=r.random() < 0.6), "EMAIL"),
        }[kind]()

    # ---- styles ----------------------------------------------------------------------------
    def handover(self, loc):
        r, d, org = self.r, Doc(), self.org()
        a, b, pt = self.someone(loc), self.someone(loc), self.someone(loc)
        d.fill("#downtime-{unit} (chat export)\n", unit=r.choice(["icu", "ed", "4east", "pharmacy"]))
        lines = [
            ("{a}: morning {bf}, handing over. bed 12 is {pt}, MRN {mrn}, still on paper charts", a, b),
            ("{b}: thanks {af}. is the {fam} thing still going? printers on {h} are dead", b, a),
            ("{a}: yes, IT says don't touch {h2}. {ptf}'s daughter called from {ph}, wants an update", a, b),
            ("{b}: ok. pump {sn} alarmed twice overnight, logged on the paper MAR", b, a),
            ("{a}: also {ptl} is {age} years old, keep the fall-risk band on", a, b),
            ("{b}: got it. IT blocked {ioc} this morning fyi", b, a),
        ]
        for text, who, other in r.sample(lines, r.randint(3, 6)):
            y, mo, dd, h, mi, s = self.when()
            d.fill("[{t}] ", t=N(f"{h:02d}:{mi:02d}", "CHAT_TIME"))
            d.fill(text, a=self.nm(a, r.choice(["full", "first"])), b=self.nm(b, r.choice(["full", "first"])),
                   af=self.nm(a, "first"), bf=self.nm(b, "first"), pt=self.nm(pt, r.choice(["full", "comma"])),
                   ptf=self.nm(pt, "first"), ptl=self.nm(pt, "last"), mrn=self.mrn(),
                   fam=self.ioc("fam"), h=self.host(org), h2=self.host(org), ph=self.phone(loc),
                   sn=self.udi(), age=I(str(r.randint(90, 106)), "AGE"),
                   ioc=self.ioc(r.choice(["ip", "dom", "url"])))
            d.t("\n")
        return d, org

    def timeline(self, loc):
        r, d, org = self.r, Doc(), self.org()
        users = [self.someone(loc) for _ in range(2)]
        d.fill("Case {c} - timeline (UTC)\ntime | host | account | what\n", c=f"IR-{r.randint(2024, 2026)}-{r.randint(100, 999)}")
        for _ in range(r.randint(4, 7)):
            u = r.choice(users)
            k = r.randrange(5)
            d.put(self.ts())
            d.t(" | ")
            d.put(self.host(org))
            d.t(" | ")
            d.put(I(f"{org['nb']}\\{u['login']}" if r.random() < 0.5 else u["login"], "USERNAME"))
            d.t(" | ")
            if k == 0:
                d.fill("VPN logon from {ip} ({cve} exploited on the gateway)", ip=self.ioc("ip"), cve=self.ioc("cve"))
            elif k == 1:
                d.fill("ran {tool}, SHA1 {h}", tool=self.ioc("fam"), h=self.ioc("sha1"))
            elif k == 2:
                d.fill("RDP to {h} at {ip}", h=self.host(org), ip=self.iip())
            elif k == 3:
                d.fill("upload to {u} ({t})", u=self.ioc("url"), t=X("T1567.002", "MITRE"))
            else:
                d.fill("vssadmin delete shadows; note dropped by {fam}", fam=X(r.choice(K.RANSOM), "MALWARE"))
            d.t("\n")
        d.fill("Owner of {l}: {n} ({role}).\n", l=I(users[0]["login"], "USERNAME"), n=self.nm(users[0], r.choice(["full", "comma"])),
               role=r.choice(["ward clerk", "radiographer", "locum physician", "billing"]))
        return d, org

    def letter(self, loc):
        r, d, org = self.r, Doc(), self.org()
        p = self.someone(loc)
        sal = r.choice(["Ms.", "Mr.", "Mx.", "Dr."])
        d.fill("{n}\n{st}\n", n=self.nm(p, "full"), st=self.street(loc))
        if loc == "en_US":
            d.fill("{c}, {s} {z}\n\n", c=self.city(loc), s=self.addr[loc].state(abbr=True), z=self.zipc(loc))
        else:
            d.fill("{z} {c}\n\n", z=self.zipc(loc), c=self.city(loc))
        d.fill("Re: notice of a data security incident (reference {ref})\n\nDear {sal} {ln},\n\n",
               ref=N(f"NL{r.randint(100000, 999999)}", "LETTER_REF"), sal=N(sal, "TITLE"), ln=self.nm(p, "last"))
        d.fill("We are writing because {org} was the target of a cyberattack by a criminal group "
               "known as {fam}. ", org=I(org["name"], "ORG"), fam=X(r.choice(K.RANSOM), "MALWARE"))
        items = r.sample([
            ("your date of birth ({v})", self.dob), ("your medical record number ({v})", self.mrn),
            ("your health plan ID ({v})", lambda: I(f"{r.choice(['W', 'Y', 'Z'])}{r.randint(10 ** 9, 10 ** 10 - 1)}", "HEALTH_PLAN")),
            ("your Social Security number ({v})", lambda: I(f"{r.randint(100, 665)} {r.randint(10, 99)} {r.randint(1000, 9999)}", "SSN")),
            ("the account number we bill ({v})", lambda: I(f"{r.randint(10 ** 11, 10 ** 12 - 1)}", "ACCOUNT")),
            ("your driver licence ({v})", lambda: I(f"{r.choice('ABCDEFGHJKLMNPRSTW')}{r.randint(10 ** 7, 10 ** 8 - 1)}", "LICENSE")),
        ], r.randint(2, 4))
        d.t("The files that were taken include ")
        for j, (txt, fn) in enumerate(items):
            if j:
                d.t(", " if j < len(items) - 1 else " and ")
            pre, post = txt.split("{v}")
            d.t(pre)
            d.put(fn())
            d.t(post)
        d.t(". ")
        d.fill("We will hope to have all systems restored soon, and we will mark your file so that "
               "any request to change it is checked. If you have questions call {ph} "
               "(fax {fx}), or write to {em}.\n\nSincerely,\n{sig}\nPrivacy Officer",
               ph=I(self.person["en_US"].telephone(), "PHONE"), fx=self.phone(loc, "FAX"),
               em=I(f"privacy@{org['domains'][0]}", "EMAIL"), sig=self.nm(self.someone("en_US"), "full"))
        return d, org

    def ecs(self, loc):
        r, d, org = self.r, Doc(), self.org()
        u = self.someone(loc)
        for _ in range(r.randint(3, 6)):
            parts = [('"@timestamp":"', self.ts(), '"'), ('"event.code":"', str(r.choice([4624, 4625, 4688, 4720])), '"'),
                     ('"user.name":"', I(u["login"], "USERNAME"), '"'), ('"host.name":"', self.host(org), '"'),
                     ('"source.ip":"', self.ioc("ip") if r.random() < 0.5 else self.iip(), '"')]
            if r.random() < 0.4:
                parts.append(('"process.hash.sha256":"', self.ioc("sha256"), '"'))
            if r.random() < 0.3:
                parts.append(('"user.full_name":"', self.nm(u), '"'))
            if r.random() < 0.3:
                parts.append(('"threat.technique.id":"', self.ioc("mitre"), '"'))
            d.t("{")
            for j, (a, v, b) in enumerate(parts):
                if j:
                    d.t(",")
                d.t(a)
                d.put(v if isinstance(v, tuple) else v)
                d.t(b)
            d.t("}\n")
        return d, org

    def winevent(self, loc):
        r, d, org = self.r, Doc(), self.org()
        u = self.someone(loc)
        if r.random() < 0.5:
            d.fill("An account was successfully logged on.\n\nSubject:\n\tSecurity ID:\t\tSYSTEM\n"
                   "New Logon:\n\tAccount Name:\t\t{u}\n\tAccount Domain:\t\t{nb}\n"
                   "Network Information:\n\tWorkstation Name:\t{ws}\n\tSource Network Address:\t{ip}\n"
                   "\tSource Port:\t\t{port}\n", u=I(u["login"], "USERNAME"), nb=I(org["nb"], "HOSTNAME"),
                   ws=self.host(org), ip=self.ioc("ip") if r.random() < 0.5 else self.iip(), port=str(r.randint(1024, 65535)))
        else:
            d.fill('<Event><System><EventID>4624</EventID><Computer>{c}</Computer></System><EventData>'
                   '<Data Name="TargetUserName">{u}</Data><Data Name="TargetDomainName">{nb}</Data>'
                   '<Data Name="IpAddress">{ip}</Data></EventData></Event>\n',
                   c=I(f"{self.host(org)[0].lower()}.{org['domains'][0]}", "HOSTNAME"), u=I(u["login"], "USERNAME"),
                   nb=I(org["nb"], "HOSTNAME"), ip=self.ioc("ip"))
        d.fill("Analyst: this logon preceded the {fam} deployment; {n} says it was not them.", fam=self.ioc("fam"),
               n=self.nm(u, r.choice(["full", "first", "init"])))
        return d, org

    def thread(self, loc):
        r, d, org = self.r, Doc(), self.org()
        a, b, pt = self.someone("en_US"), self.someone(loc), self.someone(loc)
        d.fill("Agreed - let's block it. {af}\n\n", af=self.nm(a, "first"))
        d.fill("On {day}, {bn} <{bm}> wrote:\n", day=N(r.choice(["Mon, 3 Mar 2025", "Fri, 14 Nov 2025", "Tue, 9 Jul 2024"]), "HEADER_TIME"),
               bn=self.nm(b), bm=I(f"{b['login']}@{org['domains'][0]}", "EMAIL"))
        d.fill("> {af}, the message to {pn} came from {ae} and asked her to confirm her card for a\n"
               "> \"co-pay refund\". It used her home address ({st}, {c}) and her own email {pe}.\n",
               af=self.nm(a, "first"), pn=self.nm(pt, r.choice(["full", "comma", "init"])), ae=self.ioc("mail"),
               st=self.street(loc), c=self.city(loc), pe=I(self.person[loc].email(), "EMAIL"))
        d.fill("> The link was {u}; VirusTotal shows {fam}.\n> \n> {bs}\n", u=X(K.defang(K.url(r)), "URL"),
               fam=self.ioc("fam"), bs=self.nm(b, "first"))
        if r.random() < 0.5:
            d.fill(">> Patient portal entry: {u}\n", u=I(f"https://mychart.{org['domains'][0]}/visit?patient={r.randint(100000, 999999)}&dob={r.randint(1930, 2010)}0{r.randint(1, 9)}1{r.randint(0, 9)}", "URL"))
        if r.random() < 0.4:
            d.fill(">> Her car ({pl}, VIN {vin}) was photographed in the lot as proof by the caller.\n",
                   pl=self.plate(loc), vin=self.vin())
        return d, org

    def negotiation(self, loc):
        r, d, org = self.r, Doc(), self.org()
        fam = r.choice(K.RANSOM)
        p1, p2 = self.someone(loc), self.someone(loc)
        d.fill("Negotiation portal transcript ({fam} leak site {dom})\n", fam=X(fam, "MALWARE"),
               dom=X("".join(r.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(56)) + ".onion", "DOMAIN"))
        d.fill("support: we have {gb}GB from {org}. sample: {p1} {dob1}, {p2} {dob2}\n",
               gb=str(r.randint(50, 900)), org=I(org["name"], "ORG"), p1=self.nm(p1, r.choice(["full", "comma"])),
               dob1=self.dob(), p2=self.nm(p2), dob2=self.dob())
        d.fill("victim: we need proof of deletion.\nsupport: pay {btc} BTC to {wallet} and we send the decryptor for {h}\n",
               btc=str(r.randint(5, 60)), wallet=X("bc1q" + "".join(r.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38)), "WALLET"),
               h=self.host(org))
        d.fill("victim: our negotiator is {n}.\nsupport: ok {nf}. tox {tox}\n", n=self.nm(self.someone("en_US")),
               nf="friend", tox=X(K.hexstr(r, 76).upper(), "TOX_ID"))
        return d, org

    def intake(self, loc):
        r, d, org = self.r, Doc(), self.org()
        p = self.someone(loc)
        d.fill("IDENTITY THEFT INTAKE FORM\nName: {n}\nPreferred name: {f}\nDate of birth: {dob}\n",
               n=self.nm(p, "comma"), f=self.nm(p, "first"), dob=self.dob())
        d.fill("Street: {st}\nCity: {c}\nPostal code: {z}\nPhone: {ph}\n", st=self.street(loc),
               c=self.city(loc), z=self.zipc(loc), ph=self.phone(loc))
        if r.random() < 0.5:
            d.fill("Vehicle plate: {pl}\n", pl=self.plate(loc))
        if r.random() < 0.4:
            d.fill("Biometric enrolment: palm-vein template {b}\n", b=I(f"PV-{K.hexstr(r, 10).upper()}", "BIOMETRIC"))
        if r.random() < 0.4:
            d.fill("Photo ID scan: {ph}\n", ph=I(f"IMG_{r.randint(1000, 9999)}_{K.slug(p['last']) or 'x'}.jpg", "PHOTO"))
        d.fill("Admission: {adm}\nHow were you contacted? A text linking to {u}, sent from {s}.\n",
               adm=self.dt(), u=self.ioc("url"), s=X(f"+{r.randint(1, 99)} {r.randint(100, 999)} {r.randint(1000000, 9999999)}", "PHONE_ATTACKER"))
        return d, org

    def bilingual(self, loc):
        r, d, org = self.r, Doc(), self.org()
        p = self.someone(loc)
        lines = {
            "de_DE": "Hinweis: Patient/in {n}, geb. {dob}, wohnhaft {st}, wurde über den Vorfall informiert. ",
            "fr_FR": "Note : le/la patient(e) {n}, né(e) le {dob}, domicilié(e) {st}, a été informé(e). ",
            "es_ES": "Nota: el/la paciente {n}, nacido/a el {dob}, con domicilio en {st}, fue informado/a. ",
            "it_IT": "Nota: il/la paziente {n}, nato/a il {dob}, residente in {st}, è stato/a informato/a. ",
            "pl_PL": "Uwaga: pacjent(ka) {n}, ur. {dob}, zam. {st}, został(a) poinformowany(a). ",
            "nl_NL": "Let op: patiënt {n}, geboren {dob}, woonachtig {st}, is geïnformeerd. ",
            "pt_BR": "Obs.: o(a) paciente {n}, nascido(a) em {dob}, residente na {st}, foi informado(a). ",
            "hr_HR": "Napomena: pacijent(ica) {n}, rođen(a) {dob}, adresa {st}, obaviješten(a) je. ",
            "ru_RU": "Примечание: пациент {n}, дата рождения {dob}, адрес {st}, уведомлён. ",
            "uk_UA": "Примітка: пацієнт {n}, дата народження {dob}, адреса {st}, повідомлений. ",
            "el_GR": "Σημείωση: ο/η ασθενής {n}, γεν. {dob}, διεύθυνση {st}, ενημερώθηκε. ",
            "zh_CN": "备注：患者{n}，出生日期{dob}，住址{st}，已被告知。",
            "ja_JP": "備考：患者 {n}（生年月日 {dob}、住所 {st}）に通知済み。",
        }
        tmpl = lines.get(loc, "Note: patient {n}, born {dob}, living at {st}, was informed. ")
        d.fill("Incident note ({fam} / {cve}). ", fam=self.ioc("fam"), cve=self.ioc("cve"))
        d.fill(tmpl, n=self.nm(p), dob=self.dob(), st=self.street(loc))
        d.fill("English summary: {n} was told on the phone ({ph}). Beacon host {ip}, hash {h}. ",
               n=self.nm(p, r.choice(["full", "first", "last"])), ph=self.phone(loc), ip=self.ioc("ip6" if r.random() < 0.3 else "ip"),
               h=self.ioc("md5"))
        d.fill("Workstation {ws} ({iip}) used by {u} was reimaged.", ws=self.host(org), iip=self.iip(), u=I(p["login"], "USERNAME"))
        return d, org

    def census(self, loc):
        r, d, org = self.r, Doc(), self.org()
        d.fill("DOWNTIME CENSUS - printed from the read-only BCA PC {h}\nBed  Patient                 DOB          Age  Attending\n",
               h=self.host(org))
        for _ in range(r.randint(3, 6)):
            p, doc = self.someone(loc), self.someone("en_US")
            age = r.randint(20, 106)
            d.fill("{bed}  {p}  {dob}  {age}  {att}\n", bed=f"{r.randint(1, 40):02d}{r.choice('AB')}",
                   p=self.nm(p, r.choice(["comma", "full"])), dob=self.dob(),
                   age=I(str(age), "AGE") if age >= 90 else str(age),
                   att=[N("Dr", "TITLE"), " ", self.nm(doc, "last")])
        d.fill("Lab results pending since {fam} hit the interface engine ({ip}). Next print by {f}.\n",
               fam=self.ioc("fam"), ip=self.iip(), f=self.nm(self.someone(loc), "first"))
        return d, org

    def siem(self, loc):
        r, d, org = self.r, Doc(), self.org()
        u, req = self.someone(loc), self.someone("en_US")
        d.fill("REQ{n} - please review alert. Requested by {rq} ({rm}).\n", n=str(r.randint(10000, 99999)),
               rq=self.nm(req, r.choice(["full", "init"])), rm=I(f"{req['login']}@{org['domains'][0]}", "EMAIL"))
        for _ in range(r.randint(2, 5)):
            k = r.randrange(4)
            if k == 0:
                d.fill("CEF:0|Check Point|VPN-1|R81|login|Log In|5|suser={u} shost={h} src={ip} dhost={dh} duser={du}\n",
                       u=I(u["login"], "USERNAME"), h=self.host(org), ip=self.iip(), dh=self.host(org),
                       du=I(f"{u['login']}.adm", "USERNAME"))
            elif k == 1:
                d.fill("{ts} {h} sudo: pam_unix(sudo:session): session opened for user root by {u}(uid=0)\n",
                       ts=N(self.stamp(), "LOG_TIME"), h=self.host(org), u=I(u["login"], "USERNAME"))
            elif k == 2:
                d.fill("{ts} {h} portal[311]: Login successful for user {u} from {ip}, logged in as {u2}\n",
                       ts=N(self.stamp(), "LOG_TIME"), h=self.host(org), u=I(u["login"], "USERNAME"), ip=self.ioc("ip"),
                       u2=I(u["login"], "USERNAME"))
            else:
                d.fill("alert: {fam} C2 callback {url} from {h} ({ip})\n", fam=self.ioc("fam"), url=self.ioc("url"),
                       h=self.host(org), ip=self.iip())
        d.fill("Hi {rf}, confirmed with {n} that the {fam} alert is a true positive. Blocked {dom}.",
               rf=self.nm(req, "first"), n=self.nm(u, r.choice(["full", "first", "comma"])),
               fam=X(r.choice(K.RANSOM), "MALWARE"), dom=self.ioc("dom"))
        return d, org

    def stamp(self):
        y, mo, d, h, mi, s = self.when()
        return f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][mo - 1]} {d:2d} {h:02d}:{mi:02d}:{s:02d}"

    def stix(self, loc):
        r, d, org = self.r, Doc(), self.org()
        u, pt = self.someone(loc), self.someone(loc)
        fam = r.choice(K.RANSOM)
        ip = K.public_ipv4(r)
        y, mo, dd, h, mi, s = self.when()
        t = f"{y}-{mo:02d}-{dd:02d}T{h:02d}:{mi:02d}:{s:02d}.000Z"

        def js(v):
            if isinstance(v, Doc):
                return Doc().t('"').put(v.json_escaped()).t('"')
            if isinstance(v, tuple):
                return Doc().t('"').put(Doc().put(v).json_escaped()).t('"')
            return Doc().t(json.dumps(v))

        def obj(fields, sep):
            o = Doc().t("{")
            for j, (k, v) in enumerate(fields):
                if j:
                    o.t("," + sep)
                o.t(json.dumps(k) + ":" + (" " if sep else ""))
                o.put(js(v))
            return o.t("}")

        compact = r.random() < 0.5
        sep = "" if compact else " "
        ua = self.uid("user-account")
        sight_desc = Doc().fill(
            "{fam} operators logged in as {ul} on {h} ({who}); {ptn}'s record (MRN {mrn}) was opened at {adm}.",
            fam=X(fam, "MALWARE"), ul=I(u["login"], "USERNAME"), h=self.host(org),
            who=self.nm(u, r.choice(["full", "init", "comma"])), ptn=self.nm(pt), mrn=self.mrn(), adm=self.dt())
        objs = [
            obj([("type", "user-account"), ("spec_version", "2.1"), ("id", ua),
                 ("user_id", I(u["login"], "USERNAME")), ("display_name", self.nm(u)),
                 ("account_login", I(f"{org['nb']}\\{u['login']}", "USERNAME"))], sep),
            obj([("type", "ipv4-addr"), ("spec_version", "2.1"), ("id", self.uid("ipv4-addr")), ("value", X(ip, "IPV4"))], sep),
            obj([("type", "sighting"), ("spec_version", "2.1"), ("id", self.uid("sighting")),
                 ("created", N(t, "STIX_TIME")), ("modified", N(t, "STIX_TIME")),
                 ("sighting_of_ref", self.uid("indicator")), ("description", sight_desc)], sep),
            obj([("type", "opinion"), ("spec_version", "2.1"), ("id", self.uid("opinion")),
                 ("created", N(t, "STIX_TIME")), ("modified", N(t, "STIX_TIME")),
                 ("explanation", Doc().fill("Agree: same {fam} kit as {cve}; reviewed by {rv}.", fam=X(fam, "MALWARE"),
                                            cve=self.ioc("cve"), rv=self.nm(self.someone(loc), "first"))),
                 ("opinion", "agree"), ("object_refs", [ua])], sep),
        ]
        nl = "" if compact else "\n"
        d.t('{"type":' + sep + '"bundle",' + sep + '"id":' + sep + json.dumps(self.uid("bundle")) + ',' + sep + '"objects":' + sep + "[" + nl)
        for j, o in enumerate(objs):
            if j:
                d.t("," + nl)
            d.put(o)
        d.t(nl + "]}\n")
        return d, org


def main():
    out, man = sys.argv[1], sys.argv[2]
    g = Gen(SEED)
    styles = [("handover-chat", g.handover), ("case-timeline", g.timeline), ("breach-letter", g.letter),
              ("ecs-json-log", g.ecs), ("windows-event", g.winevent), ("email-thread", g.thread),
              ("ransom-negotiation", g.negotiation), ("intake-form", g.intake),
              ("bilingual-note", g.bilingual), ("stix-bundle", g.stix),
              ("downtime-census", g.census), ("siem-alert-request", g.siem)]
    recs = []
    for i in range(COUNT):
        name, fn = styles[i % len(styles)]
        loc = g.r.choice(PICK)
        d, org = fn(loc)
        recs.append(record(f"holdout-{i:04d}", d, name, loc, {"name": org["name"], "domains": org["domains"]}))
    sha = write_corpus(out, recs)
    manifest(man, "holdout corpus", "holdout.jsonl", SEED, "gen/gen_holdout.py", recs,
             "Held out: run only at the end of the scrubber work (see README.md). Values from "
             "mimesis in 18 locales, templates of its own. Extra indicator types: WALLET (Bitcoin "
             "address), TOX_ID, PHONE_ATTACKER (the smishing sender's number).")
    print(out, len(recs), sha)


if __name__ == "__main__":
    main()
