using System.Numerics;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Agent.Icrc1;

/// <summary>
/// An ICRC-3 <c>Value</c>: the lossless, never-changing representation of a block
/// (<c>variant { Blob; Text; Nat; Int; Array : vec Value; Map : vec record { text; Value } }</c>; <c>Nat64</c> too, which
/// older ICRC ledgers serve).
/// </summary>
public abstract record Icrc3Value
{
    /// <summary>Bytes.</summary>
    public sealed record Blob(byte[] Value) : Icrc3Value;

    /// <summary>Text.</summary>
    public sealed record Text(string Value) : Icrc3Value;

    /// <summary>A natural number (<c>Nat</c> or <c>Nat64</c>).</summary>
    public sealed record Nat(BigInteger Value) : Icrc3Value;

    /// <summary>An integer.</summary>
    public sealed record Int(BigInteger Value) : Icrc3Value;

    /// <summary>A list of values.</summary>
    public sealed record Array(IReadOnlyList<Icrc3Value> Items) : Icrc3Value;

    /// <summary>A map from text keys to values, in the order served.</summary>
    public sealed record Map(IReadOnlyList<KeyValuePair<string, Icrc3Value>> Entries) : Icrc3Value
    {
        /// <summary>The value under <paramref name="key"/>, or null.</summary>
        public Icrc3Value? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
    }
}

/// <summary>
/// One block of an ICRC-1 ledger's log read through ICRC-3, interpreted by the legacy ICRC-1/2 block schema (the operation
/// from <c>btype</c> or <c>tx.op</c>).
/// </summary>
/// <param name="Index">The block index (what a transfer returned).</param>
/// <param name="Operation"><c>xfer</c>, <c>mint</c>, <c>burn</c>, <c>approve</c>, or the block's own <c>btype</c>/<c>op</c>.</param>
/// <param name="From">The account debited (transfers, burns, approvals).</param>
/// <param name="To">The account credited (transfers, mints).</param>
/// <param name="Amount"><c>tx.amt</c>.</param>
/// <param name="Fee">The effective fee: the block's <c>fee</c>, else <c>tx.fee</c>, else zero.</param>
/// <param name="Memo"><c>tx.memo</c>, when the caller gave one.</param>
/// <param name="CreatedAtTime"><c>tx.ts</c>: the caller's <c>created_at_time</c>, when given.</param>
/// <param name="Timestamp">The block's <c>ts</c>: when the ledger accepted it (ns since the Unix epoch).</param>
/// <param name="Raw">The block as served.</param>
public sealed record LedgerBlock(
    BigInteger Index,
    string Operation,
    Account? From,
    Account? To,
    BigInteger Amount,
    BigInteger Fee,
    byte[]? Memo,
    ulong? CreatedAtTime,
    ulong Timestamp,
    Icrc3Value Raw);

/// <summary>A range of blocks read from a ledger and its archives.</summary>
/// <param name="LogLength">How many blocks the ledger's log holds (the next block's index).</param>
/// <param name="Blocks">The blocks found in the range asked, by index; fewer than asked when the ledger caps a reply.</param>
public sealed record LedgerBlocks(BigInteger LogLength, IReadOnlyList<LedgerBlock> Blocks);

/// <summary>The Candid types of ICRC-3 <c>icrc3_get_blocks</c> (used by clients and by local ledgers that serve it).</summary>
public static class Icrc3Candid
{
    private const string Did = """
        type Value = variant { Blob : blob; Text : text; Nat : nat; Nat64 : nat64; Int : int; Array : vec Value; Map : vec record { text; Value } };
        type GetBlocksArgs = vec record { start : nat; length : nat };
        type GetBlocksResult = record {
          log_length : nat;
          blocks : vec record { id : nat; block : Value };
          archived_blocks : vec record { args : GetBlocksArgs; callback : func (GetBlocksArgs) -> (GetBlocksResult) query };
        };
        """;

    private static readonly DidFile Types = CandidTextFormat.ParseDid(Did);

    /// <summary><c>vec record { start : nat; length : nat }</c>.</summary>
    public static CandidType GetBlocksArgs { get; } = Types.Definitions["GetBlocksArgs"];

    /// <summary><c>record { log_length; blocks; archived_blocks }</c>.</summary>
    public static CandidType GetBlocksResult { get; } = Types.Definitions["GetBlocksResult"];

    /// <summary>The ICRC-3 <c>Value</c> variant.</summary>
    public static CandidType Value { get; } = Types.Definitions["Value"];

