// Reference oracle for the .NET Candid codec: DFINITY's own @dfinity/candid and @dfinity/principal.
// stdin: {"cases":[{"type":T,"hex":"…" (our encoding),"value":V (our canonical JSON)}], "principals":["hex",…]}
// stdout: {"cases":[{"decoded":V (what JS read from our bytes),"hex":"…" (JS's encoding of our value)}], "principals":["text",…]}
// Canonical JSON, directed by the type: integers as decimal strings, float64 as "NaN" or the hex of its
// 8 little-endian bytes, principals as text, blobs as hex, opt as [] or [v], records and variants by field name.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

const small = new Set(['nat8', 'nat16', 'nat32', 'int8', 'int16', 'int32']);
const prims = {
  null: IDL.Null, bool: IDL.Bool, nat: IDL.Nat, int: IDL.Int, nat8: IDL.Nat8, nat16: IDL.Nat16, nat32: IDL.Nat32, nat64: IDL.Nat64,
  int8: IDL.Int8, int16: IDL.Int16, int32: IDL.Int32, int64: IDL.Int64, float64: IDL.Float64, text: IDL.Text, principal: IDL.Principal,
};

function idl(t) {
  switch (t.k) {
    case 'opt': return IDL.Opt(idl(t.t));
    case 'vec': return IDL.Vec(idl(t.t));
    case 'record': return IDL.Record(Object.fromEntries(t.f.map(([name, ft]) => [name, idl(ft)])));
    case 'variant': return IDL.Variant(Object.fromEntries(t.f.map(([name, ft]) => [name, idl(ft)])));
    default: return prims[t.k];
  }
}

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const isBlob = (t) => t.k === 'vec' && t.t.k === 'nat8';

function toCanonical(t, v) {
  if (isBlob(t)) return hex(Uint8Array.from(v));
  switch (t.k) {
    case 'null': return null;
    case 'bool': return v;
    case 'float64': {
      if (Number.isNaN(v)) return 'NaN';
      const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, v, true); return hex(new Uint8Array(b.buffer));
    }
    case 'text': return v;
    case 'principal': return v.toText();
    case 'opt': return v.length === 0 ? [] : [toCanonical(t.t, v[0])];
    case 'vec': return Array.from(v, (x) => toCanonical(t.t, x)); // typed arrays for fixed-width elements
    case 'record': return Object.fromEntries(t.f.map(([name, ft]) => [name, toCanonical(ft, v[name])]));
    case 'variant': { const [name] = Object.keys(v); const ft = t.f.find(([n]) => n === name)[1]; return { [name]: toCanonical(ft, v[name]) }; }
    default: return v.toString();
  }
}

function fromCanonical(t, c) {
  if (isBlob(t)) return Uint8Array.from(Buffer.from(c, 'hex'));
  switch (t.k) {
    case 'null': return null;
    case 'bool': case 'text': return c;
    case 'float64': return c === 'NaN' ? NaN : new DataView(Uint8Array.from(Buffer.from(c, 'hex')).buffer).getFloat64(0, true);
    case 'principal': return Principal.fromText(c);
    case 'opt': return c.length === 0 ? [] : [fromCanonical(t.t, c[0])];
    case 'vec': return c.map((x) => fromCanonical(t.t, x));
    case 'record': return Object.fromEntries(t.f.map(([name, ft]) => [name, fromCanonical(ft, c[name])]));
    case 'variant': { const [name] = Object.keys(c); const ft = t.f.find(([n]) => n === name)[1]; return { [name]: fromCanonical(ft, c[name]) }; }
    default: return small.has(t.k) ? Number(c) : BigInt(c);
  }
}

const input = JSON.parse(await new Promise((resolve) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => resolve(s)); }));
const cases = input.cases.map(({ type, hex: ours, value }) => {
  const types = type.map(idl);
  let decoded; let encoded;
  try { decoded = IDL.decode(types, Uint8Array.from(Buffer.from(ours, 'hex'))).map((v, i) => toCanonical(type[i], v)); } catch (e) { decoded = { error: String(e.message || e) }; }
  try { encoded = hex(IDL.encode(types, value.map((v, i) => fromCanonical(type[i], v)))); } catch (e) { encoded = { error: String(e.message || e) }; }
  return { decoded, hex: encoded };
});
const principals = (input.principals || []).map((h) => Principal.fromUint8Array(Uint8Array.from(Buffer.from(h, 'hex'))).toText());
// A BigInt left in a canonical value would be a bug of this script; mark it so the test shows where.
process.stdout.write(JSON.stringify({ cases, principals }, (_, v) => (typeof v === 'bigint' ? `BIGINT:${v}` : v)));
