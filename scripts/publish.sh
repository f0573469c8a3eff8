#!/usr/bin/env bash
# Self-contained, single-file publishes of the programs, for hosts without containers and for the API
# image (deploy/api/Dockerfile runs this script, so the image holds exactly what this publishes).
#
# Usage: scripts/publish.sh [--output DIR] [--runtime RID] PROGRAM...
#   PROGRAM  api (DecentCloud.Api) or dc-agent (DecentCloud.Agent)
#   --output where each program goes, as DIR/PROGRAM/ (default: artifacts/publish in the checkout);
#            that subfolder is emptied first
#   --runtime the runtime identifier (default linux-x64, the one the tests publish and run)
#
# Each PROGRAM/ folder is the whole deployable: the executable (no .NET install needed) plus the native
# libraries it loads (libsodium, and SQLite's for the API), which stay beside it rather than being
# extracted to a home directory at start, so a service user without a home can run it.
set -euo pipefail

usage() { sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
output="$root/artifacts/publish"
rid=linux-x64
programs=()
while [ $# -gt 0 ]; do
  case $1 in
    --output) [ $# -ge 2 ] || usage; output=$(realpath -m -- "$2"); shift 2 ;;
    --runtime) [ $# -ge 2 ] || usage; rid=$2; shift 2 ;;
    api|dc-agent) programs+=("$1"); shift ;;
    *) echo "publish.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[ ${#programs[@]} -gt 0 ] || usage

project_of() {
  case $1 in
    api) echo src/Hosts/DecentCloud.Api ;;
    dc-agent) echo src/Hosts/DecentCloud.Agent ;;
  esac
}

cd "$root"
for program in "${programs[@]}"; do
  target="$output/$program"
  rm -rf -- "$target"
  # No ReadyToRun or trimming: reflection-based serialisation and EF Core stay as tested.
  # --disable-build-servers: a one-shot publish leaves no compiler server behind (in an image build,
  # or holding a test's output pipe open).
  command=(dotnet publish "$(project_of "$program")" -c Release -r "$rid" --self-contained
    -p:PublishSingleFile=true -p:PublishDocumentationFiles=false --disable-build-servers --nologo -o "$target")
  echo "==> ${command[*]}"
  "${command[@]}"
done
