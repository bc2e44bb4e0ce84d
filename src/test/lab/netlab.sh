#!/usr/bin/env bash
# netlab.sh - throwaway network lab for netcheck's integration tests (and for poking at by hand).
#
# Builds, inside network namespaces only, a client -> router -> load balancer -> backends network
# with real servers (dnsmasq, nginx, HAProxy, iptables DNAT) and lets tests inject faults
# (stopped/dropping backends, firewall DROP/REJECT on the router). Needs root.
#
#   client (eth0) ---- (eth0) router (eth1) ---- (eth0) lb [br0] ---- (eth0) b1 .. bN
#
# Addresses (fixed: other code hard-codes them, see LabNetwork.java):
#   client  eth0  198.51.100.2/29     2001:db8:1::2/64     default via 198.51.100.1 / 2001:db8:1::1
#   router  eth0  198.51.100.1/29     2001:db8:1::1/64     (client side; dnsmasq listens on 198.51.100.1:53)
#           eth1  198.51.100.9/29     2001:db8:2::1/64     (lb side)
#           routes 203.0.113.0/24 via 198.51.100.10, 2001:db8:100::/48 and 2001:db8:200::/64 via 2001:db8:2::2
#           NO default route: e.g. 198.51.100.200 gets ICMP net unreachable from the router.
#   lb      eth0  198.51.100.10/29    2001:db8:2::2/64     default via 198.51.100.9 / 2001:db8:2::1
#           lo    203.0.113.10/32 (HAProxy VIP), 203.0.113.12/32 (nginx proxy VIP), 2001:db8:100::10/128
#           203.0.113.11 = DNAT VIP (not a local address, only DNATed by the `dnat` rules)
#           br0   203.0.113.129/25    2001:db8:200::1/64   (bridge; ports veth-b1..veth-bN)
#           unreachable routes 203.0.113.0/24 and 2001:db8:100::/48: an address the lb does not own and
#           does not DNAT gets ICMP unreachable from the lb instead of looping back to the router.
#   bK      eth0  203.0.113.(129+K)/25  2001:db8:200::1:K/64 (K written in decimal digits, e.g. b12 ->
#           2001:db8:200::1:12)        default via 203.0.113.129 / 2001:db8:200::1
#           nginx on :80 (v4+v6): 200, body "backend bK\n", header "X-Backend: bK"
#   DNS (dnsmasq on the router, no upstream): vip.lab.test A 203.0.113.10 AAAA 2001:db8:100::10,
#       dnat.lab.test A 203.0.113.11, proxy.lab.test A 203.0.113.12, bK.lab.test A 203.0.113.(129+K);
#       any other *.lab.test -> NXDOMAIN; nothing is forwarded anywhere.
#
# Lab id: env NETLAB_ID (default t1, 1-5 chars [a-z0-9]). Namespaces nc${ID}-client, -router, -lb,
# -b1..-bN; state (pid files, configs, logs) in /tmp/netlab-${ID}/. Run with no arguments for usage.
set -euo pipefail
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"

ID="${NETLAB_ID:-t1}"
MAX_BACKENDS=32
DEFAULT_BACKENDS=3

# --- fixed address plan ---------------------------------------------------------------------------
CLIENT4=198.51.100.2;  CLIENT6=2001:db8:1::2
RC4=198.51.100.1;      RC6=2001:db8:1::1      # router, client side
RL4=198.51.100.9;      RL6=2001:db8:2::1      # router, lb side
LB4=198.51.100.10;     LB6=2001:db8:2::2
BR4=203.0.113.129;     BR6=2001:db8:200::1    # lb bridge, backends' gateway
VIP4=203.0.113.10;     VIP6=2001:db8:100::10  # HAProxy
VIP_DNAT=203.0.113.11
VIP_PROXY=203.0.113.12                        # nginx reverse proxy
b4() { echo "203.0.113.$((129 + $1))"; }
b6() { echo "2001:db8:200::1:$1"; }

STATE="/tmp/netlab-${ID}"
PIDS="$STATE/pids"

usage() {
  cat <<'EOF'
usage: NETLAB_ID=<id> netlab.sh <command> [args]      (id: 1-5 chars [a-z0-9], default t1; needs root)

  up [--backends N]                  build the lab (N = 1..32, default 3), start dnsmasq + backends
  down                               tear everything down (idempotent)
  status                             namespaces, addresses, processes
  exec NODE CMD...                   run CMD in nc<id>-NODE (NODE = client|router|lb|bK)
  haproxy http|tcp [--check] [--backend-port P] [--port P]
                                     (re)start HAProxy in lb on 203.0.113.10:P / [2001:db8:100::10]:P
  haproxy-stop
  nginx-proxy [--backend-port P]     (re)start nginx reverse proxy in lb on 203.0.113.12:80
  nginx-proxy-stop
  dnat [--backend-port P]            iptables DNAT of tcp 203.0.113.11:80 over the backends (nth round robin)
  dnat-clear
  backend-stop K|all                 kill backend nginx (kernel answers RST)
  backend-start K|all                start it again, wait until it listens
  backend-drop K|all                 iptables INPUT DROP tcp/80 in the backend (v4+v6)
  backend-undrop K|all
  fw drop|reject|reject-admin|reject-rst|clear [--dst ADDR] [--port P]
                                     router FORWARD rule for client -> ADDR:P (default 203.0.113.10:80)
  tls-server [--name CN] [--days N]  (re)start nginx in lb: TLS on 203.0.113.10:443 with a fresh self-signed
                                     certificate (openssl, CN and SAN = CN, default vip.lab.test, valid N days,
                                     default 90) and plain HTTP on 203.0.113.10:8080; / answers 200 "tls-server",
                                     /moved 301 to https://vip.lab.test/, /elsewhere 302 to http://b1.lab.test/,
                                     /loop 302 to /loop
  tls-server-stop
  mtu-blackhole [--mtu N]            path MTU black hole between the client and everything: the router's link to
                                     the client carries N bytes (1280..1499, default 1280; route MTU, and larger
                                     packets from the client dropped) while the client keeps 1500, and the router's
                                     ICMP fragmentation-needed / packet-too-big dropped (OUTPUT)
  mtu-narrow [--mtu N]               a smaller link that says so: the router's route to the lb carries N bytes
                                     (default 1400) and larger packets get ICMP fragmentation-needed
  mtu-clear                          full-size packets pass again (route MTUs and rules removed)
EOF
}

