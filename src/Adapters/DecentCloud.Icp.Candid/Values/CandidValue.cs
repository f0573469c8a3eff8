using System.Globalization;
using System.Numerics;
using System.Text;
using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Candid.Values;

/// <summary>A Candid value. Values compare structurally; <see cref="ToString"/> gives Candid's textual form.</summary>
public abstract record CandidValue
{
    /// <summary><c>null</c>.</summary>
    public static NullValue Null { get; } = new();

    /// <summary>A <c>reserved</c> value (carries nothing).</summary>
    public static ReservedValue Reserved { get; } = new();

    /// <inheritdoc />
    public sealed override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }

    internal abstract void Write(StringBuilder text);
}

/// <summary><c>null</c>.</summary>
public sealed record NullValue : CandidValue
{
    internal override void Write(StringBuilder text) => text.Append("null");
}

/// <summary>A <c>reserved</c> value.</summary>
public sealed record ReservedValue : CandidValue
{
    // Candid's text has no reserved literal: any value may stand for one, and the annotation keeps the type.
    internal override void Write(StringBuilder text) => text.Append("(null : reserved)");
}

/// <summary>A <c>bool</c>.</summary>
public sealed record BoolValue(bool Value) : CandidValue
{
    internal override void Write(StringBuilder text) => text.Append(Value ? "true" : "false");
}

/// <summary>Any integer: <c>nat</c>, <c>int</c> and the fixed-width ones; <see cref="Kind"/> says which.</summary>
public sealed record NumberValue(CandidKind Kind, BigInteger Value) : CandidValue
{
    // The annotation is parenthesised so that it binds to the number alone: `opt (5 : nat8)`, not `(opt 5) : nat8`.
    internal override void Write(StringBuilder text)
    {
        if (Kind is CandidKind.Nat or CandidKind.Int)
        {
            text.Append(Value.ToString(CultureInfo.InvariantCulture));
            return;
        }

        text.Append('(').Append(Value.ToString(CultureInfo.InvariantCulture)).Append(" : ").Append(Kind.ToString().ToLowerInvariant()).Append(')');
    }
}

/// <summary>A <c>float32</c> or <c>float64</c> (float32 values are held exactly in a double).</summary>
public sealed record FloatValue(CandidKind Kind, double Value) : CandidValue
{
    // NaN and the infinities are written as Rust's candid prints them (NaN, inf, -inf); −0 keeps its sign.
    internal override void Write(StringBuilder text) =>
        text.Append('(').Append(Literal(Value)).Append(" : ").Append(Kind.ToString().ToLowerInvariant()).Append(')');

    private static string Literal(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}

/// <summary>A <c>text</c>.</summary>
public sealed record TextValue(string Value) : CandidValue
{
    internal override void Write(StringBuilder text) => CandidText.Quote(text, Value);
}

/// <summary>A <c>principal</c>.</summary>
public sealed record PrincipalValue(Principal Value) : CandidValue
{
    internal override void Write(StringBuilder text) => text.Append("principal \"").Append(Value.ToText()).Append('"');
}

/// <summary><c>opt v</c>, or <c>null</c> as the absent option when <see cref="Inner"/> is <c>null</c>.</summary>
public sealed record OptValue(CandidValue? Inner) : CandidValue
{
    internal override void Write(StringBuilder text)
    {
        if (Inner is null)
        {
            text.Append("null");
            return;
        }

        text.Append("opt ");
        Inner.Write(text);
    }
}

/// <summary>A <c>vec t</c> of any element type except <c>nat8</c> (see <see cref="BlobValue"/>).</summary>
public sealed record VecValue(IReadOnlyList<CandidValue> Items) : CandidValue
{
    /// <inheritdoc />
    public bool Equals(VecValue? other) => other is not null && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override int GetHashCode() => Items.Count;

    internal override void Write(StringBuilder text)
    {
        text.Append("vec {");
        foreach (var item in Items)
        {
            text.Append(' ');
            item.Write(text);
            text.Append(';');
        }

        text.Append(Items.Count == 0 ? "}" : " }");
    }
}

/// <summary>A <c>vec nat8</c> (blob).</summary>
public sealed record BlobValue(ReadOnlyMemory<byte> Bytes) : CandidValue
{
    /// <inheritdoc />
    public bool Equals(BlobValue? other) => other is not null && Bytes.Span.SequenceEqual(other.Bytes.Span);

    /// <inheritdoc />
    public override int GetHashCode() => Bytes.Length;

    internal override void Write(StringBuilder text)
    {
        text.Append("blob \"");
        foreach (var b in Bytes.Span)
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        text.Append('"');
    }
}

/// <summary>A record: field id → value, by increasing id.</summary>
public sealed record RecordValue(IReadOnlyList<KeyValuePair<uint, CandidValue>> Fields) : CandidValue
{
    /// <summary>The value of field <paramref name="id"/>, or <c>null</c>.</summary>
    public CandidValue? this[uint id] => Fields.FirstOrDefault(f => f.Key == id).Value;

    /// <summary>The value of a named field, or <c>null</c>.</summary>
    public CandidValue? this[string name] => this[CandidIds.FieldId(name)];

    /// <inheritdoc />
    public bool Equals(RecordValue? other) => other is not null && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc />
    public override int GetHashCode() => Fields.Count;

    internal override void Write(StringBuilder text)
    {
        text.Append("record {");
        foreach (var (id, value) in Fields)
        {
            text.Append(' ').Append(id.ToString(CultureInfo.InvariantCulture)).Append(" = ");
            value.Write(text);
            text.Append(';');
        }

        text.Append(Fields.Count == 0 ? "}" : " }");
    }
}

/// <summary>A variant: the chosen field's id and value.</summary>
public sealed record VariantValue(uint Id, CandidValue Value) : CandidValue
{
    internal override void Write(StringBuilder text)
    {
        text.Append("variant { ").Append(Id.ToString(CultureInfo.InvariantCulture)).Append(" = ");
        Value.Write(text);
        text.Append(" }");
    }
}

/// <summary>A function reference: a service and a method name.</summary>
public sealed record FuncValue(Principal Service, string Method) : CandidValue
{
    internal override void Write(StringBuilder text)
    {
        text.Append("func \"").Append(Service.ToText()).Append("\".");
        CandidText.Quote(text, Method);
    }
}

/// <summary>A service reference.</summary>
public sealed record ServiceValue(Principal Service) : CandidValue
{
    internal override void Write(StringBuilder text) => text.Append("service \"").Append(Service.ToText()).Append('"');
}

/// <summary>Candid's text escapes.</summary>
internal static class CandidText
{
    public static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u{").Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
