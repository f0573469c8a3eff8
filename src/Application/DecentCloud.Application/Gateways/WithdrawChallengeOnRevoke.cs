using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.Gateways;

/// <summary>
/// When a gateway's credentials are revoked, its challenge values are forgotten in the same transaction
/// and their removal from DNS is queued in the outbox, sent after commit.
/// </summary>
public sealed class WithdrawChallengeOnRevoke(IAcmeTxtRecordStore records, IOutbox outbox) : IDomainEventHandler<GatewayCredentialsRevoked>
{
    /// <inheritdoc />
    public async Task HandleAsync(GatewayCredentialsRevoked domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var record = await records.FindAsync(domainEvent.DcId, cancellationToken);
        if (record is not null && record.Clear())
        {
            outbox.Enqueue(
                SyncChallengeTxt.Type,
                new SyncChallengeTxt(domainEvent.DcId.Value).ToJson(),
                $"{SyncChallengeTxt.Type}:{domainEvent.DcId.Value}:revoked:{domainEvent.OccurredAt.UtcTicks}");
        }
    }
}
