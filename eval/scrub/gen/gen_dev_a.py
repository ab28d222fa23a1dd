#!/usr/bin/env python3
"""dev-a: incident narratives, EHR-downtime notes, help-desk tickets, privacy memos.
Values from Faker (several locales); all templates are in this file.
Usage: gen_dev_a.py OUT.jsonl MANIFEST.md"""

import random
import sys

from faker import Faker

import indicators as K
from spandoc import Doc, I, N, X, manifest, record, write_corpus

SEED = 1801
COUNT = 360
LOCALES = ["en_US", "en_US", "en_US", "en_GB", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT",
           "pl_PL", "hr_HR", "ru_RU", "el_GR", "zh_CN", "ja_JP", "pt_BR", "nl_NL"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
COMMON_FIRST = ["Hope", "Will", "Mark", "Rose", "Grace", "Faith", "Joy", "Bill", "Summer",
                "April", "June", "Dawn", "Holly", "Robin", "Penny", "Ray", "Drew", "Chase",
                "Art", "Sunny", "Iris", "Jade", "Hunter", "Miles", "Glen", "Sandy"]
COMMON_LAST = ["Brown", "White", "Black", "Green", "Young", "Long", "Price", "Wolf", "Fox",
               "Rich", "Page", "Park", "Hall", "Wood", "Stone", "Hill", "King", "Marsh",
               "Banks", "Cook", "Baker", "Mason", "Moody", "Sharp", "Strong", "Bright",
               "Love", "Street", "Church", "May"]
IRISH = [("Siobhán", "Ó Briain"), ("Aoife", "Ní Mhurchú"), ("Seán", "Mac Giolla"),
         ("Caoimhín", "Ó Súilleabháin"), ("Niamh", "Ó Ceallaigh"), ("Pádraig", "de Búrca")]
UNITS = ["4 West", "ICU", "Oncology", "Radiology", "Labor & Delivery", "Cardiology",
         "Emergency Department", "Dialysis", "Pharmacy", "Behavioral Health"]
ORG_SUFFIX = ["Regional Medical Center", "Community Hospital", "Health System",
              "University Hospital", "Memorial Hospital", "Clinic", "Children's Hospital"]
TRAPS = [
    "We hope to restore full service before the weekend.",
    "The on-call team will rebuild the print servers first.",
    "A brown-out in the east wing on day two delayed the restore.",
    "Mark every affected device with a red tag before reimaging.",
    "Reporting clinic: outpatient cardiology.",
    "Finance asked whether the wire change request was legitimate; it was not.",
    "Call volume rose by forty percent during the outage.",
    "May the backup tapes be used? Only after the integrity check.",
    "Will the lab interface come back first? Yes, per the restore plan.",
    "The Royal College guidance on downtime documentation was followed.",
    "Grace periods for claim submission were extended by the payer.",
    "Summer staffing levels made the recovery slower.",
]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.fakers = {}
        for i, loc in enumerate(sorted(set(LOCALES))):
            f = Faker(loc)
            f.seed_instance(seed + i)
            self.fakers[loc] = f
        self.en = self.fakers["en_US"]

    # ---- people and their mentions -------------------------------------------------
    def person(self, loc):
        r, f = self.rng, self.fakers[loc]
        first, last = f.first_name(), f.last_name()
        if loc.startswith("en") and r.random() < 0.3:
            first = r.choice(COMMON_FIRST)
            if r.random() < 0.5:
                last = r.choice(COMMON_LAST)
        if loc == "en_IE" and r.random() < 0.4:
            first, last = r.choice(IRISH)
        return {"first": first, "last": last, "loc": loc}

    def full(self, p):
        if p["loc"] == "zh_CN":
            return I(p["last"] + p["first"], "NAME")
        if p["loc"] == "ja_JP":
            return I(p["last"] + " " + p["first"], "NAME")
        return I(p["first"] + " " + p["last"], "NAME")

    def mention(self, p, style=None):
        r = self.rng
        latin = K.is_latin(p["first"] + p["last"])
        style = style or r.choice(["full", "full", "lastfirst", "title", "initial", "first"])
        if not latin and style in ("initial",):
            style = "full"
        if style == "full":
            return [self.full(p)]
        if style == "lastfirst":
            return [I(f"{p['last']}, {p['first']}", "NAME")]
        if style == "upper":
            return [I(f"{p['last'].upper()}, {p['first'].upper()}", "NAME")]
        if style == "title":
            return [N(r.choice(["Dr.", "Mr.", "Ms.", "Mrs.", "Nurse"]), "TITLE"), " ",
                    I(p["last"], "NAME")]
        if style == "initial":
            return [I(f"{p['first'][0]}. {p['last']}", "NAME")]
        return [I(p["first"], "NAME")]

    # ---- values ------------------------------------------------------------------------
    def date(self, lo=1926, hi=2012):
        r = self.rng
        y, m, d = r.randint(lo, hi), r.randint(1, 12), r.randint(1, 28)
        fmt = r.choice(["us", "eu", "iso", "long", "longus", "dot", "short"])
        if fmt == "us":
            s = f"{m:02d}/{d:02d}/{y}"
        elif fmt == "eu":
            s = f"{d:02d}/{m:02d}/{y}"
        elif fmt == "iso":
            s = f"{y}-{m:02d}-{d:02d}"
        elif fmt == "long":
            s = f"{d} {MONTHS[m - 1]} {y}"
        elif fmt == "longus":
            s = f"{MONTHS[m - 1]} {d}, {y}"
        elif fmt == "dot":
            s = f"{d:02d}.{m:02d}.{y}"
        else:
            s = f"{MONTHS[m - 1][:3]} {d}, {y}"
        return I(s, "DATE")

    def datetime(self):
        r = self.rng
        y, m, d = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28)
        hh, mm, ss = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
        k = r.random()
        if k < 0.35:
            s = f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}Z"
        elif k < 0.55:
            s = f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}+0{r.randint(0, 2)}:00"
        elif k < 0.75:
            s = f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}"
        else:
            s = f"{m:02d}/{d:02d}/{y} {hh:02d}:{mm:02d}"
        return I(s, "DATETIME")

    def mrn(self):
        r = self.rng
        return I(r.choice([
            f"{r.randint(100000, 99999999):08d}", f"MR{r.randint(1000000, 9999999)}",
            f"{r.randint(100, 999)}-{r.randint(1000, 9999)}-{r.randint(10, 99)}",
            f"A{r.randint(100000, 999999)}"]), "MRN")

    def ssn(self):
        r = self.rng
        return I(f"{r.randint(1, 665):03d}-{r.randint(1, 99):02d}-{r.randint(1, 9999):04d}",
                 "SSN")

    def phone(self, loc, typ="PHONE"):
        return I(self.fakers[loc].phone_number(), typ)

    def address(self, loc):
        f = self.fakers[loc]
        street = f.street_address().replace("\n", ", ")
        city = f.city()
        if loc == "en_US":
            zipc = f.zipcode_plus4() if self.rng.random() < 0.35 else f.zipcode()
            return [I(street, "ADDRESS"), ", ", I(city, "CITY"), ", ", f.state_abbr(), " ",
                    I(zipc, "ZIP")]
        return [I(street, "ADDRESS"), ", ", I(f.postcode(), "ZIP"), " ", I(city, "CITY")]

    def plate(self, loc):
        return I(self.fakers[loc].license_plate(), "VEHICLE")

    def health_plan(self):
        r = self.rng
        return I(r.choice([
            f"{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{r.randint(100000000, 999999999)}",
            f"{r.randint(1, 9)}{r.choice('ACDEFGHJK')}{r.choice('ACDEFGHJK')}{r.randint(0, 9)}-{r.choice('ACDEFGHJK')}{r.choice('ACDEFGHJK')}{r.randint(0, 9)}-{r.choice('ACDEFGHJK')}{r.choice('ACDEFGHJK')}{r.randint(10, 99)}",
            f"{r.randint(100, 999)} {r.randint(100, 999)} {r.randint(1000, 9999)}"]),
            "HEALTH_PLAN")

    def account(self, loc):
        r = self.rng
        if r.random() < 0.4 and loc not in ("zh_CN", "ja_JP", "ru_RU", "en_US"):
            return I(self.fakers[loc].iban(), "ACCOUNT")
        return I(r.choice([f"{r.randint(10000000, 99999999)}",
                           f"{r.randint(1000, 9999)}-{r.randint(100000, 999999)}",
                           f"GT-{r.randint(1000000, 9999999)}"]), "ACCOUNT")

    def license(self):
        r = self.rng
        return I(r.choice([
            f"{r.choice('ABCDFGHJKLMNPRSW')}{r.randint(100, 999)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            f"{r.randint(1000000000, 1999999999)}",
            f"{r.choice('ABFM')}{r.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{r.randint(1000000, 9999999)}",
            f"RN{r.randint(100000, 999999)}"]), "LICENSE")

    def serial(self):
        r = self.rng
        if r.random() < 0.4:
            gtin = "".join(str(r.randint(0, 9)) for _ in range(14))
            return I(f"(01){gtin}(17){r.randint(25, 29)}{r.randint(1, 12):02d}28(10)"
                     f"{r.choice('ABCDEFGH')}{r.randint(1000, 9999)}(21){r.randint(100000, 9999999)}",
                     "DEVICE_SERIAL")
        return I(r.choice([f"SN{r.randint(10000000, 99999999)}",
                           f"{r.choice(['PMP', 'GLU', 'ICD', 'INF'])}-{r.randint(1000, 9999)}-{r.randint(100, 999)}{r.choice('ABCDEFGHJK')}",
                           f"{K.hexstr(r, 12).upper()}"]), "DEVICE_SERIAL")

    def age(self):
        return I(str(self.rng.randint(90, 104)), "AGE")

    def username(self, p):
        r = self.rng
        first, last = p["first"], p["last"]
        if not K.is_latin(first + last):
            u = self.en.user_name()
        else:
            fs, ls = K.slug(first), K.slug(last)
            u = r.choice([f"{fs}.{ls}", f"{fs[0]}{ls}", f"{ls}{fs[0]}", f"{fs}{ls[0]}{r.randint(1, 9)}",
                           f"{fs[0]}.{ls}"])
        return I(u, "USERNAME")

    def host(self):
        r = self.rng
        unit = r.choice(["radiology", "icu", "er", "lab", "pharm", "onc", "cardio", "nicu", "or"])
        return I(r.choice([
            f"ws-{unit}-{r.randint(1, 40)}", f"nurse-stn-{unit}-{r.randint(1, 9)}",
            f"FILESRV{r.randint(1, 9)}", f"EHR-APP{r.randint(1, 12):02d}",
            f"{unit.upper()}-PC{r.randint(100, 999)}", f"dc{r.randint(1, 4):02d}",
            f"pacs-{r.choice(['prod', 'arch', 'vna'])}{r.randint(1, 3)}"]), "HOSTNAME")

    def org(self):
        r = self.rng
        base = self.en.last_name() if r.random() < 0.5 else self.en.city()
        name = f"{base} {r.choice(ORG_SUFFIX)}"
        dom = f"{K.slug(base)}{r.choice(['health', 'med', 'hospital', 'hc'])}.{r.choice(['org', 'com', 'net'])}"
        return {"name": name, "domains": [dom]}

    # ---- styles ------------------------------------------------------------------------
    def ioc_sentence(self, d, k=None):
        r = self.rng
        k = r.randrange(9) if k is None else k
        if k == 0:
            d.fill("The encryptor dropped on the file server had SHA-256 {h}. ",
                   h=X(K.sha256(r), "SHA256"))
        elif k == 1:
            d.fill("Outbound beacons went to {ip} and {dom} every 60 seconds. ",
                   ip=X(K.public_ipv4(r), "IPV4"), dom=X(K.domain(r), "DOMAIN"))
        elif k == 2:
            d.fill("The loader ({fam}) was fetched from {u} (MD5 {h}). ",
                   fam=X(r.choice(K.MALWARE), "MALWARE"), u=X(K.url(r), "URL"),
                   h=X(K.md5(r), "MD5"))
        elif k == 3:
            d.fill("Initial access was through {c} on the VPN appliance ({t}). ",
                   c=X(K.cve(r), "CVE"), t=X(r.choice(K.MITRE), "MITRE"))
        elif k == 4:
            d.fill("Exfiltration with {tool} reached {ip6}. ",
                   tool=X(r.choice(["Rclone", "WinSCP", "MEGAsync"]), "MALWARE"),
                   ip6=X(K.public_ipv6(r), "IPV6"))
        elif k == 5:
            d.fill("The note was signed by the {fam} group and pointed to {dom}. ",
                   fam=X(r.choice(K.RANSOM), "MALWARE"), dom=X(K.defang(K.domain(r)), "DOMAIN"))
        elif k == 6:
            d.fill("A second sample, SHA-1 {h}, matched {fam}. ",
                   h=X(K.sha1(r), "SHA1"), fam=X(r.choice(K.MALWARE + K.RANSOM), "MALWARE"))
        elif k == 7:
            d.fill("RDP logons came from {ip} ({t}) before the shadow copies were deleted ({t2}). ",
                   ip=X(K.public_ipv4(r), "IPV4"), t=X("T1021.001", "MITRE"),
                   t2=X("T1490", "MITRE"))
        else:
            d.fill("The phishing lure came from {e} and linked to {u}. ",
                   e=X(K.attacker_email(r, free=r.random() < 0.6), "EMAIL"),
                   u=X(K.defang(K.url(r)) if r.random() < 0.3 else K.url(r), "URL"))

    def narrative(self, loc):
        r, d = self.rng, Doc()
        org = self.org()
        fam = r.choice(K.RANSOM)
        staff, pat = self.person(loc), self.person(loc)
        month = f"{r.choice(MONTHS)} {r.randint(2023, 2026)}"
        d.fill(r.choice([
            "Incident summary, {month}. {org} was hit by {fam} ransomware. ",
            "Post-incident narrative for the board ({month}): an affiliate of {fam} encrypted part of {org}. ",
            "What happened: in {month} the {fam} crew got into {org} and stayed for nine days. ",
        ]), month=month, org=I(org["name"], "ORG"), fam=X(fam, "MALWARE"))
        for k in r.sample(range(9), r.randint(2, 4)):
            self.ioc_sentence(d, k)
        d.fill(r.choice([
            "The first host to show the ransom note was {host} ({ip}), used by {who} ({user}). ",
            "{who} noticed the renamed files on {host} at the start of the night shift; the account {user} was then disabled. ",
            "Logs show {user} signing in to {host} from {ip} minutes before the encryption started; {who} confirmed it was not them. ",
        ]), host=self.host(), ip=I(K.private_ipv4(r), "IP"), who=self.mention(staff, "full"),
            user=self.username(staff))
        d.fill(r.choice([
            "Among the records on the exfiltrated share was a chart for {pat} (MRN {mrn}, born {dob}). ",
            "One of the stolen spreadsheets listed {pat}, DOB {dob}, MRN {mrn}, with a home phone of {ph}. ",
            "The attackers posted a sample containing {pat}'s discharge summary (MRN {mrn}; DOB {dob}; tel. {ph}). ",
        ]), pat=self.mention(pat, r.choice(["full", "lastfirst", "full"])), mrn=self.mention_mrn(),
            dob=self.date(), ph=self.phone(loc))
        if r.random() < 0.5:
            d.fill("{pat2} was contacted separately because the file also held an SSN ({ssn}). ",
                   pat2=self.mention(pat, r.choice(["title", "first", "initial"])), ssn=self.ssn())
        if r.random() < 0.5:
            d.t(r.choice(TRAPS) + " ")
        if r.random() < 0.5:
            d.fill("{who} can be reached at {ph} or {mail}. ", who=self.mention(staff, "title"),
                   ph=self.phone(loc), mail=I(f"{self.username(staff)[0]}@{org['domains'][0]}", "EMAIL"))
        d.fill(r.choice(["Prepared by {f}.", "— {f}, incident lead", "Written up by {f} for the IR file."]),
               f=self.mention(staff, r.choice(["first", "full"])))
        return d, org

    def mention_mrn(self):
        return self.mrn()

    def downtime(self, loc):
        r, d = self.rng, Doc()
        org = self.org()
        pat, att, kin = self.person(loc), self.person(loc), self.person(loc)
        d.fill("EHR DOWNTIME NOTE - {unit}\n", unit=r.choice(UNITS))
        d.fill(r.choice(["Patient: {p}\n", "PATIENT NAME: {p}\n", "Pt {p}\n"]),
               p=self.mention(pat, r.choice(["upper", "lastfirst", "full"])))
        d.fill("MRN: {mrn}   DOB: {dob}\n", mrn=self.mrn(), dob=self.date())
        if r.random() < 0.4:
            d.fill("Age: {age}\n", age=self.age())
        d.fill(r.choice(["Admitted {dt} via ED. ", "Admission time {dt}. ", "Arrived on the unit {dt}; "]),
               dt=self.datetime())
        d.fill("Attending: {a}. ", a=self.mention(att, r.choice(["title", "full"])))
        d.fill(r.choice([
            "Systems down since the {fam} attack; orders on paper, scanned to {host} when back. ",
            "Paper charting in effect (downtime code {fam}-related). Printer queue on {host} unavailable. ",
        ]), fam=X(r.choice(K.RANSOM), "MALWARE"), host=self.host())
        k = r.random()
        if k < 0.5:
            d.fill("Infusion pump {sn} reprogrammed by hand. ", sn=self.serial())
        else:
            d.fill("Implant UDI {sn} recorded in the paper chart. ", sn=self.serial())
        d.fill("\nHome: {addr}\nPhone: {ph}\n", addr=self.address(loc), ph=self.phone(loc))
        if r.random() < 0.6:
            d.fill("Insurance member ID {hp}; ", hp=self.health_plan())
        if r.random() < 0.4:
            d.fill("billing account {acct}. ", acct=self.account(loc))
        d.fill("Emergency contact: {k} ({rel}), {ph}.\n", k=self.mention(kin, "full"),
               rel=r.choice(["daughter", "son", "spouse", "neighbour", "niece"]), ph=self.phone(loc))
        if r.random() < 0.3:
            d.fill("Family car ({plate}) left in the ED bay overnight.\n", plate=self.plate(loc))
        if r.random() < 0.3:
            d.t(r.choice(TRAPS) + "\n")
        d.fill(r.choice(["Note entered by {n}, RN.", "Signed: {n}", "Prepared by {n}"]),
               n=self.mention(self.person(loc), r.choice(["first", "initial", "full"])))
        return d, org

    def ticket(self, loc):
        r, d = self.rng, Doc()
        org = self.org()
        user = self.person(loc)
        tech = self.person("en_US")
        uname = self.username(user)
        d.fill("Ticket INC{n}\nOpened by: {who} <{mail}>  ext. {ext}\n", n=str(r.randint(100000, 999999)),
               who=self.mention(user, "full"),
               mail=I(f"{uname[0]}@{org['domains'][0]}", "EMAIL"), ext=I(str(r.randint(1000, 9999)), "PHONE"))
        d.fill("Workstation: {host} ({ip})\n", host=self.host(), ip=I(K.private_ipv4(r), "IP"))
        d.fill("Category: {c}\n\n", c=r.choice(["Security > Phishing", "Security > Malware",
                                                "Access > Account lockout", "EHR > Downtime"]))
        d.fill(r.choice([
            "Hi {tf}, I clicked a link in an invoice e-mail from {ae} and now Chrome keeps opening {u}. ",
            "Hello {tf} - my screen says files are encrypted by {fam}, and a window asks me to contact {ae}. ",
            "Hi {tf}, I got a call from someone saying they were IT and asked me to install AnyDesk; they then went to {u}. ",
        ]), tf=self.mention(tech, "first"), ae=X(K.attacker_email(r), "EMAIL"), u=X(K.url(r), "URL"),
            fam=X(r.choice(K.RANSOM), "MALWARE"))
        if r.random() < 0.5:
            d.fill("I was in the middle of {p}'s chart (MRN {mrn}) when it happened. ",
                   p=self.mention(self.person(loc), r.choice(["full", "lastfirst", "title"])),
                   mrn=self.mrn())
        if r.random() < 0.4:
            d.fill("My mobile is {ph} if you need me. ", ph=self.phone(loc))
        d.fill("Thanks, {f}\n\n", f=self.mention(user, "first"))
        d.fill("-- Update from {t}: ", t=self.mention(tech, r.choice(["full", "initial"])))
        d.fill(r.choice([
            "isolated {host}, reset {u}, blocked {dom} and {ip} at the proxy. ",
            "EDR shows {h} executed as {u}; host {host} reimaged, {ip} blocked. ",
        ]), host=self.host(), u=uname, dom=X(K.domain(r), "DOMAIN"), ip=X(K.public_ipv4(r), "IPV4"),
            h=X(K.sha256(r), "SHA256"))
        if r.random() < 0.4:
            self.ioc_sentence(d)
        if r.random() < 0.3:
            d.t(r.choice(TRAPS))
        return d, org

    def memo(self, loc):
        r, d = self.rng, Doc()
        org = self.org()
        cpo, author = self.person("en_US"), self.person(loc)
        pats = [self.person(loc) for _ in range(r.randint(1, 3))]
        d.fill("PRIVACY OFFICE MEMORANDUM\nTo: {cpo}, Chief Privacy Officer\nFrom: {au}\n"
               "Re: breach risk assessment, {fam} incident\n\n",
               cpo=self.mention(cpo, "full"), au=self.mention(author, r.choice(["full", "lastfirst"])),
               fam=X(r.choice(K.RANSOM), "MALWARE"))
        d.fill("{org} must decide whether notification is required. ", org=I(org["name"], "ORG"))
        self.ioc_sentence(d)
        for p in pats:
            k = r.randrange(6)
            if k == 0:
                d.fill("{p} (SSN {ssn}, DOB {dob}) is in the exposed extract. ",
                       p=self.mention(p, "full"), ssn=self.ssn(), dob=self.date())
            elif k == 1:
                d.fill("The extract has {p}'s address, {addr}, and e-mail {mail}. ",
                       p=self.mention(p, "full"), addr=self.address(p["loc"]),
                       mail=I(self.fakers[p["loc"]].free_email(), "EMAIL"))
            elif k == 2:
                d.fill("A portal link for {p} was in the dump: {u}. ",
                       p=self.mention(p, r.choice(["full", "lastfirst"])),
                       u=I(f"https://portal.{org['domains'][0]}/chart?mrn={r.randint(1000000, 9999999)}", "URL"))
            elif k == 3:
                d.fill("An outside lab link named {p}: {u}. ",
                       p=self.mention(p, "full"),
                       u=I(f"https://{K.slug(self.en.last_name())}labs.com/report?pid={r.randint(10000, 999999)}"
                           f"&dob={r.randint(1930, 2010)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}", "URL"))
            elif k == 4:
                d.fill("{p}, a {age}{yo}, has driver's licence {lic} and plate {plate} on file. ",
                       p=self.mention(p, "full"), age=self.age(), yo=N("-year-old", "AGE_UNIT"), lic=self.license(),
                       plate=self.plate(p["loc"]))
            else:
                d.fill("{p}'s health plan number {hp} and account {acct} were visible. ",
                       p=self.mention(p, "full"), hp=self.health_plan(), acct=self.account(p["loc"]))
            if r.random() < 0.4:
                d.fill("{p2} has been informed by phone ({ph}; fax {fx}). ",
                       p2=self.mention(p, r.choice(["title", "first", "initial"])),
                       ph=self.phone(p["loc"]), fx=self.phone(p["loc"], "FAX"))
        if r.random() < 0.5:
            d.t(r.choice(TRAPS) + " ")
        d.fill("\n\nPrepared by {f}", f=self.mention(author, r.choice(["first", "full"])))
        return d, org


def main():
    out, man = sys.argv[1], sys.argv[2]
    g = Gen(SEED)
    styles = [("narrative", g.narrative), ("ehr-downtime", g.downtime),
              ("helpdesk-ticket", g.ticket), ("privacy-memo", g.memo)]
    recs = []
    for i in range(COUNT):
        name, fn = styles[i % len(styles)]
        loc = g.rng.choice(LOCALES)
        d, org = fn(loc)
        recs.append(record(f"dev-a-{i:04d}", d, name, loc, org))
    sha = write_corpus(out, recs)
    manifest(man, "dev-a corpus", "dev-a.jsonl", SEED, "gen/gen_dev_a.py", recs,
             "Incident narratives, EHR-downtime notes, help-desk tickets and privacy memos; "
             "English prose with names, addresses and phones from the document's Faker locale. "
             "Each document names its organization (`org.name`, `org.domains`): score.py passes "
             "them to scrubbers that take them (ward's --org-name/--org-domain).")
    print(out, len(recs), sha)


if __name__ == "__main__":
    main()
