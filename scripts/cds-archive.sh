#!/usr/bin/env bash
# Makes the CLI's class-data archive (netcheck-cli.jsa in the quarkus-app directory) with one training run of
# the launcher (src/main/bin/netcheck, so the same class path and main as a real check): a vip check against
# two closed loopback ports, which loads what a real check loads — the parser, the probes, the capture (when
# allowed), the rules and both renderers — and nothing leaves this machine. The JVM writes the classes it
# loaded at exit (-XX:ArchiveClassesAtExit). Run by `mvn package` (skip with -Dnetcheck.cds.skip) and by the
# image build with the image's own JDK, path and launcher.
#
#   bash scripts/cds-archive.sh [QUARKUS_APP_DIR] [JAVA] [LAUNCHER]
set -euo pipefail
app=$(cd "${1:-target/quarkus-app}" && pwd -P)
java=${2:-java}
launcher=${3:-$(dirname "$0")/../src/main/bin/netcheck}
rm -f "$app/netcheck-cli.jsa"
# Exit 1 is the expected verdict (nothing listens on ports 1 and 2); anything else is a failed training run.
set +e
NETCHECK_APP="$app" NETCHECK_JAVA="$java" NETCHECK_LEAN=1 \
  NETCHECK_CDS="-XX:ArchiveClassesAtExit=$app/netcheck-cli.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
  sh "$launcher" vip 127.0.0.1:1 --backends 127.0.0.1:2 --timeout 300ms --json \
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
