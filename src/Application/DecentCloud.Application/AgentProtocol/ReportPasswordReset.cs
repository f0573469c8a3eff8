using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>
/// The agent's answer to a password reset (<c>PUT /api/v1/provider/rental-requests/{id}/password</c>):
/// <c>succeeded</c> with the new v3 envelope, or <c>failed</c> with a reason the user sees. Idempotent.
/// </summary>
public sealed record ReportPasswordReset(AgentPrincipal Agent, string? ContractId, string? Status, string? CredentialEnvelope, string? Reason)
    : ICommand<Result>, IRetryOnConflict, IAudited
{
    /// <summary>Audited with the reported status, or the error's code; a report with an unknown status is not.</summary>
    public AuditNote? Audit(IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.IsSuccess ? Status! : result.FirstDomainError().Code;
        return outcome == ReportPasswordResetHandler.InvalidStatus
            ? null
            : new AuditNote("contract.password_reset", outcome, Agent.AgentKey.Hex, ContractId ?? string.Empty);
    }
}

/// <summary>Handles <see cref="ReportPasswordReset"/>.</summary>
internal sealed class ReportPasswordResetHandler(
    IContractStore contracts,
    IAgentPoolStore pools,
    IAccountStore accounts,
    ICredentialStore credentials,
    IUnitOfWork unitOfWork,
    IOptions<AgentProtocolOptions> options,
    TimeProvider time) : ICommandHandler<ReportPasswordReset, Result>
{
    /// <summary>The code of a report whose status is neither <c>succeeded</c> nor <c>failed</c>.</summary>
    internal const string InvalidStatus = "invalid_status";

    /// <inheritdoc />
    public async ValueTask<Result> Handle(ReportPasswordReset command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Status is not ("succeeded" or "failed"))
        {
            return Result.Fail(DomainError.Invalid(InvalidStatus, "status must be succeeded or failed."));
        }

        var found = await AgentScope.FindContractAsync(contracts, pools, command.Agent, command.ContractId, cancellationToken);
        if (found.IsFailed)
        {
            return found.ToResult();
        }

        var contract = found.Value;
        var succeeded = command.Status == "succeeded";
        var wasPending = contract.PasswordReset == Domain.Contracts.PasswordResetState.Requested;
        var answered = contract.CompletePasswordReset(succeeded, Reason(command.Reason), time.Now());
        if (answered.IsFailed)
        {
            return answered;
        }

        if (succeeded && wasPending)
        {
            var stored = await StoreAsync(contract, command.CredentialEnvelope, cancellationToken);
            if (stored.IsFailed)
            {
                return stored;
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private async Task<Result> StoreAsync(Domain.Contracts.Contract contract, string? envelope, CancellationToken cancellationToken)
    {
        var sealedEnvelope = await AgentScope.ParseEnvelopeAsync(accounts, contract, envelope, cancellationToken);
        if (sealedEnvelope.IsFailed)
        {
            return sealedEnvelope.ToResult();
        }

        var now = time.Now();
        var lifetime = options.Value.CredentialLifetime;
        var existing = await credentials.FindAsync(contract.Id, cancellationToken);
        if (existing is not null)
        {
            return existing.Replace(sealedEnvelope.Value, now, lifetime);
        }

        var fresh = Domain.Contracts.ContractCredential.Accept(contract.Id, sealedEnvelope.Value, contract.LoginUser, now, lifetime);
        if (fresh.IsSuccess)
        {
            credentials.Add(fresh.Value);
        }

        return fresh.ToResult();
    }

    private static string Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "the agent could not reset the password" : reason.Length > 500 ? reason[..500] : reason;
}
