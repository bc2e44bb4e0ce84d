#!/usr/bin/env bash
# Benchmark: `vip --from lb-a` with 32 backends all silently dropped from the agent's side (lab `backend-drop all`):
# wall time of the API call (server plans, agent captures and probes the 32 servers in parallel, server probes the
# VIP, the agent's capture comes back and is read) against 1.3 × the probe timeout + one agent round trip (a job
# the agent's policy refuses at once: transport and parse alone). Needs root and the packaged app (mvn package).
#
#   bash bench/vip-from-bench.sh [RUNS] [TIMEOUT_MS]     (default 10 runs, 3000 ms)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
TIMEOUT_MS="${2:-3000}"
JAR="$(pwd)/target/quarkus-app/quarkus-run.jar"
LAB="src/test/lab/netlab.sh"
export NETLAB_ID=vfb
PORT=18092
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; bash "$LAB" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
bash "$LAB" up --backends 32 >/dev/null

in_ns() { local ns=$1; shift; ip netns exec "nc${NETLAB_ID}-$ns" "$@"; }
LOG=$(mktemp -d /tmp/vip-from-bench.XXXX)
NETCHECK_API_TOKEN=bench NETCHECK_AGENT_TOKENS=lb-a=t2 NETCHECK_STORE_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
  NETCHECK_CAPTURE_DIRECTORY="$LOG" QUARKUS_HTTP_PORT=$PORT in_ns client java -jar "$JAR" serve >"$LOG/server.log" 2>&1 &
PIDS+=($!)
NETCHECK_AGENT_TOKEN=t2 in_ns lb java -Dnetcheck.agent.reconnect-max=2s -Dnetcheck.policy.deny-cidrs=203.0.113.200/32 \
  -jar "$JAR" agent --connect "http://198.51.100.2:$PORT" --name lb-a >"$LOG/lb-a.log" 2>&1 &
PIDS+=($!)
n=0
for i in $(seq 1 120); do
  n=$(in_ns client curl -s -H 'Authorization: Bearer bench' "http://127.0.0.1:$PORT/api/v1/agents" 2>/dev/null \
      | grep -o '"name"' | wc -l || true)
  [ "$n" = 1 ] && break; sleep 1
done
[ "$n" = 1 ] || { echo "the agent did not connect; logs in $LOG" >&2; exit 1; }
bash "$LAB" haproxy http >/dev/null
bash "$LAB" backend-drop all >/dev/null

seconds() { # COMMAND → wall seconds of the API call; the body goes to $LOG/last.json
  in_ns client curl -s -o "$LOG/last.json" -w '%{time_total}' -H 'Authorization: Bearer bench' \
    -H 'Content-Type: application/json' -d "{\"command\":\"$1\"}" "http://127.0.0.1:$PORT/api/v1/checks"
}
BACKENDS=$(for k in $(seq 1 32); do printf '203.0.113.%d:80,' $((129 + k)); done | sed 's/,$//')
VIP="vip 203.0.113.10:80 --backends $BACKENDS --timeout ${TIMEOUT_MS}ms --from lb-a"
for i in 1 2 3; do seconds "$VIP" >/dev/null; seconds "tcp 203.0.113.200:80 --from lb-a" >/dev/null; done  # warm-up
grep -q '"lbSide"' "$LOG/last.json" 2>/dev/null || true
RTT=()
for i in $(seq 1 "$RUNS"); do RTT+=("$(seconds "tcp 203.0.113.200:80 --from lb-a")"); done
WALL=()
for i in $(seq 1 "$RUNS"); do
  WALL+=("$(seconds "$VIP")")
  grep -q '"lbSide"' "$LOG/last.json" || { echo "not a two-sided report: $(head -c 400 "$LOG/last.json")" >&2; exit 1; }
done
grep -o '"backends":"[0-9]*/32 UP"\|"outcome":"0/32 UP"' "$LOG/last.json" | head -1 >&2 || true
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1*1000} END {printf "%.0f %.0f %.0f\n", a[int((NR+1)/2)], a[NR], a[1]}'; }
read -r rtt50 rttmax rttmin < <(stats "${RTT[@]}")
read -r wall50 wallmax wallmin < <(stats "${WALL[@]}")
budget=$(awk -v t="$TIMEOUT_MS" -v r="$rtt50" 'BEGIN {printf "%.0f", 1.3 * t + r}')
echo "| runs | timeout ms | agent round trip p50 ms | vip --from wall min / p50 / max ms | budget 1.3 × timeout + round trip ms |"
echo "| --- | --- | --- | --- | --- |"
echo "| $RUNS | $TIMEOUT_MS | $rtt50 | $wallmin / $wall50 / $wallmax | $budget |"
awk -v w="$wallmax" -v b="$budget" 'BEGIN {exit !(w <= b)}' || { echo "over budget" >&2; exit 1; }
