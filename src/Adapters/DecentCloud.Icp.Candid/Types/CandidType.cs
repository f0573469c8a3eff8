using System.Text;

namespace DecentCloud.Icp.Candid.Types;

/// <summary>The kinds of Candid types, with their binary opcodes where they have one.</summary>
public enum CandidKind
{
    /// <summary><c>null</c> (−1).</summary>
    Null = -1,
    /// <summary><c>bool</c> (−2).</summary>
    Bool = -2,
    /// <summary><c>nat</c> (−3).</summary>
    Nat = -3,
    /// <summary><c>int</c> (−4).</summary>
    Int = -4,
    /// <summary><c>nat8</c> (−5).</summary>
    Nat8 = -5,
    /// <summary><c>nat16</c> (−6).</summary>
    Nat16 = -6,
    /// <summary><c>nat32</c> (−7).</summary>
    Nat32 = -7,
    /// <summary><c>nat64</c> (−8).</summary>
    Nat64 = -8,
    /// <summary><c>int8</c> (−9).</summary>
    Int8 = -9,
    /// <summary><c>int16</c> (−10).</summary>
    Int16 = -10,
    /// <summary><c>int32</c> (−11).</summary>
    Int32 = -11,
    /// <summary><c>int64</c> (−12).</summary>
    Int64 = -12,
    /// <summary><c>float32</c> (−13).</summary>
    Float32 = -13,
    /// <summary><c>float64</c> (−14).</summary>
    Float64 = -14,
    /// <summary><c>text</c> (−15).</summary>
    Text = -15,
    /// <summary><c>reserved</c> (−16).</summary>
    Reserved = -16,
    /// <summary><c>empty</c> (−17).</summary>
    Empty = -17,
    /// <summary><c>principal</c> (−24).</summary>
    Principal = -24,
    /// <summary><c>opt t</c> (−18).</summary>
    Opt = -18,
    /// <summary><c>vec t</c> (−19).</summary>
    Vec = -19,
    /// <summary><c>record {…}</c> (−20).</summary>
    Record = -20,
    /// <summary><c>variant {…}</c> (−21).</summary>
    Variant = -21,
    /// <summary><c>func …</c> (−22).</summary>
    Func = -22,
    /// <summary><c>service {…}</c> (−23).</summary>
    Service = -23,
    /// <summary>A type of a later Candid version (opcode below −24), known only by its length; its values can only be skipped.</summary>
    Future = -100,
}

/// <summary>
/// A Candid type. Recursive types are built with <see cref="CandidType.Knot"/> nodes that point at
/// their definition; every algorithm looks through them with <see cref="Resolve"/>.
/// </summary>
public abstract class CandidType
{
    /// <summary>The type's kind (a knot reports its target's).</summary>
    public abstract CandidKind Kind { get; }

    /// <summary>The type itself, or the definition a knot points at.</summary>
    public virtual CandidType Resolve() => this;

    /// <summary><c>null</c>.</summary>
    public static PrimitiveType Null { get; } = new(CandidKind.Null);

    /// <summary><c>bool</c>.</summary>
    public static PrimitiveType Bool { get; } = new(CandidKind.Bool);

    /// <summary><c>nat</c>.</summary>
    public static PrimitiveType Nat { get; } = new(CandidKind.Nat);

    /// <summary><c>int</c>.</summary>
    public static PrimitiveType Int { get; } = new(CandidKind.Int);

    /// <summary><c>nat8</c>.</summary>
    public static PrimitiveType Nat8 { get; } = new(CandidKind.Nat8);

    /// <summary><c>nat16</c>.</summary>
    public static PrimitiveType Nat16 { get; } = new(CandidKind.Nat16);

    /// <summary><c>nat32</c>.</summary>
    public static PrimitiveType Nat32 { get; } = new(CandidKind.Nat32);

    /// <summary><c>nat64</c>.</summary>
    public static PrimitiveType Nat64 { get; } = new(CandidKind.Nat64);

    /// <summary><c>int8</c>.</summary>
    public static PrimitiveType Int8 { get; } = new(CandidKind.Int8);

    /// <summary><c>int16</c>.</summary>
    public static PrimitiveType Int16 { get; } = new(CandidKind.Int16);

    /// <summary><c>int32</c>.</summary>
    public static PrimitiveType Int32 { get; } = new(CandidKind.Int32);

    /// <summary><c>int64</c>.</summary>
    public static PrimitiveType Int64 { get; } = new(CandidKind.Int64);

    /// <summary><c>float32</c>.</summary>
    public static PrimitiveType Float32 { get; } = new(CandidKind.Float32);

