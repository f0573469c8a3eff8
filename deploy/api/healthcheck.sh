#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /health on the API's own listen address, healthy only on "200".
# The runtime image has no curl or wget, and the API has no client mode; bash's /dev/tcp is enough for
# one plain-HTTP request. The address is the first URL of DC_LISTEN_URLS (the HEALTHCHECK inherits
# the container's environment), so a changed port needs no change here.
set -euo pipefail

url=${DC_LISTEN_URLS:-http://127.0.0.1:8080}
url=${url%%;*}
case $url in
  http://*) authority=${url#http://}; authority=${authority%%/*} ;;
  *) echo "healthcheck: '$url' is not an http:// URL" >&2; exit 1 ;;
esac
port=${authority##*:}
host=${authority%:*}
[[ $port =~ ^[0-9]+$ ]] || { echo "healthcheck: no port in '$url'" >&2; exit 1; }
# A wildcard listen address is reached over loopback.
case $host in
  0.0.0.0|\*|+|localhost|"") host=127.0.0.1 ;;
  "[::]") host=::1 ;;
  \[*\]) host=${host#[}; host=${host%]} ;;
esac

exec 3<>"/dev/tcp/$host/$port"
printf 'GET /health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$authority" >&3
IFS= read -r -t 5 status <&3 || { echo "healthcheck: no answer from $host:$port" >&2; exit 1; }
status=${status%$'\r'}
[[ $status =~ ^HTTP/1\.[01]\ 200( |$) ]] || { echo "healthcheck: $status" >&2; exit 1; }
