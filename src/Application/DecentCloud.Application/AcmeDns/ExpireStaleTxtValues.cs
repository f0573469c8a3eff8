using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AcmeDns;

/// <summary>Removes challenge values older than <see cref="GatewayOptions.TxtMaxAge"/> from the store and from DNS.</summary>
public sealed record ExpireStaleTxtValues : ICommand<int>;

/// <summary>Handles <see cref="ExpireStaleTxtValues"/>; returns how many records changed.</summary>
internal sealed class ExpireStaleTxtValuesHandler(
    IAcmeTxtRecordStore records,
    IDnsTxtPublisher publisher,
    IUnitOfWork unitOfWork,
    GatewayZoneProvider zones,
    IOptions<GatewayOptions> options,
    TimeProvider time) : ICommandHandler<ExpireStaleTxtValues, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(ExpireStaleTxtValues command, CancellationToken cancellationToken)
    {
        var cutoff = time.Now() - options.Value.TxtMaxAge;
        var changed = 0;
        foreach (var record in await records.ListWithValuesOlderThanAsync(cutoff, cancellationToken))
        {
            if (record.ExpireOlderThan(cutoff))
            {
                await publisher.ReplaceTxtValuesAsync(zones.Zone.ChallengeName(record.DcId), record.Values, cancellationToken);
                changed++;
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
