using System.Globalization;
using System.Numerics;
using System.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Text;

/// <summary>Parses Candid's textual values at an expected type (so <c>1</c> can be a nat8 or an int, <c>vec {…}</c> a blob).</summary>
internal sealed class CandidValueParser(List<Token> tokens, Dictionary<string, KnotType>? environment = null) : CandidTypeParser(tokens, environment)
{
    private int _depth;

    /// <summary><c>(v1, v2, …)</c> at the argument types; missing trailing optional arguments are filled in.</summary>
    public IReadOnlyList<CandidValue> ParseArgs(IReadOnlyList<CandidType> types)
    {
        Expect("(");
        var values = new List<CandidValue>();
        while (!TryTake(")"))
        {
            if (values.Count >= types.Count)
            {
                throw Error($"more than {types.Count} values");
            }

            values.Add(ParseValue(types[values.Count]));
            if (!IsSymbol(")"))
            {
                Expect(",");
            }
        }

        for (var i = values.Count; i < types.Count; i++)
        {
            values.Add(Default(types[i]) ?? throw Error($"value {i} of type {types[i]} is missing"));
        }

        if (Peek.Kind != TokenKind.End)
        {
            throw Error("text after the values");
        }

        return values;
    }

    public CandidValue ParseValue(CandidType expected)
    {
        if (++_depth > 256)
        {
            throw Error("values nest too deeply");
        }

        try
        {
            if (TryTake("("))
            {
                var inner = ParseValue(expected);
                if (TryTake(":"))
                {
                    var annotated = ParseType();
                    if (!Subtyping.IsSubtype(annotated, expected))
                    {
                        throw Error($"annotation {annotated} does not fit {expected}");
                    }
                }

                Expect(")");
                return inner;
            }

            var t = expected.Resolve();
            return t switch
            {
                PrimitiveType { Kind: CandidKind.Reserved } => Skipped(),
                PrimitiveType p => ParsePrimitive(p.Kind),
                OptType opt => TryTake("null") ? new OptValue(null) : ParseOpt(opt),
                VecType vec => ParseVec(vec),
                FieldsType { Kind: CandidKind.Record } record => ParseRecord(record),
                FieldsType variant => ParseVariant(variant),
                FuncType => ParseFunc(),
                ServiceType => ParseService(),
                _ => throw Error($"no textual value has type {t}"),
            };
        }
        finally
        {
            _depth--;
        }
    }

    private OptValue ParseOpt(OptType opt)
    {
        Expect("opt");
        return new OptValue(ParseValue(opt.Inner));
    }

    private ReservedValue Skipped()
    {
        SkipAnyValue();
        return CandidValue.Reserved;
    }

    private CandidValue ParsePrimitive(CandidKind kind)
    {
        switch (kind)
        {
            case CandidKind.Null:
                Expect("null");
                return CandidValue.Null;
            case CandidKind.Bool:
                return TryTake("true") ? new BoolValue(true) : TryTake("false") ? new BoolValue(false) : throw Error("expected true or false");
            case CandidKind.Text:
                return Peek.Kind == TokenKind.Text ? new TextValue(Utf8(Take())) : throw Error("expected a text literal");
            case CandidKind.Principal:
                Expect("principal");
                return new PrincipalValue(ParsePrincipalText());
            case CandidKind.Float32 or CandidKind.Float64:
                return new FloatValue(kind, ParseFloat(kind));
            case CandidKind.Empty:
                throw Error("no value has type empty");
            default:
                return new NumberValue(kind, ParseInteger(kind));
        }
    }

    private BigInteger ParseInteger(CandidKind kind)
    {
        if (Peek.Kind != TokenKind.Number)
        {
            throw Error("expected a number");
        }

        var text = Take().Value.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        BigInteger value;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            value = BigInteger.Parse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (digits.All(char.IsAsciiDigit) && digits.Length > 0)
        {
            value = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        }
        else
        {
            throw Error($"'{text}' is not an integer");
        }

        value = negative ? -value : value;
        var (min, max) = Range(kind);
        return (min is null || value >= min) && (max is null || value <= max) ? value : throw Error($"{value} is out of range for {kind.ToString().ToLowerInvariant()}");
    }

    private static (BigInteger? Min, BigInteger? Max) Range(CandidKind kind) => kind switch
    {
        CandidKind.Nat => (0, null),
        CandidKind.Int => (null, null),
        CandidKind.Nat8 => (0, byte.MaxValue),
        CandidKind.Nat16 => (0, ushort.MaxValue),
        CandidKind.Nat32 => (0, uint.MaxValue),
        CandidKind.Nat64 => (0, ulong.MaxValue),
        CandidKind.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        CandidKind.Int16 => (short.MinValue, short.MaxValue),
        CandidKind.Int32 => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private double ParseFloat(CandidKind kind)
    {
        if (TryTakeFloatSpecial() is { } special)
        {
            return kind == CandidKind.Float32 ? (float)special : special;
        }

        if (Peek.Kind != TokenKind.Number)
        {
            throw Error("expected a number");
        }

        var text = Take().Value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"'{text}' is not a number");
        }

