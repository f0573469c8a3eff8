#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a loopback port for the tests and prints its connection string.
# Usage: scripts/postgres.sh start DIR PORT | scripts/postgres.sh stop DIR   (DIR holds the cluster and its logs)
set -euo pipefail
action=${1:?start or stop}
base=${2:?folder for the cluster}
dir=$base/data
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }

# initdb refuses to run as root, so as root the server runs as the postgres system user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "$action" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$base"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "'$bin/initdb' -D '$dir' -U postgres --auth=trust -E UTF8 >'$base/initdb.log' 2>&1"
    fi
    as_owner "'$bin/pg_ctl' -D '$dir' -l '$base/server.log' -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" -w start >/dev/null"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_owner "'$bin/pg_ctl' -D '$dir' -m fast stop >/dev/null" || true
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
