using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DecentCloud.Adapters.Persistence.Archive;

/// <summary>
/// One hot table whose rows of a contract move to an archive table of the same columns when the contract is archived.
/// </summary>
/// <param name="Table">The hot table.</param>
/// <param name="ArchiveTable">Its archive table: every column of <paramref name="Table"/>, plus <c>ArchivedAt</c>.</param>
/// <param name="ContractColumn">The column naming the contract (hex id).</param>
/// <param name="PaymentRecord">
/// Whether the rows are payment records, kept at least the legal retention period: the archive gets a <c>RetainUntil</c>
/// column, and nothing may prune a row before it.
/// </param>
internal sealed record ArchiveMirror(string Table, string ArchiveTable, string ContractColumn, bool PaymentRecord = false);

/// <summary>
/// The archive tables. Each is built from its hot table's model (same column names, types, lengths and keys), so a
/// column added to a hot table appears in its archive by the next migration and the move stays a plain
/// <c>INSERT … SELECT</c> of the same columns: nothing is lost in translation.
/// </summary>
internal static class ArchiveTables
{
    /// <summary>When the row was archived (every archive table).</summary>
    public const string ArchivedAt = "ArchivedAt";

    /// <summary>The earliest a payment record may ever be pruned (payment-record archives only).</summary>
    public const string RetainUntil = "RetainUntil";

    /// <summary>The contracts themselves: moved last, after every part, because the parts' rows refer to them.</summary>
    public static readonly ArchiveMirror Contracts = new("contracts", "contracts_archive", "Id");

    /// <summary>
    /// The contract's other rows, one line per table (a feature that adds a per-contract table adds its line here, or
    /// registers its own <c>IContractArchivePart</c>). The ledger is not here: it is append-only and never moves.
    /// </summary>
    public static readonly IReadOnlyList<ArchiveMirror> Parts =
    [
        new("contract_transitions", "contract_transitions_archive", "ContractId"),
        new("contract_credentials", "contract_credentials_archive", "ContractId"),
        new("health_reports", "health_reports_archive", "ContractId"),
        new("rental_escrows", "rental_escrows_archive", "ContractId", PaymentRecord: true),
        new("payment_releases", "payment_releases_archive", "ContractId", PaymentRecord: true),
        new("health_checks", "health_checks_archive", "ContractId"),
        new("health_incidents", "health_incidents_archive", "ContractId"),
        new("health_rollups", "health_rollups_archive", "ContractId"),
        new("sla_breaches", "sla_breaches_archive", "ContractId"),
        new("health_disagreements", "health_disagreements_archive", "ContractId"),
    ];

    /// <summary>Every mirror, contracts included.</summary>
    public static IEnumerable<ArchiveMirror> All => Parts.Append(Contracts);

    /// <summary>Adds the archive tables; call after every hot table is configured.</summary>
    public static void Build(ModelBuilder modelBuilder)
    {
        foreach (var mirror in All)
        {
            var source = modelBuilder.Model.GetEntityTypes().Single(e => e.GetTableName() == mirror.Table);
            modelBuilder.SharedTypeEntity<Dictionary<string, object>>(mirror.ArchiveTable, archive =>
            {
                archive.ToTable(mirror.ArchiveTable);
                var columns = Columns(source).ToList();
                foreach (var (column, property) in columns)
                {
                    var copy = archive.IndexerProperty(property.ClrType, column).HasColumnName(column).IsRequired(!property.IsNullable);
                    foreach (var annotation in property.GetAnnotations().Where(a => !IsGenerationAnnotation(a.Name)))
                    {
                        copy.HasAnnotation(annotation.Name, annotation.Value);
                    }

                    // An archived row keeps the key it had: nothing is generated here.
                    copy.ValueGeneratedNever();
                }

                if (columns.All(c => c.Column != ArchivedAt))
                {
                    archive.IndexerProperty<DateTimeOffset>(ArchivedAt);
                }

                archive.HasKey(source.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).ToArray());
                archive.HasIndex(mirror.ContractColumn);
                archive.HasIndex(ArchivedAt);
                if (mirror.PaymentRecord)
                {
                    archive.IndexerProperty<DateTimeOffset>(RetainUntil);
                    archive.HasIndex(RetainUntil);
                }
            });
        }

    }

    /// <summary>
    /// Every column of an entity type, its complex properties' columns included, with the property that maps it. While
    /// the model is being built a complex property's column has no prefix yet: it gets EF's default
    /// (<c>Terms_PoolName</c>) unless the configuration named it.
    /// </summary>
    private static IEnumerable<(string Column, IMutableProperty Property)> Columns(IMutableEntityType entity) =>
        entity.GetProperties().Select(p => (p.GetColumnName(), p))
            .Concat(entity.GetComplexProperties().SelectMany(c => Columns(c.ComplexType, c.Name)));

    private static IEnumerable<(string Column, IMutableProperty Property)> Columns(IMutableComplexType complex, string prefix) =>
        complex.GetProperties().Select(p => (p.FindAnnotation(RelationalAnnotationNames.ColumnName)?.Value as string ?? prefix + "_" + p.Name, p))
            .Concat(complex.GetComplexProperties().SelectMany(c => Columns(c.ComplexType, prefix + "_" + c.Name)));

    // Identity and autoincrement belong to the hot table's inserts, not to copies of rows that already have their key.
    private static bool IsGenerationAnnotation(string name) =>
        name.Contains("ValueGeneration", StringComparison.Ordinal)
        || name.Contains("Identity", StringComparison.Ordinal)
        || name.Contains("Autoincrement", StringComparison.Ordinal)
        || name.Contains("Sequence", StringComparison.Ordinal);
}
