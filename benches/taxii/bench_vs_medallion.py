"""ward beside medallion (memory backend) on the same objects: ingest objects/s (one client
posting envelopes in sequence, or --clients posting at once) and the latency of one page of objects read with
`added_after` at random points. Bounded: a fixed number of objects and requests.

    python3 benches/taxii/bench_vs_medallion.py [--ward target/release/ward] [--objects 20000]

medallion's memory backend compares each posted object with every stored one, so its rate
falls about as 1/n and the ratio grows with the collection: the default, 20,000 objects, is a
modest hub collection; RESULTS.md gives the curve from 2,000 to 50,000.
"""

import argparse
import json
import random
import threading
import time

import hubbench


def ingest(server, objects, per_envelope, clients=1):
    """Objects per second from the first request sent to the last reply received. Bodies
    are serialized before the clock starts (the server's work is what is measured); with
    several clients, each takes the next envelope as soon as its previous one is answered."""
    bodies = [json.dumps({"objects": objects[i:i + per_envelope]})
              for i in range(0, len(objects), per_envelope)]
    sizes = [len(objects[i:i + per_envelope]) for i in range(0, len(objects), per_envelope)]
    queue = list(range(len(bodies)))
    lock = threading.Lock()
    errors = []

    def post_all():
        client = server.client()
        while True:
            with lock:
                if not queue or errors:
                    return
                n = queue.pop(0)
            status, _, data = client.request("POST", server.objects_path, bodies[n])
            reply = json.loads(data) if status == 202 else {}
            if status != 202 or reply.get("success_count") != sizes[n]:
                with lock:
                    errors.append("POST failed: %d %s" % (status, data[:300]))
                return

    threads = [threading.Thread(target=post_all) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise SystemExit(errors[0])
    return len(objects) / elapsed


def page_latency(server, requests, limit):
    client = server.client()
    # added_after just past the first object keeps every page full.
    status, resp, data = client.request("GET", server.objects_path + "?limit=1")
    first = resp.getheader("X-TAXII-Date-Added-First")
    rng = random.Random(7)
    times = []
    for _ in range(requests):
        # A point in the first half keeps every page full.
        path = server.objects_path + "?limit=%d" % limit
        if first and rng.random() < 0.9:
            path += "&added_after=" + first
        elapsed, status, _, data = client.timed("GET", path)
        if status != 200:
            raise SystemExit("GET failed: %d %s" % (status, data[:200]))
        times.append(elapsed * 1000)
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ward", default=None)
    ap.add_argument("--python", default=None)
    ap.add_argument("--objects", type=int, default=20000)
    ap.add_argument("--envelope", type=int, default=500)
    # Concurrent posters (a hub serves many members at once); 1 posts envelopes in sequence.
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--pages", type=int, default=100)
    # medallion's memory backend filters pages in Python over the whole collection: a page
    # of a 2,000-object collection takes seconds, so it gets fewer timed requests.
    ap.add_argument("--medallion-pages", type=int, default=3)
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args()
    objects = [hubbench.indicator(n) for n in range(args.objects)]
    rows = []
    ward = hubbench.Ward(args.ward or hubbench.default_ward())
    try:
        w_ingest = ingest(ward, objects, args.envelope, args.clients)
        w_times = page_latency(ward, args.pages, args.limit)
    finally:
        ward.stop()
    med = hubbench.Medallion(args.python or hubbench.default_python(), args.limit)
    try:
        m_ingest = ingest(med, objects, args.envelope, args.clients)
        m_times = page_latency(med, args.medallion_pages, args.limit) if args.medallion_pages else []
    finally:
        med.stop()
    for name, rate, times in (("ward", w_ingest, w_times), ("medallion", m_ingest, m_times)):
        rows.append((name, rate, hubbench.percentile(times, 50), hubbench.percentile(times, 99)))
    print("| server | ingest objects/s | page p50 ms | page p99 ms |")
    print("|---|---:|---:|---:|")
    for name, rate, p50, p99 in rows:
        print("| %s | %.0f | %.2f | %.2f |" % (name, rate, p50, p99))
    print()
    print("objects=%d envelope=%d clients=%d pages=%d (medallion %d) limit=%d" % (
        args.objects, args.envelope, args.clients, args.pages, args.medallion_pages, args.limit))
    print("ingest ratio ward/medallion: %.1fx" % (w_ingest / m_ingest))
    if m_times:
        print("page p50 ratio medallion/ward: %.1fx" % (rows[1][2] / rows[0][2]))


if __name__ == "__main__":
    main()
