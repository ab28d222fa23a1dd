#!/usr/bin/env bash
# ward's pattern engine beside stix2-matcher (PyPI) on the same inputs:
#  1. the differential corpus of crates/pattern/tests/py/corpus.py (seed 4, 700 cases);
#  2. one pattern against one bundle of N observed-data (default 100,000).
# Each engine runs several rounds in one process (warm, as a long-lived matcher would be),
# timed per round in wall-clock and thread-CPU seconds; JSON text parsing is outside the
# timed region on both sides. The two engines alternate, TRIALS times (default 3), and the
# ratio is taken per trial (median round against median round) and reported as the median.
# usage: benches/pattern/run.sh [N] [TRIALS]   (run from anywhere; needs .venv with stix2-matcher)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
py="${WARD_PYTHON:-$root/.venv/bin/python}"
n="${1:-100000}"
trials="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p ward-pattern --example pattern_bench --manifest-path "$root/Cargo.toml"
bench="$root/target/release/examples/pattern_bench"

"$py" "$root/crates/pattern/tests/py/corpus.py" 4 700 > "$work/corpus.json"
"$py" - "$n" > "$work/scale.json" <<'PY'
import json, sys
n = int(sys.argv[1])
objects = []
for i in range(n):
    ip = "ipv4-addr--00000000-0000-4000-8000-%012d" % i
    objects.append({"type": "observed-data", "spec_version": "2.1",
                    "id": "observed-data--00000000-0000-4000-8000-%012d" % i,
                    "created": "2024-03-01T00:00:00.000Z", "modified": "2024-03-01T00:00:00.000Z",
                    "first_observed": "2024-03-01T12:00:00Z", "last_observed": "2024-03-01T12:00:00Z",
                    "number_observed": 1, "object_refs": [ip]})
    objects.append({"type": "ipv4-addr", "spec_version": "2.1", "id": ip,
                    "value": "10.%d.%d.%d" % (i >> 16 & 255, i >> 8 & 255, i & 255)})
json.dump({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": objects}, sys.stdout)
PY
pattern="[ipv4-addr:value = '10.0.200.7' OR ipv4-addr:value ISSUBSET '10.1.2.0/24']"

for t in $(seq "$trials"); do
  "$py" "$root/benches/pattern/reference.py" corpus "$work/corpus.json" 3 >> "$work/py_corpus"
  "$bench" corpus "$work/corpus.json" 20 >> "$work/ward_corpus"
  "$py" "$root/benches/pattern/reference.py" scale "$pattern" "$work/scale.json" 2 >> "$work/py_scale"
  "$bench" scale "$pattern" "$work/scale.json" 10 >> "$work/ward_scale"
done

"$py" - "$work" "$n" "$pattern" <<'PY'
import json, statistics, sys
work, n, pattern = sys.argv[1], int(sys.argv[2]), sys.argv[3]
med = statistics.median
def runs(name):
    return [json.loads(line) for line in open(f"{work}/{name}")]
def report(title, py, ward, extra=""):
    print(title)
    for clock in ("cpu", "wall"):
        ratios = [med(p[clock]) / med(w[clock]) for p, w in zip(py, ward)]
        p_all = med([x for r in py for x in r[clock]])
        w_all = med([x for r in ward for x in r[clock]])
        print(f"  {clock:4}: stix2-matcher {p_all:.4f} s, ward {w_all:.5f} s per round (medians); "
              f"ratio per trial {', '.join(f'{r:.0f}x' for r in ratios)}; median {med(ratios):.0f}x")
    print(f"  first round (cold caches): stix2-matcher {med([r['wall'][0] for r in py]):.4f} s, "
          f"ward {med([r['wall'][0] for r in ward]):.5f} s wall{extra}")
pc, wc = runs("py_corpus"), runs("ward_corpus")
report(f"corpus, 700 pattern/bundle pairs (parse + check + evaluate each); matched: "
       f"stix2-matcher {pc[0]['matched']}, ward {wc[0]['matched']}", pc, wc)
ps, ws = runs("py_scale"), runs("ward_scale")
two = [x for r in ws for x in r["two_step_cpu"]]
report(f"1 pattern x {n} observed-data ({pattern}); matched: stix2-matcher {ps[0]['matched']}, "
       f"ward {ws[0]['matched']} ({ws[0]['observed_data']} observed-data)", ps, ws,
       f"; ward through Observations + Matcher::evaluate: {med(two):.5f} s cpu per round")
PY
