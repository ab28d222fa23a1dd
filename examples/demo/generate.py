"""Writes ward's demo data: intel from two fictional members, a week of Zeek and Suricata logs
from a fictional clinic with planted hits and near misses, and its asset inventory.

Run from this folder: python3 generate.py. Output is deterministic (seeded). Every address,
domain and organization is fictional: IPs come from the documentation ranges (RFC 5737) and
private ranges, domains end in example.com/.net/.org (RFC 2606).
"""
import datetime
import json
import random
import uuid

rng = random.Random(7)
START = datetime.datetime(2026, 11, 21, 7, 0, tzinfo=datetime.timezone.utc)


def uid(kind, name):
    return f"{kind}--{uuid.uuid5(uuid.NAMESPACE_URL, 'ward-demo/' + name)}"


def ts(dt, ms=True):
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + (".000Z" if ms else "Z")


GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
CREATED = ts(START - datetime.timedelta(days=2))


def identity(name):
    return {"type": "identity", "spec_version": "2.1", "id": uid("identity", name),
            "created": CREATED, "modified": CREATED, "name": name,
            "identity_class": "organization", "sectors": ["healthcare"]}


def indicator(author, name, pattern, threat=None, confidence=80):
    o = {"type": "indicator", "spec_version": "2.1", "id": uid("indicator", name),
         "created": CREATED, "modified": CREATED, "created_by_ref": author["id"],
         "name": name, "description": f"{name}. Reported by a member of the sharing group.",
         "indicator_types": ["malicious-activity"], "pattern": pattern, "pattern_type": "stix",
         "valid_from": ts(START - datetime.timedelta(days=2), False), "confidence": confidence,
         "object_marking_refs": [GREEN]}
    if threat:
        o["labels"] = [threat]
    return o


def bundle(name, objects):
    return {"type": "bundle", "id": uid("bundle", name), "objects": objects}


# --- intel --------------------------------------------------------------------------------
lakeside = identity("Lakeside Pediatrics (fictional)")
locker = {"type": "malware", "spec_version": "2.1", "id": uid("malware", "ExampleLocker"),
          "created": CREATED, "modified": CREATED, "created_by_ref": lakeside["id"],
          "name": "ExampleLocker", "description": "Fictional ransomware family for ward's demo.",
          "malware_types": ["ransomware"], "is_family": True, "object_marking_refs": [GREEN]}
a_inds = [
    indicator(lakeside, "ExampleLocker command server 203.0.113.66", "[ipv4-addr:value = '203.0.113.66']", "ExampleLocker"),
    indicator(lakeside, "ExampleLocker command server 198.51.100.23", "[ipv4-addr:value = '198.51.100.23']", "ExampleLocker"),
    indicator(lakeside, "ExampleLocker update domain", "[domain-name:value = 'update-check.example.net']", "ExampleLocker"),
    indicator(lakeside, "ExampleLocker payload download", "[url:value = 'http://files.example.org/invoice-2026.zip']", "ExampleLocker"),
    indicator(lakeside, "ExampleLocker loader", "[file:hashes.'SHA-256' = '9f2c1d7c0b3b6f1e2a4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69']", "ExampleLocker"),
]
rels = [{"type": "relationship", "spec_version": "2.1",
         "id": uid("relationship", "rel-" + i["id"]), "created": CREATED, "modified": CREATED,
         "relationship_type": "indicates", "source_ref": i["id"], "target_ref": locker["id"],
         "created_by_ref": lakeside["id"], "object_marking_refs": [GREEN]} for i in a_inds]
def sighting(author, ind, days_ago, count):
    seen = START + datetime.timedelta(days=7 - days_ago)
    return {"type": "sighting", "spec_version": "2.1",
            "id": uid("sighting", author["name"] + ind["id"]), "created": CREATED,
            "modified": CREATED, "created_by_ref": author["id"], "sighting_of_ref": ind["id"],
            "first_seen": ts(seen - datetime.timedelta(hours=5)), "last_seen": ts(seen),
            "count": count, "where_sighted_refs": [author["id"]], "object_marking_refs": [GREEN]}


member_a = bundle("member-a", [lakeside, locker] + a_inds + rels + [sighting(lakeside, a_inds[0], 2, 40)])

hillcrest = identity("Hillcrest Dialysis Center (fictional)")
b_inds = [
    indicator(hillcrest, "Phishing site posing as a patient portal", "[domain-name:value = 'portal-login.example.com']", "phishing", 70),
    indicator(hillcrest, "Phishing mail server", "[ipv4-addr:value = '192.0.2.45']", "phishing", 70),
    indicator(hillcrest, "Invoice phishing sender", "[email-addr:value = 'billing@invoices.example.biz']", "phishing", 60),
]
# Hillcrest saw Lakeside's command server too: the hub counts two members.
member_b = bundle("member-b", [hillcrest] + b_inds + [sighting(hillcrest, a_inds[0], 1, 6), sighting(hillcrest, a_inds[2], 1, 3)])
for name, b in [("member-a-lakeside.json", member_a), ("member-b-hillcrest.json", member_b)]:
    with open(f"intel/{name}", "w") as f:
        json.dump(b, f, indent=1)
        f.write("\n")

