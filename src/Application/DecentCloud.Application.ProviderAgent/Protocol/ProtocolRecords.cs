namespace DecentCloud.Application.ProviderAgent.Protocol;

/// <summary>The keys a password is sealed for: the account's credential key (X25519, hex) and its device keys (Ed25519, hex).</summary>
public sealed record CredentialRecipients(string AccountKey, IReadOnlyList<string> DeviceKeys);

/// <summary>A contract waiting for its machine.</summary>
public sealed record PendingContract(
    string ContractId, string State, string OfferingId, int Cores, int MemoryMb, int StorageGb, string SshPublicKey,
    string? InstanceConfig, string? PostProvisionScript, CredentialRecipients Recipients, DateTimeOffset CreatedAt);

/// <summary>A provisioning lease: whether this agent holds it, and until when (unix nanoseconds).</summary>
public sealed record LeaseReply(bool Acquired, long ExpiresAtNs)
{
    /// <summary>When the lease runs out.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtNs / 1_000_000);
}

/// <summary>Where a provisioned machine is reached; the gateway fields when it is served behind this host's gateway.</summary>
public sealed record InstanceReport(
    string? Ipv4, string? Ipv6, string? PublicIp, int? SshPort, IReadOnlyDictionary<string, string>? Details,
    string? GatewaySlug = null, string? GatewaySubdomain = null, int? GatewayPortStart = null, int? GatewayPortEnd = null);

/// <summary>A provisioning status; <paramref name="CredentialEnvelope"/> is the sealed password (JSON), never a plaintext.</summary>
public sealed record ProvisioningReport(
    string Status, string? ExternalId = null, InstanceReport? Instance = null, string? LoginUser = null, string? CredentialEnvelope = null, string? Reason = null);

/// <summary>The host's resources as a heartbeat carries them.</summary>
public sealed record AgentResources(int CpuCount, long MemoryBytes);

/// <summary>A heartbeat.</summary>
public sealed record Heartbeat(string Version, IReadOnlyList<string> ProvisionerTypes, int ActiveContracts, AgentResources Resources);

/// <summary>The API's answer to a heartbeat.</summary>
public sealed record HeartbeatReply(int NextHeartbeatSeconds);

/// <summary>An instance the backend runs, as sent for reconciliation.</summary>
public sealed record RunningInstance(string ExternalId, string? ContractId, bool Running);

/// <summary>An instance named in a reconcile reply.</summary>
public sealed record ReconciledInstance(string ExternalId, string? ContractId);

/// <summary>What to do with each instance.</summary>
public sealed record ReconcileReply(
    IReadOnlyList<ReconciledInstance> Keep, IReadOnlyList<ReconciledInstance> Terminate, IReadOnlyList<ReconciledInstance> Pause,
    IReadOnlyList<ReconciledInstance> Resume, IReadOnlyList<ReconciledInstance> Unknown);

/// <summary>One health measurement: <c>healthy</c>, <c>unhealthy</c> or <c>unknown</c>.</summary>
public sealed record HealthCheckReport(DateTimeOffset CheckedAt, string Status, int? LatencyMs, string? Details);

/// <summary>A password reset a user asked for.</summary>
public sealed record PendingPasswordReset(string ContractId, string? ExternalId, string LoginUser, CredentialRecipients Recipients, DateTimeOffset RequestedAt);

/// <summary>A reset's outcome: <c>succeeded</c> with the sealed password, or <c>failed</c> with the reason.</summary>
public sealed record PasswordOutcome(string Status, string? CredentialEnvelope = null, string? Reason = null);
