"""Times stix2-matcher on the inputs benches/pattern/run.sh gives ward; prints one JSON line
with the answers and each round's wall-clock and thread-CPU seconds. JSON text parsing is
outside the timed region, as on the ward side (examples/pattern_bench.rs).

usage: reference.py corpus CORPUS.json ROUNDS | scale PATTERN BUNDLE.json ROUNDS
"""
import json
import sys
import time

from stix2matcher.matcher import match


def timed(rounds, work):
    wall, cpu, answer = [], [], None
    for _ in range(rounds):
        w, c = time.perf_counter(), time.thread_time()
        answer = work()
        cpu.append(time.thread_time() - c)
        wall.append(time.perf_counter() - w)
    return answer, wall, cpu


if sys.argv[1] == "corpus":
    cases = json.load(open(sys.argv[2]))

    def corpus_pass():
        matched = 0
        for case in cases:
            try:
                matched += bool(match(case["pattern"], [case["bundle"]], stix_version="2.1"))
            except Exception:
                pass  # the reference raises on a few inputs (see tests/differential.rs)
        return matched

    matched, wall, cpu = timed(int(sys.argv[3]), corpus_pass)
    print(json.dumps({"cases": len(cases), "matched": matched, "wall": wall, "cpu": cpu}))
else:
    bundle = json.load(open(sys.argv[3]))
    sdos, wall, cpu = timed(int(sys.argv[4]), lambda: match(sys.argv[2], [bundle], stix_version="2.1"))
    print(json.dumps({"matched": bool(sdos), "wall": wall, "cpu": cpu}))
