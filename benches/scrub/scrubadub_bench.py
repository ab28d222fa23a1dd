"""scrubadub's half of the scrubbing benchmark.

Reads the JSON-lines corpus written by `scrub_corpus`, measures identifier recall and
indicators kept by character spans (an identifier counts as found when every character of
it lies inside some filth span; an indicator is kept when no filth span touches it), then
throughput of `Scrubber.clean` over repeated passes. Prints one JSON line.

usage: scrubadub_bench.py CORPUS.jsonl [SECONDS] [--with-dob]
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import scrubadub  # noqa: E402


def main():
    path = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else 3.0
    with_dob = "--with-dob" in sys.argv
    docs = [json.loads(line) for line in open(path, encoding="utf-8")]
    scrubber = scrubadub.Scrubber(locale="en_US")
    if with_dob:
        scrubber.add_detector("date_of_birth")
    found = total = kept = ind_total = 0
    for d in docs:
        spans = [(f.beg, f.end) for f in scrubber.iter_filth(d["text"])]
        for s, e, _ in d["identifiers"]:
            total += 1
            if all(any(fs <= c < fe for fs, fe in spans) for c in range(s, e)):
                found += 1
        for s, e, _ in d["indicators"]:
            ind_total += 1
            if not any(fs < e and s < fe for fs, fe in spans):
                kept += 1
    size = sum(len(d["text"].encode("utf-8")) for d in docs)
    passes = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for d in docs:
            scrubber.clean(d["text"])
        passes += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "tool": "scrubadub " + scrubadub.__version__ + (" +date_of_birth" if with_dob else ""),
        "docs": len(docs),
        "bytes": size,
        "passes": passes,
        "seconds": elapsed,
        "mb_per_s": size * passes / elapsed / 1e6,
        "docs_per_s": len(docs) * passes / elapsed,
        "recall": found / total,
        "identifiers": total,
        "indicators_kept": kept / ind_total,
        "indicators": ind_total,
    }))


if __name__ == "__main__":
    main()
