using DecentCloud.Application.Agents;

namespace DecentCloud.Adapters.Crypto;

/// <summary>The application's <see cref="ISignatureVerifier"/> on <see cref="Ed25519ph"/>.</summary>
public sealed class Ed25519phSignatureVerifier : ISignatureVerifier
{
    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Ed25519ph.Verify(publicKey, message, signature);
}
