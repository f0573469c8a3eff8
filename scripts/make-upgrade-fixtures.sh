#!/usr/bin/env bash
# Rebuilds the upgrade fixtures (tests/DecentCloud.Adapters.Persistence.Tests/UpgradeFixtures/*.sql) with the
# previous release's own code: a git worktree of that commit, the fixture generator copied into it, one SQLite
# file and one PostgreSQL database filled by it, then dumped. The upgrade tests load these dumps and migrate them.
# Usage: scripts/make-upgrade-fixtures.sh [COMMIT]   (default 70b5b92, the last release that used EnsureCreated)
# Reruns give the same dumps except the health reports' ids, which that release's domain draws at random.
# Needs sqlite3, pg_dump and the PostgreSQL server binaries; uses DC_TEST_POSTGRES when set, else starts its own server.
set -euo pipefail
commit=${1:-70b5b92}
repo=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$repo/tests/DecentCloud.Adapters.Persistence.Tests/UpgradeFixtures
work=$(mktemp -d /tmp/dc-upgrade-fixtures.XXXXXX)
checkout=$work/checkout
own_pg=""

cleanup() {
  if [ -n "$own_pg" ]; then "$repo/scripts/postgres.sh" stop "$own_pg" || true; fi
  git -C "$repo" worktree remove --force "$checkout" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$checkout" "$commit" >/dev/null
mkdir -p "$checkout/tests/UpgradeFixtureGenerator"
cp "$fixtures/Generator/"* "$checkout/tests/UpgradeFixtureGenerator/"
dotnet build "$checkout/tests/UpgradeFixtureGenerator/UpgradeFixtureGenerator.csproj" -c Release -v quiet --nologo
generator=$checkout/tests/UpgradeFixtureGenerator/bin/Release/net10.0/UpgradeFixtureGenerator

# SQLite: the file the previous release's API would have created and filled.
"$generator" sqlite "$work/fixture.db"
sqlite3 "$work/fixture.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
sqlite3 "$work/fixture.db" .dump > "$fixtures/sqlite-$commit.sql"

# PostgreSQL: a fresh database on the given or a throw-away server.
admin=${DC_TEST_POSTGRES:-}
if [ -z "$admin" ]; then
  own_pg=$work/pg
  admin=$("$repo/scripts/postgres.sh" start "$own_pg" "${DC_FIXTURE_PG_PORT:-55499}")
fi
host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$admin")
port=$(sed -E 's/.*Port=([^;]+).*/\1/' <<<"$admin")
user=$(sed -E 's/.*Username=([^;]+).*/\1/' <<<"$admin")
db=dc_fixture_$$
psql -h "$host" -p "$port" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
"$generator" postgres "Host=$host;Port=$port;Username=$user;Database=$db"
# --inserts: plain INSERT statements, which the tests can run through Npgsql (COPY … FROM stdin needs psql).
pg_dump -h "$host" -p "$port" -U "$user" --no-owner --no-acl --inserts "$db" | grep -v '^\\' > "$fixtures/postgres-$commit.sql"
psql -h "$host" -p "$port" -U "$user" -d postgres -qc "DROP DATABASE $db WITH (FORCE)"
echo "wrote $fixtures/sqlite-$commit.sql and $fixtures/postgres-$commit.sql"
