using System.Globalization;
using System.Text;
using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Candid.Text;

/// <summary>
/// Parses Candid's type grammar (<c>type X = …;</c> definitions, data types, function and service types,
/// argument tuples) over a token list. Named types resolve through an environment of knots, so
/// definitions may be recursive and used before they appear.
/// </summary>
internal class CandidTypeParser
{
    private static readonly Dictionary<string, PrimitiveType> Primitives = new(StringComparer.Ordinal)
    {
        ["null"] = CandidType.Null, ["bool"] = CandidType.Bool, ["nat"] = CandidType.Nat, ["int"] = CandidType.Int,
        ["nat8"] = CandidType.Nat8, ["nat16"] = CandidType.Nat16, ["nat32"] = CandidType.Nat32, ["nat64"] = CandidType.Nat64,
        ["int8"] = CandidType.Int8, ["int16"] = CandidType.Int16, ["int32"] = CandidType.Int32, ["int64"] = CandidType.Int64,
        ["float32"] = CandidType.Float32, ["float64"] = CandidType.Float64, ["text"] = CandidType.Text,
        ["reserved"] = CandidType.Reserved, ["empty"] = CandidType.Empty, ["principal"] = CandidType.Principal,
    };

    private readonly List<Token> _tokens;
    private int _next;

    public CandidTypeParser(List<Token> tokens, Dictionary<string, KnotType>? environment = null)
    {
        _tokens = tokens;
        Environment = environment ?? new Dictionary<string, KnotType>(StringComparer.Ordinal);
    }

    public Dictionary<string, KnotType> Environment { get; }

    protected Token Peek => _tokens[_next];

    protected Token Take() => _tokens[_next++];

    protected Token PeekAhead(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];

    protected bool IsSymbol(string symbol) => Peek.Kind == TokenKind.Symbol && Peek.Value == symbol;

    protected bool IsWord(string word) => Peek.Kind == TokenKind.Identifier && Peek.Value == word;

    protected bool TryTake(string symbolOrWord)
    {
        if (IsSymbol(symbolOrWord) || IsWord(symbolOrWord))
        {
            _next++;
            return true;
        }

        return false;
    }

    protected void Expect(string symbolOrWord)
    {
        if (!TryTake(symbolOrWord))
        {
            throw Error($"expected '{symbolOrWord}'");
        }
    }

    protected FormatException Error(string message) =>
        new($"{message} at offset {Peek.Offset} (found '{(Peek.Kind == TokenKind.Text ? "\"…\"" : Peek.Value)}')");

    /// <summary><c>type Name = datatype;</c> — the name becomes usable everywhere, before and after.</summary>
    public void ParseDefinition()
    {
        Expect("type");
        var name = TakeName();
        Expect("=");
        var knot = Knot(name);
        if (knot.Target is not null)
        {
            throw Error($"type {name} is defined twice");
        }

        knot.Tie(ParseType());
    }

    /// <summary>Checks every named type used was defined.</summary>
    public void CheckDefined()
    {
        foreach (var (name, knot) in Environment)
        {
            if (knot.Target is null)
            {
                throw new FormatException($"type {name} is used but not defined");
            }
        }
    }

    public CandidType ParseType()
    {
        var token = Take();
        if (token.Kind != TokenKind.Identifier)
        {
            _next--;
            throw Error("expected a type");
        }

        switch (token.Value)
        {
            case "opt":
                return CandidType.Opt(ParseType());
            case "vec":
                return CandidType.Vec(ParseType());
            case "blob":
                return CandidType.Vec(CandidType.Nat8);
            case "record":
                return FieldsType.Record(ParseFields(isRecord: true));
            case "variant":
                return FieldsType.Variant(ParseFields(isRecord: false));
            case "func":
                return ParseFuncSignature();
            case "service":
                return ParseServiceBody();
            default:
                return Primitives.TryGetValue(token.Value, out var primitive) ? primitive : Knot(token.Value);
        }
    }

    /// <summary><c>(t1, name : t2, …)</c>.</summary>
    public List<CandidType> ParseTuple()
    {
        Expect("(");
        var types = new List<CandidType>();
        while (!TryTake(")"))
        {
            if (Peek.Kind is TokenKind.Identifier or TokenKind.Text && PeekAhead(1) is { Kind: TokenKind.Symbol, Value: ":" })
            {
                _next += 2;
            }

            types.Add(ParseType());
            if (!IsSymbol(")"))
            {
                Expect(",");
            }
        }

        return types;
    }

    private FuncType ParseFuncSignature()
    {
        var args = ParseTuple();
        Expect("->");
        var results = ParseTuple();
        var modes = new List<string>();
        while (IsWord("query") || IsWord("oneway") || IsWord("composite_query"))
        {
            modes.Add(Take().Value);
        }

        return new FuncType(args, results, modes);
    }

    private ServiceType ParseServiceBody()
    {
        Expect("{");
        var methods = new List<KeyValuePair<string, CandidType>>();
        while (!TryTake("}"))
        {
            var name = TakeName();
            Expect(":");
            CandidType type = IsSymbol("(") ? ParseFuncSignature() : Knot(TakeName());
            if (methods.Any(m => m.Key == name))
            {
                throw Error($"method {name} appears twice");
            }

            methods.Add(new(name, type));
            if (!IsSymbol("}"))
            {
                Expect(";");
            }
        }

        return new ServiceType(methods);
    }

    private List<CandidField> ParseFields(bool isRecord)
    {
        Expect("{");
        var fields = new List<CandidField>();
        uint nextPosition = 0;
        while (!TryTake("}"))
        {
            CandidField field;
            var labelled = PeekAhead(1) is { Kind: TokenKind.Symbol, Value: ":" };
            if (labelled)
            {
                var (id, name) = TakeLabel();
                Expect(":");
                field = new CandidField(id, name, ParseType());
            }
            else if (!isRecord)
            {
                var (id, name) = TakeLabel();
                field = new CandidField(id, name, CandidType.Null);
            }
            else
            {
                field = new CandidField(nextPosition, null, ParseType());
            }

            nextPosition = field.Id + 1;
            if (fields.Any(f => f.Id == field.Id))
            {
                throw Error($"field id {field.Id} appears twice");
            }

            fields.Add(field);
            if (!IsSymbol("}"))
            {
                Expect(";");
            }
        }

        return fields;
    }

    protected (uint Id, string? Name) TakeLabel()
    {
        var token = Take();
        return token.Kind switch
        {
            TokenKind.Number when uint.TryParse(token.Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => (id, null),
            TokenKind.Identifier => (CandidIds.FieldId(token.Value), token.Value),
            TokenKind.Text => (CandidIds.FieldId(Utf8(token)), Utf8(token)),
            _ => throw Error("expected a field label"),
        };
    }

    protected string TakeName()
    {
        var token = Take();
        return token.Kind switch
        {
            TokenKind.Identifier => token.Value,
            TokenKind.Text => Utf8(token),
            _ => throw Error("expected a name"),
        };
    }

    protected static string Utf8(Token token) => new UTF8Encoding(false, true).GetString(token.Bytes!);

    private KnotType Knot(string name)
    {
        if (!Environment.TryGetValue(name, out var knot))
        {
            knot = CandidType.Knot(name);
            Environment[name] = knot;
        }

        return knot;
    }
}
