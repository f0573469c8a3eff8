// Reference oracle for identities: @dfinity/principal's self-authenticating principal of the DER key,
// and @noble/curves' verification of the request signature.
// stdin: [{"curve": "ed25519"|"secp256k1", "der": hex, "publicKey": hex (raw key or uncompressed point), "message": hex, "signature": hex}]
// (secp256k1: ECDSA over SHA-256 of the message, 64-byte r‖s, low s — noble's defaults)  stdout: [{"principal": text, "valid": bool}]
import { Principal } from '@dfinity/principal';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

const bytes = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));
const input = JSON.parse(await new Promise((resolve) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => resolve(s)); }));
process.stdout.write(JSON.stringify(input.map((c) => ({
  principal: Principal.selfAuthenticating(bytes(c.der)).toText(),
  valid: (c.curve === 'secp256k1' ? secp256k1 : ed25519).verify(bytes(c.signature), bytes(c.message), bytes(c.publicKey)),
}))));
