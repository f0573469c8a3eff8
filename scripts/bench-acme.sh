#!/usr/bin/env bash
# Loads the acme-dns update route of a freshly started API (Release build, embedded DNS, SQLite in a
# temporary folder) with wrk, in one run: (a) updates with valid credentials, (b) with a wrong key,
# (c) GET /health as the baseline of the same host. Prints requests/s, p50/p99 and error counts, and
# the ratios (a)/(c) and (b)/(c).
# Options (environment): DURATION (default 20s), CONNECTIONS (default 64), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${DURATION:-20s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}

command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null; }

echo "==> building (Release)"
dotnet build DecentCloud.sln -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d /tmp/dc-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dnsport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export API_PUBLIC_URL="http://127.0.0.1:$port" DC_LISTEN_URLS="http://127.0.0.1:$port" DC_DNS_LISTEN="127.0.0.1:$dnsport" \
  DC_SQLITE_PATH="$work/api.db" DC_AUTH_FAILURE_LIMIT=100000000
api="$root/src/Hosts/DecentCloud.Api/bin/Release/net10.0/DecentCloud.Api.dll"
agent="$root/src/Hosts/DecentCloud.Agent/bin/Release/net10.0/dc-agent.dll"
(cd "$work" && exec dotnet "$api" >"$work/api.log" 2>&1) &
apipid=$!
trap 'kill $apipid 2>/dev/null || true; wait $apipid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$API_PUBLIC_URL/health" >/dev/null 2>&1 && break; sleep 0.2; done

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

echo
printf '%-22s %10s %9s %9s %8s %8s\n' scenario "req/s" "p50 ms" "p99 ms" non-2xx "sock err"
for row in "(a) valid updates|$a" "(b) wrong key|$b" "(c) /health baseline|$c"; do
  label=${row%%|*}; r=${row#*|}
  printf '%-22s %10s %9s %9s %8s %8s\n' "$label" "$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" "$(field non2xx "$r")" "$(field socket_errors "$r")"
done
ra=$(python3 -c "print(f'{$(field rps "$a")/$(field rps "$c"):.3f}')")
rb=$(python3 -c "print(f'{$(field rps "$b")/$(field rps "$c"):.3f}')")
echo
echo "ratio (a)/(c) = $ra   ratio (b)/(c) = $rb   (non-2xx in (b) are the expected 401s)"
echo "machine: $(nproc) cores, $(dotnet --version) SDK, wrk $threads threads; API and wrk share the machine"
