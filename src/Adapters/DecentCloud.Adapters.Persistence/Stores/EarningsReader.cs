using DecentCloud.Application.Earnings;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Releases;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class EarningsReader(DecentCloudDbContext db) : IEarningsReader
{
    public async Task<EarningsTotals> TotalsAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var held = await db.RentalEscrows.Where(e => e.ProviderId == providerId)
            .SumAsync(e => e.PaidNanoUsd - e.ReleasedNanoUsd - e.RefundedNanoUsd, cancellationToken);
        var rows = db.PaymentReleases.Where(r => r.ProviderId == providerId);
        var released = await rows.Where(r => r.State == PaymentReleaseState.Released).SumAsync(r => r.NetNanoUsd, cancellationToken);
        var paid = await rows.Where(r => r.State == PaymentReleaseState.PaidOut).SumAsync(r => r.NetNanoUsd, cancellationToken);
        var fees = await rows.Where(r => r.State != PaymentReleaseState.Refunded).SumAsync(r => r.FeeNanoUsd, cancellationToken);
        return new EarningsTotals(held, released, paid, fees);
    }

    public async Task<IReadOnlyList<ContractEarnings>> ContractsAsync(ProviderId providerId, int offset, int limit, CancellationToken cancellationToken)
    {
        var escrows = await db.RentalEscrows.AsNoTracking().Where(e => e.ProviderId == providerId)
            .OrderByDescending(e => e.Start).ThenBy(e => e.ContractId).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        if (escrows.Count == 0)
        {
            return [];
        }

        var keys = escrows.Select(e => e.ContractId).ToList();
        var states = await db.Contracts.AsNoTracking().Where(c => keys.Contains(c.Id)).Select(c => new { c.Id, c.State }).ToListAsync(cancellationToken);
        var rows = await db.PaymentReleases.AsNoTracking().Where(r => keys.Contains(r.ContractId)).ToListAsync(cancellationToken);
        return [.. escrows.Select(e =>
        {
            var own = rows.Where(r => r.ContractId == e.ContractId).ToList();
            var earned = own.Where(r => r.State != PaymentReleaseState.Refunded).ToList();
            var state = states.FirstOrDefault(s => s.Id == e.ContractId)?.State;
            return new ContractEarnings(
                e.ContractId.Hex,
                state?.ToWireName() ?? "unknown",
                e.PaidNanoUsd,
                earned.Sum(r => r.NetNanoUsd),
                earned.Sum(r => r.FeeNanoUsd),
                e.RefundedNanoUsd,
                own.Where(r => r.State == PaymentReleaseState.PaidOut).Sum(r => r.NetNanoUsd),
                e.HeldNanoUsd);
        })];
    }
}
