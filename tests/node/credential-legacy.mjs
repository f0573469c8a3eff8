// Reference oracle for the credential envelope's legacy formats, written from the spec alone with
// @noble libraries (no code shared with the .NET implementation).
// Input (stdin, JSON): {"recipientEd25519Seed": hex, "contractId": hex, "password": string}
// Output (stdout, JSON): {"deviceX25519Public": hex, "deviceX25519Secret": hex, "v1": blob, "v2": blob}
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes, hexToBytes, bytesToHex, utf8ToBytes, concatBytes } from '@noble/hashes/utils.js';

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk) => { data += chunk; });
  process.stdin.on('end', () => resolve(data));
}));

const seed = hexToBytes(input.recipientEd25519Seed);
const edPublic = ed25519.getPublicKey(seed);
const recipientPublic = ed25519.utils.toMontgomery(edPublic);
const recipientSecret = ed25519.utils.toMontgomerySecret(seed);
const contractId = hexToBytes(input.contractId);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

function seal(version, label, aad) {
  const ephemeralSecret = randomBytes(32);
  const shared = x25519.getSharedSecret(ephemeralSecret, recipientPublic);
  const key = sha512(concatBytes(utf8ToBytes(label), shared)).slice(0, 32);
  const nonce = randomBytes(24);
  const ciphertext = xchacha20poly1305(key, nonce, aad ?? new Uint8Array()).encrypt(utf8ToBytes(input.password));
  const blob = { version, ephemeral_pubkey: b64(x25519.getPublicKey(ephemeralSecret)), nonce: b64(nonce), ciphertext: b64(ciphertext) };
  if (aad) blob.aad = b64(aad);
  return JSON.stringify(blob);
}

process.stdout.write(JSON.stringify({
  deviceX25519Public: bytesToHex(recipientPublic),
  deviceX25519Secret: bytesToHex(recipientSecret),
  v1: seal(1, 'credential-encryption-v1', null),
  v2: seal(2, 'credential-encryption-v2-aad', contractId),
}));
