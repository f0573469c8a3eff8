using DecentCloud.Application.Retention;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// Moves one contract's rows of a quality table into its archive table inside the caller's transaction: one
/// INSERT ... SELECT of every column the hot table has (read from the model, so a column added later moves too), then the
/// DELETE of exactly the rows copied. A row is in one of the two tables at every commit.
/// </summary>
internal abstract class QualityArchivePart<THot, TArchive>(DecentCloudDbContext db) : IContractArchivePart
    where THot : class
    where TArchive : class
{
    public string Table => db.Model.FindEntityType(typeof(THot))!.GetTableName()!;

    public string ArchiveTable => db.Model.FindEntityType(typeof(TArchive))!.GetTableName()!;

    public async Task<int> MoveAsync(ContractId contractId, DateTimeOffset archivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        var columns = string.Join(", ", db.Model.FindEntityType(typeof(THot))!.GetProperties().Select(p => "\"" + p.GetColumnName() + "\""));
        // Table and column names come from the model, never from input; the values are parameters.
        var copy = "INSERT INTO " + ArchiveTable + " (" + columns + ", \"ArchivedAt\") SELECT " + columns + ", {0} FROM " + Table + " WHERE \"ContractId\" = {1}";
#pragma warning disable EF1003 // identifiers from the EF model only; every value is a parameter
        var moved = await db.Database.ExecuteSqlRawAsync(copy, [archivedAt.UtcTicks, contractId.Hex], cancellationToken);
        var removed = await db.Database.ExecuteSqlRawAsync("DELETE FROM " + Table + " WHERE \"ContractId\" = {0}", [contractId.Hex], cancellationToken);
#pragma warning restore EF1003
        if (moved != removed)
        {
            // Something wrote the contract's rows between the two statements: roll the whole contract back rather than lose one.
            throw new InvalidOperationException($"{Table}: copied {moved} rows of contract {contractId.Hex} to {ArchiveTable} but removed {removed}.");
        }

        return moved;
    }
}

internal sealed class HealthCheckArchivePart(DecentCloudDbContext db) : QualityArchivePart<HealthCheck, HealthCheckArchiveRow>(db);

internal sealed class HealthIncidentArchivePart(DecentCloudDbContext db) : QualityArchivePart<HealthIncident, HealthIncidentArchiveRow>(db);

internal sealed class HealthRollupArchivePart(DecentCloudDbContext db) : QualityArchivePart<HealthRollup, HealthRollupArchiveRow>(db);

internal sealed class SlaBreachArchivePart(DecentCloudDbContext db) : QualityArchivePart<SlaBreach, SlaBreachArchiveRow>(db);

internal sealed class HealthDisagreementArchivePart(DecentCloudDbContext db) : QualityArchivePart<HealthDisagreement, HealthDisagreementArchiveRow>(db);