    /// <summary>Encodes the argument of <c>icrc3_get_blocks</c>.</summary>
    public static byte[] EncodeArgs(IEnumerable<(BigInteger Start, BigInteger Length)> ranges) =>
        CandidEncoder.Encode([GetBlocksArgs], [RangesValue(ranges)]);

    /// <summary>Encodes a reply of <c>icrc3_get_blocks</c> (for a ledger that serves it).</summary>
    public static byte[] EncodeResult(BigInteger logLength, IEnumerable<(BigInteger Id, Icrc3Value Block)> blocks, IEnumerable<(IReadOnlyList<(BigInteger Start, BigInteger Length)> Ranges, Principal Canister, string Method)> archived) =>
        CandidEncoder.Encode([GetBlocksResult], [new RecordValue(Sorted(
        [
            new(CandidIds.FieldId("log_length"), new NumberValue(CandidKind.Nat, logLength)),
            new(CandidIds.FieldId("blocks"), new VecValue([.. blocks.Select(b => (CandidValue)new RecordValue(Sorted(
            [
                new(CandidIds.FieldId("id"), new NumberValue(CandidKind.Nat, b.Id)),
                new(CandidIds.FieldId("block"), ToCandid(b.Block)),
            ])))])),
            new(CandidIds.FieldId("archived_blocks"), new VecValue([.. archived.Select(a => (CandidValue)new RecordValue(Sorted(
            [
                new(CandidIds.FieldId("args"), RangesValue(a.Ranges)),
                new(CandidIds.FieldId("callback"), new FuncValue(a.Canister, a.Method)),
            ])))])),
        ]))]);

    /// <summary>Decodes the argument of <c>icrc3_get_blocks</c>.</summary>
    public static IReadOnlyList<(BigInteger Start, BigInteger Length)> DecodeArgs(ReadOnlySpan<byte> message) =>
        [.. ((VecValue)CandidDecoder.Decode(message, [GetBlocksArgs])[0]).Items.Cast<RecordValue>()
            .Select(r => (Natural(r, "start"), Natural(r, "length")))];

    /// <summary>Decodes a reply: the log length, the blocks served, and the archived ranges with the archive's callback.</summary>
    public static (BigInteger LogLength, IReadOnlyList<(BigInteger Id, Icrc3Value Block)> Blocks, IReadOnlyList<(IReadOnlyList<(BigInteger Start, BigInteger Length)> Ranges, Principal Canister, string Method)> Archived) DecodeResult(ReadOnlySpan<byte> message)
    {
        var result = (RecordValue)CandidDecoder.Decode(message, [GetBlocksResult])[0];
        var blocks = ((VecValue)result[CandidIds.FieldId("blocks")]!).Items.Cast<RecordValue>()
            .Select(b => (Natural(b, "id"), FromCandid(b[CandidIds.FieldId("block")]!, 0)))
            .ToList();
        var archived = ((VecValue)result[CandidIds.FieldId("archived_blocks")]!).Items.Cast<RecordValue>()
            .Select(a =>
            {
                var callback = (FuncValue)a[CandidIds.FieldId("callback")]!;
                IReadOnlyList<(BigInteger, BigInteger)> ranges = [.. ((VecValue)a[CandidIds.FieldId("args")]!).Items.Cast<RecordValue>().Select(r => (Natural(r, "start"), Natural(r, "length")))];
                return (ranges, callback.Service, callback.Method);
            })
            .ToList();
        return (Natural(result, "log_length"), blocks, archived);
    }

    /// <summary>An ICRC-1 account as ICRC-3 writes it: <c>Array [Blob owner; Blob subaccount?]</c>.</summary>
    public static Icrc3Value AccountValue(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Subaccount is { } sub
            ? new Icrc3Value.Array([new Icrc3Value.Blob(account.Owner.Bytes.ToArray()), new Icrc3Value.Blob(sub)])
            : new Icrc3Value.Array([new Icrc3Value.Blob(account.Owner.Bytes.ToArray())]);
    }

    private const int MaxDepth = 64;

    private static VecValue RangesValue(IEnumerable<(BigInteger Start, BigInteger Length)> ranges) =>
        new([.. ranges.Select(r => (CandidValue)new RecordValue(Sorted(
        [
            new(CandidIds.FieldId("start"), new NumberValue(CandidKind.Nat, r.Start)),
            new(CandidIds.FieldId("length"), new NumberValue(CandidKind.Nat, r.Length)),
        ])))]);

    private static List<KeyValuePair<uint, CandidValue>> Sorted(List<KeyValuePair<uint, CandidValue>> fields) => [.. fields.OrderBy(f => f.Key)];

