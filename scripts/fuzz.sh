#!/usr/bin/env bash
# The long fuzz run of the Candid decoder (1,000,000 random and mutated inputs by default; CI runs
# 50,000 as part of ./scripts/test.sh). Usage: scripts/fuzz.sh [CASES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cases=${1:-1000000}
echo "fuzzing the Candid decoder with $cases inputs"
DC_FUZZ_CASES=$cases dotnet test tests/DecentCloud.Icp.Candid.Tests -c Release --nologo \
  --filter "FullyQualifiedName~CandidFuzzTests" --logger "console;verbosity=normal"
