using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Passwords;

/// <summary>
/// Answers password resets: finds the machine by contract id, seals a fresh password and journals its envelope,
/// only then sets it over SSH with the agent's key on a machine that presents the host key recorded at provisioning, and uploads only the envelope; a failure's reason goes to the
/// user. A password that cannot be sealed is never set, so the machine never ends with a password nobody can read.
/// </summary>
public sealed partial class PasswordResetWorker(
    IProviderApi api,
    IProvisioner provisioner,
    IPasswordResetter resetter,
    ICredentialSealer sealer,
    PasswordResetJournal journal,
    IHostKeyReader hostKeys,
    HostKeyJournal hostKeyJournal,
    ILogger<PasswordResetWorker> logger)
{
    /// <summary>Answers every pending reset.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var reset in await api.PendingPasswordResetsAsync(cancellationToken))
        {
            var outcome = await ResetAsync(reset, cancellationToken);
            await api.ReportPasswordAsync(reset.ContractId, outcome, cancellationToken);
            if (ContractId.FromHex(reset.ContractId).IsSuccess)
            {
                journal.Remove(reset.ContractId);
            }
        }
    }

    private async Task<PasswordOutcome> ResetAsync(PendingPasswordReset reset, CancellationToken cancellationToken)
    {
        var contractId = ContractId.FromHex(reset.ContractId);
        if (contractId.IsFailed)
        {
            return Failed(reset, "malformed contract id");
        }

        // An earlier run set this request's password and died before the API had it: deliver that one.
        if (journal.ChangedEnvelope(reset.ContractId, reset.RequestedAt) is { } delivered)
        {
            LogRedelivered(logger, reset.ContractId);
            return new PasswordOutcome("succeeded", delivered);
        }

        try
        {
            var instance = await provisioner.FindByContractAsync(contractId.Value, cancellationToken);
            var host = instance?.Ipv4 ?? instance?.Ipv6;
            if (instance is null || host is null)
            {
                return Failed(reset, "the machine was not found at the backend");
            }

            var password = PasswordGenerator.New();
            var envelope = sealer.Seal(password, contractId.Value, reset.Recipients);
            var hostKey = await HostKeyAsync(reset.ContractId, host, instance.SshPort, cancellationToken);
            journal.Sealed(reset.ContractId, reset.RequestedAt, envelope);
            await resetter.ResetAsync(host, instance.SshPort, reset.LoginUser, password, hostKey, cancellationToken);
            journal.Changed(reset.ContractId, reset.RequestedAt, envelope);
            LogReset(logger, reset.ContractId);
            return new PasswordOutcome("succeeded", envelope);
        }
        catch (Exception ex) when (ex is ProvisioningException or CredentialSealingException)
        {
            return Failed(reset, ex.Message);
        }
    }

    // The key recorded at provisioning; a machine provisioned before keys were recorded (or whose SSH server did not
    // answer in time then) has its key recorded now, at its first reset, and every later reset checks against it.
    private async Task<string> HostKeyAsync(string contractId, string host, int port, CancellationToken cancellationToken)
    {
        if (hostKeyJournal.Recorded(contractId) is { } recorded)
        {
            return recorded;
        }

        var hostKey = await hostKeys.ReadAsync(host, port, cancellationToken);
        hostKeyJournal.Record(contractId, hostKey);
        LogHostKeyFirstUse(logger, contractId, hostKey);
        return hostKey;
    }

    private PasswordOutcome Failed(PendingPasswordReset reset, string reason)
    {
        LogResetFailed(logger, reset.ContractId, reason);
        return new PasswordOutcome("failed", Reason: reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of contract {ContractId} reset")]
    private static partial void LogReset(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of contract {ContractId} was set before a restart; delivering its journaled envelope")]
    private static partial void LogRedelivered(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SSH host key was recorded for contract {ContractId} at provisioning; recorded {HostKey} at its first reset")]
    private static partial void LogHostKeyFirstUse(ILogger logger, string contractId, string hostKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset of contract {ContractId} failed: {Reason}")]
    private static partial void LogResetFailed(ILogger logger, string contractId, string reason);
}
