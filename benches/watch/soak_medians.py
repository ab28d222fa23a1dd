#!/usr/bin/env python3
"""Summarizes the soak of `benches/watch/run.sh` from its output (saved to a file).

    python3 benches/watch/soak_medians.py RUN_OUTPUT [RUN_OUTPUT...]

For each file: the medians of RSS and RssAnon over each twelfth of the samples (5 minutes of
an hour's soak), and the change over the last 30 minutes (sixth twelfth to the last), which the
< 2 % rule of issue 21 is judged on; then the latency probe lines.
"""
import statistics
import sys


def series(lines, prefix):
    for line in lines:
        if line.strip().startswith(prefix):
            return [int(x) for x in line.split(":", 1)[1].split()]
    return []


def twelfths(samples):
    per = len(samples) / 12
    return [statistics.median(samples[int(i * per):int((i + 1) * per)]) for i in range(12)]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        lines = open(path, encoding="utf-8").read().splitlines()
        rss = series(lines, "RSS MB every 5 s")
        anon = series(lines, "of which RssAnon MB")
        if len(rss) < 12:
            print(f"{path}: fewer than 12 RSS samples (was the soak part run?)")
            continue
        print(f"{path}: {len(rss)} samples")
        for name, samples in (("RSS", rss), ("RssAnon", anon)):
            if len(samples) < 12:
                continue
            m = twelfths(samples)
            change = 100 * (m[11] - m[6]) / m[6]
            print(f"  {name} medians (MB): {' '.join(f'{x:g}' for x in m)}; "
                  f"last 30 min {m[6]:g} -> {m[11]:g} ({change:+.2f} %)")
        for line in lines:
            if "latency" in line:
                print("  " + line.strip())


if __name__ == "__main__":
    main()
