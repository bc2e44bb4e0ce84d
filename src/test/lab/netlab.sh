#!/usr/bin/env bash
# netlab.sh - throwaway network lab for netcheck's integration tests (and for poking at by hand).
#
# Builds, inside network namespaces only, a client -> router -> ... -> load balancer -> backends network
# with real servers (dnsmasq, nginx, HAProxy, iptables DNAT) and lets tests inject faults
# (stopped/dropping backends, firewall DROP/REJECT on the router, LB -> server path blocked, bad TLS
# certificates). Needs root. Five layouts (`up --topology a|b|c|d|e`, default a):
#
#   a  client ---- router ---- lb [br0] ---- b1 .. bN                 (the lb routes to its servers)
#   b  client ---- router [br0] ---- b1 .. bN                         (lb and servers on two router legs,
#                    `---- lb                                          same distance from the client)
#   c  client ---- router ---- r2 [br0] ---- lb, b1 .. bN             (one-armed lb on the servers' LAN)
#   d  client ---- router ---- r2 ---- lb [br0] ---- b1 .. bN         (a, one router further away)
#   e  b's layout with other vendors' stacks: the routers and the lb start their packets at TTL / hop limit
#      255 (network gear, an appliance LB), the servers at 128 (Windows); only the client keeps Linux's 64
#
# Fixed in every topology (other code hard-codes them, see LabNetwork.java):
#   client  eth0  198.51.100.2/29     2001:db8:1::2/64     default via 198.51.100.1 / 2001:db8:1::1
#   router  eth0  198.51.100.1/29     2001:db8:1::1/64     (client side; dnsmasq listens on 198.51.100.1:53)
#           NO default route: e.g. 198.51.100.200 gets ICMP net unreachable from the router.
#   lb      lo    203.0.113.10/32 (HAProxy VIP), 203.0.113.12/32 (nginx proxy VIP), 2001:db8:100::10/128
#           203.0.113.11 = DNAT VIP (not a local address, only DNATed by the `dnat` rules)
#           unreachable routes for the VIP range (203.0.113.0/24 in a and d, 203.0.113.0/25 in b and c) and
#           2001:db8:100::/48: an address the lb does not own and does not DNAT gets ICMP unreachable from
#           the lb instead of looping back.
#   bK      eth0  203.0.113.(129+K)/25  2001:db8:200::1:K/64 (K written in decimal digits, e.g. b12 ->
#           2001:db8:200::1:12)        default via 203.0.113.129 / 2001:db8:200::1 (br0 of lb, router or r2)
#           nginx on :80 (v4+v6): 200, body "backend bK\n", header "X-Backend: bK"
# Per topology (transit links; see plan() and src/test/lab/README.md):
#   a  router eth1 198.51.100.9/29 2001:db8:2::1/64 -- lb eth0 198.51.100.10/29 2001:db8:2::2/64; lb br0 .129
#   b  as a, and router br0 203.0.113.129/25 2001:db8:200::1/64 (the backends' bridge is on the router)
#   e  as b
#   c  router eth1 198.51.100.17/29 2001:db8:3::1/64 -- r2 eth0 198.51.100.18/29 2001:db8:3::2/64;
#      r2 br0 203.0.113.129/25 2001:db8:200::1/64; lb eth0 (a port of r2's br0) 203.0.113.200/25
#      2001:db8:200::200/64
#   d  router eth1 198.51.100.17/29 2001:db8:3::1/64 -- r2 eth0 198.51.100.18/29 2001:db8:3::2/64;
#      r2 eth1 198.51.100.25/29 2001:db8:4::1/64 -- lb eth0 198.51.100.26/29 2001:db8:4::2/64; lb br0 .129
#   DNS (dnsmasq on the router, no upstream): vip.lab.test A 203.0.113.10 AAAA 2001:db8:100::10,
#       dnat.lab.test A 203.0.113.11, proxy.lab.test A 203.0.113.12, bK.lab.test A 203.0.113.(129+K);
#       any other *.lab.test -> NXDOMAIN; nothing is forwarded anywhere.
#
# Lab id: env NETLAB_ID (default t1, 1-5 chars [a-z0-9]). Namespaces nc${ID}-client, -router, [-r2,] -lb,
# -b1..-bN; state (pid files, configs, logs, topology) in /tmp/netlab-${ID}/. Run with no arguments for usage.
set -euo pipefail
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"

ID="${NETLAB_ID:-t1}"
MAX_BACKENDS=32
DEFAULT_BACKENDS=3

