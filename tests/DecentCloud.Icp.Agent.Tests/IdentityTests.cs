using System.Diagnostics;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DecentCloud.Icp.Agent.Identities;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;

namespace DecentCloud.Icp.Agent.Tests;

public sealed class IdentityTests
{
    [Fact]
    public async Task Ed25519_senders_and_request_signatures_match_dfinity_principal_and_noble()
    {
        var cases = Enumerable.Range(0, 50).Select(_ =>
        {
            var identity = Ed25519Identity.FromSeed(RandomNumberGenerator.GetBytes(32));
            var content = new Dictionary<string, object>
            {
                ["request_type"] = "call",
                ["canister_id"] = RandomNumberGenerator.GetBytes(10),
                ["method_name"] = "icrc1_transfer",
                ["arg"] = RandomNumberGenerator.GetBytes(40),
                ["sender"] = identity.Sender.Bytes.ToArray(),
                ["ingress_expiry"] = (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) * 1_000_000_000UL,
            };
            var (envelope, requestId) = SignedRequest.Create(content, identity);
            return (identity, envelope, requestId);
        }).ToList();

        var input = new JsonArray(cases.Select(c =>
        {
            var (signature, _) = ReadSender(c.envelope);
            return (JsonNode)new JsonObject
            {
                ["curve"] = "ed25519",
                ["der"] = Convert.ToHexStringLower(c.identity.PublicKeyDer!),
                ["publicKey"] = Convert.ToHexStringLower(c.identity.PublicKey),
                ["message"] = Convert.ToHexStringLower([.. "\x0Aic-request"u8, .. c.requestId]),
                ["signature"] = Convert.ToHexStringLower(signature),
            };
        }).ToArray());
        var answers = (await NodeOracle.RunAsync("identity-oracle.mjs", input)).AsArray();
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(answers[i]!["principal"]!.GetValue<string>(), cases[i].identity.Sender.ToText());
            Assert.True(answers[i]!["valid"]!.GetValue<bool>(), $"case {i}: noble rejects the request signature");
            Assert.True(cases[i].identity.PublicKeyDer.AsSpan().StartsWith(Ed25519Identity.DerPrefix));
        }
    }

    [Fact]
    public async Task Secp256k1_senders_and_signatures_match_dfinity_principal_and_noble()
    {
        var identities = Enumerable.Range(0, 30).Select(_ => Secp256k1Identity.FromSecret(RandomNumberGenerator.GetBytes(32))).ToList();
        identities.Add(Secp256k1Identity.FromPem(await OpenSslSecp256k1PemAsync()));
        var messages = identities.Select(_ => RandomNumberGenerator.GetBytes(45)).ToList();
        var input = new JsonArray(identities.Select((identity, i) => (JsonNode)new JsonObject
        {
            ["curve"] = "secp256k1",
            ["der"] = Convert.ToHexStringLower(identity.PublicKeyDer!),
            ["publicKey"] = Convert.ToHexStringLower(identity.PublicKeyDer![^65..]),
            ["message"] = Convert.ToHexStringLower(messages[i]),
            ["signature"] = Convert.ToHexStringLower(identity.Sign(messages[i])),
        }).ToArray());
        var answers = (await NodeOracle.RunAsync("identity-oracle.mjs", input)).AsArray();
        for (var i = 0; i < identities.Count; i++)
        {
            Assert.Equal(answers[i]!["principal"]!.GetValue<string>(), identities[i].Sender.ToText());
            Assert.True(answers[i]!["valid"]!.GetValue<bool>(), $"case {i}: noble rejects the signature");
        }

        Assert.Throws<FormatException>(() => Secp256k1Identity.FromPem("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
    }

    private static async Task<string> OpenSslSecp256k1PemAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", ["ecparam", "-name", "secp256k1", "-genkey", "-noout"]) { RedirectStandardOutput = true })!;
        var pem = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode == 0 ? pem : throw new InvalidOperationException("openssl ecparam failed; ./scripts/test.sh installs openssl");
    }

    [Fact]
    public void The_envelope_carries_the_content_whose_id_was_signed()
    {
        var identity = Ed25519Identity.FromSeed(new byte[32]);
        var content = new Dictionary<string, object>
        {
            ["request_type"] = "read_state",
            ["paths"] = new[] { new[] { "request_status"u8.ToArray(), new byte[32] } },
            ["sender"] = identity.Sender.Bytes.ToArray(),
            ["ingress_expiry"] = 1_764_000_000_000_000_000UL,
        };
        var (envelope, requestId) = SignedRequest.Create(content, identity);
        Assert.Equal(RequestId.Of(content), requestId);
        var (signature, publicKey) = ReadSender(envelope);
        Assert.Equal(identity.PublicKeyDer, publicKey);
        Assert.Equal(identity.Sign([.. "\x0Aic-request"u8, .. requestId]), signature);
        var (anonymous, _) = SignedRequest.Create(content, AnonymousIdentity.Instance);
        Assert.Equal(Array.Empty<byte>(), ReadSender(anonymous).Signature);
        Assert.Equal("2vxsx-fae", AnonymousIdentity.Instance.Sender.ToText());
    }

    [Fact]
    public void A_pkcs8_pem_gives_the_same_identity_as_its_seed_and_other_pems_are_refused()
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        var info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(new Ed25519PrivateKeyParameters(seed));
        var pem = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(info.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END PRIVATE KEY-----\n";
        Assert.Equal(Ed25519Identity.FromSeed(seed).Sender, Ed25519Identity.FromPem(pem).Sender);
        Assert.Throws<FormatException>(() => Ed25519Identity.FromPem(pem.Replace("PRIVATE KEY", "EC PRIVATE KEY", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => Ed25519Identity.FromPem("not a pem"));
    }

    private static (byte[] Signature, byte[]? PublicKey) ReadSender(byte[] envelope)
    {
        var reader = new CborReader(envelope);
        Assert.Equal((CborTag)55799, reader.ReadTag());
        var count = reader.ReadStartMap()!.Value;
        byte[] signature = [];
        byte[]? publicKey = null;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadTextString())
            {
                case "sender_sig":
                    signature = reader.ReadByteString();
                    break;
                case "sender_pubkey":
                    publicKey = reader.ReadByteString();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return (signature, publicKey);
    }
}
