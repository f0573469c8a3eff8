using System.Collections.Concurrent;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A fake canister answering from a published <c>.did</c>: each request is decoded at the method's documented argument
/// types (so a request the real canister would refuse fails here too) and recorded in Candid text; the reply is
/// Candid text encoded at the documented result types — the adapter's own C# mapping plays no part in either.
/// </summary>
internal class DidCanister(string did) : ICanisterTransport
{
    private readonly IReadOnlyDictionary<string, CandidType> _types = CandidTextFormat.ParseDid(did).Definitions;
    private readonly Dictionary<(Principal, string), (string Args, string Results)> _methods = [];
    private readonly ConcurrentDictionary<(Principal, string), Func<byte[]>> _replies = new();

    /// <summary>How long each query takes before it answers (a slow canister or replica).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every query received: canister, method and the argument in Candid text.</summary>
    public ConcurrentQueue<(Principal Canister, string Method, string Arg)> Asked { get; } = new();

    /// <summary>The argument bytes of every query, as sent (to check the wire types, not only the values).</summary>
    public ConcurrentQueue<byte[]> AskedBytes { get; } = new();

    /// <summary>Declares a query method with its documented argument and result types, e.g. <c>(opt text)</c>, <c>(PoolsResult)</c>.</summary>
    protected void Method(Principal canister, string name, string args, string results) => _methods[(canister, name)] = (args, results);

    /// <summary>The next replies of <paramref name="method"/>: the Candid text of its documented result.</summary>
    public void Answer(Principal canister, string method, string resultText)
    {
        var types = CandidTextFormat.ParseArgTypes(_methods[(canister, method)].Results, _types);
        var bytes = CandidEncoder.Encode(types, CandidTextFormat.ParseArgs(resultText, types, _types));
        _replies[(canister, method)] = () => bytes;
    }

    /// <summary>Answers raw bytes (garbage) instead.</summary>
    public void AnswerBytes(Principal canister, string method, byte[] bytes) => _replies[(canister, method)] = () => bytes;

    /// <summary>Rejects the method (as the canister trapping or refusing would).</summary>
    public void Reject(Principal canister, string method, string message) =>
        _replies[(canister, method)] = () => throw new CanisterRejectedException(5, message, "IC0503");

    public async Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (!_methods.TryGetValue((canister, method), out var signature))
        {
            throw new InvalidOperationException($"{canister} has no query {method}");
        }

        var decoded = CandidDecoder.Decode(arg, CandidTextFormat.ParseArgTypes(signature.Args, _types));
        Asked.Enqueue((canister, method, "(" + string.Join(", ", decoded) + ")"));
        AskedBytes.Enqueue(arg);
        return _replies.TryGetValue((canister, method), out var reply)
            ? reply()
            : throw new InvalidOperationException($"no answer set for {method}");
    }

    public Task<byte[]> CallAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the DEX price sources only query");

    /// <summary>The message encoding <paramref name="text"/> at <paramref name="args"/>, as the published types say it is sent.</summary>
    public byte[] Encoded(string args, string text)
    {
        var types = CandidTextFormat.ParseArgTypes(args, _types);
        return CandidEncoder.Encode(types, CandidTextFormat.ParseArgs(text, types, _types));
    }

    /// <summary>The Candid text of <paramref name="text"/> parsed at <paramref name="args"/>, as <see cref="Asked"/> records it.</summary>
    public string Canonical(string args, string text)
    {
        var types = CandidTextFormat.ParseArgTypes(args, _types);
        return "(" + string.Join(", ", CandidTextFormat.ParseArgs(text, types, _types)) + ")";
    }
}
