// Reference oracle for decoding real ledger replies: the ICP ledger's query_blocks reply, as a current ledger
// sends it (Approve operations, spender fields, icrc1_memo), encoded by @dfinity/candid.
// stdin {"mode":"generate","count":n} → [{"hex", "chainLength", "blocks": [{"operation": "Mint"|"Burn"|"Transfer"|"Approve"|null, "parentHash": hex|null}], "archives": [{"start","length","canister","method"}]}]
// stdin {"mode":"check","pairs":[{"original":hex,"ours":hex}]} → [{"equal": bool}] (both decoded by @dfinity/candid at the current type)
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { randomBytes, randomInt } from 'node:crypto';

const Tokens = IDL.Record({ e8s: IDL.Nat64 });
const TimeStamp = IDL.Record({ timestamp_nanos: IDL.Nat64 });
const AccountIdentifier = IDL.Vec(IDL.Nat8);
const Operation = IDL.Variant({
  Mint: IDL.Record({ to: AccountIdentifier, amount: Tokens }),
  Burn: IDL.Record({ from: AccountIdentifier, spender: IDL.Opt(AccountIdentifier), amount: Tokens }),
  Transfer: IDL.Record({ from: AccountIdentifier, to: AccountIdentifier, amount: Tokens, fee: Tokens, spender: IDL.Opt(IDL.Vec(IDL.Nat8)) }),
  Approve: IDL.Record({
    from: AccountIdentifier, spender: AccountIdentifier, allowance_e8s: IDL.Int, allowance: Tokens, fee: Tokens,
    expires_at: IDL.Opt(TimeStamp), expected_allowance: IDL.Opt(Tokens),
  }),
});
const Transaction = IDL.Record({ memo: IDL.Nat64, icrc1_memo: IDL.Opt(IDL.Vec(IDL.Nat8)), operation: IDL.Opt(Operation), created_at_time: TimeStamp });
const Block = IDL.Record({ parent_hash: IDL.Opt(IDL.Vec(IDL.Nat8)), transaction: Transaction, timestamp: TimeStamp });
const GetBlocksArgs = IDL.Record({ start: IDL.Nat64, length: IDL.Nat64 });
const QueryArchiveError = IDL.Variant({
  BadFirstBlockIndex: IDL.Record({ requested_index: IDL.Nat64, first_valid_index: IDL.Nat64 }),
  Other: IDL.Record({ error_code: IDL.Nat64, error_message: IDL.Text }),
});
const QueryArchiveResult = IDL.Variant({ Ok: IDL.Record({ blocks: IDL.Vec(Block) }), Err: QueryArchiveError });
const QueryArchiveFn = IDL.Func([GetBlocksArgs], [QueryArchiveResult], ['query']);
const QueryBlocksResponse = IDL.Record({
  chain_length: IDL.Nat64, certificate: IDL.Opt(IDL.Vec(IDL.Nat8)), blocks: IDL.Vec(Block), first_block_index: IDL.Nat64,
  archived_blocks: IDL.Vec(IDL.Record({ start: IDL.Nat64, length: IDL.Nat64, callback: QueryArchiveFn })),
});

const u64 = () => BigInt('0x' + randomBytes(8).toString('hex'));
const bytes = (n) => Uint8Array.from(randomBytes(n));
const maybe = (f) => (randomInt(2) ? [f()] : []);
const tokens = () => ({ e8s: u64() });
const stamp = () => ({ timestamp_nanos: u64() });
const operations = {
  Mint: () => ({ to: bytes(32), amount: tokens() }),
  Burn: () => ({ from: bytes(32), spender: maybe(() => bytes(32)), amount: tokens() }),
  Transfer: () => ({ from: bytes(32), to: bytes(32), amount: tokens(), fee: tokens(), spender: maybe(() => bytes(32)) }),
  Approve: () => ({
    from: bytes(32), spender: bytes(32), allowance_e8s: BigInt(randomInt(2 ** 40)) * (randomInt(2) ? 1n : -1n),
    allowance: tokens(), fee: tokens(), expires_at: maybe(stamp), expected_allowance: maybe(tokens),
  }),
};
function block() {
  const kind = [null, 'Mint', 'Burn', 'Transfer', 'Approve'][randomInt(5)];
  return {
    value: {
      parent_hash: maybe(() => bytes(32)),
      transaction: { memo: u64(), icrc1_memo: maybe(() => bytes(randomInt(33))), operation: kind ? [{ [kind]: operations[kind]() }] : [], created_at_time: stamp() },
      timestamp: stamp(),
    },
    kind,
  };
}

const input = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => r(s)); }));
const hex = (b) => Buffer.from(b).toString('hex');
if (input.mode === 'generate') {
  const out = [];
  for (let n = 0; n < input.count; n++) {
    const blocks = Array.from({ length: randomInt(12) }, block);
    const archives = Array.from({ length: randomInt(4) }, () => ({
      start: u64(), length: BigInt(randomInt(2000)),
      callback: [Principal.fromUint8Array(Uint8Array.from([...bytes(8), 1, 1])), ['get_blocks', 'get_encoded_blocks'][randomInt(2)]],
    }));
    const value = {
      chain_length: u64(), certificate: maybe(() => bytes(randomInt(200))), blocks: blocks.map((b) => b.value),
      first_block_index: u64(), archived_blocks: archives,
    };
    out.push({
      hex: hex(IDL.encode([QueryBlocksResponse], [value])),
      chainLength: value.chain_length.toString(),
      blocks: blocks.map((b) => ({ operation: b.kind, parentHash: b.value.parent_hash.length ? hex(b.value.parent_hash[0]) : null })),
      archives: archives.map((a) => ({ start: a.start.toString(), length: a.length.toString(), canister: a.callback[0].toText(), method: a.callback[1] })),
    });
  }
  process.stdout.write(JSON.stringify(out));
} else {
  const canonical = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x instanceof Principal ? x.toText() : x instanceof Uint8Array ? hex(x) : x));
  process.stdout.write(JSON.stringify(input.pairs.map((p) => {
    const [a] = IDL.decode([QueryBlocksResponse], Uint8Array.from(Buffer.from(p.original, 'hex')));
    const [b] = IDL.decode([QueryBlocksResponse], Uint8Array.from(Buffer.from(p.ours, 'hex')));
    return { equal: canonical(a) === canonical(b) };
  })));
}
