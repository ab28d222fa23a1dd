#!/usr/bin/env python3
"""dev-b: forwarded e-mails with headers and signatures, phishing reports, log excerpts
(Windows event key=value, DOMAIN\\user, syslog, CEF), ransom notes, STIX bundles with
narratives in `description`. Values from Faker; templates of its own (none shared with dev-a).
Usage: gen_dev_b.py OUT.jsonl MANIFEST.md"""

import random
import sys
import uuid

from faker import Faker

import indicators as K
from spandoc import Doc, I, N, X, manifest, record, write_corpus

SEED = 2802
COUNT = 330
LOCALES = ["en_US", "en_US", "en_GB", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL",
           "hr_HR", "ru_RU", "el_GR", "zh_CN", "ja_JP", "pt_BR", "nl_NL"]
# Forward header labels per language: from, sent, to, subject
HEADERS = {
    "en": ("From:", "Sent:", "To:", "Subject:"), "de": ("Von:", "Gesendet:", "An:", "Betreff:"),
    "fr": ("De :", "Envoyé :", "À :", "Objet :"), "es": ("De:", "Enviado el:", "Para:", "Asunto:"),
    "it": ("Da:", "Inviato:", "A:", "Oggetto:"), "pl": ("Od:", "Wysłano:", "Do:", "Temat:"),
    "nl": ("Van:", "Verzonden:", "Aan:", "Onderwerp:"), "ru": ("От:", "Отправлено:", "Кому:", "Тема:"),
    "el": ("Από:", "Στάλθηκε:", "Προς:", "Θέμα:"), "zh": ("发件人:", "发送时间:", "收件人:", "主题:"),
    "ja": ("差出人:", "送信日時:", "宛先:", "件名:"), "pt": ("De:", "Enviada em:", "Para:", "Assunto:"),
    "hr": ("Šalje:", "Poslano:", "Prima:", "Predmet:"),
}
WORDNAMES = [("Will", "Brown"), ("Hope", "Marsh"), ("Mark", "Rose"), ("Rose", "Young"),
             ("Bill", "Price"), ("Grace", "Black"), ("Faith", "Green"), ("Pat", "Long"),
             ("Victor", "Hill"), ("Amber", "Stone"), ("Sky", "Walker"), ("Max", "Power")]
