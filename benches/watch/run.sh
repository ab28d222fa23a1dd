#!/usr/bin/env bash
# Benchmark of `ward watch`'s syslog receiver beside CrowdSec 1.4 on the same lines.
#
#   benches/watch/run.sh [SOAK_SECONDS] [WORKDIR] [SOAK_RATE]
#   PARTS="sender ward soak crowdsec" (the default: all) runs only the parts named.
#   WARD_BIN=PATH runs that ward binary instead of building target/release/ward.
#   WARD_FEATURES="system-alloc" builds ward with those cargo features (system-alloc: the C
#   allocator, so heaptrack sees every allocation). PORT_OFFSET=N moves the three ports by N,
#   so two runs can share a machine.
#
# Lines: the kernel's netfilter log (`kern.log`, `[UFW BLOCK] IN=eth0 OUT= MAC=... SRC=...
# DST=...`), 254 bytes each, one in 1000 from an indicator address. Both read it: ward as a
# syslog line whose message names the addresses, CrowdSec with the hub's
# crowdsecurity/syslog-logs + crowdsecurity/iptables-logs parsers.
#
# What it measures, every process under `timeout` and killed on exit (trap):
#   1. the sender alone, into a sink that only counts (its ceiling);
#   2. ward watch with 1M and with 10k indicators (a text list of IPv4 imported once):
#      100k and 1M lines over TCP (LF frames; TCP slows the sender when ward's queue is full,
#      so this is ward's ceiling) and 1M over UDP at full speed and paced to 100k lines/s
#      (datagrams that find the queue full are dropped and counted). Lines processed are
#      `ward_watch_lines_read_total` of /metrics, CPU seconds the process's utime+stime
#      from /proc (all threads), so lines per CPU-second is the one-core figure;
#   3. a soak of SOAK_SECONDS (default 300; 3600 for an hour) at SOAK_RATE lines/s (default
#      20000) over TCP with 1M indicators: RSS every 5 s, and line-to-alert latency (200
#      indicator lines, 50 ms apart, each timed from its send to its line in the alerts file,
#      polled every millisecond) at the start and at the end of the soak;
#   4. CrowdSec's replay (`crowdsec -dsn file://... -type syslog`, with its own local API on
#      loopback, no Central API) of 20k and 100k of the same lines, parsers only and with
#      the crowdsecurity/iptables-scan-multi_ports scenario; wall and CPU from /usr/bin/time.
#
# Needs python3, curl, rustc; installs the Debian package crowdsec if it is missing, with
# Central API registration turned off (no network needed) and its service left disabled.
set -euo pipefail
SOAK=${1:-300}
WORK=${2:-"${TMPDIR:-/tmp}/ward-watch-bench"}
SOAK_RATE=${3:-20000}
PARTS=${PARTS:-sender ward soak crowdsec}
part() { [[ " $PARTS " == *" $1 "* ]]; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap cleanup EXIT INT TERM

if [ -z "${WARD_BIN:-}" ] && { part ward || part soak; }; then
  CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release -q -p ward-cli \
    --manifest-path "$ROOT/Cargo.toml" ${WARD_FEATURES:+--features "$WARD_FEATURES"}
fi
WARD=${WARD_BIN:-"$ROOT/target/release/ward"}
SEND="$WORK/syslog_send"
rustc --edition 2021 -O "$ROOT/benches/watch/syslog_send.rs" -o "$SEND"

if ! command -v crowdsec > /dev/null; then
  # A non-empty Central API credentials file before the install is how the Debian package
  # is told not to register online (its postinst would fail without network).
  mkdir -p /etc/crowdsec
  [ -s /etc/crowdsec/online_api_credentials.yaml ] ||
    echo "# no Central API: offline benchmark" > /etc/crowdsec/online_api_credentials.yaml
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y crowdsec > "$WORK/apt.log"
  systemctl disable --now crowdsec 2> /dev/null || true
fi

# Inputs, made once.
if [ ! -f "$WORK/values-1m.txt" ]; then
  python3 - "$WORK/values-1m.txt" << 'PY'
import random, sys
r, seen = random.Random(7), set()
with open(sys.argv[1], "w") as f:
    while len(seen) < 1_000_000:
        ip = "%d.%d.%d.%d" % (11 + r.randrange(180), r.randrange(256), r.randrange(256),
                              1 + r.randrange(254))
        if ip not in seen:
            seen.add(ip)
            f.write(ip + "\n")
PY
fi
head -10000 "$WORK/values-1m.txt" > "$WORK/values-10k.txt"
for n in 20000 100000 1000000; do
  [ -f "$WORK/lines-$n.log" ] || "$SEND" gen $n "$WORK/values-1m.txt" 1000 "$WORK/lines-$n.log"
done

for size in 1m 10k; do
  part ward || part soak || break
  data="$WORK/data-$size"
  if [ ! -f "$data/.imported" ]; then
    rm -rf "$data"
    /usr/bin/time -f "import $size: %e s wall, %U+%S CPU-s, %M KB peak" \
      timeout 900 "$WARD" --data "$data" import --format text "$WORK/values-$size.txt" > /dev/null
    touch "$data/.imported"
  fi
done

PORT_OFFSET=${PORT_OFFSET:-0}
HEALTH=$((19180 + PORT_OFFSET)) TCP=$((15514 + PORT_OFFSET)) UDP=$((15515 + PORT_OFFSET))
# Writes watch.toml for the data folder $1.
configure() {
  cat > "$1/watch.toml" << EOF
alerts_file = "alerts.jsonl"
health_listen = "127.0.0.1:$HEALTH"
[[syslog]]
listen = "tcp://127.0.0.1:$TCP"
[[syslog]]
listen = "udp://127.0.0.1:$UDP"
EOF
}

WATCH_PID=
# Starts ward watch on data folder $1 (stopped by itself after an hour and a half at most)
# and waits until its index is loaded.
start_watch() {
  configure "$1"
  : > "$1/alerts.jsonl"
  timeout $((SOAK + 5400)) "$WARD" --data "$1" watch 2> "$1/watch.err" &
  WATCH_PID=$!
  PIDS+=("$WATCH_PID")
  for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$HEALTH/healthz" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  cat "$1/watch.err" >&2
  return 1
}
stop_watch() {
  kill "$WATCH_PID" 2> /dev/null || true
  wait "$WATCH_PID" 2> /dev/null || true
}
# ward's own /proc/PID/stat: utime + stime in seconds (the `timeout` wrapper is the parent;
# ward is its only child, whatever the binary's name).
ward_pid() { pgrep -P "$WATCH_PID" | head -1 | grep . || echo "$WATCH_PID"; }
cpu_s() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$(ward_pid)/stat"
}
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(ward_pid)/status"; }
# The most resident memory the process ever had (VmHWM): the index load's peak.
peak_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$(ward_pid)/status"; }
# The heap and other private memory (RssAnon), and the mapped files' part (RssFile).
anon_mb() { awk '/^RssAnon/ { printf "%.0f", $2 / 1024 }' "/proc/$(ward_pid)/status"; }
file_mb() { awk '/^RssFile/ { printf "%.0f", $2 / 1024 }' "/proc/$(ward_pid)/status"; }
# The local store's SQLite memory, from ward's own /metrics.
store_mb() {
  curl -sf "http://127.0.0.1:$HEALTH/metrics" |
    awk '/^ward_watch_store_memory_bytes/ { printf "%.0f", $NF / 1048576 }'
}
# Syslog lines matched so far (every format), and datagrams dropped.
processed() {
  curl -sf "http://127.0.0.1:$HEALTH/metrics" |
    awk '/^ward_watch_lines_read_total\{source="syslog/ { s += $NF } END { print s + 0 }'
}
# Messages dropped: by ward (a full queue) plus by the kernel (UDP buffer full).
dropped() {
  curl -sf "http://127.0.0.1:$HEALTH/healthz" |
    python3 -c 'import json,sys; print(sum(l["dropped"] + (l.get("kernel_dropped") or 0) for l in json.load(sys.stdin)["syslog"]))'
}

