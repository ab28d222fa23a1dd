#!/usr/bin/env bash
# Benchmark of `ward scan`'s engine (ward-detect) beside `rg -F -f` and `cat`.
#
#   benches/detect/run.sh [LOG_MB] [WORKDIR]
#
# Generates Zeek TSV (conn, dns, http) and Suricata EVE logs of about LOG_MB megabytes (default
# 520) with 1 line in 2000 carrying an indicator value, intel of 100k and 1M mixed indicators
# (IPv4, /24 blocks, domains, URLs, SHA-256, e-mail), then times:
#   - cat of the logs (the ceiling: reading from page cache),
#   - rg -F -f over the 100k indicator values (one core and all cores),
#   - the detect engine with 100k and 1M indicators, 1 thread and 2 threads,
#   - loading the 1M-indicator index cache, and its memory per indicator.
# Needs ripgrep (apt-get install ripgrep). Files go to WORKDIR (default /tmp/ward-detect-bench).
set -euo pipefail
MB=${1:-520}
WORK=${2:-/tmp/ward-detect-bench}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$WORK"
cargo build --release -q -p ward-detect --example detect_bench --manifest-path "$ROOT/Cargo.toml"
BENCH="$ROOT/target/release/examples/detect_bench"

mkdir -p "$WORK/100k" "$WORK/1m"
[ -f "$WORK/100k/index-100000.idx" ] || "$BENCH" intel 100000 "$WORK/100k"
[ -f "$WORK/1m/index-1000000.idx" ] || "$BENCH" intel 1000000 "$WORK/1m"
[ -f "$WORK/eve.json" ] || "$BENCH" logs "$MB" "$WORK" 1000000
LOGS=("$WORK/conn.log" "$WORK/dns.log" "$WORK/http.log" "$WORK/eve.json")
du -cb "${LOGS[@]}" | tail -1

t() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
SIZE=$(du -cb "${LOGS[@]}" | tail -1 | cut -f1)
rate() { echo "scale=0; $SIZE / 1000000 / $1" | bc; }

cat "${LOGS[@]}" > /dev/null   # warm the page cache
s=$(t cat "${LOGS[@]}"); echo "cat: ${s}s = $(rate "$s") MB/s"
# Wall time and CPU time: the machine is shared, so MB per CPU-second is the steadier figure.
F="  %e s wall, %U s user, %S s sys, max RSS %M KB"
/usr/bin/time -f "rg -F -f (100k values, -j1):$F" rg -F -f "$WORK/100k/values.txt" -j1 --no-filename -c "${LOGS[@]}" > /dev/null
/usr/bin/time -f "rg -F -f (100k values, all cores):$F" rg -F -f "$WORK/100k/values.txt" --no-filename -c "${LOGS[@]}" > /dev/null
for n in 100000 1000000; do
  dir=$([ $n = 100000 ] && echo 100k || echo 1m)
  for threads in 1 2; do
    /usr/bin/time -f "$F" "$BENCH" scan "$WORK/$dir/index-$n.idx" $threads "${LOGS[@]}"
  done
done
"$BENCH" load "$WORK/1m/index-1000000.idx"
