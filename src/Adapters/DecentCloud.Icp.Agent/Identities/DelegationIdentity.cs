using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>One link of a delegation chain: a key allowed to act until an expiry, optionally only on some canisters, and its signature.</summary>
public sealed record SignedDelegation(byte[] PublicKeyDer, ulong ExpirationNanos, IReadOnlyList<Principal>? Targets, byte[] Signature)
{
    /// <summary>The delegation's content map, as its representation-independent hash sees it.</summary>
    internal Dictionary<string, object> Content()
    {
        var map = new Dictionary<string, object> { ["pubkey"] = PublicKeyDer, ["expiration"] = ExpirationNanos };
        if (Targets is not null)
        {
            map["targets"] = Targets.Select(t => t.Bytes.ToArray()).ToArray();
        }

        return map;
    }
}

/// <summary>
/// A session key acting for a root identity through a delegation chain (as Internet Identity hands out):
/// requests carry the root's public key as <c>sender_pubkey</c>, the chain as <c>sender_delegation</c>, and are
/// signed by the session key. <see cref="Delegate"/> makes a link: the delegator signs
/// <c>"\x1Aic-request-auth-delegation" ‖ hash(delegation)</c>.
/// </summary>
public sealed class DelegationIdentity(IIdentity root, IIdentity session, IReadOnlyList<SignedDelegation> chain) : IIdentity
{
    private static ReadOnlySpan<byte> Domain => "\x1Aic-request-auth-delegation"u8;

    /// <summary>The delegations, from the root's key to the session key.</summary>
    public IReadOnlyList<SignedDelegation> Chain { get; } = chain;

    /// <inheritdoc />
    public Principal Sender => root.Sender;

    /// <inheritdoc />
    public byte[]? PublicKeyDer => root.PublicKeyDer;

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message) => session.Sign(message);

    /// <summary>A delegation from <paramref name="delegator"/> to <paramref name="delegatee"/> until <paramref name="expires"/>.</summary>
    public static SignedDelegation Delegate(IIdentity delegator, IIdentity delegatee, DateTimeOffset expires, IReadOnlyList<Principal>? targets = null)
    {
        ArgumentNullException.ThrowIfNull(delegator);
        ArgumentNullException.ThrowIfNull(delegatee);
        var publicKey = delegatee.PublicKeyDer ?? throw new ArgumentException("the anonymous identity cannot be delegated to", nameof(delegatee));
        var unsigned = new SignedDelegation(publicKey, (ulong)(expires - DateTimeOffset.UnixEpoch).Ticks * 100, targets, []);
        var hash = RequestId.Of(unsigned.Content());
        return unsigned with { Signature = delegator.Sign([.. Domain, .. hash]) };
    }
}
