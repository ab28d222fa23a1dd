"""The web pages' benchmark (issue 22: every page p99 < 100 ms on a hub holding 1M objects
and on a member store with 1M indicators and a year of alerts).

    python3 benches/web/webbench.py [--sizes 10000,1000000] [--requests 200] [--parts hub,member]

For each size N it builds (once; kept in --work and reused by later runs):

  hub-N     a hub with N objects in four collections (70/20/9/1 %) posted over TAXII by ten
            member organizations (of 60): indicators of four kinds, malware, vulnerabilities,
            reports, notes, sightings and six other types; TLP clear/green/amber/amber+strict/
            red or unmarked (stamped green by the hub); 2 % of objects with 2-4 versions, one
            indicator with 300 versions and one with a sighting from each poster.
  member-N  a member folder with N indicators imported with `ward import --format text` in
            chunks of at most 100,000 (IPv4, domains, URLs, SHA-256), a year of alerts
            written by `seed_alerts` (crates/member/examples) through the call watch makes,
            a weekly plan for each week of the year, an exposure ranking of 1,000 devices and
            twenty shares waiting in the approval queue.

then starts `ward serve` (with --operator-org) or `ward watch` ([web] on loopback, a sign-in
password set), signs in through the pages' own forms and requests every page N times in
sequence on one keep-alive connection, printing p50 / p99 / max in ms per page, and for two
sizes the growth (large over small) of each figure. Every server started here is stopped
when the script ends (also on Ctrl-C); the whole run is bounded by --deadline seconds.
Standard library only; loopback only.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

sys.dont_write_bytecode = True  # no __pycache__ left in the tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "taxii"))
import hubbench  # noqa: E402

ROOT = hubbench.ROOT
PASSWORD = "bench-password-for-pages"
OPERATOR_ORG = "ISAO Operations"
READER_ORG = "Bench Clinic"
ORGS = 60
POSTERS = 10
COLLECTIONS = [("Shared indicators", 0.70), ("Hospital reports", 0.20),
               ("Regional", 0.09), ("Vendor notices", 0.01)]
TLPS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
MANY_VERSIONS = 300
ONLY = re.compile("")  # --only: the pages timed (a regular expression on their names)
BLOCK_LIST_REQUESTS = [5]  # --block-list-requests
FIRST_READERS = [0]  # --first-readers
# --fresh-share: the percentage of indicators made recent (created a few hours before the
# seeding) with confidence 80, so that they score >= 20 and are in the block lists; "at" is
# the seeding's time, kept in the hub's .seeded so that later versions stay the same.
FRESH = {"pct": 0, "at": 0}
DAY = 86400
PROCS = []


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def stop_all():
    for p in PROCS:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ---- the hub's objects ------------------------------------------------------------------

def sid(kind, coll, n, salt=""):
    return "%s--%s" % (kind, uuid.UUID(bytes=hashlib.md5(
        ("%s/%d/%d%s" % (kind, coll, n, salt)).encode()).digest(), version=4))


TYPES = ([("indicator", 60), ("malware", 5), ("threat-actor", 1), ("attack-pattern", 2),
          ("vulnerability", 5), ("report", 3), ("identity", 2), ("campaign", 3), ("tool", 3),
          ("course-of-action", 3), ("infrastructure", 3), ("sighting", 5), ("note", 5)])
TYPE_AT = [t for t, w in TYPES for _ in range(w)]


def stamp(secs):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(secs))


def tlp_of(n):
    r = (n * 2654435761 >> 7) % 100
    if r < 15:
        return "clear"
    if r < 60:
        return "green"
    if r < 80:
        return "amber"
    if r < 84:
        return "amber+strict"
    if r < 85:
        return "red"
    return None


def indicator_pattern(n):
    k = n % 4
    if k == 0:
        v = "%d.%d.%d.%d" % (11 + n % 180, (n >> 8) % 256, (n >> 16) % 256, 1 + n % 254)
        return v, "[ipv4-addr:value = '%s']" % v
    if k == 1:
        v = "c2-%d.badhost-%d.xyz" % (n, n % 97)
        return v, "[domain-name:value = '%s']" % v
    if k == 2:
        v = "http://dl-%d.payload-%d.top/gate.php" % (n, n % 89)
        return v, "[url:value = '%s']" % v
    v = hashlib.sha256(str(n).encode()).hexdigest()
    return v, "[file:hashes.'SHA-256' = '%s']" % v


def is_fresh(n):
    """Whether indicator n is one of the --fresh-share recent ones (spread over every kind)."""
    return (n * 2246822519 >> 11) % 100 < FRESH["pct"]


def hub_object(coll, n, version=0, sighted=None):
    """Object n of collection coll (deterministic), its `version`-th revision."""
    kind = TYPE_AT[n % len(TYPE_AT)]
    created = 1_700_000_000 + n * 7
    fresh = kind == "indicator" and is_fresh(n)
    if fresh:
        # Hours old, every later version (at most 3, an hour apart) still in the past.
        created = FRESH["at"] - 4 * 3600 - n % 3600
    o = {"type": kind, "spec_version": "2.1", "id": sid(kind, coll, n),
         "created": stamp(created), "modified": stamp(created + version * 3600)}
    if kind == "indicator":
        value, pattern = indicator_pattern(n)
        o.update(name="Malicious host %d" % n, pattern=pattern, pattern_type="stix",
                 valid_from=stamp(created), indicator_types=["malicious-activity"])
        if fresh:
            o["confidence"] = 80
    elif kind == "vulnerability":
        o["name"] = "CVE-20%02d-%05d" % (18 + n % 8, n % 99999)
    elif kind == "report":
        o.update(name="Campaign summary %d" % n, published=stamp(created),
                 object_refs=[sid("indicator", coll, max(0, n - 1 - k * 100)) for k in range(3)])
    elif kind == "sighting":
        target = sighted or sid("indicator", coll, (n % 2000) // len(TYPE_AT) * len(TYPE_AT))
        o.update(sighting_of_ref=target, first_seen=stamp(created), last_seen=stamp(created + 60),
                 count=1 + n % 5)
    elif kind == "note":
        o.update(content="Seen again in wave %d of the phishing run." % n,
                 object_refs=[sid("indicator", coll, max(0, n - 5) // len(TYPE_AT) * len(TYPE_AT))])
    elif kind == "identity":
        o.update(name="Vendor %d" % n, identity_class="organization")
    elif kind == "malware":
        o.update(name="Loader family %d" % n, is_family=True)
    elif kind == "infrastructure":
        o.update(name="Botnet node group %d" % n)
    else:
        o["name"] = "%s %d" % (kind.replace("-", " ").capitalize(), n)
    tlp = tlp_of(n)
    if tlp:
        o["object_marking_refs"] = [TLPS[tlp]]
    return o


class Hub:
    def __init__(self, ward, data):
        self.ward, self.data = ward, data

    def admin(self, *args, stdin=None):
        out = subprocess.run([self.ward, "--data", self.data, "--json", "admin", *args],
                             input=stdin, check=True, capture_output=True, text=True)
        return json.loads(out.stdout) if out.stdout.strip() else {}

    def start(self):
        p = subprocess.Popen([self.ward, "--data", self.data, "serve", "--listen", "127.0.0.1:0",
                              "--operator-org", OPERATOR_ORG],
                             stdout=subprocess.PIPE, stderr=open(os.path.join(self.data, "serve.err"), "a"),
                             text=True)
        PROCS.append(p)
        line = p.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            raise SystemExit("ward serve did not start: %r" % line)
        self.proc = p
        self.host, port = line[len("listening on http://"):].rsplit(":", 1)
        self.port = int(port)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def seed_hub(ward, data, total):
    if os.path.exists(os.path.join(data, ".seeded")):
        meta = json.load(open(os.path.join(data, ".seeded")))
        FRESH["at"] = meta.get("fresh_at", 0)
        return meta
    FRESH["at"] = int(time.time())
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    hub = Hub(ward, data)
    subprocess.run([ward, "--data", data, "admin", "init"], check=True, capture_output=True)
    orgs = [OPERATOR_ORG, READER_ORG] + ["Member %02d" % i for i in range(1, ORGS - 1)]
    for o in orgs:
        hub.admin("org", "add", o)
    hub.admin("user", "add", "--org", OPERATOR_ORG, "ops", "--password-stdin", stdin=PASSWORD + "\n")
    hub.admin("user", "add", "--org", READER_ORG, "reader", "--password-stdin", stdin=PASSWORD + "\n")
    tokens = []
    for i, o in enumerate(orgs[1:]):
        for u in ("analyst", "sync"):
            name = "%s-%d" % (u, i)
            hub.admin("user", "add", "--org", o, name)
            t = hub.admin("token", "create", "--user", name)["token"]
            if u == "sync":
                tokens.append(t)
    posters = tokens[1:POSTERS + 1]  # Member 01..10 post; the reader's org only reads
    everyone = ",".join(orgs[1:])
    colls = []
    for title, _ in COLLECTIONS:
        c = hub.admin("collection", "add", title, "--read", everyone, "--write", everyone,
                      "--amber", ",".join([READER_ORG] + orgs[2:6]))
        colls.append(c["id"])
    hub.start()
    clients = [hubbench.Client(hub.host, hub.port, "Bearer " + t) for t in posters]
    t0 = time.perf_counter()
    failures = 0
    posted = 0
    reasons = {}

    def post(ci, objects, who):
        nonlocal failures, posted
        path = "/taxii2/api/collections/%s/objects/" % colls[ci]
        body = json.dumps({"objects": objects})
        # A 503 ("the store could not answer": a busy store on a loaded machine) stored
        # nothing; the envelope is posted again, a few times at most.
        for attempt in range(5):
            status, _, answer = clients[who].request("POST", path, body)
            if status != 503:
                break
            log("  POST answered 503 (attempt %d); posting again in 2 s" % (attempt + 1))
            time.sleep(2)
        body = answer
        if status != 202:
            raise SystemExit("POST failed: %d %s" % (status, body[:300]))
        st = json.loads(body)
        failures += st.get("failure_count", 0)
        posted += st.get("success_count", 0)
        for f in st.get("failures", [])[:1]:
            reasons[f.get("message", "")[:80]] = reasons.get(f.get("message", "")[:80], 0) + 1

    special = {}
    for ci, (title, share) in enumerate(COLLECTIONS):
        count = max(100, int(total * share))
        batch, envelope = [], 0
        revisions = []
        for n in range(count):
            batch.append(hub_object(ci, n))
            if n % 50 == 7:
                revisions.append(n)
            if len(batch) == 1000:
                post(ci, batch, envelope % POSTERS)
                batch, envelope = [], envelope + 1
        if batch:
            post(ci, batch, envelope % POSTERS)
        # Later versions, posted by the same organization as the first (its envelope's poster).
        by_poster = {}
        for n in revisions:
            for v in range(1, 2 + n % 3):
                by_poster.setdefault((n // 1000) % POSTERS, []).append(hub_object(ci, n, v))
        for who, objs in by_poster.items():
            for i in range(0, len(objs), 1000):
                post(ci, objs[i:i + 1000], who)
        log("  %s: %d objects, %d revisions (%.0f s)" % (title, count, sum(len(v) for v in by_poster.values()),
                                                       time.perf_counter() - t0))
    # The first collection's object 0 (an indicator, posted by poster 0) gets 300 versions,
    # and a sighting from every poster.
    many = [hub_object(0, 0, v) for v in range(1, MANY_VERSIONS)]
    post(0, many, 0)
    for who in range(POSTERS):
        s = hub_object(0, 90 + who * len(TYPE_AT) * 1000, sighted=sid("indicator", 0, 0))
        s["id"] = sid("sighting", 0, who, "special")
        post(0, [s], who)
    special = {"many_versions": sid("indicator", 0, 0), "plain": sid("malware", 0, 60)}
    elapsed = time.perf_counter() - t0
    hub.stop()
    meta = {"collections": colls, "posted": posted, "failures": failures, "seconds": elapsed,
            "special": special, "total": total, "reader_token": tokens[0],
            "fresh_share": FRESH["pct"], "fresh_at": FRESH["at"]}
    log("hub-%d: %d versions stored, %d refused, %.0f s (%.0f obj/s); refusals seen: %s" % (
        total, posted, failures, elapsed, posted / elapsed, reasons))
    json.dump(meta, open(os.path.join(data, ".seeded"), "w"))
    return meta


# ---- timing -----------------------------------------------------------------------------

class Session:
    """One keep-alive connection with a cookie jar (the names and values the server set)."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=300)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
                if attempt:
                    raise
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                v = rest.split(";", 1)[0]
                if "Max-Age=0" in value or v == "":
                    self.cookies.pop(k.strip(), None)
                else:
                    self.cookies[k.strip()] = v
        return resp.status, resp, data

    def get(self, path):
        return self.request("GET", path)


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    return m.group(1) if m else ""


