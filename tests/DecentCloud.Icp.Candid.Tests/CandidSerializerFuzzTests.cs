using System.Numerics;
using CsCheck;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// Hostile messages decoded straight into CLR types (<c>byte[]</c>, <see cref="ReadOnlyMemory{T}"/>, records with
/// <c>opt blob</c> such as the ICRC-1 account, variants, tuples, lists): the serializer promises the decoder's
/// contract, so nothing but <see cref="CandidDecodeException"/> may come out.
/// </summary>
public sealed class CandidSerializerFuzzTests
{
    private static readonly Func<byte[], object?>[] Targets =
    [
        bytes => CandidSerializer.Decode<byte[]>(bytes),
        bytes => CandidSerializer.Decode<ReadOnlyMemory<byte>>(bytes),
        bytes => CandidSerializer.Decode<byte[]?>(bytes),
        bytes => CandidSerializer.Decode<MappingTests.Account>(bytes),
        bytes => CandidSerializer.Decode<HostileBlobTests.CheckedAccount>(bytes),
        bytes => CandidSerializer.Decode<MappingTests.TransferArg>(bytes),
        bytes => CandidSerializer.Decode<MappingTests.TransferResult>(bytes),
        bytes => CandidSerializer.Decode<MappingTests.Color>(bytes),
        bytes => CandidSerializer.Decode<MappingTests.Holder>(bytes),
        bytes => CandidSerializer.Decode<List<(string, BigInteger)>>(bytes),
        bytes => CandidSerializer.Decode<List<byte[]>>(bytes),
        bytes => CandidSerializer.Decode<ulong[]>(bytes),
        bytes => CandidSerializer.Decode<(byte[], ReadOnlyMemory<byte>?, string)>(bytes),
        bytes => CandidSerializer.Decode<BigInteger>(bytes),
        bytes => CandidSerializer.Decode<string>(bytes),
    ];

    [Fact]
    public void Decoding_into_clr_types_fails_only_with_the_decoders_exception()
    {
        var seeds = Seeds();
        var random = new Random(20261130);
        var outcomes = new int[2];
        var cases = Math.Max(Targets.Length * 100, CandidFuzzTestsCases() / 2);
        for (var i = 0; i < cases; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var input = random.Next(10) == 0 ? CandidFuzzTests.RandomBytes(random) : random.Next(4) == 0 ? seed : CandidFuzzTests.Mutate(seed, random);
            var target = random.Next(Targets.Length);
            try
            {
                Targets[target](input);
                outcomes[0]++;
            }
            catch (CandidDecodeException)
            {
                outcomes[1]++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {Convert.ToHexString(input)} decoded into target #{target} threw {ex}");
            }
        }

        Assert.True(outcomes[0] > cases / 100 && outcomes[1] > cases / 100, $"decoded {outcomes[0]}, refused {outcomes[1]}");
    }

    private static int CandidFuzzTestsCases() =>
        int.TryParse(Environment.GetEnvironmentVariable("DC_FUZZ_CASES"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 50_000;

    // Valid messages near the targets' types: their own encodings, vectors and optional vectors of every
    // primitive element type (empty and not), accounts whose subaccount has another element type, random types.
    private static List<byte[]> Seeds()
    {
        var account = new MappingTests.Account(Principal.Anonymous, [1, 2, 3]);
        var seeds = new List<byte[]>
        {
            CandidSerializer.Encode(new byte[] { 1, 2, 3 }),
            CandidSerializer.Encode(account),
            CandidSerializer.Encode(new MappingTests.TransferArg(null, account, 5, null, [9], 7)),
            CandidSerializer.Encode<MappingTests.TransferResult>(new MappingTests.TransferResult.Ok(3)),
            CandidSerializer.Encode(MappingTests.Color.Green),
            CandidSerializer.Encode(new List<(string, BigInteger)> { ("a", 1) }),
            CandidSerializer.Encode(new List<byte[]> { new byte[] { 1 }, Array.Empty<byte>() }),
            CandidSerializer.Encode(((byte[])[1], (ReadOnlyMemory<byte>?)new byte[] { 2 }, "x")),
        };
        var leaves = new[] { CandidType.Null, CandidType.Bool, CandidType.Nat, CandidType.Int, CandidType.Nat8, CandidType.Nat16, CandidType.Int8, CandidType.Nat64, CandidType.Text, CandidType.Reserved, CandidType.Empty, CandidType.Principal };
        foreach (var leaf in leaves)
        {
            var vec = CandidType.Vec(leaf);
            seeds.Add(CandidEncoder.Encode([vec], [new VecValue([])]));
            seeds.Add(CandidEncoder.Encode([CandidType.Opt(vec)], [new OptValue(new VecValue([]))]));
            var subaccount = FieldsType.Record([CandidField.Named("owner", CandidType.Principal), CandidField.Named("subaccount", CandidType.Opt(vec))]);
            seeds.Add(CandidEncoder.Encode([subaccount], [new RecordValue([
                new(CandidIds.FieldId("owner"), new PrincipalValue(Principal.Anonymous)),
                new(CandidIds.FieldId("subaccount"), new OptValue(new VecValue([]))),
            ])]));
            if (leaf.Kind is not (CandidKind.Empty or CandidKind.Reserved))
            {
                var one = CandidGen.Value(leaf).Single();
                seeds.Add(CandidEncoder.Encode([vec], [leaf.Kind == CandidKind.Nat8 ? new BlobValue(new byte[] { 1 }) : new VecValue([one])]));
            }
        }

        foreach (var (types, values) in CandidGen.Type(3).Array[1, 2].SelectMany(types =>
            CandidGen.Sequence(types.Select(CandidGen.Value)).Select(values => (types, values))).Array[200].Single())
        {
            seeds.Add(CandidEncoder.Encode(types, values));
        }

        return seeds;
    }
}
