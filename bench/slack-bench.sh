#!/usr/bin/env bash
# Slack benchmark: ack latency of CONCURRENT (default 50) concurrent signed /netcheck commands against the
# packaged app (HTTP mode, fake Slack Web API on loopback, real probes and capture of loopback targets), the
# accepted runs completing, then the app's memory after RUNS (default 200) more completed runs. Memory is
# read from /proc/PID/status of the app process the bench started (VmRSS now, VmHWM = peak).
# Root gives real captures; without it the runs say capture is unavailable.
#
#   bash bench/slack-bench.sh [--chart-memory] [CONCURRENT] [RUNS]
#
# Extra JVM options for the app from BENCH_JVM_OPTS, e.g. BENCH_JVM_OPTS=-XX:NativeMemoryTracking=summary
# to get the native memory breakdown (bench/results/slack-nmt.txt) next to the heap histogram.
#
# --chart-memory starts the app as the Helm chart's container would size it: the JVM sees the chart's
# memory limit as the machine's memory (-XX:MaxRAM = resources.limits.memory), gets the chart's javaOpts
# (heap = MaxRAMPercentage of that), and the collector the JVM picks by itself in a container that small
# (Serial: under 2 GB it is not a "server class machine"; on this host it would pick G1). Both values are
# read from helm/netcheck/values.yaml, and so is mallocArenaMax, exported as MALLOC_ARENA_MAX as the chart sets
# it. This bounds the heap as in the pod; it does not enforce the limit on the whole process (no cgroup here):
# compare the peak RSS printed with the limit.
#
# BENCH_PORT: the app's HTTP port (default: a free one).
# BENCH_CLIENT=httpclient: send the burst through one java.net.http.HttpClient (as before 2026-12-04) instead of
# one connection and thread per request, each signed before the clock starts.
set -euo pipefail
cd "$(dirname "$0")/.."
jvm=()
if [ "${1:-}" = "--chart-memory" ]; then
  shift
  values=helm/netcheck/values.yaml
  # resources.limits.memory, e.g. 384Mi
  limit=$(awk '/^resources:/{r=1} r&&/^  limits:/{l=1;next} r&&l&&/^    memory:/{print $2; exit}' "$values")
  opts=$(sed -n 's/^javaOpts: *"\(.*\)"$/\1/p' "$values")
  case "$limit" in
    *Mi) maxram="${limit%Mi}m" ;;
    *Gi) maxram="${limit%Gi}g" ;;
    *) echo "cannot read resources.limits.memory from $values (got '$limit')" >&2; exit 1 ;;
  esac
  # shellcheck disable=SC2206 # javaOpts is a list of JVM options separated by spaces, as the chart passes it
  jvm=("-XX:MaxRAM=$maxram" $opts "-XX:+UseSerialGC")
  # The chart's command also passes the server's class-data archive, which `mvn package` makes here too.
  if [ -f target/quarkus-app/netcheck-server.jsa ]; then
    jvm+=("-XX:SharedArchiveFile=$PWD/target/quarkus-app/netcheck-server.jsa" "-Xshare:auto")
  else
    echo "no target/quarkus-app/netcheck-server.jsa (packaged with -Dnetcheck.cds.skip?): running without it" >&2
  fi
  arenas=$(sed -n 's/^mallocArenaMax: *"\{0,1\}\([0-9]*\)"\{0,1\} *$/\1/p' "$values")
  if [ -n "$arenas" ]; then export MALLOC_ARENA_MAX="$arenas"; else unset MALLOC_ARENA_MAX; fi
  echo "chart memory: limits.memory=$limit javaOpts=\"$opts\" mallocArenaMax=${arenas:-(glibc default)} -> app JVM: ${jvm[*]}"
fi
# shellcheck disable=SC2206 # a list of JVM options separated by spaces
[ -n "${BENCH_JVM_OPTS:-}" ] && jvm+=(${BENCH_JVM_OPTS})
mkdir -p bench/results
[ -f target/quarkus-app/quarkus-run.jar ] && [ -f target/test-classes/io/netcheck/slack/SlackAckBench.class ] || {
  echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
  io.netcheck.slack.SlackAckBench "$PWD/target/quarkus-app/quarkus-run.jar" "${1:-50}" "${2:-200}" ${jvm[@]+"${jvm[@]}"}
