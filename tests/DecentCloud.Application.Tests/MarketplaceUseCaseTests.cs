using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>The marketplace use cases over real SQLite stores: own profile, own pools, own offerings, the search.</summary>
public sealed class MarketplaceUseCaseTests : IAsyncLifetime
{
    private static readonly ProviderProfileFields Profile = ProviderAccountsHarness.Profile;
    private static readonly OfferingFields Small = new("small", 2, 2048, 40, "eu-central", "DE", "pool-a", "docker", "10", 9990, 3600, 86400 * 90, 2);
    private AppHarness _app = null!;

    public async ValueTask InitializeAsync() => _app = await AppHarness.CreateAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_profile_needs_an_account_is_created_then_replaced_and_every_save_is_audited()
    {
        Assert.Equal("account_not_found", (await _app.SendAsync(new SetProviderProfile(new AccountPrincipal(new string('a', 64), null), Profile))).FirstDomainError().Code);
        var user = await AccountAsync();
        Assert.Equal("provider_profile_not_found", (await _app.SendAsync(new GetProviderProfile(user))).FirstDomainError().Code);

        Assert.True((await _app.SendAsync(new SetProviderProfile(user, Profile))).IsSuccess);
        _app.Time.Advance(TimeSpan.FromHours(1));
        var bad = await _app.SendAsync(new SetProviderProfile(user, Profile with { Name = "Renamed", Website = "ftp://acme.example" }));
        Assert.Equal("invalid_website", bad.FirstDomainError().Code);
        Assert.Equal("Acme Hosting", (await _app.SendAsync(new GetProviderProfile(user))).Value.Name);

        var replaced = await _app.SendAsync(new SetProviderProfile(user, Profile with { Name = "Renamed", AutoAccept = false }));
        var read = (await _app.SendAsync(new GetProviderProfile(user))).Value;
        Assert.Equal(("Renamed", false, replaced.Value.CreatedAt.AddHours(1)), (read.Name, read.AutoAccept, read.UpdatedAt));
        Assert.Equal(2, (await _app.AuditAsync()).Count(e => e.Action == "provider.profile.set" && e.Subject == user.AccountId!.Value.ToString("D")));
    }

    [Fact]
    public async Task Offerings_go_only_into_the_providers_own_pools_and_only_it_may_change_them()
    {
        var owner = await ProviderAsync("pool-a", "pool-a2");
        var other = await ProviderAsync("pool-b");
        Assert.Equal("provider_profile_required", (await _app.SendAsync(new PublishOffering(await AccountAsync(), Small))).FirstDomainError().Code);
        Assert.Equal("pool_not_found", (await _app.SendAsync(new PublishOffering(owner, Small with { Pool = "pool-b" }))).FirstDomainError().Code);
        Assert.Equal("pool_not_found", (await _app.SendAsync(new PublishOffering(owner, Small with { Pool = "pool-nobody" }))).FirstDomainError().Code);

        var offering = (await _app.SendAsync(new PublishOffering(owner, Small))).Value;
        var id = offering.Id.ToString();
        Assert.Equal(ProviderProfile.ProviderIdOf(owner.AccountId!.Value), offering.ProviderId);
        Assert.Contains(await _app.AuditAsync(), e => e.Action == "offering.publish" && e.Subject == id);

        Assert.Equal("offering_not_found", (await _app.SendAsync(new EditOffering(other, id, Small with { Pool = "pool-b" }))).FirstDomainError().Code);
        Assert.Equal("offering_not_found", (await _app.SendAsync(new ChangeOfferingState(other, id, OfferingAction.Retire))).FirstDomainError().Code);
        Assert.Equal("invalid_offering_id", (await _app.SendAsync(new ChangeOfferingState(owner, "nope", OfferingAction.Pause))).FirstDomainError().Code);
        Assert.Equal("pool_not_found", (await _app.SendAsync(new EditOffering(owner, id, Small with { Pool = "pool-b" }))).FirstDomainError().Code);
        Assert.Equal("pool-a2", (await _app.SendAsync(new EditOffering(owner, id, Small with { Pool = "pool-a2" }))).Value.PoolName);
        Assert.Empty((await _app.SendAsync(new ListOwnOfferings(other))).Value);
        Assert.Equal(OfferingState.Active, Assert.Single((await _app.SendAsync(new ListOwnOfferings(owner))).Value).State);
    }

