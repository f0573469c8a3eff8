using DecentCloud.Application.Retention;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.Options;

namespace DecentCloud.Adapters.Persistence.Archive;

/// <summary>One of <see cref="ArchiveTables.Parts"/> as the archival job sees it.</summary>
internal sealed class MirroredArchivePart(DecentCloudDbContext db, PersistenceOptions persistence, IOptions<ContractArchiveOptions> options, ArchiveMirror mirror)
    : IContractArchivePart
{
    public string Table => mirror.Table;

    public string ArchiveTable => mirror.ArchiveTable;

    public Task<int> MoveAsync(ContractId contractId, DateTimeOffset archivedAt, CancellationToken cancellationToken) =>
        ArchiveMove.RunAsync(db, mirror, persistence.UsesPostgres, contractId.Hex, archivedAt,
            archivedAt.AddYears(options.Value.PaymentRecordRetentionYears), cancellationToken);
}
