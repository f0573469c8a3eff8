namespace DecentCloud.Application.ProviderAgent.Protocol;

/// <summary>
/// The calls the agent makes to the DecentCloud API (provisioning-agent.md), independent of the wire: the host
/// implements it over signed HTTP. Every method throws <see cref="ProviderApiException"/> when the API cannot be
/// reached or refuses.
/// </summary>
public interface IProviderApi
{
    /// <summary>Paid, accepted contracts of this agent's pool that wait for a machine, oldest first.</summary>
    Task<IReadOnlyList<PendingContract>> PendingContractsAsync(CancellationToken cancellationToken);

    /// <summary>Takes or renews the provisioning lease of a contract.</summary>
    Task<LeaseReply> LeaseAsync(string contractId, CancellationToken cancellationToken);

    /// <summary>Gives a provisioning lease back, so that the next start (or another agent) resumes the contract at once.</summary>
    Task ReleaseLeaseAsync(string contractId, CancellationToken cancellationToken);

    /// <summary>Reports <c>provisioning</c>, <c>provisioned</c> or <c>provisioning_failed</c>.</summary>
    Task ReportAsync(string contractId, ProvisioningReport report, CancellationToken cancellationToken);

    /// <summary>Says the agent is alive; the reply names when to say it again.</summary>
    Task<HeartbeatReply> HeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>Sends the backend's instances; the reply says what to keep, terminate, pause, resume, and what nobody claims.</summary>
    Task<ReconcileReply> ReconcileAsync(IReadOnlyList<RunningInstance> instances, CancellationToken cancellationToken);

    /// <summary>Tells the API a contract's machine is gone.</summary>
    Task TerminatedAsync(string contractId, CancellationToken cancellationToken);

    /// <summary>Reports what a health check measured.</summary>
    Task ReportHealthAsync(string contractId, HealthCheckReport report, CancellationToken cancellationToken);

    /// <summary>Password resets users asked for.</summary>
    Task<IReadOnlyList<PendingPasswordReset>> PendingPasswordResetsAsync(CancellationToken cancellationToken);

    /// <summary>Reports a reset's outcome (with the sealed new password when it succeeded).</summary>
    Task ReportPasswordAsync(string contractId, PasswordOutcome outcome, CancellationToken cancellationToken);
}
