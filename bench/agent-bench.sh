#!/usr/bin/env bash
# Benchmark: round trip of an agent job (server sends the job → agent parses and runs it → result back),
# p50/p99 from the server's netcheck_agent_job_seconds{agent}. Two agents on one server in the lab's client
# namespace: lo-a on the same host (loopback WebSocket) and lb-a in the load balancer's namespace (two
# routed hops). Two jobs: one the agent's own policy refuses at once (the transport and the parse alone),
# and a real `tcp` to a backend without capture. Needs root and the packaged app (mvn package).
#
#   bash bench/agent-bench.sh [JOBS]        (default 200 jobs per agent and kind)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${1:-200}"
JAR="$(pwd)/target/quarkus-app/quarkus-run.jar"
LAB="src/test/lab/netlab.sh"
export NETLAB_ID=agb
PORT=18091
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; bash "$LAB" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
bash "$LAB" up --backends 1 >/dev/null

in_ns() { local ns=$1; shift; ip netns exec "nc${NETLAB_ID}-$ns" "$@"; }
LOG=$(mktemp -d /tmp/agent-bench.XXXX)
NETCHECK_API_TOKEN=bench NETCHECK_AGENT_TOKENS=lo-a=t1,lb-a=t2 NETCHECK_STORE_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
  QUARKUS_HTTP_PORT=$PORT in_ns client java -jar "$JAR" serve >"$LOG/server.log" 2>&1 &
PIDS+=($!)
agent() { # NS NAME TOKEN URL
  NETCHECK_AGENT_TOKEN=$3 in_ns "$1" java -Dnetcheck.agent.reconnect-max=2s \
    -Dnetcheck.policy.deny-cidrs=203.0.113.200/32 -jar "$JAR" agent --connect "$4" --name "$2" >"$LOG/$2.log" 2>&1 &
  PIDS+=($!)
}
agent client lo-a t1 "http://127.0.0.1:$PORT"
agent lb lb-a t2 "http://198.51.100.2:$PORT"
api() { in_ns client curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer bench' \
  -H 'Content-Type: application/json' -d "{\"command\":\"$1\"}" "http://127.0.0.1:$PORT/api/v1/checks"; }
for i in $(seq 1 120); do
  n=$(in_ns client curl -s -H 'Authorization: Bearer bench' "http://127.0.0.1:$PORT/api/v1/agents" 2>/dev/null \
      | grep -o '"name"' | wc -l || true)
  [ "$n" = 2 ] && break; sleep 1
done
[ "$n" = 2 ] || { echo "agents did not connect; logs in $LOG" >&2; exit 1; }

quantiles() { # AGENT OUTCOME → "p50 p99" in ms
  in_ns client curl -s "http://127.0.0.1:$PORT/q/metrics" | awk -v a="agent=\"$1\"" -v o="outcome=\"$2\"" '
    /^netcheck_agent_job_seconds\{/ && index($0, a) && index($0, o) && /quantile="0.5"/ {p50=$2*1000}
    /^netcheck_agent_job_seconds\{/ && index($0, a) && index($0, o) && /quantile="0.99"/ {p99=$2*1000}
    END {printf "%.1f %.1f\n", p50, p99}'
}
echo "| agent | job | jobs | p50 ms | p99 ms |"
echo "| --- | --- | --- | --- | --- |"
for kind in refused tcp; do
  for a in lo-a lb-a; do
    cmd="tcp 203.0.113.200:80 --from $a"
    [ "$kind" = tcp ] && cmd="tcp 203.0.113.130:80 --no-capture --from $a"
    for i in 1 2 3 4 5 6 7 8 9 10; do api "$cmd" >/dev/null; done   # warm-up (JIT), not counted below
    # (the timer's percentiles cover the last 2 minutes: the 10 warm-up jobs are in them, swamped by JOBS)
    for i in $(seq 1 "$JOBS"); do api "$cmd" >/dev/null; done
    read -r p50 p99 < <(quantiles "$a" "$([ "$kind" = tcp ] && echo ok || echo policy)")
    echo "| $a | $kind | $JOBS | $p50 | $p99 |"
  done
done
