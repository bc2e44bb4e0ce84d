#!/usr/bin/env bash
# Slack benchmark: ack latency of 50 concurrent signed /netcheck commands against the packaged app (HTTP
# mode, fake Slack Web API on loopback, real probes and capture of loopback targets), then the app's memory
# after 200 completed runs. Root gives real captures; without it the runs say capture is unavailable.
#   bash bench/slack-bench.sh [CONCURRENT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
[ -f target/quarkus-app/quarkus-run.jar ] && [ -f target/test-classes/io/netcheck/slack/SlackAckBench.class ] || {
  echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
  io.netcheck.slack.SlackAckBench target/quarkus-app/quarkus-run.jar "${1:-50}" "${2:-200}"
