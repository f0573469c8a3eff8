using System.Numerics;
using CsCheck;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>Random Candid types (nested records, variants, opt, vec, blobs, big numbers, principals) and values of them.</summary>
internal static class CandidGen
{
    private static readonly string[] Names = ["to", "amount", "fee", "memo", "created_at_time", "from_subaccount", "a", "b", "owner", "subaccount", "Ok", "Err"];

    private static readonly PrimitiveType[] Leaves =
    [
        CandidType.Null, CandidType.Bool, CandidType.Nat, CandidType.Int, CandidType.Nat8, CandidType.Nat16, CandidType.Nat32,
        CandidType.Nat64, CandidType.Int8, CandidType.Int16, CandidType.Int32, CandidType.Int64, CandidType.Float64, CandidType.Text,
        CandidType.Principal,
    ];

    public static Gen<CandidType> Type(int depth) => depth <= 0
        ? Gen.OneOfConst(Leaves).Select(t => (CandidType)t)
        : Gen.Frequency(
            (4, Gen.OneOfConst(Leaves).Select(t => (CandidType)t)),
            (1, Type(depth - 1).Select(t => (CandidType)CandidType.Opt(t))),
            (1, Type(depth - 1).Select(t => (CandidType)CandidType.Vec(t))),
            (1, Gen.Const((CandidType)CandidType.Vec(CandidType.Nat8))),
            (2, Fields(depth).Select(f => (CandidType)FieldsType.Record(f))),
            (2, Fields(depth).Where(f => f.Count > 0).Select(f => (CandidType)FieldsType.Variant(f))));

    private static Gen<List<CandidField>> Fields(int depth) =>
        Gen.Int[0, 5].SelectMany(n => Gen.Shuffle(Names).SelectMany(names =>
            Type(depth - 1).Array[n].Select(types => types.Select((t, i) => CandidField.Named(names[i], t)).ToList())));

    public static Gen<CandidValue> Value(CandidType type)
    {
        var t = type.Resolve();
        return t switch
        {
            PrimitiveType p => Primitive(p.Kind),
            OptType opt => Gen.Frequency((1, Gen.Const((CandidValue)new OptValue(null))), (3, Value(opt.Inner).Select(v => (CandidValue)new OptValue(v)))),
            VecType vec when vec.Inner.Resolve().Kind == CandidKind.Nat8 => Gen.Byte.Array[0, 40].Select(b => (CandidValue)new BlobValue(b)),
            VecType vec => Value(vec.Inner).List[0, 4].Select(items => (CandidValue)new VecValue(items)),
            FieldsType { Kind: CandidKind.Record } record => Record(record),
            FieldsType variant => Gen.Int[0, variant.Fields.Count - 1].SelectMany(i =>
                Value(variant.Fields[i].Type).Select(v => (CandidValue)new VariantValue(variant.Fields[i].Id, v))),
            _ => throw new InvalidOperationException(t.ToString()),
        };
    }

    private static Gen<CandidValue> Record(FieldsType record)
    {
        Gen<List<KeyValuePair<uint, CandidValue>>> fields = Gen.Const(new List<KeyValuePair<uint, CandidValue>>());
        foreach (var field in record.Fields)
        {
            fields = fields.SelectMany(list => Value(field.Type).Select(v => new List<KeyValuePair<uint, CandidValue>>(list) { new(field.Id, v) }));
        }

        return fields.Select(list => (CandidValue)new RecordValue(list));
    }

    private static Gen<CandidValue> Primitive(CandidKind kind) => kind switch
    {
        CandidKind.Null => Gen.Const((CandidValue)CandidValue.Null),
        CandidKind.Bool => Gen.Bool.Select(b => (CandidValue)new BoolValue(b)),
        CandidKind.Nat => BigNat.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Int => Gen.Bool.SelectMany(neg => BigNat.Select(n => (CandidValue)new NumberValue(kind, neg ? -n : n))),
        CandidKind.Nat8 => Gen.Byte.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Nat16 => Gen.UShort.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Nat32 => Gen.UInt.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Nat64 => Gen.ULong.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Int8 => Gen.SByte.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Int16 => Gen.Short.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Int32 => Gen.Int.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Int64 => Gen.Long.Select(n => (CandidValue)new NumberValue(kind, n)),
        CandidKind.Float64 => Gen.Double.Select(d => (CandidValue)new FloatValue(kind, d)),
        CandidKind.Text => Gen.String.Select(s => (CandidValue)new TextValue(ValidUtf16(s))),
        CandidKind.Principal => Gen.Byte.Array[0, 29].Select(b => (CandidValue)new PrincipalValue(Principal.FromBytes(b))),
        _ => throw new InvalidOperationException(kind.ToString()),
    };

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens)
    {
        var result = Gen.Const(new List<T>());
        foreach (var gen in gens)
        {
            result = result.SelectMany(list => gen.Select(v => new List<T>(list) { v }));
        }

        return result;
    }

    public static Gen<BigInteger> BigNat { get; } = Gen.Frequency(
        (3, Gen.ULong.Select(u => (BigInteger)u)),
        (1, Gen.Byte.Array[9, 40].Select(b => new BigInteger(b, isUnsigned: true))));

    // Lone surrogates cannot be UTF-8 encoded; they are not Candid text.
    private static string ValidUtf16(string s) => new(s.Where((c, i) => !char.IsSurrogate(c)).ToArray());
}
