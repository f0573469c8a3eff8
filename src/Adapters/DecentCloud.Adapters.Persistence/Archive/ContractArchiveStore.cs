using DecentCloud.Application.Retention;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace DecentCloud.Adapters.Persistence.Archive;

/// <summary>
/// The contract archive on EF Core. Archived contracts are read back as the <see cref="Contract"/> aggregate itself:
/// <c>contracts_archive</c> has the columns of <c>contracts</c>, so EF materialises it with the same mapping, and the
/// history comes from <c>contract_transitions_archive</c>.
/// </summary>
internal sealed class ContractArchiveStore(DecentCloudDbContext db, PersistenceOptions persistence, IOptions<ContractArchiveOptions> options)
    : IContractArchive
{
    private static readonly string[] Ended =
        [.. Enum.GetValues<ContractState>().Where(s => s.IsTerminal() && s != ContractState.Archived).Select(s => s.ToWireName())];

    // Row locks need raw SQL (EF cannot compose FOR UPDATE). Money must be settled first: an escrow with money left or a
    // release not yet paid out is still read by the release and payout jobs from the hot tables.
    private static readonly string ArchivableSql = $$"""
        SELECT c."Id" AS "Value" FROM contracts c
        WHERE c."State" IN ({{string.Join(", ", Ended.Select(s => $"'{s}'"))}}) AND c."StateSince" < {0}
          AND NOT EXISTS (SELECT 1 FROM rental_escrows e WHERE e."ContractId" = c."Id"
                          AND e."ReleasedNanoUsd" + e."RefundedNanoUsd" < e."PaidNanoUsd")
          AND NOT EXISTS (SELECT 1 FROM payment_releases r WHERE r."ContractId" = c."Id"
                          AND (r."State" = 'released' OR r."ReservedPayoutId" IS NOT NULL))
        ORDER BY c."StateSince" LIMIT 1
        """;

    public string Table => ArchiveTables.Contracts.Table;

    public async Task<Contract?> LockNextArchivableAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<string>(
            persistence.UsesPostgres ? ArchivableSql + " FOR UPDATE OF c SKIP LOCKED" : ArchivableSql,
            endedBefore.UtcTicks).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        var id = ContractId.FromHex(ids[0]).Value;
        return await db.Contracts.SingleAsync(c => c.Id == id, cancellationToken);
    }

    public Task<int> MoveContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        ArchiveMove.RunAsync(db, ArchiveTables.Contracts, persistence.UsesPostgres, contractId.Hex, DateTimeOffset.MinValue,
            DateTimeOffset.MinValue, cancellationToken);

    public async Task<Contract?> FindAsync(ContractId contractId, CancellationToken cancellationToken) =>
        (await ReadAsync(Archived().Where(c => c.Id == contractId), cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Contract>> ListAsync(ProviderId? providerId, Guid? requesterAccountId, int limit, CancellationToken cancellationToken)
    {
        var query = Archived();
        if (providerId is { } provider)
        {
            query = query.Where(c => c.Terms.ProviderId == provider);
        }

        if (requesterAccountId is { } user)
        {
            query = query.Where(c => c.Terms.RequesterAccountId == user);
        }

        return ReadAsync(query.OrderByDescending(c => c.ArchivedAt).ThenBy(c => c.Id).Take(limit), cancellationToken);
    }

    /// <summary>The payment-record retention period, for callers that report it.</summary>
    internal int PaymentRecordRetentionYears => options.Value.PaymentRecordRetentionYears;

    private IQueryable<Contract> Archived()
    {
        // The SQL is built from the model only (no value reaches it), hence no parameters.
#pragma warning disable EF1002
        return db.Contracts.FromSqlRaw(SelectArchived(db.Model)).AsNoTracking();
#pragma warning restore EF1002
    }

    /// <summary>
    /// <c>SELECT *</c> of the archive, plus each renamed column of a complex property under its path name: a raw query's
    /// complex properties are read by path (<c>Terms_Price_BaseUnits</c>), not by the table's names (<c>Terms_PriceAmount</c>).
    /// </summary>
    private static string SelectArchived(IModel model)
    {
        var table = StoreObjectIdentifier.Table(ArchiveTables.Contracts.Table);
        var entity = model.FindEntityType(typeof(Contract))!;
        var aliases = ComplexColumns(entity.GetComplexProperties(), "")
            .Select(p => (Column: p.Property.GetColumnName(table), p.Path))
            .Where(p => p.Column is not null && p.Column != p.Path)
            .Select(p => $", \"{p.Column}\" AS \"{p.Path}\"");
        return $"SELECT *{string.Concat(aliases)} FROM \"{ArchiveTables.Contracts.ArchiveTable}\"";
    }

    private static IEnumerable<(IProperty Property, string Path)> ComplexColumns(IEnumerable<IComplexProperty> complex, string prefix) =>
        complex.SelectMany(c => c.ComplexType.GetProperties().Select(p => (p, prefix + c.Name + "_" + p.Name))
            .Concat(ComplexColumns(c.ComplexType.GetComplexProperties(), prefix + c.Name + "_")));

    private async Task<IReadOnlyList<Contract>> ReadAsync(IQueryable<Contract> query, CancellationToken cancellationToken)
    {
        var contracts = await query.ToListAsync(cancellationToken);
        if (contracts.Count == 0)
        {
            return contracts;
        }

        // The history lives in its own archive table; EF's join reads the hot one, which no longer has it.
        var history = await ArchivedTransitions.ReadAsync(db, contracts.Select(c => c.Id.Hex).ToList(), cancellationToken);
        var accessor = db.Model.FindEntityType(typeof(Contract))!.FindNavigation(nameof(Contract.History))!.GetCollectionAccessor()!;
        foreach (var contract in contracts)
        {
            foreach (var transition in history.GetValueOrDefault(contract.Id.Hex, []))
            {
                accessor.Add(contract, transition, forMaterialization: true);
            }
        }

        return contracts;
    }
}
