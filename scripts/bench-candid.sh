#!/usr/bin/env bash
# Candid encode/decode: BenchmarkDotNet (bench/DecentCloud.Icp.Benchmarks) and @dfinity/candid
# (bench/candid-bench.mjs) on the same inputs, in one run on this machine; prints both and the ratios.
# Options (environment): JOB (BenchmarkDotNet job, default "short"; "default" for the long run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
job=${JOB:-short}

command -v node >/dev/null || { echo "node is needed (./scripts/test.sh installs it)" >&2; exit 1; }
[ -d tests/node/node_modules/@dfinity/candid ] || (cd tests/node && npm install --no-package-lock --no-audit --no-fund >/dev/null)

echo "==> @dfinity/candid (node $(node --version))"
js=$(cd tests/node && node ../../bench/candid-bench.mjs)

echo "==> BenchmarkDotNet (job $job)"
artifacts=$(mktemp -d /tmp/dc-bench-candid.XXXXXX)
dotnet run -c Release --project bench/DecentCloud.Icp.Benchmarks -- --filter '*CandidBenchmarks*' --job "$job" \
  --exporters json --artifacts "$artifacts" >"$artifacts/run.log" 2>&1 || { tail -n 50 "$artifacts/run.log" >&2; exit 1; }
report=$(ls "$artifacts"/results/*-report-full-compressed.json)

JS="$js" python3 - "$report" <<'PY'
import json, os, sys
js = {r["name"]: r["nsPerOp"] for r in json.loads(os.environ["JS"])}
net = {b["Method"]: b["Statistics"]["Mean"] for b in json.load(open(sys.argv[1]))["Benchmarks"]}
print(f"| {'benchmark':<18} | {'.NET (µs)':>10} | {'@dfinity/candid (µs)':>21} | {'.NET ops/s':>11} | {'JS ops/s':>9} | {'ratio':>6} |")
print("|---|---:|---:|---:|---:|---:|")
for name in ["EncodeTransferArg", "DecodeTransferArg", "EncodeLarge", "DecodeLarge"]:
    n, j = net[name] / 1000, js[name] / 1000
    print(f"| {name:<18} | {n:>10.2f} | {j:>21.2f} | {1e6/n:>11,.0f} | {1e6/j:>9,.0f} | {j/n:>5.1f}x |")
PY
