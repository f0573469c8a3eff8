using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Passwords;

/// <summary>
/// Answers password resets: finds the machine by contract id, sets a fresh password over SSH with the
/// agent's key, and uploads only its sealed envelope; a failure's reason goes to the user.
/// </summary>
public sealed partial class PasswordResetWorker(IProviderApi api, IProvisioner provisioner, IPasswordResetter resetter, ICredentialSealer sealer, ILogger<PasswordResetWorker> logger)
{
    /// <summary>Answers every pending reset.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var reset in await api.PendingPasswordResetsAsync(cancellationToken))
        {
            var outcome = await ResetAsync(reset, cancellationToken);
            await api.ReportPasswordAsync(reset.ContractId, outcome, cancellationToken);
        }
    }

    private async Task<PasswordOutcome> ResetAsync(PendingPasswordReset reset, CancellationToken cancellationToken)
    {
        var contractId = ContractId.FromHex(reset.ContractId);
        if (contractId.IsFailed)
        {
            return Failed(reset, "malformed contract id");
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
            await resetter.ResetAsync(host, instance.SshPort, reset.LoginUser, password, cancellationToken);
            var envelope = sealer.Seal(password, contractId.Value, reset.Recipients);
            LogReset(logger, reset.ContractId);
            return new PasswordOutcome("succeeded", envelope);
        }
        catch (ProvisioningException ex)
        {
            return Failed(reset, ex.Message);
        }
    }

    private PasswordOutcome Failed(PendingPasswordReset reset, string reason)
    {
        LogResetFailed(logger, reset.ContractId, reason);
        return new PasswordOutcome("failed", Reason: reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of contract {ContractId} reset")]
    private static partial void LogReset(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset of contract {ContractId} failed: {Reason}")]
    private static partial void LogResetFailed(ILogger logger, string contractId, string reason);
}
