using System.Text;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests.Conformance;

/// <summary>The outcome of one conformance file.</summary>
internal sealed record ConformanceResult(string File, int Passed, int Total, IReadOnlyList<string> Failures)
{
    public override string ToString() => $"candid-conformance {File}: {Passed}/{Total}";
}

/// <summary>Runs a <c>.test.did</c> file: every assertion decodes (binary) or parses (text) its inputs at the given types.</summary>
internal static class CandidConformance
{
    public static string Folder { get; } = Path.Combine(DecentCloud.Tests.Shared.SharedConformance.Folder, "candid");

    public static ConformanceResult Run(string fileName)
    {
        var source = File.ReadAllText(Path.Combine(Folder, fileName));
        var (tests, definitions) = CandidTestFile.Parse(source);
        var failures = new List<string>();
        foreach (var test in tests)
        {
            var error = Check(test, definitions);
            if (Environment.GetEnvironmentVariable("DC_CONFORMANCE_VERBOSE") is "1" && error is not null)
            {
                Console.Error.WriteLine($"{fileName}:{test.Line}: {error}");
            }

            if (error is not null)
            {
                failures.Add($"line {test.Line} {test.Description}: {error}");
            }
        }

        return new ConformanceResult(fileName, tests.Count - failures.Count, tests.Count, failures);
    }

    private static string? Check(CandidTest test, Dictionary<string, KnotType> definitions)
    {
        var left = Read(test.Left, test.Types, definitions);
        switch (test.Operator)
        {
            case ":":
                return left.Error is null ? null : $"expected to decode, failed: {left.Error}";
            case "!:":
                return left.Error is null ? $"expected to fail, decoded {Show(left.Values!)}" : null;
        }

        var right = Read(test.Right!, test.Types, definitions);
        if (left.Error is not null || right.Error is not null)
        {
            return $"expected both to decode: {left.Error ?? right.Error}";
        }

        var equal = left.Values!.SequenceEqual(right.Values!);
        return (test.Operator == "==") == equal ? null : $"{Show(left.Values!)} {(equal ? "==" : "!=")} {Show(right.Values!)}";
    }

    private static (IReadOnlyList<CandidValue>? Values, string? Error) Read(TestInput input, IReadOnlyList<CandidType> types, Dictionary<string, KnotType> definitions)
    {
        try
        {
            return input.IsBinary
                ? (CandidDecoder.Decode(input.Bytes, types), null)
                : (CandidTextFormat.ParseArgs(Encoding.UTF8.GetString(input.Bytes), types, definitions.ToDictionary(d => d.Key, d => (CandidType)d.Value)), null);
        }
        catch (CandidDecodeException ex)
        {
            return (null, ex.Message);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private static string Show(IReadOnlyList<CandidValue> values) => "(" + string.Join(", ", values) + ")";
}
