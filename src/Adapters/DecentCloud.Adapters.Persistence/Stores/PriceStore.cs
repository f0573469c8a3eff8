using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>The price history on EF Core: one row per source attempt, one per chosen price, tied by the round's id.</summary>
internal sealed class PriceStore(DecentCloudDbContext db) : IPriceStore
{
    public void AddRound(PriceRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var roundId = Guid.CreateVersion7(round.At);
        db.PriceQuotes.AddRange(round.Attempts.Select(a => new PriceQuoteRow
        {
            Id = Guid.CreateVersion7(round.At),
            RoundId = roundId,
            RoundAt = round.At,
            Token = round.Token,
            Source = a.Source,
            PriceUsd = a.PriceUsd,
            ObservedAt = a.At,
            Used = a.Used,
            Reason = a.Reason,
        }));
        if (round.Chosen is { } chosen)
        {
            db.ChosenPrices.Add(new ChosenPriceRow
            {
                Id = roundId,
                RoundId = roundId,
                Token = chosen.Token,
                PriceUsd = chosen.PriceUsd,
                ChosenAt = chosen.ChosenAt,
                SourceCount = chosen.SourceCount,
            });
        }
    }

    public async Task<ChosenPrice?> FindLastChosenAsync(string token, CancellationToken cancellationToken)
    {
        var row = await db.ChosenPrices.AsNoTracking().Where(p => p.Token == token)
            .OrderByDescending(p => p.ChosenAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new ChosenPrice(row.Token, row.PriceUsd, row.ChosenAt, row.SourceCount);
    }

    public async Task<IReadOnlyList<SourceAttempt>> ListLatestRoundAsync(string token, CancellationToken cancellationToken)
    {
        var latest = await db.PriceQuotes.AsNoTracking().Where(q => q.Token == token)
            .OrderByDescending(q => q.RoundAt).ThenByDescending(q => q.RoundId).Select(q => (Guid?)q.RoundId).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return [];
        }

        var rows = await db.PriceQuotes.AsNoTracking().Where(q => q.RoundId == latest).OrderBy(q => q.Source).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SourceAttempt(r.Source, r.Token, r.PriceUsd, r.ObservedAt, r.Used, r.Reason))];
    }
}