SERVER = {"pid": None}


def cpu_seconds():
    """utime + stime of the server under test (all its threads), from /proc."""
    if not SERVER["pid"]:
        return 0.0
    with open("/proc/%d/stat" % SERVER["pid"]) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_page(s, name, path, n, results, expect=200, check=None):
    ms = []
    status, _, data = s.get(path)  # once before timing: checks the answer
    if status != expect:
        raise SystemExit("%s: GET %s answered %d: %s" % (name, path, status, data[:400]))
    if check and check not in data.decode("utf-8", "replace"):
        raise SystemExit("%s: GET %s lacks %r" % (name, path, check))
    cpu0 = cpu_seconds()
    for _ in range(n):
        t0 = time.perf_counter()
        status, _, data = s.get(path)
        ms.append((time.perf_counter() - t0) * 1000)
        if status != expect:
            raise SystemExit("%s: GET %s answered %d" % (name, path, status))
    row = {"page": name, "path": path, "n": n, "bytes": len(data),
           "p50": hubbench.percentile(ms, 50), "p99": hubbench.percentile(ms, 99), "max": max(ms),
           "cpu": (cpu_seconds() - cpu0) * 1000 / n}
    results.append(row)
    log("  %-40s p50 %7.2f  p99 %7.2f  max %7.2f ms  cpu %6.2f ms/req (%d bytes)" % (
        name, row["p50"], row["p99"], row["max"], row["cpu"], row["bytes"]))


