#!/usr/bin/env bash
# Start-up benchmark of the CLI: wall time of a healthy one-shot check, median of REPEATS (default 5), for
# `help`, `tcp` and `vip` with 3 backends, each started several ways:
#   quarkus plain     java -jar quarkus-run.jar (the Quarkus main, every extension starts)
#   quarkus cds+c1    the same with a class-data archive of its own and the client compiler (the launcher before
#                     the lean start)
#   lean c1           io.netcheck.cli.LeanMain (no Quarkus) with the client compiler, no archive
#   lean cds+c1       what src/main/bin/netcheck does now: LeanMain, its archive (netcheck-cli.jsa), client compiler
# and, when JDK 25 is installed (JDK25=path, default /usr/lib/jvm/temurin-25-jdk-amd64), JDK 25's ahead-of-time
# cache (-XX:AOTCache, trained once here like the archive) on both mains:
#   quarkus aot+c1 (jdk25), lean aot+c1 (jdk25)
# The ways run interleaved (each repeat runs every way once) so that other load on the machine hits them alike;
# the load average is printed with the table. Also prints user+sys CPU time, which a busy machine disturbs less
# than wall time. Targets are python3 HTTP servers on loopback; nothing leaves the machine.
#
#   bash bench/cli-start.sh [REPEATS]        (after mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"
APP=$(cd target/quarkus-app && pwd -P)
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -f "$APP/quarkus-run.jar" ] && [ -f "$APP/netcheck-cli.jsa" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
pids=()
tf=$(mktemp)
work=$(mktemp -d)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tf" "$work"; }
trap cleanup EXIT
ports=()
for i in 1 2 3 4; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory bench >/dev/null 2>&1 &
  pids+=($!); ports+=("$port")
done
sleep 1
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }
CP="$APP/app/*:$APP/lib/boot/*:$APP/lib/main/*:$APP/quarkus/generated-bytecode.jar"
training="vip 127.0.0.1:1 --backends 127.0.0.1:2 --timeout 300ms --json --pcap $work/training.pcap"
# The Quarkus main's own archive, made as scripts/cds-archive.sh made it before the lean start.
# shellcheck disable=SC2086 # the training check is a word list
java -XX:ArchiveClassesAtExit="$work/quarkus.jsa" -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$APP/quarkus-run.jar" $training >/dev/null 2>&1 || true
declare -A ways=(
  [quarkus plain]="java -jar $APP/quarkus-run.jar"
  [quarkus cds+c1]="java -XX:SharedArchiveFile=$work/quarkus.jsa -Xshare:auto -XX:TieredStopAtLevel=1 -jar $APP/quarkus-run.jar"
  [lean c1]="java -XX:TieredStopAtLevel=1 -cp $CP io.netcheck.cli.LeanMain"
  [lean cds+c1]="sh src/main/bin/netcheck"
)
order=("quarkus plain" "quarkus cds+c1" "lean c1" "lean cds+c1")
if [ -x "$JDK25/bin/java" ]; then
  # JDK 25: one training run writes the cache (JEP 514); it holds loaded and linked classes and profiles.
  # shellcheck disable=SC2086
  "$JDK25/bin/java" -XX:AOTCacheOutput="$work/quarkus.aot" -XX:TieredStopAtLevel=1 -Xlog:aot=off -Xlog:cds=off \
    -jar "$APP/quarkus-run.jar" $training >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  "$JDK25/bin/java" -XX:AOTCacheOutput="$work/lean.aot" -XX:TieredStopAtLevel=1 -Xlog:aot=off -Xlog:cds=off \
    -cp "$CP" io.netcheck.cli.LeanMain $training >/dev/null 2>&1 || true
  ways[quarkus aot+c1 (jdk25)]="$JDK25/bin/java -XX:AOTCache=$work/quarkus.aot -XX:TieredStopAtLevel=1 -jar $APP/quarkus-run.jar"
  ways[lean aot+c1 (jdk25)]="$JDK25/bin/java -XX:AOTCache=$work/lean.aot -XX:TieredStopAtLevel=1 -cp $CP io.netcheck.cli.LeanMain"
  ways[lean c1 (jdk25)]="$JDK25/bin/java -XX:TieredStopAtLevel=1 -cp $CP io.netcheck.cli.LeanMain"
  order+=("lean c1 (jdk25)" "quarkus aot+c1 (jdk25)" "lean aot+c1 (jdk25)")
fi
checks=(
  "help"
  "tcp 127.0.0.1:${ports[0]}"
  "vip 127.0.0.1:${ports[0]} --backends 127.0.0.1:${ports[1]},127.0.0.1:${ports[2]},127.0.0.1:${ports[3]}"
)
declare -A walls cpus rcs
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq 1 "$REPEATS"); do
  for c in "${!checks[@]}"; do
    for way in "${order[@]}"; do
      rc=0
      # shellcheck disable=SC2086 # the way and the check are word lists
      /usr/bin/time -o "$tf" -f "%e %U %S" ${ways[$way]} ${checks[$c]} >/dev/null 2>&1 || rc=$?
      read -r e u s < <(tail -1 "$tf")
      walls[$c/$way]+="$(echo "$e*1000" | bc | cut -d. -f1) "
      cpus[$c/$way]+="$(echo "($u+$s)*1000" | bc | cut -d. -f1) "
      [ "$rc" -eq 0 ] || rcs[$c/$way]=$rc
    done
  done
done
echo "load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo
echo "| check | start | wall median (ms) | CPU user+sys median (ms) | exit |"
echo "|---|---|---:|---:|---:|"
for c in "${!checks[@]}"; do
  for way in "${order[@]}"; do
    echo "| \`${checks[$c]%% *}\` | $way | $(printf '%s\n' ${walls[$c/$way]} | median) |" \
      "$(printf '%s\n' ${cpus[$c/$way]} | median) | ${rcs[$c/$way]:-0} |"
  done
done
