#!/usr/bin/env bash
# Import and export throughput of the member toolkit on a generated feed.
# Usage: benches/feeds/run.sh [N]   (N entries, default 100000; bounded, runs in minutes)
# Uses the ward binary at $WARD_BIN, else target/release/ward, else target/debug/ward.
set -euo pipefail
N=${1:-100000}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${WARD_BIN:-}
[ -z "$bin" ] && [ -x "$root/target/release/ward" ] && bin="$root/target/release/ward"
[ -z "$bin" ] && bin="$root/target/debug/ward"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$N" > "$work/feed.txt" <<'PY'
import sys
n = int(sys.argv[1])
for i in range(n):
    if i % 2:
        print(f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}")
    else:
        print(f"host{i}.bad-{i % 997}.example")
PY
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "binary: $bin"
echo "entries: $N"
imp=$(t "$bin" --data "$work/data" import --format text "$work/feed.txt")
echo "import (text): ${imp}s, $(echo "$N / $imp" | bc) entries/s"
again=$(t "$bin" --data "$work/data" import --format text "$work/feed.txt")
echo "re-import (unchanged): ${again}s"
for f in plain-ip rpz suricata zeek-intel; do
  s=$(t "$bin" --data "$work/data" export --format "$f" --out "$work/out.$f")
  echo "export $f: ${s}s"
done