# --- fixed address plan ---------------------------------------------------------------------------
CLIENT4=198.51.100.2;  CLIENT6=2001:db8:1::2
RC4=198.51.100.1;      RC6=2001:db8:1::1      # router, client side
RL4=198.51.100.9;      RL6=2001:db8:2::1      # router, lb side (a, b)
LB4=198.51.100.10;     LB6=2001:db8:2::2      # lb uplink in a and b; plan() sets it for c and d
BR4=203.0.113.129;     BR6=2001:db8:200::1    # backends' bridge and gateway (on lb, router or r2)
RR4=198.51.100.17;     RR6=2001:db8:3::1      # router, r2 side (c, d)
R2U4=198.51.100.18;    R2U6=2001:db8:3::2     # r2 uplink (c, d)
R2L4=198.51.100.25;    R2L6=2001:db8:4::1     # r2, lb side (d)
VIP4=203.0.113.10;     VIP6=2001:db8:100::10  # HAProxy
VIP_DNAT=203.0.113.11
VIP_PROXY=203.0.113.12                        # nginx reverse proxy
b4() { echo "203.0.113.$((129 + $1))"; }
b6() { echo "2001:db8:200::1:$1"; }

STATE="/tmp/netlab-${ID}"
PIDS="$STATE/pids"

TOPOLOGIES="a b c d e"
# plan TOPOLOGY: the addresses that differ per topology.
#   BR_NODE        node holding br0 with 203.0.113.129/25, the backends' gateway
#   LB4/LB6        the lb's own (non-VIP) address on its uplink
#   LBSRC4/LBSRC6  the source address the lb uses toward the servers (proxies, health checks, and with
#                  MASQ=1 the DNAT source too): what `lb-path drop` blocks in the backends
#   MASQ           1 where the lb is not the servers' gateway: `dnat` masquerades, like kube-proxy does,
#                  or the servers' replies would bypass the LB's un-NAT
plan() {
  TOPO=$1
  case $TOPO in
    a) BR_NODE=lb;     LB4=198.51.100.10;  LB6=2001:db8:2::2;     LBSRC4=$BR4; LBSRC6=$BR6; MASQ=0 ;;
    b) BR_NODE=router; LB4=198.51.100.10;  LB6=2001:db8:2::2;     LBSRC4=$LB4; LBSRC6=$LB6; MASQ=1 ;;
    c) BR_NODE=r2;     LB4=203.0.113.200;  LB6=2001:db8:200::200; LBSRC4=$LB4; LBSRC6=$LB6; MASQ=1 ;;
    d) BR_NODE=lb;     LB4=198.51.100.26;  LB6=2001:db8:4::2;     LBSRC4=$BR4; LBSRC6=$BR6; MASQ=0 ;;
    e) BR_NODE=router; LB4=198.51.100.10;  LB6=2001:db8:2::2;     LBSRC4=$LB4; LBSRC6=$LB6; MASQ=1 ;;
    *) misuse "topology must be one of: $TOPOLOGIES (got '$1')" ;;
  esac
}

# topology of the lab that is up (a for a state dir from before topologies existed)
lab_topology() {
  local t; t=$(cat "$STATE/topology" 2>/dev/null || echo a)
  [[ " $TOPOLOGIES " == *" $t "* ]] || die "bad topology '$t' in $STATE/topology"
  echo "$t"
}
has_r2() { [[ $TOPO == c || $TOPO == d ]]; }

usage() {
  cat <<'EOF'
usage: NETLAB_ID=<id> netlab.sh <command> [args]      (id: 1-5 chars [a-z0-9], default t1; needs root)

  up [--backends N] [--topology T]   build the lab (N = 1..32, default 3; T = a|b|c|d|e, default a),
                                     start dnsmasq + backends
                                       a  client - router - lb - backends (the lb routes to the servers)
                                       b  client - router - backends, and lb on another router leg
                                       c  client - router - r2 - LAN with a one-armed lb and the backends
                                       d  client - router - r2 - lb - backends
                                       e  b with other vendors' initial TTLs: routers and lb 255, backends 128
  down                               tear everything down (idempotent)
  status                             topology, namespaces, addresses, processes
  reset                              back to the state after up: stop HAProxy, nginx proxy, TLS servers,
                                     clear dnat, fw, lb-path and backend drops, start every backend
  exec NODE CMD...                   run CMD in nc<id>-NODE (NODE = client|router|r2|lb|bK)
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
  dns-record NAME ADDR               (re)point NAME.lab.test's A record at ADDR (restarts dnsmasq)
  lb-path drop|clear                 the lb cannot reach its servers (backends drop tcp/80 from the lb's own
                                     address, the lb drops DNATed connections), netcheck still can
  fw drop|reject|reject-admin|reject-rst|clear [--dst ADDR] [--port P]
                                     router FORWARD rule for client -> ADDR:P (default 203.0.113.10:80)
  lb-path-fw drop|reject-admin|clear (topology b or e) a firewall between the lb and its servers: the router
                                     drops or rejects (ICMP admin prohibited) tcp/80 from the lb to the servers
                                     (cleared by fw clear and reset)
  return-drop [--src ADDR] [--port P]
                                     router drops tcp from ADDR:P (default 203.0.113.10:80) towards the client:
                                     the VIP's SYN-ACKs/RSTs never come back (cleared by fw clear and reset)
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
  tls-proxy [--name CN] [--expired|--not-yet-valid] [--ca] [--days N]
                                     (re)start nginx in lb terminating TLS on 203.0.113.12:443, plain HTTP
                                     to the backends :80; certificate CN and SAN = CN (default vip.lab.test),
                                     self-signed or (--ca) signed by the lab CA (path printed on stdout:
                                     /tmp/netlab-<id>/tls-proxy/ca.pem), valid N days (default 90) from now,
                                     or ending yesterday (--expired), or starting tomorrow (--not-yet-valid)
  tls-proxy-stop
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
  # in topology order: client router r2 lb b1..bN
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^nc${ID}-(client|router|r2|lb|b[0-9]+)\$" \
    | awk -v p="nc${ID}-" '{ n = substr($0, length(p) + 1)
        k = (n == "client") ? 0 : (n == "router") ? 1 : (n == "r2") ? 2 : (n == "lb") ? 3 : 3 + substr(n, 2); print k, $0 }' \
    | sort -n | cut -d' ' -f2 || true
}

