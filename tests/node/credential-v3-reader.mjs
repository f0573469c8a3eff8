// Independent reader of the v3 credential envelope, written from docs/credential-envelope.md alone with the
// @noble libraries (no code shared with the .NET implementation): what a wallet would implement.
// stdin:  {"cases":[{"envelope": "<v3 JSON>", "contractId": "<hex the reader expects>",
//                    "key": {"kind":"device","seed":hex} | {"kind":"account","seed":hex} | {"kind":"x25519","secret":hex}}]}
// stdout: {"results":[{"secret": "<plaintext>"} | {"error": "<code>", "detail": "<why>"}]}
import { x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { hexToBytes, bytesToHex, utf8ToBytes, concatBytes, equalBytes } from '@noble/ciphers/utils.js';

const PURPOSE = 'vm-root-password';
const WRAP_INFO = utf8ToBytes('decent-cloud/credential-envelope/v3/wrap');
const ACCOUNT_INFO = utf8ToBytes('decent-cloud/account-credential-key/v1');

class Refused extends Error {
  constructor(code, detail) { super(detail); this.code = code; }
}

// Standard base64 with padding, strictly: anything else is a malformed envelope, not silently skipped characters.
function base64(value, name, length) {
  if (typeof value !== 'string' || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw new Refused('malformed', `${name} is not standard base64`);
  }
  const bytes = new Uint8Array(Buffer.from(value, 'base64'));
  if (Buffer.from(bytes).toString('base64') !== value) throw new Refused('malformed', `${name} is not canonical base64`);
  if (length !== undefined && bytes.length !== length) throw new Refused('malformed', `${name} is not ${length} bytes`);
  return bytes;
}

// "Recipient keys" of the format: the X25519 secret the reader holds.
function secretOf(key) {
  switch (key.kind) {
    case 'x25519': return hexToBytes(key.secret);
    case 'account': return hkdf(sha256, hexToBytes(key.seed), new Uint8Array(0), ACCOUNT_INFO, 32);
    case 'device': {
      const s = sha512(hexToBytes(key.seed)).slice(0, 32);
      s[0] &= 248; s[31] &= 127; s[31] |= 64;
      return s;
    }
    default: throw new Error(`unknown key kind ${key.kind}`);
  }
}

function open(aeadKey, nonce, aad, sealed, what) {
  try {
    return xchacha20poly1305(aeadKey, nonce, aad).decrypt(sealed);
  } catch {
    throw new Refused('decryption_failed', `${what} does not authenticate`);
  }
}

function openV3(text, expectedContractHex, secret) {
  let blob;
  try { blob = JSON.parse(text); } catch { throw new Refused('malformed', 'not JSON'); }
  if (blob === null || typeof blob !== 'object' || Array.isArray(blob)) throw new Refused('malformed', 'not a JSON object');
  // Opening, step 1.
  if (blob.version !== 3) throw new Refused('unsupported_version', `version ${blob.version}`);
  if (blob.purpose !== PURPOSE) throw new Refused('wrong_purpose', `purpose ${blob.purpose}`);
  const expected = hexToBytes(expectedContractHex);
  if (blob.contract_id !== bytesToHex(expected)) throw new Refused('wrong_contract', 'contract_id is not the expected contract');
  // Step 2: the AAD from the expected contract id, never from the blob.
  const aad = concatBytes(Uint8Array.of(0x03), utf8ToBytes(PURPOSE), Uint8Array.of(0x00), expected);
  // Step 3.
  const own = x25519.getPublicKey(secret);
  if (!Array.isArray(blob.recipients)) throw new Refused('malformed', 'recipients is not an array');
  const entry = blob.recipients.find((r) => r && typeof r === 'object' && equalBytes(base64(r.public_key, 'public_key', 32), own));
  if (!entry) throw new Refused('not_a_recipient', 'no recipient entry has this public key');
  // Step 4.
  const ephemeral = base64(entry.ephemeral_pubkey, 'ephemeral_pubkey', 32);
  let shared;
  try { shared = x25519.getSharedSecret(secret, ephemeral); } catch { throw new Refused('decryption_failed', 'low-order ephemeral key'); }
  if (shared.every((b) => b === 0)) throw new Refused('decryption_failed', 'all-zero shared secret');
  const wrapKey = hkdf(sha256, concatBytes(shared, ephemeral, own), new Uint8Array(0), WRAP_INFO, 32);
  const contentKey = open(wrapKey, base64(entry.nonce, 'recipient nonce', 24), aad, base64(entry.wrapped_key, 'wrapped_key'), 'wrapped_key');
  if (contentKey.length !== 32) throw new Refused('decryption_failed', 'the content key is not 32 bytes');
  // Step 5.
  const plaintext = open(contentKey, base64(blob.nonce, 'nonce', 24), aad, base64(blob.ciphertext, 'ciphertext'), 'ciphertext');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new Refused('malformed', 'the secret is not UTF-8');
  }
}

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk) => { data += chunk; });
  process.stdin.on('end', () => resolve(data));
}));

const results = input.cases.map(({ envelope, contractId, key }) => {
  try {
    return { secret: openV3(envelope, contractId, secretOf(key)) };
  } catch (e) {
    if (e instanceof Refused) return { error: e.code, detail: e.message };
    throw e;
  }
});
process.stdout.write(JSON.stringify({ results }));
