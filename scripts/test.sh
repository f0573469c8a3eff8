#!/usr/bin/env bash
# Runs every test of the solution, installing and starting what they need first:
# PostgreSQL (a throw-away server on a loopback port), pebble (ACME CA), lego (ACME client),
# dnsutils (dig), curl, openssh-server (a real sshd for the password reset), Node.js with the
# reference libraries of tests/node (npm), caddy (Debian's; the tests run their own `caddy run` on free
# ports and never use the packaged service, which is not started where systemd is not running), nftables and
# iproute2 (the SSH forwards are applied for real inside throw-away network namespaces; needs root).
# Ends with one line "N passed, N failed" summed over all test projects.
# Options (environment): CONFIGURATION (default Release), TEST_FILTER (a dotnet test --filter expression).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${CONFIGURATION:-Release}
results="$root/artifacts/test-results"

step() { printf '\n==> %s\n' "$*"; }

packages=(postgresql pebble lego dnsutils curl openssh-server openssh-client openssl systemd caddy nftables iproute2 sqlite3)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "installing the JavaScript reference libraries (tests/node)"
(cd tests/node && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
(cd tests/node/agent && npm install --no-package-lock --no-audit --no-fund --loglevel=error)

step "starting PostgreSQL"
pgdir=$(mktemp -d /tmp/dc-test-pg.XXXXXX)
chmod 755 "$pgdir"
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55433)
cleanup() { "$root/scripts/postgres.sh" stop "$pgdir" || true; rm -rf "$pgdir"; }
trap cleanup EXIT
DC_TEST_POSTGRES=$("$root/scripts/postgres.sh" start "$pgdir" "$pgport") || { cat "$pgdir"/*.log >&2 || true; exit 1; }
export DC_TEST_POSTGRES
echo "PostgreSQL on 127.0.0.1:$pgport"

step "building ($configuration)"
dotnet build DecentCloud.sln -c "$configuration" --nologo -v quiet

rm -rf "$results"
mkdir -p "$results"
# The conformance runners append their "candid-conformance FILE: p/t" lines here; printed at the end.
export DC_CONFORMANCE_REPORT="$results/conformance.txt"
: > "$DC_CONFORMANCE_REPORT"
passed=0; failed=0; broken=()
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  step "testing $name"
  args=(test "$project" -c "$configuration" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results")
  [ -n "${TEST_FILTER:-}" ] && args+=(--filter "$TEST_FILTER")
  if ! dotnet "${args[@]}"; then broken+=("$name"); fi
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  else
    broken+=("$name (no results)")
  fi
done

echo
sort "$DC_CONFORMANCE_REPORT"
if [ ${#broken[@]} -gt 0 ]; then echo "failing projects: ${broken[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#broken[@]} = 0 ]
