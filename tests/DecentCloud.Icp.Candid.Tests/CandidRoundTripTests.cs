using CsCheck;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

public sealed class CandidRoundTripTests
{
    [Fact]
    public void Random_values_of_random_types_survive_encode_then_decode() =>
        CandidGen.Type(3).Array[1, 3].SelectMany(types =>
                CandidGen.Sequence(types.Select(CandidGen.Value)).Select(values => (types, values)))
            .Sample(sample =>
            {
                var bytes = CandidEncoder.Encode(sample.types, sample.values);
                var back = CandidDecoder.Decode(bytes, sample.types);
                Assert.Equal(sample.values, back);
            }, iter: 2000);

    [Fact]
    public void Recursive_types_encode_through_their_knots()
    {
        var list = CandidType.Knot("List");
        list.Tie(CandidType.Opt(FieldsType.Record([CandidField.Named("head", CandidType.Nat), CandidField.Named("tail", list)])));
        CandidValue value = new OptValue(null);
        for (var i = 0; i < 50; i++)
        {
            value = new OptValue(new RecordValue([new(CandidIds.FieldId("head"), new NumberValue(CandidKind.Nat, i)), new(CandidIds.FieldId("tail"), value)]));
        }

        var bytes = CandidEncoder.Encode([list], [value]);
        Assert.Equal(value, Assert.Single(CandidDecoder.Decode(bytes, [list])));
    }

    [Fact]
    public void Decoding_at_a_supertype_applies_the_coercions()
    {
        var wire = FieldsType.Record([CandidField.Named("a", CandidType.Nat), CandidField.Named("extra", CandidType.Text)]);
        var bytes = CandidEncoder.Encode([wire], [new RecordValue([new(CandidIds.FieldId("a"), new NumberValue(CandidKind.Nat, 5)), new(CandidIds.FieldId("extra"), new TextValue("x"))])]);
        var expected = FieldsType.Record([CandidField.Named("a", CandidType.Int), CandidField.Named("b", CandidType.Opt(CandidType.Text))]);
        var decoded = (RecordValue)CandidDecoder.Decode(bytes, [expected])[0];
        Assert.Equal(new NumberValue(CandidKind.Int, 5), decoded["a"]);
        Assert.Equal(new OptValue(null), decoded["b"]);
    }

    [Fact]
    public void A_value_that_does_not_have_its_type_is_refused_when_encoding() =>
        Assert.Throws<ArgumentException>(() => CandidEncoder.Encode([CandidType.Nat8], [new NumberValue(CandidKind.Nat8, 256)]));
}
