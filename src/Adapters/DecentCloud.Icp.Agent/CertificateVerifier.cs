using System.Text;
using DecentCloud.Icp.Agent.Bls;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent;

/// <summary>What verifying a certificate for a canister (or a subnet) found.</summary>
public enum CertificateOutcome
{
    /// <summary>Signatures, delegation, authority and time all check out.</summary>
    Valid,
    /// <summary>A BLS signature (the certificate's or its delegation's) does not verify, or a key is malformed.</summary>
    InvalidSignature,
    /// <summary>The signing subnet's certified ranges do not contain the canister, or it is another subnet.</summary>
    NotAuthorized,
    /// <summary>The subnet's ranges or public key are pruned away or missing: its authority cannot be proven.</summary>
    Unprovable,
    /// <summary>A delegation inside a delegation: at most one is allowed.</summary>
    TooManyDelegations,
    /// <summary>The certified <c>/time</c> is missing or further from the verifier's clock than the allowed age.</summary>
    Stale,
}

/// <summary>The outcome and, when not valid, why.</summary>
public sealed record CertificateVerdict(CertificateOutcome Outcome, string Reason)
{
    /// <summary>Whether the certificate may be trusted.</summary>
    public bool IsValid => Outcome == CertificateOutcome.Valid;

    internal static CertificateVerdict Valid { get; } = new(CertificateOutcome.Valid, "valid");
}

/// <summary>Options of a <see cref="CertificateVerifier"/>.</summary>
public sealed record CertificateVerifierOptions
{
    /// <summary>The root key (DER); the IC mainnet's by default. Only a local replica's key should ever replace it.</summary>
    public ReadOnlyMemory<byte> RootKey { get; init; } = CertificateVerifier.MainnetRootKey;

    /// <summary>
    /// How far the certified <c>/time</c> may be from the verifier's clock, either way (default 5 minutes, the
    /// ingress expiry window). Null disables the check — only for verifying archived certificates.
    /// </summary>
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock the freshness check reads.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Verifies IC certificates completely: the BLS12-381 signature over <c>\x0Dic-state-root ‖ root digest</c>
/// by the root key or by a delegated subnet's key; the delegation itself (signed by the root, at most one,
/// its subnet's public key certified); the subnet's authority over the target canister (its canister
/// ranges, sharded or flat) or the target subnet; and the freshness of <c>/time</c>.
/// </summary>
public sealed class CertificateVerifier
{
    private static readonly byte[] StateRootDomain = [.. "\x0Dic-state-root"u8];

    // DER SubjectPublicKeyInfo of a BLS12-381 G2 key: algorithm 1.3.6.1.4.1.44668.5.3.1.2.1, curve 1.3.6.1.4.1.44668.5.3.2.1.
    private static readonly byte[] BlsKeyDerPrefix = Convert.FromHexString(
        "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");

    private readonly CertificateVerifierOptions options;
    private readonly byte[]? rootKey;

    /// <summary>Creates a verifier (mainnet root key and a 5-minute freshness window unless configured).</summary>
    public CertificateVerifier(CertificateVerifierOptions? options = null)
    {
        this.options = options ?? new CertificateVerifierOptions();
        rootKey = BlsKeyFromDer(this.options.RootKey.Span);
        if (rootKey is null)
        {
            throw new ArgumentException("The root key is not a DER-encoded BLS12-381 public key.", nameof(options));
        }
    }

    /// <summary>The IC mainnet root key (DER, 133 bytes), built in so it is never fetched from a network.</summary>
    public static ReadOnlyMemory<byte> MainnetRootKey { get; } = Convert.FromHexString(
        "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100814c0e6ec71fab583b08bd81373c255c3c"
        + "371b2e84863c98a4f1e08b74235d14fb5d9c0cd546d9685f913a0c0b2cc5341583bf4b4392e467db96d65b9bb4cb717112f8472e0d5a"
        + "4d14505ffd7484b01291091c5f87b98883463f98091a0baaae");

    /// <summary>Verifies <paramref name="certificate"/> as an answer about <paramref name="canister"/>.</summary>
    public CertificateVerdict VerifyForCanister(Certificate certificate, Principal canister)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(canister);
        // The root (NNS) subnet speaks for every canister; a delegated subnet only for its ranges.
        return Verify(certificate, delegation => delegation is null ? null : CanisterAuthorization.Check(certificate, canister) switch
        {
            AuthorizationOutcome.Authorized => null,
            AuthorizationOutcome.TooManyDelegations => new CertificateVerdict(CertificateOutcome.TooManyDelegations, "a delegation inside a delegation"),
            AuthorizationOutcome.NotAuthorized => new CertificateVerdict(CertificateOutcome.NotAuthorized, $"subnet {delegation.SubnetId} is not certified for canister {canister}"),
            _ => new CertificateVerdict(CertificateOutcome.Unprovable, $"the canister ranges of subnet {delegation.SubnetId} are not in the delegation"),
        });
    }

