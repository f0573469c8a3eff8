using System.Globalization;
using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ContractRequestArchive(DecentCloudDbContext db, PersistenceOptions options) : IContractRequestArchive
{
    private static readonly string Expired = ContractState.Expired.ToWireName();
    private static readonly string Rejected = ContractState.Rejected.ToWireName();
    private static readonly string Cancelled = ContractState.Cancelled.ToWireName();

    // Row locks need raw SQL (EF cannot compose FOR UPDATE). SQLite has no row locks; its IMMEDIATE transaction
    // holds the write lock instead, and the row version stops a second writer.
    private const string EndedSql = """
        SELECT "Id" AS "Value" FROM contracts
        WHERE "State" IN ({0}, {1}, {2}) AND "PaidAt" IS NULL AND "ExternalId" IS NULL AND "StateSince" < {3}
        ORDER BY "StateSince" LIMIT {4}
        """;

    public async Task<IReadOnlyList<Contract>> LockEndedRequestsAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<string>(
            options.UsesPostgres ? EndedSql + " FOR UPDATE SKIP LOCKED" : EndedSql,
            Expired, Rejected, Cancelled, endedBefore.UtcTicks, limit).ToListAsync(cancellationToken);
        var keys = ids.Select(id => ContractId.FromHex(id).Value).ToList();
        return await db.Contracts.Where(c => keys.Contains(c.Id)).ToListAsync(cancellationToken);
    }

    public void Archive(Contract contract, DateTimeOffset archivedAt)
    {
        var outcome = ContractOutcome.Of(contract);
        db.Set<ContractRequestArchiveRow>().Add(new ContractRequestArchiveRow
        {
            ContractId = contract.Id.Hex,
            RequesterAccountId = contract.Terms.RequesterAccountId,
            ProviderId = contract.Terms.ProviderId.Value,
            Pool = contract.Terms.PoolName,
            OfferingId = contract.Terms.OfferingId,
            FinalState = contract.State.ToWireName(),
            CreatedAt = contract.CreatedAt,
            EndedAt = contract.StateSince,
            ArchivedAt = archivedAt,
            RequestedFrom = db.Entry(contract).Property<string?>(ClientOrigin.ContractColumn).CurrentValue,
            History = HistoryText(contract),
            ProviderRespondedAt = outcome.ProviderRespondedAt,
            AcceptedAt = outcome.AcceptedAt,
            TermSeconds = outcome.TermSeconds,
            PriceNanoUsd = outcome.PriceNanoUsd,
            RentalOfferingId = outcome.OfferingId,
        });
        db.Contracts.Remove(contract);
    }

    public async Task<ArchivedContractRequest?> FindAsync(ContractId id, CancellationToken cancellationToken)
    {
        var row = await db.Set<ContractRequestArchiveRow>().AsNoTracking().SingleOrDefaultAsync(r => r.ContractId == id.Hex, cancellationToken);
        return row is null
            ? null
            : new ArchivedContractRequest(row.ContractId, row.RequesterAccountId, row.ProviderId, row.Pool, row.OfferingId, row.FinalState,
                row.CreatedAt, row.EndedAt, row.ArchivedAt, row.History);
    }

    private static string HistoryText(Contract contract)
    {
        var text = string.Join('\n', contract.History.Select(t => string.Create(
            CultureInfo.InvariantCulture, $"{t.From.ToWireName()} -> {t.To.ToWireName()} at {t.At:O} {t.Actor}: {t.Reason}")));
        return text.Length > ContractRequestArchiveConfiguration.MaxHistoryLength ? text[..ContractRequestArchiveConfiguration.MaxHistoryLength] : text;
    }
}
