#!/usr/bin/env bash
# The long fuzz runs: the Candid decoder (1,000,000 random and mutated inputs by default; CI runs
# 50,000; half as many decoded by CandidSerializer into CLR types) and the certificate parser with lookups and authorization, every 50th parsed input also fully
# verified (100,000; CI runs 20,000). Usage: scripts/fuzz.sh [CANDID_CASES] [CERTIFICATE_CASES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cases=${1:-1000000}
echo "fuzzing the Candid decoder with $cases inputs"
DC_FUZZ_CASES=$cases dotnet test tests/DecentCloud.Icp.Candid.Tests -c Release --nologo \
  --filter "FullyQualifiedName~CandidFuzzTests|FullyQualifiedName~CandidSerializerFuzzTests" --logger "console;verbosity=normal"
echo "fuzzing the certificate parser with ${2:-100000} inputs"
DC_FUZZ_CERTIFICATES=${2:-100000} dotnet test tests/DecentCloud.Icp.Agent.Tests -c Release --nologo \
  --filter "FullyQualifiedName~CertificateFuzzTests" --logger "console;verbosity=normal"