# One measured send: label, transport, file, rate (0 = as fast as it goes).
measure() {
  local label=$1 transport=$2 file=$3 rate=$4
  local n p0 d0 c0 t0 p t_last p_last idle c1 d1 sent
  n=$(wc -l < "$file")
  p0=$(processed) d0=$(dropped) c0=$(cpu_s) t0=$(date +%s.%N)
  sent=$(timeout 900 "$SEND" send "$transport" "127.0.0.1:$([ "$transport" = tcp ] && echo $TCP || echo $UDP)" "$file" "$rate")
  # Until every line is matched, or nothing moved for 3 s (UDP: the rest was dropped).
  p_last=$p0 t_last=$(date +%s.%N) idle=0
  while [ $((p_last - p0)) -lt "$n" ] && [ $idle -lt 60 ]; do
    sleep 0.05
    p=$(processed)
    if [ "$p" != "$p_last" ]; then p_last=$p t_last=$(date +%s.%N) idle=0; else idle=$((idle + 1)); fi
  done
  c1=$(cpu_s) d1=$(dropped)
  python3 - "$label" "$n" "$((p_last - p0))" "$((d1 - d0))" "$t0" "$t_last" "$c0" "$c1" "$sent" << 'PY'
import sys
label, n, done, dropped = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
wall = float(sys.argv[6]) - float(sys.argv[5])
cpu = float(sys.argv[8]) - float(sys.argv[7])
print(f"{label:34} {done:>8} of {n:>8} matched, {dropped:>7} dropped; {wall:6.2f} s wall, "
      f"{cpu:6.2f} CPU-s: {done / wall:>9,.0f} lines/s wall, {done / max(cpu, 0.01):>9,.0f} "
      f"lines/CPU-s  [{sys.argv[9]}]")
PY
}

