using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Agent.Common;
using DecentCloud.Application.ProviderAgent.Protocol;

namespace DecentCloud.Agent.Run;

/// <summary>
/// The agent protocol of the API (provisioning-agent.md) over signed HTTP. Kept thin on purpose: the shared
/// API client package replaces it later without touching the use cases.
/// </summary>
internal sealed class ProtocolClient(ApiClient api, AgentSigner signer, string providerId) : IProviderApi
{
    private string Provider => $"api/v1/providers/{Uri.EscapeDataString(providerId)}";

    public async Task<IReadOnlyList<PendingContract>> PendingContractsAsync(CancellationToken cancellationToken) =>
        await CallAsync(() => api.SendAsync<List<PendingContract>>(HttpMethod.Get, $"{Provider}/contracts/pending-provision", null, signer, cancellationToken));

    public Task<LeaseReply> LeaseAsync(string contractId, CancellationToken cancellationToken) =>
        CallAsync(() => api.SendAsync<LeaseReply>(HttpMethod.Post, $"{Provider}/contracts/{contractId}/lock", null, signer, cancellationToken));

    public Task ReleaseLeaseAsync(string contractId, CancellationToken cancellationToken) =>
        CallAsync(() => api.SendAsync(HttpMethod.Delete, $"{Provider}/contracts/{contractId}/lock", null, signer, cancellationToken));

    public Task ReportAsync(string contractId, ProvisioningReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new { report.Status, report.ExternalId, report.Instance, report.LoginUser, Credentials = AsJson(report.CredentialEnvelope), report.Reason };
        return CallAsync(() => api.SendAsync(HttpMethod.Put, $"api/v1/provider/rental-requests/{contractId}/provisioning", body, signer, cancellationToken));
    }

    public Task<HeartbeatReply> HeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) =>
        CallAsync(() => api.SendAsync<HeartbeatReply>(HttpMethod.Post, $"{Provider}/heartbeat", heartbeat, signer, cancellationToken));

    public Task<ReconcileReply> ReconcileAsync(IReadOnlyList<RunningInstance> instances, CancellationToken cancellationToken) =>
        CallAsync(() => api.SendAsync<ReconcileReply>(HttpMethod.Post, $"{Provider}/reconcile", new { instances }, signer, cancellationToken));

    public Task TerminatedAsync(string contractId, CancellationToken cancellationToken) =>
        CallAsync(() => api.SendAsync(HttpMethod.Put, $"{Provider}/contracts/{contractId}/terminated", null, signer, cancellationToken));

    public Task ReportHealthAsync(string contractId, HealthCheckReport report, CancellationToken cancellationToken) =>
        CallAsync(() => api.SendAsync(HttpMethod.Post, $"api/v1/contracts/{contractId}/health", report, signer, cancellationToken));

    public async Task<IReadOnlyList<PendingPasswordReset>> PendingPasswordResetsAsync(CancellationToken cancellationToken) =>
        await CallAsync(() => api.SendAsync<List<PendingPasswordReset>>(HttpMethod.Get, $"{Provider}/contracts/pending-password-reset", null, signer, cancellationToken));

    public Task ReportPasswordAsync(string contractId, PasswordOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var body = new { outcome.Status, Credentials = AsJson(outcome.CredentialEnvelope), outcome.Reason };
        return CallAsync(() => api.SendAsync(HttpMethod.Put, $"api/v1/provider/rental-requests/{contractId}/password", body, signer, cancellationToken));
    }

    // The wire carries the envelope as a JSON object, not as a string holding JSON.
    private static JsonElement? AsJson(string? envelope)
    {
        if (envelope is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(envelope);
        return doc.RootElement.Clone();
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiCallException ex)
        {
            throw new ProviderApiException(ex.Message, ex) { Status = ex.Status };
        }
    }

    private static async Task CallAsync(Func<Task> call) =>
        await CallAsync(async () =>
        {
            await call();
            return true;
        });
}
