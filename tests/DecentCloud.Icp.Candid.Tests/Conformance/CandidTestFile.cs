using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Candid.Tests.Conformance;

/// <summary>One input of a test: binary (<c>blob "…"</c>) or textual.</summary>
internal sealed record TestInput(bool IsBinary, byte[] Bytes);

/// <summary>One assertion of a <c>.test.did</c> file (grammar in ../shared/conformance/candid/FORMAT.md).</summary>
internal sealed record CandidTest(int Line, TestInput Left, string Operator, TestInput? Right, IReadOnlyList<CandidType> Types, string? Description);

/// <summary>Reads a <c>.test.did</c> file: type definitions, then assertions.</summary>
internal sealed class CandidTestFile(List<Token> tokens, string source) : CandidTypeParser(tokens)
{
    public static (IReadOnlyList<CandidTest> Tests, Dictionary<string, KnotType> Definitions) Parse(string source)
    {
        var parser = new CandidTestFile(CandidLexer.Tokenize(source), source);
        var tests = parser.ParseAll();
        return (tests, parser.Environment);
    }

    private List<CandidTest> ParseAll()
    {
        var tests = new List<CandidTest>();
        while (Peek.Kind != TokenKind.End)
        {
            if (IsWord("type"))
            {
                ParseDefinition();
                Expect(";");
                continue;
            }

            var line = source[..Peek.Offset].Count(c => c == '\n') + 1;
            Expect("assert");
            var left = Input();
            string op;
            TestInput? right = null;
            if (TryTake("==") || TryTake("!="))
            {
                op = Previous();
                right = Input();
                Expect(":");
            }
            else
            {
                op = TryTake("!:") ? "!:" : TryTake(":") ? ":" : throw Error("expected :, !:, == or !=");
            }

            var types = ParseTuple();
            string? description = Peek.Kind == TokenKind.Text ? Utf8(Take()) : null;
            Expect(";");
            tests.Add(new CandidTest(line, left, op, right, types, description));
        }

        CheckDefined();
        return tests;
    }

    private string Previous() => PeekAhead(-1).Value;

    private TestInput Input()
    {
        var binary = TryTake("blob");
        var token = Take();
        return token.Kind == TokenKind.Text ? new TestInput(binary, token.Bytes!) : throw Error("expected a test input");
    }
}
