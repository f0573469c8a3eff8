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
/// an operator when <paramref name="Requester"/> is null. The dc_id stays with its owner.
/// </summary>
public sealed record RevokeGatewayCredentials(ProviderId? Requester, string? DcId, string Actor) : ICommand<Result>;

/// <summary>Handles <see cref="RevokeGatewayCredentials"/>.</summary>
public sealed class RevokeGatewayCredentialsHandler(
    IAcmeDnsAccountStore accounts,
    IAcmeTxtRecordStore records,
    IDnsTxtPublisher publisher,
    IUnitOfWork unitOfWork,
    IAuditLog audit,
    GatewayZoneProvider zones,
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

        var now = time.Now();
        account.Revoke(now);
        var record = await records.FindAsync(dcId.Value, cancellationToken);
        if (record is not null && record.Clear())
        {
            await publisher.ReplaceTxtValuesAsync(zones.Zone.ChallengeName(dcId.Value), [], cancellationToken);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(now, "gateway.revoke", "ok", command.Actor, dcId.Value.Value, null), cancellationToken);
        return Result.Ok();
    }
}
