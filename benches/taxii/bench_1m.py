"""ward alone with a large collection (default 1,000,000 objects): ingest rate, then the
latency of 1,000-object pages read (a) by following `next` cursors end to end and (b) with
`added_after` at random points across the collection. Bounded by --objects and --pages.

    python3 benches/taxii/bench_1m.py [--ward target/release/ward] [--objects 1000000]
"""

import argparse
import json
import os
import random
import time
import urllib.parse

import hubbench


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ward", default=None)
    ap.add_argument("--objects", type=int, default=1_000_000)
    ap.add_argument("--envelope", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args()
    ward = hubbench.Ward(args.ward or hubbench.default_ward())
    try:
        client = ward.client()
        t0 = time.perf_counter()
        for start in range(0, args.objects, args.envelope):
            batch = [hubbench.indicator(n) for n in range(start, min(args.objects, start + args.envelope))]
            status, _, data = client.request("POST", ward.objects_path, json.dumps({"objects": batch}))
            if status != 202 or json.loads(data).get("success_count") != len(batch):
                raise SystemExit("POST failed: %d %s" % (status, data[:300]))
        ingest_s = time.perf_counter() - t0
        print("ingested %d objects in %.1f s: %.0f objects/s" % (args.objects, ingest_s, args.objects / ingest_s))

        # (a) follow cursors through the whole collection, noting where each page starts.
        starts, cursor_ms = [], []
        path = ward.objects_path + "?limit=%d" % args.limit
        while True:
            elapsed, status, resp, data = client.timed("GET", path)
            if status != 200:
                raise SystemExit("GET failed: %d %s" % (status, data[:300]))
            cursor_ms.append(elapsed * 1000)
            starts.append(resp.getheader("X-TAXII-Date-Added-First"))
            page = json.loads(data)
            if not page.get("more"):
                break
            path = ward.objects_path + "?limit=%d&next=%s" % (args.limit, urllib.parse.quote(page["next"]))
        # (b) added_after at random page starts (all but the last page, so pages are full).
        rng = random.Random(1)
        points = starts[:-1] or starts
        after_ms = []
        for _ in range(args.pages):
            at = urllib.parse.quote(rng.choice(points))
            elapsed, status, _, data = client.timed(
                "GET", ward.objects_path + "?limit=%d&added_after=%s" % (args.limit, at))
            if status != 200:
                raise SystemExit("GET failed: %d %s" % (status, data[:300]))
            after_ms.append(elapsed * 1000)
        size = sum(os.path.getsize(os.path.join(ward.data, f)) for f in os.listdir(ward.data))
        print("| read | pages | p50 ms | p99 ms |")
        print("|---|---:|---:|---:|")
        print("| follow `next` (limit %d) | %d | %.2f | %.2f |" % (
            args.limit, len(cursor_ms), hubbench.percentile(cursor_ms, 50), hubbench.percentile(cursor_ms, 99)))
        print("| `added_after` random (limit %d) | %d | %.2f | %.2f |" % (
            args.limit, len(after_ms), hubbench.percentile(after_ms, 50), hubbench.percentile(after_ms, 99)))
        print("store size on disk: %.0f MB" % (size / 1e6))
    finally:
        ward.stop()


if __name__ == "__main__":
    main()
