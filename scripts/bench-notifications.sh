#!/usr/bin/env bash
# Notifications through the quota gate on PostgreSQL: starts a throw-away PostgreSQL (scripts/postgres.sh), migrates it
# with the API program's `admin migrate`, then bench/DecentCloud.Notifications.Bench measures
# (1) deliveries per second through the quota gate (the DeliverNotification use case) with each of WORKERS in flight:
#     ACCOUNTS x PER_ACCOUNT in-app notices written through INotifier (one save per account) and delivered, the same
#     count of Telegram notices at the edge of a FREE_TELEGRAM-a-day allowance (a recording in-process channel, so most
#     are refused), and a bare `UPDATE ... SET n = n + 1` on one row per account as the reference; and
# (2) the outbox dispatcher's delivery lag: in-app notices written at RATE per second for DURATION seconds over
#     LAG_ACCOUNTS accounts while each of DISPATCHERS dispatcher instances (separate service providers) run
#     DispatchOutbox back to back (POLL_MS pause after an empty run); lag = DeliveredAt - CreatedAt of each row.
# Delivered and refused counts must equal the allowance exactly, and every notification of phase 2 must be delivered,
# handed to the delivery handler, charged and put in its inbox exactly once; otherwise the run exits 1.
# Options (environment): ACCOUNTS (1000), PER_ACCOUNT (5), WORKERS (1,8,32), FREE_TELEGRAM (1), RATE (200),
# DURATION (30), LAG_ACCOUNTS (100), DISPATCHERS (1,2), POLL_MS (100).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
}

echo "==> building (Release)" >&2
dotnet build src/Hosts/DecentCloud.Api/DecentCloud.Api.csproj -c Release --nologo -v quiet >/dev/null
dotnet build bench/DecentCloud.Notifications.Bench/DecentCloud.Notifications.Bench.csproj -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d /tmp/dc-notificationbench.XXXXXX)
chmod 755 "$work" # the server runs as the postgres user when this runs as root
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { scripts/postgres.sh stop "$work/pg" || true; rm -rf "$work"; }
trap cleanup EXIT

echo "==> starting PostgreSQL on port $pg_port" >&2
postgres=$(scripts/postgres.sh start "$work/pg" "$pg_port")
echo "==> admin migrate" >&2
(cd "$work" && DC_POSTGRES_CONNECTION="$postgres" dotnet "$root/src/Hosts/DecentCloud.Api/bin/Release/net10.0/DecentCloud.Api.dll" admin migrate) >&2

dotnet bench/DecentCloud.Notifications.Bench/bin/Release/net10.0/DecentCloud.Notifications.Bench.dll --postgres "$postgres" \
  --accounts "${ACCOUNTS:-1000}" --per-account "${PER_ACCOUNT:-5}" --workers "${WORKERS:-1,8,32}" --free-telegram "${FREE_TELEGRAM:-1}" \
  --rate "${RATE:-200}" --seconds "${DURATION:-30}" --lag-accounts "${LAG_ACCOUNTS:-100}" --dispatchers "${DISPATCHERS:-1,2}" \
  --poll-ms "${POLL_MS:-100}"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB memory, $(dotnet --version) SDK," \
  "PostgreSQL $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version | awk '{print $3}') (fsync off, throw-away);" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
