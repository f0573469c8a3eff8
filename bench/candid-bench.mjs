// Times @dfinity/candid on the inputs of bench/DecentCloud.Icp.Benchmarks/BenchInputs.cs.
// Run from tests/node (where the packages are installed): node ../../bench/candid-bench.mjs
// The packages are installed once, in tests/node; resolve them from the working directory.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const resolve = createRequire(pathToFileURL(process.cwd() + '/').href).resolve;
const { IDL } = await import(pathToFileURL(resolve('@dfinity/candid')).href);
const { Principal } = await import(pathToFileURL(resolve('@dfinity/principal')).href);

const Account = IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const TransferArg = IDL.Record({
  from_subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)), to: Account, amount: IDL.Nat, fee: IDL.Opt(IDL.Nat),
  memo: IDL.Opt(IDL.Vec(IDL.Nat8)), created_at_time: IDL.Opt(IDL.Nat64),
});
const Item = IDL.Record({
  id: IDL.Nat64, name: IDL.Text, tags: IDL.Vec(IDL.Text), owner: IDL.Principal, balance: IDL.Nat,
  meta: IDL.Opt(IDL.Record({ flag: IDL.Bool, data: IDL.Vec(IDL.Nat8) })),
});
const owner = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
const transfer = {
  from_subaccount: [], to: { owner, subaccount: [Uint8Array.from({ length: 32 }, (_, i) => i)] },
  amount: 12345678901234n, fee: [10000n], memo: [Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])], created_at_time: [1764000000000000000n],
};
const large = Array.from({ length: 1000 }, (_, i) => ({
  id: BigInt(i), name: `item-${i}`, tags: ['a', 'bb', 'ccc'], owner, balance: 10n ** 20n + BigInt(i),
  meta: i % 2 === 0 ? [{ flag: true, data: new Uint8Array(16).fill(i & 0xff) }] : [],
}));

function measure(name, fn) {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 2_000_000_000n) { fn(); n++; elapsed = process.hrtime.bigint() - start; }
  const nsPerOp = Number(elapsed) / n;
  return { name, nsPerOp, opsPerSecond: 1e9 / nsPerOp };
}

const transferBytes = IDL.encode([TransferArg], [transfer]);
const largeBytes = IDL.encode([IDL.Vec(Item)], [large]);
const results = [
  measure('EncodeTransferArg', () => IDL.encode([TransferArg], [transfer])),
  measure('DecodeTransferArg', () => IDL.decode([TransferArg], transferBytes)),
  measure('EncodeLarge', () => IDL.encode([IDL.Vec(Item)], [large])),
  measure('DecodeLarge', () => IDL.decode([IDL.Vec(Item)], largeBytes)),
];
process.stdout.write(JSON.stringify(results) + '\n');
