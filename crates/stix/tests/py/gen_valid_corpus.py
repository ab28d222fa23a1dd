"""Writes a corpus of valid STIX 2.1 objects made with the OASIS `stix2` library.

Usage: gen_valid_corpus.py OUTDIR [COUNT]

Each file OUTDIR/NNNN.json is a bundle. OUTDIR/sco_ids.json maps every SCO written to the id
the stix2 library computed, so ward's deterministic-id code can be checked against it.
Deterministic: seeded, fixed timestamps.
"""
import datetime
import json
import random
import sys
import uuid

import stix2

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 120
rng = random.Random(20261128)


def uid(kind):
    return f"{kind}--{uuid.UUID(int=rng.getrandbits(128), version=4)}"


START = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)


def ts(day, ms=True):
    """A timestamp `day` days after the start: later days give later times."""
    t = START + datetime.timedelta(days=day, minutes=day % 60)
    return t.strftime("%Y-%m-%dT%H:%M:07") + (".123Z" if ms else "Z")


def ip():
    return f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def domain():
    return f"{rng.choice(['upd', 'cdn', 'mail', 'login', 'portal'])}{rng.randint(1, 999)}.example.{rng.choice(['com', 'net', 'org'])}"


def hexs(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


TLP = [stix2.TLP_WHITE, stix2.TLP_GREEN, stix2.TLP_AMBER, stix2.TLP_RED]


def make_bundle(i):
    objs = []
    ident = stix2.Identity(id=uid("identity"), name=f"Clinic {i}", identity_class="organization",
                           sectors=["healthcare"], created=ts(i), modified=ts(i))
    objs.append(ident)
    common = dict(created=ts(i), modified=ts(i + 1), created_by_ref=ident.id)
    marking = {"object_marking_refs": [rng.choice(TLP)]}
    ipv4 = stix2.IPv4Address(value=ip())
    dom = stix2.DomainName(value=domain(), resolves_to_refs=[ipv4.id])
    url = stix2.URL(value=f"https://{domain()}/p/{rng.randint(1, 99999)}?q=1")
    email = stix2.EmailAddress(value=f"billing{rng.randint(1, 99)}@{domain()}")
    f = stix2.File(name=f"invoice_{i}.exe", hashes={"SHA-256": hexs(64), "MD5": hexs(32)})
    art = stix2.Artifact(payload_bin="aGVsbG8=", mime_type="text/plain")
    ipv6 = stix2.IPv6Address(value=f"2001:db8::{rng.randint(1, 65535):x}")
    mac = stix2.MACAddress(value=":".join(hexs(2) for _ in range(6)))
    asn = stix2.AutonomousSystem(number=rng.randint(1, 65000), name="Example AS")
    directory = stix2.Directory(path=f"C:\\Users\\Public\\d{i}")
    mutex = stix2.Mutex(name=f"Global\\mtx{i}")
    sw = stix2.Software(name="Example PACS", vendor="Example Imaging", version=f"{i % 9}.{i % 7}")
    ua = stix2.UserAccount(user_id=str(1000 + i), account_login=f"svc{i}", account_type="windows-local")
    reg = stix2.WindowsRegistryKey(key=f"HKEY_LOCAL_MACHINE\\Software\\Ex{i}")
    x509 = stix2.X509Certificate(serial_number=f"{i:02x}:aa:bb", hashes={"SHA-1": hexs(40)})
    nt = stix2.NetworkTraffic(src_ref=ipv4.id, dst_port=rng.choice([443, 80, 3389, 445]),
                              protocols=["tcp"])
    msg = stix2.EmailMessage(is_multipart=False, subject=f"Invoice {i}", from_ref=email.id,
                             body="Please see attached.")
    proc = stix2.Process(pid=1000 + i, command_line=f"evil.exe -k {i}")
    scos = [ipv4, dom, url, email, f, art, ipv6, mac, asn, directory, mutex, sw, ua, reg, x509,
            nt, msg, proc]
    objs.extend(scos)
    od = stix2.ObservedData(first_observed=ts(i, False), last_observed=ts(i + 1, False),
                            number_observed=rng.randint(1, 50),
                            object_refs=[ipv4.id, dom.id, url.id], **common)
    objs.append(od)
    ind = stix2.Indicator(name=f"C2 {i}", pattern=f"[ipv4-addr:value = '{ipv4.value}'] OR [domain-name:value = '{dom.value}']",
                          pattern_type="stix", valid_from=ts(i, False),
                          indicator_types=["malicious-activity"],
                          confidence=rng.randint(0, 100), labels=["c2"],
                          external_references=[{"source_name": "example-feed", "url": "https://feed.example.org/x"}],
                          x_ward_note="custom property kept", allow_custom=True, **common, **marking)
    mal = stix2.Malware(name=f"ExampleLocker{i}", is_family=True, malware_types=["ransomware"],
                        first_seen=ts(i, False), last_seen=ts(i + 2, False), **common)
    rel = stix2.Relationship(relationship_type="indicates", source_ref=ind.id, target_ref=mal.id,
                             **common)
    sight = stix2.Sighting(sighting_of_ref=ind.id, where_sighted_refs=[ident.id],
                           observed_data_refs=[od.id], count=rng.randint(1, 9),
                           first_seen=ts(i, False), last_seen=ts(i + 3, False), **common)
    loc = stix2.Location(country="US", region="northern-america", **common)
    ap = stix2.AttackPattern(name="Phishing", external_references=[{"source_name": "mitre-attack", "external_id": "T1566"}], **common)
    camp = stix2.Campaign(name=f"Campaign {i}", **common)
    coa = stix2.CourseOfAction(name="Block the C2 addresses", **common)
    inc = stix2.Incident(name=f"Incident {i}", **common)
    infra = stix2.Infrastructure(name="C2 server", infrastructure_types=["command-and-control"], **common)
    iset = stix2.IntrusionSet(name=f"Set {i}", **common)
    ta = stix2.ThreatActor(name=f"Actor {i}", threat_actor_types=["crime-syndicate"], **common)
    tool = stix2.Tool(name="Cobalt Strike", tool_types=["remote-access"], **common)
    vuln = stix2.Vulnerability(name=f"CVE-2024-{1000 + i}", external_references=[{"source_name": "cve", "external_id": f"CVE-2024-{1000 + i}"}], **common)
    ma = stix2.MalwareAnalysis(product="example-sandbox", result="malicious", **common)
    note = stix2.Note(content="Seen at two clinics.", object_refs=[ind.id], **common)
    op = stix2.Opinion(opinion="agree", object_refs=[ind.id], **common)
    grp = stix2.Grouping(context="suspicious-activity", object_refs=[ind.id, mal.id], **common)
    rep = stix2.Report(name=f"Weekly {i}", published=ts(i + 2, False), object_refs=[ind.id, mal.id],
                       report_types=["threat-report"], **common)
    lc = stix2.LanguageContent(object_ref=mal.id, object_modified=mal.modified,
                               contents={"fr": {"name": "Rançongiciel"}}, **common)
    stmt = stix2.MarkingDefinition(definition_type="statement",
                                   definition={"statement": "Copyright Example ISAO"},
                                   created=ts(i))
    ext = stix2.ExtensionDefinition(name="ward-example", schema="https://example.org/schema.json",
                                    version="1.0", extension_types=["property-extension"],
                                    **common)
    objs.extend([od, ind, mal, rel, sight, loc, ap, camp, coa, inc, infra, iset, ta, tool, vuln,
                 ma, note, op, grp, rep, lc, stmt, ext])
    # Keep only one copy of each object.
    seen, unique = set(), []
    for o in objs:
        if o.id not in seen:
            seen.add(o.id)
            unique.append(o)
    rng.shuffle(unique)
    return stix2.Bundle(objects=unique, allow_custom=True), scos


sco_ids = {}
for i in range(count):
    bundle, scos = make_bundle(i)
    with open(f"{out}/{i:04d}.json", "w") as fh:
        fh.write(bundle.serialize(pretty=False))
    for s in scos:
        sco_ids[s.id] = json.loads(s.serialize())
with open(f"{out}/sco_ids.json", "w") as fh:
    json.dump(sco_ids, fh)