require_lab() {
  [[ -d "$STATE" && -f "$STATE/backends" ]] || die "lab '$ID' is not up (no $STATE); run: NETLAB_ID=$ID netlab.sh up"
  local n nodes=(client router lb)
  plan "$(lab_topology)"
  has_r2 && nodes+=(r2)
  for n in "${nodes[@]}"; do
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
  [[ "$nsname" =~ ^nc${ID}-(client|router|r2|lb|b[0-9]+)$ ]]
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
  # The server must not inherit the caller's other descriptors: a `flock LOCK netlab.sh ...` lock fd kept
  # open by a server would hold the lock for as long as the lab is up.
  (
    for fd in /proc/self/fd/*; do fd=${fd##*/}; (( fd > 2 )) && eval "exec $fd>&-"; done 2>/dev/null
    exec setsid ip netns exec "$(ns "$node")" "$@"
  ) < /dev/null >> "$logf" 2>&1 &
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
    [[ "$(basename "$f")" =~ ^nc${ID}-(client|router|r2|lb|b[0-9]+)$ ]] && rm -rf -- "$f"
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
    # the initial TTL / hop limit of what this node sends (its own packets, ICMP errors, forged RSTs)
    echo "$2" > /proc/sys/net/ipv4/ip_default_ttl
    echo "$2" > /proc/sys/net/ipv6/conf/all/hop_limit
    echo "$2" > /proc/sys/net/ipv6/conf/default/hop_limit
    ip link set lo up' sh "$fwd" "$(initial_ttl "$node")"
}

# initial_ttl NODE: 64 (Linux) everywhere but topology e, where the routers and the lb are network gear and
# appliances (255) and the servers Windows (128).
initial_ttl() {
  if [[ $TOPO != e ]]; then echo 64; return; fi
  case $1 in
    router|r2|lb) echo 255 ;;
    b*) echo 128 ;;
    *) echo 64 ;;
  esac
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

# bridge NODE N: br0 in NODE with the backends' gateway addresses, ports veth-b1..veth-bN (already created)
# and any extra port names given after N
bridge() {
  local node=$1 n=$2 k p; shift 2
  ip -n "$(ns "$node")" link add br0 type bridge
  {
    echo "addr add $BR4/25 dev br0"
    echo "addr add $BR6/64 dev br0 nodad"
    for p in $(for k in $(seq 1 "$n"); do echo "veth-b$k"; done) "$@"; do
      echo "link set $p addrgenmode none"   # bridge ports: no link-local, no MLD noise
      echo "link set $p master br0"
      echo "link set $p up"
    done
    echo "link set br0 up"
  } | ip -n "$(ns "$node")" -b -
}

# lb_vips EXTRA...: the VIPs on the lb's lo, plus EXTRA lines for ip -b
lb_vips() {
  {
    echo "addr add $VIP4/32 dev lo"
    echo "addr add $VIP_PROXY/32 dev lo"
    echo "addr add $VIP6/128 dev lo nodad"
    printf '%s\n' "$@"
  } | ip -n "$(ns lb)" -b -
}

# router eth0 (client side) and eth1 with ADDR4 ADDR6
router_links() {
  ip -n "$(ns router)" -b - <<EOF
addr add $RC4/29 dev eth0
addr add $RC6/64 dev eth0 nodad
addr add $1/29 dev eth1
addr add $2/64 dev eth1 nodad
link set eth0 up
link set eth1 up
EOF
}

# a: client - router - lb [br0] - backends
build_a() {
  local n=$1
  veth router eth1 lb eth0 l
  router_links "$RL4" "$RL6"
  lb_vips "addr add $LB4/29 dev eth0" "addr add $LB6/64 dev eth0 nodad" "link set eth0 up"
  bridge lb "$n"
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
}

