using System.Text;
using CsCheck;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Adapters.Crypto.Tests;

public class Ed25519phTests
{
    private static readonly byte[] Seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Matches_the_cross_platform_conformance_vector()
    {
        var publicKey = Ed25519ph.PublicKeyFromSeed(Seed);
        Assert.Equal("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8", Convert.ToHexStringLower(publicKey));

        var message = Encoding.UTF8.GetBytes("test message for cross-platform verification");
        var signature = Ed25519ph.Sign(Seed, message);
        Assert.Equal(
            "a2aca8ef6760241fc2b254447b9320f03fffaaa11f60365b33455b5d664abc0172627ce2258cdbde7e2eddbe20bda46e008f8041ffb61515e7f4e5a8fdab3f0f",
            Convert.ToHexStringLower(signature));
        Assert.True(new Ed25519phSignatureVerifier().Verify(publicKey, message, signature));
    }

    [Fact]
    public void Any_flipped_bit_breaks_the_signature() =>
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[0, 200], Gen.Int[0, 511]).Sample((seed, message, bit) =>
        {
            var key = Ed25519ph.PublicKeyFromSeed(seed);
            var signature = Ed25519ph.Sign(seed, message);
            var tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            return Ed25519ph.Verify(key, message, signature) && !Ed25519ph.Verify(key, message, tampered);
        }, iter: 200);

    [Fact]
    public void Another_message_or_key_does_not_verify()
    {
        var message = Encoding.UTF8.GetBytes("hello");
        var signature = Ed25519ph.Sign(Seed, message);
        var otherSeed = Enumerable.Repeat((byte)7, 32).ToArray();
        Assert.False(Ed25519ph.Verify(Ed25519ph.PublicKeyFromSeed(Seed), Encoding.UTF8.GetBytes("hellO"), signature));
        Assert.False(Ed25519ph.Verify(Ed25519ph.PublicKeyFromSeed(otherSeed), message, signature));
    }

    [Fact]
    public void Pure_Ed25519_signatures_are_not_accepted_as_prehashed()
    {
        // The context and prehash flag are part of what is signed: a plain Ed25519 signature must fail.
        var message = Encoding.UTF8.GetBytes("hello");
        var plain = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
        plain.Init(true, new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(Seed));
        plain.BlockUpdate(message, 0, message.Length);
        Assert.False(Ed25519ph.Verify(Ed25519ph.PublicKeyFromSeed(Seed), message, plain.GenerateSignature()));
    }

    [Theory]
    [InlineData(31, 64)]
    [InlineData(32, 63)]
    [InlineData(0, 0)]
    public void Malformed_lengths_are_invalid_not_exceptions(int keyLength, int signatureLength) =>
        Assert.False(Ed25519ph.Verify(new byte[keyLength], [1, 2, 3], new byte[signatureLength]));

    [Fact]
    public void Signer_headers_verify_against_the_signed_request_rule()
    {
        var signer = new AgentSigner(Seed);
        var body = Encoding.UTF8.GetBytes("{\"dcId\":\"dc-a\"}");
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var headers = signer.Sign("POST", new Uri("https://api.example.org:8443/api/v1/agents/gateway/register?x=1"), body, now, Guid.NewGuid())
            .ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("2", headers["X-Signature-Version"]);
        var request = SignedRequest.V2(headers["X-Timestamp"], headers["X-Nonce"], "POST", "api.example.org:8443", "/api/v1/agents/gateway/register", "x=1", body);
        Assert.True(request.CheckFreshness(now).IsSuccess);
        Assert.Equal("1795608000000000000", headers["X-Timestamp"]);
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(headers["X-Agent-Pubkey"]), request.SigningMessage(), Convert.FromHexString(headers["X-Signature"])));
        var elsewhere = SignedRequest.V2(headers["X-Timestamp"], headers["X-Nonce"], "POST", "api.example.org", "/api/v1/agents/gateway/register", "x=1", body);
        Assert.False(Ed25519ph.Verify(Convert.FromHexString(headers["X-Agent-Pubkey"]), elsewhere.SigningMessage(), Convert.FromHexString(headers["X-Signature"])));
    }
}
