using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>Who sends a request: its principal, its DER public key (none when anonymous) and how it signs.</summary>
public interface IIdentity
{
    /// <summary>The sender principal.</summary>
    Principal Sender { get; }

    /// <summary>The DER-encoded public key sent as <c>sender_pubkey</c>, or <c>null</c> for the anonymous identity.</summary>
    byte[]? PublicKeyDer { get; }

    /// <summary>Signs a message (the caller prepends the domain separator).</summary>
    byte[] Sign(ReadOnlySpan<byte> message);
}
