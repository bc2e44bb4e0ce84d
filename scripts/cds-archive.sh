#!/usr/bin/env bash
# Makes the CLI's class-data archive (netcheck-cli.jsa beside quarkus-run.jar) with one training run: a vip
# check against two closed loopback ports, which loads what a real check loads — the parser, the probes,
# the capture (when allowed), the rules and both renderers — and nothing leaves this machine. The JVM
# writes the classes it loaded at exit (-XX:ArchiveClassesAtExit). Run by `mvn package` (skip with
# -Dnetcheck.cds.skip) and by the image build with the image's own JDK and path.
#
#   bash scripts/cds-archive.sh [QUARKUS_APP_DIR] [JAVA]
set -euo pipefail
app=$(cd "${1:-target/quarkus-app}" && pwd -P)
java=${2:-java}
rm -f "$app/netcheck-cli.jsa"
# Exit 1 is the expected verdict (nothing listens on ports 1 and 2); anything else is a failed training run.
set +e
"$java" -XX:ArchiveClassesAtExit="$app/netcheck-cli.jsa" -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$app/quarkus-run.jar" vip 127.0.0.1:1 --backends 127.0.0.1:2 --timeout 300ms --json \
  --pcap "$app/cds-training.pcap" >/dev/null 2>"$app/cds-training.log"
rc=$?
set -e
rm -f "$app/cds-training.pcap"
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "cds-archive: the training run failed (exit $rc):" >&2; cat "$app/cds-training.log" >&2; exit 1
fi
[ -s "$app/netcheck-cli.jsa" ] || { echo "cds-archive: no archive written" >&2; cat "$app/cds-training.log" >&2; exit 1; }
rm -f "$app/cds-training.log"
echo "cds-archive: $app/netcheck-cli.jsa ($(du -h "$app/netcheck-cli.jsa" | cut -f1))"
