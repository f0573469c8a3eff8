#!/usr/bin/env bash
# Loads the embedded DNS server of a freshly started API (Release build, SQLite in a temporary folder, seeded with
# 1,000 gateways: a challenge TXT and two VM A records each) with dnsperf, and in the same run NSD serving the same
# zone from a zone file, with the same query list (TXT, A, NXDOMAIN, apex SOA/NS; bench/DecentCloud.Dns.Bench
# writes the database, the zone file and the list). First checks that both give the same answers, then:
# After one warm-up pass through the list for each server:
#   (1) each server at saturation (dnsperf keeps QUERIES_OUTSTANDING queries in flight),
#   (2) each server paced at half of NSD's saturated rate (-Q), where nothing should be lost.
# Prints queries/s, lost queries and average latency for both and the ratio. dnsperf sends from one address, so the
# API's per-source UDP limit is switched off for (1) and (2) (DC_DNS_UDP_RATE_LIMIT=0) and NSD's response-rate
# limiting likewise (rrl-ratelimit: 0); (3) then shows what one flooding source gets from the API's defaults.
# Options (environment): DURATION seconds (default 20), GATEWAYS (default 1000), CLIENTS (dnsperf -c, default 8),
# QUERIES_OUTSTANDING (dnsperf -q, default 200), NSD_SERVERS (nsd server-count, default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${DURATION:-20}
gateways=${GATEWAYS:-1000}
clients=${CLIENTS:-8}
outstanding=${QUERIES_OUTSTANDING:-200}
nsd_servers=${NSD_SERVERS:-$(nproc)}
apex=bench.test

need=()
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v nsd >/dev/null || [ -x /usr/sbin/nsd ] || need+=(nsd)
command -v dig >/dev/null || need+=(dnsutils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
nsd_bin=$(command -v nsd || echo /usr/sbin/nsd)

echo "==> building (Release)" >&2
dotnet build src/Hosts/DecentCloud.Api/DecentCloud.Api.csproj -c Release --nologo -v quiet >/dev/null
dotnet build bench/DecentCloud.Dns.Bench/DecentCloud.Dns.Bench.csproj -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d /tmp/dc-dnsbench.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ours_port=$(free_port); nsd_port=$(free_port); http_port=$(free_port)
apipid=""; nsdpid=""
cleanup() {
  [ -n "$apipid" ] && { kill "$apipid" 2>/dev/null || true; wait "$apipid" 2>/dev/null || true; }
  [ -n "$nsdpid" ] && { kill "$nsdpid" 2>/dev/null || true; wait "$nsdpid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> seeding $gateways gateways" >&2
dotnet bench/DecentCloud.Dns.Bench/bin/Release/net10.0/DecentCloud.Dns.Bench.dll --db "$work/api.db" --domain "$apex" --prefix gw \
  --gateways "$gateways" --zone "$work/$apex.zone" --queries "$work/queries.txt" --credentials "$work/credentials.txt" >&2

api="$root/src/Hosts/DecentCloud.Api/bin/Release/net10.0/DecentCloud.Api.dll"
start_api() { # extra environment assignments...
  (cd "$work" && exec env CF_DOMAIN="$apex" CF_GW_PREFIX=gw API_PUBLIC_URL="http://127.0.0.1:$http_port" \
    DC_LISTEN_URLS="http://127.0.0.1:$http_port" DC_DNS_LISTEN="127.0.0.1:$ours_port" DC_SQLITE_PATH="$work/api.db" "$@" \
    dotnet "$api" >"$work/api.log" 2>&1) &
  apipid=$!
  for _ in $(seq 1 100); do dig +time=1 +tries=1 @127.0.0.1 -p "$ours_port" "$apex" SOA >/dev/null 2>&1 && return; sleep 0.2; done
  echo "the API's DNS server did not start" >&2; cat "$work/api.log" >&2; exit 1
}
stop_api() { kill "$apipid"; wait "$apipid" 2>/dev/null || true; apipid=""; }

cat >"$work/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1
  port: $nsd_port
  server-count: $nsd_servers
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/zone.list"
  xfrdfile: "$work/xfrd.state"
  xfrdir: "$work"
  pidfile: "$work/nsd.pid"
  logfile: "$work/nsd.log"
  minimal-responses: yes
  refuse-any: no
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: $apex
  zonefile: "$work/$apex.zone"
CONF
"$nsd_bin" -d -c "$work/nsd.conf" >"$work/nsd.out" 2>&1 &
nsdpid=$!
for _ in $(seq 1 50); do dig +time=1 +tries=1 @127.0.0.1 -p "$nsd_port" "$apex" SOA >/dev/null 2>&1 && break; sleep 0.2; done

start_api DC_DNS_UDP_RATE_LIMIT=0

echo "==> checking that both servers give the same answers (first 300 queries of the list)" >&2
python3 - "$work/queries.txt" "$ours_port" "$nsd_port" <<'PY'
import subprocess, sys
queries, ours, nsd = sys.argv[1], sys.argv[2], sys.argv[3]
def ask(port, name, qtype):
    out = subprocess.run(["dig", "+norec", "+time=2", "+tries=1", "+noall", "+comments", "+answer", "@127.0.0.1", "-p", port, name, qtype],
                         capture_output=True, text=True).stdout
    status = next((l.split("status: ")[1].split(",")[0] for l in out.splitlines() if "status: " in l), "none")
    answer = sorted(" ".join(l.split()) for l in out.splitlines() if l and not l.startswith(";"))
    return status, answer
names = [l.split() for l in open(queries).read().splitlines()[:300]]
bad = [(n, t, ask(ours, n, t), ask(nsd, n, t)) for n, t in names]
bad = [b for b in bad if b[2] != b[3]]
for n, t, a, b in bad[:5]:
    print(f"DIFFERENT {n} {t}: ours={a} nsd={b}", file=sys.stderr)
print(f"answers compared: {len(names)}, different: {len(bad)}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY

perf() { # port, extra dnsperf args...
  local port=$1; shift
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -l "$duration" -c "$clients" -q "$outstanding" -t 2 "$@" 2>&1
}
warm() { # port: one pass through the list
  dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -n 1 -c "$clients" -q "$outstanding" -t 2 >/dev/null 2>&1
}
field() { # label, dnsperf output
  case $1 in
    qps) sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' <<<"$2" ;;
    sent) sed -n 's/^ *Queries sent: *\([0-9]*\).*/\1/p' <<<"$2" ;;
    lost) sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' <<<"$2" ;;
    latency) sed -n 's/^ *Average Latency (s): *\([0-9.]*\).*/\1/p' <<<"$2" | awk '{printf "%.3f", $1*1000}' ;;
    codes) sed -n 's/^ *Response codes: *//p' <<<"$2" ;;
  esac
}