# b: client - router [br0] - backends; router eth1 - lb. The lb reaches the servers through the router.
build_b() {
  local n=$1
  veth router eth1 lb eth0 l
  router_links "$RL4" "$RL6"
  bridge router "$n"
  lb_vips "addr add $LB4/29 dev eth0" "addr add $LB6/64 dev eth0 nodad" "link set eth0 up"
  ip -n "$(ns router)" -b - <<EOF
route add 203.0.113.0/25 via $LB4
route add 2001:db8:100::/48 via $LB6
EOF
  ip -n "$(ns lb)" -b - <<EOF
route add default via $RL4
route add default via $RL6
route add unreachable 203.0.113.0/25
route add unreachable 2001:db8:100::/48
EOF
}

# e: b's layout; the vendors' initial TTLs are set per node by ns_init.
build_e() {
  build_b "$@"
}

# c: client - router - r2 [br0] - (one-armed lb, backends). r2 is the servers' gateway and routes the
# VIPs to the lb.
build_c() {
  local n=$1
  veth router eth1 r2 eth0 r
  veth lb eth0 r2 veth-lb l
  router_links "$RR4" "$RR6"
  ip -n "$(ns r2)" -b - <<EOF
addr add $R2U4/29 dev eth0
addr add $R2U6/64 dev eth0 nodad
link set eth0 up
EOF
  bridge r2 "$n" veth-lb
  lb_vips "addr add $LB4/25 dev eth0" "addr add $LB6/64 dev eth0 nodad" "link set eth0 up"
  ip -n "$(ns router)" -b - <<EOF
route add 203.0.113.0/24 via $R2U4
route add 2001:db8:100::/48 via $R2U6
route add 2001:db8:200::/64 via $R2U6
EOF
  ip -n "$(ns r2)" -b - <<EOF
route add default via $RR4
route add default via $RR6
route add 203.0.113.0/25 via $LB4
route add 2001:db8:100::/48 via $LB6
EOF
  ip -n "$(ns lb)" -b - <<EOF
route add default via $BR4
route add default via $BR6
route add unreachable 203.0.113.0/25
route add unreachable 2001:db8:100::/48
EOF
}

# d: client - router - r2 - lb [br0] - backends
build_d() {
  local n=$1
  veth router eth1 r2 eth0 r
  veth r2 eth1 lb eth0 l
  router_links "$RR4" "$RR6"
  ip -n "$(ns r2)" -b - <<EOF
addr add $R2U4/29 dev eth0
addr add $R2U6/64 dev eth0 nodad
addr add $R2L4/29 dev eth1
addr add $R2L6/64 dev eth1 nodad
link set eth0 up
link set eth1 up
EOF
  lb_vips "addr add $LB4/29 dev eth0" "addr add $LB6/64 dev eth0 nodad" "link set eth0 up"
  bridge lb "$n"
  ip -n "$(ns router)" -b - <<EOF
route add 203.0.113.0/24 via $R2U4
route add 2001:db8:100::/48 via $R2U6
route add 2001:db8:200::/64 via $R2U6
EOF
  ip -n "$(ns r2)" -b - <<EOF
route add default via $RR4
route add default via $RR6
route add 203.0.113.0/24 via $LB4
route add 2001:db8:100::/48 via $LB6
route add 2001:db8:200::/64 via $LB6
EOF
  ip -n "$(ns lb)" -b - <<EOF
route add default via $R2L4
route add default via $R2L6
route add unreachable 203.0.113.0/24
route add unreachable 2001:db8:100::/48
EOF
}

