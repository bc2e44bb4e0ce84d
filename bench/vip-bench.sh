#!/usr/bin/env bash
# Benchmark: time to verdict of `netcheck vip` over the lab (in a warm process, as the bot runs it, and
# from the CLI, which also pays JVM start-up), for 1, 8 and 32 backends, healthy and with
# every backend silently dropped, next to a sequential baseline of standard tools (nc -z then curl, one
# backend after another, as an engineer would by hand). Needs root (network namespaces) and the packaged
# app (mvn package). Prints a Markdown table; raw numbers go to bench/results/.
#
#   bash bench/vip-bench.sh [REPEATS]        (default 5 runs per netcheck figure; baseline runs once)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"
TIMEOUT_S=2                           # probe timeout for both netcheck and the baseline
JAR="target/quarkus-app/quarkus-run.jar"
LAB="src/test/lab/netlab.sh"
export NETLAB_ID="${NETLAB_ID:-bench}"   # another id (1-5 chars [a-z0-9]) keeps concurrent labs apart
OUT="bench/results"; mkdir -p "$OUT"
[ -f "$JAR" ] && [ -d target/test-classes/io/netcheck/bench ] || {
  echo "build first: mvn -B package -DskipTests (compiles the test-side bench harness too)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }

cleanup() { bash "$LAB" down >/dev/null 2>&1 || true; }
trap cleanup EXIT

in_client() { ip netns exec "nc${NETLAB_ID}-client" "$@"; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

backends() {
  local n=$1 list="" k
  for k in $(seq 1 "$n"); do list+="203.0.113.$((129 + k)):80,"; done
  echo "${list%,}"
}

# netcheck: in-process time to verdict (elapsedMs from the JSON) and wall clock including JVM start.
run_netcheck() {
  local n=$1 label=$2 i verdicts=() walls=() causes=()
  for i in $(seq 1 "$REPEATS"); do
    local t0 t1 json
    t0=$(now_ms)
    json=$(in_client java -jar "$JAR" vip 203.0.113.10:80 --backends "$(backends "$n")" \
      --timeout "${TIMEOUT_S}s" --json --pcap "/tmp/netcheck-bench.pcap" || true)
    t1=$(now_ms)
    verdicts+=("$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["elapsedMs"])')")
    causes+=("$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"]["cause"])')")
    walls+=("$((t1 - t0))")
  done
  local v w
  v=$(printf '%s\n' "${verdicts[@]}" | median)
  w=$(printf '%s\n' "${walls[@]}" | median)
  echo "$label n=$n verdict_ms=${verdicts[*]} wall_ms=${walls[*]} cause=${causes[0]}" >> "$OUT/raw.txt"
  echo "$v $w ${causes[0]}"
}

# The same check repeated in one warm JVM (what the Slack bot sees): median of RUNS after WARMUP runs.
run_warm() {
  local n=$1 line
  line=$(in_client java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
    io.netcheck.bench.WarmVipBench 203.0.113.10:80 "$(backends "$n")" "$((TIMEOUT_S * 1000))" 5 "$REPEATS")
  echo "warm n=$n $line" >> "$OUT/raw.txt"
  echo "$line" | cut -d' ' -f2- | tr ' ' '\n' | median
}

# Baseline: VIP then each backend, one after another: nc -z -w T, and curl -m T only if nc connected.
run_baseline() {
  local n=$1 t0 t1 k host
  t0=$(now_ms)
  for host in 203.0.113.10 $(for k in $(seq 1 "$n"); do echo "203.0.113.$((129 + k))"; done); do
    if in_client nc -z -w "$TIMEOUT_S" "$host" 80 2>/dev/null; then
      in_client curl -s -o /dev/null -m "$TIMEOUT_S" "http://$host/" || true
    fi
  done
  t1=$(now_ms)
  echo "baseline n=$n wall_ms=$((t1 - t0))" >> "$OUT/raw.txt"
  echo "$((t1 - t0))"
}

: > "$OUT/raw.txt"
echo "| backends | scenario | warm process: time to verdict (median ms) | CLI: time to verdict (median ms) | CLI: wall incl. JVM start (median ms) | sequential nc+curl (ms) | verdict |"
echo "|---:|---|---:|---:|---:|---:|---|"
for n in 1 8 32; do
  cleanup
  bash "$LAB" up --backends "$n" >/dev/null
  bash "$LAB" haproxy http --check >/dev/null
  sleep 1
  read -r v w cause < <(run_netcheck "$n" healthy)
  warm=$(run_warm "$n")
  b=$(run_baseline "$n")
  echo "| $n | healthy | $warm | $v | $w | $b | $cause |"

  bash "$LAB" backend-drop all >/dev/null
  sleep 2   # health checks (1 s connect timeout) mark the dropped servers down
  read -r v w cause < <(run_netcheck "$n" dropped)
  warm=$(run_warm "$n")
  b=$(run_baseline "$n")
  echo "| $n | all backends dropped (timeout ${TIMEOUT_S}s) | $warm | $v | $w | $b | $cause |"
done
rm -f /tmp/netcheck-bench.pcap
