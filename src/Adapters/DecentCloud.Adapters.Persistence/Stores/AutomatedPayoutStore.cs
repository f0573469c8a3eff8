using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Payouts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Money.Releases;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The automated payouts on EF Core. Planning writes with plain SQL inside a savepoint of the caller's transaction: the
/// insert yields to an open payout of the provider (the partial unique index; PostgreSQL makes a concurrent plan wait for
/// the first to end), and each release is reserved only while still released and unreserved, so two API instances
/// planning at once never put a release in two payouts.
/// </summary>
internal sealed class AutomatedPayoutStore(DecentCloudDbContext db) : IAutomatedPayoutStore
{
    private const string Savepoint = "payout_plan";
    private const string Reserved = PaymentReleaseConfiguration.ReservedPayoutId;
    private static readonly string Released = PaymentReleaseState.Released.ToWireName();
    private static readonly string PaidOut = PaymentReleaseState.PaidOut.ToWireName();

    public async Task<IReadOnlyList<PayoutCandidate>> ListCandidatesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.PaymentReleases.AsNoTracking()
            .Where(r => r.State == PaymentReleaseState.Released && EF.Property<Guid?>(r, Reserved) == null)
            .Select(r => new { r.Id, r.ProviderId, r.NetNanoUsd })
            .ToListAsync(cancellationToken);
        var byProvider = rows.GroupBy(r => r.ProviderId).ToList();
        var accounts = byProvider.Select(g => Guid.TryParse(g.Key.Value, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var addresses = await db.ProviderProfiles.AsNoTracking()
            .Where(p => accounts.Contains(p.AccountId))
            .Select(p => new { p.AccountId, p.PayoutAccount, p.PayoutToken })
            .ToDictionaryAsync(p => p.AccountId, cancellationToken);
        return [.. byProvider.Select(g =>
        {
            var address = Guid.TryParse(g.Key.Value, out var id) && addresses.TryGetValue(id, out var found) ? found : null;
            return new PayoutCandidate(g.Key, [.. g.Select(r => r.Id)], g.Sum(r => r.NetNanoUsd), address?.PayoutAccount, address?.PayoutToken);
        })];
    }

    public async Task<IReadOnlyList<AutomatedPayout>> ListOpenAsync(string? token, CancellationToken cancellationToken)
    {
        var open = db.AutomatedPayouts.AsNoTracking()
            .Where(p => p.State == AutomatedPayoutState.Planned || p.State == AutomatedPayoutState.Submitted);
        if (token is not null)
        {
            open = open.Where(p => p.Token == token);
        }

        return await open.OrderBy(p => p.PlannedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
    }

    public Task<AutomatedPayout?> FindAsync(Guid payoutId, CancellationToken cancellationToken) =>
        db.AutomatedPayouts.SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken);

    public async Task<(Payout Payout, IReadOnlyList<Guid> ReleaseIds)?> FindManualAsync(Guid payoutId, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken);
        if (payout is null)
        {
            return null;
        }

        var ids = await db.PaymentReleases.AsNoTracking().Where(r => r.PayoutId == payoutId).Select(r => r.Id).ToListAsync(cancellationToken);
        return (payout, [.. ids.Order()]);
    }

