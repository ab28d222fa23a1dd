#!/usr/bin/env bash
# Benchmark of `ward scan`'s engine (ward-detect) beside `rg -F -f` and `cat`.
#
#   benches/detect/run.sh [LOG_MB] [WORKDIR] [RUNS]
#
# Generates Zeek TSV (conn, dns, http) and Suricata EVE logs of about LOG_MB megabytes (default
# 520) with 1 line in 2000 carrying an indicator value, intel of 100k and 1M mixed indicators
# (IPv4, /24 blocks, domains, URLs, SHA-256, e-mail), then times, RUNS times each (default 3,
# interleaved so that a burst of other work on the machine hits every contender alike):
#   - cat of the logs (the ceiling: reading from page cache),
#   - rg -F -f over the 100k indicator values on one core,
#   - the detect engine with 100k and 1M indicators, 1 thread and 2 threads,
# and prints the median wall and CPU (user + sys) time of each, then loads the 1M-indicator
# index cache and reports its load time and memory per indicator.
# Needs ripgrep (apt-get install ripgrep). Files go to WORKDIR (default /tmp/ward-detect-bench).
set -euo pipefail
MB=${1:-520}
WORK=${2:-/tmp/ward-detect-bench}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$WORK"
cargo build --release -q -p ward-detect --example detect_bench --manifest-path "$ROOT/Cargo.toml"
BENCH="$ROOT/target/release/examples/detect_bench"

mkdir -p "$WORK/100k" "$WORK/1m"
[ -f "$WORK/100k/index-100000.idx" ] || "$BENCH" intel 100000 "$WORK/100k"
[ -f "$WORK/1m/index-1000000.idx" ] || "$BENCH" intel 1000000 "$WORK/1m"
[ -f "$WORK/eve.json" ] || "$BENCH" logs "$MB" "$WORK" 1000000
LOGS=("$WORK/conn.log" "$WORK/dns.log" "$WORK/http.log" "$WORK/eve.json")
SIZE=$(du -cb "${LOGS[@]}" | tail -1 | cut -f1)
echo "logs: $SIZE bytes; runs: $RUNS; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "${LOGS[@]}" > /dev/null   # warm the page cache

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# One timed run: appends "wall cpu maxrss_kb" to $OUT/<name>.
run() {
  local name=$1
  shift
  /usr/bin/time -o "$OUT/t" -f "%e %U %S %M" "$@" > /dev/null 2> "$OUT/err" || {
    cat "$OUT/err" >&2
    return 1
  }
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$OUT/t" >> "$OUT/$name"
  grep -h '^scan:' "$OUT/err" | tail -1 > "$OUT/$name.last" || true
}
for _ in $(seq "$RUNS"); do
  run cat cat "${LOGS[@]}"
  run rg rg -F -f "$WORK/100k/values.txt" -j1 --no-filename -c "${LOGS[@]}"
  for n in 100000 1000000; do
    dir=$([ $n = 100000 ] && echo 100k || echo 1m)
    for threads in 1 2; do
      run "detect-$dir-$threads" "$BENCH" scan "$WORK/$dir/index-$n.idx" $threads "${LOGS[@]}"
    done
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf "%-22s %8s %8s %10s %12s %9s\n" run "wall s" "CPU s" "MB/s wall" "MB/CPU-s" "RSS MB"
for name in cat rg detect-100k-1 detect-100k-2 detect-1m-1 detect-1m-2; do
  w=$(cut -d' ' -f1 "$OUT/$name" | median)
  c=$(cut -d' ' -f2 "$OUT/$name" | median)
  m=$(cut -d' ' -f3 "$OUT/$name" | median)
  printf "%-22s %8s %8s %10.0f %12.0f %9.0f\n" "$name" "$w" "$c" \
    "$(echo "$SIZE / 1000000 / $w" | bc -l)" "$(echo "$SIZE / 1000000 / $c" | bc -l)" \
    "$(echo "$m / 1024" | bc -l)"
done
for name in rg detect-100k-1 detect-1m-1; do
  echo "$name: all runs (wall CPU RSS_KB): $(tr '\n' ';' < "$OUT/$name")"
done
echo "alerts: 100k $(cat "$OUT/detect-100k-1.last"); 1M $(cat "$OUT/detect-1m-1.last")"
rg_c=$(cut -d' ' -f2 "$OUT/rg" | median)
rg_w=$(cut -d' ' -f1 "$OUT/rg" | median)
d_c=$(cut -d' ' -f2 "$OUT/detect-100k-1" | median)
d_w=$(cut -d' ' -f1 "$OUT/detect-100k-1" | median)
printf "100k indicators, 1 thread vs rg -j1: %.1fx per CPU-second, %.1fx wall\n" \
  "$(echo "$rg_c / $d_c" | bc -l)" "$(echo "$rg_w / $d_w" | bc -l)"
"$BENCH" load "$WORK/1m/index-1000000.idx"
