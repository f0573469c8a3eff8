// Reference oracle for Ed25519 identities: @dfinity/principal's self-authenticating principal of the DER key,
// and @noble/curves' Ed25519 verification of the request signature.
// stdin: [{"der": hex, "publicKey": hex, "message": hex, "signature": hex}]  stdout: [{"principal": text, "valid": bool}]
import { Principal } from '@dfinity/principal';
import { ed25519 } from '@noble/curves/ed25519.js';

const bytes = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));
const input = JSON.parse(await new Promise((resolve) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => resolve(s)); }));
process.stdout.write(JSON.stringify(input.map((c) => ({
  principal: Principal.selfAuthenticating(bytes(c.der)).toText(),
  valid: ed25519.verify(bytes(c.signature), bytes(c.message), bytes(c.publicKey)),
}))));
