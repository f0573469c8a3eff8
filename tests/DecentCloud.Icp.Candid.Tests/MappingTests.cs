using System.Numerics;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

public sealed class MappingTests
{
    public sealed record Account([property: CandidName("owner")] Principal Owner, [property: CandidName("subaccount")] byte[]? Subaccount);

    public sealed record TransferArg(
        [property: CandidName("from_subaccount")] byte[]? FromSubaccount,
        [property: CandidName("to")] Account To,
        [property: CandidName("amount")] BigInteger Amount,
        [property: CandidName("fee")] BigInteger? Fee,
        [property: CandidName("memo")] byte[]? Memo,
        [property: CandidName("created_at_time")] ulong? CreatedAtTime);

    [CandidVariant]
    public abstract record TransferError
    {
        public sealed record BadFee([property: CandidName("expected_fee")] BigInteger ExpectedFee) : TransferError;

        public sealed record InsufficientFunds([property: CandidName("balance")] BigInteger Balance) : TransferError;

        public sealed record TooOld : TransferError;

        public sealed record GenericError([property: CandidName("error_code")] BigInteger ErrorCode, [property: CandidName("message")] string Message) : TransferError;
    }

    [CandidVariant]
    public abstract record TransferResult
    {
        public sealed record Ok(BigInteger Value) : TransferResult;

        public sealed record Err(TransferError Value) : TransferResult;
    }

    public enum Color
    {
        Red,
        [CandidName("green")]
        Green,
    }

    private const string Did = """
        type Account = record { owner : principal; subaccount : opt blob };
        type TransferArg = record { from_subaccount : opt blob; to : Account; amount : nat; fee : opt nat; memo : opt blob; created_at_time : opt nat64 };
        type TransferError = variant { BadFee : record { expected_fee : nat }; InsufficientFunds : record { balance : nat }; TooOld;
                                       GenericError : record { error_code : nat; message : text } };
        type TransferResult = variant { Ok : nat; Err : TransferError };
        """;

    private static readonly IReadOnlyDictionary<string, CandidType> Types = CandidTextFormat.ParseDid(Did).Definitions;

    [Theory]
    [InlineData(typeof(Account), "Account")]
    [InlineData(typeof(TransferArg), "TransferArg")]
    [InlineData(typeof(TransferError), "TransferError")]
    [InlineData(typeof(TransferResult), "TransferResult")]
    public void Classes_map_to_the_types_of_the_did_file(Type clr, string name)
    {
        var mapped = CandidSerializer.TypeOf(clr);
        Assert.True(Subtyping.IsSubtype(mapped, Types[name]) && Subtyping.IsSubtype(Types[name], mapped), $"{mapped} vs {Types[name]}");
    }

