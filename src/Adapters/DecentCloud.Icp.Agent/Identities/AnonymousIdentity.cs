using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>The anonymous sender (principal <c>2vxsx-fae</c>): unsigned requests.</summary>
public sealed class AnonymousIdentity : IIdentity
{
    /// <summary>The one instance.</summary>
    public static AnonymousIdentity Instance { get; } = new();

    /// <inheritdoc />
    public Principal Sender => Principal.Anonymous;

    /// <inheritdoc />
    public byte[]? PublicKeyDer => null;

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message) => throw new InvalidOperationException("the anonymous identity does not sign");
}
