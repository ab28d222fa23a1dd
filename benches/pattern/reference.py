"""Times stix2-matcher on the inputs benches/pattern/run.sh gives ward; prints one JSON line.

usage: reference.py corpus CORPUS.json | scale PATTERN BUNDLE.json
"""
import json
import sys
import time

from stix2matcher.matcher import match

if sys.argv[1] == "corpus":
    cases = json.load(open(sys.argv[2]))
    start = time.perf_counter()
    matched = 0
    for case in cases:
        try:
            matched += bool(match(case["pattern"], [case["bundle"]], stix_version="2.1"))
        except Exception:
            pass  # the reference raises on a few inputs (see tests/differential.rs)
    print(json.dumps({"cases": len(cases), "matched": matched, "seconds_per_pass": time.perf_counter() - start}))
else:
    bundle = json.load(open(sys.argv[3]))
    start = time.perf_counter()
    sdos = match(sys.argv[2], [bundle], stix_version="2.1")
    print(json.dumps({"matched": bool(sdos), "seconds": time.perf_counter() - start}))
