#!/usr/bin/env bash
# Measured quality and trust at scale on PostgreSQL: starts a throw-away PostgreSQL (scripts/postgres.sh), migrates it
# with the API program's `admin migrate`, then bench/DecentCloud.Quality.Bench seeds PROVIDERS x CONTRACTS_PER_PROVIDER
# running contracts (through the domain and the contract store) with DAYS days of 5-minute platform checks each
# (binary COPY; the defaults give 1,000 contracts x 8,640 checks = 8.64 million), runs `rollup-health` over every
# finished hour, times `recompute-scores` over every provider and READS reads each of the contract uptime, provider
# uptime and provider trust queries (the handlers behind GET /api/v1/contracts/{id}/uptime,
# /providers/{id}/uptime and /providers/{id}/trust), once with uptime read from the hourly rollups and once from raw
# checks only (DC_QUALITY_ROLLUPS=false), beside a one-row query as the reference. Both modes must give the same
# scores and the measured uptime must equal the seeded truth (within one check on a window's edge); otherwise the
# run exits 1.
# Options (environment): PROVIDERS (100), CONTRACTS_PER_PROVIDER (10), DAYS (30), READS (500).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
}

echo "==> building (Release)" >&2
dotnet build src/Hosts/DecentCloud.Api/DecentCloud.Api.csproj -c Release --nologo -v quiet >/dev/null
dotnet build bench/DecentCloud.Quality.Bench/DecentCloud.Quality.Bench.csproj -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d /tmp/dc-qualitybench.XXXXXX)
chmod 755 "$work" # the server runs as the postgres user when this runs as root
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { scripts/postgres.sh stop "$work/pg" || true; rm -rf "$work"; }
trap cleanup EXIT

echo "==> starting PostgreSQL on port $pg_port" >&2
postgres=$(scripts/postgres.sh start "$work/pg" "$pg_port")
echo "==> admin migrate" >&2
(cd "$work" && DC_POSTGRES_CONNECTION="$postgres" dotnet "$root/src/Hosts/DecentCloud.Api/bin/Release/net10.0/DecentCloud.Api.dll" admin migrate) >&2

dotnet bench/DecentCloud.Quality.Bench/bin/Release/net10.0/DecentCloud.Quality.Bench.dll --postgres "$postgres" \
  --providers "${PROVIDERS:-100}" --contracts-per-provider "${CONTRACTS_PER_PROVIDER:-10}" --days "${DAYS:-30}" --reads "${READS:-500}"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB memory, $(dotnet --version) SDK," \
  "PostgreSQL $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version | awk '{print $3}') (fsync off, throw-away);" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