echo "== $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if part sender; then
  echo "== the sender alone (into a counting sink)"
  "$SEND" sink 127.0.0.1:15599 30 > "$WORK/sink.out" &
  PIDS+=($!)
  sleep 0.3
  timeout 120 "$SEND" send tcp 127.0.0.1:15599 "$WORK/lines-1000000.log"
  wait "${PIDS[-1]}" || true
  cat "$WORK/sink.out"
fi

for size in 1m 10k; do
  part ward || break
  start_watch "$WORK/data-$size"
  echo "== ward watch, $(grep -o '[0-9]* indicator(s) loaded' "$WORK/data-$size/watch.err"), RSS $(rss_mb) MB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  measure "$size ind, TCP, 100k lines" tcp "$WORK/lines-100000.log" 0
  measure "$size ind, TCP, 1M lines" tcp "$WORK/lines-1000000.log" 0
  measure "$size ind, UDP, 1M lines, full speed" udp "$WORK/lines-1000000.log" 0
  measure "$size ind, UDP, 1M lines, 100k/s" udp "$WORK/lines-1000000.log" 100000
  echo "   alerts written: $(wc -l < "$WORK/data-$size/alerts.jsonl"), RSS $(rss_mb) MB"
  stop_watch
done

soak() {
echo "== soak: ${SOAK} s at ${SOAK_RATE} lines/s over TCP, 1M indicators"
start_watch "$WORK/data-1m"
"$SEND" latency "127.0.0.1:$TCP" "$WORK/data-1m/alerts.jsonl" "$WORK/values-1m.txt" 200 50 |
  sed 's/^/   idle: /'
c0=$(cpu_s)
timeout $((SOAK + 60)) "$SEND" send tcp "127.0.0.1:$TCP" "$WORK/lines-1000000.log" "$SOAK_RATE" > /dev/null &
SOAK_SENDER=$!
PIDS+=("$SOAK_SENDER")
# The 1M-line file lasts 1M / SOAK_RATE seconds; it is sent again until SOAK is over.
start=$(date +%s)
rss=() anon=() file=() store=()
while [ $(($(date +%s) - start)) -lt "$SOAK" ]; do
  if ! kill -0 "$SOAK_SENDER" 2> /dev/null; then
    timeout $((SOAK + 60)) "$SEND" send tcp "127.0.0.1:$TCP" "$WORK/lines-1000000.log" "$SOAK_RATE" > /dev/null &
    SOAK_SENDER=$!
    PIDS+=("$SOAK_SENDER")
  fi
  rss+=("$(rss_mb)") anon+=("$(anon_mb)") file+=("$(file_mb)") store+=("$(store_mb)")
  # Under load: 30 s in, and 15 s before the end; each probe with addresses of its own (a
  # repeat within the hour would be de-duplicated, so never alert).
  if [ $(($(date +%s) - start)) -ge 30 ] && [ -z "${early:-}" ]; then
    early=$("$SEND" latency "127.0.0.1:$TCP" "$WORK/data-1m/alerts.jsonl" "$WORK/values-1m.txt" 200 50 200 | sed 's/^/   under load, 30 s in: /')
  fi
  if [ $(($(date +%s) - start)) -ge $((SOAK - 15)) ] && [ -z "${late:-}" ]; then
    late=$("$SEND" latency "127.0.0.1:$TCP" "$WORK/data-1m/alerts.jsonl" "$WORK/values-1m.txt" 200 50 400 | sed 's/^/   under load, end of soak: /')
  fi
  sleep 5
done
kill "$SOAK_SENDER" 2> /dev/null || true
c1=$(cpu_s)
echo "${early:-   (soak too short for the latency probe under load)}"
echo "${late:-   (soak too short for the end-of-soak latency probe)}"
echo "   RSS MB every 5 s: ${rss[*]}"
echo "   of which RssAnon MB: ${anon[*]}"
echo "   of which RssFile MB: ${file[*]}"
echo "   the store's SQLite MB (inside RssAnon): ${store[*]}"
printf '   RSS start %s MB, end %s MB, max %s MB (peak since start, VmHWM: %s MB); %s lines matched, %.1f CPU-s over %s s\n' \
  "${rss[0]}" "${rss[-1]}" "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)" "$(peak_mb)" "$(processed)" \
  "$(echo "$c1 - $c0" | bc)" "$SOAK"
stop_watch
}
part soak && soak

