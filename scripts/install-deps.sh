#!/usr/bin/env bash
# Installs the system packages the tests and the lab need (Debian). Idempotent: skips apt when
# everything is already there. Needs root (CI runs as root).
set -euo pipefail

PACKAGES=(
  libpcap0.8      # pcap4j loads libpcap.so.0.8 through JNA
  iproute2        # ip netns / veth for the lab
  iptables        # firewall faults and the DNAT load balancer
  haproxy         # real L4/L7 load balancer in the lab
  nginx-light     # backends and an nginx reverse proxy in the lab
  dnsmasq-base    # lab DNS server (no service package)
  tcpdump         # cross-checks our .pcap files
  netcat-openbsd  # sequential baseline in the benchmark
  curl            # sequential baseline in the benchmark
  openssl         # lab TLS certificates
  postgresql      # PostgresStoreIT runs its own throwaway server (initdb/pg_ctl from /usr/lib/postgresql/*/bin)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${missing[*]} and not root: install them first" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Package scripts must not start services: postgresql's would start its default cluster on port 5432 (the tests
# start their own server). Where no policy-rc.d says so already, one refuses every start (exit 101) until this
# script ends. The default cluster the package creates (initdb, no start) is left alone; a failure there does
# not fail the package's installation.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\n# written by netcheck scripts/install-deps.sh for the duration of apt-get install\nexit 101\n' \
    >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
