using System.Globalization;
using System.Numerics;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Benchmarks;

/// <summary>The inputs both sides measure (bench/candid-bench.mjs builds the same values for @dfinity/candid).</summary>
public static class BenchInputs
{
    public const string Did = """
        type Account = record { owner : principal; subaccount : opt blob };
        type TransferArg = record { from_subaccount : opt blob; to : Account; amount : nat; fee : opt nat; memo : opt blob; created_at_time : opt nat64 };
        type Item = record { id : nat64; name : text; tags : vec text; owner : principal; balance : nat; meta : opt record { flag : bool; data : blob } };
        """;

    private static readonly IReadOnlyDictionary<string, CandidType> Types = CandidTextFormat.ParseDid(Did).Definitions;

    public static CandidType TransferArgType { get; } = Types["TransferArg"];

    public static CandidType LargeType { get; } = CandidType.Vec(Types["Item"]);

    public static CandidValue TransferArg { get; } = Record(
        ("from_subaccount", new OptValue(null)),
        ("to", Record(("owner", new PrincipalValue(Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai"))), ("subaccount", new OptValue(new BlobValue(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()))))),
        ("amount", new NumberValue(CandidKind.Nat, 12_345_678_901_234)),
        ("fee", new OptValue(new NumberValue(CandidKind.Nat, 10_000))),
        ("memo", new OptValue(new BlobValue(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }))),
        ("created_at_time", new OptValue(new NumberValue(CandidKind.Nat64, 1_764_000_000_000_000_000UL))));

    /// <summary>1,000 items, each a record with text, a vector of text, a principal, a big nat and an optional nested record with a blob.</summary>
    public static CandidValue Large { get; } = new VecValue(Enumerable.Range(0, 1000).Select(i => (CandidValue)Record(
        ("id", new NumberValue(CandidKind.Nat64, i)),
        ("name", new TextValue("item-" + i.ToString(CultureInfo.InvariantCulture))),
        ("tags", new VecValue([new TextValue("a"), new TextValue("bb"), new TextValue("ccc")])),
        ("owner", new PrincipalValue(Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai"))),
        ("balance", new NumberValue(CandidKind.Nat, BigInteger.Pow(10, 20) + i)),
        ("meta", i % 2 == 0
            ? new OptValue(Record(("flag", new BoolValue(true)), ("data", new BlobValue(Enumerable.Repeat((byte)i, 16).ToArray()))))
            : new OptValue(null)))).ToList());

    private static RecordValue Record(params (string Name, CandidValue Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<uint, CandidValue>(CandidIds.FieldId(f.Name), f.Value)).OrderBy(f => f.Key).ToList());
}
