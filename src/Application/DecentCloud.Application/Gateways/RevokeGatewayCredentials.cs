using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.Gateways;

/// <summary>
/// Revokes a gateway's acme-dns credentials and withdraws its challenge values. By its provider, or by
/// an operator when <paramref name="Requester"/> is null. The dc_id stays with its owner. The values leave
/// DNS right after the revocation is committed, and through the outbox (<see cref="WithdrawChallengeOnRevoke"/>)
/// as the guarantee when that first attempt fails.
/// </summary>
public sealed record RevokeGatewayCredentials(ProviderId? Requester, string? DcId, string Actor) : ICommand<Result>, IRetryOnConflict, IAudited
{
    /// <summary>Acme-dns updates won every retry: nothing was revoked, so the answer says so (409), never a silent success.</summary>
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => GatewayErrors.BusyError("The revocation");

    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("gateway.revoke", "ok", Actor, DcId ?? string.Empty) : null;
}

/// <summary>Handles <see cref="RevokeGatewayCredentials"/>.</summary>
internal sealed partial class RevokeGatewayCredentialsHandler(
    IAcmeDnsAccountStore accounts,
    IAcmeTxtRecordStore records,
    IDnsTxtPublisher publisher,
    IUnitOfWork unitOfWork,
    GatewayZoneProvider zones,
    TimeProvider time,
    ILogger<RevokeGatewayCredentialsHandler> logger) : ICommandHandler<RevokeGatewayCredentials, Result>
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
        await WithdrawNowAsync(dcId.Value, cancellationToken);
        return Result.Ok();
    }

    /// <summary>
    /// Publishes the committed (withdrawn) values at once instead of waiting for the next outbox run. Not under the
    /// acme-txt lock: an update holding it waits for its own commit, which this revocation fails. A publish that lands late
    /// after a re-registration is put right by the outbox message, which reads the record when it is sent.
    /// </summary>
    private async Task WithdrawNowAsync(DcId dcId, CancellationToken cancellationToken)
    {
        try
        {
            var record = await records.FindAsync(dcId, cancellationToken);
            await publisher.ReplaceTxtValuesAsync(zones.Zone.ChallengeName(dcId), record?.Values ?? [], cancellationToken);
        }
        catch (DnsPublishException ex)
        {
            LogWithdrawalDeferred(logger, dcId.Value, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Withdrawing the challenge TXT of revoked {DcId} failed; the outbox retries it")]
    private static partial void LogWithdrawalDeferred(ILogger logger, string dcId, Exception exception);
}
