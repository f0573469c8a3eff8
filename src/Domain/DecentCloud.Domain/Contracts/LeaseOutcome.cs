namespace DecentCloud.Domain.Contracts;

/// <summary>The answer to a lease request: whether the caller holds it now, and until when the holder does.</summary>
public sealed record LeaseOutcome(bool Acquired, DateTimeOffset ExpiresAt);
