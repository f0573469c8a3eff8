using System.Collections.Concurrent;
using System.Text;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>
/// Verifies the node signatures on query replies: each signature is an Ed25519 signature by a node of the
/// canister's subnet over <c>\x0Bic-response</c> ‖ the hash of the reply map (with the request id and the
/// signature's timestamp). Node keys are read from certified state — <c>/subnet/&lt;subnet&gt;/node/&lt;node&gt;/public_key</c>
/// through a read_state of <c>/subnet</c> for the canister — and kept for <see cref="HttpAgentOptions.NodeKeyLifetime"/>.
/// </summary>
internal sealed class NodeKeys(HttpAgent agent)
{
    private static readonly byte[] ResponseDomain = [.. "\x0Bic-response"u8];
    private readonly ConcurrentDictionary<Principal, Subnet> subnets = new();

    public async Task VerifyAsync(Principal canister, byte[] requestId, Dictionary<string, object?> reply, CancellationToken cancellationToken)
    {
        if (reply.GetValueOrDefault("signatures") is not List<object?> { Count: > 0 } signatures)
        {
            throw new IcpProtocolException("the query reply carries no node signature");
        }

        var subnet = await SubnetOfAsync(canister, refresh: false, cancellationToken).ConfigureAwait(false);
        var content = SignedContent(reply);
        foreach (var item in signatures)
        {
            if (item is not Dictionary<string, object?> signature
                || signature.Bytes("identity") is not { } node
                || signature.Bytes("signature") is not { Length: 64 } bytes
                || signature.Natural("timestamp") is not { } timestamp)
            {
                throw new IcpProtocolException("a query signature lacks its node, signature or timestamp");
            }

            var key = subnet.Key(node);
            if (key is null)
            {
                // The subnet may have gained a node since the keys were read.
                subnet = await SubnetOfAsync(canister, refresh: true, cancellationToken).ConfigureAwait(false);
                key = subnet.Key(node) ?? throw new IcpProtocolException($"the query was signed by {Principal.FromBytes(node)}, which is not a node of subnet {subnet.Id}");
            }

            var signedAt = DateTimeOffset.UnixEpoch.AddTicks((long)(timestamp / 100));
            if ((agent.Now - signedAt).Duration() > agent.Options.MaxCertificateAge)
            {
                throw new IcpProtocolException($"the query signature's timestamp {signedAt:O} is too far from now");
            }

            content["timestamp"] = timestamp;
            content["request_id"] = requestId;
            byte[] message = [.. ResponseDomain, .. RequestId.Of(content)];
            if (!Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(bytes, 0, key, 0, message, 0, message.Length))
            {
                throw new IcpProtocolException($"the signature of node {Principal.FromBytes(node)} on the query reply does not verify");
            }
        }
    }

    private static Dictionary<string, object> SignedContent(Dictionary<string, object?> reply) => reply.Text("status") switch
    {
        "replied" => new()
        {
            ["status"] = "replied",
            ["reply"] = new Dictionary<string, object>
            {
                ["arg"] = (reply.GetValueOrDefault("reply") as Dictionary<string, object?>)?.Bytes("arg") ?? throw new IcpProtocolException("a query reply without reply.arg"),
            },
        },
        "rejected" => Rejected(reply),
        var other => throw new IcpProtocolException($"unknown query status '{other}'"),
    };

    private static Dictionary<string, object> Rejected(Dictionary<string, object?> reply)
    {
        var content = new Dictionary<string, object>
        {
            ["status"] = "rejected",
            ["reject_code"] = reply.Natural("reject_code") ?? throw new IcpProtocolException("a rejection without reject_code"),
            ["reject_message"] = reply.Text("reject_message") ?? string.Empty,
        };
        if (reply.Text("error_code") is { } errorCode)
        {
            content["error_code"] = errorCode;
        }

        return content;
    }

    private async Task<Subnet> SubnetOfAsync(Principal canister, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && subnets.TryGetValue(canister, out var known) && agent.Options.Clock.GetUtcNow() < known.Expires)
        {
            return known;
        }

        var certificate = await agent.ReadStateAsync(canister, [[Encoding.ASCII.GetBytes("subnet")]], cancellationToken).ConfigureAwait(false);
        var subnetId = certificate.Delegation?.SubnetId ?? agent.RootSubnet;
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (node, subtree) in certificate.Tree.Children([Encoding.ASCII.GetBytes("subnet"), subnetId.Bytes.ToArray(), Encoding.ASCII.GetBytes("node")]))
        {
            var der = subtree.Lookup("public_key");
            if (der.Status == LookupStatus.Found && der.Value!.Length == Ed25519Identity.DerPrefix.Length + 32 && der.Value.AsSpan().StartsWith(Ed25519Identity.DerPrefix))
            {
                keys[Convert.ToHexString(node)] = der.Value[Ed25519Identity.DerPrefix.Length..];
            }
        }

        if (keys.Count == 0)
        {
            throw new IcpProtocolException($"the certified state holds no node keys for subnet {subnetId}");
        }

        var subnet = new Subnet(subnetId, keys, agent.Options.Clock.GetUtcNow() + agent.Options.NodeKeyLifetime);
        subnets[canister] = subnet;
        return subnet;
    }

    private sealed record Subnet(Principal Id, Dictionary<string, byte[]> Keys, DateTimeOffset Expires)
    {
        public byte[]? Key(byte[] node) => Keys.GetValueOrDefault(Convert.ToHexString(node));
    }
}