    [Fact]
    public void A_transfer_arg_round_trips_and_reads_as_the_did_type()
    {
        var arg = new TransferArg(null, new Account(Principal.FromText("aaaaa-aa"), [1, 2, 3]), BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), 10_000, [9], 1_764_000_000_000_000_000UL);
        var bytes = CandidSerializer.Encode(arg);
        var back = CandidSerializer.Decode<TransferArg>(bytes);
        Assert.Equal(arg.Amount, back.Amount);
        Assert.Equal(arg.To.Subaccount, back.To.Subaccount);
        Assert.Equal((arg.Fee, arg.CreatedAtTime, arg.FromSubaccount), (back.Fee, back.CreatedAtTime, back.FromSubaccount));
        var generic = (RecordValue)CandidDecoder.Decode(bytes, [Types["TransferArg"]])[0];
        Assert.Equal(new OptValue(new NumberValue(CandidKind.Nat64, 1_764_000_000_000_000_000UL)), generic["created_at_time"]);
    }

    [Fact]
    public void Variant_results_decode_to_their_case_classes()
    {
        var err = new VariantValue(CandidIds.FieldId("Err"), new VariantValue(CandidIds.FieldId("InsufficientFunds"),
            new RecordValue([new(CandidIds.FieldId("balance"), new NumberValue(CandidKind.Nat, 42))])));
        var bytes = CandidEncoder.Encode([Types["TransferResult"]], [err]);
        var result = CandidSerializer.Decode<TransferResult>(bytes);
        Assert.Equal(new TransferResult.Err(new TransferError.InsufficientFunds(42)), result);
        Assert.Equal(new TransferResult.Ok(7), CandidSerializer.Decode<TransferResult>(CandidSerializer.Encode<TransferResult>(new TransferResult.Ok(7))));
        Assert.Equal(new TransferResult.Err(new TransferError.TooOld()), CandidSerializer.Decode<TransferResult>(CandidSerializer.Encode<TransferResult>(new TransferResult.Err(new TransferError.TooOld()))));
        Assert.Equal(Color.Green, CandidSerializer.Decode<Color>(CandidSerializer.Encode(Color.Green)));
    }

    [Fact]
    public void Tuples_map_to_records_with_positional_fields()
    {
        // ICRC-1 metadata: vec record { text; Value } — the tuple shorthand of the .did syntax.
        var types = CandidTextFormat.ParseDid("type Entry = record { text; variant { Nat : nat; Text : text } };").Definitions;
        var mapped = CandidSerializer.TypeOf(typeof((string, Color, BigInteger?)));
        Assert.Equal("record { 0 : text; 1 : variant { Red : null; green : null }; 2 : opt nat }", mapped.ToString().Replace("\n", " ", StringComparison.Ordinal));

        var entries = new List<(string, BigInteger)> { ("icrc1:decimals", 8), ("icrc1:fee", 10_000) };
        var bytes = CandidSerializer.Encode(entries);
        Assert.Equal(entries, CandidSerializer.Decode<List<(string, BigInteger)>>(bytes));

        var generic = CandidDecoder.Decode(CandidSerializer.Encode(("a", (BigInteger)5)), [CandidTextFormat.ParseType("record { text; nat }")])[0];
        Assert.Equal(new TextValue("a"), ((RecordValue)generic)[0]);
        Assert.True(Subtyping.IsSubtype(CandidSerializer.TypeOf(typeof((string, BigInteger))), CandidTextFormat.ParseType("record { text; nat }")));
        Assert.Equal(2, ((FieldsType)types["Entry"].Resolve()).Fields.Count);
    }

    public sealed record Node([property: CandidName("value")] BigInteger Value, [property: CandidName("next")] Node? Next, [property: CandidName("note")] string? Note);

    public sealed record Holder([property: CandidName("nodes")] List<Node> Nodes, [property: CandidName("arg")] TransferArg? Arg);

    [Fact]
    public void Types_are_mapped_safely_from_many_threads_at_once()
    {
        // The first use of a type builds its Candid type; racing first uses once broke a shared cache.
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            try
            {
                var value = new Holder([new Node(i, new Node(i + 1, null, null), "n")], null);
                var back = CandidSerializer.Decode<Holder>(CandidSerializer.Encode(value));
                Assert.Equal(i + 1, back.Nodes[0].Next!.Value);
                Assert.Null(back.Nodes[0].Next!.Next);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        });
        Assert.Empty(failures);
        Assert.Equal("opt text", ((FieldsType)CandidSerializer.TypeOf(typeof(Node)).Resolve()).Find(CandidIds.FieldId("note"))!.Type.ToString());
    }

    [Fact]
    public void Values_that_do_not_fit_say_which_type()
    {
        var big = new NumberValue(CandidKind.Nat, BigInteger.Pow(2, 70));
        var error = Assert.Throws<CandidMappingException>(() => CandidSerializer.FromValue(big, typeof(ulong), CandidType.Nat));
        Assert.Contains("UInt64", error.Message, StringComparison.Ordinal);
        var bytes = CandidEncoder.Encode([CandidType.Nat], [big]);
        Assert.Throws<CandidDecodeException>(() => CandidSerializer.Decode<ulong>(bytes));
        Assert.Throws<CandidDecodeException>(() => CandidSerializer.Decode<string>(bytes));
        Assert.Throws<CandidMappingException>(() => CandidSerializer.Encode(new Account(null!, null)));
    }
}