        return kind == CandidKind.Float32 ? (float)value : value;
    }

    // NaN and the infinities have no number syntax; these words (any case, with an optional sign) are what
    // printers write for them: NaN, inf, -inf, Infinity, -Infinity.
    private double? TryTakeFloatSpecial()
    {
        var signed = Peek.Kind == TokenKind.Symbol && Peek.Value is "-" or "+";
        var word = signed ? PeekAhead(1) : Peek;
        if (word.Kind != TokenKind.Identifier)
        {
            return null;
        }

        double? value = word.Value.ToUpperInvariant() switch
        {
            "NAN" => double.NaN,
            "INF" or "INFINITY" => signed && Peek.Value == "-" ? double.NegativeInfinity : double.PositiveInfinity,
            _ => null,
        };
        if (value is not null)
        {
            Take();
            if (signed)
            {
                Take();
            }
        }

        return value;
    }

    private CandidValue ParseVec(VecType vec)
    {
        var isBlob = vec.Inner.Resolve().Kind == CandidKind.Nat8;
        if (isBlob && TryTake("blob"))
        {
            return Peek.Kind == TokenKind.Text ? new BlobValue(Take().Bytes!) : throw Error("expected a blob literal");
        }

        Expect("vec");
        Expect("{");
        var items = new List<CandidValue>();
        while (!TryTake("}"))
        {
            items.Add(ParseValue(vec.Inner));
            if (!IsSymbol("}"))
            {
                Expect(";");
            }
        }

        return isBlob ? new BlobValue(items.Select(i => (byte)((NumberValue)i).Value).ToArray()) : new VecValue(items);
    }

    private RecordValue ParseRecord(FieldsType record)
    {
        Expect("record");
        Expect("{");
        var given = new Dictionary<uint, CandidValue>();
        uint position = 0;
        while (!TryTake("}"))
        {
            uint id;
            if (NextIsLabel())
            {
                id = TakeLabel().Id;
                Expect("=");
            }
            else
            {
                id = position;
            }

            position = id + 1;
            if (given.ContainsKey(id))
            {
                throw Error($"field {id} appears twice");
            }

            var field = record.Find(id);
            given[id] = field is null ? Skipped() : ParseValue(field.Type);
            if (!IsSymbol("}"))
            {
                Expect(";");
            }
        }

        var fields = record.Fields.Select(f => new KeyValuePair<uint, CandidValue>(f.Id,
            given.TryGetValue(f.Id, out var v) ? v : Default(f.Type) ?? throw Error($"record field {f.Id} is missing"))).ToList();
        return new RecordValue(fields);
    }

    private VariantValue ParseVariant(FieldsType variant)
    {
        Expect("variant");
        Expect("{");
        var (id, _) = TakeLabel();
        var field = variant.Find(id) ?? throw Error($"variant tag {id} is not in {variant}");
        var value = TryTake("=") ? ParseValue(field.Type) : Default(field.Type) ?? throw Error($"variant tag {id} needs a value");
        TryTake(";");
        Expect("}");
        return new VariantValue(id, value);
    }

    private FuncValue ParseFunc()
    {
        Expect("func");
        var service = ParsePrincipalText();
        Expect(".");
        return new FuncValue(service, TakeName());
    }

    private ServiceValue ParseService()
    {
        Expect("service");
        return new ServiceValue(ParsePrincipalText());
    }

    private Principal ParsePrincipalText() =>
        Peek.Kind == TokenKind.Text && Principal.TryParse(Utf8(Take()), out var principal) ? principal : throw Error("expected a principal in text form");

    private bool NextIsLabel() =>
        Peek.Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.Text && PeekAhead(1) is { Kind: TokenKind.Symbol, Value: "=" };

    private static CandidValue? Default(CandidType type) => type.Resolve().Kind switch
    {
        CandidKind.Null => CandidValue.Null,
        CandidKind.Opt => new OptValue(null),
        CandidKind.Reserved => CandidValue.Reserved,
        _ => null,
    };

    // Reads any syntactically valid value without a type (for reserved and ignored record fields).
    private void SkipAnyValue()
    {
        if (Peek.Kind is TokenKind.Number or TokenKind.Text)
        {
            Take();
            return;
        }

        if (TryTakeFloatSpecial() is not null)
        {
            return;
        }

        if (IsSymbol("("))
        {
            Take();
            SkipAnyValue();
            if (TryTake(":"))
            {
                ParseType();
            }

            Expect(")");
            return;
        }

        var word = Take();
        switch (word.Value)
        {
            case "null" or "true" or "false" or "reserved":
                return;
            case "opt":
                SkipAnyValue();
                return;
            case "principal" or "service" or "blob":
                Take();
                return;
            case "func":
                Take();
                Expect(".");
                TakeName();
                return;
            case "vec" or "record" or "variant":
                Expect("{");
                while (!TryTake("}"))
                {
                    if (NextIsLabel())
                    {
                        TakeLabel();
                        Expect("=");
                    }

                    SkipAnyValue();
                    if (!IsSymbol("}"))
                    {
                        Expect(";");
                    }
                }

                return;
            default:
                throw Error("expected a value");
        }
    }
}
