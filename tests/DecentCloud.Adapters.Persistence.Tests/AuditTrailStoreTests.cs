using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

public sealed class AuditTrailStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_audited_command_has_its_entry_stored_when_it_returns(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        for (var i = 1; i <= 9; i++)
        {
            await using (var scope = db.Scope())
            {
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var created = i % 2 == 0
                    ? (await mediator.Send(new CreateSetupToken($"pool-{i}", null, null, null), Ct)).IsSuccess
                    : (await mediator.Send(new MarkContractPaid(ContractId.FromHex(new string('a', 30) + $"{i:D2}").Value, "admin"), Ct)).IsFailed;
                Assert.True(created);
            }

            // Counted on another connection, right away: an entry still in memory would not be there.
            Assert.Equal(i, await CountAsync(db));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pruning_deletes_old_entries_and_the_oldest_refusals_beyond_the_cap(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var cutoff = now.AddDays(-90);
        (TimeSpan Age, string Outcome, string Subject)[] entries =
        [
            (TimeSpan.FromDays(91), "ok", "old-ok"),
            (TimeSpan.FromDays(90) + TimeSpan.FromTicks(1), "unauthorized", "old-refusal"),
            (TimeSpan.FromDays(90), "ok", "kept-at-cutoff"),
            (TimeSpan.FromDays(5), "unauthorized", "refusal-1"),
            (TimeSpan.FromDays(4), "ok", "recent-ok"),
            (TimeSpan.FromDays(3), "forbidden", "refusal-2"),
            (TimeSpan.FromDays(2), "unauthorized", "refusal-3"),
            (TimeSpan.FromDays(1), "unauthorized", "refusal-4"),
        ];
        foreach (var (age, outcome, subject) in entries)
        {
            await using var scope = db.Scope();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now - age, "test", outcome, "tester", subject, null), Ct);
        }

        await using (var scope = db.Scope())
        {
            var deleted = await scope.ServiceProvider.GetRequiredService<IAuditLog>().PruneAsync(cutoff, keepRefusals: 2, Ct);
            Assert.Equal(4, deleted);
        }

        await using (var scope = db.Scope())
        {
            var left = await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(100, Ct);
            Assert.Equal(["refusal-4", "refusal-3", "recent-ok", "kept-at-cutoff"], left.Select(e => e.Subject));
        }
    }

    private static async Task<int> CountAsync(TestDatabase db)
    {
        await using var services = db.NewInstance();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>().Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM audit_entries").SingleAsync(Ct);
    }
}
