#!/usr/bin/env bash
# Loads the acme-dns update route of a freshly started API (Release build, embedded DNS, SQLite in a
# temporary folder, 1,000 gateways registered before the timed part) with wrk, in one run:
# with the brute-force limiter switched off: (a) updates with valid credentials, all on one gateway,
# (b) with a wrong key, (c) GET /health as the baseline of the same host, (d) valid updates spread over
# the 1,000 gateways; then the API restarted with its default limiter: (f) the spread valid updates
# again, then (e) the wrong key again (what an operator gets). Prints requests/s, p50/p99 and error
# counts, and the ratios to (c).
# Options (environment): DURATION (default 20s), CONNECTIONS (default 64), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${DURATION:-20s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}

command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null; }

echo "==> building (Release)"
for project in src/Hosts/DecentCloud.Api/DecentCloud.Api.csproj src/Hosts/DecentCloud.Agent/DecentCloud.Agent.csproj bench/DecentCloud.Dns.Bench/DecentCloud.Dns.Bench.csproj; do
  dotnet build "$project" -c Release --nologo -v quiet >/dev/null
done

work=$(mktemp -d /tmp/dc-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dnsport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export API_PUBLIC_URL="http://127.0.0.1:$port" DC_LISTEN_URLS="http://127.0.0.1:$port" DC_DNS_LISTEN="127.0.0.1:$dnsport" \
  DC_SQLITE_PATH="$work/api.db"
api="$root/src/Hosts/DecentCloud.Api/bin/Release/net10.0/DecentCloud.Api.dll"
agent="$root/src/Hosts/DecentCloud.Agent/bin/Release/net10.0/dc-agent.dll"
apipid=""
trap '[ -n "$apipid" ] && { kill $apipid 2>/dev/null || true; wait $apipid 2>/dev/null || true; }; rm -rf "$work"' EXIT
start_api() { # extra environment assignments...
  (cd "$work" && exec env "$@" dotnet "$api" >>"$work/api.log" 2>&1) &
  apipid=$!
  for _ in $(seq 1 100); do curl -fs "$API_PUBLIC_URL/health" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "the API did not start" >&2; cat "$work/api.log" >&2; exit 1
}
stop_api() { kill "$apipid"; wait "$apipid" 2>/dev/null || true; apipid=""; }

# 1,000 more gateways through the same use cases, before the API starts and before anything is timed
# (the API's default zone: decent-cloud.test, dev-gw); their credentials go to a file for the wrk script.
echo "==> registering 1,000 gateways"
dotnet bench/DecentCloud.Dns.Bench/bin/Release/net10.0/DecentCloud.Dns.Bench.dll --db "$work/api.db" --domain decent-cloud.test \
  --prefix dev-gw --gateways 1000 --zone "$work/zone" --queries "$work/queries" --credentials "$work/credentials" >/dev/null
export ACME_CREDENTIALS="$work/credentials"

# (a) to (d): the brute-force limiter switched off, to measure the route itself.
start_api DC_AUTH_FAILURE_LIMIT=100000000

token=$(dotnet "$api" admin create-setup-token --pool bench 2>/dev/null)
dotnet "$agent" setup token --token "$token" --api-url "$API_PUBLIC_URL" --gateway-dc-id dc-bench \
  --config "$work/agent/config.json" --caddy-dir "$work/caddy" --no-reload >/dev/null
set -a; . "$work/caddy/env"; set +a

run() { # label, wrk args...
  local label=$1; shift
  echo "==> $label ($duration, $connections connections)" >&2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" | sed -n 's/^RESULT //p'
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

a=$(run "(a) valid updates" -s scripts/bench/acme-update.lua "$API_PUBLIC_URL/api/v1/acme-dns/update")
b=$(ACME_DNS_PASSWORD=wrong-key run "(b) wrong key" -s scripts/bench/acme-update.lua "$API_PUBLIC_URL/api/v1/acme-dns/update")
c=$(run "(c) GET /health baseline" -s scripts/bench/plain.lua "$API_PUBLIC_URL/health")
d=$(run "(d) valid updates over 1,000 gateways" -s scripts/bench/acme-update-many.lua "$API_PUBLIC_URL/api/v1/acme-dns/update")

# (e), (f): the API as an operator runs it, with the default limiter (DC_AUTH_FAILURE_LIMIT unset).
stop_api
start_api
# A restarted API is cold (JIT, SQLite page cache): 5 s of untimed updates first, as (a) to (c) were for (d).
wrk -t"$threads" -c"$connections" -d5s -s scripts/bench/acme-update-many.lua "$API_PUBLIC_URL/api/v1/acme-dns/update" >/dev/null
# (f) first: once (e) has been refused, the limiter refuses every request of this client for its window.
f=$(run "(f) 1,000 gateways, default limiter" -s scripts/bench/acme-update-many.lua "$API_PUBLIC_URL/api/v1/acme-dns/update")
e=$(ACME_DNS_PASSWORD=wrong-key run "(e) wrong key, default limiter" -s scripts/bench/acme-update.lua "$API_PUBLIC_URL/api/v1/acme-dns/update")

echo
printf '%-36s %10s %9s %9s %8s %8s\n' scenario "req/s" "p50 ms" "p99 ms" non-2xx "sock err"
for row in "(a) valid updates, one gateway|$a" "(b) wrong key|$b" "(c) /health baseline|$c" "(d) valid updates, 1,000 gateways|$d" \
    "(e) wrong key, default limiter|$e" "(f) 1,000 gateways, default limiter|$f"; do
  label=${row%%|*}; r=${row#*|}
  printf '%-36s %10s %9s %9s %8s %8s\n' "$label" "$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" "$(field non2xx "$r")" "$(field socket_errors "$r")"
done
ratio() { python3 -c "print(f'{$(field rps "$1")/$(field rps "$c"):.3f}')"; }
echo
echo "ratio (a)/(c) = $(ratio "$a")   (b)/(c) = $(ratio "$b")   (d)/(c) = $(ratio "$d")   (e)/(c) = $(ratio "$e")   (f)/(c) = $(ratio "$f")"
echo "(non-2xx in (b) are the expected 401s; in (e) 401s then 429s once the limiter refuses the client)"
echo "machine: $(nproc) cores, $(dotnet --version) SDK, wrk $threads threads; API and wrk share the machine"
