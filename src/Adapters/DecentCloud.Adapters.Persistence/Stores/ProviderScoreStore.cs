using System.Text.Json;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ProviderScoreStore(DecentCloudDbContext db, PersistenceOptions options) : IProviderScoreStore
{
    // Every provider with a contract, live or in the request archive, gets a placeholder row the job then fills.
    private const string AddMissingSql = """
        INSERT INTO provider_scores ("ProviderId", "Trust", "Tier", "NotEnoughData", "ReliabilityHundredths", "SlaPenaltyHundredths", "Factors", "ComputedAt")
        SELECT known.p, NULL, NULL, TRUE, 0, 0, {0}, NULL FROM (
            SELECT "Terms_ProviderId" AS p FROM contracts
            UNION SELECT "ProviderId" AS p FROM contract_request_archive
            UNION SELECT "Terms_ProviderId" AS p FROM contracts_archive) AS known
        WHERE known.p NOT IN (SELECT "ProviderId" FROM provider_scores)
        ON CONFLICT DO NOTHING
        """;

    private const string AddOneSql = """
        INSERT INTO provider_scores ("ProviderId", "Trust", "Tier", "NotEnoughData", "ReliabilityHundredths", "SlaPenaltyHundredths", "Factors", "ComputedAt")
        VALUES ({0}, NULL, NULL, TRUE, 0, 0, {1}, NULL)
        ON CONFLICT DO NOTHING
        """;

    // Row locks need raw SQL (EF cannot compose FOR UPDATE). SQLite has no row locks: its one writer at a time
    // serialises the runs, and a run that follows finds the rows fresh.
    private const string DueSql = """
        SELECT "ProviderId" AS "Value" FROM provider_scores
        WHERE "ComputedAt" IS NULL OR "ComputedAt" < {0}
        ORDER BY "ProviderId" LIMIT {1}
        """;

    private const string LockOneSql = """SELECT "ProviderId" AS "Value" FROM provider_scores WHERE "ProviderId" = {0} FOR UPDATE""";

    private const string NoFactors = "{}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<int> AddMissingAsync(CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(AddMissingSql, [NoFactors], cancellationToken);

    public async Task<IReadOnlyList<ProviderId>> LockDueAsync(DateTimeOffset computedBefore, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<string>(options.UsesPostgres ? DueSql + " FOR UPDATE SKIP LOCKED" : DueSql, computedBefore.UtcTicks, limit)
            .ToListAsync(cancellationToken);
        return [.. ids.Select(id => ProviderId.Create(id).Value)];
    }

    public async Task LockAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(AddOneSql, [providerId.Value, NoFactors], cancellationToken);
        if (options.UsesPostgres)
        {
            await db.Database.SqlQueryRaw<string>(LockOneSql, providerId.Value).ToListAsync(cancellationToken);
        }
    }

    public async Task SaveAsync(ProviderScores scores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        await db.Database.ExecuteSqlRawAsync(AddOneSql, [scores.ProviderId.Value, NoFactors], cancellationToken);
        var trust = scores.Trust.Score;
        var tier = scores.Trust.Tier?.ToWireName();
        var reliability = Hundredths(scores.Reliability.Score);
        var penalty = Hundredths(scores.Reliability.SlaPenalty);
        var factors = JsonSerializer.Serialize(new StoredFactors([.. scores.Trust.Factors.Select(StoredFactor.Of)], [.. scores.Reliability.Factors.Select(StoredFactor.Of)]), Json);
        DateTimeOffset? at = scores.ComputedAt;
        await db.Set<ProviderScoreRow>().Where(r => r.ProviderId == scores.ProviderId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Trust, trust)
            .SetProperty(r => r.Tier, tier)
            .SetProperty(r => r.NotEnoughData, trust == null)
            .SetProperty(r => r.ReliabilityHundredths, reliability)
            .SetProperty(r => r.SlaPenaltyHundredths, penalty)
            .SetProperty(r => r.Factors, factors)
            .SetProperty(r => r.ComputedAt, at), cancellationToken);
    }

    public async Task<ProviderScores?> FindAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var row = await db.Set<ProviderScoreRow>().AsNoTracking().SingleOrDefaultAsync(r => r.ProviderId == providerId && r.ComputedAt != null, cancellationToken);
        return row is null ? null : ToScores(row);
    }

    public async Task<IReadOnlyList<ProviderScores>> LeaderboardAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ProviderScoreRow>().AsNoTracking()
            .Where(r => r.ComputedAt != null)
            .OrderByDescending(r => r.Trust ?? -1).ThenByDescending(r => r.ReliabilityHundredths).ThenBy(r => r.ProviderId)
            .Skip(offset).Take(limit + 1)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToScores)];
    }

    private static int Hundredths(decimal value) => (int)Math.Round(value * 100m, MidpointRounding.AwayFromZero);

    private static ProviderScores ToScores(ProviderScoreRow row)
    {
        var factors = JsonSerializer.Deserialize<StoredFactors>(row.Factors, Json) ?? new StoredFactors([], []);
        var trust = new TrustScore(row.Trust, TrustTiers.FromWireName(row.Tier), [.. (factors.Trust ?? []).Select(f => f.ToFactor())]);
        var reliability = new ReliabilityScore(row.ReliabilityHundredths / 100m, row.SlaPenaltyHundredths / 100m, [.. (factors.Reliability ?? []).Select(f => f.ToFactor())]);
        return new ProviderScores(row.ProviderId, trust, reliability, row.ComputedAt!.Value);
    }

    private sealed record StoredFactors(List<StoredFactor>? Trust, List<StoredFactor>? Reliability);

    private sealed record StoredFactor(string Code, string Reason, string Severity, decimal Points)
    {
        public static StoredFactor Of(TrustFactor factor) => new(factor.Code, factor.Reason, factor.Severity.ToWireName(), factor.Points);

        public TrustFactor ToFactor() =>
            new(Code, Reason, Enum.GetValues<FactorSeverity>().FirstOrDefault(s => s.ToWireName() == Severity), Points);
    }
}
