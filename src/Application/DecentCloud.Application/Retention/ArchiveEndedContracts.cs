using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Retention;

/// <summary>
/// The scheduled archival job: every contract that ended more than <see cref="ContractArchiveOptions.RetentionDays"/>
/// ago moves, with every row of every registered <see cref="IContractArchivePart"/>, from the hot tables to the archive.
/// One transaction per contract, so a run killed at any point leaves each contract wholly in the hot tables or wholly in
/// the archive and the next run picks up where it stopped; safe on several API instances (row locks the others skip).
/// </summary>
public sealed record ArchiveEndedContracts : ICommand<ContractArchivalRun>;

/// <summary>What one archival run moved.</summary>
/// <param name="Contracts">How many contracts were archived.</param>
/// <param name="RowsByTable">How many rows left each hot table.</param>
public sealed record ContractArchivalRun(int Contracts, IReadOnlyDictionary<string, int> RowsByTable);

/// <summary>Handles <see cref="ArchiveEndedContracts"/>.</summary>
internal sealed partial class ArchiveEndedContractsHandler(
    IContractArchive archive,
    IEnumerable<IContractArchivePart> parts,
    IUnitOfWork unitOfWork,
    IOptions<ContractArchiveOptions> options,
    TimeProvider time,
    ILogger<ArchiveEndedContractsHandler> logger) : ICommandHandler<ArchiveEndedContracts, ContractArchivalRun>
{
    /// <summary>Progress is logged every this many contracts, so a long first run shows it is moving.</summary>
    internal const int ProgressEvery = 100;

    /// <inheritdoc />
    public async ValueTask<ContractArchivalRun> Handle(ArchiveEndedContracts command, CancellationToken cancellationToken)
    {
        var partList = parts.ToList();
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Dictionary<string, int>? moved;
            try
            {
                moved = await unitOfWork.InTransactionAsync(() => ArchiveOneAsync(partList, cancellationToken), cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance archived or changed the contract first (SQLite has no row locks to skip): it is
                // no longer ours to move; the next run sees the committed state.
                unitOfWork.Reset();
                break;
            }
            finally
            {
                // The moved rows left the tables behind EF's back: forget the tracked copy of the contract.
                unitOfWork.Reset();
            }

            if (moved is null)
            {
                break;
            }

            count++;
            foreach (var (table, n) in moved)
            {
                rows[table] = rows.GetValueOrDefault(table) + n;
            }

            if (count % ProgressEvery == 0)
            {
                LogProgress(logger, count);
            }
        }

        return new ContractArchivalRun(count, rows);
    }

    private async Task<Dictionary<string, int>?> ArchiveOneAsync(List<IContractArchivePart> partList, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var contract = await archive.LockNextArchivableAsync(now - options.Value.Retention, cancellationToken);
        if (contract is null)
        {
            return null;
        }

        var archived = contract.Archive(now);
        if (archived.IsFailed)
        {
            throw new InvalidOperationException($"contract {contract.Id} was offered for archival but is {contract.State}");
        }

        // The row goes to the archive in its archived state (and its version check stops a second writer).
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var moved = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in partList)
        {
            moved[part.Table] = await part.MoveAsync(contract.Id, now, cancellationToken);
        }

        moved[archive.Table] = await archive.MoveContractAsync(contract.Id, cancellationToken);
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract archival: {Count} contracts archived so far in this run")]
    private static partial void LogProgress(ILogger logger, int count);
}