cmd_up() {
  local n=$DEFAULT_BACKENDS topo=a
  while [[ $# -gt 0 ]]; do
    case $1 in
      --backends) [[ $# -ge 2 ]] || misuse "--backends needs a number"; n=$2; shift 2 ;;
      --backends=*) n=${1#*=}; shift ;;
      --topology) [[ $# -ge 2 ]] || misuse "--topology needs a|b|c|d|e"; topo=$2; shift 2 ;;
      --topology=*) topo=${1#*=}; shift ;;
      *) misuse "up: unknown argument '$1'" ;;
    esac
  done
  [[ "$n" =~ ^[1-9][0-9]?$ ]] && (( n <= MAX_BACKENDS )) || misuse "--backends must be 1..$MAX_BACKENDS, got '$n'"
  plan "$topo"
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

  local t0 k nodes=(client router) node; t0=$(date +%s.%N)
  has_r2 && nodes+=(r2)
  nodes+=(lb)
  for k in $(seq 1 "$n"); do nodes+=("b$k"); done
  echo "$n" > "$STATE/backends"
  echo "$TOPO" > "$STATE/topology"
  mkdir -p "$PIDS" "$STATE/dnsmasq"

  # namespaces + sysctls
  for node in "${nodes[@]}"; do
    ip netns add "$(ns "$node")"
    case $node in router|r2|lb) ns_init "$node" 1 ;; *) ns_init "$node" 0 ;; esac
  done

  # links, addresses, routes: client and backends are the same everywhere, the middle per topology
  veth client eth0 router eth0 c
  for k in $(seq 1 "$n"); do veth "b$k" eth0 "$BR_NODE" "veth-b$k" "b$k"; done
  ip -n "$(ns client)" -b - <<EOF
addr add $CLIENT4/29 dev eth0
addr add $CLIENT6/64 dev eth0 nodad
link set eth0 up
EOF
  for k in $(seq 1 "$n"); do
    ip -n "$(ns "b$k")" -b - <<EOF
addr add $(b4 "$k")/25 dev eth0
addr add $(b6 "$k")/64 dev eth0 nodad
link set eth0 up
EOF
  done
  "build_$TOPO" "$n"
  # routes of the ends (after all links are up so IPv6 gateways are reachable)
  ip -n "$(ns client)" -b - <<EOF
route add default via $RC4
route add default via $RC6
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
  # the lb reaches every backend (proxies, health checks, DNAT)
  for k in $(seq 1 "$n"); do
    while :; do
      out=$(nsx lb curl -s --noproxy '*' -m 1 "http://$(b4 "$k")/" 2>/dev/null || true)
      [[ "$out" == "backend b$k" ]] && break
      (( $(date +%s) < deadline )) || die "backend b$k ($(b4 "$k")) does not answer the lb (got '$out')"
      sleep 0.1
    done
  done
  # the VIPs are routed to the lb and back: nothing listens on them yet, so the lb's kernel refuses at once
  local v
  for v in "$VIP4" "$VIP_PROXY" "$VIP6"; do
    out=$(nsx client timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/80"' sh "$v" 2>&1 || true)
    [[ "$out" == *"Connection refused"* ]] || die "VIP $v:80 is not routed to the lb (expected 'Connection refused' at the client, got '$out')"
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
    # max_fails=0: no request inherits a passive "server failed" state from an earlier one (nginx's
    # default would answer 502 "no live upstreams" for 10 s after a failure)
    for k in $(seq 1 "$n"); do echo "    server $(b4 "$k"):$bport max_fails=0;"; done
    echo "  }"
    echo "  server {"
    echo "    listen $VIP_PROXY:80;"
    echo "    location / {"
    echo "      proxy_pass http://backends;"
    echo "      proxy_connect_timeout 1s;"
    # a refused server is retried on the next one at once; a blackholed one costs 1 s, then 504
    echo "      proxy_next_upstream_timeout 1s;"
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

# cert_dates WHEN DAYS -> "NOT_BEFORE NOT_AFTER" (YYYYMMDDHHMMSSZ, UTC)
cert_dates() {
  local now day=86400 from to; now=$(date +%s)
  case $1 in
    valid) from=$(( now - 3600 )); to=$(( now + $2 * day )) ;;
    expired) from=$(( now - ($2 + 1) * day )); to=$(( now - day )) ;;
    future) from=$(( now + day )); to=$(( now + ($2 + 1) * day )) ;;
  esac
  echo "$(date -u -d "@$from" +%Y%m%d%H%M%SZ) $(date -u -d "@$to" +%Y%m%d%H%M%SZ)"
}

