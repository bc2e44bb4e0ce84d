#!/usr/bin/env bash
# Start-up benchmark of the CLI: wall time of a healthy one-shot check, median of REPEATS (default 5), for
# `help`, `tcp` and `vip` with 3 backends, each started four ways: plain `java -jar`, with the client
# compiler only (-XX:TieredStopAtLevel=1), with the class-data archive only, and both (what
# src/main/bin/netcheck does). Targets are python3 HTTP servers on loopback; nothing leaves the machine.
# Also prints user+sys CPU time, which a busy machine disturbs less than wall time.
#
#   bash bench/cli-start.sh [REPEATS]        (after mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"
APP=$(cd target/quarkus-app && pwd -P)
[ -f "$APP/quarkus-run.jar" ] && [ -f "$APP/netcheck-cli.jsa" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
pids=()
tf=$(mktemp)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "$tf"; }
trap cleanup EXIT
ports=()
for i in 1 2 3 4; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory bench >/dev/null 2>&1 &
  pids+=($!); ports+=("$port")
done
sleep 1
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }
declare -A ways=(
  [plain]=""
  [c1]="-XX:TieredStopAtLevel=1"
  [cds]="-XX:SharedArchiveFile=$APP/netcheck-cli.jsa -Xshare:auto"
  [cds+c1]="-XX:SharedArchiveFile=$APP/netcheck-cli.jsa -Xshare:auto -XX:TieredStopAtLevel=1"
)
checks=(
  "help"
  "tcp 127.0.0.1:${ports[0]}"
  "vip 127.0.0.1:${ports[0]} --backends 127.0.0.1:${ports[1]},127.0.0.1:${ports[2]},127.0.0.1:${ports[3]}"
)
echo "| check | JVM options | wall median (ms) | CPU user+sys median (ms) | exit |"
echo "|---|---|---:|---:|---:|"
for check in "${checks[@]}"; do
  for way in plain c1 cds cds+c1; do
    walls=(); cpus=(); rc=0
    for _ in $(seq 1 "$REPEATS"); do
      # shellcheck disable=SC2086 # options and the check are word lists
      /usr/bin/time -o "$tf" -f "%e %U %S" java ${ways[$way]} -jar "$APP/quarkus-run.jar" $check >/dev/null 2>&1 || rc=$?
      read -r e u s < <(tail -1 "$tf")
      walls+=("$(echo "$e*1000" | bc | cut -d. -f1)"); cpus+=("$(echo "($u+$s)*1000" | bc | cut -d. -f1)")
    done
    echo "| \`${check%% *}\` | $way | $(printf '%s\n' "${walls[@]}" | median) | $(printf '%s\n' "${cpus[@]}" | median) | $rc |"
  done
done
