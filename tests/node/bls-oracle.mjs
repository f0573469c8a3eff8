// Reference oracle for BLS12-381 min-sig (signatures in G1, keys in G2) — @noble/curves' shortSignatures.
// stdin: {"count": n}. stdout: n signed cases and n tampered ones:
// [{"secretKey": hex, "message": hex, "signature": hex, "publicKey": hex, "tampered": what|null, "valid": bool}]
// where "valid" is noble's verdict on exactly these bytes (a point that does not decode counts as invalid).
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { randomBytes } from 'node:crypto';

const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const bls = bls12_381.shortSignatures;
const hex = (b) => Buffer.from(b).toString('hex');
const flipBit = (bytes) => { const c = Uint8Array.from(bytes); const i = Math.floor(Math.random() * c.length * 8); c[i >> 3] ^= 1 << (i & 7); return c; };
const verdict = (sig, msg, pk) => { try { return bls.verify(sig, bls.hash(msg, DST), pk); } catch { return false; } };

const input = JSON.parse(await new Promise((resolve) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => resolve(s)); }));
const cases = [];
for (let n = 0; n < input.count; n++) {
  const { secretKey } = bls.keygen();
  const message = randomBytes(Math.floor(Math.random() * 200));
  const signature = bls.sign(bls.hash(message, DST), secretKey).toBytes();
  const publicKey = bls.getPublicKey(secretKey).toBytes();
  cases.push({ secretKey: hex(secretKey), message: hex(message), signature: hex(signature), publicKey: hex(publicKey), tampered: null, valid: verdict(signature, message, publicKey) });

  const kind = ['signature', 'message', 'publicKey', 'otherKey'][n % 4];
  let [sig, msg, pk] = [signature, message, publicKey];
  if (kind === 'signature') sig = flipBit(signature);
  if (kind === 'message') msg = message.length ? flipBit(message) : Uint8Array.of(0);
  if (kind === 'publicKey') pk = flipBit(publicKey);
  if (kind === 'otherKey') pk = bls.getPublicKey(bls.keygen().secretKey).toBytes();
  cases.push({ secretKey: hex(secretKey), message: hex(msg), signature: hex(sig), publicKey: hex(pk), tampered: kind, valid: verdict(sig, msg, pk) });
}
process.stdout.write(JSON.stringify(cases));
