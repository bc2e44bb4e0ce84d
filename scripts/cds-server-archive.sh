#!/usr/bin/env bash
# Makes the server's class-data archive (netcheck-server.jsa in the quarkus-app directory) with one training run
# of the packaged app as the pod starts it (`java -jar QUARKUS_APP/quarkus-run.jar serve`): start-up (Quarkus,
# the store's migrations on a throwaway H2 file, Vert.x, REST), then one vip check through the check API against
# two closed loopback ports (parser, probes, capture when allowed, rules, JSON renderer). The JVM writes the
# classes it loaded at exit (-XX:ArchiveClassesAtExit, after SIGTERM as in a pod). With the archive the bot keeps
# about 10 MiB less anonymous memory (class metadata mapped from the file instead) and starts faster: README,
# "Start-up and memory". Nothing leaves this machine; Slack stays off (no credentials).
#
#   bash scripts/cds-server-archive.sh [QUARKUS_APP_DIR] [JAVA]
#
# Run by `mvn package` (skip with -Dnetcheck.cds.skip) and by the image build with the image's own JDK and path:
# an archive is only used by the JDK that made it, for the same -jar path (otherwise -Xshare:auto ignores it).
set -euo pipefail
app=$(cd "${1:-target/quarkus-app}" && pwd -P)
java=${2:-java}
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
rm -f "$app/netcheck-server.jsa"
token="training-$$-$RANDOM$RANDOM"
NETCHECK_STORE_URL="jdbc:h2:file:$work/netcheck" NETCHECK_CAPTURE_DIRECTORY="$work" QUARKUS_HTTP_PORT=0 \
  NETCHECK_API_TOKEN="$token" NETCHECK_POLICY_BUILTIN_DENY=169.254.0.0/16 MALLOC_ARENA_MAX=2 \
  "$java" -XX:ArchiveClassesAtExit="$app/netcheck-server.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$app/quarkus-run.jar" serve >"$work/log" 2>&1 &
pid=$!

fail() {
  echo "cds-server-archive: $1" >&2
  cat "$work/log" >&2
  exit 1
}

# Quarkus logs the port it bound ("Listening on: http://0.0.0.0:PORT").
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*Listening on: http:\/\/[^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the app exited during start-up"
  sleep 0.2
done
[ -n "$port" ] || fail "the app did not start within 60 s"

# One HTTP/1.1 request on loopback without curl (the image has bash, not necessarily curl); prints the answer.
request() {
  local method=$1 path=$2 body=${3:-}
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$method" "$path" "$token" "${#body}" "$body" >&3
  cat <&3
  exec 3<&-
}

ready=
for _ in $(seq 1 150); do
  if request GET /q/health/ready | head -n 1 | grep -q ' 200'; then ready=1; break; fi
  sleep 0.2
done
[ -n "$ready" ] || fail "not ready within 30 s"
answer=$(request POST /api/v1/checks '{"command": "vip 127.0.0.1:1 --backends 127.0.0.1:2 --timeout 300ms"}')
printf '%s' "$answer" | head -n 1 | grep -q ' 200' || fail "the training check failed: $(printf '%s' "$answer" | head -n 1)"
request GET /q/metrics >/dev/null

# SIGTERM, as a pod is stopped: the archive is written while the JVM exits.
kill -TERM "$pid"
wait "$pid" || true
pid=
[ -s "$app/netcheck-server.jsa" ] || fail "no archive written"
echo "cds-server-archive: $app/netcheck-server.jsa ($(du -h "$app/netcheck-server.jsa" | cut -f1))"
