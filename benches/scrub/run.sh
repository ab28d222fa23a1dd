#!/bin/sh
# The scrubbing benchmark: ward-scrub beside scrubadub (PyPI) on the same generated corpus
# of 300 incident narratives. Prints one JSON line per tool. Bounded: a few seconds each.
#
#   sh benches/scrub/run.sh [SECONDS]
#
# Python: $WARD_PYTHON, else .venv/bin/python at the workspace root.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-3}
py=${WARD_PYTHON:-$root/.venv/bin/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
cargo run -q --release -p ward-scrub --example scrub_corpus -- "$tmp/corpus.jsonl" 300
cargo run -q --release -p ward-scrub --example scrub_bench -- "$tmp/corpus.jsonl" "$secs"
"$py" benches/scrub/scrubadub_bench.py "$tmp/corpus.jsonl" "$secs"
"$py" benches/scrub/scrubadub_bench.py "$tmp/corpus.jsonl" "$secs" --with-dob
