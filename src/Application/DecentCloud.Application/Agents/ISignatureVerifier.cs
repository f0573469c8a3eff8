namespace DecentCloud.Application.Agents;

/// <summary>Verifies the agents' Ed25519ph signatures (SHA-512 prehash, context <c>decent-cloud</c>).</summary>
public interface ISignatureVerifier
{
    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
