using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// Differential tests against DFINITY's own JavaScript libraries (tests/node/candid-oracle.mjs):
/// random values of random types encoded here decode in @dfinity/candid to equal values, values encoded
/// there decode here to equal values, ICRC-1 types both ways, and principal text of random bytes.
/// </summary>
public sealed class DfinityOracleTests
{
    private const string Icrc = """
        type Account = record { owner : principal; subaccount : opt blob };
        type TransferArg = record { from_subaccount : opt blob; to : Account; amount : nat; fee : opt nat; memo : opt blob; created_at_time : opt nat64 };
        type TransferError = variant {
          BadFee : record { expected_fee : nat };
          BadBurn : record { min_burn_amount : nat };
          InsufficientFunds : record { balance : nat };
          TooOld;
          CreatedInFuture : record { ledger_time : nat64 };
          Duplicate : record { duplicate_of : nat };
          TemporarilyUnavailable;
          GenericError : record { error_code : nat; message : text };
        };
        """;

    [Fact]
    public async Task Values_cross_between_this_codec_and_dfinity_candid_in_both_directions()
    {
        var icrc = CandidTextFormat.ParseDid(Icrc).Definitions;
        var icrcTypes = new[] { icrc["Account"], icrc["TransferArg"], icrc["TransferError"] };
        var random = CandidGen.Type(3).Array[1, 3].SelectMany(types => CandidGen.Sequence(types.Select(CandidGen.Value)).Select(values => (Types: types, Values: values)));
        var icrcCases = Gen.OneOfConst(icrcTypes).SelectMany(t => CandidGen.Value(t).Select(v => (Types: new[] { t }, Values: new List<CandidValue> { v })));
        var cases = random.Array[1000].Single().Concat(icrcCases.Array[200].Single()).ToList();
        var principals = Gen.Byte.Array[0, 29].Array[200].Single();

        var request = new JsonObject
        {
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = new JsonArray(c.Types.Select(TypeJson).ToArray()),
                ["hex"] = Convert.ToHexStringLower(CandidEncoder.Encode(c.Types, c.Values)),
                ["value"] = new JsonArray(c.Types.Select((t, i) => Canonical(t, c.Values[i])).ToArray()),
            }).ToArray()),
            ["principals"] = new JsonArray(principals.Select(p => (JsonNode)Convert.ToHexStringLower(p)).ToArray()),
        };
        var reply = await NodeOracle.RunAsync("candid-oracle.mjs", request);

        var answers = reply["cases"]!.AsArray();
        for (var i = 0; i < cases.Count; i++)
        {
            var (types, values) = cases[i];
            var ours = request["cases"]![i]!["value"]!;
            var what = $"case {i}: ({string.Join(", ", types.Select(t => t.ToString()))})";
            Assert.True(JsonNode.DeepEquals(ours, answers[i]!["decoded"]), $"{what}: JS read {answers[i]!["decoded"]?.ToJsonString()}, we wrote {ours.ToJsonString()}");
            var theirs = answers[i]!["hex"]!.GetValue<string>();
            var back = CandidDecoder.Decode(Convert.FromHexString(theirs), types);
            Assert.True(values.SequenceEqual(back), $"{what}: JS wrote {theirs}, we read ({string.Join(", ", back)}), expected ({string.Join(", ", values)})");
        }

        var texts = reply["principals"]!.AsArray();
        for (var i = 0; i < principals.Length; i++)
        {
            Assert.Equal(texts[i]!.GetValue<string>(), Principal.FromBytes(principals[i]).ToText());
        }
    }

    private static JsonNode TypeJson(CandidType type)
    {
        var t = type.Resolve();
        return t switch
        {
            OptType opt => new JsonObject { ["k"] = "opt", ["t"] = TypeJson(opt.Inner) },
            VecType vec => new JsonObject { ["k"] = "vec", ["t"] = TypeJson(vec.Inner) },
            FieldsType fields => new JsonObject
            {
                ["k"] = fields.Kind == CandidKind.Record ? "record" : "variant",
                ["f"] = new JsonArray(fields.Fields.Select(f => (JsonNode)new JsonArray(f.Name!, TypeJson(f.Type))).ToArray()),
            },
            _ => new JsonObject { ["k"] = t.Kind.ToString().ToLowerInvariant() },
        };
    }

    private static JsonNode? Canonical(CandidType type, CandidValue value)
    {
        var t = type.Resolve();
        return (t, value) switch
        {
            (_, NullValue) when t.Kind == CandidKind.Null => null,
            (_, BoolValue b) => b.Value,
            (_, NumberValue n) => n.Value.ToString(CultureInfo.InvariantCulture),
            (_, FloatValue f) => double.IsNaN(f.Value) ? "NaN" : Convert.ToHexStringLower(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(f.Value))).Reverse().ToArray()),
            (_, TextValue s) => s.Value,
            (_, PrincipalValue p) => p.Value.ToText(),
            (_, BlobValue blob) => Convert.ToHexStringLower(blob.Bytes.Span),
            (OptType opt, OptValue o) => o.Inner is null ? new JsonArray() : new JsonArray(Canonical(opt.Inner, o.Inner)),
            (VecType vec, VecValue v) => new JsonArray(v.Items.Select(item => Canonical(vec.Inner, item)).ToArray()),
            (FieldsType record, RecordValue r) => new JsonObject(record.Fields.Select(f => KeyValuePair.Create(f.Name!, Canonical(f.Type, r[f.Id]!)))),
            (FieldsType variant, VariantValue v) => new JsonObject { [variant.Find(v.Id)!.Name!] = Canonical(variant.Find(v.Id)!.Type, v.Value) },
            _ => throw new InvalidOperationException($"{value} at {t}"),
        };
    }
}