NETBIOS = ["MERCY", "STLUKES", "CORP", "HOSP", "MEDCTR", "RMC", "HEALTH", "AD", "CLINIC"]
TITLES = ["Clinical Informatics Analyst", "Nurse Manager, 5 North", "Revenue Cycle Lead",
          "Security Operations", "Director of Patient Access", "Radiology Technologist",
          "Privacy & Compliance Officer", "Service Desk Analyst"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.fk = {}
        for i, loc in enumerate(sorted(set(LOCALES))):
            f = Faker(loc)
            f.seed_instance(seed * 7 + i)
            self.fk[loc] = f

    def uid(self, kind):
        return f"{kind}--{uuid.UUID(int=self.r.getrandbits(128), version=4)}"

    # ---- values --------------------------------------------------------------------------
    def who(self, loc):
        f, r = self.fk[loc], self.r
        if loc.startswith("en") and r.random() < 0.25:
            first, last = r.choice(WORDNAMES)
        else:
            first, last = f.first_name(), f.last_name()
        if loc in ("zh_CN",):
            full = last + first
        elif loc in ("ja_JP",):
            full = f"{last} {first}"
        else:
            full = f"{first} {last}"
        latin = K.is_latin(first + last)
        if latin:
            user = r.choice([f"{K.slug(first)}.{K.slug(last)}", f"{K.slug(first)[0]}{K.slug(last)}",
                             f"{K.slug(last)}{K.slug(first)[:2]}"])
        else:
            user = self.fk["en_US"].user_name()
        return {"first": first, "last": last, "full": full, "user": user, "loc": loc,
                "latin": latin}

    def org(self):
        r = self.r
        town = self.fk["en_GB"].last_name() if r.random() < 0.5 else self.fk["en_US"].last_name()
        name = r.choice([f"St. {town}'s Hospital", f"{town} Health", f"{town} Valley Medical Group",
                         f"{town} General", f"{town} Cancer Institute"])
        dom = f"{K.slug(town)}{r.choice(['', '-health', 'med'])}.{r.choice(['org', 'org.uk', 'ie', 'de', 'com'])}"
        return {"name": name, "domains": [dom], "netbios": r.choice(NETBIOS)}

    def mail(self, p, org):
        return I(f"{p['user']}@{org['domains'][0]}", "EMAIL")

    def host(self, org=None, fqdn=False):
        r = self.r
        h = r.choice([f"ws-{r.choice(['radiology', 'pharmacy', 'ob', 'ortho', 'billing'])}-{r.randint(1, 60)}",
                      f"nurse-stn-{r.choice(['icu', 'ccu', 'peds', 'ed'])}-{r.randint(1, 8)}",
                      f"FILESRV{r.randint(1, 9)}", f"SQLPROD{r.randint(1, 4)}", f"CITRIX-{r.randint(10, 40)}",
                      f"lt-{r.randint(10000, 99999)}", f"epic-tst{r.randint(1, 5)}", f"vpn{r.randint(1, 3):02d}",
                      f"MRI-CONSOLE-{r.randint(1, 3)}"])
        if fqdn and org:
            h = f"{h.lower()}.{org['domains'][0]}"
        return I(h, "HOSTNAME")

    def ip(self):
        return I(K.private_ipv4(self.r), "IP")

    def phone(self, loc, typ="PHONE"):
        return I(self.fk[loc].phone_number(), typ)

    def dob(self):
        r = self.r
        y, m, d = r.randint(1925, 2015), r.randint(1, 12), r.randint(1, 28)
        return I(r.choice([f"{m}/{d}/{y}", f"{y}{m:02d}{d:02d}", f"{d}-{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]}-{y}",
                          f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y}"]), "DATE")

    def stamp(self, iso=True):
        r = self.r
        y, m, d = r.randint(2024, 2026), r.randint(1, 12), r.randint(1, 28)
        hh, mm, ss = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
        if iso:
            return f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}.{r.randint(0, 999):03d}Z"
        return f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} {d:2d} {hh:02d}:{mm:02d}:{ss:02d}"

    def sent(self):
        r = self.r
        if r.random() < 0.4:
            return self.stamp()
        days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        months = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
        return (f"{r.choice(days)}, {r.choice(months)} {r.randint(1, 28)}, {r.randint(2024, 2026)} "
                f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(['AM', 'PM'])}")

    def mrn(self):
        r = self.r
        return I(r.choice([f"E{r.randint(1000000, 9999999)}", f"{r.randint(10000000, 99999999)}",
                           f"MRN-{r.randint(100000, 999999)}"]), "MRN")

    # ---- styles --------------------------------------------------------------------------
    def forward(self, loc):
        r, d = self.r, Doc()
        org = self.org()
        lang = loc.split("_")[0] if loc.split("_")[0] in HEADERS else "en"
        hf, hs, ht, hsub = HEADERS[lang]
        a, b, c = self.who(loc), self.who(loc), self.who("en_US")
        fam = r.choice(K.RANSOM + K.MALWARE)
        d.fill("{c},\n\nSee below - can the SOC check this? Forwarding as received.\n\n", c=I(c["first"], "NAME"))
        d.t("-----Original Message-----\n" if r.random() < 0.5 else "---------- Forwarded message ---------\n")
        d.fill(f"{hf} {{an}} <{{am}}>\n{hs} {{ts}}\n{ht} {{bn}} <{{bm}}>\n{hsub} FW: {{subj}}\n\n",
               an=I(a["full"], "NAME"), am=self.mail(a, org), ts=N(self.sent(), "HEADER_TIME"),
               bn=I(b["full"], "NAME"), bm=self.mail(b, org),
               subj=r.choice(["Invoice overdue", "Your mailbox is full", "Updated payroll form",
                              "Shared document", "Fax received"]))
        d.fill(r.choice(["Hi {bf},\n\n", "Dear {bf},\n\n", "{bf} -\n\n"]), bf=I(b["first"], "NAME"))
        k = r.randrange(4)
        if k == 0:
            d.fill("This came to the ward's shared inbox from {ae}. The attachment {fn} (SHA256 {h}) "
                   "opened a PowerShell window on {host}. ",
                   ae=X(K.attacker_email(self.r), "EMAIL"), fn=r.choice(["invoice_0932.html", "Remit.zip", "scan.iso"]),
                   h=X(K.sha256(r), "SHA256"), host=self.host())
        elif k == 1:
            d.fill("Patient {pn} (DOB {dob}) says someone phoned her claiming to be from billing and "
                   "asked her to pay at {u}. She forwarded the text from her own address {pm}. ",
                   pn=I(self.who(loc)["full"], "NAME"), dob=self.dob(),
                   u=X(K.url(r), "URL"), pm=I(self.fk[loc].free_email(), "EMAIL"))
        elif k == 2:
            d.fill("The vendor portal at {dom} asked for my VPN password. The page's IP was {ip}; "
                   "our proxy logged it under my account {u}. ",
                   dom=X(K.domain(r), "DOMAIN"), ip=X(K.public_ipv4(r), "IPV4"), u=I(a["user"], "USERNAME"))
        else:
            d.fill("Several staff received a Teams message from {ae} linking to {u}; this looks like "
                   "the {fam} playbook ({t}). ",
                   ae=X(K.attacker_email(r), "EMAIL"), u=X(K.url(r), "URL"),
                   fam=X(fam, "MALWARE"), t=X(r.choice(K.MITRE), "MITRE"))
        # signature
        d.fill("\n\nThanks,\n{af}\n\n{an}\n{title}\n{org}\n", af=I(a["first"], "NAME"),
               an=I(a["full"], "NAME"), title=r.choice(TITLES), org=I(org["name"], "ORG"))
        f = self.fk[loc]
        if r.random() < 0.7:
            d.fill("{street} | {city} {zip}\n", street=I(f.street_address().replace("\n", ", "), "ADDRESS"),
                   city=I(f.city(), "CITY"), zip=I(f.postcode(), "ZIP"))
        d.fill("T {ph} | F {fx} | {am}\n", ph=self.phone(loc), fx=self.phone(loc, "FAX"), am=self.mail(a, org))
        if r.random() < 0.5:
            d.t("CONFIDENTIALITY NOTICE: This e-mail may contain protected health information. "
                "If you are not the intended recipient, delete it.\n")
        return d, org

    def phishing(self, loc):
        r, d = self.r, Doc()
        org = self.org()
        rep, pat = self.who(loc), self.who(loc)
        sender = K.attacker_email(r, free=r.random() < 0.7)
        d.fill("PHISHING REPORT #{n}\nReporter: {rn} ({ru}, {rh})\n", n=str(r.randint(1000, 9999)),
               rn=I(rep["full"], "NAME"), ru=I(rep["user"], "USERNAME"), rh=self.host())
        d.fill("Sender: {s}\nReply-To: {rt}\nReturn-Path: <{s2}>\nSending IP: {ip}\n",
               s=X(sender, "EMAIL"), rt=X(K.attacker_email(r), "EMAIL"), s2=X(sender, "EMAIL"),
               ip=(X(K.public_ipv6(r), "IPV6") if r.random() < 0.25 else X(K.public_ipv4(r), "IPV4")))
        d.fill("Links: {u1}\n        {u2}\n", u1=X(K.url(r), "URL"), u2=X(K.defang(K.url(r)), "URL"))
        if r.random() < 0.6:
            d.fill("Attachment hash: md5 {m} / sha1 {s1}\n", m=X(K.md5(r), "MD5"), s1=X(K.sha1(r), "SHA1"))
        d.fill("\nAnalyst notes: ", )
        k = r.randrange(3)
        if k == 0:
            d.fill("The lure impersonates our patient portal and greets the patient by name "
                   "(\"Dear {pf}\"). It went to {pm}, which is {pn}'s personal Gmail on file, MRN {mrn}. ",
                   pf=I(pat["first"], "NAME"), pm=I(f"{pat['user'].replace('.', '')}{r.randint(1, 99)}@gmail.com", "EMAIL"),
                   pn=I(pat["full"], "NAME"), mrn=self.mrn())
        elif k == 1:
            d.fill("{rf} reported it within four minutes; two other recipients ({o1}, {o2}) clicked. "
                   "The kit resembles earlier {fam} access-broker campaigns. ",
                   rf=I(rep["first"], "NAME"), o1=I(self.who(loc)["user"], "USERNAME"),
                   o2=I(self.who(loc)["user"], "USERNAME"), fam=X(r.choice(K.RANSOM), "MALWARE"))
        else:
            d.fill("The sender {s} is a free-mail account, not a partner. The message quotes a real "
                   "claim for {pn} (member ID {hp}) so it was probably built from stolen data. ",
                   s=X(sender, "EMAIL"), pn=I(pat["full"], "NAME"),
                   hp=I(f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(3))}{r.randint(10000000, 99999999)}", "HEALTH_PLAN"))
        d.fill("Blocked sender domain and {dom}. Reported by {rn2}.", dom=X(K.domain(r), "DOMAIN"),
               rn2=I(rep["full"], "NAME"))
        return d, org

    def logs(self, loc):
        r, d = self.r, Doc()
        org = self.org()
        users = [self.who(loc) for _ in range(3)]
        nb = org["netbios"]
        fence = r.random() < 0.3
        d.fill(r.choice(["Log excerpt attached to the case ({fam} intrusion):\n\n",
                         "Relevant lines from the SIEM export, {fam} case:\n\n"]),
               fam=X(r.choice(K.RANSOM), "MALWARE"))
        if fence:
            d.t("```\n")
        for _ in range(r.randint(4, 8)):
            u = r.choice(users)
            k = r.randrange(7)
            if k == 0:
                d.fill("EventID=4624 TimeCreated={ts} TargetUserName={u} TargetDomainName={nb} "
                       "WorkstationName={ws} IpAddress={ip} LogonType=10\n",
                       ts=N(self.stamp(), "LOG_TIME"), u=I(u["user"], "USERNAME"), nb=I(nb, "HOSTNAME"),
                       ws=self.host(), ip=X(K.public_ipv4(r), "IPV4"))
            elif k == 1:
                d.fill("EventID=4625 TargetUserName={u} SubjectUserName=- Workstation={ws} "
                       "IpAddress={ip} FailureReason=%%2313\n",
                       u=I(u["user"], "USERNAME"), ws=self.host(), ip=self.ip())
            elif k == 2:
                d.fill("{ts} {h} sshd[{pid}]: Accepted password for {u} from {ip} port {port} ssh2\n",
                       ts=N(self.stamp(False), "LOG_TIME"), h=self.host(), pid=str(r.randint(1000, 65000)),
                       u=I(u["user"], "USERNAME"), ip=self.ip(), port=str(r.randint(1024, 65535)))
            elif k == 3:
                d.fill("{ts} {h} vpnd: user logged in as {u} from {ip}\n",
                       ts=N(self.stamp(False), "LOG_TIME"), h=self.host(), u=I(u["user"], "USERNAME"),
                       ip=X(K.public_ipv4(r), "IPV4"))
            elif k == 4:
                d.fill("CEF:0|Palo Alto Networks|PAN-OS|10.2|url|THREAT|8|src={ip} dst={dip} "
                       "suser={nbu} shost={h} request={u} cs1={fam}\n",
                       ip=self.ip(), dip=X(K.public_ipv4(r), "IPV4"),
                       nbu=I(f"{nb.lower()}\\{u['user']}", "USERNAME"), h=self.host(),
                       u=X(K.url(r), "URL"), fam=X(r.choice(K.MALWARE), "MALWARE"))
            elif k == 5:
                d.fill("PowerShell 4104 on {h}: user {nbu} ran a script with hash {hs} "
                       "downloading from {dom}\n",
                       h=self.host(fqdn=True, org=org), nbu=I(f"{nb}\\{u['user']}", "USERNAME"),
                       hs=X(K.sha256(r), "SHA256"), dom=X(K.domain(r), "DOMAIN"))
            else:
                d.fill("{ts} EDR alert on {h} ({ip}): {tool} ({t}) executed by {u}; parent explorer.exe\n",
                       ts=N(self.stamp(), "LOG_TIME"), h=self.host(), ip=self.ip(),
                       tool=X(r.choice(K.MALWARE), "MALWARE"), t=X(r.choice(K.MITRE), "MITRE"),
                       u=I(u["user"], "USERNAME"))
        if fence:
            d.t("```\n")
        if r.random() < 0.5:
            d.fill("\n{uu} is {un} in the directory; the account was disabled.",
                   uu=I(users[0]["user"], "USERNAME"), un=I(users[0]["full"], "NAME"))
        return d, org

    def ransom(self, loc):
        r, d = self.r, Doc()
        org = self.org()
        fam = r.choice(K.RANSOM)
        onion = "".join(r.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(56)) + ".onion"
        d.fill("!!! {fam} !!!\n\nHello {org}.\nYour network is encrypted and {gb} GB of data was "
               "downloaded, including the EHR export and HR folders.\n",
               fam=X(fam.upper() if r.random() < 0.3 else fam, "MALWARE"), org=I(org["name"], "ORG"),
               gb=str(r.randint(80, 2200)))
        pats = [self.who(loc) for _ in range(r.randint(1, 3))]
        d.t("Proof (sample rows):\n")
        extra = r.choice(["", "plate", "acct", "dl", "age"])
        for p in pats:
            if extra == "plate":
                tail = [";", I(self.fk[p["loc"]].license_plate(), "VEHICLE")]
            elif extra == "acct":
                tail = [";", I(f"{r.randint(10 ** 9, 10 ** 10 - 1)}", "ACCOUNT")]
            elif extra == "dl":
                tail = [";", I(f"{r.choice('ABCDEFGHJKLMNPRSTW')}{r.randint(100, 999)}-{r.randint(100, 999)}-{r.randint(100, 999)}", "LICENSE")]
            elif extra == "age":
                tail = [";", I(str(r.randint(90, 101)), "AGE")]
            else:
                tail = ""
            d.fill("  {n};{dob};{ssn};{addr}{tail}\n", tail=tail, n=I(f"{p['last']} {p['first']}" if r.random() < 0.5 else p["full"], "NAME"),
                   dob=self.dob(), ssn=I(f"{r.randint(100, 665)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}", "SSN"),
                   addr=I(self.fk[p["loc"]].street_address().replace("\n", " "), "ADDRESS"))
        d.fill("Visit {onion} with Tor and enter your ID {cid}.\nIf you do not reply in 72 hours we "
               "publish everything. Write to {em} or {em2}.\n",
               onion=X(onion, "DOMAIN"), cid=N(K.hexstr(r, 16), "VICTIM_ID"),
               em=X(K.attacker_email(r), "EMAIL"), em2=X(K.attacker_email(r, free=False), "EMAIL"))
        if r.random() < 0.5:
            d.fill("Do not call the police. Do not contact {ir}.\n", ir=r.choice(["recovery companies", "the FBI", "your insurer"]))
        d.fill("\n[analyst] Note found on {h} and {h2}; encryptor SHA256 {hs}.", h=self.host(),
               h2=self.host(), hs=X(K.sha256(r), "SHA256"))
        return d, org

    def stix(self, loc):
        r, d = self.r, Doc()
        org = self.org()
        staff, pat = self.who(loc), self.who(loc)
        fam = r.choice(K.RANSOM)
        ip, dom, h = K.public_ipv4(r), K.domain(r), K.sha256(r)
        ident = self.uid("identity")
        created = self.stamp()

        def s(value):  # a JSON string literal whose content is a Doc or a str
            out = Doc()
            out.t('"')
            if isinstance(value, Doc):
                out.put(value.json_escaped())
            elif isinstance(value, tuple):
                out.put(Doc().put(value).json_escaped())
            else:
                out.t(value)
            out.t('"')
            return out

        narrative = Doc()
        narrative.fill(r.choice([
            "{fam} affiliate encrypted the imaging servers. First seen on {host} where {sn} ({su}) "
            "was logged in. Beacon to {ip} over HTTPS. ",
            "Sighting from the night shift: {sn} reported a ransom note on {host}; the account {su} "
            "was used for lateral movement to {ip}. ",
        ]), fam=X(fam, "MALWARE"), host=self.host(), sn=I(staff["full"], "NAME"),
            su=I(f"{org['netbios']}\\{staff['user']}", "USERNAME"), ip=X(ip, "IPV4"))
        if r.random() < 0.6:
            narrative.fill("Records touched include {pn}, admitted {adm}, MRN {mrn}. ",
                           pn=I(pat["full"], "NAME"),
                           adm=I(f"{self.stamp()[:16]}Z", "DATETIME"), mrn=self.mrn())
            if r.random() < 0.4:
                narrative.fill("The infusion pump at the bedside (UDI {udi}) was not affected; the "
                               "results portal link {u} was in the stolen mail. ",
                               udi=I(f"(01){r.randint(10 ** 13, 10 ** 14 - 1)}(21){r.randint(10 ** 5, 10 ** 8)}", "DEVICE_SERIAL"),
                               u=I(f"https://results.{K.domain(r).split('.')[0]}.com/view?patientId={r.randint(10 ** 5, 10 ** 7)}&name={K.slug(pat['last']) or 'x'}", "URL"))
        narrative.fill("Contact {sf} on {ph} for the full timeline.", sf=I(staff["first"], "NAME"),
                       ph=self.phone(loc))
        d.t('{\n  "type": "bundle",\n  "id": "' + self.uid("bundle") + '",\n  "objects": [\n')
        d.t('    {\n      "type": "identity",\n      "spec_version": "2.1",\n      "id": "' + ident + '",\n')
        d.fill('      "created": "{c}",\n      "modified": "{c2}",\n      "name": ', c=N(created, "STIX_TIME"),
               c2=N(created, "STIX_TIME"))
        d.put(s(I(org["name"], "ORG")))
        d.t(',\n      "identity_class": "organization",\n      "sectors": ["healthcare"]\n    },\n')
        ind_id = self.uid("indicator")
        d.t('    {\n      "type": "indicator",\n      "spec_version": "2.1",\n      "id": "' + ind_id + '",\n')
        d.fill('      "created_by_ref": "' + ident + '",\n      "created": "{c}",\n      "modified": "{c2}",\n',
               c=N(created, "STIX_TIME"), c2=N(created, "STIX_TIME"))
        d.fill('      "name": "{fam} C2",\n      "pattern": "[ipv4-addr:value = \'{ip}\'] OR [domain-name:value = \'{dom}\'] OR [file:hashes.\'SHA-256\' = \'{h}\']",\n',
               fam=X(fam, "MALWARE"), ip=X(ip, "IPV4"), dom=X(dom, "DOMAIN"), h=X(h, "SHA256"))
        d.fill('      "pattern_type": "stix",\n      "valid_from": "{c}"\n    },\n', c=N(created, "STIX_TIME"))
        kind = r.choice(["report", "note", "incident"])
        d.t('    {\n      "type": "' + kind + '",\n      "spec_version": "2.1",\n      "id": "' + self.uid(kind) + '",\n')
        d.fill('      "created_by_ref": "' + ident + '",\n      "created": "{c}",\n      "modified": "{c2}",\n',
               c=N(created, "STIX_TIME"), c2=N(created, "STIX_TIME"))
        if kind == "note":
            d.t('      "content": ')
        else:
            d.fill('      "name": "{fam} intrusion at a member hospital",\n      "description": ',
                   fam=X(fam, "MALWARE"))
        d.put(s(narrative))
        if kind == "report":
            d.fill(',\n      "published": "{c}",\n      "object_refs": ["' + ind_id + '"]\n    }',
                   c=N(created, "STIX_TIME"))
        elif kind == "note":
            d.t(',\n      "object_refs": ["' + ind_id + '"]\n    }')
        else:
            d.t('\n    }')
        if r.random() < 0.5:
            d.t(',\n    {\n      "type": "malware",\n      "spec_version": "2.1",\n      "id": "' + self.uid("malware") + '",\n')
            d.fill('      "created": "{c}",\n      "modified": "{c2}",\n      "name": "{fam}",\n      "is_family": true,\n      "description": ',
                   c=N(created, "STIX_TIME"), c2=N(created, "STIX_TIME"), fam=X(fam, "MALWARE"))
            m = Doc().fill("Seen at the member after {cve} exploitation; operators used {tool}. Reported by {sn}.",
                           cve=X(K.cve(r), "CVE"), tool=X(r.choice(K.MALWARE), "MALWARE"),
                           sn=I(f"{staff['first'][0]}. {staff['last']}" if staff["latin"] else staff["full"], "NAME"))
            d.put(s(m))
            d.t('\n    }')
        d.t('\n  ]\n}\n')
        return d, org


def main():
    out, man = sys.argv[1], sys.argv[2]
    g = Gen(SEED)
    styles = [("forwarded-email", g.forward), ("phishing-report", g.phishing), ("log-excerpt", g.logs),
              ("ransom-note", g.ransom), ("stix-bundle", g.stix)]
    recs = []
    for i in range(COUNT):
        name, fn = styles[i % len(styles)]
        loc = g.r.choice(LOCALES)
        d, org = fn(loc)
        recs.append(record(f"dev-b-{i:04d}", d, name, loc,
                           {"name": org["name"], "domains": org["domains"]}))
    sha = write_corpus(out, recs)
    manifest(man, "dev-b corpus", "dev-b.jsonl", SEED, "gen/gen_dev_b.py", recs,
             "Forwarded e-mails (header labels in the document's language, signatures), phishing "
             "reports (free-mail attacker senders are indicators, a patient's own Gmail is an "
             "identifier), log excerpts (Windows 4624/4625 key=value, `DOMAIN\\user`, syslog "
             "`Accepted password for` / `logged in as`, CEF `suser=`/`shost=`, EDR lines), ransom "
             "notes with proof rows, and STIX 2.1 bundles whose `description`/`content` hold the "
             "narrative (spans are over the JSON text, escapes included). E-mail header times, log "
             "timestamps and STIX timestamps are `neutral`: neither credited nor counted as "
             "over-scrub. `DOMAIN\\user` is one USERNAME span; a bare NetBIOS domain is HOSTNAME.")
    print(out, len(recs), sha)


if __name__ == "__main__":
    main()
