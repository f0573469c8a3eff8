#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a loopback port for the tests and prints its connection string.
# Usage: scripts/postgres.sh start DIR PORT | scripts/postgres.sh stop DIR
set -euo pipefail
action=${1:?start or stop}
dir=${2:?data folder}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
owner=postgres
case "$action" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    chown "$owner" "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      su "$owner" -s /bin/sh -c "'$bin/initdb' -D '$dir' -U postgres --auth=trust -E UTF8 >'$dir.initdb.log' 2>&1"
    fi
    su "$owner" -s /bin/sh -c "'$bin/pg_ctl' -D '$dir' -l '$dir.log' -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" -w start >/dev/null"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
    ;;
  stop)
    su "$owner" -s /bin/sh -c "'$bin/pg_ctl' -D '$dir' -m fast stop >/dev/null" || true
    ;;
esac