    /// <summary><c>float64</c>.</summary>
    public static PrimitiveType Float64 { get; } = new(CandidKind.Float64);

    /// <summary><c>text</c>.</summary>
    public static PrimitiveType Text { get; } = new(CandidKind.Text);

    /// <summary><c>reserved</c>.</summary>
    public static PrimitiveType Reserved { get; } = new(CandidKind.Reserved);

    /// <summary><c>empty</c>.</summary>
    public static PrimitiveType Empty { get; } = new(CandidKind.Empty);

    /// <summary><c>principal</c>.</summary>
    public static PrimitiveType Principal { get; } = new(CandidKind.Principal);

    /// <summary>The primitive type of an opcode, or <c>null</c>.</summary>
    public static PrimitiveType? Primitive(long opcode) => opcode switch
    {
        -1 => Null, -2 => Bool, -3 => Nat, -4 => Int, -5 => Nat8, -6 => Nat16, -7 => Nat32, -8 => Nat64,
        -9 => Int8, -10 => Int16, -11 => Int32, -12 => Int64, -13 => Float32, -14 => Float64,
        -15 => Text, -16 => Reserved, -17 => Empty, -24 => Principal, _ => null,
    };

    /// <summary><c>opt t</c>.</summary>
    public static OptType Opt(CandidType inner) => new(inner);

    /// <summary><c>vec t</c>.</summary>
    public static VecType Vec(CandidType inner) => new(inner);

    /// <summary>A placeholder for a recursive reference, tied later with <see cref="KnotType.Tie"/>.</summary>
    public static KnotType Knot(string name) => new(name);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text, new HashSet<CandidType>(ReferenceEqualityComparer.Instance));
        return text.ToString();
    }

    internal abstract void Write(StringBuilder text, HashSet<CandidType> open);
}

/// <summary>A primitive type.</summary>
public sealed class PrimitiveType : CandidType
{
    internal PrimitiveType(CandidKind kind) => Kind = kind;

    /// <inheritdoc />
    public override CandidKind Kind { get; }

    internal override void Write(StringBuilder text, HashSet<CandidType> open) => text.Append(Kind.ToString().ToLowerInvariant());
}

/// <summary><c>opt t</c>.</summary>
public sealed class OptType(CandidType inner) : CandidType
{
    /// <summary>The optional type.</summary>
    public CandidType Inner { get; } = inner;

    /// <inheritdoc />
    public override CandidKind Kind => CandidKind.Opt;

    internal override void Write(StringBuilder text, HashSet<CandidType> open)
    {
        text.Append("opt ");
        Inner.Write(text, open);
    }
}

/// <summary><c>vec t</c>.</summary>
public sealed class VecType(CandidType inner) : CandidType
{
    /// <summary>The element type.</summary>
    public CandidType Inner { get; } = inner;

    /// <inheritdoc />
    public override CandidKind Kind => CandidKind.Vec;

    internal override void Write(StringBuilder text, HashSet<CandidType> open)
    {
        text.Append("vec ");
        Inner.Write(text, open);
    }
}

/// <summary>A record or variant field: its id (the hash of its name, or its number), its name if known, its type.</summary>
public sealed record CandidField(uint Id, string? Name, CandidType Type)
{
    /// <summary>A named field; the id is the name's hash.</summary>
    public static CandidField Named(string name, CandidType type) => new(CandidIds.FieldId(name), name, type);
}

/// <summary><c>record {…}</c> or <c>variant {…}</c>: fields sorted by id, ids unique.</summary>
public sealed class FieldsType : CandidType
{
    internal FieldsType(CandidKind kind, IReadOnlyList<CandidField> fields)
    {
        Kind = kind;
        Fields = fields;
    }

    /// <inheritdoc />
    public override CandidKind Kind { get; }

    /// <summary>The fields, by increasing id.</summary>
    public IReadOnlyList<CandidField> Fields { get; }

    /// <summary>A record; throws <see cref="ArgumentException"/> for duplicate ids.</summary>
    public static FieldsType Record(IEnumerable<CandidField> fields) => new(CandidKind.Record, Sorted(fields));

    /// <summary>A variant; throws <see cref="ArgumentException"/> for duplicate ids.</summary>
    public static FieldsType Variant(IEnumerable<CandidField> fields) => new(CandidKind.Variant, Sorted(fields));

    /// <summary>A tuple: a record with fields 0, 1, 2, ….</summary>
    public static FieldsType Tuple(params CandidType[] items) => Record(items.Select((t, i) => new CandidField((uint)i, null, t)));

