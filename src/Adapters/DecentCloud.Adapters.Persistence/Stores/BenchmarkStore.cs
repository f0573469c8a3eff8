using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>Renters' benchmark submissions on EF Core: one row per figure, grouped back by submission id.</summary>
internal sealed class BenchmarkStore(DecentCloudDbContext db) : IBenchmarkStore
{
    public Task<bool> HasProvisionedRentalAsync(Guid accountId, Guid offeringId, CancellationToken cancellationToken) =>
        db.Contracts.AsNoTracking().AnyAsync(
            c => c.Terms.RequesterAccountId == accountId && c.RentalOfferingId == offeringId && c.ProvisionedAt != null, cancellationToken);

    public Task<int> CountSubmissionsAsync(Guid accountId, Guid offeringId, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.ExternalBenchmarks.Where(r => r.AccountId == accountId && r.OfferingId == offeringId && r.SubmittedAt >= since)
            .Select(r => r.SubmissionId).Distinct().CountAsync(cancellationToken);

    public void Add(BenchmarkSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        db.ExternalBenchmarks.AddRange(submission.Benchmarks.Select(b => new ExternalBenchmarkRow
        {
            Id = Guid.CreateVersion7(submission.SubmittedAt),
            SubmissionId = submission.Id,
            OfferingId = submission.OfferingId,
            ProviderId = submission.ProviderId,
            AccountId = submission.AccountId,
            SubmittedAt = submission.SubmittedAt,
            YabsVersion = submission.YabsVersion,
            RanAt = submission.RanAt,
            Source = b.Source,
            Category = b.Category.ToString().ToLowerInvariant(),
            Metric = b.Metric,
            Value = b.Value,
            Unit = b.Unit,
            Context = Fit(b.Context, SignalColumns.Context),
        }));
    }

    public async Task<IReadOnlyList<BenchmarkSubmission>> ListByOfferingAsync(Guid offeringId, int limit, CancellationToken cancellationToken)
    {
        var newest = await db.ExternalBenchmarks.AsNoTracking().Where(r => r.OfferingId == offeringId)
            .Select(r => new { r.SubmissionId, r.SubmittedAt }).Distinct()
            .OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.SubmissionId).Take(limit)
            .Select(s => s.SubmissionId).ToListAsync(cancellationToken);
        var rows = await db.ExternalBenchmarks.AsNoTracking().Where(r => newest.Contains(r.SubmissionId)).ToListAsync(cancellationToken);
        return Group(rows);
    }

    public async Task<IReadOnlyList<BenchmarkSubmission>> ListByProviderAsync(ProviderId providerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var provider = providerId.Value;
        var rows = await db.ExternalBenchmarks.AsNoTracking().Where(r => r.ProviderId == provider && r.SubmittedAt >= since).ToListAsync(cancellationToken);
        return Group(rows);
    }

    private static List<BenchmarkSubmission> Group(List<ExternalBenchmarkRow> rows) =>
        [.. rows.GroupBy(r => r.SubmissionId)
            .Select(g =>
            {
                var first = g.First();
                return new BenchmarkSubmission(g.Key, first.OfferingId, first.ProviderId, first.AccountId, first.SubmittedAt, first.YabsVersion, first.RanAt,
                    [.. g.OrderBy(r => r.Id).Select(r => new ExternalBenchmark(r.Source, r.OfferingId.ToString(), Enum.Parse<BenchmarkCategory>(r.Category, ignoreCase: true),
                        r.Metric, r.Value, r.Unit, r.Context.Length == 0 ? null : r.Context, r.RanAt))]);
            })
            .OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.Id)];

    internal static string Fit(string? text, int length) => text is null ? string.Empty : text.Length <= length ? text : text[..length];
}