    public async Task<IReadOnlyList<AutomatedPayout>> ListAsync(AutomatedPayoutState? state, string? token, int skip, int take, CancellationToken cancellationToken)
    {
        var payouts = db.AutomatedPayouts.AsNoTracking();
        if (state is { } s)
        {
            payouts = payouts.Where(p => p.State == s);
        }

        if (token is not null)
        {
            payouts = payouts.Where(p => p.Token == token);
        }

        return await payouts.OrderByDescending(p => p.PlannedAt).ThenBy(p => p.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(Payout Payout, IReadOnlyList<Guid> ReleaseIds)>> ListManualAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var payouts = await db.Payouts.AsNoTracking().OrderByDescending(p => p.At).ThenBy(p => p.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var ids = payouts.Select(p => (Guid?)p.Id).ToList();
        var releases = await db.PaymentReleases.AsNoTracking().Where(r => ids.Contains(r.PayoutId)).Select(r => new { r.Id, r.PayoutId }).ToListAsync(cancellationToken);
        return [.. payouts.Select(p => (p, (IReadOnlyList<Guid>)[.. releases.Where(r => r.PayoutId == p.Id).Select(r => r.Id).Order()]))];
    }

    public Task<bool> BlockTakenAsync(string ledgerCanisterId, long blockIndex, Guid payoutId, CancellationToken cancellationToken) =>
        db.AutomatedPayouts.AnyAsync(p => p.LedgerCanisterId == ledgerCanisterId && p.BlockIndex == blockIndex && p.Id != payoutId, cancellationToken);

    public async Task<bool> TryPlanAsync(AutomatedPayout payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var outer = db.Database.CurrentTransaction ?? throw new InvalidOperationException("a payout is planned inside the caller's transaction.");
        await outer.CreateSavepointAsync(Savepoint, cancellationToken);
        bool planned;
        try
        {
            planned = await WriteAsync(payout, cancellationToken);
        }
        catch
        {
            // PostgreSQL refuses every further statement of an aborted transaction until this.
            await outer.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            throw;
        }

        if (planned)
        {
            await outer.ReleaseSavepointAsync(Savepoint, cancellationToken);
        }
        else
        {
            await outer.RollbackToSavepointAsync(Savepoint, cancellationToken);
        }

        return planned;
    }

    public Task<int> MarkReleasesPaidAsync(Guid payoutId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE payment_releases SET "State" = {PaidOut}, "PayoutId" = {payoutId}, "ReservedPayoutId" = NULL
            WHERE "ReservedPayoutId" = {payoutId} AND "State" = {Released}
            """,
            cancellationToken);

    public Task<int> ReturnReleasesAsync(Guid payoutId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE payment_releases SET "ReservedPayoutId" = NULL WHERE "ReservedPayoutId" = {payoutId}""",
            cancellationToken);

    private async Task<bool> WriteAsync(AutomatedPayout p, CancellationToken cancellationToken)
    {
        var state = p.State.ToWireName();
        long? settled = p.SettledAt?.UtcTicks;
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO automated_payouts ("Id", "ProviderId", "State", "Token", "LedgerCanisterId", "ToAccount", "AmountNanoUsd", "PriceUsd",
                "Decimals", "GrossBaseUnits", "AmountBaseUnits", "FeeBaseUnits", "FeeOnTop", "FeeCorrected", "MemoHex", "CreatedAtTimeNanos",
                "Attempt", "BlockIndex", "FailureReason", "PlannedAt", "SettledAt", "ReleaseIdsText", "Version")
            VALUES ({p.Id}, {p.ProviderId.Value}, {state}, {p.Token}, {p.LedgerCanisterId}, {p.ToAccount}, {p.AmountNanoUsd}, {p.PriceUsd},
                {p.Decimals}, {p.GrossBaseUnits}, {p.AmountBaseUnits}, {p.FeeBaseUnits}, {p.FeeOnTop}, {p.FeeCorrected}, {p.MemoHex}, {p.CreatedAtTimeNanos},
                {p.Attempt}, {p.BlockIndex}, {p.FailureReason}, {p.PlannedAt.UtcTicks}, {settled}, {p.ReleaseIdsText}, {0L})
            ON CONFLICT ("ProviderId") WHERE "State" IN ('planned', 'submitted') DO NOTHING
            """,
            cancellationToken);
        if (inserted == 0)
        {
            return false;
        }

        // Each row only while still released and unreserved: a row another plan (or a manual payout) took meanwhile is
        // not touched (PostgreSQL re-reads it after waiting for that lock), the counts differ and nothing stays.
        var touched = 0;
        foreach (var id in p.ReleaseIds)
        {
            touched += await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                UPDATE payment_releases SET "ReservedPayoutId" = {p.Id}
                WHERE "Id" = {id} AND "State" = {Released} AND "ReservedPayoutId" IS NULL AND "ProviderId" = {p.ProviderId.Value}
                """,
                cancellationToken);
        }

        return touched == p.ReleaseIds.Count;
    }
}
