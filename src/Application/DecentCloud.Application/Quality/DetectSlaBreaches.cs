using DecentCloud.Application.Common;
using DecentCloud.Domain.Quality;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Quality;

/// <summary>
/// The <c>detect-sla-breaches</c> job (hourly): every provisioned or active contract whose measured uptime over the last
/// 24 hours is below its offering's target (<see cref="QualityOptions.DefaultSlaTargetPercent"/> when it names none)
/// gets one <see cref="SlaBreach"/> per UTC hour, raising <see cref="SlaBreached"/>; a second run in the same hour, on
/// this instance or another, adds nothing.
/// </summary>
public sealed record DetectSlaBreaches : ICommand<int>;

/// <summary>Handles <see cref="DetectSlaBreaches"/>; returns how many breaches were recorded.</summary>
internal sealed class DetectSlaBreachesHandler(ISlaBreachStore breaches, IUnitOfWork unitOfWork, IOptions<QualityOptions> options, TimeProvider time)
    : ICommandHandler<DetectSlaBreaches, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(DetectSlaBreaches command, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var days = await breaches.UptimeByContractAsync(now - TimeSpan.FromHours(24), now, cancellationToken);
        var targets = await breaches.SlaTargetsAsync([.. days.Where(d => d.OfferingId is not null).Select(d => d.OfferingId!.Value).Distinct()], cancellationToken);
        var already = await breaches.BreachedInHourAsync(HealthRollup.HourOf(now), cancellationToken);
        var recorded = 0;
        foreach (var day in days.Where(d => !already.Contains(d.ContractId)))
        {
            var target = day.OfferingId is { } offering && targets.TryGetValue(offering, out var basisPoints) && basisPoints > 0
                ? basisPoints / 100m
                : options.Value.DefaultSlaTargetPercent;
            if (SlaBreach.Detect(day.ContractId, day.ProviderId, day.OfferingId, day.Day, target, now) is not { } breach)
            {
                continue;
            }

            breaches.Add(breach);
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
                recorded++;
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance recorded this contract's breach for the hour first: its alert is the one.
                unitOfWork.Reset();
            }
        }

        return recorded;
    }
}
