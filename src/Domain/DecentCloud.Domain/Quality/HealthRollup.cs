using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Quality;

/// <summary>
/// One contract's platform checks over one UTC hour, summed: what 7- and 30-day figures read instead of every raw
/// check. Written once per (contract, hour) by the rollup job.
/// </summary>
/// <param name="ContractId">The contract.</param>
/// <param name="HourStart">The hour's start (UTC, on the hour).</param>
/// <param name="ProviderId">The contract's provider.</param>
/// <param name="OfferingId">The contract's offering, if any.</param>
/// <param name="Healthy">Healthy checks.</param>
/// <param name="Total">Checks that decided (healthy or unhealthy).</param>
/// <param name="ResponseOk">Checks answered within the response objective.</param>
/// <param name="Unknown">Checks that could not decide.</param>
public sealed record HealthRollup(
    ContractId ContractId, DateTimeOffset HourStart, ProviderId ProviderId, Guid? OfferingId, int Healthy, int Total, int ResponseOk, int Unknown)
{
    /// <summary>The start of the UTC hour holding <paramref name="at"/>.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
