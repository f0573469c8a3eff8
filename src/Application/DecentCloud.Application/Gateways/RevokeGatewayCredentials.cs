using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Gateways;

/// <summary>
/// Revokes a gateway's acme-dns credentials and withdraws its challenge values. By its provider, or by
/// an operator when <paramref name="Requester"/> is null. The dc_id stays with its owner. The values leave
/// DNS through the outbox (<see cref="WithdrawChallengeOnRevoke"/>), after the revocation is committed.
/// </summary>
public sealed record RevokeGatewayCredentials(ProviderId? Requester, string? DcId, string Actor) : ICommand<Result>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("gateway.revoke", "ok", Actor, DcId ?? string.Empty) : null;
}

/// <summary>Handles <see cref="RevokeGatewayCredentials"/>.</summary>
internal sealed class RevokeGatewayCredentialsHandler(
    IAcmeDnsAccountStore accounts,
    IUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<RevokeGatewayCredentials, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(RevokeGatewayCredentials command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dcId = DcId.Create(command.DcId);
        if (dcId.IsFailed)
        {
            return dcId.ToResult();
        }

        var account = await accounts.FindByDcIdAsync(dcId.Value, cancellationToken);

        // Another provider's gateway looks exactly like a missing one, so nothing leaks about who owns what.
        if (account is null || (command.Requester is not null && account.ProviderId != command.Requester))
        {
            return Result.Fail(DomainErrors.NotFound("gateway_not_found", $"No gateway credentials for dc_id '{dcId.Value}'."));
        }

        account.Revoke(time.Now());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
