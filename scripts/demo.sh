#!/usr/bin/env bash
# The main job on a fresh machine, no Slack and no real network needed: installs what netcheck needs,
# builds it, stands up the lab (network namespaces with a router, HAProxy, real servers), and runs the VIP
# checklist against a healthy VIP and against real injected faults, then the single-probe commands (tcp,
# trace, dns, ping, tls, http), printing each report.
#
#   sudo bash scripts/demo.sh            # all scenarios
#   sudo bash scripts/demo.sh --json     # the same, as JSON
#
# Against your own VIP instead: java -jar target/quarkus-app/quarkus-run.jar vip HOST:PORT [options]
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRA=("$@")
[ "$(id -u)" -eq 0 ] || { echo "demo.sh needs root: it builds network namespaces (run with sudo)" >&2; exit 1; }
bash scripts/install-deps.sh
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests

export NETLAB_ID=demo
LAB=src/test/lab/netlab.sh
trap 'bash "$LAB" down >/dev/null 2>&1 || true' EXIT
bash "$LAB" up --backends 3 >/dev/null
BACKENDS=203.0.113.130:80,203.0.113.131:80,203.0.113.132:80

check() {
  echo
  echo "=================================================================================================="
  echo "SCENARIO: $1"
  echo "=================================================================================================="
  shift
  ip netns exec "nc${NETLAB_ID}-client" java -jar target/quarkus-app/quarkus-run.jar "$@" "${EXTRA[@]}" || true
}

bash "$LAB" haproxy http --check >/dev/null; sleep 1
check "healthy HAProxy VIP with three real servers" vip vip.lab.test:80 --backends "$BACKENDS"

bash "$LAB" fw drop >/dev/null
check "a firewall on the router silently drops the VIP's port" vip 203.0.113.10:80 --backends "$BACKENDS" --timeout 2s
bash "$LAB" fw clear >/dev/null

bash "$LAB" backend-stop all >/dev/null; sleep 1
check "every real server stopped behind an L7 HAProxy" vip 203.0.113.10:80 --backends "$BACKENDS"
bash "$LAB" backend-start all >/dev/null

bash "$LAB" dnat --backend-port 8080 >/dev/null
check "kube-proxy-style DNAT VIP pointed at the wrong port" vip 203.0.113.11:80 --backends "$BACKENDS"
bash "$LAB" dnat-clear >/dev/null

# The connectivity guide's tools, one command each.
check "tcp: the telnet test against a real server" tcp b1.lab.test:80
bash "$LAB" fw drop --dst 203.0.113.130 --port 80 >/dev/null
check "tcp: the same port behind a silent DROP rule" tcp 203.0.113.130:80 --timeout 2s
check "trace: ICMP gets through, TCP to the service does not" trace 203.0.113.130:80 --timeout 500ms
bash "$LAB" fw clear >/dev/null
check "dns: the lab resolver, and a made-up name to catch invented answers" dns vip.lab.test
check "ping: real ICMP echo through the router" ping b1.lab.test --count 3
bash "$LAB" tls-server --days 10 >/dev/null
check "tls: a self-signed certificate that expires in 10 days" tls vip.lab.test:443
check "http: a redirect chain that leaves the host" http http://vip.lab.test:8080/elsewhere
