"""Drives a running `ward serve` with taxii2-client 2.3.0 (the reference TAXII 2.1 client).

Usage: hub_taxii2client.py BASE_URL ALERTS_ID PRIVATE_ID ALICE_PASSWORD ALICE_TOKEN BOB_TOKEN
Alice (org Mercy) may read and write both collections; Bob (org LabB) may read Alerts only
and must not see Private. Exits non-zero with a message on the first broken expectation.
"""

import json
import sys
import uuid

import requests
from taxii2client.common import TokenAuth
from taxii2client.exceptions import TAXIIServiceException
from taxii2client.v21 import ApiRoot, Collection, Server, as_pages



class BearerAuth(requests.auth.AuthBase):
    """`Authorization: Bearer` (taxii2-client's own TokenAuth sends the `Token` scheme)."""

    def __init__(self, token):
        self.token = token

    def __call__(self, r):
        r.headers["Authorization"] = "Bearer " + self.token
        return r


base, alerts_id, private_id, alice_pw, alice_token, bob_token = sys.argv[1:7]


def check(cond, what):
    if not cond:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)


def indicator(n, modified="2024-01-01T00:00:00.000Z"):
    return {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--%s" % uuid.UUID(int=n + (4 << 76) + (2 << 62)),
        "created": "2024-01-01T00:00:00.000Z",
        "modified": modified,
        "name": "bad host %d" % n,
        "pattern": "[ipv4-addr:value = '198.51.100.%d']" % (n % 250),
        "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z",
    }


# Discovery and API root with HTTP Basic.
server = Server(base + "/taxii2/", user="alice", password=alice_pw)
check(server.title == "ward hub", "discovery title: %r" % server.title)
check(len(server.api_roots) == 1, "one API root")
root = server.default
check(root is not None, "default API root")
check("application/taxii+json;version=2.1" in root.versions, "API root versions")
titles = sorted(c.title for c in root.collections)
check(titles == ["Alerts", "Private"], "alice sees both collections: %r" % titles)

# Add objects with a Bearer token; follow the status to completion.
alerts = Collection(base + "/taxii2/api/collections/%s/" % alerts_id, auth=BearerAuth(alice_token))
check(alerts.can_read and alerts.can_write, "alice can read and write Alerts")
objects = [indicator(n) for n in range(25)]
status = alerts.add_objects({"objects": objects}, wait_for_completion=True, poll_interval=0.2)
check(status.status == "complete", "status complete")
check(status.success_count == 25 and status.failure_count == 0, "25 successes: %r" % status._raw)

# Follow the status URL like the client does.
status.refresh()
check(status.success_count == 25, "status persisted")

# A duplicate POST is a success, not a failure.
again = alerts.add_objects({"objects": objects[:3]}, wait_for_completion=True, poll_interval=0.2)
check(again.success_count == 3 and again.failure_count == 0, "duplicate post succeeds: %r" % again._raw)

# A second version of one object.
v2 = indicator(0, modified="2024-06-01T00:00:00.000Z")
alerts.add_objects({"objects": [v2]}, wait_for_completion=True, poll_interval=0.2)

# Pages: 25 objects at 7 per page is 4 pages; every object exactly once.
seen = []
pages = 0
for envelope in as_pages(alerts.get_objects, per_request=7):
    pages += 1
    seen.extend(o["id"] for o in envelope.get("objects", []))
check(pages >= 3, "at least 3 pages, got %d" % pages)
check(len(seen) == 25 and len(set(seen)) == 25, "each object once: %d/%d" % (len(seen), len(set(seen))))

# Manifest pages too.
manifest_ids = []
for m in as_pages(alerts.get_manifest, per_request=10):
    manifest_ids.extend(r["id"] for r in m.get("objects", []))
check(sorted(manifest_ids) == sorted(seen), "manifest lists the same objects")

# Get one object, its versions, and filters.
one = alerts.get_object(v2["id"])
check(len(one["objects"]) == 1 and one["objects"][0]["modified"] == v2["modified"], "latest version by default")
first = alerts.get_object(v2["id"], version="first")
check(first["objects"][0]["modified"] == "2024-01-01T00:00:00.000Z", "first version")
versions = alerts.object_versions(v2["id"])
check(versions["versions"] == ["2024-01-01T00:00:00.000Z", "2024-06-01T00:00:00.000Z"], "versions: %r" % versions)
typed = alerts.get_objects(type="malware")
check(typed.get("objects", []) == [], "type filter")

# Delete, then 404.
alerts.delete_object(objects[1]["id"])
try:
    alerts.get_object(objects[1]["id"])
    check(False, "deleted object still served")
except requests.exceptions.HTTPError as e:
    check(e.response.status_code == 404, "404 after delete, got %d" % e.response.status_code)

# Bob (LabB) reads Alerts with his token (taxii2-client's `Token` scheme), and does not see Private at all.
bob_root = ApiRoot(base + "/taxii2/api/", auth=TokenAuth(bob_token))
check([c.title for c in bob_root.collections] == ["Alerts"], "bob sees only Alerts")
bob_alerts = Collection(base + "/taxii2/api/collections/%s/" % alerts_id, auth=TokenAuth(bob_token))
check(bob_alerts.can_read and not bob_alerts.can_write, "bob reads but does not write")
check(len(bob_alerts.get_objects()["objects"]) == 24, "bob reads the 24 remaining objects")
try:
    Collection(base + "/taxii2/api/collections/%s/" % private_id, auth=TokenAuth(bob_token)).get_objects()
    check(False, "bob read Private")
except (requests.exceptions.HTTPError, TAXIIServiceException) as e:
    code = getattr(getattr(e, "response", None), "status_code", None)
    check(code == 404, "Private answers 404 to bob, got %r" % (code,))

# Wrong password: 401.
try:
    Server(base + "/taxii2/", user="alice", password="wrong").title
    check(False, "wrong password accepted")
except requests.exceptions.HTTPError as e:
    check(e.response.status_code == 401, "401 for a wrong password")

print(json.dumps({"ok": True, "pages": pages, "objects": len(seen)}))
