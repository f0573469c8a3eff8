using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Running;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// Provisions one contract, crash-safe at every step: take the lease; report provisioning; if the backend
/// already has a machine for the contract (an earlier run died), finish that one with the envelope sealed
/// before it was created; otherwise seal a fresh password, journal the envelope, create the machine; then
/// put the machine behind the gateway (name, site, SSH port) when the host has one; then
/// report provisioned with the envelope and where the machine is reached. The lease is renewed while the work runs; once the API says it is
/// lost, the work stops (another agent may take the contract, and two must never build a machine for it).
/// </summary>
public sealed partial class ContractProvisioner(
    IProviderApi api,
    IProvisioner provisioner,
    EnvelopeJournal journal,
    ICredentialSealer sealer,
    IHostKeyReader hostKeys,
    HostKeyJournal hostKeyJournal,
    ProviderAgentOptions options,
    TimeProvider time,
    ILogger<ContractProvisioner> logger,
    VmGateway? gateway = null)
{
    /// <summary>
    /// Provisions <paramref name="pending"/>; a backend refusal or a password that cannot be sealed for the contract's keys is
    /// reported as <c>provisioning_failed</c> with its reason, anything else propagates and the next poll resumes.
    /// </summary>
    public async Task RunAsync(PendingContract pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var contractId = ContractId.FromHex(pending.ContractId);
        if (contractId.IsFailed)
        {
            LogBadId(logger, pending.ContractId);
            return;
        }

        var lease = await api.LeaseAsync(pending.ContractId, cancellationToken);
        if (!lease.Acquired)
        {
            LogLeaseHeld(logger, pending.ContractId);
            return;
        }

        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(pending.ContractId, lease, work, renewal.Token);
        try
        {
            await api.ReportAsync(pending.ContractId, new ProvisioningReport("provisioning"), work.Token);
            LogStarted(logger, pending.ContractId, provisioner.Type);
            var httpPort = gateway is null ? 0 : GatewayHttpPort.From(pending.InstanceConfig, gateway.DefaultHttpPort);

            // Before the machine exists, so a gateway without a free SSH port fails the contract with nothing to clean up.
            if (gateway is not null)
            {
                await gateway.ReserveAsync(pending.ContractId, httpPort, work.Token);
            }

            var (instance, envelope) = await CreateOrResumeAsync(pending, contractId.Value, work.Token);
            await RecordHostKeyAsync(pending.ContractId, instance, work.Token);
            var access = gateway is null ? null : await gateway.ExposeAsync(pending.ContractId, instance, httpPort, work.Token);
            var report = new ProvisioningReport("provisioned", instance.ExternalId, Reached(instance, access), options.LoginUser, envelope);
            await api.ReportAsync(pending.ContractId, report, work.Token);
            journal.Remove(pending.ContractId);
            LogProvisioned(logger, pending.ContractId, instance.ExternalId);
        }
        catch (Exception ex) when (ex is ProvisioningException or CredentialSealingException or ArgumentException)
        {
            // The backend refused, the contract's own settings are unusable (e.g. a malformed key or instance
            // config), or its credential keys cannot receive a sealed password: retrying cannot help, so the
            // failure goes to the user, once.
            LogFailed(logger, pending.ContractId, ex.Message);
            await ReleaseGatewayAsync(pending.ContractId, cancellationToken);
            await api.ReportAsync(pending.ContractId, new ProvisioningReport("provisioning_failed", Reason: ex.Message), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off at shutdown: the machine (if any) carries the contract id and the envelope stays journaled,
            // so whoever takes the lease next resumes; giving it back now spares them the wait for its expiry.
            await ReleaseLeaseAsync(pending.ContractId);
            throw;
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            // The lease was lost: whoever holds it now resumes from the tagged machine and the journaled envelope,
            // so nothing is reported (the report is theirs to make) and nothing is given back (nothing is held).
            LogCutByLostLease(logger, pending.ContractId);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    private async Task<(ProvisionedInstance Instance, string Envelope)> CreateOrResumeAsync(PendingContract pending, ContractId contractId, CancellationToken cancellationToken)
    {
        var existing = await provisioner.FindByContractAsync(contractId, cancellationToken);
        var journaled = journal.Load(pending.ContractId);

        // The journaled envelope holds the password the machine was created with; a machine that got an address
        // was created with it. One without an address may have stopped half-way (e.g. before its cloud-init
        // settings were applied), and a machine without a journal has a password nobody can deliver: replace those.
        if (existing is not null && journaled is not null && (existing.Ipv4 ?? existing.Ipv6) is not null)
        {
            LogResumed(logger, pending.ContractId, existing.ExternalId);
            return (existing, journaled);
        }

        // Sealed first: a recipient key that cannot receive the password fails the contract before any machine is touched.
        var password = PasswordGenerator.New();
        var envelope = sealer.Seal(password, contractId, pending.Recipients);
        if (existing is not null)
        {
            LogReplacing(logger, pending.ContractId, existing.ExternalId);
            await provisioner.TerminateAsync(existing.ExternalId, cancellationToken);
        }

        journal.Save(pending.ContractId, envelope);
        return (await provisioner.ProvisionAsync(Request(pending, contractId, password), cancellationToken), envelope);
    }

    // Users connect to the gateway's address and forwarded port when SSH is forwarded, to the machine's own otherwise.
    private static InstanceReport Reached(ProvisionedInstance instance, GatewayAccess? access) =>
        access is null
            ? new InstanceReport(instance.Ipv4, instance.Ipv6, instance.Ipv4 ?? instance.Ipv6, instance.SshPort, instance.Details)
            : new InstanceReport(
                instance.Ipv4, instance.Ipv6, access.SshPort is null ? instance.Ipv4 ?? instance.Ipv6 : access.PublicIp, access.SshPort ?? instance.SshPort,
                instance.Details, access.Slug, access.Fqdn, access.SshPort, access.SshPort);

    // A failed contract gives its slug and SSH port back; when that fails too, the next reconcile round does it.
    private async Task ReleaseGatewayAsync(string contractId, CancellationToken cancellationToken)
    {
        if (gateway is null)
        {
            return;
        }

        try
        {
            await gateway.WithdrawAsync(contractId, cancellationToken);
        }
        catch (Exception ex) when (ex is GatewayException or ProviderApiException or HttpRequestException)
        {
            LogGatewayReleaseFailed(logger, contractId, ex.Message);
        }
    }

    // Trust on first use, right after provisioning: the key the new machine presents is the one resets will accept.
    private async Task RecordHostKeyAsync(string contractId, ProvisionedInstance instance, CancellationToken cancellationToken)
    {
        if ((instance.Ipv4 ?? instance.Ipv6) is not { } host)
        {
            return;
        }

        var deadline = time.GetUtcNow() + options.HostKeyWait;
        while (true)
        {
            try
            {
                var hostKey = await hostKeys.ReadAsync(host, instance.SshPort, cancellationToken);
                hostKeyJournal.Record(contractId, hostKey);
                LogHostKeyRecorded(logger, contractId, hostKey);
                return;
            }
            catch (ProvisioningException ex)
            {
                if (time.GetUtcNow() + HostKeyRetryGap > deadline)
                {
                    LogHostKeyUnrecorded(logger, contractId, ex.Message);
                    return;
                }
            }

            await Task.Delay(HostKeyRetryGap, time, cancellationToken);
        }
    }

    private static readonly TimeSpan HostKeyRetryGap = TimeSpan.FromSeconds(5);

    private ProvisionRequest Request(PendingContract pending, ContractId contractId, string password) => new(
        contractId, pending.OfferingId, pending.Cores, pending.MemoryMb, pending.StorageGb,
        [pending.SshPublicKey, options.AgentSshPublicKey], options.LoginUser, password, pending.InstanceConfig, pending.PostProvisionScript);

    private async Task RenewAsync(string contractId, LeaseReply lease, CancellationTokenSource work, CancellationToken cancellationToken)
    {
        // However the API answers (an expiry of 0 or in the past, errors in a row), renewal never calls it more
        // often than a tenth of the lease it first granted: a broken answer must not turn into a flood of requests.
        var floor = Max((lease.ExpiresAt - time.GetUtcNow()) / 10, MinimumRenewalGap);
        var wait = NextRenewal(lease, floor);
        try
        {
            while (true)
            {
                await Task.Delay(wait, time, cancellationToken);
                try
                {
                    lease = await api.LeaseAsync(contractId, cancellationToken);
                    LogRenewed(logger, contractId, lease.Acquired);
                    if (!lease.Acquired)
                    {
                        LogLeaseLost(logger, contractId);
                        await work.CancelAsync();
                        return;
                    }

                    wait = NextRenewal(lease, floor);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Any failure (the API refused, the connection or an HTTP timeout) leaves the lease as it was:
                    // try again soon, while there is still time before it runs out.
                    LogRenewFailed(logger, contractId, ex.Message);
                    wait = floor;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // A third of the remaining time, so two renewals may fail before the lease runs out (at least every 5 minutes,
    // however long the API granted).
    private TimeSpan NextRenewal(LeaseReply lease, TimeSpan floor) => Clamp((lease.ExpiresAt - time.GetUtcNow()) / 3, floor, TimeSpan.FromMinutes(5));

    private async Task ReleaseLeaseAsync(string contractId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            await api.ReleaseLeaseAsync(contractId, timeout.Token);
            LogLeaseReleased(logger, contractId);
        }
        catch (Exception ex) when (ex is ProviderApiException or OperationCanceledException)
        {
            LogReleaseFailed(logger, contractId, ex.Message);
        }
    }

    private static readonly TimeSpan MinimumRenewalGap = TimeSpan.FromSeconds(1);

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping contract with a malformed id {ContractId}")]
    private static partial void LogBadId(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract {ContractId} is leased to another agent; skipping")]
    private static partial void LogLeaseHeld(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning contract {ContractId} on {Backend}")]
    private static partial void LogStarted(ILogger logger, string contractId, string backend);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract {ContractId} already has instance {ExternalId}; resuming it")]
    private static partial void LogResumed(ILogger logger, string contractId, string externalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contract {ContractId} has instance {ExternalId} that cannot be finished with a known password; replacing it")]
    private static partial void LogReplacing(ILogger logger, string contractId, string externalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded the SSH host key {HostKey} of contract {ContractId}'s machine for password resets")]
    private static partial void LogHostKeyRecorded(ILogger logger, string contractId, string hostKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SSH host key of contract {ContractId}'s machine could not be read in time ({Reason}); its first password reset records it")]
    private static partial void LogHostKeyUnrecorded(ILogger logger, string contractId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract {ContractId} provisioned as {ExternalId}")]
    private static partial void LogProvisioned(ILogger logger, string contractId, string externalId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning contract {ContractId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string contractId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the gateway name and port of {ContractId} failed: {Reason}; the next reconcile round does it")]
    private static partial void LogGatewayReleaseFailed(ILogger logger, string contractId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease of {ContractId} renewed (held: {Held})")]
    private static partial void LogRenewed(ILogger logger, string contractId, bool held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning of {ContractId} cut off; its lease is given back for the next start")]
    private static partial void LogLeaseReleased(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back the lease of {ContractId} failed: {Reason}; it runs out by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string contractId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease of {ContractId} was lost; stopping its provisioning")]
    private static partial void LogLeaseLost(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning of {ContractId} cut off by the lost lease; whoever holds the lease resumes it")]
    private static partial void LogCutByLostLease(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of {ContractId} failed: {Reason}; retrying")]
    private static partial void LogRenewFailed(ILogger logger, string contractId, string reason);
}
