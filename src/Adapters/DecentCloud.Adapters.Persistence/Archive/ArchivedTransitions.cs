using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Archive;

/// <summary>Reads archived contracts' histories, oldest move first, in the stored form (wire names, UTC ticks).</summary>
internal static class ArchivedTransitions
{
    /// <summary>Ids per query: well under both databases' parameter limits.</summary>
    private const int Chunk = 500;

    public static async Task<Dictionary<string, List<ContractTransition>>> ReadAsync(
        DecentCloudDbContext db, IReadOnlyList<string> contractHexIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<ContractTransition>>(StringComparer.Ordinal);
        foreach (var chunk in contractHexIds.Chunk(Chunk))
        {
            var placeholders = string.Join(", ", chunk.Select((_, i) => $"{{{i}}}"));
            // Only the placeholders are built here; the ids themselves are parameters.
#pragma warning disable EF1002
            var rows = await db.Database.SqlQueryRaw<Row>(
                $"""
                SELECT "ContractId", "Seq", "From", "To", "At", "Actor", "Reason" FROM "contract_transitions_archive"
                WHERE "ContractId" IN ({placeholders}) ORDER BY "Seq"
                """,
                [.. chunk]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.ContractId, out var list))
                {
                    result[row.ContractId] = list = [];
                }

                list.Add(new ContractTransition(
                    ContractStates.FromWireName(row.From) ?? throw new InvalidOperationException($"unknown state {row.From} in the archive"),
                    ContractStates.FromWireName(row.To) ?? throw new InvalidOperationException($"unknown state {row.To} in the archive"),
                    new DateTimeOffset(row.At, TimeSpan.Zero),
                    row.Actor,
                    row.Reason));
            }
        }

        return result;
    }

    internal sealed class Row
    {
        public string ContractId { get; set; } = "";

        public long Seq { get; set; }

        public string From { get; set; } = "";

        public string To { get; set; } = "";

        public long At { get; set; }

        public string Actor { get; set; } = "";

        public string Reason { get; set; } = "";
    }
}
