using CsCheck;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// What <see cref="CandidValue.ToString"/> prints, <see cref="CandidTextFormat.ParseArgs"/> reads back to the same
/// value at the value's type: annotated numbers, float specials, reserved, nesting under opt, escapes.
/// </summary>
public sealed class PrintParseTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { "int32", "(1 : int32)" },
        { "opt nat8", "opt (5 : nat8)" },
        { "reserved", "(null : reserved)" },
        { "float64", "(NaN : float64)" },
        { "float64", "(-inf : float64)" },
        { "float64", "(inf : float64)" },
        { "float64", "(-0 : float64)" },
        { "float32", "(NaN : float32)" },
        { "record { a : int8; b : reserved; c : opt opt float64 }", "record { 97 = (-128 : int8); 98 = (null : reserved); 99 = opt opt (-inf : float64); }" },
        { "vec float32", "vec { (inf : float32); (0.5 : float32); }" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Printed_values_parse_back_to_themselves(string type, string printed)
    {
        var t = CandidTextFormat.ParseType(type);
        var value = Assert.Single(CandidTextFormat.ParseArgs("(" + printed + ")", [t]));
        Assert.Equal(printed, value.ToString());
        Assert.Equal(value, Assert.Single(CandidTextFormat.ParseArgs("(" + value + ")", [t])));
    }

    [Fact]
    public void Annotated_numbers_print_in_parentheses_so_that_opt_binds_to_the_number()
    {
        Assert.Equal("(1 : int32)", new NumberValue(CandidKind.Int32, 1).ToString());
        Assert.Equal("opt (5 : nat8)", new OptValue(new NumberValue(CandidKind.Nat8, 5)).ToString());
        Assert.Equal("(NaN : float64)", new FloatValue(CandidKind.Float64, double.NaN).ToString());
        Assert.Equal("(-inf : float64)", new FloatValue(CandidKind.Float64, double.NegativeInfinity).ToString());
        Assert.Equal("(null : reserved)", CandidValue.Reserved.ToString());
    }

    [Theory]
    [InlineData("(1 : int32)", "int32")]
    [InlineData("(opt 5 : opt nat8)", "opt nat8")]
    [InlineData("(reserved)", "reserved")]
    [InlineData("(NaN : float64)", "float64")]
    [InlineData("(-Infinity : float64)", "float64")]
    public void The_texts_the_old_printer_made_are_read_too(string text, string type) =>
        Assert.Single(CandidTextFormat.ParseArgs("(" + text + ")", [CandidTextFormat.ParseType(type)]));

    [Fact]
    public void Random_values_of_random_types_print_and_parse_back() =>
        CandidTextGen.Type(3).SelectMany(t => CandidTextGen.Value(t).Select(v => (t, v))).Sample(sample =>
        {
            var printed = sample.v.ToString();
            CandidValue back;
            try
            {
                back = Assert.Single(CandidTextFormat.ParseArgs("(" + printed + ")", [sample.t]));
            }
            catch (FormatException ex)
            {
                Assert.Fail($"{printed} at {sample.t} did not parse: {ex.Message}");
                return;
            }

            Assert.Equal(sample.v, back);

            // Records compare NaN with NaN and −0 with +0 as equal; the text tells them apart.
            Assert.Equal(printed, back.ToString());
        }, iter: 3000, print: s => $"{s.t} = {s.v}");
}

/// <summary>Random types of every kind that has a textual value, and values of them with the awkward cases over-represented.</summary>
internal static class CandidTextGen
{
    private static readonly PrimitiveType[] Leaves =
    [
        CandidType.Null, CandidType.Bool, CandidType.Nat, CandidType.Int, CandidType.Nat8, CandidType.Nat16, CandidType.Nat32,
        CandidType.Nat64, CandidType.Int8, CandidType.Int16, CandidType.Int32, CandidType.Int64, CandidType.Float32, CandidType.Float64,
        CandidType.Text, CandidType.Reserved, CandidType.Principal,
    ];

    private static readonly string[] Names = ["a", "owner", "subaccount", "Ok", "Err", "with space", "ünï", "0x", "_1"];