    private static BigInteger Natural(RecordValue record, string field) => ((NumberValue)record[CandidIds.FieldId(field)]!).Value;

    private static CandidValue ToCandid(Icrc3Value value) => value switch
    {
        Icrc3Value.Blob b => new VariantValue(CandidIds.FieldId("Blob"), new BlobValue(b.Value)),
        Icrc3Value.Text t => new VariantValue(CandidIds.FieldId("Text"), new TextValue(t.Value)),
        Icrc3Value.Nat n => new VariantValue(CandidIds.FieldId("Nat"), new NumberValue(CandidKind.Nat, n.Value)),
        Icrc3Value.Int i => new VariantValue(CandidIds.FieldId("Int"), new NumberValue(CandidKind.Int, i.Value)),
        Icrc3Value.Array a => new VariantValue(CandidIds.FieldId("Array"), new VecValue([.. a.Items.Select(ToCandid)])),
        Icrc3Value.Map m => new VariantValue(CandidIds.FieldId("Map"), new VecValue([.. m.Entries.Select(e => (CandidValue)new RecordValue(
        [
            new(0, new TextValue(e.Key)),
            new(1, ToCandid(e.Value)),
        ]))])),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not an ICRC-3 value"),
    };

    private static Icrc3Value FromCandid(CandidValue value, int depth)
    {
        if (depth > MaxDepth || value is not VariantValue variant)
        {
            throw new CandidDecodeException("an ICRC-3 value nests too deeply or is not a variant", 0);
        }

        return variant.Value switch
        {
            BlobValue blob => new Icrc3Value.Blob(blob.Bytes.ToArray()),
            TextValue text => new Icrc3Value.Text(text.Value),
            NumberValue { Kind: CandidKind.Int } number => new Icrc3Value.Int(number.Value),
            NumberValue number => new Icrc3Value.Nat(number.Value),
            VecValue vec when variant.Id == CandidIds.FieldId("Map") => new Icrc3Value.Map([.. vec.Items.Cast<RecordValue>().Select(e =>
                new KeyValuePair<string, Icrc3Value>(((TextValue)e[0]!).Value, FromCandid(e[1]!, depth + 1)))]),
            VecValue vec => new Icrc3Value.Array([.. vec.Items.Select(i => FromCandid(i, depth + 1))]),
            _ => throw new CandidDecodeException("an ICRC-3 value of an unknown kind", 0),
        };
    }

    /// <summary>Reads a block by the ICRC-1/2 block schema; a block that is not a map, or lacks <c>ts</c>, is refused.</summary>
    public static LedgerBlock Interpret(BigInteger index, Icrc3Value block)
    {
        if (block is not Icrc3Value.Map map || map["ts"] is not Icrc3Value.Nat { Value: var ts })
        {
            throw new IcpProtocolException($"block {index} is not an ICRC-3 block map with a timestamp");
        }

        var tx = map["tx"] as Icrc3Value.Map;
        var operation = (map["btype"] as Icrc3Value.Text)?.Value is { } btype
            ? (btype.Length > 1 && char.IsAsciiDigit(btype[0]) ? btype[1..] : btype)
            : (tx?["op"] as Icrc3Value.Text)?.Value ?? "unknown";
        var fee = (map["fee"] as Icrc3Value.Nat)?.Value ?? (tx?["fee"] as Icrc3Value.Nat)?.Value ?? BigInteger.Zero;
        return new LedgerBlock(
            index,
            operation,
            AccountOf(tx?["from"]),
            AccountOf(tx?["to"]),
            (tx?["amt"] as Icrc3Value.Nat)?.Value ?? BigInteger.Zero,
            fee,
            (tx?["memo"] as Icrc3Value.Blob)?.Value,
            (tx?["ts"] as Icrc3Value.Nat)?.Value is { } created ? (ulong)created : null,
            (ulong)ts,
            block);
    }

    private static Account? AccountOf(Icrc3Value? value) => value switch
    {
        Icrc3Value.Array { Items: [Icrc3Value.Blob owner] } => new Account(Principal.FromBytes(owner.Value)),
        Icrc3Value.Array { Items: [Icrc3Value.Blob owner, Icrc3Value.Blob sub] } => new Account(Principal.FromBytes(owner.Value), IsZero(sub.Value) ? null : sub.Value),
        _ => null,
    };

    // The default subaccount is all zeros; written or not, it is the same account.
    private static bool IsZero(byte[] subaccount) => subaccount.All(b => b == 0);
}