    [Fact]
    public async Task An_offering_in_use_keeps_its_machine_and_a_retired_one_still_gives_stock_back()
    {
        var owner = await ProviderAsync("pool-a");
        var offering = (await _app.SendAsync(new PublishOffering(owner, Small))).Value;
        var id = offering.Id.ToString();
        Assert.True(await ReserveAsync(offering.Id));
        Assert.True(await ReserveAsync(offering.Id));
        Assert.False(await ReserveAsync(offering.Id));

        var conflict = (await _app.SendAsync(new EditOffering(owner, id, Small with { MemoryMb = 4096 }))).FirstDomainError();
        Assert.Equal((ErrorKind.Conflict, "offering_in_use"), (conflict.Kind, conflict.Code));
        Assert.Equal("stock_below_reserved", (await _app.SendAsync(new EditOffering(owner, id, Small with { Stock = 1 }))).FirstDomainError().Code);
        Assert.Equal("11", (await _app.SendAsync(new EditOffering(owner, id, Small with { MonthlyPriceUsd = "11", Stock = 3 }))).Value.MonthlyPrice.ToString());
        Assert.True(await ReserveAsync(offering.Id));

        Assert.True((await _app.SendAsync(new ChangeOfferingState(owner, id, OfferingAction.Retire))).IsSuccess);
        Assert.False(await ReserveAsync(offering.Id));
        await using var scope = _app.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IOfferingStore>();
        Assert.True(await store.ReleaseAsync(offering.Id, TestContext.Current.CancellationToken));
        Assert.Equal(2, (await store.FindAsync(offering.Id, TestContext.Current.CancellationToken))!.Reserved);
    }

    [Fact]
    public async Task Search_pages_cover_every_match_once_and_skip_paused_and_sold_out_offerings()
    {
        var owner = await ProviderAsync("pool-a");
        var published = new List<Offering>();
        foreach (var price in new[] { "7", "3", "9", "1", "5", "3", "8" })
        {
            published.Add((await _app.SendAsync(new PublishOffering(owner, Small with { MonthlyPriceUsd = price }))).Value);
            _app.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True((await _app.SendAsync(new ChangeOfferingState(owner, published[0].Id.ToString(), OfferingAction.Pause))).IsSuccess);
        Assert.True(await ReserveAsync(published[2].Id) && await ReserveAsync(published[2].Id));
        var listed = published.Where((_, i) => i is not (0 or 2)).ToList();

        foreach (var (sort, expected) in new[]
        {
            ("price", listed.OrderBy(o => o.MonthlyPrice).ThenBy(o => o.Id)),
            ("-price", listed.OrderByDescending(o => o.MonthlyPrice).ThenBy(o => o.Id)),
            ("newest", listed.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)),
        })
        {
            var seen = new List<Guid>();
            int? offset = 0;
            while (offset is { } at)
            {
                var page = (await _app.SendAsync(new SearchOfferings(null, null, null, null, null, null, sort, at, 2))).Value;
                Assert.InRange(page.Items.Count, 1, 2);
                seen.AddRange(page.Items.Select(o => o.Id));
                offset = page.NextOffset;
            }

            Assert.Equal(expected.Select(o => o.Id), seen);
        }

        var failed = await _app.SendAsync(new SearchOfferings(-1, null, null, "de", "cheap", "kvm", "random", -5, 0));
        Assert.Equal(
            ["invalid_backend", "invalid_country", "invalid_limit", "invalid_max_price", "invalid_min_cores", "invalid_offset", "invalid_sort"],
            failed.Errors.Select(e => ((DomainError)e).Code).Order(StringComparer.Ordinal));
    }

    private Task<AccountPrincipal> AccountAsync() => _app.AccountAsync();

    private Task<AccountPrincipal> ProviderAsync(params string[] pools) => _app.ProviderAsync(pools);

    private async Task<bool> ReserveAsync(Guid id)
    {
        await using var scope = _app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IOfferingStore>().TryReserveAsync(id, TestContext.Current.CancellationToken);
    }
}
