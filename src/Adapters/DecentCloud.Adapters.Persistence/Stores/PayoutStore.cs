using DecentCloud.Application.Payouts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Money.Releases;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The payouts on EF Core. Recording one is written with plain SQL inside a savepoint of the caller's transaction, so a
/// payout whose rows changed meanwhile leaves nothing behind (not even under an audited command, whose transaction
/// commits its audit entry either way).
/// </summary>
internal sealed class PayoutStore(DecentCloudDbContext db) : IPayoutStore
{
    private const string Savepoint = "payout_record";
    private static readonly string Released = PaymentReleaseState.Released.ToWireName();
    private static readonly string PaidOut = PaymentReleaseState.PaidOut.ToWireName();

    private const string PendingSql = """
        SELECT "ProviderId", CAST(SUM("NetNanoUsd") AS BIGINT) AS "Total", CAST(COUNT(*) AS BIGINT) AS "Count", MIN("CreatedAt") AS "Oldest"
        FROM payment_releases WHERE "State" = {0} AND "ReservedPayoutId" IS NULL
        GROUP BY "ProviderId" ORDER BY 2 DESC, "ProviderId"
        """;

    public async Task<IReadOnlyList<PendingPayout>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<PendingRow>(PendingSql, Released).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PendingPayout(r.ProviderId, r.Total, checked((int)r.Count), new DateTimeOffset(r.Oldest, TimeSpan.Zero)))];
    }

    public async Task<IReadOnlyList<PaymentRelease>> ListReleasedAsync(ProviderId providerId, IReadOnlyCollection<Guid>? releaseIds, CancellationToken cancellationToken)
    {
        var rows = db.PaymentReleases.AsNoTracking().Where(r => r.ProviderId == providerId && r.State == PaymentReleaseState.Released
            && EF.Property<Guid?>(r, Configurations.PaymentReleaseConfiguration.ReservedPayoutId) == null);
        if (releaseIds is not null)
        {
            rows = rows.Where(r => releaseIds.Contains(r.Id));
        }

        return await rows.OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    public Task<bool> ReferenceTakenAsync(string rail, string externalReference, CancellationToken cancellationToken) =>
        db.Payouts.AnyAsync(p => p.Rail == rail && p.ExternalReference == externalReference, cancellationToken);

    public async Task<PayoutWrite> TryRecordAsync(Payout payout, IReadOnlyCollection<Guid> releaseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentNullException.ThrowIfNull(releaseIds);
        var outer = db.Database.CurrentTransaction ?? throw new InvalidOperationException("a payout is recorded inside the caller's transaction.");
        await outer.CreateSavepointAsync(Savepoint, cancellationToken);
        PayoutWrite outcome;
        try
        {
            outcome = await WriteAsync(payout, releaseIds, cancellationToken);
        }
        catch
        {
            // PostgreSQL refuses every further statement of an aborted transaction until this.
            await outer.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            throw;
        }

        if (outcome == PayoutWrite.Recorded)
        {
            await outer.ReleaseSavepointAsync(Savepoint, cancellationToken);
        }
        else
        {
            await outer.RollbackToSavepointAsync(Savepoint, cancellationToken);
        }

        return outcome;
    }

    private async Task<PayoutWrite> WriteAsync(Payout payout, IReadOnlyCollection<Guid> releaseIds, CancellationToken cancellationToken)
    {
        // The reference first: a concurrent payout with the same reference waits here for the first to end.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO payouts ("Id", "ProviderId", "WalletAddress", "ExternalReference", "Rail", "AmountNanoUsd", "Actor", "At")
            VALUES ({payout.Id}, {payout.ProviderId.Value}, {payout.WalletAddress}, {payout.ExternalReference}, {payout.Rail},
                    {payout.AmountNanoUsd}, {payout.Actor}, {payout.At.UtcTicks})
            ON CONFLICT ("Rail", "ExternalReference") DO NOTHING
            """,
            cancellationToken);
        if (inserted == 0)
        {
            return PayoutWrite.ReferenceTaken;
        }

        // Each row only while it is still released: a row another payout took meanwhile (PostgreSQL re-reads it after
        // waiting for that payout's lock) is not touched, and then the counts differ and everything is rolled back.
        var touched = 0;
        foreach (var id in releaseIds.Order())
        {
            touched += await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                UPDATE payment_releases SET "State" = {PaidOut}, "PayoutId" = {payout.Id}
                WHERE "Id" = {id} AND "State" = {Released} AND "ReservedPayoutId" IS NULL AND "ProviderId" = {payout.ProviderId.Value}
                """,
                cancellationToken);
        }

        return touched == releaseIds.Count ? PayoutWrite.Recorded : PayoutWrite.ReleasesChanged;
    }

    private sealed record PendingRow(string ProviderId, long Total, long Count, long Oldest);
}
