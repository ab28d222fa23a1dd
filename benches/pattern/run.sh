#!/usr/bin/env bash
# ward's pattern engine beside stix2-matcher (PyPI) on the same inputs:
#  1. the differential corpus of crates/pattern/tests/py/corpus.py (seed 4, 700 cases);
#  2. one pattern against one bundle of N observed-data (default 100,000).
# usage: benches/pattern/run.sh [N]     (run from anywhere; needs .venv with stix2-matcher)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
py="${WARD_PYTHON:-$root/.venv/bin/python}"
n="${1:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p ward-pattern --example pattern_bench --manifest-path "$root/Cargo.toml"
bench="$root/target/release/examples/pattern_bench"

"$py" "$root/crates/pattern/tests/py/corpus.py" 4 700 > "$work/corpus.json"
echo "corpus (700 pattern/bundle pairs, parse + check + evaluate each):"
echo "  stix2-matcher: $("$py" "$root/benches/pattern/reference.py" corpus "$work/corpus.json")"
echo "  ward:          $("$bench" corpus "$work/corpus.json" 20)"

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
echo "1 pattern x $n observed-data ($pattern; JSON already parsed on both sides):"
echo "  stix2-matcher: $("$py" "$root/benches/pattern/reference.py" scale "$pattern" "$work/scale.json")"
echo "  ward:          $("$bench" scale "$pattern" "$work/scale.json" 5)"