def time_block_list(s, name, path, n, results):
    """A block list: the first download (built), then n more plain (kept, or built again by
    a hub that keeps none), then n with the first answer's ETag in If-None-Match (304 when
    the hub tags it). Any status is recorded, not fatal: a build may pass the hub's request
    time limit (503)."""
    def timed(headers=None):
        cpu0 = cpu_seconds()
        t0 = time.perf_counter()
        status, resp, data = s.request("GET", path, headers=headers)
        return (time.perf_counter() - t0) * 1000, cpu_seconds() - cpu0, status, resp, data
    cpu_start = cpu_seconds()
    ms, cpu, status, resp, data = timed()
    rows = [(name + ", first download", [ms], cpu, status, len(data))]
    # Not built in time (503, Retry-After): asked again as a firewall would, until served;
    # the row counts from the first request, waits included, and so does its CPU (the
    # build goes on between requests).
    waited, tries = ms, 0
    while status == 503 and tries < 30:
        pause = int(resp.getheader("Retry-After") or "10")
        time.sleep(pause)
        ms, c, status, resp, data = timed()
        waited += pause * 1000 + ms
        tries += 1
    if tries:
        rows.append(("%s, served after %d x 503" % (name, tries), [waited],
                     cpu_seconds() - cpu_start, status, len(data)))
    etag = resp.getheader("ETag")
    for label, headers in (("again", None), ("If-None-Match", {"If-None-Match": etag} if etag else None)):
        if label == "If-None-Match" and not etag:
            continue
        all_ms, all_cpu = [], 0.0
        for _ in range(n):
            ms, c, status, _, data = timed(headers)
            all_ms.append(ms)
            all_cpu += c
        rows.append(("%s, %s" % (name, label), all_ms, all_cpu, status, len(data)))
    for page, all_ms, all_cpu, status, size in rows:
        row = {"page": page, "path": path, "n": len(all_ms), "bytes": size, "status": status,
               "p50": hubbench.percentile(all_ms, 50), "p99": hubbench.percentile(all_ms, 99),
               "max": max(all_ms), "cpu": all_cpu * 1000 / len(all_ms)}
        results.append(row)
        log("  %-40s p50 %9.2f  p99 %9.2f ms  cpu %9.2f ms/req  status %d (%d bytes)" % (
            page, row["p50"], row["p99"], row["cpu"], status, size))


