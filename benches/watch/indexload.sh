#!/usr/bin/env bash
# The local index's load with 1M indicators (issue 21): peak memory (VmHWM) and wall and CPU
# time of
#   1. `ward scan` with no cache (`--no-index-cache`: the index built from the store),
#   2. `ward scan` with the cache current,
#   3. `ward watch` starting (cache current), and the same watch rebuilding its index after an
#      intel change: 10 new addresses imported by `ward import` while it runs.
#
#   benches/watch/indexload.sh [WORKDIR]
#   WARD_BIN=PATH runs that ward binary (default: target/release/ward, not built here).
#   PORT_OFFSET=N moves watch's health port (19180 + N) as in run.sh.
#
# Uses the 1M-address list and the data folder run.sh makes under WORKDIR (the same default).
# Every process runs under `timeout`; watch is stopped on exit (trap).
set -euo pipefail
WORK=${1:-"${TMPDIR:-/tmp}/ward-watch-bench"}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WARD=${WARD_BIN:-"$ROOT/target/release/ward"}
PORT_OFFSET=${PORT_OFFSET:-0}
HEALTH=$((19180 + PORT_OFFSET)) TCP=$((15514 + PORT_OFFSET))
mkdir -p "$WORK"
WATCH_PID=
cleanup() { [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2> /dev/null || true; wait 2> /dev/null || true; }
trap cleanup EXIT INT TERM

data="$WORK/data-1m"
if [ ! -f "$WORK/values-1m.txt" ] || [ ! -f "$data/.imported" ]; then
  echo "$WORK: make the inputs and the 1M data folder first with run.sh (PARTS=soak benches/watch/run.sh 0 $WORK)" >&2
  exit 1
fi

echo "== $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$WARD" --version)"
# One firewall line from an indicator address: the scan's own work is nothing.
line="$WORK/one-line.log"
echo "Dec  4 18:00:00 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= SRC=$(head -1 "$WORK/values-1m.txt") DST=10.1.2.3 LEN=60 PROTO=TCP SPT=40000 DPT=443" > "$line"
scan() {
  local label=$1
  shift
  /usr/bin/time -o "$WORK/time.out" -f "%e %U %S %M" timeout 900 "$WARD" --data "$data" scan "$@" "$line" > /dev/null 2>&1 || true
  read -r wall u s kb < "$WORK/time.out"
  printf '%-38s %7.2f s wall, %7.2f CPU-s, peak RSS (VmHWM) %6.0f MB\n' "$label" "$wall" "$(echo "$u + $s" | bc)" "$((kb / 1024))"
}
scan "scan, no cache (index built):" --no-index-cache
scan "scan, cache current:"

# ward watch: a syslog listener only (watch wants something to read), health on loopback.
cat > "$data/watch.toml" << EOF
alerts_file = "alerts.jsonl"
health_listen = "127.0.0.1:$HEALTH"
[[syslog]]
listen = "tcp://127.0.0.1:$TCP"
EOF
status() { awk -v k="$2" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
# Until watch says $1 on standard error (or stops: then what it said, and out).
wait_for() {
  until grep -q "$1" "$data/watch.err"; do
    kill -0 "$WATCH_PID" 2> /dev/null || { cat "$data/watch.err"; exit 1; }
    sleep 0.1
  done
}
t0=$(date +%s.%N)
timeout 900 "$WARD" --data "$data" watch 2> "$data/watch.err" &
WATCH_PID=$!
sleep 0.5
pid=$(pgrep -P "$WATCH_PID" | head -1 | grep . || echo "$WATCH_PID")
wait_for "indicator(s) loaded"
t1=$(date +%s.%N)
printf '%-38s %7.2f s wall, %7.2f CPU-s, peak RSS (VmHWM) %6s MB, RSS %s MB (%s)\n' "watch start, cache current:" \
  "$(echo "$t1 - $t0" | bc)" "$(cpu_s "$pid")" "$(status "$pid" VmHWM)" "$(status "$pid" VmRSS)" \
  "$(grep -o '[0-9]* indicator(s) loaded[^;]*' "$data/watch.err")"
# New intel while it runs: 10 addresses not in the list (198.18.0.0/15 is outside it), other
# ones at each run (the same ones again would change nothing in the store).
seq 1 10 | sed "s/^/198.18.$(($(date +%s) / 60 % 256))./" > "$WORK/new-10.txt"
c0=$(cpu_s "$pid")
timeout 300 "$WARD" --data "$data" import --format text "$WORK/new-10.txt" > /dev/null
t2=$(date +%s.%N)
wait_for "intel changed"
t3=$(date +%s.%N)
printf '%-38s %7.2f s wall, %7.2f CPU-s, peak RSS (VmHWM) %6s MB, RSS %s MB (%s)\n' "watch, intel changed (index rebuilt):" \
  "$(echo "$t3 - $t2" | bc)" "$(echo "$(cpu_s "$pid") - $c0" | bc)" "$(status "$pid" VmHWM)" "$(status "$pid" VmRSS)" \
  "$(grep -o 'intel changed, [0-9]* indicator(s) loaded' "$data/watch.err" | tail -1)"
kill "$WATCH_PID" 2> /dev/null || true
wait "$WATCH_PID" 2> /dev/null || true
WATCH_PID=
echo "== done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
