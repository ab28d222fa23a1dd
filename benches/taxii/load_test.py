"""Bounded load test: 64 concurrent clients on loopback for 60 s against one `ward serve`,
mixing pages (60%), single-object reads (30%) and POSTs of 10 new objects (10%). Reports
errors (any non-2xx or failed connection) and latency percentiles per kind.

    python3 benches/taxii/load_test.py [--ward target/release/ward] [--clients 64] [--seconds 60]
"""

import argparse
import json
import random
import threading
import time
import urllib.parse

import hubbench


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ward", default=None)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--preload", type=int, default=20000)
    args = ap.parse_args()
    ward = hubbench.Ward(args.ward or hubbench.default_ward())
    try:
        c = ward.client()
        for start in range(0, args.preload, 1000):
            batch = [hubbench.indicator(n) for n in range(start, min(args.preload, start + 1000))]
            status, _, _ = c.request("POST", ward.objects_path, json.dumps({"objects": batch}))
            assert status == 202
        _, resp, _ = c.request("GET", ward.objects_path + "?limit=1")
        first = resp.getheader("X-TAXII-Date-Added-First")
        lock = threading.Lock()
        lat = {"page": [], "object": [], "post": []}
        errors = []
        counter = [10_000_000]
        deadline = time.time() + args.seconds

        def worker(seed):
            rng = random.Random(seed)
            client = ward.client()
            mine = {"page": [], "object": [], "post": []}
            while time.time() < deadline:
                r = rng.random()
                try:
                    if r < 0.6:
                        kind = "page"
                        path = ward.objects_path + "?limit=100&added_after=" + urllib.parse.quote(first)
                        elapsed, status, _, _ = client.timed("GET", path)
                    elif r < 0.9:
                        kind = "object"
                        oid = hubbench.indicator(rng.randrange(args.preload))["id"]
                        elapsed, status, _, _ = client.timed("GET", ward.objects_path + oid + "/")
                    else:
                        kind = "post"
                        with lock:
                            base = counter[0]
                            counter[0] += 10
                        body = json.dumps({"objects": [hubbench.indicator(base + i) for i in range(10)]})
                        elapsed, status, _, _ = client.timed("POST", ward.objects_path, body)
                    if status // 100 != 2:
                        with lock:
                            errors.append("%s: HTTP %d" % (kind, status))
                    mine[kind].append(elapsed * 1000)
                except Exception as e:  # any failure is an error to report, not a crash
                    with lock:
                        errors.append("%s: %r" % (kind, e))
            with lock:
                for k, v in mine.items():
                    lat[k].extend(v)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(len(v) for v in lat.values())
        print("clients=%d seconds=%.0f requests=%d (%.0f/s) errors=%d" % (
            args.clients, args.seconds, total, total / args.seconds, len(errors)))
        print("| kind | requests | p50 ms | p99 ms |")
        print("|---|---:|---:|---:|")
        for k, v in lat.items():
            print("| %s | %d | %.2f | %.2f |" % (k, len(v), hubbench.percentile(v, 50), hubbench.percentile(v, 99)))
        for e in errors[:10]:
            print("error:", e)
    finally:
        ward.stop()


if __name__ == "__main__":
    main()
