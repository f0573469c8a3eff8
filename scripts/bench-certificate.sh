#!/usr/bin/env bash
# Certificate verification: BenchmarkDotNet (bench/DecentCloud.Icp.Benchmarks, CertificateBenchmarks) and
# @noble/curves (bench/bls-bench.mjs) on the BLS checks of the same real mainnet certificate, in one run on
# this machine; prints both and the ratios.
# Options (environment): JOB (BenchmarkDotNet job, default "short"; "default" for the long run),
# DC_CONFORMANCE_DIR (the shared conformance folder, found above the checkout by default).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
job=${JOB:-short}

command -v node >/dev/null || { echo "node is needed (./scripts/test.sh installs it)" >&2; exit 1; }
[ -d tests/node/node_modules/@noble/curves ] || (cd tests/node && npm install --no-package-lock --no-audit --no-fund >/dev/null)

echo "==> building"
dotnet build -c Release bench/DecentCloud.Icp.Benchmarks --nologo -v quiet >/dev/null
inputs=$(dotnet run -c Release --no-build --project bench/DecentCloud.Icp.Benchmarks -- --bls-inputs)

echo "==> @noble/curves (node $(node --version))"
js=$(cd tests/node && node ../../bench/bls-bench.mjs <<<"$inputs")

echo "==> BenchmarkDotNet (job $job)"
artifacts=$(mktemp -d /tmp/dc-bench-certificate.XXXXXX)
dotnet run -c Release --no-build --project bench/DecentCloud.Icp.Benchmarks -- --filter '*CertificateBenchmarks*' --job "$job" \
  --exporters json --artifacts "$artifacts" >"$artifacts/run.log" 2>&1 || { tail -n 50 "$artifacts/run.log" >&2; exit 1; }
report=$(ls "$artifacts"/results/*-report-full-compressed.json)

JS="$js" python3 - "$report" <<'PY'
import json, os, sys
js = {r["name"]: r["nsPerOp"] for r in json.loads(os.environ["JS"])}
net = {b["Method"]: b["Statistics"]["Mean"] for b in json.load(open(sys.argv[1]))["Benchmarks"]}
print(f"| {'benchmark':<24} | {'.NET (ms)':>9} | {'@noble/curves (ms)':>18} | {'ratio':>6} |")
print("|---|---:|---:|---:|")
js["VerifyBlsSignatureNewKey"] = js["VerifyBlsSignature"]  # noble has no key cache to bypass: the same figure
for name in ["VerifyBlsSignature", "VerifyBlsSignatureNewKey", "VerifyCertificate"]:
    n, j = net[name] / 1e6, js[name] / 1e6
    print(f"| {name:<24} | {n:>9.2f} | {j:>18.2f} | {j/n:>5.1f}x |")
PY