    /// <summary>Verifies <paramref name="certificate"/> as an answer about the state of <paramref name="subnet"/> (subnet read_state).</summary>
    public CertificateVerdict VerifyForSubnet(Certificate certificate, Principal subnet)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(subnet);
        return Verify(certificate, delegation =>
        {
            // Without a delegation the root subnet signed, whose id is the principal of the root key.
            var signer = delegation?.SubnetId ?? Identities.SelfAuthenticating.Of(options.RootKey.Span);
            return signer.Equals(subnet)
                ? null
                : new CertificateVerdict(CertificateOutcome.NotAuthorized, $"signed by subnet {signer}, not by {subnet}");
        });
    }

    /// <summary>Like <see cref="VerifyForCanister"/>, throwing <see cref="CertificateException"/> unless valid.</summary>
    public void EnsureValidForCanister(Certificate certificate, Principal canister)
    {
        var verdict = VerifyForCanister(certificate, canister);
        if (!verdict.IsValid)
        {
            throw new CertificateException($"certificate rejected ({verdict.Outcome}): {verdict.Reason}");
        }
    }

    /// <summary>
    /// The public key (DER) of a subnet as certified in <paramref name="certificate"/>'s tree at
    /// <c>/subnet/&lt;id&gt;/public_key</c> — used for delegations and for reading node keys.
    /// </summary>
    internal static LookupResult SubnetPublicKey(Certificate certificate, Principal subnet) =>
        certificate.Tree.Lookup([Encoding.ASCII.GetBytes("subnet"), subnet.Bytes.ToArray(), Encoding.ASCII.GetBytes("public_key")]);

    private CertificateVerdict Verify(Certificate certificate, Func<CertificateDelegation?, CertificateVerdict?> authority)
    {
        var signingKey = rootKey!;
        if (certificate.Delegation is null && authority(null) is { } refusedRoot)
        {
            return SignatureValid(certificate, signingKey)
                ? refusedRoot
                : new CertificateVerdict(CertificateOutcome.InvalidSignature, "the certificate's signature does not verify");
        }

        if (certificate.Delegation is { } delegation)
        {
            if (delegation.Certificate.Delegation is not null)
            {
                return new CertificateVerdict(CertificateOutcome.TooManyDelegations, "a delegation inside a delegation");
            }

            if (!SignatureValid(delegation.Certificate, rootKey!))
            {
                return new CertificateVerdict(CertificateOutcome.InvalidSignature, "the delegation is not signed by the root key");
            }

            if (authority(delegation) is { } refused)
            {
                return refused;
            }

            var key = SubnetPublicKey(delegation.Certificate, delegation.SubnetId);
            if (key.Status != LookupStatus.Found)
            {
                return new CertificateVerdict(CertificateOutcome.Unprovable, $"the delegation does not certify the public key of subnet {delegation.SubnetId} ({key.Status})");
            }

            if (BlsKeyFromDer(key.Value) is not { } subnetKey)
            {
                return new CertificateVerdict(CertificateOutcome.InvalidSignature, "the delegated subnet key is not a DER BLS12-381 key");
            }

            signingKey = subnetKey;
        }

        if (!SignatureValid(certificate, signingKey))
        {
            return new CertificateVerdict(CertificateOutcome.InvalidSignature, "the certificate's signature does not verify");
        }

        return Fresh(certificate);
    }

    private CertificateVerdict Fresh(Certificate certificate)
    {
        if (options.MaxAge is not { } maxAge)
        {
            return CertificateVerdict.Valid;
        }

        DateTimeOffset time;
        try
        {
            time = certificate.Time;
        }
        catch (CertificateException ex)
        {
            return new CertificateVerdict(CertificateOutcome.Stale, ex.Message);
        }

        var skew = options.Clock.GetUtcNow() - time;
        return skew.Duration() <= maxAge
            ? CertificateVerdict.Valid
            : new CertificateVerdict(CertificateOutcome.Stale, $"the certified time {time:O} is {skew.Duration()} from the local clock (at most {maxAge} allowed)");
    }

    private static bool SignatureValid(Certificate certificate, byte[] publicKey)
    {
        byte[] message = [.. StateRootDomain, .. certificate.Tree.Digest()];
        return Bls12381.Verify(certificate.Signature, message, publicKey);
    }

    private static byte[]? BlsKeyFromDer(ReadOnlySpan<byte> der) =>
        der.Length == BlsKeyDerPrefix.Length + Bls12381.PublicKeySize && der.StartsWith(BlsKeyDerPrefix)
            ? der[BlsKeyDerPrefix.Length..].ToArray()
            : null;
}
