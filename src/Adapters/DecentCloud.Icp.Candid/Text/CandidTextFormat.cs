using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Text;

/// <summary>Candid's textual forms: types, argument values, and <c>.did</c> service descriptions.</summary>
public static class CandidTextFormat
{
    /// <summary>Parses one type, e.g. <c>record { to : principal; amount : nat }</c>; throws <see cref="FormatException"/>.</summary>
    public static CandidType ParseType(string text, IReadOnlyDictionary<string, CandidType>? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new CandidTypeParser(CandidLexer.Tokenize(text), Knots(definitions));
        var type = parser.ParseType();
        parser.CheckDefined();
        return type;
    }

    /// <summary>Parses an argument tuple type, e.g. <c>(nat, opt text)</c>.</summary>
    public static IReadOnlyList<CandidType> ParseArgTypes(string text, IReadOnlyDictionary<string, CandidType>? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new CandidTypeParser(CandidLexer.Tokenize(text), Knots(definitions));
        var types = parser.ParseTuple();
        parser.CheckDefined();
        return types;
    }

    /// <summary>Parses textual arguments, e.g. <c>(42, opt "x")</c>, at their types; throws <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<CandidValue> ParseArgs(string text, IReadOnlyList<CandidType> types, IReadOnlyDictionary<string, CandidType>? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(types);
        return new CandidValueParser(CandidLexer.Tokenize(text), Knots(definitions)).ParseArgs(types);
    }

    /// <summary>Parses a <c>.did</c> file: type definitions and the service (if any).</summary>
    public static DidFile ParseDid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DidParser(CandidLexer.Tokenize(text)).Parse();
    }

    private static Dictionary<string, KnotType> Knots(IReadOnlyDictionary<string, CandidType>? definitions)
    {
        var knots = new Dictionary<string, KnotType>(StringComparer.Ordinal);
        foreach (var (name, type) in definitions ?? new Dictionary<string, CandidType>())
        {
            var knot = CandidType.Knot(name);
            knot.Tie(type);
            knots[name] = knot;
        }

        return knots;
    }
}

/// <summary>A parsed <c>.did</c> file.</summary>
/// <param name="Definitions">The named types.</param>
/// <param name="Service">The service's methods, or <c>null</c> when the file declares none.</param>
/// <param name="InitArgs">The service's init arguments (<c>service : (args) -> {…}</c>), empty when none.</param>
public sealed record DidFile(IReadOnlyDictionary<string, CandidType> Definitions, ServiceType? Service, IReadOnlyList<CandidType> InitArgs);