# --- logs ---------------------------------------------------------------------------------
clinic_hosts = [f"10.1.{a}.{b}" for a, b in [(4, 22), (4, 23), (4, 31), (7, 9), (7, 12), (2, 5), (2, 6)]]
benign_ips = ["93.184.216.34", "151.101.1.69", "142.250.72.14", "13.107.42.14", "52.96.165.2",
              "203.0.113.6", "203.0.113.166", "198.51.100.230"]  # last three: near misses
benign_domains = ["ehr.example-vendor.com", "www.example.org", "login.microsoftonline.com",
                  "notupdate-check.example.net", "update-check.example.network", "portal.example.com"]
events = []
t = START
for i in range(600):
    t += datetime.timedelta(seconds=rng.randint(60, 1200))
    events.append((t, rng.choice(clinic_hosts), rng.choice(benign_ips), rng.choice([443, 80, 53]), rng.choice(benign_domains)))
planted = []
for day in range(4):
    for k in range(3 + day):
        when = START + datetime.timedelta(days=3 + day, hours=1 + k * 2, minutes=7 * k)
        planted.append((when, "10.1.4.22", "203.0.113.66", 443, "update-check.example.net"))
planted.append((START + datetime.timedelta(days=5, hours=3), "10.1.7.9", "192.0.2.45", 80, "portal-login.example.com"))
events = sorted(events + planted)

fields = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service",
          "duration", "orig_bytes", "resp_bytes", "conn_state"]
with open("logs/conn.log", "w") as f:
    f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n")
    f.write("#fields\t" + "\t".join(fields) + "\n")
    f.write("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\n")
    for n, (when, src, dst, port, _) in enumerate(events):
        svc = {443: "ssl", 80: "http", 53: "dns"}[port]
        row = [f"{when.timestamp():.6f}", f"C{n:08x}", src, str(rng.randint(49152, 65535)), dst, str(port),
               "udp" if port == 53 else "tcp", svc, f"{rng.random() * 5:.6f}", str(rng.randint(100, 9000)),
               str(rng.randint(100, 90000)), "SF"]
        f.write("\t".join(row) + "\n")

with open("logs/dns.log", "w") as f:
    dfields = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "query", "qtype_name", "rcode_name", "answers"]
    f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n")
    f.write("#fields\t" + "\t".join(dfields) + "\n")
    f.write("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring\tstring\tvector[string]\n")
    for n, (when, src, dst, port, domain) in enumerate(events):
        if n % 3 and (src, dst) != ("10.1.4.22", "203.0.113.66"):
            continue
        answer = dst if domain in ("update-check.example.net", "portal-login.example.com") else rng.choice(benign_ips[:5])
        row = [f"{when.timestamp():.6f}", f"D{n:08x}", src, str(rng.randint(49152, 65535)), "10.1.0.2", "53", "udp",
               domain, "A", "NOERROR", answer]
        f.write("\t".join(row) + "\n")

with open("logs/eve.json", "w") as f:
    for n, (when, src, dst, port, domain) in enumerate(events):
        if port != 80 and n % 5:
            continue
        url = "/invoice-2026.zip" if dst == "203.0.113.66" and n % 2 == 0 else rng.choice(["/", "/index.html", "/api/v1/status", "/invoice-2026.zip.txt"])
        host = "files.example.org" if url == "/invoice-2026.zip" else rng.choice(["www.example.org", "files.example.org.example.com"])
        ev = {"timestamp": when.strftime("%Y-%m-%dT%H:%M:%S.000000+0000"), "flow_id": 1000000 + n,
              "event_type": "http", "src_ip": src, "src_port": rng.randint(49152, 65535), "dest_ip": dst,
              "dest_port": 80, "proto": "TCP",
              "http": {"hostname": host, "url": url, "http_method": "GET", "status": 200, "length": rng.randint(100, 5000),
                       "http_user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"}}
        f.write(json.dumps(ev) + "\n")

# --- inventory ----------------------------------------------------------------------------
rows = [
    ("Front desk PC 1", "Dell", "OptiPlex 7090", "BIOS 1.18.0", "workstation", "Front desk", "business", "no", "", "IT"),
    ("Billing laptop", "Lenovo", "ThinkPad T14", "Gen 3", "workstation", "Billing office", "business", "no", "", "IT"),
    ("VPN gateway", "Fortinet", "FortiOS", "6.0.2", "network", "Server closet", "business", "yes", "", "MSP"),
    ("Vital signs monitor VS-2", "Innokas Yhtyma Oy", "VC150", "1.7.10", "medical-device", "Exam room 2", "patient-care", "no", "", "Biomed"),
    ("Device gateway", "Capsule Technologies", "SmartLinx Neuron 2", "9.0.2", "medical-device", "Nurse station", "clinical-support", "no", "2024-12-31", "Biomed"),
    ("Insulin pump loaner IP-1", "Medtronic", "MiniMed 630G", "MMT-1715", "medical-device", "Diabetes clinic", "life-sustaining", "no", "", "Biomed"),
    ("Pneumatic tube panel", "Swisslog Healthcare", "Nexus Control Panel", "7.2.5.3", "iot", "Lab", "clinical-support", "no", "", "Facilities"),
    ("File server", "Microsoft", "Windows Server 2019", "1809", "server", "Server closet", "business", "no", "", "IT"),
]
with open("inventory.csv", "w") as f:
    f.write("name,vendor,product,version,kind,location,criticality,internet_exposed,end_of_support,owner\n")
    for r in rows:
        f.write(",".join(r) + "\n")
print("demo data written")
