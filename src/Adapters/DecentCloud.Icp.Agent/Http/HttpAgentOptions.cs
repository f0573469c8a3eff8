using DecentCloud.Icp.Agent.Identities;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>Options of an <see cref="HttpAgent"/>. The defaults suit the IC mainnet.</summary>
public sealed record HttpAgentOptions
{
    /// <summary>The boundary node or replica, e.g. <c>https://icp-api.io</c>; a local replica is <c>http://127.0.0.1:4943</c>.</summary>
    public required Uri Host { get; init; }

    /// <summary>Who signs the requests (anonymous by default).</summary>
    public IIdentity Identity { get; init; } = AnonymousIdentity.Instance;

    /// <summary>
    /// The root key certificates are verified against (DER): the IC mainnet's, built in. Replace it only for a
    /// local replica — or set <see cref="LocalNetwork"/> and call <see cref="HttpAgent.FetchRootKeyAsync"/>.
    /// </summary>
    public ReadOnlyMemory<byte> RootKey { get; init; } = CertificateVerifier.MainnetRootKey;

    /// <summary>Declares the host a local development replica; only then may the root key be fetched from it.</summary>
    public bool LocalNetwork { get; init; }

    /// <summary>How far ahead requests expire (default 3 minutes; at most 5, the replica's limit). From 90 seconds up it is rounded down to the minute.</summary>
    public TimeSpan IngressExpiry { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How far a certificate's <c>/time</c> may be from the (drift-corrected) clock (default 5 minutes).</summary>
    public TimeSpan MaxCertificateAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The largest difference between the local clock and the IC's that the agent corrects for (default 15
    /// minutes; zero turns correction off). A time certificate cannot prove it is fresh, so this also bounds how
    /// old a replayed certificate could be made to look current: keep it small and the system clock synchronised.
    /// </summary>
    public TimeSpan MaxClockDrift { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long to poll for the outcome of an accepted call before giving up (default 5 minutes).</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait between polls (default 500 ms); each next wait is 1.5 times longer up to <see cref="MaxPollDelay"/>.</summary>
    public TimeSpan InitialPollDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between polls (default 5 seconds).</summary>
    public TimeSpan MaxPollDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a request answered 429 or 503 is retried (default 4), waiting Retry-After or an exponential backoff.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff after a 429/503 without Retry-After (default 250 ms, doubling).</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether query replies must carry valid node signatures (default true).</summary>
    public bool VerifyQuerySignatures { get; init; } = true;

    /// <summary>How long a subnet's node keys are reused before they are read again (default 10 minutes).</summary>
    public TimeSpan NodeKeyLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock used for expiries, freshness and waits.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Host);
        ArgumentNullException.ThrowIfNull(Identity);
        if (IngressExpiry <= TimeSpan.Zero || IngressExpiry > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(IngressExpiry), IngressExpiry, "The ingress expiry must be positive and at most 5 minutes.");
        }

        if (MaxClockDrift < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClockDrift), MaxClockDrift, "The largest clock drift cannot be negative.");
        }

        if (MaxRetries < 0 || PollTimeout <= TimeSpan.Zero || InitialPollDelay <= TimeSpan.Zero || MaxPollDelay < InitialPollDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(PollTimeout), "Retries must not be negative and the poll timings must be positive, with MaxPollDelay ≥ InitialPollDelay.");
        }
    }
}
