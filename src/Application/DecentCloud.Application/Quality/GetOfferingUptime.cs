using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Quality;

/// <summary>An offering's measured uptime beside its provider's reports (<c>GET /api/v1/offerings/{id}/uptime</c>, public).</summary>
public sealed record GetOfferingUptime(Guid OfferingId) : IQuery<Result<OfferingUptimeView>>;

/// <summary>Handles <see cref="GetOfferingUptime"/>.</summary>
internal sealed class GetOfferingUptimeHandler(IOfferingStore offerings, IUptimeReader uptime, ISelfReportedSliStore slis, IOptions<QualityOptions> options, TimeProvider time)
    : IQueryHandler<GetOfferingUptime, Result<OfferingUptimeView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<OfferingUptimeView>> Handle(GetOfferingUptime query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await offerings.FindAsync(query.OfferingId, cancellationToken) is null)
        {
            return Result.Fail<OfferingUptimeView>(DomainErrors.NotFound("offering_not_found", "No such offering."));
        }

        var now = time.Now();
        var figures = await uptime.ForOfferingAsync(query.OfferingId, now, cancellationToken);
        var reports = await slis.ListAsync(query.OfferingId, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-30), cancellationToken);
        var claimed = SliGap.MeanUptime(reports);
        var gap = SliGap.Points(claimed, figures.Month.Percent);
        return new OfferingUptimeView(
            query.OfferingId,
            UptimeWindowView.Of(figures),
            [.. reports.Select(r => new SelfReportedSliView(r.Day, r.UptimePercent, r.ResponsePercent, r.Incidents))],
            claimed,
            gap,
            SliGap.IsRedFlag(gap, options.Value.SliGapThresholdPoints));
    }
}