    private static readonly double[] Specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 0.1];

    private static readonly string[] Awkward = ["\"", "\\", "\n\r\t", "\u0000\u001f\u007f", "\u00e9\u20ac", "\U0001F600", "\\u{41}", "'", "a\"b\\c"];

    public static Gen<CandidType> Type(int depth) => depth <= 0
        ? Leaf
        : Gen.Frequency(
            (5, Leaf),
            (2, Type(depth - 1).Select(t => (CandidType)CandidType.Opt(t))),
            (1, Type(depth - 1).Select(t => (CandidType)CandidType.Vec(t))),
            (1, Gen.Const((CandidType)CandidType.Vec(CandidType.Nat8))),
            (2, Fields(depth).Select(f => (CandidType)FieldsType.Record(f))),
            (2, Fields(depth).Where(f => f.Count > 0).Select(f => (CandidType)FieldsType.Variant(f))),
            (1, Gen.Const((CandidType)new FuncType([CandidType.Text], [CandidType.Nat], ["query"]))),
            (1, Gen.Const((CandidType)new ServiceType([]))));

    private static Gen<CandidType> Leaf { get; } = Gen.OneOfConst(Leaves).Select(t => (CandidType)t);

    private static Gen<List<CandidField>> Fields(int depth) =>
        Gen.Int[0, 4].SelectMany(n => Gen.Shuffle(Names).SelectMany(names => Gen.Bool.Array[n].SelectMany(numbered =>
            Type(depth - 1).Array[n].Select(types => types.Select((t, i) => numbered[i]
                ? new CandidField((uint)(i * 1_000_000_007L % uint.MaxValue), null, t)
                : CandidField.Named(names[i], t)).DistinctBy(f => f.Id).ToList()))));

    public static Gen<CandidValue> Value(CandidType type)
    {
        var t = type.Resolve();
        return t switch
        {
            PrimitiveType { Kind: CandidKind.Reserved } => Gen.Const((CandidValue)CandidValue.Reserved),
            PrimitiveType { Kind: CandidKind.Float64 } => Gen.Frequency((1, Gen.OneOfConst(Specials)), (2, Gen.Double)).Select(d => (CandidValue)new FloatValue(CandidKind.Float64, d)),
            PrimitiveType { Kind: CandidKind.Float32 } => Gen.Frequency((1, Gen.OneOfConst(Specials).Select(d => (float)d)), (2, Gen.Float)).Select(f => (CandidValue)new FloatValue(CandidKind.Float32, f)),
            PrimitiveType { Kind: CandidKind.Text } => Gen.Frequency((1, Gen.OneOfConst(Awkward)), (2, Gen.String.Select(NoLoneSurrogates))).Select(s => (CandidValue)new TextValue(s)),
            OptType opt => Gen.Frequency((1, Gen.Const((CandidValue)new OptValue(null))), (3, Value(opt.Inner).Select(v => (CandidValue)new OptValue(v)))),
            VecType vec when vec.Inner.Resolve().Kind != CandidKind.Nat8 => Value(vec.Inner).List[0, 3].Select(items => (CandidValue)new VecValue(items)),
            FieldsType { Kind: CandidKind.Record } record => CandidGen.Sequence(record.Fields.Select(f => Value(f.Type).Select(v => new KeyValuePair<uint, CandidValue>(f.Id, v))))
                .Select(fields => (CandidValue)new RecordValue(fields)),
            FieldsType variant => Gen.Int[0, variant.Fields.Count - 1].SelectMany(i =>
                Value(variant.Fields[i].Type).Select(v => (CandidValue)new VariantValue(variant.Fields[i].Id, v))),
            FuncType => Gen.Select(Gen.Byte.Array[0, 29], Gen.OneOfConst(Awkward.Append("icrc1_transfer").ToArray()))
                .Select((p, m) => (CandidValue)new FuncValue(Principal.FromBytes(p), m)),
            ServiceType => Gen.Byte.Array[0, 29].Select(p => (CandidValue)new ServiceValue(Principal.FromBytes(p))),
            _ => CandidGen.Value(t),
        };
    }

    // Lone surrogates cannot be UTF-8 encoded; they are not Candid text.
    private static string NoLoneSurrogates(string s) => new(s.Where(c => !char.IsSurrogate(c)).ToArray());
}