# make_cert DIR NAME WHEN DAYS CA(0|1): DIR/cert.pem + DIR/key.pem for NAME (CN and SAN DNS:NAME) with the
# dates cert_dates gives. `openssl ca` because OpenSSL 3.0's `req -x509` / `x509 -req` cannot set a start
# date; self-signed with -selfsign, or signed by the lab CA DIR/ca.pem (made once per lab, then reused).
make_cert() {
  local d=$1 name=$2 when=$3 days=$4 ca=$5 dates db="$1/ca-db"
  rm -rf "$db"; mkdir -p "$db/new"; : > "$db/index.txt"
  cat > "$db/openssl.cnf" <<EOF
[ ca ]
default_ca = lab
[ lab ]
database = $db/index.txt
new_certs_dir = $db/new
rand_serial = yes
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
[ any ]
commonName = supplied
[ leaf ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:$name
EOF
  read -r -a dates <<< "$(cert_dates "$when" "$days")"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
    -keyout "$d/key.pem" -out "$db/req.pem" 2> "$d/openssl.log" || die "openssl req failed: $(cat "$d/openssl.log")"
  local signer=(-selfsign -keyfile "$d/key.pem")
  if (( ca )); then
    if [[ ! -s "$d/ca.pem" ]]; then
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
        -subj "/CN=netlab $ID test CA" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$d/ca.key" -out "$d/ca.pem" 2>> "$d/openssl.log" \
        || die "openssl could not make the lab CA: $(cat "$d/openssl.log")"
      chmod 0644 "$d/ca.pem"
    fi
    signer=(-cert "$d/ca.pem" -keyfile "$d/ca.key")
  fi
  openssl ca -batch -notext -config "$db/openssl.cnf" "${signer[@]}" -in "$db/req.pem" -extensions leaf \
    -startdate "${dates[0]}" -enddate "${dates[1]}" -out "$d/cert.pem" 2>> "$d/openssl.log" \
    || die "openssl ca failed: $(cat "$d/openssl.log")"
}

cmd_tls_proxy() {
  local name=vip.lab.test days=90 when=valid ca=0 k n
  while [[ $# -gt 0 ]]; do
    case $1 in
      --name) [[ $# -ge 2 ]] || misuse "--name needs a value"; name=$2; shift 2 ;;
      --days) [[ $# -ge 2 ]] || misuse "--days needs a value"; days=$2; shift 2 ;;
      --expired|--not-yet-valid)
        [[ $when == valid ]] || misuse "--expired and --not-yet-valid exclude each other"
        if [[ $1 == --expired ]]; then when=expired; else when=future; fi; shift ;;
      --ca) ca=1; shift ;;
      *) misuse "tls-proxy: unknown argument '$1'" ;;
    esac
  done
  [[ "$name" =~ ^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$ ]] || misuse "bad --name '$name'"
  [[ "$days" =~ ^[1-9][0-9]{0,3}$ ]] || misuse "bad --days '$days' (1..9999)"
  need_root; need_cmds openssl nginx; require_lab
  n=$(nbackends)
  local d="$STATE/tls-proxy"
  mkdir -p "$d/tmp"
  make_cert "$d" "$name" "$when" "$days" "$ca"
  {
    echo "# generated by netlab.sh: TLS-terminating nginx proxy, name=$name dates=$when days=$days ca=$ca"
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
    for k in $(seq 1 "$n"); do echo "    server $(b4 "$k"):80 max_fails=0;"; done
    echo "  }"
    echo "  server {"
    echo "    listen $VIP_PROXY:443 ssl;"
    echo "    ssl_certificate $d/cert.pem;"
    echo "    ssl_certificate_key $d/key.pem;"
    echo "    location / {"
    echo "      proxy_pass http://backends;"
    echo "      proxy_connect_timeout 1s;"
    echo "      proxy_next_upstream_timeout 1s;"
    echo "      proxy_send_timeout 5s;"
    echo "      proxy_read_timeout 5s;"
    echo "    }"
    echo "  }"
    echo "}"
  } > "$d/nginx.conf"
  stop_recorded tls-proxy
  start_daemon tls-proxy lb "$d/nginx.log" \
    nginx -p "$d/" -c "$d/nginx.conf" -e "$d/error.log" -g 'daemon off; master_process off;'
  wait_listen tls-proxy lb t 50 "$d/nginx.log" "$VIP_PROXY:443" || die "TLS proxy did not start"
  local dates; dates=$(openssl x509 -in "$d/cert.pem" -noout -startdate -enddate | sed 's/^not[A-Za-z]*=//' | paste -sd'|' | sed 's/|/ .. /')
  say "TLS proxy up on $VIP_PROXY:443 (CN=$name, $dates, $( (( ca )) && echo "signed by the lab CA $d/ca.pem" || echo self-signed)) -> $n backends :80"
  if (( ca )); then echo "$d/ca.pem"; fi
}

cmd_tls_proxy_stop() {
  [[ $# -eq 0 ]] || misuse "tls-proxy-stop takes no arguments"
  need_root; require_lab
  stop_recorded tls-proxy
  say "TLS proxy stopped"
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
  while nsx lb iptables -t nat -D POSTROUTING -m comment --comment "netlab dnat masq" -j NETLAB-POST 2>/dev/null; do :; done
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
    if (( MASQ )); then
      # the lb is not the servers' gateway: without SNAT their replies would go straight to the client
      # with the server's address and never be un-NATed (kube-proxy masquerades for the same reason)
      echo ":NETLAB-POST - [0:0]"
      echo "-A POSTROUTING -m comment --comment \"netlab dnat masq\" -j NETLAB-POST"
      echo "-A NETLAB-POST -m conntrack --ctstate DNAT --ctorigdst $VIP_DNAT/32 -j MASQUERADE"
    fi
    echo "COMMIT"
  } > "$STATE/dnat.rules"
  nsx lb iptables-restore --noflush < "$STATE/dnat.rules" || die "iptables-restore of $STATE/dnat.rules failed"
  say "dnat: $VIP_DNAT:80 -> $n backends :$bport$( (( MASQ )) && echo " (masquerade: source $LBSRC4)")"
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

# --- LB -> servers path ------------------------------------------------------------------------------------
# The lb cannot reach its servers while netcheck still can: every backend drops tcp/80 from the address the
# lb uses toward it (proxies, health checks, masqueraded DNAT), and the lb drops the DNATed connections it
# forwards (DNAT without masquerade keeps the client's source, indistinguishable at the server).
lbpath_rules() {  # TABLE -> the rules, one per line, for the backends (iptables/ip6tables) and the lb (lb)
  case $1 in
    iptables) echo "INPUT -s $LBSRC4/32 -p tcp --dport 80 -m comment --comment netlab-lbpath -j DROP" ;;
    ip6tables) echo "INPUT -s $LBSRC6/128 -p tcp --dport 80 -m comment --comment netlab-lbpath -j DROP" ;;
    lb) echo "FORWARD -p tcp -m conntrack --ctstate DNAT -m comment --comment netlab-lbpath -j DROP" ;;
  esac
}

lbpath_clear() {
  local k t
  for k in $(seq 1 "$(nbackends)"); do
    for t in iptables ip6tables; do
      # shellcheck disable=SC2046
      while nsx "b$k" "$t" -D $(lbpath_rules "$t") 2>/dev/null; do :; done
    done
  done
  # shellcheck disable=SC2046
  while nsx lb iptables -D $(lbpath_rules lb) 2>/dev/null; do :; done
}

cmd_lb_path() {
  local action=${1:-}
  [[ $# -eq 1 && ( $action == drop || $action == clear ) ]] || misuse "lb-path drop|clear"
  need_root; require_lab
  lbpath_clear
  if [[ $action == clear ]]; then say "lb-path: the lb reaches its servers again"; return 0; fi
  local k t
  for k in $(seq 1 "$(nbackends)"); do
    for t in iptables ip6tables; do
      # shellcheck disable=SC2046
      nsx "b$k" "$t" -I $(lbpath_rules "$t")
    done
  done
  # shellcheck disable=SC2046
  nsx lb iptables -I $(lbpath_rules lb)
  say "lb-path: backends drop tcp/80 from the lb ($LBSRC4, $LBSRC6), the lb drops DNATed connections"
}

# --- reset -------------------------------------------------------------------------------------------------
cmd_reset() {
  [[ $# -eq 0 ]] || misuse "reset takes no arguments"
  need_root; require_lab
  stop_recorded haproxy proxy tls tls-proxy
  # Only where netlab left rules: one *-save per namespace and family instead of ~30 failing deletes
  # (reset runs before every case of the fault matrix).
  local k t rules
  rules=$(nsx lb iptables-save 2>/dev/null)
  if [[ $rules == *netlab* || $rules == *NETLAB* ]]; then
    dnat_clear
    # shellcheck disable=SC2046
    while nsx lb iptables -D $(lbpath_rules lb) 2>/dev/null; do :; done
  fi
  rules=$(nsx router iptables-save 2>/dev/null; nsx router ip6tables-save 2>/dev/null)
  [[ $rules == *NETLAB-FW* ]] && fw_clear_all
  for k in $(seq 1 "$(nbackends)"); do
    for t in iptables ip6tables; do
      rules=$(nsx "b$k" "$t-save" 2>/dev/null)
      [[ $rules == *netlab* ]] || continue
      # shellcheck disable=SC2046
      while nsx "b$k" "$t" -D $(drop_rule) 2>/dev/null; do :; done
      # shellcheck disable=SC2046
      while nsx "b$k" "$t" -D $(lbpath_rules "$t") 2>/dev/null; do :; done
    done
  done
  cmd_mtu_clear >/dev/null 2>&1 || true
  cmd_backend_start all
  say "reset: no LB servers, no faults, every backend up"
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

# A firewall in the path between the lb and its servers. Only topology b has a device there (the router carries
# the lb's leg and the servers' bridge); elsewhere the lb reaches them directly. In the NETLAB-FW chain, so
# `fw clear` and `reset` remove it.
cmd_lb_path_fw() {
  local action=${1:-}
  [[ $# -eq 1 ]] || misuse "lb-path-fw drop|reject-admin|clear"
  case $action in drop|reject-admin|clear) ;; *) misuse "lb-path-fw needs drop|reject-admin|clear" ;; esac
  need_root; require_lab
  [[ $TOPO == b || $TOPO == e ]] || die "lb-path-fw needs topology b or e: only there is a router between the lb and its servers"
  local t src dst target
  for t in iptables ip6tables; do
    if [[ $t == iptables ]]; then src=$LBSRC4/32; dst=203.0.113.128/25; target="REJECT --reject-with icmp-admin-prohibited"
    else src=$LBSRC6/128; dst=2001:db8:200::/64; target="REJECT --reject-with icmp6-adm-prohibited"; fi
    fw_chain_ensure "$t"
    local match=(-s "$src" -d "$dst" -p tcp --dport 80)
    # shellcheck disable=SC2086
    while nsx router "$t" -D NETLAB-FW "${match[@]}" -j $target 2>/dev/null; do :; done
    while nsx router "$t" -D NETLAB-FW "${match[@]}" -j DROP 2>/dev/null; do :; done
    case $action in
      drop) nsx router "$t" -I NETLAB-FW 1 "${match[@]}" -j DROP ;;
      # shellcheck disable=SC2086
      reject-admin) nsx router "$t" -I NETLAB-FW 1 "${match[@]}" -j $target ;;
    esac
  done
  say "lb-path-fw: router $action tcp/80 from the lb ($LBSRC4, $LBSRC6) to the servers"
}

# The return path loses the VIP's answers: the router drops tcp from ADDR:P on its way out to the client side
# (SYN-ACKs and RSTs of the VIP never come back; the SYNs still get there). In the NETLAB-FW chain, so `fw clear`
# and `reset` remove it.
cmd_return_drop() {
  local src=$VIP4 port=80
  while [[ $# -gt 0 ]]; do
    case $1 in
      --src) [[ $# -ge 2 ]] || misuse "--src needs an address"; src=$2; shift 2 ;;
      --port) [[ $# -ge 2 ]] || misuse "--port needs a value"; port=$2; shift 2 ;;
      *) misuse "return-drop: unknown argument '$1'" ;;
    esac
  done
  check_port "$port"
  need_root; require_lab
  local t=iptables
  if [[ "$src" == *:* ]]; then
    [[ "$src" =~ ^[0-9a-fA-F:]+(/[0-9]{1,3})?$ ]] || misuse "bad IPv6 --src '$src'"
    t=ip6tables
  else
    [[ "$src" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?$ ]] || misuse "bad IPv4 --src '$src'"
  fi
  fw_chain_ensure "$t"
  local match=(-o eth0 -s "$src" -p tcp --sport "$port" -j DROP)
  while nsx router "$t" -D NETLAB-FW "${match[@]}" 2>/dev/null; do :; done
  nsx router "$t" -I NETLAB-FW 1 "${match[@]}"
  say "return-drop: router drops tcp from $src:$port towards the client side"
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
  [[ $(cat "$STATE/topology" 2>/dev/null || echo a) == a ]] || die "mtu-narrow is built for topology a (router -> lb route)"
  nsx router ip route replace 203.0.113.0/24 via "$LB4" mtu "$mtu"
  nsx router ip -6 route replace 2001:db8:100::/48 via "$LB6" mtu "$mtu"
  touch "$STATE/mtu-narrow"
  say "mtu-narrow: router -> lb carries $mtu bytes, fragmentation-needed / packet-too-big sent"
}

cmd_mtu_clear() {
  [[ $# -eq 0 ]] || misuse "mtu-clear takes no arguments"
  need_root; require_lab
  mtu_routes
  mtu_rules_clear
  if [[ -e "$STATE/mtu-narrow" ]]; then
    nsx router ip route replace 203.0.113.0/24 via "$LB4"
    nsx router ip -6 route replace 2001:db8:100::/48 via "$LB6"
    rm -f "$STATE/mtu-narrow"
  fi
  nsx client ip route flush cache          # path MTUs the client learnt from mtu-narrow
  nsx client ip -6 route flush cache
  say "mtu-clear: full-size packets pass again"
}

# --- misc ----------------------------------------------------------------------------------------------
# dns-record NAME ADDR: NAME.lab.test A ADDR from now on, replacing the name's record (a DNS change under a
# running service: "what changed since it last worked"). dnsmasq reads host-record only at start.
cmd_dns_record() {
  [[ $# -eq 2 ]] || misuse "dns-record takes NAME ADDR"
  local name=$1 addr=$2
  [[ "$name" =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || misuse "bad NAME '$name' (one label: NAME.lab.test)"
  [[ "$addr" =~ ^(198\.51\.100|203\.0\.113)\.[0-9]{1,3}$ ]] || misuse "ADDR must be in 198.51.100.0/24 or 203.0.113.0/24"
  need_root; require_lab
  local conf="$STATE/dnsmasq/dnsmasq.conf"
  grep -v "^host-record=$name\.lab\.test," "$conf" > "$conf.new" || true
  echo "host-record=$name.lab.test,$addr" >> "$conf.new"
  mv "$conf.new" "$conf"
  stop_recorded dnsmasq
  start_dnsmasq
  wait_listen dnsmasq router u 100 "$STATE/dnsmasq/dnsmasq.log" "$RC4:53" || die "dnsmasq did not restart"
  say "$name.lab.test A $addr"
}

cmd_exec() {
  [[ $# -ge 2 ]] || misuse "exec NODE CMD..."
  local node=$1; shift
  [[ "$node" =~ ^(client|router|r2|lb|b[1-9][0-9]?)$ ]] || misuse "unknown node '$node' (client|router|r2|lb|bK)"
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
  echo "lab $ID: topology $(cat "$STATE/topology" 2>/dev/null || echo '?'), state $STATE, backends $(cat "$STATE/backends" 2>/dev/null || echo '?')"
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
    dns-record) cmd_dns_record "$@" ;;
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
    tls-proxy) cmd_tls_proxy "$@" ;;
    tls-proxy-stop) cmd_tls_proxy_stop "$@" ;;
    lb-path) cmd_lb_path "$@" ;;
    return-drop) cmd_return_drop "$@" ;;
    lb-path-fw) cmd_lb_path_fw "$@" ;;
    reset) cmd_reset "$@" ;;
    help|-h|--help) usage ;;
    "") usage >&2; exit 2 ;;
    *) misuse "unknown command '$cmd'" ;;
  esac
}

main "$@"
