using System.Globalization;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Notifications;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// A provider hears when one of its contracts falls below its SLA target, so it can act before the breach costs it
/// reliability score. Breaches are detected at most once per contract and UTC hour, and the key says so.
/// </summary>
internal sealed class NotifySlaBreached(INotifier notifier) : IDomainEventHandler<SlaBreached>
{
    /// <inheritdoc />
    public async Task HandleAsync(SlaBreached domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (NotificationTexts.AccountOf(domainEvent.ProviderId) is not { } provider)
        {
            return;
        }

        var contract = NotificationTexts.Short(domainEvent.ContractId);
        await notifier.NotifyAsync(
            new Notice(
                provider,
                NotificationKind.SlaBreached,
                $"sla_breached:{domainEvent.ContractId.Hex}:{NotificationTexts.HourKey(domainEvent.OccurredAt)}",
                $"SLA breached on contract {contract}",
                string.Create(CultureInfo.InvariantCulture,
                    $"Contract {contract} measured {domainEvent.UptimePercent:0.##}% uptime over the last 24 hours, below its target of {domainEvent.TargetPercent:0.##}% "
                    + $"(detected {NotificationTexts.Utc(domainEvent.OccurredAt)}).")),
            cancellationToken);
    }
}
