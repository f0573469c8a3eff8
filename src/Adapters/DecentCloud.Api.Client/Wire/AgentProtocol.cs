using System.Text.Json;

namespace DecentCloud.Api.Client;

/// <summary>Whom a contract's credential must be sealed for: the account's credential key and every device key (hex).</summary>
/// <param name="AccountKey">The account-level X25519 credential key.</param>
/// <param name="DeviceKeys">The Ed25519 public keys of the account's devices.</param>
public sealed record CredentialRecipients(string AccountKey, IReadOnlyList<string> DeviceKeys);

/// <summary>A paid, accepted contract to provision (never a secret).</summary>
/// <param name="ContractId">The contract id (hex).</param>
/// <param name="State">Its state.</param>
/// <param name="OfferingId">The offering.</param>
/// <param name="Cores">CPU cores.</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="SshPublicKey">The user's SSH key line.</param>
/// <param name="InstanceConfig">Backend-specific instance configuration (JSON text), if any.</param>
/// <param name="PostProvisionScript">A script to run after provisioning, if any.</param>
/// <param name="Recipients">Whom to seal the password for.</param>
/// <param name="CreatedAt">When the contract was requested.</param>
public sealed record PendingContract(
    string ContractId, string State, string OfferingId, int Cores, int MemoryMb, int StorageGb, string SshPublicKey,
    string? InstanceConfig, string? PostProvisionScript, CredentialRecipients Recipients, DateTimeOffset CreatedAt);

/// <summary>The provisioning lease: whether the caller holds it, and until when (unix nanoseconds).</summary>
/// <param name="Acquired">Whether the caller holds the lease.</param>
/// <param name="ExpiresAtNs">When the lease ends, unix nanoseconds.</param>
public sealed record LeaseReply(bool Acquired, long ExpiresAtNs);

/// <summary>A machine's public details; there is deliberately no field a password could travel in.</summary>
/// <param name="Ipv4">IPv4 address.</param>
/// <param name="Ipv6">IPv6 address.</param>
/// <param name="PublicIp">The address users connect to.</param>
/// <param name="SshPort">SSH port.</param>
/// <param name="GatewaySlug">The VM's label behind the gateway.</param>
/// <param name="GatewaySubdomain">The VM's name behind the gateway.</param>
/// <param name="GatewayPortStart">First forwarded port.</param>
/// <param name="GatewayPortEnd">Last forwarded port.</param>
/// <param name="Details">Backend-specific details.</param>
public sealed record InstanceDetails(
    string? Ipv4 = null, string? Ipv6 = null, string? PublicIp = null, int? SshPort = null, string? GatewaySlug = null, string? GatewaySubdomain = null,
    int? GatewayPortStart = null, int? GatewayPortEnd = null, IReadOnlyDictionary<string, string>? Details = null);

/// <summary><c>PUT /api/v1/provider/rental-requests/{id}/provisioning</c>.</summary>
/// <param name="Status"><c>provisioning</c>, <c>provisioned</c> or <c>provisioning_failed</c> (see <see cref="ProvisioningStatuses"/>).</param>
/// <param name="ExternalId">The backend's id of the machine (provisioned).</param>
/// <param name="Instance">The machine's public details (provisioned).</param>
/// <param name="LoginUser">The user the password belongs to (provisioned).</param>
/// <param name="Credentials">The sealed password (provisioned).</param>
/// <param name="Reason">Why it failed (provisioning_failed).</param>
public sealed record ProvisioningReport(
    string Status, string? ExternalId = null, InstanceDetails? Instance = null, string? LoginUser = null, CredentialEnvelopeV3? Credentials = null, string? Reason = null);

/// <summary>The values of <see cref="ProvisioningReport.Status"/>.</summary>
public static class ProvisioningStatuses
{
    /// <summary>Work has started.</summary>
    public const string Provisioning = "provisioning";

    /// <summary>The machine exists and its sealed password is attached.</summary>
    public const string Provisioned = "provisioned";

    /// <summary>The machine could not be made.</summary>
    public const string Failed = "provisioning_failed";
}

/// <summary><c>POST /api/v1/providers/{pk}/heartbeat</c>.</summary>
/// <param name="Version">The agent's version.</param>
/// <param name="ProvisionerTypes">The backends it runs.</param>
/// <param name="ActiveContracts">How many contracts it serves.</param>
/// <param name="Resources">Free-form resource figures, if any.</param>
/// <param name="Bandwidth">Free-form bandwidth figures, if any.</param>
public sealed record HeartbeatRequest(string Version, IReadOnlyList<string> ProvisionerTypes, int ActiveContracts, JsonElement? Resources = null, JsonElement? Bandwidth = null);

/// <summary>The heartbeat answer.</summary>
/// <param name="NextHeartbeatSeconds">When to beat again.</param>
public sealed record HeartbeatReply(int NextHeartbeatSeconds);

/// <summary>One instance as the agent sees it.</summary>
/// <param name="ExternalId">The backend's id.</param>
/// <param name="ContractId">The contract its label names, if any.</param>
/// <param name="Running">Whether it runs.</param>
public sealed record RunningInstance(string ExternalId, string? ContractId, bool Running);

/// <summary><c>POST /api/v1/providers/{pk}/reconcile</c>.</summary>
/// <param name="Instances">Every instance the agent runs.</param>
public sealed record ReconcileRequest(IReadOnlyList<RunningInstance> Instances);

/// <summary>One instance and its contract (if any) in a reconcile answer.</summary>
/// <param name="ExternalId">The backend's id.</param>
/// <param name="ContractId">Its contract, if any.</param>
public sealed record ReconciledInstance(string ExternalId, string? ContractId);

/// <summary>The reconcile answer, one list per action.</summary>
/// <param name="Keep">Leave running.</param>
/// <param name="Terminate">Remove (the contract ended).</param>
/// <param name="Pause">Stop.</param>
/// <param name="Resume">Start.</param>
/// <param name="Unknown">No contract claims them.</param>
public sealed record ReconcileReply(
    IReadOnlyList<ReconciledInstance> Keep,
    IReadOnlyList<ReconciledInstance> Terminate,
    IReadOnlyList<ReconciledInstance> Pause,
    IReadOnlyList<ReconciledInstance> Resume,
    IReadOnlyList<ReconciledInstance> Unknown);

/// <summary>A password reset to do.</summary>
/// <param name="ContractId">The contract (hex).</param>
/// <param name="ExternalId">The machine's backend id.</param>
/// <param name="LoginUser">Whose password.</param>
/// <param name="Recipients">Whom to seal the new one for.</param>
/// <param name="RequestedAt">When the user asked.</param>
public sealed record PendingPasswordReset(string ContractId, string? ExternalId, string LoginUser, CredentialRecipients Recipients, DateTimeOffset RequestedAt);

/// <summary><c>PUT /api/v1/provider/rental-requests/{id}/password</c>.</summary>
/// <param name="Status"><c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Credentials">The new sealed password (succeeded).</param>
/// <param name="Reason">Why it failed (failed).</param>
public sealed record PasswordResetReport(string Status, CredentialEnvelopeV3? Credentials = null, string? Reason = null);

/// <summary>A health check of a contract's machine: what agents post and users read.</summary>
/// <param name="CheckedAt">When it was checked.</param>
/// <param name="Status"><c>healthy</c>, <c>unhealthy</c> or <c>unknown</c>.</param>
/// <param name="LatencyMs">The measured latency, if any.</param>
/// <param name="Details">What was seen, if anything.</param>
public sealed record HealthReport(DateTimeOffset CheckedAt, string Status, int? LatencyMs = null, string? Details = null);