def time_post(s, name, path, body_of, n, results, expect):
    ms = []
    cpu = 0.0
    for _ in range(n):
        body = body_of()
        cpu -= cpu_seconds()
        t0 = time.perf_counter()
        status, _, _ = s.request("POST", path, body)
        ms.append((time.perf_counter() - t0) * 1000)
        cpu += cpu_seconds()
        if status != expect:
            raise SystemExit("%s: POST %s answered %d" % (name, path, status))
    results.append({"page": name, "path": path, "n": n, "bytes": 0,
                    "p50": hubbench.percentile(ms, 50), "p99": hubbench.percentile(ms, 99), "max": max(ms),
                    "cpu": cpu * 1000 / n})
    log("  %-40s p50 %7.2f  p99 %7.2f  max %7.2f ms" % (name, results[-1]["p50"], results[-1]["p99"], max(ms)))


def hub_sign_in(hub, user):
    s = Session(hub.host, hub.port)
    status, _, page = s.get("/ui/signin")
    body = urllib.parse.urlencode({"csrf": csrf_of(page.decode()), "user": user, "password": PASSWORD})
    status, resp, _ = s.request("POST", "/ui/signin", body)
    if status != 303:
        raise SystemExit("hub sign-in of %s answered %d" % (user, status))
    return s


def cursors(hub, coll, token):
    """TAXII `next` cursors every 1,000 objects (read with a token of the reader's
    organization; the web pages take the same cursors: the filter digest leaves out the page
    size, and any position in the collection is a place to page from)."""
    c = hubbench.Client(hub.host, hub.port, "Bearer " + token)
    path = "/taxii2/api/collections/%s/objects/?limit=1000" % coll
    out = []
    while True:
        status, _, data = c.request("GET", path)
        if status != 200:
            raise SystemExit("TAXII page: %d %s" % (status, data[:300]))
        page = json.loads(data)
        if not page.get("more"):
            return out
        out.append(page["next"])
        path = "/taxii2/api/collections/%s/objects/?limit=1000&next=%s" % (
            coll, urllib.parse.quote(page["next"]))