crowdsec_replay() {
echo "== CrowdSec $(crowdsec -version 2>&1 | awk '/version:/ { print $NF }'), replay of the same lines"
CS="$WORK/crowdsec"
HUB=/usr/share/crowdsec/hub
if [ ! -f "$CS/config.yaml" ]; then
  mkdir -p "$CS/data"
  cp /usr/share/crowdsec/data/* "$CS/data/" 2> /dev/null || true
  for variant in etc etc-parse; do
    e="$CS/$variant"
    mkdir -p "$e/parsers/s00-raw" "$e/parsers/s01-parse" "$e/parsers/s02-enrich" "$e/scenarios" "$e/postoverflows"
    ln -sf "$HUB/parsers/s00-raw/crowdsecurity/syslog-logs.yaml" "$e/parsers/s00-raw/"
    ln -sf "$HUB/parsers/s01-parse/crowdsecurity/iptables-logs.yaml" "$e/parsers/s01-parse/"
    ln -sf "$HUB/parsers/s02-enrich/crowdsecurity/dateparse-enrich.yaml" "$e/parsers/s02-enrich/"
    ln -sfn /etc/crowdsec/patterns "$e/patterns"
    echo "simulation: off" > "$e/simulation.yaml"
    : > "$e/acquis.yaml"
  done
  ln -sf "$HUB/scenarios/crowdsecurity/iptables-scan-multi_ports.yaml" "$CS/etc/scenarios/"
  for variant in etc etc-parse; do
    cat > "$CS/config-$variant.yaml" << EOF
common:
  daemonize: false
  log_media: stdout
  log_level: warning
  working_dir: .
config_paths:
  config_dir: $CS/$variant/
  data_dir: $CS/data/
  simulation_path: $CS/$variant/simulation.yaml
  hub_dir: $HUB/
  index_path: $HUB/.index.json
crowdsec_service:
  acquisition_path: $CS/$variant/acquis.yaml
  parser_routines: 1
db_config:
  log_level: warning
  type: sqlite
  db_path: $CS/data/crowdsec.db
  use_wal: true
api:
  client:
    credentials_path: $CS/local_api_credentials.yaml
  server:
    log_level: warning
    listen_uri: 127.0.0.1:18080
    profiles_path: /etc/crowdsec/profiles.yaml
    trusted_ips: [127.0.0.1]
prometheus:
  enabled: false
EOF
  done
  timeout 60 cscli -c "$CS/config-etc.yaml" machines add bench --password "bench-$RANDOM-$RANDOM" \
    -f "$CS/local_api_credentials.yaml" > /dev/null 2>&1
  cp "$CS/config-etc.yaml" "$CS/config.yaml"
fi
for variant in etc-parse etc; do
  for n in 20000 100000; do
    name=$([ $variant = etc ] && echo "parsers + scan scenario" || echo "parsers only")
    /usr/bin/time -o "$WORK/cs.time" -f "%e %U %S %M" timeout 900 \
      crowdsec -c "$CS/config-$variant.yaml" -dsn "file://$WORK/lines-$n.log" -type syslog \
      > "$WORK/cs.out" 2>&1 || { tail -5 "$WORK/cs.out"; exit 1; }
    read -r wall u s kb < "$WORK/cs.time"
    python3 - "$name" "$n" "$wall" "$u" "$s" "$kb" << 'PY'
import sys
name, n, wall, u, s, kb = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:7])
cpu = u + s
print(f"crowdsec {name:24} {n:>7} lines: {wall:6.2f} s wall, {cpu:6.2f} CPU-s: "
      f"{n / wall:>7,.0f} lines/s wall, {n / cpu:>7,.0f} lines/CPU-s, peak RSS {kb / 1024:,.0f} MB "
      "(start-up of about 1.5 s included)")
PY
  done
done
}
part crowdsec && crowdsec_replay
echo "== done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
