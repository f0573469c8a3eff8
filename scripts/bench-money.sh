#!/usr/bin/env bash
# The money path on PostgreSQL, through HTTP: starts a throw-away PostgreSQL (scripts/postgres.sh) and the API from the
# Release build against it, then bench/DecentCloud.Money.Bench measures, with GET /health of the same host as the
# reference: (a) Stripe checkout.session.completed webhooks signed with the Stripe-Signature scheme, one distinct
# session each (credits/s, p50/p99); (b) the same session delivered DELIVERIES times concurrently (exactly one credit);
# (c) rentals/s: ACCOUNTS accounts registered through the API, each funded by (a) for exactly RENTALS_PER_ACCOUNT
# one-day rentals, each trying one more, signed with the client package (exactly ACCOUNTS x RENTALS_PER_ACCOUNT
# succeed); (d) sets up RELEASE_CONTRACTS running rentals (escrows opened by their provisioning) and times one escrow
# release run over them (the ReleaseEscrow use case the `escrow-releases` job sends, in the bench process with a 2.5 %
# fee), the idle run after it, and two runs at once. The API's own `escrow-releases` job is set to a day
# (DC_ESCROW_RELEASE_JOB_INTERVAL_SECONDS) so that it never takes the bench's releases. After every phase the books are
# verified and every wallet, escrow, release and stock count must be exact; the script ends with `admin books verify`
# of the API program. Any broken invariant exits non-zero.
# Options (environment): ACCOUNTS (200), SESSIONS_PER_ACCOUNT (10), RENTALS_PER_ACCOUNT (5), DUPLICATES (50),
# DELIVERIES (5), CONCURRENCY (32), OFFERINGS (1: the rentals of (c) spread over this many offerings, each account
# renting one), HEALTH_REQUESTS (20000), RELEASE_CONTRACTS (10000; 0 skips phase (d)).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
}

echo "==> building (Release)" >&2
dotnet build src/Hosts/DecentCloud.Api/DecentCloud.Api.csproj -c Release --nologo -v quiet >/dev/null
dotnet build bench/DecentCloud.Money.Bench/DecentCloud.Money.Bench.csproj -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d /tmp/dc-moneybench.XXXXXX)
chmod 755 "$work" # the server runs as the postgres user when this runs as root
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port); http_port=$(free_port); dns_port=$(free_port)
apipid=""
cleanup() {
  [ -n "$apipid" ] && { kill "$apipid" 2>/dev/null || true; wait "$apipid" 2>/dev/null || true; }
  scripts/postgres.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> starting PostgreSQL on port $pg_port" >&2
postgres=$(scripts/postgres.sh start "$work/pg" "$pg_port")
# A throw-away secret for a throw-away database: it signs the bench's own deliveries and protects nothing.
stripe_secret="whsec_bench_$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
api="$root/src/Hosts/DecentCloud.Api/bin/Release/net10.0/DecentCloud.Api.dll"
export DC_POSTGRES_CONNECTION="$postgres" STRIPE_WEBHOOK_SECRET="$stripe_secret" API_PUBLIC_URL="http://127.0.0.1:$http_port" \
  DC_LISTEN_URLS="http://127.0.0.1:$http_port" DC_DNS_LISTEN="127.0.0.1:$dns_port" \
  DC_QUOTA_ACCOUNTS_PER_ADDRESS=1000000 DC_AUTH_FAILURE_LIMIT=100000000 DC_ESCROW_RELEASE_JOB_INTERVAL_SECONDS=86400

echo "==> starting the API on port $http_port" >&2
(cd "$work" && exec dotnet "$api" >"$work/api.log" 2>&1) &
apipid=$!
for _ in $(seq 1 150); do curl -fs "$API_PUBLIC_URL/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$API_PUBLIC_URL/health" >/dev/null || { echo "the API did not start" >&2; cat "$work/api.log" >&2; exit 1; }

status=0
dotnet bench/DecentCloud.Money.Bench/bin/Release/net10.0/DecentCloud.Money.Bench.dll --api "$API_PUBLIC_URL" --postgres "$postgres" \
  --stripe-secret "$stripe_secret" --accounts "${ACCOUNTS:-200}" --sessions-per-account "${SESSIONS_PER_ACCOUNT:-10}" \
  --rentals-per-account "${RENTALS_PER_ACCOUNT:-5}" --duplicates "${DUPLICATES:-50}" --deliveries "${DELIVERIES:-5}" \
  --concurrency "${CONCURRENCY:-32}" --offerings "${OFFERINGS:-1}" --health "${HEALTH_REQUESTS:-20000}" --release-contracts "${RELEASE_CONTRACTS:-10000}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "the benchmark failed (exit $status); last API log lines:" >&2; tail -n 30 "$work/api.log" >&2; exit "$status"
fi

echo "==> admin books verify (the API program, same database)" >&2
(cd "$work" && dotnet "$api" admin books verify) >&2
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB memory, $(dotnet --version) SDK," \
  "PostgreSQL $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version | awk '{print $3}') (fsync off, throw-away);" \
  "the API, PostgreSQL and the benchmark client share the machine"
