#!/usr/bin/env bash
# One dc-payout run paying PROVIDERS providers (default 1,000) against the local replica: dc-payout's own entry point
# (`run --token ICP --concurrency N`, in the bench process), the real HTTP agent signing as the platform wallet, the local
# replica of the tests (certified replies over loopback HTTP) in front of the in-memory ICRC-1 ledger of the tests, and
# the CLI tests' in-memory admin API (so the figures are dc-payout's and the ledger path's, not the API's). For each
# concurrency of CONCURRENCY (default "1,4,16"), on a fresh ledger: the run's wall time and transfers per second, then
# `verify` over the same payouts. Every payout must be confirmed with its own block and every provider hold exactly its
# amount, or the script exits non-zero. Prints a markdown table (docs/benchmarks.md).
# Options (environment): PROVIDERS (1000), CONCURRENCY ("1,4,16").
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> building (Release)" >&2
dotnet build bench/DecentCloud.Payout.Bench/DecentCloud.Payout.Bench.csproj -c Release --nologo -v quiet >/dev/null

echo "==> paying ${PROVIDERS:-1000} providers at concurrency ${CONCURRENCY:-1,4,16}" >&2
dotnet run -c Release --no-build --project bench/DecentCloud.Payout.Bench
