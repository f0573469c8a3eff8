using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Marketplace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>Provider profiles and offerings on both providers: stock taken atomically, the CHECK, search in SQL.</summary>
public class MarketplaceStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProviderId Provider = ProviderId.Create("prov-m").Value;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_50_concurrent_reservations_on_a_stock_of_5_exactly_5_succeed_and_a_release_lets_exactly_one_more_in(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddAsync(db, Spec(stock: 5));

        var first = await ReserveConcurrentlyAsync(db, id, 50);
        Assert.Equal(5, first.Count(ok => ok));
        Assert.Equal(5, (await ReadAsync(db, id)).Reserved);

        await using (var scope = db.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IOfferingStore>().ReleaseAsync(id, Ct));
        }

        var second = await ReserveConcurrentlyAsync(db, id, 50);
        Assert.Equal(1, second.Count(ok => ok));
        Assert.Equal(5, (await ReadAsync(db, id)).Reserved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Paused_or_unknown_offerings_reserve_nothing_and_release_never_goes_below_zero(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddAsync(db, Spec(stock: 2));
        await using var scope = db.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IOfferingStore>();
        Assert.False(await store.ReleaseAsync(id, Ct));
        Assert.False(await store.TryReserveAsync(Guid.NewGuid(), Ct));
        var offering = await store.FindAsync(id, Ct);
        Assert.True(offering!.Pause(Now).IsSuccess);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        Assert.False(await store.TryReserveAsync(id, Ct));
        Assert.Equal(0, (await ReadAsync(db, id)).Reserved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_refuses_reserved_above_stock_or_below_zero(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddAsync(db, Spec(stock: 1));
        var text = provider == "postgres" ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteScriptAsync($"UPDATE offerings SET \"Reserved\" = 2 WHERE \"Id\" = {text}"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteScriptAsync($"UPDATE offerings SET \"Reserved\" = -1 WHERE \"Id\" = {text}"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteScriptAsync($"UPDATE offerings SET \"Stock\" = 0 WHERE \"Id\" = {text}"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_edit_read_before_a_reservation_cannot_save_over_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddAsync(db, Spec(stock: 3));
        await using var editor = db.Scope();
        var read = await editor.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(id, Ct);
        await using (var renter = db.Scope())
        {
            Assert.True(await renter.ServiceProvider.GetRequiredService<IOfferingStore>().TryReserveAsync(id, Ct));
        }

        Assert.True(read!.Edit(Spec(stock: 3, name: "renamed"), Now).IsSuccess);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => editor.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
        Assert.Equal(1, (await ReadAsync(db, id)).Reserved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_filters_sorts_and_pages_in_the_database(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var cheap = await AddAsync(db, Spec(price: "5", cores: 1, country: "DE", backend: "hetzner"));
        var mid = await AddAsync(db, Spec(price: "12.5", cores: 4, country: "DE", backend: "proxmox"), Now.AddMinutes(1));
        var dear = await AddAsync(db, Spec(price: "40", cores: 8, country: "US", backend: "proxmox"), Now.AddMinutes(2));
        var soldOut = await AddAsync(db, Spec(price: "1", stock: 1));
        var paused = await AddAsync(db, Spec(price: "2"));
        await using (var scope = db.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IOfferingStore>();
            Assert.True(await store.TryReserveAsync(soldOut, Ct));
            Assert.True((await store.FindAsync(paused, Ct))!.Pause(Now).IsSuccess);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        Assert.Equal([cheap, mid, dear], await SearchAsync(db, Query()));
        Assert.Equal([dear, mid, cheap], await SearchAsync(db, Query(sort: "-price")));
        Assert.Equal([dear, mid, cheap], await SearchAsync(db, Query(sort: "newest")));
        Assert.Equal([mid, dear], await SearchAsync(db, Query(minCores: 2)));
        Assert.Equal([cheap, mid], await SearchAsync(db, Query(country: "DE")));
        Assert.Equal([mid, dear], await SearchAsync(db, Query(backend: "proxmox")));
        Assert.Equal([cheap, mid], await SearchAsync(db, Query(maxPrice: "12.5")));
        Assert.Equal([cheap], await SearchAsync(db, Query(maxPrice: "12.499999999")));

        // The store returns one row past the page, so the caller knows a next page exists.
        Assert.Equal([cheap, mid], await SearchAsync(db, Query(limit: 1)));
        Assert.Equal([mid, dear], await SearchAsync(db, Query(offset: 1, limit: 2)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_profile_round_trips_and_belongs_to_an_existing_account(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var account = Account.Register(Guid.NewGuid(), new string('f', 64), new string('1', 64), "laptop", Now).Value;
        var fields = new ProviderProfileFields("Acme Hosting", "Fast.", "DE", "ops@acme.example", null, "@acme_ops", true,
            "2vxsx-fae", "ckUSDC");
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IAccountStore>().Add(account);
            scope.ServiceProvider.GetRequiredService<IProviderProfileStore>().Add(ProviderProfile.Create(account.Id, fields, Now).Value);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            var read = await scope.ServiceProvider.GetRequiredService<IProviderProfileStore>().FindAsync(account.Id, Ct);
            Assert.Equal(("Acme Hosting", "acme_ops", true, "2vxsx-fae", "ckUSDC"), (read!.Name, read.ContactTelegram, read.AutoAccept, read.PayoutAccount, read.PayoutToken));
            scope.ServiceProvider.GetRequiredService<IProviderProfileStore>().Add(ProviderProfile.Create(Guid.NewGuid(), fields, Now).Value);
            // SQLite reports every constraint as one code, which the unit of work reads as a lost race; either way the row is refused.
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
            Assert.IsType<DbUpdateException>(refused is ConcurrencyConflictException ? refused.InnerException : refused, exactMatch: false);
        }
    }

    private static OfferingSpec Spec(int stock = 3, string price = "10", int cores = 2, string country = "DE", string backend = "docker", string name = "small") =>
        OfferingSpec.Create(new OfferingFields(name, cores, 2048, 40, "eu-1", country, "pool-m", backend, price, 9990, 3600, 86400 * 90, stock)).Value;

    private static OfferingQuery Query(int? minCores = null, string? country = null, string? maxPrice = null, string? backend = null,
        string? sort = null, int? offset = null, int? limit = null) =>
        OfferingQuery.Create(minCores, null, null, country, maxPrice, backend, sort, offset, limit).Value;

    private static async Task<Guid> AddAsync(TestDatabase db, OfferingSpec spec, DateTimeOffset? at = null)
    {
        await using var scope = db.Scope();
        var offering = Offering.Publish(Guid.NewGuid(), Provider, spec, at ?? Now);
        scope.ServiceProvider.GetRequiredService<IOfferingStore>().Add(offering);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return offering.Id;
    }

    private static async Task<Offering> ReadAsync(TestDatabase db, Guid id)
    {
        await using var scope = db.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(id, Ct))!;
    }

    private static async Task<Guid[]> SearchAsync(TestDatabase db, OfferingQuery query)
    {
        await using var scope = db.Scope();
        return [.. (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().SearchAsync(query, Ct)).Select(o => o.Id)];
    }

    private static async Task<bool[]> ReserveConcurrentlyAsync(TestDatabase db, Guid id, int attempts)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, attempts).Select(_ => Task.Run(async () =>
        {
            await using var scope = db.Scope();
            start.Wait(Ct);
            return await scope.ServiceProvider.GetRequiredService<IOfferingStore>().TryReserveAsync(id, Ct);
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
