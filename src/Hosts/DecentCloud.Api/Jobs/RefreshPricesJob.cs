using DecentCloud.Application.Prices;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Asks every price source that is on and stores their quotes and the chosen price (see <see cref="RefreshPrices"/>).</summary>
internal sealed class RefreshPricesJob(IMediator mediator) : IRecurringJob
{
    public static string Name => "refresh-prices";

    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new RefreshPrices(), cancellationToken);
}
