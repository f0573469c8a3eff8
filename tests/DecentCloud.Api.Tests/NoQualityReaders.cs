using DecentCloud.Application.Quality;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Uptime and SLA-day readers with no checks, for tests only, until the quality adapters register the real ones
/// (TryAdd: a real registration wins).
/// </summary>
internal sealed class NoQualityReaders : IUptimeReader, ISlaDayReader
{
    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton<IUptimeReader, NoQualityReaders>();
        services.TryAddSingleton<ISlaDayReader, NoQualityReaders>();
    }

    public Task<UptimeFigures> ForContractAsync(ContractId contractId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(UptimeFigures.Empty);

    public Task<UptimeFigures> ForOfferingAsync(Guid offeringId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(UptimeFigures.Empty);

    public Task<UptimeFigures> ForProviderAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(UptimeFigures.Empty);

    public Task<IReadOnlyList<SlaDay>> ReadAsync(ProviderId providerId, DateOnly since, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SlaDay>>([]);
}
