using DecentCloud.Application.Accounts;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using DecentCloud.Domain.Money;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// Databases written by the previous release (UpgradeFixtures/, made by scripts/make-upgrade-fixtures.sh from
/// that release's own code) upgrade in place, and instances starting together never race.
/// </summary>
public class UpgradeTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_baseline_migration_builds_exactly_the_schema_the_previous_release_created(string provider)
    {
        await using var previous = await TestDatabase.FromFixtureAsync(provider);
        await using var migrated = await TestDatabase.EmptyAsync(provider);
        await using (var scope = migrated.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
            var baseline = db.Database.GetMigrations().First();
            Assert.EndsWith("_Baseline", baseline);
            await db.GetService<IMigrator>().MigrateAsync(baseline, Ct);
        }

        var expected = await SchemaInspection.DescribeAsync(previous);
        var actual = await SchemaInspection.DescribeAsync(migrated);
        Assert.Equal(15, (await SchemaInspection.TablesAsync(previous)).Count);
        Assert.Contains(expected, line => line.StartsWith("column contracts.Terms_PriceE8s ", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_database_of_the_previous_release_upgrades_in_place_and_keeps_every_row(string provider)
    {
        await using var db = await TestDatabase.FromFixtureAsync(provider);
        var before = await SchemaInspection.CountRowsAsync(db);
        Assert.All(before, table => Assert.True(table.Value > 0, $"the fixture has no {table.Key} rows"));

        var logs = new WarningLog();
        await using (var instance = db.NewInstance(logs))
        {
            await instance.InitializeDecentCloudDatabaseAsync(Ct);
        }

        // Nothing to warn about: each migration runs in one transaction (no half-applied state after a crash).
        Assert.Empty(logs.Warnings);
        AssertEveryRowKept(before, await SchemaInspection.CountRowsAsync(db));
        await using var scope = db.Scope();
        var sp = scope.ServiceProvider;
        var migrator = sp.GetRequiredService<DatabaseMigrator>();
        Assert.Empty(await migrator.PendingAsync(Ct));
        Assert.Equal(migrator.All, await migrator.AppliedAsync(Ct));
        Assert.Equal(migrator.All, await SchemaInspection.QueryAsync(db, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\""));

        // Every contract state, with its history and terms, read back through the store (archived is never in the hot
        // tables: the previous release had no such state).
        var contracts = await sp.GetRequiredService<IContractStore>().FindManyAsync(
            Enumerable.Range(1, 12).Select(FixtureContractId).ToArray(), Ct);
        Assert.Equal(Enum.GetValues<ContractState>().Where(s => s != ContractState.Archived).Order(), contracts.Select(c => c.State).Order());
        var completed = contracts.Single(c => c.State == ContractState.Completed);
        Assert.Equal(
            [ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active, ContractState.Completed],
            completed.History.OrderBy(h => h.At).Select(h => h.To)); // PostgreSQL returns owned rows in no set order
        Assert.Equal(("vm-0b", "root", PasswordResetState.Succeeded), (completed.ExternalId, completed.LoginUser, completed.PasswordReset));
        Assert.NotNull(completed.TerminatedAt);
        var first = contracts.Single(c => c.Id == FixtureContractId(1));
        Assert.Equal((ContractState.Requested, "offer-1", 1, 1024, 3600L), (first.State, first.Terms.OfferingId, first.Terms.Cores, first.Terms.MemoryMb, first.Terms.DurationSeconds));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), first.CreatedAt);
        Assert.True(contracts.Single(c => c.Id == FixtureContractId(4)).IsFree);

        // Prices were ICP e8s in a bare long: each survives as exactly that many base units of ICP.
        foreach (var contract in contracts)
        {
            var index = Convert.ToInt32(contract.Id.Hex[..2], 16);
            var e8s = index % 4 == 0 ? 0 : 123_456_789L * index;
            Assert.Equal(TokenAmount.FromBaseUnits(Token.Icp, e8s).Value, contract.Terms.Price);
            Assert.Equal(e8s == 0, contract.Terms.IsFree);
        }

        Assert.Equal("13.58024679 ICP", completed.Terms.Price.ToString());
        Assert.Equal("quota exceeded", contracts.Single(c => c.State == ContractState.ProvisioningFailed).History.MaxBy(h => h.At)!.Reason);

        var credential = await sp.GetRequiredService<ICredentialStore>().FindAsync(completed.Id, Ct);
        Assert.Contains(completed.Id.Hex, credential!.Envelope, StringComparison.Ordinal);
        Assert.Equal(2, (await sp.GetRequiredService<IHealthReportStore>().ListAsync(completed.Id, 10, Ct)).Count
            + (await sp.GetRequiredService<IHealthReportStore>().ListAsync(FixtureContractId(12), 10, Ct)).Count);

        var account = await sp.GetRequiredService<IAccountStore>().FindByDeviceAsync(new string('3', 64), Ct);
        Assert.Equal(Guid.Parse("20000000-0000-0000-0000-000000000001"), account!.Id);
        Assert.Equal(3, account.Devices.Count);
        Assert.Equal(2, account.ActiveDevices.Count());

        var revoked = await sp.GetRequiredService<IAgentDelegationStore>().FindAsync(AgentPublicKey.FromHex(new string('c', 64)).Value, Ct);
        Assert.NotNull(revoked!.RevokedAt);
        var labelled = await sp.GetRequiredService<IAgentDelegationStore>().FindAsync(AgentPublicKey.FromHex(new string('a', 64)).Value, Ct);
        Assert.Equal(("rack 7", AgentPermissions.All), (labelled!.Label, labelled.Permissions));
        var gone = await sp.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(DcId.Create("dc-old").Value, Ct);
        Assert.False(gone!.IsActive);
        var live = await sp.GetRequiredService<IAcmeDnsAccountStore>().FindByUsernameAsync(Guid.Parse("40000000-0000-0000-0000-000000000001"), Ct);
        Assert.Equal([0xde, 0xad, 0xbe, 0xef], live!.SecretHash);
        var txt = await sp.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(DcId.Create("dc-lk").Value, Ct);
        Assert.Equal([new string('y', 43), new string('x', 43)], txt!.Values);
        var vm = await sp.GetRequiredService<IVmAddressRecordStore>().FindAsync(DcId.Create("dc-lk").Value, VmSlug.Create("def456").Value, Ct);
        Assert.Equal("198.51.100.7", vm!.Address);
        Assert.Null(vm.ContractId); // a name published before names belonged to contracts belongs to none
        var beat = await sp.GetRequiredService<IAgentHeartbeatStore>().FindAsync(AgentPublicKey.FromHex(new string('a', 64)).Value, Ct);
        Assert.Equal(("0.1.0", 3), (beat!.AgentVersion, beat.ActiveContracts));
        Assert.NotNull(await sp.GetRequiredService<ISetupTokenStore>().FindByHashAsync([1, 1, 1, 1], Ct));

        // The replay cache and the audit trail still work on the upgraded tables.
        var nonces = sp.GetRequiredService<INonceStore>();
        Assert.False(await nonces.TryRememberAsync(AgentPublicKey.FromHex(new string('a', 64)).Value, "0f8fad5b-d9cb-469f-a165-70867728950e", DateTimeOffset.UtcNow.AddMinutes(5), Ct));
        var audit = await sp.GetRequiredService<IAuditLog>().RecentAsync(10, Ct);
        Assert.Equal(["acme-dns.update", "gateway.register", "agent.setup"], audit.Select(a => a.Action));

        // New rows go in after the old ones (identity columns carried over).
        await sp.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, "after.upgrade", "ok", "test", "db", null), Ct);
        Assert.Equal("after.upgrade", (await sp.GetRequiredService<IAuditLog>().RecentAsync(1, Ct)).Single().Action);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_dry_run_of_an_upgrade_shows_the_sql_and_changes_nothing(string provider)
    {
        await using var db = await TestDatabase.FromFixtureAsync(provider);
        var schema = await SchemaInspection.DescribeAsync(db);
        await using var scope = db.Scope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();

        Assert.True(await migrator.NeedsAdoptionAsync(Ct));
        Assert.Equal([migrator.All[0]], await migrator.AppliedAsync(Ct));
        Assert.Equal(migrator.All.Skip(1), await migrator.PendingAsync(Ct));
        var script = await migrator.ScriptAsync(Ct);
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal);
        Assert.Contains(migrator.All[0], script, StringComparison.Ordinal);

        Assert.Equal(schema, await SchemaInspection.DescribeAsync(db));
        Assert.Empty(await SchemaInspection.QueryAsync(db, provider == "postgres"
            ? "SELECT table_name::text FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory'"
            : "SELECT name FROM sqlite_master WHERE name = '__EFMigrationsHistory'"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_up_to_date_database_has_nothing_to_apply(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var scope = db.Scope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();

        Assert.Empty(await migrator.PendingAsync(Ct));
        Assert.Equal(string.Empty, await migrator.ScriptAsync(Ct));
        Assert.Empty(await migrator.ApplyAsync(Ct));
        Assert.False(await migrator.NeedsAdoptionAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Instances_starting_at_the_same_instant_on_an_empty_database_all_come_up(string provider)
    {
        const int Instances = 4;
        for (var round = 0; round < 5; round++)
        {
            await using var db = await TestDatabase.EmptyAsync(provider);
            var instances = Enumerable.Range(0, Instances).Select(_ => db.NewInstance()).ToArray();
            try
            {
                using var start = new Barrier(Instances);
                var runs = instances.Select(services => Task.Run(async () =>
                {
                    start.SignalAndWait(Ct);
                    await services.InitializeDecentCloudDatabaseAsync(Ct);
                }, Ct)).ToArray();
                await Task.WhenAll(runs);

                var migrations = await SchemaInspection.QueryAsync(db, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"");
                await using var scope = instances[^1].CreateAsyncScope();
                Assert.Equal(scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().All, migrations);
                scope.ServiceProvider.GetRequiredService<IAgentPoolStore>().Add(AgentPool.Create(Guid.NewGuid(), "pool-a", ProviderId.Create("prov-a").Value, DateTimeOffset.UtcNow).Value);
                await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
            }
            finally
            {
                foreach (var services in instances)
                {
                    await services.DisposeAsync();
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Instances_starting_together_on_a_database_of_the_previous_release_adopt_it_once_and_keep_every_row(string provider)
    {
        const int Instances = 3;
        await using var db = await TestDatabase.FromFixtureAsync(provider);
        var before = await SchemaInspection.CountRowsAsync(db);
        var instances = Enumerable.Range(0, Instances).Select(_ => db.NewInstance()).ToArray();
        try
        {
            using var start = new Barrier(Instances);
            await Task.WhenAll(instances.Select(services => Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                await services.InitializeDecentCloudDatabaseAsync(Ct);
            }, Ct)));
        }
        finally
        {
            foreach (var services in instances)
            {
                await services.DisposeAsync();
            }
        }

        AssertEveryRowKept(before, await SchemaInspection.CountRowsAsync(db));
        await using var scope = db.Scope();
        Assert.Equal(scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().All,
            await SchemaInspection.QueryAsync(db, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\""));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_price_beyond_64_bits_in_another_token_is_stored_exactly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var price = TokenAmount.FromBaseUnits(Token.Dc, TokenAmount.MaxBaseUnits).Value;
        var id = FixtureContractId(0x7f);
        await using (var scope = db.Scope())
        {
            var terms = ContractTerms.Create(TestTerms.Account, "prov-1", "pool-1", "big", 1, 1024, 10,
                TestTerms.Create().SshPublicKey, null, null, 3600, price).Value;
            scope.ServiceProvider.GetRequiredService<IContractStore>().Add(Contract.Request(id, terms, DateTimeOffset.UtcNow));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct);
            Assert.Equal(price, stored!.Terms.Price);
            Assert.Equal("340282366920938463463374607431768211455", stored.Terms.Price.BaseUnits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static ContractId FixtureContractId(int index) => ContractId.FromHex($"{index:x2}" + new string('0', 62)).Value;

    // Every table of the previous release keeps its rows; tables added by later migrations start empty.
    private static void AssertEveryRowKept(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        Assert.Equal(before, after.Where(t => before.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => t.Value));
        Assert.All(after.Where(t => !before.ContainsKey(t.Key)), added => Assert.Equal(0, added.Value));
    }
}
