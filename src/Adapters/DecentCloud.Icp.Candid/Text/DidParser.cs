using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Candid.Text;

/// <summary><c>.did</c> files: <c>type …;</c> definitions, <c>import</c> lines refused, then <c>service : [(args) -&gt;] { … }</c> or a named service type.</summary>
internal sealed class DidParser(List<Token> tokens) : CandidTypeParser(tokens)
{
    public DidFile Parse()
    {
        ServiceType? service = null;
        IReadOnlyList<CandidType> init = [];
        while (Peek.Kind != TokenKind.End)
        {
            if (IsWord("type"))
            {
                ParseDefinition();
            }
            else if (IsWord("import"))
            {
                throw Error("imports are not supported; inline the imported definitions");
            }
            else if (TryTake("service"))
            {
                if (service is not null)
                {
                    throw Error("a .did file declares one service");
                }

                if (Peek.Kind == TokenKind.Identifier && PeekAhead(1) is { Value: ":" })
                {
                    Take();
                }

                Expect(":");
                if (IsSymbol("("))
                {
                    init = ParseTuple();
                    Expect("->");
                }

                service = ParseType().Resolve() as ServiceType ?? throw Error("the service must have a service type");
            }
            else
            {
                throw Error("expected 'type' or 'service'");
            }

            TryTake(";");
        }

        CheckDefined();
        var definitions = Environment.ToDictionary(e => e.Key, e => (CandidType)e.Value, StringComparer.Ordinal);
        return new DidFile(definitions, service, init);
    }
}