say() { echo "netlab[$ID]: $*" >&2; }
die() { echo "netlab[$ID]: error: $*" >&2; exit 1; }
misuse() { echo "netlab[$ID]: usage error: $*" >&2; echo "run 'netlab.sh help' for usage" >&2; exit 2; }

[[ "$ID" =~ ^[a-z0-9]{1,5}$ ]] || { echo "netlab: usage error: NETLAB_ID='$ID' must be 1-5 chars [a-z0-9]" >&2; exit 2; }

ns() { echo "nc${ID}-$1"; }
nsx() { local node=$1; shift; ip netns exec "$(ns "$node")" "$@"; }

need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces, iptables)"; }
need_cmds() {
  local c missing=()
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  [[ ${#missing[@]} -eq 0 ]] || die "missing commands: ${missing[*]} (run scripts/install-deps.sh)"
}

lab_namespaces() {
  # in topology order: client router lb b1..bN
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^nc${ID}-(client|router|lb|b[0-9]+)\$" \
    | awk -v p="nc${ID}-" '{ n = substr($0, length(p) + 1)
        k = (n == "client") ? 0 : (n == "router") ? 1 : (n == "lb") ? 2 : 2 + substr(n, 2); print k, $0 }' \
    | sort -n | cut -d' ' -f2 || true
}

require_lab() {
  [[ -d "$STATE" && -f "$STATE/backends" ]] || die "lab '$ID' is not up (no $STATE); run: NETLAB_ID=$ID netlab.sh up"
  local n
  for n in client router lb; do
    ip netns list | awk '{print $1}' | grep -qx "$(ns "$n")" || die "lab '$ID' is broken: namespace $(ns "$n") missing; run down + up"
  done
}

nbackends() { cat "$STATE/backends"; }

check_port() { [[ "$1" =~ ^[1-9][0-9]{0,4}$ ]] && (( $1 <= 65535 )) || misuse "bad port '$1'"; }

# Backend selector K|all -> list of K
backend_list() {
  local sel=${1:-} n; n=$(nbackends)
  if [[ "$sel" == all ]]; then seq 1 "$n"
  elif [[ "$sel" =~ ^[0-9]{1,3}$ ]] && (( 10#$sel >= 1 && 10#$sel <= n )); then echo "$((10#$sel))"
  else misuse "backend must be 1..$n or 'all', got '$sel'"; fi
}

# --- process bookkeeping -----------------------------------------------------------------------------
# alive PID: exists and is not a zombie
alive() {
  local st
  [[ -r "/proc/$1/stat" ]] || return 1
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }; st=${st%% *}
  [[ -n "$st" && "$st" != Z && "$st" != X ]]
}

# ours PID: a process this lab started (its command line names our state dir) or one living in one
# of this lab's namespaces. Guards against killing a recycled PID.
ours() {
  local pid=$1 cmd nsname
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmd" == *"$STATE/"* ]] && return 0
  nsname=$(ip netns identify "$pid" 2>/dev/null) || return 1
  [[ "$nsname" =~ ^nc${ID}-(client|router|lb|b[0-9]+)$ ]]
}

# wait_gone TIMEOUT_DECISECONDS PID...  -> 0 if all gone
wait_gone() {
  local t=$1 p left; shift
  while :; do
    left=0
    for p in "$@"; do alive "$p" && left=1; done
    (( left == 0 )) && return 0
    (( t-- <= 0 )) && return 1
    sleep 0.1
  done
}

# terminate PID...: TERM, wait up to 3 s, KILL, wait up to 2 s
terminate() {
  local p live=()
  for p in "$@"; do alive "$p" && live+=("$p"); done
  [[ ${#live[@]} -eq 0 ]] && return 0
  kill -TERM "${live[@]}" 2>/dev/null || true
  wait_gone 30 "${live[@]}" && return 0
  kill -KILL "${live[@]}" 2>/dev/null || true
  wait_gone 20 "${live[@]}"
}

# stop_recorded NAME...: stop processes recorded in $PIDS/NAME.pid (only if still ours)
stop_recorded() {
  local name pid pids=()
  for name in "$@"; do
    [[ -f "$PIDS/$name.pid" ]] || continue
    pid=$(cat "$PIDS/$name.pid" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && ours "$pid"; then pids+=("$pid"); fi
  done
  [[ ${#pids[@]} -gt 0 ]] && terminate "${pids[@]}"
  for name in "$@"; do rm -f "$PIDS/$name.pid"; done
  return 0
}

recorded_alive() {
  local pid
  [[ -f "$PIDS/$1.pid" ]] || return 1
  pid=$(cat "$PIDS/$1.pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && ours "$pid"
}

# start_daemon NAME NODE LOG CMD...: start CMD in the foreground of its own session inside the node's
# namespace, output to LOG, and record its PID ($! is the server itself: setsid does not fork when not a
# group leader, and `ip netns exec` execs).
start_daemon() {
  local name=$1 node=$2 logf=$3; shift 3
  mkdir -p "$PIDS"
  # a fresh log per run (HAProxy clears O_APPEND on its stdout, so it must start on an empty file);
  # earlier runs are kept in LOG.prev, the command line in LOG.cmd
  if [[ -s "$logf" ]]; then cat "$logf" >> "$logf.prev"; fi
  : > "$logf"
  echo "$(date '+%F %T') $*" >> "$logf.cmd"
  setsid ip netns exec "$(ns "$node")" "$@" < /dev/null >> "$logf" 2>&1 &
  echo "$!" > "$PIDS/$name.pid"
}

# wait_listen NAME NODE PROTO(t|u) TIMEOUT_DECISECONDS ADDR:PORT...: wait until all sockets listen;
# fails early (with the log tail) if the recorded process dies.
wait_listen() {
  local name=$1 node=$2 proto=$3 t=$4 logf=$5; shift 5
  local want have missing pid
  pid=$(cat "$PIDS/$name.pid")
  while :; do
    have=$(nsx "$node" ss -Hl"$proto"n 2>/dev/null | awk '{print $4}')
    missing=""
    for want in "$@"; do grep -qxF -- "$want" <<< "$have" || missing+=" $want"; done
    [[ -z "$missing" ]] && return 0
    if ! alive "$pid"; then
      say "$name (pid $pid) exited before listening on$missing; last lines of $logf:"
      tail -n 15 "$logf" >&2 || true
      return 1
    fi
    if (( t-- <= 0 )); then
      say "$name (pid $pid) not listening on$missing after waiting; last lines of $logf:"
      tail -n 15 "$logf" >&2 || true
      return 1
    fi
    sleep 0.1
  done
}

# --- teardown ----------------------------------------------------------------------------------------
do_down() {
  set +e
  local nss n pids=() p f name stuck=""
  nss=$(lab_namespaces)
  # 1. processes we recorded
  if [[ -d "$PIDS" ]]; then
    for f in "$PIDS"/*.pid; do
      [[ -f "$f" ]] || continue
      name=$(basename "$f" .pid); p=$(cat "$f" 2>/dev/null)
      if [[ "$p" =~ ^[0-9]+$ ]] && alive "$p" && ours "$p"; then pids+=("$p"); fi
    done
    [[ ${#pids[@]} -gt 0 ]] && terminate "${pids[@]}"
  fi
  # 2. anything else still inside the lab's namespaces
  pids=()
  for n in $nss; do
    for p in $(ip netns pids "$n" 2>/dev/null); do pids+=("$p"); done
  done
  if [[ ${#pids[@]} -gt 0 ]]; then
    terminate "${pids[@]}" || stuck="${pids[*]}"
  fi
  # 3. namespaces (their interfaces, veth peers, bridge, iptables rules go with them)
  for n in $nss; do ip netns del "$n" 2>/dev/null || say "could not delete namespace $n"; done
  # 4. files
  for f in /etc/netns/nc"${ID}"-*; do
    [[ -e "$f" ]] || continue
    [[ "$(basename "$f")" =~ ^nc${ID}-(client|router|lb|b[0-9]+)$ ]] && rm -rf -- "$f"
  done
  rmdir /etc/netns 2>/dev/null      # only if empty (another lab may be using it)
  rm -rf -- "$STATE"
  [[ -n "$stuck" ]] && say "warning: could not kill pids $stuck"
  set -e
  return 0
}

cmd_down() {
  [[ $# -eq 0 ]] || misuse "down takes no arguments"
  need_root
  local nss; nss=$(lab_namespaces)
  if [[ -z "$nss" && ! -d "$STATE" && ! -e "/etc/netns/$(ns client)" ]]; then
    say "down: nothing to do (lab not present)"
    return 0
  fi
  do_down
  say "down: removed $(echo "$nss" | grep -c . || true) namespaces and $STATE"
}

# --- up ----------------------------------------------------------------------------------------------
# per-namespace sysctls before any interface exists (new interfaces inherit conf/default):
# no IPv6 autoconfiguration (RA, RS), no DAD, no rp_filter, quick multicast reports; forwarding as
# given; lo up.
ns_init() {
  local node=$1 fwd=$2
  nsx "$node" sh -ec '
    for c in all default; do
      echo 0 > /proc/sys/net/ipv6/conf/$c/accept_ra
      echo 0 > /proc/sys/net/ipv6/conf/$c/router_solicitations
      echo 0 > /proc/sys/net/ipv6/conf/$c/dad_transmits
      echo 0 > /proc/sys/net/ipv6/conf/$c/accept_dad
      echo 0 > /proc/sys/net/ipv4/conf/$c/rp_filter
      # MLD/IGMP unsolicited reports (joins of solicited-node groups etc.) go out within ~10 ms while
      # `up` runs instead of trickling in for ~2 s afterwards, into the first captures
      echo 10 > /proc/sys/net/ipv6/conf/$c/mldv1_unsolicited_report_interval
      echo 10 > /proc/sys/net/ipv6/conf/$c/mldv2_unsolicited_report_interval
      echo 10 > /proc/sys/net/ipv4/conf/$c/igmpv2_unsolicited_report_interval
      echo 10 > /proc/sys/net/ipv4/conf/$c/igmpv3_unsolicited_report_interval
    done
    echo "$1" > /proc/sys/net/ipv4/ip_forward
    echo "$1" > /proc/sys/net/ipv6/conf/all/forwarding
    ip link set lo up' sh "$fwd"
}

# veth NODE_A NAME_A NODE_B NAME_B TMP: veth pair created directly inside the two namespaces under
# id-specific temporary names (never visible in the root namespace), then renamed.
veth() {
  local a=$1 an=$2 b=$3 bn=$4 tmp=$5
  ip link add "nl${ID}${tmp}a" netns "$(ns "$a")" type veth peer name "nl${ID}${tmp}b" netns "$(ns "$b")"
  ip -n "$(ns "$a")" link set "nl${ID}${tmp}a" name "$an"
  ip -n "$(ns "$b")" link set "nl${ID}${tmp}b" name "$bn"
}

write_dnsmasq_conf() {
  local n=$1 k
  {
    echo "# generated by netlab.sh: authoritative for lab.test only, no upstream servers"
    echo "no-resolv"
    echo "no-hosts"
    echo "no-poll"
    echo "domain-needed"
    echo "bogus-priv"
    echo "log-queries"
    echo "log-facility=-"
    echo "local=/lab.test/"
    echo "host-record=vip.lab.test,$VIP4,$VIP6"
    echo "host-record=dnat.lab.test,$VIP_DNAT"
    echo "host-record=proxy.lab.test,$VIP_PROXY"
    for k in $(seq 1 "$n"); do echo "host-record=b$k.lab.test,$(b4 "$k")"; done
  } > "$STATE/dnsmasq/dnsmasq.conf"
}

start_dnsmasq() {
  start_daemon dnsmasq router "$STATE/dnsmasq/dnsmasq.log" \
    dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address "$RC4" \
    --port 53 --pid-file="$STATE/dnsmasq/dnsmasq.pid" --conf-file="$STATE/dnsmasq/dnsmasq.conf"
}

write_backend_conf() {
  local k=$1 d="$STATE/b$1"
  mkdir -p "$d/tmp" "$d/www"
  # /big: 100 KiB, so the response needs full-size segments (what a path MTU black hole swallows)
  head -c 102400 /dev/zero | tr '\0' 'x' > "$d/www/big"
  cat > "$d/nginx.conf" <<EOF
# generated by netlab.sh: backend b$k
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log info;
events { worker_connections 1024; }
http {
  access_log $d/access.log;
  client_body_temp_path $d/tmp/body;
  proxy_temp_path $d/tmp/proxy;
  fastcgi_temp_path $d/tmp/fastcgi;
  uwsgi_temp_path $d/tmp/uwsgi;
  scgi_temp_path $d/tmp/scgi;
  keepalive_timeout 5s;
  server {
    listen 80 default_server;
    listen [::]:80 default_server;
    server_name _;
    default_type text/plain;
    location / {
      add_header X-Backend b$k always;
      return 200 "backend b$k\n";
    }
    location = /big {
      add_header X-Backend b$k always;
      root $d/www;
    }
  }
}
EOF
}

start_backend() {
  local k=$1 d="$STATE/b$1"
  start_daemon "b$k" "b$k" "$d/nginx.log" \
    nginx -p "$d/" -c "$d/nginx.conf" -e "$d/error.log" -g 'daemon off; master_process off;'
}

cmd_up() {
  local n=$DEFAULT_BACKENDS
  while [[ $# -gt 0 ]]; do
    case $1 in
      --backends) [[ $# -ge 2 ]] || misuse "--backends needs a number"; n=$2; shift 2 ;;
      --backends=*) n=${1#*=}; shift ;;
      *) misuse "up: unknown argument '$1'" ;;
    esac
  done
  [[ "$n" =~ ^[1-9][0-9]?$ ]] && (( n <= MAX_BACKENDS )) || misuse "--backends must be 1..$MAX_BACKENDS, got '$n'"
  need_root
  need_cmds ip iptables ip6tables iptables-restore ss setsid nginx dnsmasq curl
  local existing; existing=$(lab_namespaces | tr '\n' ' ')
  if [[ -n "$existing" || -e "$STATE" ]]; then
    die "lab '$ID' already exists (namespaces: ${existing:-none}; state dir: $([[ -e $STATE ]] && echo "$STATE" || echo none)); run: NETLAB_ID=$ID netlab.sh down"
  fi
  mkdir -p /tmp
  mkdir -m 0755 "$STATE" || die "cannot create $STATE (another 'up' for '$ID' running?)"
  UP_DONE=0
  trap 'rc=$?; if [[ $UP_DONE != 1 ]]; then say "up failed (exit $rc): tearing down what was built"; do_down; fi; exit $rc' EXIT
  trap 'exit 130' INT TERM HUP

  local t0 k nodes=(client router lb) node; t0=$(date +%s.%N)
  for k in $(seq 1 "$n"); do nodes+=("b$k"); done
  echo "$n" > "$STATE/backends"
  mkdir -p "$PIDS" "$STATE/dnsmasq"

  # namespaces + sysctls
  for node in "${nodes[@]}"; do
    ip netns add "$(ns "$node")"
    case $node in router|lb) ns_init "$node" 1 ;; *) ns_init "$node" 0 ;; esac
  done

  # links
  veth client eth0 router eth0 c
  veth router eth1 lb eth0 l
  ip -n "$(ns lb)" link add br0 type bridge
  for k in $(seq 1 "$n"); do veth "b$k" eth0 lb "veth-b$k" "b$k"; done

  # addresses, links up
  ip -n "$(ns client)" -b - <<EOF
addr add $CLIENT4/29 dev eth0
addr add $CLIENT6/64 dev eth0 nodad
link set eth0 up
EOF
  ip -n "$(ns router)" -b - <<EOF
addr add $RC4/29 dev eth0
addr add $RC6/64 dev eth0 nodad
addr add $RL4/29 dev eth1
addr add $RL6/64 dev eth1 nodad
link set eth0 up
link set eth1 up
EOF
  {
    echo "addr add $LB4/29 dev eth0"
    echo "addr add $LB6/64 dev eth0 nodad"
    echo "addr add $VIP4/32 dev lo"
    echo "addr add $VIP_PROXY/32 dev lo"
    echo "addr add $VIP6/128 dev lo nodad"
    echo "addr add $BR4/25 dev br0"
    echo "addr add $BR6/64 dev br0 nodad"
    echo "link set eth0 up"
    for k in $(seq 1 "$n"); do
      echo "link set veth-b$k addrgenmode none"   # bridge ports: no link-local, no MLD noise
      echo "link set veth-b$k master br0"
      echo "link set veth-b$k up"
    done
    echo "link set br0 up"
  } | ip -n "$(ns lb)" -b -
  for k in $(seq 1 "$n"); do
    ip -n "$(ns "b$k")" -b - <<EOF
addr add $(b4 "$k")/25 dev eth0
addr add $(b6 "$k")/64 dev eth0 nodad
link set eth0 up
EOF
  done

  # routes (after all links are up so IPv6 gateways are reachable)
  ip -n "$(ns client)" -b - <<EOF
route add default via $RC4
route add default via $RC6
EOF
  ip -n "$(ns router)" -b - <<EOF
route add 203.0.113.0/24 via $LB4
route add 2001:db8:100::/48 via $LB6
route add 2001:db8:200::/64 via $LB6
EOF
  ip -n "$(ns lb)" -b - <<EOF
route add default via $RL4
route add default via $RL6
route add unreachable 203.0.113.0/24
route add unreachable 2001:db8:100::/48
EOF
  for k in $(seq 1 "$n"); do
    ip -n "$(ns "b$k")" -b - <<EOF
route add default via $BR4
route add default via $BR6
EOF
  done

  # DNS
  mkdir -p "/etc/netns/$(ns client)"
  echo "nameserver $RC4" > "/etc/netns/$(ns client)/resolv.conf"
  write_dnsmasq_conf "$n"
  start_dnsmasq

  # backends
  for k in $(seq 1 "$n"); do write_backend_conf "$k"; start_backend "$k"; done

  wait_listen dnsmasq router u 100 "$STATE/dnsmasq/dnsmasq.log" "$RC4:53"
  for k in $(seq 1 "$n"); do
    wait_listen "b$k" "b$k" t 100 "$STATE/b$k/nginx.log" "0.0.0.0:80" "[::]:80"
  done
  # end to end: every backend answers the client through router and lb (bounded: 10 s in total)
  local deadline out; deadline=$(( $(date +%s) + 10 ))
  for k in $(seq 1 "$n"); do
    while :; do
      out=$(nsx client curl -s --noproxy '*' -m 1 "http://$(b4 "$k")/" 2>/dev/null || true)
      [[ "$out" == "backend b$k" ]] && break
      (( $(date +%s) < deadline )) || die "backend b$k ($(b4 "$k")) does not answer from the client (got '$out')"
      sleep 0.1
    done
  done
  # The kernel applies carrier changes to operstate (and IPv6 reacts with another round of MLD reports)
  # through linkwatch, rate-limited system-wide to about once a second, so some interfaces still show
  # DOWN here. Wait for that to settle so that the first capture of a test does not catch it.
  deadline=$(( $(date +%s) + 4 ))
  while :; do
    local pending=""
    for node in "${nodes[@]}"; do
      pending+=$(ip -n "$(ns "$node")" -br link | awk -v n="$node" '$1 != "lo" && $2 != "UP" {printf "%s/%s ", n, $1}')
    done
    [[ -z "$pending" ]] && break
    if (( $(date +%s) >= deadline )); then say "warning: links not operationally up yet: $pending"; break; fi
    sleep 0.05
  done
  sleep 0.1   # multicast reports triggered by the last operstate change (10 ms interval, see ns_init)
  UP_DONE=1
  trap - INT TERM HUP
  say "up: $n backends ready in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s (state: $STATE)"
}

# --- servers in lb ------------------------------------------------------------------------------------
cmd_haproxy() {
  local mode=${1:-} check=0 bport=80 port=80 k n
  [[ "$mode" == http || "$mode" == tcp ]] || misuse "haproxy needs mode http|tcp"
  shift
  while [[ $# -gt 0 ]]; do
    case $1 in
      --check) check=1; shift ;;
      --backend-port) [[ $# -ge 2 ]] || misuse "--backend-port needs a value"; bport=$2; shift 2 ;;
      --port) [[ $# -ge 2 ]] || misuse "--port needs a value"; port=$2; shift 2 ;;
      *) misuse "haproxy: unknown argument '$1'" ;;
    esac
  done
  check_port "$bport"; check_port "$port"
  need_root; need_cmds haproxy; require_lab
  n=$(nbackends)
  local d="$STATE/haproxy" chk=""
  mkdir -p "$d"
  (( check )) && chk=" check inter 200ms fall 1 rise 1"
  {
    echo "# generated by netlab.sh: haproxy $mode check=$check port=$port backend-port=$bport"
    echo "global"
    echo "  log stdout format raw local0 info"
    echo "  maxconn 4096"
    echo "defaults"
    echo "  mode $mode"
    echo "  log global"
    if [[ $mode == http ]]; then echo "  option httplog"; else echo "  option tcplog"; fi
    echo "  timeout connect 1s"
    echo "  timeout client 5s"
    echo "  timeout server 5s"
    echo "frontend vip"
    echo "  bind $VIP4:$port"
    echo "  bind [$VIP6]:$port"
    echo "  default_backend backends"
    echo "backend backends"
    echo "  balance roundrobin"
    for k in $(seq 1 "$n"); do echo "  server b$k $(b4 "$k"):$bport$chk"; done
  } > "$d/haproxy.cfg"
  haproxy -c -q -f "$d/haproxy.cfg" > "$d/haproxy-check.log" 2>&1 || { cat "$d/haproxy-check.log" >&2; die "haproxy config check failed"; }
  stop_recorded haproxy
  start_daemon haproxy lb "$d/haproxy.log" haproxy -db -f "$d/haproxy.cfg"
  wait_listen haproxy lb t 50 "$d/haproxy.log" "$VIP4:$port" "[$VIP6]:$port" || die "haproxy did not start"
  say "haproxy $mode up on $VIP4:$port and [$VIP6]:$port -> $n backends :$bport$([[ $check == 1 ]] && echo ' (health checks)')"
}

cmd_haproxy_stop() {
  [[ $# -eq 0 ]] || misuse "haproxy-stop takes no arguments"
  need_root; require_lab
  stop_recorded haproxy
  say "haproxy stopped"
}

cmd_nginx_proxy() {
  local bport=80 k n
  while [[ $# -gt 0 ]]; do
    case $1 in
      --backend-port) [[ $# -ge 2 ]] || misuse "--backend-port needs a value"; bport=$2; shift 2 ;;
      *) misuse "nginx-proxy: unknown argument '$1'" ;;
    esac
  done
  check_port "$bport"
  need_root; require_lab
  n=$(nbackends)
  local d="$STATE/proxy"
  mkdir -p "$d/tmp"
  {
    echo "# generated by netlab.sh: nginx reverse proxy, backend-port=$bport"
    echo "worker_processes 1;"
    echo "pid $d/nginx.pid;"
    echo "error_log $d/error.log info;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "  access_log $d/access.log;"
    echo "  client_body_temp_path $d/tmp/body;"
    echo "  proxy_temp_path $d/tmp/proxy;"
    echo "  fastcgi_temp_path $d/tmp/fastcgi;"
    echo "  uwsgi_temp_path $d/tmp/uwsgi;"
    echo "  scgi_temp_path $d/tmp/scgi;"
    echo "  upstream backends {"
    for k in $(seq 1 "$n"); do echo "    server $(b4 "$k"):$bport;"; done
    echo "  }"
    echo "  server {"
    echo "    listen $VIP_PROXY:80;"
    echo "    location / {"
    echo "      proxy_pass http://backends;"
    echo "      proxy_connect_timeout 1s;"
    echo "      proxy_send_timeout 5s;"
    echo "      proxy_read_timeout 5s;"
    echo "    }"
    echo "  }"
    echo "}"
  } > "$d/nginx.conf"
  stop_recorded proxy
  start_daemon proxy lb "$d/nginx.log" \
    nginx -p "$d/" -c "$d/nginx.conf" -e "$d/error.log" -g 'daemon off; master_process off;'
  wait_listen proxy lb t 50 "$d/nginx.log" "$VIP_PROXY:80" || die "nginx proxy did not start"
  say "nginx proxy up on $VIP_PROXY:80 -> $n backends :$bport"
}

cmd_tls_server() {
  local name=vip.lab.test days=90
  while [[ $# -gt 0 ]]; do
    case $1 in
      --name) [[ $# -ge 2 ]] || misuse "--name needs a value"; name=$2; shift 2 ;;
      --days) [[ $# -ge 2 ]] || misuse "--days needs a value"; days=$2; shift 2 ;;
      *) misuse "tls-server: unknown argument '$1'" ;;
    esac
  done
  [[ "$name" =~ ^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$ ]] || misuse "bad --name '$name'"
  [[ "$days" =~ ^[1-9][0-9]{0,3}$ ]] || misuse "bad --days '$days' (1..9999)"
  need_root; require_lab
  local d="$STATE/tls"
  mkdir -p "$d/tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$days" \
    -subj "/CN=$name" -addext "subjectAltName=DNS:$name" -keyout "$d/key.pem" -out "$d/cert.pem" 2> "$d/openssl.log" \
    || die "openssl could not make a certificate: $(cat "$d/openssl.log")"
  {
    echo "# generated by netlab.sh: TLS test server, name=$name days=$days"
    echo "worker_processes 1;"
    echo "pid $d/nginx.pid;"
    echo "error_log $d/error.log info;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "  access_log $d/access.log;"
    echo "  client_body_temp_path $d/tmp/body;"
    echo "  proxy_temp_path $d/tmp/proxy;"
    echo "  fastcgi_temp_path $d/tmp/fastcgi;"
    echo "  uwsgi_temp_path $d/tmp/uwsgi;"
    echo "  scgi_temp_path $d/tmp/scgi;"
    echo "  server {"
    echo "    listen $VIP4:443 ssl;"
    echo "    listen $VIP4:8080;"
    echo "    ssl_certificate $d/cert.pem;"
    echo "    ssl_certificate_key $d/key.pem;"
    echo "    location = /moved { return 301 https://vip.lab.test/; }"
    echo "    location = /elsewhere { return 302 http://b1.lab.test/; }"
    echo "    location = /loop { return 302 /loop; }"
    echo "    location / { return 200 \"tls-server\\n\"; }"
    echo "  }"
    echo "}"
  } > "$d/nginx.conf"
  stop_recorded tls
  start_daemon tls lb "$d/nginx.log" \
    nginx -p "$d/" -c "$d/nginx.conf" -e "$d/error.log" -g 'daemon off; master_process off;'
  wait_listen tls lb t 50 "$d/nginx.log" "$VIP4:443" "$VIP4:8080" || die "TLS server did not start"
  say "TLS server up on $VIP4:443 (CN=$name, $days days) and HTTP on $VIP4:8080"
}

cmd_tls_server_stop() {
  [[ $# -eq 0 ]] || misuse "tls-server-stop takes no arguments"
  need_root; require_lab
  stop_recorded tls
  say "TLS server stopped"
}

cmd_nginx_proxy_stop() {
  [[ $# -eq 0 ]] || misuse "nginx-proxy-stop takes no arguments"
  need_root; require_lab
  stop_recorded proxy
  say "nginx proxy stopped"
}

# --- DNAT (kube-proxy style) ---------------------------------------------------------------------------
dnat_clear() {
  local c
  while nsx lb iptables -t nat -D PREROUTING -d "$VIP_DNAT/32" -p tcp --dport 80 -m comment --comment "netlab dnat vip" -j NETLAB-SVC 2>/dev/null; do :; done
  for c in $(nsx lb iptables -t nat -S | awk '$1 == "-N" && $2 ~ /^NETLAB-/ {print $2}'); do
    nsx lb iptables -t nat -F "$c"
  done
  for c in $(nsx lb iptables -t nat -S | awk '$1 == "-N" && $2 ~ /^NETLAB-/ {print $2}'); do
    nsx lb iptables -t nat -X "$c"
  done
}

cmd_dnat() {
  local bport=80 k n
  while [[ $# -gt 0 ]]; do
    case $1 in
      --backend-port) [[ $# -ge 2 ]] || misuse "--backend-port needs a value"; bport=$2; shift 2 ;;
      *) misuse "dnat: unknown argument '$1'" ;;
    esac
  done
  check_port "$bport"
  need_root; require_lab
  n=$(nbackends)
  dnat_clear
  {
    echo "*nat"
    echo ":NETLAB-SVC - [0:0]"
    for k in $(seq 1 "$n"); do echo ":NETLAB-SEP-b$k - [0:0]"; done
    echo "-A PREROUTING -d $VIP_DNAT/32 -p tcp -m tcp --dport 80 -m comment --comment \"netlab dnat vip\" -j NETLAB-SVC"
    # round robin over new connections: rule k takes every (n-k+1)th of what rules 1..k-1 left over
    for k in $(seq 1 "$n"); do
      if (( k < n )); then
        echo "-A NETLAB-SVC -m statistic --mode nth --every $((n - k + 1)) --packet 0 -j NETLAB-SEP-b$k"
      else
        echo "-A NETLAB-SVC -j NETLAB-SEP-b$k"
      fi
      echo "-A NETLAB-SEP-b$k -p tcp -j DNAT --to-destination $(b4 "$k"):$bport"
    done
    echo "COMMIT"
  } > "$STATE/dnat.rules"
  nsx lb iptables-restore --noflush < "$STATE/dnat.rules" || die "iptables-restore of $STATE/dnat.rules failed"
  say "dnat: $VIP_DNAT:80 -> $n backends :$bport"
}

cmd_dnat_clear() {
  [[ $# -eq 0 ]] || misuse "dnat-clear takes no arguments"
  need_root; require_lab
  dnat_clear
  say "dnat rules removed"
}

# --- backend faults ------------------------------------------------------------------------------------
cmd_backend_stop() {
  [[ $# -eq 1 ]] || misuse "backend-stop K|all"
  need_root; require_lab
  local ks k names=(); ks=$(backend_list "$1")
  for k in $ks; do names+=("b$k"); done
  stop_recorded "${names[@]}"
  say "stopped backend(s): ${names[*]}"
}

cmd_backend_start() {
  [[ $# -eq 1 ]] || misuse "backend-start K|all"
  need_root; require_lab
  local ks k started=(); ks=$(backend_list "$1")
  for k in $ks; do
    recorded_alive "b$k" && continue
    [[ -f "$STATE/b$k/nginx.conf" ]] || write_backend_conf "$k"
    start_backend "$k"; started+=("$k")
  done
  for k in "${started[@]}"; do
    wait_listen "b$k" "b$k" t 100 "$STATE/b$k/nginx.log" "0.0.0.0:80" "[::]:80" || die "backend b$k did not start"
  done
  say "started backend(s): ${started[*]:-none (already running)}"
}

drop_rule() { echo INPUT -p tcp --dport 80 -m comment --comment netlab-drop -j DROP; }

cmd_backend_drop() {
  [[ $# -eq 1 ]] || misuse "backend-drop K|all"
  need_root; require_lab
  local ks k t; ks=$(backend_list "$1")
  for k in $ks; do
    for t in iptables ip6tables; do
      # shellcheck disable=SC2046
      nsx "b$k" "$t" -C $(drop_rule) 2>/dev/null || nsx "b$k" "$t" -I $(drop_rule)
    done
  done
  say "backend(s) $(echo $ks | sed 's/[0-9]\+/b&/g') drop tcp/80"
}

cmd_backend_undrop() {
  [[ $# -eq 1 ]] || misuse "backend-undrop K|all"
  need_root; require_lab
  local ks k t; ks=$(backend_list "$1")
  for k in $ks; do
    for t in iptables ip6tables; do
      # shellcheck disable=SC2046
      while nsx "b$k" "$t" -D $(drop_rule) 2>/dev/null; do :; done
    done
  done
  say "backend(s) $(echo $ks | sed 's/[0-9]\+/b&/g') accept tcp/80 again"
}

# --- router firewall -------------------------------------------------------------------------------------
fw_chain_ensure() {
  local t=$1
  nsx router "$t" -N NETLAB-FW 2>/dev/null || true
  nsx router "$t" -C FORWARD -j NETLAB-FW 2>/dev/null || nsx router "$t" -I FORWARD 1 -j NETLAB-FW
}

fw_clear_all() {
  local t
  for t in iptables ip6tables; do
    while nsx router "$t" -D FORWARD -j NETLAB-FW 2>/dev/null; do :; done
    nsx router "$t" -F NETLAB-FW 2>/dev/null || true
    nsx router "$t" -X NETLAB-FW 2>/dev/null || true
  done
}

cmd_fw() {
  local action=${1:-} dst=$VIP4 port=80
  case $action in drop|reject|reject-admin|reject-rst|clear) ;; *) misuse "fw needs drop|reject|reject-admin|reject-rst|clear" ;; esac
  shift
  while [[ $# -gt 0 ]]; do
    case $1 in
      --dst) [[ $# -ge 2 ]] || misuse "--dst needs an address"; dst=$2; shift 2 ;;
      --port) [[ $# -ge 2 ]] || misuse "--port needs a value"; port=$2; shift 2 ;;
      *) misuse "fw: unknown argument '$1'" ;;
    esac
  done
  check_port "$port"
  need_root; require_lab
  if [[ $action == clear ]]; then fw_clear_all; say "fw: router rules cleared"; return 0; fi
  local t v6=0
  if [[ "$dst" == *:* ]]; then
    [[ "$dst" =~ ^[0-9a-fA-F:]+(/[0-9]{1,3})?$ ]] || misuse "bad IPv6 --dst '$dst'"
    t=ip6tables; v6=1
  else
    [[ "$dst" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?$ ]] || misuse "bad IPv4 --dst '$dst'"
    t=iptables
  fi
  local port_unreach=icmp-port-unreachable admin=icmp-admin-prohibited
  (( v6 )) && { port_unreach=icmp6-port-unreachable; admin=icmp6-adm-prohibited; }
  local match=(-i eth0 -d "$dst" -p tcp --dport "$port")
  local targets=("-j DROP" "-j REJECT --reject-with $port_unreach" "-j REJECT --reject-with $admin" "-j REJECT --reject-with tcp-reset")
  local target
  case $action in
    drop) target=${targets[0]} ;;
    reject) target=${targets[1]} ;;
    reject-admin) target=${targets[2]} ;;
    reject-rst) target=${targets[3]} ;;
  esac
  fw_chain_ensure "$t"
  # replace any earlier rule for the same destination and port
  local x
  for x in "${targets[@]}"; do
    # shellcheck disable=SC2086
    while nsx router "$t" -D NETLAB-FW "${match[@]}" $x 2>/dev/null; do :; done
  done
  # shellcheck disable=SC2086
  nsx router "$t" -I NETLAB-FW 1 "${match[@]}" $target
  say "fw: router FORWARD client -> $dst:$port $action"
}

# --- path MTU black hole ----------------------------------------------------------------------------------
# A smaller link on the client side of the router that does not say so. The router's route to the client's
# subnet carries at most N bytes, and the ICMP that would tell the senders (fragmentation needed / packet too
# big) is dropped on its way out: the servers' full-size packets cannot be forwarded to the client and vanish.
# The client's packets above N are dropped on arrival. (Not the device MTU: a veth whose far end has a smaller
# MTU makes the sender's own kernel refuse big frames with ENOBUFS, which a real black hole never does.)
mtu_rules_clear() {
  local t table rule
  for t in iptables ip6tables; do
    for table in raw filter; do
      while read -r rule; do
        [[ -n "$rule" ]] || continue
        # shellcheck disable=SC2086
        nsx router "$t" -t "$table" ${rule/#-A /-D }
      done < <(nsx router "$t" -t "$table" -S | grep -- '--comment netlab-mtu' || true)
    done
  done
}

# mtu_routes [N]: the router's routes to the client subnet with MTU N, or without an MTU
mtu_routes() {
  local m=${1:+mtu $1}
  # shellcheck disable=SC2086
  nsx router ip route replace 198.51.100.0/29 dev eth0 proto kernel scope link src "$RC4" $m
  # shellcheck disable=SC2086
  nsx router ip -6 route replace 2001:db8:1::/64 dev eth0 proto kernel metric 256 $m
}

cmd_mtu_blackhole() {
  local mtu=1280 t
  while [[ $# -gt 0 ]]; do
    case $1 in
      --mtu) [[ $# -ge 2 ]] || misuse "--mtu needs a value"; mtu=$2; shift 2 ;;
      *) misuse "mtu-blackhole: unknown argument '$1'" ;;
    esac
  done
  [[ "$mtu" =~ ^[0-9]{4}$ ]] && (( mtu >= 1280 && mtu <= 1499 )) || misuse "--mtu must be 1280..1499, got '$mtu'"
  need_root; require_lab
  mtu_rules_clear
  for t in iptables ip6tables; do
    nsx router "$t" -t raw -A PREROUTING -i eth0 -m length --length "$((mtu + 1)):65535" \
      -m comment --comment netlab-mtu -j DROP
  done
  nsx router iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -m comment --comment netlab-mtu -j DROP
  nsx router ip6tables -A OUTPUT -p icmpv6 --icmpv6-type packet-too-big -m comment --comment netlab-mtu -j DROP
  mtu_routes "$mtu"
  say "mtu-blackhole: router <-> client link carries $mtu bytes (client keeps 1500), fragmentation-needed / packet-too-big dropped"
}

# A smaller link that says so: the router's route towards the lb carries N bytes and the router answers
# larger packets with fragmentation needed / packet too big, as it should (path MTU discovery works).
cmd_mtu_narrow() {
  local mtu=1400
  while [[ $# -gt 0 ]]; do
    case $1 in
      --mtu) [[ $# -ge 2 ]] || misuse "--mtu needs a value"; mtu=$2; shift 2 ;;
      *) misuse "mtu-narrow: unknown argument '$1'" ;;
    esac
  done
  [[ "$mtu" =~ ^[0-9]{4}$ ]] && (( mtu >= 1280 && mtu <= 1499 )) || misuse "--mtu must be 1280..1499, got '$mtu'"
  need_root; require_lab
  nsx router ip route replace 203.0.113.0/24 via "$LB4" mtu "$mtu"
  nsx router ip -6 route replace 2001:db8:100::/48 via "$LB6" mtu "$mtu"
  say "mtu-narrow: router -> lb carries $mtu bytes, fragmentation-needed / packet-too-big sent"
}

cmd_mtu_clear() {
  [[ $# -eq 0 ]] || misuse "mtu-clear takes no arguments"
  need_root; require_lab
  mtu_routes
  mtu_rules_clear
  nsx router ip route replace 203.0.113.0/24 via "$LB4"
  nsx router ip -6 route replace 2001:db8:100::/48 via "$LB6"
  nsx client ip route flush cache          # path MTUs the client learnt from mtu-narrow
  nsx client ip -6 route flush cache
  say "mtu-clear: full-size packets pass again"
}

# --- misc ----------------------------------------------------------------------------------------------
cmd_exec() {
  [[ $# -ge 2 ]] || misuse "exec NODE CMD..."
  local node=$1; shift
  [[ "$node" =~ ^(client|router|lb|b[1-9][0-9]?)$ ]] || misuse "unknown node '$node' (client|router|lb|bK)"
  need_root
  ip netns list | awk '{print $1}' | grep -qx "$(ns "$node")" || die "namespace $(ns "$node") does not exist (is lab '$ID' up?)"
  exec ip netns exec "$(ns "$node")" "$@"
}

cmd_status() {
  [[ $# -eq 0 ]] || misuse "status takes no arguments"
  need_root
  local nss n f p name st
  nss=$(lab_namespaces)
  if [[ -z "$nss" && ! -d "$STATE" ]]; then echo "lab $ID: not up"; return 1; fi
  echo "lab $ID: state $STATE, backends $(cat "$STATE/backends" 2>/dev/null || echo '?')"
  for n in $nss; do
    echo "== $n"
    ip -n "$n" -br addr | sed 's/^/   /'
    p=$(ip netns pids "$n" 2>/dev/null | tr '\n' ' ')
    [[ -n "$p" ]] && echo "   pids: $(for x in $p; do printf '%s(%s) ' "$x" "$(cat /proc/"$x"/comm 2>/dev/null)"; done)"
  done
  echo "== recorded servers"
  for f in "$PIDS"/*.pid; do
    [[ -f "$f" ]] || continue
    name=$(basename "$f" .pid); p=$(cat "$f")
    if alive "$p" && ours "$p"; then st=running; else st=dead; fi
    echo "   $name pid $p $st"
  done
  return 0
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    exec) cmd_exec "$@" ;;
    haproxy) cmd_haproxy "$@" ;;
    haproxy-stop) cmd_haproxy_stop "$@" ;;
    nginx-proxy) cmd_nginx_proxy "$@" ;;
    nginx-proxy-stop) cmd_nginx_proxy_stop "$@" ;;
    dnat) cmd_dnat "$@" ;;
    dnat-clear) cmd_dnat_clear "$@" ;;
    backend-stop) cmd_backend_stop "$@" ;;
    backend-start) cmd_backend_start "$@" ;;
    backend-drop) cmd_backend_drop "$@" ;;
    backend-undrop) cmd_backend_undrop "$@" ;;
    fw) cmd_fw "$@" ;;
    tls-server) cmd_tls_server "$@" ;;
    tls-server-stop) cmd_tls_server_stop "$@" ;;
    mtu-blackhole) cmd_mtu_blackhole "$@" ;;
    mtu-narrow) cmd_mtu_narrow "$@" ;;
    mtu-clear) cmd_mtu_clear "$@" ;;
    help|-h|--help) usage ;;
    "") usage >&2; exit 2 ;;
    *) misuse "unknown command '$cmd'" ;;
  esac
}

main "$@"
