using Refit;

namespace DecentCloud.Api.Client;

/// <summary>The routes a provider's agent calls, each signed with the agent key (<c>X-Agent-Pubkey</c>).</summary>
public interface IAgentApi
{
    /// <summary>Registers the gateway's dc_id and issues acme-dns credentials (<c>dns_manage</c>).</summary>
    [Post("/api/v1/agents/gateway/register")]
    Task<GatewayCredentials> RegisterGatewayAsync([Body] GatewayRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>The provider's acme-dns credentials, without secrets (<c>dns_manage</c>).</summary>
    [Get("/api/v1/agents/gateway/credentials")]
    Task<IReadOnlyList<GatewayCredentialSummary>> ListGatewayCredentialsAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes one gateway's credentials (<c>dns_manage</c>).</summary>
    [Delete("/api/v1/agents/gateway/credentials/{dcId}")]
    Task RevokeGatewayCredentialsAsync(string dcId, CancellationToken cancellationToken = default);

    /// <summary>Creates or deletes a VM's A record behind the gateway (<c>dns_manage</c>).</summary>
    [Post("/api/v1/agents/dns")]
    Task<PublishedVmAddress> PublishVmAddressAsync([Body] VmDnsRequest request, CancellationToken cancellationToken = default);

    /// <summary>The VM names of one of the provider's gateways, by slug, at most 10,000 (<c>dns_manage</c>).</summary>
    [Get("/api/v1/agents/dns")]
    Task<IReadOnlyList<VmNameRecord>> ListVmAddressesAsync([Query] string dcId, CancellationToken cancellationToken = default);

    /// <summary>Paid, accepted contracts of the agent's pool not leased to another agent, oldest first (<c>fetch_contracts</c>).</summary>
    [Get("/api/v1/providers/{providerId}/contracts/pending-provision")]
    Task<IReadOnlyList<PendingContract>> ListPendingProvisionAsync(string providerId, CancellationToken cancellationToken = default);

    /// <summary>Takes or renews a contract's provisioning lease (<c>provision</c>).</summary>
    [Post("/api/v1/providers/{providerId}/contracts/{contractId}/lock")]
    Task<LeaseReply> AcquireLeaseAsync(string providerId, string contractId, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease back (<c>provision</c>).</summary>
    [Delete("/api/v1/providers/{providerId}/contracts/{contractId}/lock")]
    Task ReleaseLeaseAsync(string providerId, string contractId, CancellationToken cancellationToken = default);

    /// <summary>Reports provisioning progress; the lease must be held (<c>provision</c>).</summary>
    [Put("/api/v1/provider/rental-requests/{contractId}/provisioning")]
    Task ReportProvisioningAsync(string contractId, [Body] ProvisioningReport report, CancellationToken cancellationToken = default);

    /// <summary>Version, backends and load; the reply gives the next interval (<c>heartbeat</c>).</summary>
    [Post("/api/v1/providers/{providerId}/heartbeat")]
    Task<HeartbeatReply> HeartbeatAsync(string providerId, [Body] HeartbeatRequest heartbeat, CancellationToken cancellationToken = default);

    /// <summary>Running instances in; keep/terminate/pause/resume/unknown out (<c>fetch_contracts</c>).</summary>
    [Post("/api/v1/providers/{providerId}/reconcile")]
    Task<ReconcileReply> ReconcileAsync(string providerId, [Body] ReconcileRequest request, CancellationToken cancellationToken = default);

    /// <summary>The contract's machine is gone (<c>provision</c>).</summary>
    [Put("/api/v1/providers/{providerId}/contracts/{contractId}/terminated")]
    Task MarkTerminatedAsync(string providerId, string contractId, CancellationToken cancellationToken = default);

    /// <summary>Contracts whose user asked for a new password (<c>provision</c>).</summary>
    [Get("/api/v1/providers/{providerId}/contracts/pending-password-reset")]
    Task<IReadOnlyList<PendingPasswordReset>> ListPendingPasswordResetsAsync(string providerId, CancellationToken cancellationToken = default);

    /// <summary>The outcome of a requested password reset (<c>provision</c>).</summary>
    [Put("/api/v1/provider/rental-requests/{contractId}/password")]
    Task ReportPasswordResetAsync(string contractId, [Body] PasswordResetReport report, CancellationToken cancellationToken = default);

    /// <summary>A health check of the contract's machine (<c>health_check</c>).</summary>
    [Post("/api/v1/contracts/{contractId}/health")]
    Task ReportHealthAsync(string contractId, [Body] HealthReport report, CancellationToken cancellationToken = default);
}
