using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Retention;

/// <summary>
/// One table of a contract's data that moves with it into the archive. The archival job calls every registered part
/// inside the contract's one transaction; a part copies the contract's rows into its archive table and only then
/// removes them from the hot table, so a row is always in exactly one of the two.
/// </summary>
public interface IContractArchivePart
{
    /// <summary>The hot table's name (reports and tests count rows per table by it).</summary>
    string Table { get; }

    /// <summary>The archive table's name.</summary>
    string ArchiveTable { get; }

    /// <summary>Moves the rows of <paramref name="contractId"/>; returns how many moved. Runs inside the caller's transaction.</summary>
    Task<int> MoveAsync(ContractId contractId, DateTimeOffset archivedAt, CancellationToken cancellationToken);
}
