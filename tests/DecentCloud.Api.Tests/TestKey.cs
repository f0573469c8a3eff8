using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Api.Client;

namespace DecentCloud.Api.Tests;

/// <summary>An Ed25519 key of a test agent or device: the client package's <see cref="IRequestSigner"/> on the Crypto adapter's Ed25519ph.</summary>
public sealed class TestKey : IRequestSigner
{
    private readonly byte[] _seed;

    public TestKey(byte[] seed)
    {
        _seed = seed;
        PublicKey = Ed25519ph.PublicKeyFromSeed(seed);
    }

    public static TestKey Random() => new(RandomNumberGenerator.GetBytes(32));

    public byte[] PublicKey { get; }

    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    ReadOnlyMemory<byte> IRequestSigner.PublicKey => PublicKey;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Ed25519ph.Sign(_seed, message.Span));
}
