using System.Collections.Concurrent;
using System.Text;
using DecentCloud.Icp.Agent;
using DecentCloud.Icp.Agent.Bls;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using SHA256 = System.Security.Cryptography.SHA256;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A replica on loopback speaking the IC HTTP interface (v4/v3/v2 call, v3/v2 query and read_state,
/// <c>/api/v2/status</c>) in front of a canister implementation. It checks what it receives (CBOR envelope,
/// request id, sender signature, ingress expiry window) and answers with certificates it signs itself: a subnet
/// key (BLS, our own code) delegated by a test root key, the subnet's node keys (Ed25519) in its state and on
/// query replies. Knobs make it answer the way real replicas sometimes do: missing endpoint versions, 202 and
/// pending statuses, 429, a skewed clock, bad query signatures — or serve a given certificate body.
/// </summary>
internal sealed class LocalReplica : IAsyncDisposable
{
    private static readonly byte[] BlsDerPrefix = Convert.FromHexString("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Outcome> _statuses = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<Dictionary<string, object?>> _contents = new();
    private readonly byte[] _rootSecret = Secret(1);
    private readonly byte[] _subnetSecret = Secret(2);
    private readonly Ed25519PrivateKeyParameters _node = new(Secret(3));
    private readonly Ed25519PrivateKeyParameters _stranger = new(Secret(4));
    private int _busy;

    private LocalReplica(WebApplication app, ICanisterTransport canister, Principal canisterId)
    {
        _app = app;
        Backend = canister;
        CanisterId = canisterId;
        RootKeyDer = [.. BlsDerPrefix, .. Bls12381.PublicKeyOf(_rootSecret)];
        SubnetKeyDer = [.. BlsDerPrefix, .. Bls12381.PublicKeyOf(_subnetSecret)];
        SubnetId = SelfAuthenticating.Of(SubnetKeyDer);
        NodeId = SelfAuthenticating.Of([.. Ed25519Identity.DerPrefix, .. _node.GeneratePublicKey().GetEncoded()]);
    }

    public enum QuerySignatures
    {
        Valid,
        Missing,
        Forged,
        UnknownNode,
    }

    public Uri Url { get; private set; } = null!;

    public ICanisterTransport Backend { get; }

    public Principal CanisterId { get; }

    public byte[] RootKeyDer { get; }

    public byte[] SubnetKeyDer { get; }

    public Principal SubnetId { get; }

    public Principal NodeId { get; }

    public HashSet<int> CallVersions { get; } = [2, 3, 4];

    public HashSet<int> ReadVersions { get; } = [2, 3];

    /// <summary>How many read_state polls of a new call answer "processing" before the outcome (v3/v4 then answer 202 too).</summary>
    public int PendingPolls { get; set; }

    /// <summary>The next this-many requests are answered 429 (Retry-After: 0).</summary>
    public int Busy { get => _busy; set => _busy = value; }

    /// <summary>The replica's clock minus the real one.</summary>
    public TimeSpan Skew { get; set; }

    public QuerySignatures QueryMode { get; set; }

    /// <summary>Refuses every request's expiry, as a replica with a runaway clock would.</summary>
    public bool RefuseEveryExpiry { get; set; }

    /// <summary>When set, read_state answers with this body (e.g. a real mainnet certificate) instead of its own.</summary>
    public byte[]? ServeCertificate { get; set; }

    /// <summary>"POST api/v4/canister/…/call" and the like, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The decoded contents of the requests that reached a handler.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Contents => [.. _contents];

    public DateTimeOffset Now => DateTimeOffset.UtcNow + Skew;

    public static async Task<LocalReplica> StartAsync(ICanisterTransport canister, Principal canisterId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var replica = new LocalReplica(builder.Build(), canister, canisterId);
        replica.Map();
        await replica._app.StartAsync();
        replica.Url = new Uri(replica._app.Urls.First() + "/");
        return replica;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Map()
    {
        _app.MapGet("/api/v2/status", () => Results.Bytes(Cbor.Encode(new Dictionary<string, object> { ["root_key"] = RootKeyDer, ["impl_version"] = "local-replica" }), "application/cbor"));
        _app.MapPost("/api/v{version:int}/canister/{ecid}/{endpoint}", Handle);
    }

    private async Task<IResult> Handle(int version, string ecid, string endpoint, HttpContext context)
    {
        _requests.Enqueue($"POST api/v{version}/canister/{ecid}/{endpoint}");
        var versions = endpoint == "call" ? CallVersions : ReadVersions;
        if (!versions.Contains(version) || endpoint is not ("call" or "query" or "read_state"))
        {
            return Results.NotFound();
        }

        if (Interlocked.Decrement(ref _busy) >= 0)
        {
            context.Response.Headers.RetryAfter = "0";
            return Results.StatusCode(429);
        }

        Interlocked.Exchange(ref _busy, 0);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var envelope = CborData.ReadMap(buffer.ToArray());
        var content = (Dictionary<string, object?>)envelope["content"]!;
        _contents.Enqueue(content);
        var requestId = RequestId.Of(content.ToDictionary(p => p.Key, p => p.Value!));
        if (Authenticate(envelope, content, requestId) is { } refused)
        {
            return Results.Text(refused, statusCode: 403);
        }

        if (ExpiryRefusal(content.Natural("ingress_expiry")!.Value) is { } expired)
        {
            return Results.Text(expired, statusCode: 400);
        }

        return endpoint switch
        {
            "call" => await CallAsync(version, content, requestId, context),
            "query" => await QueryAsync(content, requestId),
            _ => ReadState(content),
        };
    }

    private async Task<IResult> CallAsync(int version, Dictionary<string, object?> content, byte[] requestId, HttpContext context)
    {
        var key = Convert.ToHexString(requestId);
        Outcome outcome;
        try
        {
            var reply = await Backend.CallAsync(Principal.FromBytes(content.Bytes("canister_id")!), content.Text("method_name")!, content.Bytes("arg")!, context.RequestAborted);
            outcome = new Outcome("replied", reply, 0, null);
        }
        catch (CanisterUnreachableException)
        {
            // The canister executed the call but the reply never reaches the client: a cut connection.
            _statuses[key] = new Outcome("replied", null, 0, null);
            context.Abort();
            return Results.Empty;
        }
        catch (InvalidOperationException)
        {
            outcome = new Outcome("rejected", null, 3, $"Canister {CanisterId} has no update method '{content.Text("method_name")}'");
        }
        catch (ArgumentException trapped)
        {
            // The canister trapped on its argument: a canister error (reject code 5), nothing executed.
            outcome = new Outcome("rejected", null, 5, $"Canister {CanisterId} trapped: {trapped.Message}");
        }

        _statuses[key] = outcome with { PendingPolls = PendingPolls };
        if (version == 2 || PendingPolls > 0)
        {
            return Results.StatusCode(202);
        }

        var certificate = SignedCertificate(RequestStatusTree(requestId, outcome));
        return Results.Bytes(Cbor.Encode(new Dictionary<string, object> { ["status"] = "replied", ["certificate"] = certificate }), "application/cbor");
    }

    private async Task<IResult> QueryAsync(Dictionary<string, object?> content, byte[] requestId)
    {
        var reply = await Backend.QueryAsync(Principal.FromBytes(content.Bytes("canister_id")!), content.Text("method_name")!, content.Bytes("arg")!, CancellationToken.None);
        var timestamp = Nanoseconds(Now);
        var signed = new Dictionary<string, object>
        {
            ["status"] = "replied",
            ["reply"] = new Dictionary<string, object> { ["arg"] = reply },
            ["timestamp"] = timestamp,
            ["request_id"] = requestId,
        };
        byte[] message = [.. "\x0Bic-response"u8, .. RequestId.Of(signed)];
        var body = new Dictionary<string, object> { ["status"] = "replied", ["reply"] = new Dictionary<string, object> { ["arg"] = reply } };
        if (QueryMode != QuerySignatures.Missing)
        {
            var (key, identity) = QueryMode switch
            {
                QuerySignatures.Forged => (_stranger, NodeId),
                QuerySignatures.UnknownNode => (_stranger, SelfAuthenticating.Of([.. Ed25519Identity.DerPrefix, .. _stranger.GeneratePublicKey().GetEncoded()])),
                _ => (_node, NodeId),
            };
            body["signatures"] = new List<object>
            {
                new Dictionary<string, object> { ["timestamp"] = timestamp, ["signature"] = Sign(key, message), ["identity"] = identity.Bytes.ToArray() },
            };
        }

        return Results.Bytes(Cbor.Encode(body), "application/cbor");
    }

    private IResult ReadState(Dictionary<string, object?> content)
    {
        if (ServeCertificate is { } served)
        {
            return Results.Bytes(served, "application/cbor");
        }

        var tree = Cbor.Labels();
        foreach (var path in ((List<object?>)content["paths"]!).Cast<List<object?>>().Select(p => p.Cast<byte[]>().ToList()))
        {
            var first = Encoding.ASCII.GetString(path[0]);
            if (first == "request_status" && _statuses.TryGetValue(Convert.ToHexString(path[1]), out var outcome))
            {
                var pending = outcome.PendingPolls > 0;
                _statuses[Convert.ToHexString(path[1])] = outcome with { PendingPolls = outcome.PendingPolls - 1 };
                Merge(tree, RequestStatusTree(path[1], pending ? new Outcome("processing", null, 0, null) : outcome));
            }
            else if (first == "subnet")
            {
                Merge(tree, SubnetTree(withNodes: true));
            }
        }

        return Results.Bytes(Cbor.Encode(new Dictionary<string, object> { ["certificate"] = SignedCertificate(tree) }), "application/cbor");
    }

    /// <summary>A certificate over <paramref name="tree"/> plus /time, signed by the subnet and delegated by the root.</summary>
    private byte[] SignedCertificate(SortedDictionary<byte[], object> tree)
    {
        tree[Encoding.ASCII.GetBytes("time")] = RequestId.Leb128(Nanoseconds(Now));
        var treeCbor = Cbor.HashTree(tree);
        var delegationTree = SubnetTree(withNodes: false);
        delegationTree[Encoding.ASCII.GetBytes("time")] = RequestId.Leb128(Nanoseconds(Now));
        var delegationCbor = Cbor.HashTree(delegationTree);
        var delegation = Cbor.Certificate(delegationCbor, Bls12381.Sign(_rootSecret, StateRoot(delegationCbor)), null);
        return Cbor.Certificate(treeCbor, Bls12381.Sign(_subnetSecret, StateRoot(treeCbor)), new Dictionary<string, byte[]>
        {
            ["subnet_id"] = SubnetId.Bytes.ToArray(),
            ["certificate"] = delegation,
        });
    }

    private SortedDictionary<byte[], object> SubnetTree(bool withNodes)
    {
        var subnet = Cbor.Labels();
        subnet[Encoding.ASCII.GetBytes("public_key")] = SubnetKeyDer;
        var canister = CanisterId.Bytes.ToArray();
        subnet[Encoding.ASCII.GetBytes("canister_ranges")] = Cbor.Encode(new List<object> { new List<object> { canister, canister } });
        if (withNodes)
        {
            var nodes = Cbor.Labels();
            var node = Cbor.Labels();
            node[Encoding.ASCII.GetBytes("public_key")] = (byte[])[.. Ed25519Identity.DerPrefix, .. _node.GeneratePublicKey().GetEncoded()];
            nodes[NodeId.Bytes.ToArray()] = node;
            subnet[Encoding.ASCII.GetBytes("node")] = nodes;
        }

        var subnets = Cbor.Labels();
        subnets[SubnetId.Bytes.ToArray()] = subnet;
        var root = Cbor.Labels();
        root[Encoding.ASCII.GetBytes("subnet")] = subnets;
        return root;
    }

    private static SortedDictionary<byte[], object> RequestStatusTree(byte[] requestId, Outcome outcome)
    {
        var status = Cbor.Labels();
        status[Encoding.ASCII.GetBytes("status")] = Encoding.UTF8.GetBytes(outcome.Status);
        if (outcome.Reply is { } reply)
        {
            status[Encoding.ASCII.GetBytes("reply")] = reply;
        }

        if (outcome.Status == "rejected")
        {
            status[Encoding.ASCII.GetBytes("reject_code")] = RequestId.Leb128(outcome.RejectCode);
            status[Encoding.ASCII.GetBytes("reject_message")] = Encoding.UTF8.GetBytes(outcome.RejectMessage!);
            status[Encoding.ASCII.GetBytes("error_code")] = Encoding.UTF8.GetBytes("IC0536");
        }

        var requests = Cbor.Labels();
        requests[requestId] = status;
        var root = Cbor.Labels();
        root[Encoding.ASCII.GetBytes("request_status")] = requests;
        return root;
    }

    private static void Merge(SortedDictionary<byte[], object> into, SortedDictionary<byte[], object> from)
    {
        foreach (var (label, node) in from)
        {
            if (into.TryGetValue(label, out var existing) && existing is SortedDictionary<byte[], object> inner && node is SortedDictionary<byte[], object> more)
            {
                Merge(inner, more);
            }
            else
            {
                into[label] = node;
            }
        }
    }

    /// <summary>
    /// The sender must be the self-authenticating principal of <c>sender_pubkey</c> (or anonymous, unsigned), every
    /// delegation of <c>sender_delegation</c> must be signed by the key before it and unexpired, and the last key
    /// must sign <c>\x0Aic-request ‖ request id</c>. Ed25519 and secp256k1 keys are understood.
    /// </summary>
    private string? Authenticate(Dictionary<string, object?> envelope, Dictionary<string, object?> content, byte[] requestId)
    {
        var sender = Principal.FromBytes(content.Bytes("sender")!);
        if (envelope.Bytes("sender_pubkey") is not { } der)
        {
            return sender.Equals(Principal.Anonymous) ? null : "unsigned request from a non-anonymous sender";
        }

        if (!SelfAuthenticating.Of(der).Equals(sender))
        {
            return "the sender is not the principal of sender_pubkey";
        }

        var signer = der;
        foreach (var link in envelope.GetValueOrDefault("sender_delegation") as List<object?> ?? [])
        {
            var signed = (Dictionary<string, object?>)link!;
            var delegation = (Dictionary<string, object?>)signed["delegation"]!;
            byte[] message = [.. "\x1Aic-request-auth-delegation"u8, .. RequestId.Of(delegation.ToDictionary(p => p.Key, p => p.Value!))];
            if (!Verifies(signer, message, signed.Bytes("signature")!))
            {
                return "Invalid delegation: the signature does not verify";
            }

            if (delegation.Natural("expiration") < Nanoseconds(Now))
            {
                return "Invalid delegation: expired";
            }

            signer = delegation.Bytes("pubkey")!;
        }

        return Verifies(signer, [.. "\x0Aic-request"u8, .. requestId], envelope.Bytes("sender_sig")!)
            ? null
            : "Invalid signature: the sender signature does not verify";
    }

    private static bool Verifies(byte[] der, byte[] message, byte[] signature)
    {
        switch (PublicKeyFactory.CreateKey(der))
        {
            case Ed25519PublicKeyParameters ed25519:
                var verifier = new Ed25519Signer();
                verifier.Init(false, ed25519);
                verifier.BlockUpdate(message, 0, message.Length);
                return verifier.VerifySignature(signature);
            case ECPublicKeyParameters ec when signature.Length == 64:
                var ecdsa = new ECDsaSigner();
                ecdsa.Init(false, ec);
                return ecdsa.VerifySignature(SHA256.HashData(message), new BigInteger(1, signature[..32]), new BigInteger(1, signature[32..]));
            default:
                return false;
        }
    }

    private string? ExpiryRefusal(ulong expiry)
    {
        var minimum = Nanoseconds(Now);
        var maximum = Nanoseconds(Now + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));
        return expiry >= minimum && expiry <= maximum && !RefuseEveryExpiry
            ? null
            : $"Invalid request expiry: Specified ingress_expiry not within expected range: Minimum allowed expiry: {minimum}, Maximum allowed expiry: {maximum}, Provided expiry: {expiry}";
    }

    private static byte[] Sign(Ed25519PrivateKeyParameters key, byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static byte[] StateRoot(byte[] treeCbor) => [.. "\x0Dic-state-root"u8, .. HashTree.Parse(treeCbor).Digest()];

    private static ulong Nanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static byte[] Secret(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)(i == 0 ? 0x11 : seed * 31 + i))];

    private sealed record Outcome(string Status, byte[]? Reply, ulong RejectCode, string? RejectMessage)
    {
        public int PendingPolls { get; init; }
    }
}
