using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// A <c>vec T</c> on the wire read where a blob is expected: Candid's subtyping lets an empty vector of any
/// element type become an empty blob, and makes a non-empty one of another element type a type error.
/// </summary>
public sealed class HostileBlobTests
{
    public sealed record Account([property: CandidName("owner")] Principal Owner, [property: CandidName("subaccount")] byte[]? Subaccount);

    /// <summary>An account type that checks its invariant on construction, as ICRC-1 code should.</summary>
    public sealed record CheckedAccount
    {
        public CheckedAccount(Principal owner, byte[]? subaccount)
        {
            if (subaccount is { Length: not 32 })
            {
                throw new ArgumentException("an ICRC-1 subaccount is 32 bytes", nameof(subaccount));
            }

            (Owner, Subaccount) = (owner, subaccount);
        }

        [CandidName("owner")]
        public Principal Owner { get; }

        [CandidName("subaccount")]
        public byte[]? Subaccount { get; }
    }

    // DIDL, one type: vec nat16; one argument of that type: an empty vector.
    private static readonly byte[] EmptyVecOfNat16 = Convert.FromHexString("4449444c016d7a010000");

    // DIDL, one type: vec nat16; one argument: a vector holding 7.
    private static readonly byte[] OneNat16 = Convert.FromHexString("4449444c016d7a0100010700");

    // DIDL, types: record { owner : principal; subaccount : opt vec nat16 }, opt vec nat16, vec nat16; the subaccount an empty vector.
    private static readonly byte[] AccountWithEmptyNat16Subaccount = CandidEncoder.Encode(
        [FieldsType.Record([CandidField.Named("owner", CandidType.Principal), CandidField.Named("subaccount", CandidType.Opt(CandidType.Vec(CandidType.Nat16)))])],
        [new RecordValue([
            new(CandidIds.FieldId("owner"), new PrincipalValue(Principal.Anonymous)),
            new(CandidIds.FieldId("subaccount"), new OptValue(new VecValue([]))),
        ])]);

    [Fact]
    public void An_empty_vector_of_another_element_type_reads_as_an_empty_blob()
    {
        var value = Assert.Single(CandidDecoder.Decode(EmptyVecOfNat16, [CandidType.Vec(CandidType.Nat8)]));
        var blob = Assert.IsType<BlobValue>(value);
        Assert.Equal(0, blob.Bytes.Length);
    }

    [Fact]
    public void A_non_empty_vector_of_another_element_type_is_a_decode_error_at_blob() =>
        Assert.Throws<CandidDecodeException>(() => CandidDecoder.Decode(OneNat16, [CandidType.Vec(CandidType.Nat8)]));

    [Fact]
    public void A_non_empty_vector_of_another_element_type_under_opt_blob_becomes_null() =>
        Assert.Equal(new OptValue(null), Assert.Single(CandidDecoder.Decode(OneNat16, [CandidType.Opt(CandidType.Vec(CandidType.Nat8))])));

    [Fact]
    public void The_serializer_reads_an_empty_vector_of_another_element_type_as_an_empty_byte_array()
    {
        Assert.Empty(CandidSerializer.Decode<byte[]>(EmptyVecOfNat16));
        Assert.Equal(0, CandidSerializer.Decode<ReadOnlyMemory<byte>>(EmptyVecOfNat16).Length);
    }

    [Fact]
    public void The_serializer_reads_an_account_whose_subaccount_is_an_empty_vector_of_another_element_type()
    {
        var account = CandidSerializer.Decode<Account>(AccountWithEmptyNat16Subaccount);
        Assert.Equal(Principal.Anonymous, account.Owner);
        Assert.NotNull(account.Subaccount);
        Assert.Empty(account.Subaccount);
    }

    [Fact]
    public void The_serializer_refuses_a_non_empty_vector_of_another_element_type_with_its_decode_exception()
    {
        Assert.Throws<CandidDecodeException>(() => CandidSerializer.Decode<byte[]>(OneNat16));
        Assert.Throws<CandidDecodeException>(() => CandidSerializer.Decode<ReadOnlyMemory<byte>>(OneNat16));
    }

    [Fact]
    public void A_hand_built_vector_given_for_a_byte_array_is_a_mapping_error() =>
        Assert.Throws<CandidMappingException>(() =>
            CandidSerializer.FromValue(new VecValue([new NumberValue(CandidKind.Nat8, 1)]), typeof(byte[]), CandidType.Vec(CandidType.Nat8)));

    [Fact]
    public void A_value_its_clr_type_refuses_on_construction_is_a_decode_error()
    {
        var bytes = CandidSerializer.Encode(new Account(Principal.Anonymous, [1, 2, 3, 4, 5]));
        var error = Assert.Throws<CandidDecodeException>(() => CandidSerializer.Decode<CheckedAccount>(bytes));
        Assert.IsType<ArgumentException>(error.InnerException?.InnerException ?? error.InnerException);
        Assert.Equal(32, CandidSerializer.Decode<CheckedAccount>(CandidSerializer.Encode(new Account(Principal.Anonymous, new byte[32]))).Subaccount!.Length);
    }
}