echo "==> warm-up: one pass through the query list for each server" >&2
# Our server answers from its store and keeps what it read in memory for DC_DNS_ANSWER_CACHE_SECONDS; NSD loads
# the whole zone at start. One pass first, so both are measured as a server that has been answering for a while.
warm "$ours_port"; warm "$nsd_port"

echo "==> (1) saturation, ${duration}s each" >&2
ours_sat=$(perf "$ours_port"); nsd_sat=$(perf "$nsd_port")
pace=$(python3 -c "print(int($(field qps "$nsd_sat") / 2))")
echo "==> (2) paced at $pace queries/s (half of NSD's saturated rate), ${duration}s each" >&2
ours_paced=$(perf "$ours_port" -Q "$pace"); nsd_paced=$(perf "$nsd_port" -Q "$pace")

echo "==> (3) the API with its default per-source UDP limit, one flooding source, ${duration}s" >&2
stop_api
start_api
warm "$ours_port"
ours_limited=$(perf "$ours_port")

echo
printf '%-34s %12s %10s %10s %14s\n' scenario "queries/s" sent lost "avg latency ms"
row() { printf '%-34s %12s %10s %10s %14s\n' "$1" "$(field qps "$2")" "$(field sent "$2")" "$(field lost "$2")" "$(field latency "$2")"; }
row "(1) ours, saturated" "$ours_sat"
row "(1) NSD, saturated" "$nsd_sat"
row "(2) ours, paced at $pace/s" "$ours_paced"
row "(2) NSD, paced at $pace/s" "$nsd_paced"
row "(3) ours, default limit, 1 source" "$ours_limited"
echo
echo "response codes (1) ours: $(field codes "$ours_sat")"
echo "response codes (1) NSD:  $(field codes "$nsd_sat")"
echo "ratio ours/NSD at saturation = $(python3 -c "print(f'{$(field qps "$ours_sat")/$(field qps "$nsd_sat"):.3f}')")"
echo "machine: $(nproc) cores, $(dotnet --version) SDK, dnsperf $(dpkg-query -W -f='${Version}' dnsperf 2>/dev/null || echo '?'), NSD $("$nsd_bin" -v 2>&1 | head -1) with server-count $nsd_servers;" \
  "dnsperf -c $clients -q $outstanding -l $duration; servers and dnsperf share the machine"
