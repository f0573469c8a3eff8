using System.Globalization;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Retention;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Trust;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// The archive-contracts job on a real database: every part moves, row counts per table (hot + archive) are equal
/// before and after, nothing is deleted or duplicated, a run killed mid-way resumes, two instances share the work.
/// </summary>
public class ContractArchivalTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly Guid OtherAccount = Guid.Parse("5d0a3c1e-8f47-4b6a-9e2d-7c1b0a9f8e31");

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every hot table that moves, its archive and its contract column; the contracts last, as the job moves them.</summary>
    private static readonly (string Table, string ArchiveTable, string ContractColumn)[] Mirrors =
    [
        ("contract_transitions", "contract_transitions_archive", "ContractId"),
        ("contract_credentials", "contract_credentials_archive", "ContractId"),
        ("health_reports", "health_reports_archive", "ContractId"),
        ("rental_escrows", "rental_escrows_archive", "ContractId"),
        ("payment_releases", "payment_releases_archive", "ContractId"),
        ("health_checks", "health_checks_archive", "ContractId"),
        ("health_incidents", "health_incidents_archive", "ContractId"),
        ("health_rollups", "health_rollups_archive", "ContractId"),
        ("sla_breaches", "sla_breaches_archive", "ContractId"),
        ("health_disagreements", "health_disagreements_archive", "ContractId"),
        ("contracts", "contracts_archive", "Id"),
    ];

    private static IEnumerable<string> Tables => Mirrors.Select(m => m.Table);

    private static ContractId NewId() => ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;

    private static ContractTerms Terms(string provider, Guid account) =>
        ContractTerms.Create(account, provider, "pool-1", "small", 2, 2048, 20,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test",
            null, null, 3600, TokenAmount.FromBaseUnits(Token.Icp, 100_000_000).Value).Value;

    /// <summary>
    /// A contract that ran and ended <paramref name="endedDaysAgo"/> days ago in <paramref name="final"/>, with two health
    /// reports, a credential, a settled escrow, two payment records (paid out, refunded) and a row in each quality table
    /// (a platform check, a closed incident, an hour's rollup, an SLA breach, a disagreement with the agent) beside it.
    /// </summary>
    private static async Task<ContractId> SeedAsync(
        TestDatabase db, ContractState final, int endedDaysAgo, string provider = "prov-a", Guid? account = null, bool settled = true)
    {
        var id = NewId();
        var start = Now.AddDays(-endedDaysAgo - 30);
        var end = Now.AddDays(-endedDaysAgo);
        var contract = Contract.Request(id, Terms(provider, account ?? TestTerms.Account), start);
        contract.MarkPaid(start);
        var path = final switch
        {
            ContractState.Completed => new[] { ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active, ContractState.Completed },
            ContractState.Cancelled => [ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Cancelled],
            ContractState.ProvisioningFailed => [ContractState.Accepted, ContractState.Provisioning, ContractState.ProvisioningFailed],
            ContractState.Rejected => [ContractState.Rejected],
            ContractState.Active => [ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active],
            _ => throw new ArgumentOutOfRangeException(nameof(final)),
        };
        for (var i = 0; i < path.Length; i++)
        {
            Assert.True(contract.MoveTo(path[i], "test", "seed", i == path.Length - 1 ? end : start.AddMinutes(i + 1)).IsSuccess);
        }

        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        string T(DateTimeOffset at) => at.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var h = id.Hex;
        await db.ExecuteScriptAsync($"""
            INSERT INTO health_reports ("Id", "ContractId", "CheckedAt", "Status", "LatencyMs", "Details", "ReceivedAt") VALUES
              ('{Guid.NewGuid()}', '{h}', {T(start.AddHours(1))}, 'Healthy', 12, NULL, {T(start.AddHours(1))}),
              ('{Guid.NewGuid()}', '{h}', {T(start.AddHours(2))}, 'Unhealthy', NULL, 'timeout', {T(start.AddHours(2))});
            INSERT INTO contract_credentials ("ContractId", "Envelope", "LoginUser", "CreatedAt", "ExpiresAt", "Version") VALUES
              ('{h}', '{"{}"}', 'root', {T(start)}, {T(start.AddDays(7))}, 1);
            INSERT INTO rental_escrows ("ContractId", "ProviderId", "PaidNanoUsd", "ReleasedNanoUsd", "RefundedNanoUsd", "StartsAt", "EndsAt", "ReleasedUntil", "Version") VALUES
              ('{h}', '{provider}', 1000, 900, {(settled ? 100 : 0)}, {T(start)}, {T(end)}, {T(end)}, 1);
            INSERT INTO payment_releases ("Id", "ContractId", "ProviderId", "Kind", "State", "PeriodStart", "PeriodEnd", "GrossNanoUsd", "FeeNanoUsd", "NetNanoUsd", "PayoutId", "CreatedAt") VALUES
              ('{Guid.NewGuid()}', '{h}', '{provider}', 'final', 'paid_out', {T(start)}, {T(end)}, 900, 90, 810, '{Guid.NewGuid()}', {T(end)}),
              ('{Guid.NewGuid()}', '{h}', '{provider}', 'refund', 'refunded', {T(end)}, {T(end)}, 100, 0, 100, NULL, {T(end)});
            INSERT INTO health_checks ("Id", "ContractId", "ProviderId", "OfferingId", "At", "Source", "Status", "LatencyMs", "ResponseOk", "Detail") VALUES
              ('{Guid.NewGuid()}', '{h}', '{provider}', NULL, {T(start.AddHours(2))}, 'Platform', 'Unhealthy', NULL, FALSE, 'timeout');
            INSERT INTO health_incidents ("Id", "ContractId", "ProviderId", "OfferingId", "StartedAt", "LastUnhealthyAt", "EndedAt", "UnhealthyChecks") VALUES
              ('{Guid.NewGuid()}', '{h}', '{provider}', NULL, {T(start.AddHours(2))}, {T(start.AddHours(2))}, {T(start.AddHours(3))}, 1);
            INSERT INTO health_rollups ("ContractId", "HourStart", "ProviderId", "OfferingId", "Healthy", "Total", "ResponseOk", "Unknown") VALUES
              ('{h}', {T(start.AddHours(2))}, '{provider}', NULL, 11, 12, 11, 0);
            INSERT INTO sla_breaches ("Id", "ContractId", "ProviderId", "OfferingId", "Hour", "UptimePercent", "TargetPercent", "DetectedAt") VALUES
              ('{Guid.NewGuid()}', '{h}', '{provider}', NULL, {T(start.AddHours(2))}, '91.6667', '99.5', {T(start.AddHours(3))});
            INSERT INTO health_disagreements ("Id", "ContractId", "At", "PlatformStatus", "AgentStatus", "AgentReportId", "AgentCheckedAt") VALUES
              ('{Guid.NewGuid()}', '{h}', {T(start.AddHours(2))}, 'Unhealthy', 'Healthy', '{Guid.NewGuid()}', {T(start.AddHours(2))});
            """);
        return id;
    }

    private static async Task<Dictionary<string, long>> CountAsync(TestDatabase db, string suffix = "")
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var counts = new Dictionary<string, long>();
        foreach (var mirror in Mirrors)
        {
            var table = suffix.Length == 0 ? mirror.Table : mirror.ArchiveTable;
#pragma warning disable EF1002 // table names from the model
            counts[mirror.Table] = await context.Database.SqlQueryRaw<long>($"SELECT CAST(COUNT(*) AS BIGINT) AS \"Value\" FROM \"{table}\"").SingleAsync(Ct);
#pragma warning restore EF1002
        }

        return counts;
    }

    private static Task<Dictionary<string, long>> ArchivedCountAsync(TestDatabase db) => CountAsync(db, "archive");

    private static async Task<ContractArchivalRun> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ArchiveEndedContracts(), cancellationToken);
    }

    private static async Task AssertNothingLostAsync(TestDatabase db, Dictionary<string, long> before)
    {
        var hot = await CountAsync(db);
        var archived = await ArchivedCountAsync(db);
        foreach (var table in Tables)
        {
            Assert.True(before[table] == hot[table] + archived[table], $"{table}: {before[table]} before, {hot[table]} hot + {archived[table]} archived after");
        }

        // No contract in both places, none twice in the archive (the keys would refuse it, but the sets must agree too).
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var both = await context.Database.SqlQueryRaw<long>(
            "SELECT CAST(COUNT(*) AS BIGINT) AS \"Value\" FROM contracts c JOIN contracts_archive a ON a.\"Id\" = c.\"Id\"").SingleAsync(Ct);
        Assert.Equal(0, both);
        var orphans = await context.Database.SqlQueryRaw<long>(
            "SELECT CAST(COUNT(*) AS BIGINT) AS \"Value\" FROM contract_transitions_archive t WHERE NOT EXISTS (SELECT 1 FROM contracts_archive a WHERE a.\"Id\" = t.\"ContractId\")").SingleAsync(Ct);
        Assert.Equal(0, orphans);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ended_contracts_past_retention_move_with_every_part_and_nothing_else_moves(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var completed = await SeedAsync(db, ContractState.Completed, 200);
        var cancelled = await SeedAsync(db, ContractState.Cancelled, 181, provider: "prov-b", account: OtherAccount);
        var failed = await SeedAsync(db, ContractState.ProvisioningFailed, 365);
        var recent = await SeedAsync(db, ContractState.Completed, 179);
        var unsettled = await SeedAsync(db, ContractState.Cancelled, 300, settled: false);
        var live = await SeedAsync(db, ContractState.Active, 300);
        var before = await CountAsync(db);
        Assert.Equal(6, before["contracts"]);
        Assert.Equal(5 + 4 + 3 + 5 + 4 + 4, before["contract_transitions"]);

        var run = await RunAsync(db.Services, Ct);

        Assert.Equal(3, run.Contracts);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["contract_transitions"] = 5 + 4 + 3, ["contract_credentials"] = 3, ["health_reports"] = 6,
                ["rental_escrows"] = 3, ["payment_releases"] = 6, ["health_checks"] = 3, ["health_incidents"] = 3,
                ["health_rollups"] = 3, ["sla_breaches"] = 3, ["health_disagreements"] = 3, ["contracts"] = 3,
            },
            run.RowsByTable.Where(kv => kv.Value > 0).ToDictionary());
        await AssertNothingLostAsync(db, before);
        var archived = await ArchivedCountAsync(db);
        Assert.Equal(run.RowsByTable.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => (long)kv.Value), archived.Where(kv => kv.Value > 0).ToDictionary());
        Assert.Equal(0, (await RunAsync(db.Services, Ct)).Contracts);

        await using var scope = db.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
        Assert.Equal(
            new[] { recent, unsettled, live }.Select(c => c.Hex).Order(),
            (await store.FindManyAsync([completed, cancelled, failed, recent, unsettled, live], Ct)).Select(c => c.Id.Hex).Order());

        // Payment records carry the date before which nothing may prune them: archival plus the legal retention (10 years).
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        foreach (var table in new[] { "rental_escrows_archive", "payment_releases_archive" })
        {
#pragma warning disable EF1002 // fixed table names
            var gaps = await context.Database.SqlQueryRaw<long>($"SELECT \"RetainUntil\" - \"ArchivedAt\" AS \"Value\" FROM \"{table}\"").ToListAsync(Ct);
#pragma warning restore EF1002
            Assert.NotEmpty(gaps);
            Assert.All(gaps, g => Assert.InRange(TimeSpan.FromTicks(g).TotalDays, 3652, 3653));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_archive_is_found_by_id_provider_and_user_and_the_user_still_sees_the_contract(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var a = await SeedAsync(db, ContractState.Completed, 200);
        var b = await SeedAsync(db, ContractState.Cancelled, 200, provider: "prov-b", account: OtherAccount);
        var c = await SeedAsync(db, ContractState.Rejected, 200, provider: "prov-b");
        Contract original;
        await using (var scope = db.Scope())
        {
            original = (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(a, Ct))!;
        }

        Assert.Equal(3, (await RunAsync(db.Services, Ct)).Contracts);

        await using (var scope = db.Scope())
        {
            var archive = scope.ServiceProvider.GetRequiredService<IContractArchive>();
            var found = (await archive.FindAsync(a, Ct))!;
            Assert.Equal((ContractState.Archived, ContractState.Completed), (found.State, found.ArchivedFrom));
            Assert.Equal(original.History, found.History);
            Assert.Equal((original.CreatedAt, original.StateSince, original.PaidAt), (found.CreatedAt, found.StateSince, found.PaidAt));
            Assert.NotNull(found.ArchivedAt);
            Assert.Null(await archive.FindAsync(NewId(), Ct));

            Assert.Equal(new[] { b, c }.Select(x => x.Hex).Order(), (await archive.ListAsync(ProviderId.Create("prov-b").Value, null, 100, Ct)).Select(x => x.Id.Hex).Order());
            Assert.Equal(new[] { a, c }.Select(x => x.Hex).Order(), (await archive.ListAsync(null, TestTerms.Account, 100, Ct)).Select(x => x.Id.Hex).Order());
            Assert.Equal([c.Hex], (await archive.ListAsync(ProviderId.Create("prov-b").Value, TestTerms.Account, 100, Ct)).Select(x => x.Id.Hex));
            Assert.Single(await archive.ListAsync(null, TestTerms.Account, 1, Ct));

            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var listed = await mediator.Send(new ListArchivedContracts("prov-b", OtherAccount.ToString()), Ct);
            Assert.Equal([(b.Hex, "cancelled")], listed.Value.Select(v => (v.ContractId, v.FinalState)));
            Assert.Equal("filter_required", (await mediator.Send(new ListArchivedContracts(null, null), Ct)).Errors[0].Message.Length > 0
                ? ((DecentCloud.Domain.Common.DomainError)(await mediator.Send(new ListArchivedContracts(null, null), Ct)).Errors[0]).Code : "");
            var byId = await mediator.Send(new GetArchivedContract(a.Hex), Ct);
            Assert.Equal(("completed", original.StateSince, original.History.Count), (byId.Value.FinalState, byId.Value.EndedAt, byId.Value.History.Count));

            // GET /api/v1/contracts/{id}: the owner still gets it, as archived; another account does not.
            var own = await mediator.Send(new GetAccountContract(new AccountPrincipal("device", TestTerms.Account), a.Hex), Ct);
            Assert.Equal(("archived", original.History.Count), (own.Value.State, own.Value.History.Count));
            var foreign = await mediator.Send(new GetAccountContract(new AccountPrincipal("device", OtherAccount), a.Hex), Ct);
            Assert.True(foreign.IsFailed);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_archived_contract_gives_the_same_outcome_as_it_did_live(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ids = new[]
        {
            await SeedAsync(db, ContractState.Completed, 200), await SeedAsync(db, ContractState.Cancelled, 190),
            await SeedAsync(db, ContractState.ProvisioningFailed, 400), await SeedAsync(db, ContractState.Rejected, 250),
        };
        List<ContractOutcome> live;
        await using (var scope = db.Scope())
        {
            // The completed contract's user answered the feedback: the archived outcome must carry it too.
            var completed = (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindManyAsync([ids[0]], Ct)).Single();
            scope.ServiceProvider.GetRequiredService<IContractFeedbackStore>().Add(
                ContractFeedback.Give(completed, completed.Terms.RequesterAccountId, true, false, completed.StateSince + TimeSpan.FromHours(1)).Value);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
            var source = scope.ServiceProvider.GetServices<IContractOutcomeSource>().Single(s => s.GetType().Name == "LiveContractOutcomeSource");
            live = [.. (await source.ReadAsync(ProviderId.Create("prov-a").Value, Ct)).Where(o => ids.Any(id => id.Hex == o.ContractId)).OrderBy(o => o.ContractId)];
        }

        Assert.Single(live, o => o.MatchedDescription == true && o.WouldRentAgain == false);

        Assert.Equal(4, (await RunAsync(db.Services, Ct)).Contracts);

        await using (var scope = db.Scope())
        {
            var source = scope.ServiceProvider.GetServices<IContractOutcomeSource>().Single(s => s.GetType().Name == "ArchivedContractOutcomes");
            var archived = (await source.ReadAsync(ProviderId.Create("prov-a").Value, Ct)).OrderBy(o => o.ContractId).ToList();
            Assert.Equal(live, archived);
            Assert.Equal([ContractState.Rejected, ContractState.Cancelled, ContractState.Completed, ContractState.ProvisioningFailed], archived.Select(o => o.State).Order());
        }
    }

    [Fact]
    public async Task A_run_killed_mid_way_resumes_and_loses_or_duplicates_nothing_on_postgres()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        const int total = 600;
        await SeedManyAsync(db, total);
        var before = await CountAsync(db);
        Assert.Equal(total, before["contracts"]);

        // Cancel the run from outside once a third has moved: the token stops it wherever it is, mid-transaction included.
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = RunAsync(db.Services, kill.Token);
        while (!running.IsCompleted && (await ArchivedCountAsync(db))["contracts"] < total / 3)
        {
            await Task.Delay(20, Ct);
        }

        await kill.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Killed inside a contract's transaction: that contract rolled back whole.
        }

        var midway = (await ArchivedCountAsync(db))["contracts"];
        Assert.InRange(midway, total / 3, total - 1);
        await AssertNothingLostAsync(db, before);

        // A second kill, harder: the server ends the job's connection while it works.
        var second = RunAsync(db.NewInstance(), Ct);
        while (!second.IsCompleted && (await ArchivedCountAsync(db))["contracts"] < midway + 100)
        {
            await Task.Delay(20, Ct);
        }

        await db.ExecuteScriptAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        await Assert.ThrowsAnyAsync<Exception>(() => second);
        await AssertNothingLostAsync(db, before);

        // Resumed: the rest moves, every table's rows are all in the archive, none twice.
        var rest = await RunAsync(db.NewInstance(), Ct);
        var archived = await ArchivedCountAsync(db);
        Assert.Equal(total, archived["contracts"]);
        Assert.True(rest.Contracts > 0);
        await AssertNothingLostAsync(db, before);
        Assert.Equal(before, archived);
        Assert.All(await CountAsync(db), kv => Assert.Equal(0, kv.Value));
    }

    [Fact]
    public async Task Two_instances_archive_in_parallel_each_contract_once_on_postgres()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        const int total = 300;
        await SeedManyAsync(db, total);
        var before = await CountAsync(db);

        await using var other = db.NewInstance();
        var runs = await Task.WhenAll(RunAsync(db.Services, Ct), RunAsync(other, Ct));

        Assert.Equal(total, runs.Sum(r => r.Contracts));
        Assert.All(runs, r => Assert.True(r.Contracts > 0, "both instances took a share"));
        Assert.Equal(before["contract_transitions"], runs.Sum(r => r.RowsByTable["contract_transitions"]));
        Assert.Equal(before, await ArchivedCountAsync(db));
        await AssertNothingLostAsync(db, before);
    }

    /// <summary>Many ended contracts at once (one INSERT per table), each with rows in every part.</summary>
    private static async Task SeedManyAsync(TestDatabase db, int count)
    {
        var template = await SeedAsync(db, ContractState.Completed, 200);
        var t = template.Hex;
        var copies = new System.Text.StringBuilder();
        foreach (var mirror in Mirrors.Reverse())
        {
            await using var scope = db.Scope();
            var columns = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>().Model.GetRelationalModel()
                .FindTable(mirror.Table, null)!.Columns.Select(c => c.Name).ToList();
            var keyed = columns.Select(c => c == mirror.ContractColumn ? "n.id"
                : (mirror.Table, c) is ("health_reports" or "payment_releases" or "health_checks" or "health_incidents" or "sla_breaches" or "health_disagreements", "Id") ? "gen_random_uuid()"
                : c == "Seq" ? $"\"Seq\" + n.i * 100" : $"\"{c}\"");
            copies.AppendLine($"""
                INSERT INTO "{mirror.Table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
                SELECT {string.Join(", ", keyed)} FROM "{mirror.Table}",
                  (SELECT i, md5(i::text) || md5((i + 1)::text) AS id FROM generate_series(1, {count - 1}) AS i) AS n
                WHERE "{mirror.ContractColumn}" = '{t}';
                """);
        }

        await db.ExecuteScriptAsync(copies.ToString());
    }
}
