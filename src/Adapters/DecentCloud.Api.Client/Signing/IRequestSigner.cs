namespace DecentCloud.Api.Client;

/// <summary>
/// An Ed25519 key that signs API requests: Ed25519ph (SHA-512 prehash) with the context
/// <c>decent-cloud</c>, as the API verifies them. The package does not carry the primitive so that a
/// wallet can keep its key where it lives (a hardware key, a browser, another library); DecentCloud
/// hosts wire one from <c>DecentCloud.Adapters.Crypto</c> (<c>Ed25519ph.Sign</c>).
/// </summary>
public interface IRequestSigner
{
    /// <summary>The 32-byte Ed25519 public key.</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The 64-byte Ed25519ph signature (context <c>decent-cloud</c>) of <paramref name="message"/>.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}

/// <summary>Who signs: an agent (header <c>X-Agent-Pubkey</c>) or a user's device (header <c>X-Public-Key</c>).</summary>
public enum SignerRole
{
    /// <summary>A provider's agent key delegated to a pool.</summary>
    Agent,

    /// <summary>A device key of a user's account.</summary>
    Device,
}
