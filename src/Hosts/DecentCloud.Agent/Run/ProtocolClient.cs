using System.Text.Json;
using DecentCloud.Agent.Common;
using DecentCloud.Api.Client;
using DecentCloud.Application.ProviderAgent.Protocol;
using Port = DecentCloud.Application.ProviderAgent.Protocol;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Agent.Run;

/// <summary>
/// The agent protocol of the API (provisioning-agent.md) as the ProviderAgent package's port: each call goes through
/// the API client package's <see cref="IAgentApi"/>, and this class only maps the client's wire records to the port's.
/// </summary>
internal sealed class ProtocolClient(AgentApi api, string providerId) : IProviderApi
{
    public async Task<IReadOnlyList<Port.PendingContract>> PendingContractsAsync(CancellationToken cancellationToken) =>
        Required(await CallAsync(() => api.Agent.ListPendingProvisionAsync(providerId, cancellationToken)), "pending-provision")
            .Select(c => new Port.PendingContract(
                c.ContractId, c.State, c.OfferingId, c.Cores, c.MemoryMb, c.StorageGb, c.SshPublicKey, c.InstanceConfig, c.PostProvisionScript,
                Recipients(c.Recipients), c.CreatedAt))
            .ToList();

    public async Task<Port.LeaseReply> LeaseAsync(string contractId, CancellationToken cancellationToken)
    {
        var lease = Required(await CallAsync(() => api.Agent.AcquireLeaseAsync(providerId, contractId, cancellationToken)), "lock");
        return new Port.LeaseReply(lease.Acquired, lease.ExpiresAtNs);
    }

    public Task ReleaseLeaseAsync(string contractId, CancellationToken cancellationToken) =>
        CallAsync(() => api.Agent.ReleaseLeaseAsync(providerId, contractId, cancellationToken));

    public Task ReportAsync(string contractId, Port.ProvisioningReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var instance = report.Instance is { } i
            ? new InstanceDetails(i.Ipv4, i.Ipv6, i.PublicIp, i.SshPort, i.GatewaySlug, i.GatewaySubdomain, i.GatewayPortStart, i.GatewayPortEnd, i.Details)
            : null;
        var body = new Wire.ProvisioningReport(report.Status, report.ExternalId, instance, report.LoginUser, Envelope(report.CredentialEnvelope), report.Reason);
        return CallAsync(() => api.Agent.ReportProvisioningAsync(contractId, body, cancellationToken));
    }

    public async Task<Port.HeartbeatReply> HeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var body = new HeartbeatRequest(
            heartbeat.Version, heartbeat.ProvisionerTypes, heartbeat.ActiveContracts, JsonSerializer.SerializeToElement(heartbeat.Resources, DecentCloudApiJson.Tolerant));
        var reply = Required(await CallAsync(() => api.Agent.HeartbeatAsync(providerId, body, cancellationToken)), "heartbeat");
        return new Port.HeartbeatReply(reply.NextHeartbeatSeconds);
    }

    public async Task<Port.ReconcileReply> ReconcileAsync(IReadOnlyList<Port.RunningInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var body = new ReconcileRequest(instances.Select(i => new Wire.RunningInstance(i.ExternalId, i.ContractId, i.Running)).ToList());
        var reply = Required(await CallAsync(() => api.Agent.ReconcileAsync(providerId, body, cancellationToken)), "reconcile");
        return new Port.ReconcileReply(Instances(reply.Keep), Instances(reply.Terminate), Instances(reply.Pause), Instances(reply.Resume), Instances(reply.Unknown));
    }

    public Task TerminatedAsync(string contractId, CancellationToken cancellationToken) =>
        CallAsync(() => api.Agent.MarkTerminatedAsync(providerId, contractId, cancellationToken));

    public Task ReportHealthAsync(string contractId, HealthCheckReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new HealthReport(report.CheckedAt, report.Status, report.LatencyMs, report.Details);
        return CallAsync(() => api.Agent.ReportHealthAsync(contractId, body, cancellationToken));
    }

    public async Task<IReadOnlyList<Port.PendingPasswordReset>> PendingPasswordResetsAsync(CancellationToken cancellationToken) =>
        Required(await CallAsync(() => api.Agent.ListPendingPasswordResetsAsync(providerId, cancellationToken)), "pending-password-reset")
            .Select(r => new Port.PendingPasswordReset(r.ContractId, r.ExternalId, r.LoginUser, Recipients(r.Recipients), r.RequestedAt))
            .ToList();

    public Task ReportPasswordAsync(string contractId, PasswordOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var body = new PasswordResetReport(outcome.Status, Envelope(outcome.CredentialEnvelope), outcome.Reason);
        return CallAsync(() => api.Agent.ReportPasswordResetAsync(contractId, body, cancellationToken));
    }

    // Strict, so an envelope field the wire record lacks fails here instead of being dropped on the way to the user.
    private static CredentialEnvelopeV3? Envelope(string? sealedJson) =>
        sealedJson is null ? null : JsonSerializer.Deserialize<CredentialEnvelopeV3>(sealedJson, DecentCloudApiJson.Strict);

    private static Port.CredentialRecipients Recipients(Wire.CredentialRecipients recipients) => new(recipients.AccountKey, recipients.DeviceKeys);

    private static List<Port.ReconciledInstance> Instances(IReadOnlyList<Wire.ReconciledInstance>? list) =>
        (list ?? []).Select(i => new Port.ReconciledInstance(i.ExternalId, i.ContractId)).ToList();

    private static T Required<T>(T? reply, string route)
        where T : class =>
        reply ?? throw new ProviderApiException($"the API's {route} reply was empty.");

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AgentApi.IsFailure(ex))
        {
            throw Refused(ex);
        }
    }

    private async Task CallAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (AgentApi.IsFailure(ex))
        {
            throw Refused(ex);
        }
    }

    private ProviderApiException Refused(Exception ex) => new(api.Describe(ex), ex) { Status = AgentApi.StatusOf(ex) };
}
