#!/usr/bin/env bash
# Agents on any replica: the latency a relayed job adds. Two packaged instances on a throwaway PostgreSQL
# (initdb/pg_ctl, scripts/install-deps.sh installs it) on 127.0.0.1:55441, the instances on 127.0.0.1:18402-18403,
# agent lb-a on loopback connected to instance 0. The same `tcp … --no-capture --from lb-a` through the check API of
# instance 0 (local) and of instance 1 (relayed through the store: job row, NOTIFY, claim, result, NOTIFY),
# alternately; client wall time, median and p90. Logs: target/agent-relay-bench-*.log.
#
#   bash bench/agent-relay-bench.sh [JOBS=50]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] && [ -f target/test-classes/io/netcheck/schedule/AgentRelayBench.class ] || {
  echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
mkdir -p bench/results
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dnetcheck.app.jar=target/quarkus-app/quarkus-run.jar \
  -cp "target/test-classes:target/classes:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
  io.netcheck.schedule.AgentRelayBench "${1:-50}" | tee bench/results/agent-relay.txt
