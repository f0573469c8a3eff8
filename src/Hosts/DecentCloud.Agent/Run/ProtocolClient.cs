using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Agent.Common;

namespace DecentCloud.Agent.Run;

/// <summary>The agent protocol of the API (provisioning-agent.md), every call signed with the agent key.</summary>
internal sealed class ProtocolClient(ApiClient api, AgentSigner signer, string providerId)
{
    private string Provider => $"api/v1/providers/{Uri.EscapeDataString(providerId)}";

    public Task<List<PendingContract>> PendingProvisionAsync(CancellationToken ct) =>
        api.SendAsync<List<PendingContract>>(HttpMethod.Get, $"{Provider}/contracts/pending-provision", null, signer, ct);

    public Task<LeaseReply> LockAsync(string contractId, CancellationToken ct) =>
        api.SendAsync<LeaseReply>(HttpMethod.Post, $"{Provider}/contracts/{contractId}/lock", null, signer, ct);

    public Task UnlockAsync(string contractId, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Delete, $"{Provider}/contracts/{contractId}/lock", null, signer, ct);

    public Task ReportAsync(string contractId, ProvisioningReport report, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Put, $"api/v1/provider/rental-requests/{contractId}/provisioning", report, signer, ct);

    public Task<HeartbeatReply> HeartbeatAsync(Heartbeat beat, CancellationToken ct) =>
        api.SendAsync<HeartbeatReply>(HttpMethod.Post, $"{Provider}/heartbeat", beat, signer, ct);

    public Task<ReconcileReply> ReconcileAsync(IReadOnlyList<RunningInstance> instances, CancellationToken ct) =>
        api.SendAsync<ReconcileReply>(HttpMethod.Post, $"{Provider}/reconcile", new { instances }, signer, ct);

    public Task TerminatedAsync(string contractId, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Put, $"{Provider}/contracts/{contractId}/terminated", null, signer, ct);

    public Task HealthAsync(string contractId, HealthBody report, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Post, $"api/v1/contracts/{contractId}/health", report, signer, ct);

    public Task<List<PendingPasswordReset>> PendingPasswordResetsAsync(CancellationToken ct) =>
        api.SendAsync<List<PendingPasswordReset>>(HttpMethod.Get, $"{Provider}/contracts/pending-password-reset", null, signer, ct);

    public Task PasswordAsync(string contractId, PasswordOutcome outcome, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Put, $"api/v1/provider/rental-requests/{contractId}/password", outcome, signer, ct);
}

internal sealed record Recipients(string AccountKey, List<string> DeviceKeys);

internal sealed record PendingContract(
    string ContractId, string State, string OfferingId, int Cores, int MemoryMb, int StorageGb, string SshPublicKey,
    string? InstanceConfig, string? PostProvisionScript, Recipients Recipients, DateTimeOffset CreatedAt);

internal sealed record LeaseReply(bool Acquired, long ExpiresAtNs);

internal sealed record InstanceReport(string? Ipv4, string? Ipv6, string? PublicIp, int? SshPort, IReadOnlyDictionary<string, string>? Details);

internal sealed record ProvisioningReport(string Status, string? ExternalId = null, InstanceReport? Instance = null, string? LoginUser = null, JsonElement? Credentials = null, string? Reason = null);

internal sealed record Heartbeat(string Version, IReadOnlyList<string> ProvisionerTypes, int ActiveContracts, object? Resources);

internal sealed record HeartbeatReply(int NextHeartbeatSeconds);

internal sealed record RunningInstance(string ExternalId, string? ContractId, bool Running);

internal sealed record ReconciledInstance(string ExternalId, string? ContractId);

internal sealed record ReconcileReply(List<ReconciledInstance> Keep, List<ReconciledInstance> Terminate, List<ReconciledInstance> Pause, List<ReconciledInstance> Resume, List<ReconciledInstance> Unknown);

internal sealed record HealthBody(DateTimeOffset CheckedAt, string Status, int? LatencyMs, string? Details);

internal sealed record PendingPasswordReset(string ContractId, string? ExternalId, string LoginUser, Recipients Recipients, DateTimeOffset RequestedAt);

internal sealed record PasswordOutcome(string Status, JsonElement? Credentials = null, string? Reason = null);
