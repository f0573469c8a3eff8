using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Quality;

/// <summary>A provider's measured uptime over all its contracts (<c>GET /api/v1/providers/{id}/uptime</c>, public).</summary>
public sealed record GetProviderUptime(string? ProviderId) : IQuery<Result<ProviderUptimeView>>;

/// <summary>Handles <see cref="GetProviderUptime"/>.</summary>
internal sealed class GetProviderUptimeHandler(IUptimeReader uptime, TimeProvider time) : IQueryHandler<GetProviderUptime, Result<ProviderUptimeView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderUptimeView>> Handle(GetProviderUptime query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var id = ProviderId.Create(query.ProviderId);
        if (id.IsFailed)
        {
            return Result.Fail<ProviderUptimeView>(DomainErrors.NotFound("provider_not_found", "No such provider."));
        }

        var figures = await uptime.ForProviderAsync(id.Value, time.Now(), cancellationToken);
        return new ProviderUptimeView(id.Value.Value, UptimeWindowView.Of(figures));
    }
}
