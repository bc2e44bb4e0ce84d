#!/usr/bin/env bash
# Replicas benchmark (PostgreSQL store, clustered scheduler): watch runs per minute with 1 and with 3 replicas of
# the packaged app, every run hitting a fixed 1 s timeout (an HTTP server on loopback that answers after 5 s), more
# watches than one replica can run; then KILLS SIGKILLs of one replica while it runs watches, each timed until every
# watch it was running has run again on another replica (the failover time), the killed one restarted in between.
# A throwaway PostgreSQL (initdb/pg_ctl, scripts/install-deps.sh installs it) on 127.0.0.1:55432, the instances on
# 127.0.0.1:18310-18312, a fake Slack Web API on loopback. Logs: target/replicas-bench-*.log.
#
#   bash bench/replicas-bench.sh [WATCHES=90] [EVERY_SECONDS=5] [MEASURE_SECONDS=60] [KILLS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] && [ -f target/test-classes/io/netcheck/schedule/ReplicasBench.class ] || {
  echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
mkdir -p bench/results
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dnetcheck.app.jar=target/quarkus-app/quarkus-run.jar \
  -cp "target/test-classes:target/classes:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
  io.netcheck.schedule.ReplicasBench "${1:-90}" "${2:-5}" "${3:-60}" "${4:-5}" | tee bench/results/replicas.txt
