using DecentCloud.Api.Client;
using App = DecentCloud.Application;

namespace DecentCloud.Api.Http;

/// <summary>
/// The use cases' answers in the wire records of <c>DecentCloud.Api.Client</c>: the API replies with the
/// same records its client reads, so a field cannot drift between the two.
/// </summary>
internal static class WireMapping
{
    public static GatewayCredentials ToWire(this App.Gateways.GatewayCredentials c) => new(
        c.AcmeDnsServerUrl, c.AcmeDnsUsername, c.AcmeDnsPassword, c.AcmeDnsSubdomain, c.FullDomain, c.Wildcard, c.GwPrefix, c.Domain);

    public static IReadOnlyList<GatewayCredentialSummary> ToWire(this IReadOnlyList<App.Gateways.GatewayCredentialSummary> list) =>
        [.. list.Select(s => new GatewayCredentialSummary(s.DcId, s.ProviderId, s.AcmeDnsUsername, s.FullDomain, s.CreatedAt, s.UpdatedAt, s.RevokedAt))];

    public static PublishedVmAddress ToWire(this App.Dns.PublishedVmAddress a) => new(a.Fqdn, a.Ipv4, a.Ttl);

    public static IReadOnlyList<VmNameRecord> ToWire(this IReadOnlyList<App.Dns.VmNameView> list) =>
        [.. list.Select(n => new VmNameRecord(n.DcId, n.Slug, n.Fqdn, n.Ipv4, n.ContractId, n.ContractAlive, n.UpdatedAt))];

    public static CredentialRecipients ToWire(this App.AgentProtocol.CredentialRecipients r) => new(r.AccountKey, r.DeviceKeys);

    public static IReadOnlyList<PendingContract> ToWire(this IReadOnlyList<App.AgentProtocol.PendingContract> list) =>
        [.. list.Select(c => new PendingContract(
            c.ContractId, c.State, c.OfferingId, c.Cores, c.MemoryMb, c.StorageGb, c.SshPublicKey, c.InstanceConfig, c.PostProvisionScript,
            c.Recipients.ToWire(), c.CreatedAt))];

    public static IReadOnlyList<PendingPasswordReset> ToWire(this IReadOnlyList<App.AgentProtocol.PendingPasswordReset> list) =>
        [.. list.Select(r => new PendingPasswordReset(r.ContractId, r.ExternalId, r.LoginUser, r.Recipients.ToWire(), r.RequestedAt))];

    public static LeaseReply ToWire(this Domain.Contracts.LeaseOutcome outcome) =>
        new(outcome.Acquired, outcome.ExpiresAt.ToUnixTimeMilliseconds() * 1_000_000);

    public static HeartbeatReply ToWire(this App.AgentProtocol.HeartbeatReply reply) => new(reply.NextHeartbeatSeconds);

    public static ReconcileReply ToWire(this App.AgentProtocol.ReconcileReply r) =>
        new(Instances(r.Keep), Instances(r.Terminate), Instances(r.Pause), Instances(r.Resume), Instances(r.Unknown));

    public static IReadOnlyList<App.AgentProtocol.RunningInstance>? FromWire(this IReadOnlyList<RunningInstance>? instances) =>
        instances is null ? null : [.. instances.Select(i => new App.AgentProtocol.RunningInstance(i.ExternalId, i.ContractId, i.Running))];

    public static AccountDetails ToWire(this App.Accounts.AccountView a) =>
        new(a.AccountId, a.CredentialKey, [.. a.Devices.Select(d => new DeviceDetails(d.DeviceKey, d.Label, d.AddedAt, d.RevokedAt))]);

    public static ContractDetails ToWire(this App.Contracts.ContractView c) => new(
        c.ContractId, c.State, c.ProviderId, c.Pool, c.OfferingId, c.Paid, c.ExternalId, c.Instance, c.LoginUser, c.CredentialEnvelope,
        c.CredentialExpiresAt, c.PasswordReset, c.PasswordResetError, c.CreatedAt, c.EndsAt,
        [.. c.History.Select(h => new ContractTransition(h.From, h.To, h.At, h.Actor, h.Reason))],
        c.Access is { } a ? new ContractAccess(a.HttpsUrl, a.SshHost, a.SshPort, a.LoginUser) : null,
        c.RentalPriceNanoUsd);

    public static IReadOnlyList<HealthReport> ToWire(this IReadOnlyList<App.Contracts.HealthReportView> list) =>
        [.. list.Select(r => new HealthReport(r.CheckedAt, r.Status, r.LatencyMs, r.Details))];

    private static IReadOnlyList<ReconciledInstance> Instances(IReadOnlyList<App.AgentProtocol.ReconciledInstance> list) =>
        [.. list.Select(i => new ReconciledInstance(i.ExternalId, i.ContractId))];
}