    /// <summary>The field with that id, or <c>null</c>.</summary>
    public CandidField? Find(uint id)
    {
        int lo = 0, hi = Fields.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var candidate = Fields[mid].Id;
            if (candidate == id)
            {
                return Fields[mid];
            }

            if (candidate < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    private static List<CandidField> Sorted(IEnumerable<CandidField> fields)
    {
        var list = fields.OrderBy(f => f.Id).ToList();
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Id == list[i - 1].Id)
            {
                throw new ArgumentException($"field id {list[i].Id} appears twice", nameof(fields));
            }
        }

        return list;
    }

    internal override void Write(StringBuilder text, HashSet<CandidType> open)
    {
        text.Append(Kind == CandidKind.Record ? "record {" : "variant {");
        for (var i = 0; i < Fields.Count; i++)
        {
            text.Append(i == 0 ? " " : "; ");
            text.Append(Fields[i].Name is { } name ? Quote(name) : Fields[i].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" : ");
            Fields[i].Type.Write(text, open);
        }

        text.Append(Fields.Count == 0 ? "}" : " }");
    }

    private static string Quote(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : "\"" + name + "\"";
}

/// <summary><c>func (args) -> (results) modes</c>.</summary>
public sealed class FuncType(IReadOnlyList<CandidType> args, IReadOnlyList<CandidType> results, IReadOnlyList<string> modes) : CandidType
{
    /// <summary>Argument types.</summary>
    public IReadOnlyList<CandidType> Args { get; } = args;

    /// <summary>Result types.</summary>
    public IReadOnlyList<CandidType> Results { get; } = results;

    /// <summary>Annotations: <c>query</c>, <c>oneway</c>, <c>composite_query</c>.</summary>
    public IReadOnlyList<string> Modes { get; } = modes;

    /// <inheritdoc />
    public override CandidKind Kind => CandidKind.Func;

    internal override void Write(StringBuilder text, HashSet<CandidType> open)
    {
        text.Append("func ");
        WriteTuple(text, Args, open);
        text.Append(" -> ");
        WriteTuple(text, Results, open);
        foreach (var mode in Modes)
        {
            text.Append(' ').Append(mode);
        }
    }

    internal static void WriteTuple(StringBuilder text, IReadOnlyList<CandidType> types, HashSet<CandidType> open)
    {
        text.Append('(');
        for (var i = 0; i < types.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            types[i].Write(text, open);
        }

        text.Append(')');
    }
}

/// <summary><c>service {…}</c>: methods sorted by name.</summary>
public sealed class ServiceType(IReadOnlyList<KeyValuePair<string, CandidType>> methods) : CandidType
{
    /// <summary>The methods, by name (ordinal order).</summary>
    public IReadOnlyList<KeyValuePair<string, CandidType>> Methods { get; } = methods.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public override CandidKind Kind => CandidKind.Service;

    internal override void Write(StringBuilder text, HashSet<CandidType> open)
    {
        text.Append("service {");
        foreach (var (name, type) in Methods)
        {
            text.Append(' ').Append('"').Append(name).Append("\" : ");
            type.Write(text, open);
            text.Append(';');
        }

        text.Append(" }");
    }
}

/// <summary>A named reference to a (possibly recursive) definition.</summary>
public sealed class KnotType : CandidType
{
    internal KnotType(string name) => Name = name;

    /// <summary>The definition's name.</summary>
    public string Name { get; }

    /// <summary>What it points at, once tied.</summary>
    public CandidType? Target { get; private set; }

    /// <inheritdoc />
    public override CandidKind Kind => Resolve().Kind;

    /// <summary>Points the knot at its definition.</summary>
    public void Tie(CandidType target) => Target = target;

    /// <summary>
    /// Follows knots to a non-knot type. A cycle of knots only (<c>type A = A</c>) has no meaning and
    /// resolves to <c>empty</c>.
    /// </summary>
    public override CandidType Resolve()
    {
        CandidType current = this;
        for (var hops = 0; hops < 1024; hops++)
        {
            if (current is not KnotType knot)
            {
                return current;
            }

            current = knot.Target ?? throw new InvalidOperationException($"type {knot.Name} is used before it is defined");
        }

        return Empty;
    }

    internal override void Write(StringBuilder text, HashSet<CandidType> open) => text.Append(Name);
}

/// <summary>A wire type from a later Candid version, kept only so its values can be skipped.</summary>
public sealed class FutureType(int opcode) : CandidType
{
    /// <summary>The opcode it had on the wire.</summary>
    public int Opcode { get; } = opcode;

    /// <inheritdoc />
    public override CandidKind Kind => CandidKind.Future;

    internal override void Write(StringBuilder text, HashSet<CandidType> open) =>
        text.Append("future(").Append(Opcode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
}
