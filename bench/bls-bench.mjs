// Times @noble/curves' BLS12-381 min-sig verification on the BLS checks of the certificate that
// bench/DecentCloud.Icp.Benchmarks measures (its `--bls-inputs` prints them; stdin here).
// Run from tests/node (where the packages are installed): node ../../bench/bls-bench.mjs < inputs.json
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const resolve = createRequire(pathToFileURL(process.cwd() + '/').href).resolve;
const { bls12_381 } = await import(pathToFileURL(resolve('@noble/curves/bls12-381.js')).href);

const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const bls = bls12_381.shortSignatures;
const bytes = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));
const input = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => r(s)); }));
const checks = input.map((c) => ({ signature: bytes(c.signature), message: bytes(c.message), publicKey: bytes(c.publicKey) }));
const verify = (c) => { if (!bls.verify(c.signature, bls.hash(c.message, DST), c.publicKey)) throw new Error('noble rejected the certificate signature'); };

function measure(name, fn) {
  for (let i = 0; i < 5; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 3_000_000_000n) { fn(); n++; elapsed = process.hrtime.bigint() - start; }
  return { name, nsPerOp: Number(elapsed) / n };
}

// Same split as the .NET side: the subnet's signature alone, and both checks of the delegated certificate.
process.stdout.write(JSON.stringify([
  measure('VerifyBlsSignature', () => verify(checks[1])),
  measure('VerifyCertificate', () => { verify(checks[0]); verify(checks[1]); }),
]) + '\n');