def first_readers(hub, count):
    """`count` more readers for first downloads (`--first-readers`), one per organization
    in turn (the bench's clinic, then the members): each one's first block list is built
    for it. Made once per store; the names say which."""
    orgs = [READER_ORG] + ["Member %02d" % i for i in range(1, ORGS - 1)]
    names = []
    for k in range(count):
        name = "first-reader-%d" % k
        try:
            hub.admin("user", "add", "--org", orgs[k % len(orgs)], name,
                      "--password-stdin", stdin=PASSWORD + "\n")
        except subprocess.CalledProcessError as e:
            if "taken" not in (e.stderr or "") + (e.stdout or ""):
                raise
        names.append(name)
    return names


def time_first_downloads(hub, names, name, path, results):
    """One first download of the list at `path` by each reader of `names` (each list is
    built for its reader; none is kept from another's): p50 and p99 over the readers."""
    all_ms, statuses = [], {}
    cpu0 = cpu_seconds()
    size = 0
    for who in names:
        s = hub_sign_in(hub, who)
        t0 = time.perf_counter()
        status, _, data = s.request("GET", path)
        all_ms.append((time.perf_counter() - t0) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        size = len(data)
    row = {"page": name, "path": path, "n": len(all_ms), "bytes": size,
           "status": max(statuses, key=statuses.get), "statuses": statuses,
           "p50": hubbench.percentile(all_ms, 50), "p99": hubbench.percentile(all_ms, 99),
           "max": max(all_ms), "cpu": (cpu_seconds() - cpu0) * 1000 / len(all_ms)}
    results.append(row)
    log("  %-40s p50 %9.2f  p99 %9.2f  max %9.2f ms  cpu %9.2f ms/req  statuses %s (%d bytes)" % (
        name, row["p50"], row["p99"], row["max"], row["cpu"], statuses, size))


def bench_hub(ward, data, meta, n):
    hub = Hub(ward, data)
    readers = first_readers(hub, FIRST_READERS[0])
    hub.start()
    SERVER["pid"] = hub.proc.pid
    results = []
    try:
        big = meta["collections"][0]
        log("hub-%d: reading cursors" % meta["total"])
        marks = cursors(hub, big, meta["reader_token"])
        s = hub_sign_in(hub, "reader")
        base = "/ui/collections/%s" % big
        # The last page: from the last 1,000-object cursor, follow the pages' own next links.
        last = marks[-1] if marks else None
        while True:
            q = "?next=" + urllib.parse.quote(last) if last else ""
            _, _, body = s.get(base + q)
            m = re.search(r'href="[^"]*[?&]next=([^"&]+)" rel="next"', body.decode())
            if not m:
                break
            last = urllib.parse.unquote(m.group(1).replace("&amp;", "&"))
        mid = marks[len(marks) // 2] if marks else None
        tomorrow = time.strftime("%Y-%m-%d", time.gmtime(time.time() + DAY))
        yesterday = time.strftime("%Y-%m-%d", time.gmtime(time.time() - DAY))
        rare_value = indicator_pattern(len(TYPE_AT) * 40 + 1 - 1)[0]
        sp = meta["special"]
        pages = [
            ("sign-in form", "/ui/signin"),
            ("collections", "/ui"),
            ("collection page 1", base),
        ]
        if mid:
            pages.append(("collection middle page", base + "?next=" + urllib.parse.quote(mid)))
        if last:
            pages.append(("collection last page", base + "?next=" + urllib.parse.quote(last)))
        pages += [
            ("type=indicator", base + "?type=indicator"),
            ("type=vulnerability (5 %)", base + "?type=vulnerability"),
            ("type=grouping (none stored)", base + "?type=grouping"),
            ("q=badhost (25 % of indicators)", base + "?q=badhost-1"),
            ("q=one value", base + "?q=" + urllib.parse.quote(rare_value)),
            ("q=absent value", base + "?q=no-such-value.example"),
            ("tlp=amber", base + "?tlp=amber"),
            ("tlp=red", base + "?tlp=red"),
            ("tlp=none", base + "?tlp=none"),
            ("added_after=yesterday", base + "?added_after=" + yesterday),
            ("added_after=tomorrow", base + "?added_after=" + tomorrow),
            ("type+q+tlp (none match)", base + "?type=indicator&q=example&tlp=green"),
            ("object, %d versions + sightings" % MANY_VERSIONS, base + "/objects/" + sp["many_versions"]),
            ("object, one version", base + "/objects/" + sp["plain"]),
            ("download page 1 (STIX)", base + "/download"),
            ("download middle page (STIX)", base + "/download" + ("?next=" + urllib.parse.quote(mid) if mid else "")),
            ("download object (STIX)", base + "/objects/" + sp["many_versions"] + "/download"),
        ]
        for name, path in pages:
            if ONLY.search("hub " + name):
                time_page(s, "hub " + name, path, n, results)
        if ONLY.search("hub block list"):
            time_block_list(s, "hub block list ip", base + "/blocklist/ip", BLOCK_LIST_REQUESTS[0], results)
            if readers:
                time_first_downloads(hub, readers, "hub block list ip, first download per reader",
                                     base + "/blocklist/ip", results)
        if not ONLY.search("hub operator overview"):
            return results
        ops = hub_sign_in(hub, "ops")
        time_page(ops, "hub operator overview", "/ui/admin", n, results, check="Scrub log")
        # The dashboard at `/` (TAXII's credentials; a token): counts per collection.
        auth = "Bearer " + meta["reader_token"]
        dash = Session(hub.host, hub.port)
        ms = []
        cpu0 = cpu_seconds()
        for _ in range(n):
            t0 = time.perf_counter()
            status, _, body = dash.request("GET", "/", headers={"Authorization": auth})
            ms.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                raise SystemExit("dashboard answered %d" % status)
        results.append({"page": "hub dashboard / (token)", "path": "/", "n": len(ms), "bytes": len(body),
                        "p50": hubbench.percentile(ms, 50), "p99": hubbench.percentile(ms, 99), "max": max(ms),
                        "cpu": (cpu_seconds() - cpu0) * 1000 / len(ms)})
        log("  %-40s p50 %7.2f  p99 %7.2f  max %7.2f ms" % ("hub dashboard / (token)", results[-1]["p50"],
                                                            results[-1]["p99"], max(ms)))

        def signin_body():
            f = Session(hub.host, hub.port)
            _, _, page = f.get("/ui/signin")
            s.cookies = dict(f.cookies)
            return urllib.parse.urlencode({"csrf": csrf_of(page.decode()), "user": "reader",
                                           "password": PASSWORD})
        time_post(s, "hub sign-in POST", "/ui/signin", signin_body, min(n, 20), results, 303)
    finally:
        hub.stop()
    return results


# ---- the member ---------------------------------------------------------------------------

def member_values(total, path):
    r = random.Random(7)
    with open(path, "w") as f:
        for n in range(total):
            k = n % 10
            if k < 7:
                f.write("%d.%d.%d.%d\n" % (11 + r.randrange(180), r.randrange(256), r.randrange(256),
                                            1 + r.randrange(254)))
            elif k == 7:
                f.write("update-%d.cdn-%d.example\n" % (n, r.randrange(1000)))
            elif k == 8:
                f.write("http://files-%d.example/dl/%d.bin\n" % (r.randrange(100000), n))
            else:
                f.write(hashlib.sha256(b"member%d" % n).hexdigest() + "\n")


def ward_run(ward, data, *args, stdin=None, env=None):
    return subprocess.run([ward, "--data", data, *args], input=stdin, check=True, capture_output=True,
                          text=True, env=env)


def seed_member(ward, seeder, data, build, total, per_day):
    """Builds the folder in `build` (a tmpfs when there is one: a year of alerts is two
    small transactions each, and their fsyncs would take most of an hour on this disk),
    then moves it to `data`."""
    if os.path.exists(os.path.join(data, ".seeded")):
        return json.load(open(os.path.join(data, ".seeded")))
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(build, ignore_errors=True)
    os.makedirs(build)
    t0 = time.perf_counter()
    ward_run(ward, build, "init", "--org", READER_ORG, "--domain", "bench-clinic.example")
    values = os.path.join(build, "values.txt")
    member_values(total, values)
    chunk = 100_000
    with open(values) as f:
        lines = f.readlines()
    for i in range(0, total, chunk):
        part = os.path.join(build, "feed-%02d.txt" % (i // chunk))
        with open(part, "w") as f:
            f.writelines(lines[i:i + chunk])
        ward_run(ward, build, "import", "--format", "text", part)
        os.remove(part)
    os.remove(values)
    log("member-%d: %d indicators imported (%.0f s)" % (total, total, time.perf_counter() - t0))
    end = int(time.time()) // DAY * DAY
    out = subprocess.run([seeder, build, "365", str(per_day), "400", "3000", str(end)],
                         check=True, capture_output=True, text=True).stdout.strip()
    log("member-%d: %s (%.0f s)" % (total, out, time.perf_counter() - t0))
    # An exposure ranking of 1,000 devices (the fixture's rows, renamed).
    fixtures = os.path.join(ROOT, "crates", "exposure", "tests", "fixtures")
    rows = open(os.path.join(fixtures, "clinic-inventory.csv")).read().splitlines()
    inv = os.path.join(build, "inventory.csv")
    with open(inv, "w") as f:
        f.write(rows[0] + "\n")
        for i in range(1000):
            cells = rows[1 + i % (len(rows) - 1)].split(",")
            cells[0] = "%s %d" % (cells[0], i)
            cells[10] = "T-%05d" % i
            f.write(",".join(cells) + "\n")
    subprocess.run([ward, "--data", build, "exposure", "--inventory", inv, "--kev",
                    os.path.join(fixtures, "kev.json")], capture_output=True, text=True)
    # This week's plan, made by `ward report`, kept for each week of the year.
    ward_run(ward, build, "report", "--format", "json", "--out", os.path.join(build, "plan.json"))
    history = os.path.join(build, "plan", "history")
    made = sorted(os.listdir(history))[-1]
    for w in range(1, 52):
        day = time.strftime("%Y-%m-%d", time.gmtime(end - w * 7 * DAY))
        shutil.copy(os.path.join(history, made), os.path.join(history, day + ".json"))
    # Twenty shares waiting for approval.
    notes = os.path.join(build, "notes.txt")
    for i in range(20):
        with open(notes, "w") as f:
            f.write("Phishing wave %d: senders billing%d@invoice-portal.example, "
                    "link http://dl-%d.payload.example/gate.php\n" % (i, i, i))
        ward_run(ward, build, "share", notes, "--to", "http://127.0.0.1:9/taxii2/api/",
                 "--collection", "00000000-0000-4000-8000-000000000000", "--queue")
    ward_run(ward, build, "watch", "web-password", stdin=PASSWORD + "\n")
    os.makedirs(os.path.join(build, "logs"), exist_ok=True)
    open(os.path.join(build, "logs", "firewall.log"), "w").close()
    meta = {"total": total, "alerts": int(out.split()[0]), "end": end, "seconds": time.perf_counter() - t0}
    json.dump(meta, open(os.path.join(build, ".seeded"), "w"))
    if os.path.abspath(build) != os.path.abspath(data):
        shutil.copytree(build, data)
        shutil.rmtree(build)
    return meta


def bench_member(ward, data, meta, n):
    with open(os.path.join(data, "watch.toml"), "w") as f:
        f.write('[[logs]]\npath = "logs/firewall.log"\n\n[web]\nlisten = "127.0.0.1:0"\n')
    err_path = os.path.join(data, "watch.err")
    env = dict(os.environ)
    # watch drops alerts older than 90 days when it starts; "now" 89 days after the first
    # alert keeps the whole year in the store for the pages.
    env["WARD_NOW"] = stamp(meta["end"] - 365 * DAY + 89 * DAY)
    err = open(err_path, "w")
    p = subprocess.Popen([ward, "--data", data, "watch", "--foreground"], stdout=subprocess.DEVNULL,
                         stderr=err, env=env)
    PROCS.append(p)
    addr = None
    deadline = time.time() + 600
    while time.time() < deadline and addr is None:
        m = re.search(r"web pages on http://([0-9.]+):(\d+)", open(err_path).read())
        if m:
            addr = (m.group(1), int(m.group(2)))
        elif p.poll() is not None:
            raise SystemExit("ward watch stopped: " + open(err_path).read()[-2000:])
        else:
            time.sleep(0.2)
    if addr is None:
        raise SystemExit("ward watch's pages did not start")
    SERVER["pid"] = p.pid
    results = []
    try:
        s = Session(*addr)
        _, _, page = s.get("/signin")
        body = urllib.parse.urlencode({"csrf": csrf_of(page.decode()), "password": PASSWORD})
        status, _, _ = s.request("POST", "/signin", body)
        if status != 303:
            raise SystemExit("watch sign-in answered %d" % status)
        start = meta["end"] - 365 * DAY
        key = lambda secs: "watch/alert/%012d" % secs  # noqa: E731
        history = sorted(os.listdir(os.path.join(data, "plan", "history")))
        pages = [
            ("plan", "/plan"),
            ("plan history, a middle week", "/plan/history?day=" + history[len(history) // 2][:-5]),
            ("alerts page 1", "/alerts"),
            ("alerts middle (6 months back)", "/alerts?before=" + key(start + 182 * DAY)),
            ("alerts last page", "/alerts?before=" + key(start + 3600)),
            ("alerts machine=ws-0002 (often)", "/alerts?machine=ws-0002"),
            ("alerts machine=pacs-91 (rare)", "/alerts?machine=pacs-91"),
            ("alerts q=absent value", "/alerts?q=no-such-indicator.example"),
            ("alerts machine + q", "/alerts?machine=ws-00&q=.example"),
            ("devices", "/devices"),
            ("devices from 500", "/devices?from=500"),
            ("sharing queue (20 items)", "/sharing"),
            ("coverage", "/coverage"),
        ]
        for name, path in pages:
            if ONLY.search("member " + name):
                time_page(s, "member " + name, path, n, results)
    finally:
        p.terminate()
        p.wait(timeout=60)
    return results


# ---- report -------------------------------------------------------------------------------

def table(rows):
    out = ["| page | p50 ms | p99 ms | max ms | server CPU ms/req | bytes |",
           "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        flag = " **≥ 100**" if r["p99"] >= 100 else ""
        out.append("| %s | %.2f | %.2f%s | %.2f | %.2f | %d |" % (
            r["page"], r["p50"], r["p99"], flag, r["max"], r.get("cpu", 0), r["bytes"]))
    return "\n".join(out)


def growth(small, large, s, l):
    by = {r["page"]: r for r in small}
    out = ["| page | p50 %s → %s | p99 | ratio p50 | ratio p99 |" % (s, l), "|---|---:|---:|---:|---:|"]
    for r in large:
        a = by.get(r["page"])
        if a:
            out.append("| %s | %.2f → %.2f | %.2f → %.2f | %.2f× | %.2f× |" % (
                r["page"], a["p50"], r["p50"], a["p99"], r["p99"], r["p50"] / a["p50"], r["p99"] / a["p99"]))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ward", default=os.path.join(ROOT, "target", "release", "ward"))
    ap.add_argument("--seeder", default=os.path.join(ROOT, "target", "release", "examples", "seed_alerts"))
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ward-web-bench"))
    ap.add_argument("--build-dir", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
                    help="where the member folder is built before it is moved to --work")
    ap.add_argument("--sizes", default="10000,1000000")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--alerts-per-day", type=int, default=300, help="at 1M; scaled with the size")
    ap.add_argument("--parts", default="hub,member")
    ap.add_argument("--deadline", type=int, default=3 * 3600, help="seconds before the run gives up")
    ap.add_argument("--json", help="write every figure here")
    ap.add_argument("--only", default="", help="time only the pages whose name matches this regular expression")
    ap.add_argument("--block-list-requests", type=int, default=5,
                    help="downloads of the block list after the first (each way)")
    ap.add_argument("--first-readers", type=int, default=0, metavar="N",
                    help="N more readers (made once per store, in the bench's organizations in "
                         "turn) whose first block-list downloads are timed, one each")
    ap.add_argument("--fresh-share", type=int, default=0, metavar="PCT",
                    help="percentage of the hub's indicators made recent with confidence 80, so "
                         "that they score >= 20 and are listed (0: all are years old, every "
                         "block list is empty); seeded into its own hub-N-freshPCT folder")
    args = ap.parse_args()
    if not 0 <= args.fresh_share <= 100:
        raise SystemExit("--fresh-share is a percentage, 0 to 100")
    FRESH["pct"] = args.fresh_share
    global ONLY
    ONLY = re.compile(args.only)
    BLOCK_LIST_REQUESTS[0] = args.block_list_requests
    FIRST_READERS[0] = args.first_readers
    for path in (args.ward, args.seeder):
        if not os.path.exists(path):
            raise SystemExit("missing %s: cargo build --release -p ward-cli && "
                             "cargo build --release -p ward-member --example seed_alerts" % path)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("deadline reached"))
    signal.alarm(args.deadline)
    os.makedirs(args.work, exist_ok=True)
    sizes = [int(x) for x in args.sizes.split(",")]
    parts = args.parts.split(",")
    figures = {}
    try:
        for size in sizes:
            rows = []
            if "hub" in parts:
                data = os.path.join(args.work, "hub-%d" % size + (
                    "-fresh%d" % args.fresh_share if args.fresh_share else ""))
                meta = seed_hub(args.ward, data, size)
                log("hub-%d: measuring (load average %s)" % (size, load_average()))
                rows += bench_hub(args.ward, data, meta, args.requests)
            if "member" in parts:
                data = os.path.join(args.work, "member-%d" % size)
                build = os.path.join(args.build_dir or args.work, "ward-web-bench-build-%d" % size)
                per_day = max(3, args.alerts_per_day * size // 1_000_000)
                meta = seed_member(args.ward, args.seeder, data, build, size, per_day)
                log("member-%d: %d alerts; measuring (load average %s)" % (size, meta["alerts"], load_average()))
                rows += bench_member(args.ward, data, meta, args.requests)
            figures[size] = rows
            print("\n## %d objects / indicators (load average %s)\n" % (size, load_average()))
            print(table(rows))
    finally:
        stop_all()
    if len(sizes) >= 2:
        print("\n## Growth %d → %d\n" % (sizes[0], sizes[-1]))
        print(growth(figures[sizes[0]], figures[sizes[-1]], "%dk" % (sizes[0] // 1000), "%dk" % (sizes[-1] // 1000)))
    if args.json:
        json.dump(figures, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
