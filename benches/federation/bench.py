#!/usr/bin/env python3
"""Hub-to-hub sync benchmark: hub B pulls a collection of N objects from hub A (two ward
hubs on loopback), then pulls again after 1 % of the objects got a new version.

Only hub A serves; B's sync runs in `ward admin peer sync` on B's store (what `ward serve`
would run on its schedule), so no schedule fires during the measurement. Standard-library
Python only; everything on 127.0.0.1 under a temporary folder.

    python3 benches/federation/bench.py --ward target/release/ward 10000 100000
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

TAXII = "application/taxii+json;version=2.1"
GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"


def ward(binary, data, *args):
    out = subprocess.run([binary, "--data", data, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"ward {' '.join(args)}: exit {out.returncode}: {out.stderr}")
    return out.stdout.strip()


def indicator(i, modified):
    return {
        "type": "indicator", "spec_version": "2.1",
        "id": f"indicator--00000000-0000-4000-8000-{i:012d}",
        "created": "2025-01-01T00:00:00.000Z", "modified": modified,
        "pattern": f"[domain-name:value = 'h{i}.bench.example.net']",
        "pattern_type": "stix", "valid_from": "2025-01-01T00:00:00Z",
        "object_marking_refs": [GREEN],
    }


def post(base, collection, token, objects):
    body = json.dumps({"objects": objects}).encode()
    req = urllib.request.Request(
        f"{base}/taxii2/api/collections/{collection}/objects/", data=body, method="POST",
        headers={"Accept": TAXII, "Content-Type": TAXII, "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=600) as r:
        status = json.load(r)
    if status.get("failure_count", 0):
        sys.exit(f"seeding failed: {status['failures'][:3]}")


def hub(binary, name, root, others):
    data = os.path.join(root, name)
    ward(binary, data, "admin", "init")
    ward(binary, data, "admin", "peer", "name", name)
    ward(binary, data, "admin", "org", "add", "Members")
    ward(binary, data, "admin", "user", "add", "--org", "Members", "member")
    tokens = {"member": ward(binary, data, "admin", "token", "create", "--user", "member")}
    for o in others:
        ward(binary, data, "admin", "org", "add", o)
        ward(binary, data, "admin", "user", "add", "--org", o, f"sync-{o}")
        tokens[o] = ward(binary, data, "admin", "token", "create", "--user", f"sync-{o}")
    orgs = ",".join(["Members", *others])
    coll = ward(binary, data, "admin", "collection", "add", "Shared", "--read", orgs, "--write", orgs)
    return data, coll, tokens


def sync(binary, data):
    t = time.perf_counter()
    out = ward(binary, data, "--json", "admin", "peer", "sync")
    return time.perf_counter() - t, json.loads(out)[0]


def run(binary, n):
    root = tempfile.mkdtemp(prefix="ward-federation-bench-")
    a, coll_a, tok_a = hub(binary, "a", root, ["b"])
    b, _, _ = hub(binary, "b", root, ["a"])
    proc = subprocess.Popen([binary, "--data", a, "serve", "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline().strip()
        base = line.removeprefix("listening on ")
        t = time.perf_counter()
        for start in range(0, n, 1000):
            post(base, coll_a, tok_a["member"],
                 [indicator(i, "2025-01-01T00:00:00.000Z") for i in range(start, min(n, start + 1000))])
        seed = time.perf_counter() - t
        token_file = os.path.join(root, "a.token")
        with open(token_file, "w") as f:
            f.write(tok_a["b"])
        ward(binary, b, "admin", "peer", "add", "a", "--url", f"{base}/taxii2/",
             "--remote-collection", coll_a, "--local-collection", "Shared",
             "--direction", "pull", "--every", "1d", "--token-file", token_file)
        initial, r1 = sync(binary, b)
        changed = max(1, n // 100)
        step = n // changed
        for start in range(0, changed, 1000):
            post(base, coll_a, tok_a["member"],
                 [indicator(i * step, "2025-02-01T00:00:00.000Z")
                  for i in range(start, min(changed, start + 1000))])
        incremental, r2 = sync(binary, b)
        return {
            "objects": n, "seed_s": round(seed, 2),
            "initial_s": round(initial, 2), "initial_obj_per_s": round(n / initial),
            "initial": r1["stats"],
            "changed": changed, "incremental_s": round(incremental, 3),
            "incremental_obj_per_s": round(changed / incremental), "incremental": r2["stats"],
        }
    finally:
        proc.terminate()
        proc.wait()
        subprocess.run(["rm", "-rf", root])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--ward", default="target/release/ward")
    p.add_argument("sizes", nargs="*", type=int, default=[10000])
    args = p.parse_args()
    for n in args.sizes:
        print(json.dumps(run(args.ward, n)), flush=True)


if __name__ == "__main__":
    main()
