using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Tests;

public sealed class DelegationTests
{
    [Fact]
    public async Task A_session_key_signs_for_the_root_through_a_delegation_that_noble_verifies()
    {
        var root = Ed25519Identity.FromSeed(RandomNumberGenerator.GetBytes(32));
        var session = Ed25519Identity.FromSeed(RandomNumberGenerator.GetBytes(32));
        var link = DelegationIdentity.Delegate(root, session, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), [Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai")]);
        var identity = new DelegationIdentity(root, session, [link]);
        var content = new Dictionary<string, object>
        {
            ["request_type"] = "call",
            ["canister_id"] = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai").Bytes.ToArray(),
            ["method_name"] = "icrc1_transfer",
            ["arg"] = new byte[] { 0x44, 0x49, 0x44, 0x4c, 0x00, 0x00 },
            ["sender"] = identity.Sender.Bytes.ToArray(),
            ["ingress_expiry"] = 1_764_000_000_000_000_000UL,
        };
        var (envelope, requestId) = SignedRequest.Create(content, identity);

        var reader = new CborReader(envelope);
        reader.ReadTag();
        var fields = new Dictionary<string, byte[]>();
        var count = reader.ReadStartMap()!.Value;
        var delegations = 0;
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadTextString();
            if (key == "sender_delegation")
            {
                delegations = reader.ReadStartArray()!.Value;
                reader.SkipToParent();
            }
            else if (key is "sender_pubkey" or "sender_sig")
            {
                fields[key] = reader.ReadByteString();
            }
            else
            {
                reader.SkipValue();
            }
        }

        Assert.Equal(1, delegations);
        Assert.Equal(root.PublicKeyDer, fields["sender_pubkey"]);
        Assert.Equal(root.Sender, identity.Sender);
        var checks = new JsonArray(
            Check(root, [.. "\x1Aic-request-auth-delegation"u8, .. RequestId.Of(link.Content())], link.Signature),
            Check(session, [.. "\x0Aic-request"u8, .. requestId], fields["sender_sig"]));
        var answers = (await NodeOracle.RunAsync("identity-oracle.mjs", checks)).AsArray();
        Assert.True(answers[0]!["valid"]!.GetValue<bool>(), "the delegation's signature does not verify with the root key");
        Assert.True(answers[1]!["valid"]!.GetValue<bool>(), "the request signature does not verify with the session key");
    }

    private static JsonObject Check(Ed25519Identity signer, byte[] message, byte[] signature) => new()
    {
        ["curve"] = "ed25519",
        ["der"] = Convert.ToHexStringLower(signer.PublicKeyDer!),
        ["publicKey"] = Convert.ToHexStringLower(signer.PublicKey),
        ["message"] = Convert.ToHexStringLower(message),
        ["signature"] = Convert.ToHexStringLower(signature),
    };
}
