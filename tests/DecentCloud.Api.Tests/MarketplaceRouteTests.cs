using System.Net;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Application.Agents;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The marketplace routes: a provider's own profile and offerings (device-signed) and the public search.</summary>
public sealed class MarketplaceRouteTests : ApiRouteTest
{
    private const string Profile = """{"name":"Acme Hosting","country":"DE","email":"ops@acme.example","autoAccept":true,"payoutAccount":"2vxsx-fae","payoutToken":"ICP"}""";

    [Fact]
    public async Task Provider_routes_need_a_device_signature_of_a_registered_account()
    {
        using var unsigned = new HttpRequestMessage(HttpMethod.Get, "/api/v1/providers/me/profile");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
        var stranger = new TestUser();
        Assert.NotEqual(HttpStatusCode.OK, (await SendAsync(Client, stranger.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", Profile))).Status);
    }

    [Fact]
    public async Task A_profile_is_set_and_read_back_and_bad_fields_are_a_400_naming_the_field()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Client, user.Signed(HttpMethod.Get, "/api/v1/providers/me/profile"))).Status);

        var (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile",
            """{"name":"Acme","country":"Germany","email":"ops@acme.example"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_country"), (status, problem.GetProperty("code").GetString()));
        Assert.StartsWith("country", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", """{"name":"Acme","country":"DE"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_contact"), (status, problem.GetProperty("code").GetString()));
        (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile",
            """{"name":"Acme","country":"DE","telegram":"acme_ops","payoutAccount":"not an account","payoutToken":"ICP"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_payout_address"), (status, problem.GetProperty("code").GetString()));
        Assert.StartsWith("payoutAccount", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (set, saved) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", Profile));
        Assert.Equal(HttpStatusCode.OK, set);
        var (got, read) = await SendAsync(Client, user.Signed(HttpMethod.Get, "/api/v1/providers/me/profile"));
        Assert.Equal(HttpStatusCode.OK, got);
        Assert.Equal(saved.GetRawText(), read.GetRawText());
        Assert.Equal(read.GetProperty("accountId").GetString(), read.GetProperty("providerId").GetString());
        Assert.Equal(("Acme Hosting", true, "2vxsx-fae", "ICP"),
            (read.GetProperty("name").GetString(), read.GetProperty("autoAccept").GetBoolean(), read.GetProperty("payoutAccount").GetString(), read.GetProperty("payoutToken").GetString()));
    }

    [Fact]
    public async Task Offerings_need_a_profile_and_an_own_pool_and_another_providers_offering_is_not_found()
    {
        var owner = new TestUser();
        await RegisterAsync(Client, owner);
        Assert.Equal("provider_profile_required", (await PublishAsync(owner, "pool-a")).Body.GetProperty("code").GetString());
        var provider = await BecomeProviderAsync(owner);
        var other = new TestUser();
        await RegisterAsync(Client, other);
        var otherProvider = await BecomeProviderAsync(other);
        await PoolAsync("pool-a", provider);
        await PoolAsync("pool-b", otherProvider);

        var (status, problem) = await PublishAsync(owner, "pool-b");
        Assert.Equal((HttpStatusCode.NotFound, "pool_not_found"), (status, problem.GetProperty("code").GetString()));
        (status, problem) = await PublishAsync(owner, "pool-a", cores: 0);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_cores"), (status, problem.GetProperty("code").GetString()));
        Assert.StartsWith("cores", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Several bad fields: every one is named, in the detail and in "errors".
        (status, problem) = await PublishAsync(owner, "pool-a", cores: 0, price: "-1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["invalid_cores", "invalid_monthly_price"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.Contains("monthlyPriceUsd must", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (created, offering) = await PublishAsync(owner, "pool-a");
        Assert.Equal(HttpStatusCode.Created, created);
        var id = offering.GetProperty("id").GetString();
        Assert.Equal(("active", "12.5", 0), (offering.GetProperty("state").GetString(), offering.GetProperty("monthlyPriceUsd").GetString(), offering.GetProperty("reserved").GetInt32()));

        foreach (var request in new[]
        {
            other.Signed(HttpMethod.Put, $"/api/v1/providers/me/offerings/{id}", Draft("pool-b")),
            other.Signed(HttpMethod.Post, $"/api/v1/providers/me/offerings/{id}/pause"),
            other.Signed(HttpMethod.Post, $"/api/v1/providers/me/offerings/{id}/retire"),
        })
        {
            (status, problem) = await SendAsync(Client, request);
            Assert.Equal((HttpStatusCode.NotFound, "offering_not_found"), (status, problem.GetProperty("code").GetString()));
        }

        Assert.Equal(0, (await SendAsync(Client, other.Signed(HttpMethod.Get, "/api/v1/providers/me/offerings"))).Body.GetArrayLength());
        var (_, mine) = await SendAsync(Client, owner.Signed(HttpMethod.Get, "/api/v1/providers/me/offerings"));
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_public_search_needs_no_signature_lists_only_active_offerings_and_names_a_bad_filter()
    {
        var owner = new TestUser();
        await RegisterAsync(Client, owner);
        var provider = await BecomeProviderAsync(owner);
        await PoolAsync("pool-s", provider);
        var (_, cheap) = await PublishAsync(owner, "pool-s", price: "5");
        var (_, dear) = await PublishAsync(owner, "pool-s", price: "40", cores: 8);

        var page = await GetAsync("/api/v1/offerings?limit=1");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(1, page.GetProperty("nextOffset").GetInt32());
        Assert.Equal(
            ["available", "backend", "cores", "country", "id", "maxDurationSeconds", "memoryMb", "minDurationSeconds", "monthlyPriceUsd", "name", "providerId", "region", "slaTargetBasisPoints", "storageGb"],
            item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal((cheap.GetProperty("id").GetString(), provider, 3), (item.GetProperty("id").GetString(), item.GetProperty("providerId").GetString(), item.GetProperty("available").GetInt32()));

        Assert.Equal(dear.GetProperty("id").GetString(), Assert.Single((await GetAsync("/api/v1/offerings?minCores=4&backend=docker&country=DE&maxPriceUsd=100&sort=-price")).GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, (await GetAsync("/api/v1/offerings?offset=1")).GetProperty("nextOffset").ValueKind);

        var (paused, _) = await SendAsync(Client, owner.Signed(HttpMethod.Post, $"/api/v1/providers/me/offerings/{cheap.GetProperty("id").GetString()}/pause"));
        Assert.Equal(HttpStatusCode.OK, paused);
        Assert.Equal(dear.GetProperty("id").GetString(), Assert.Single((await GetAsync("/api/v1/offerings")).GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/v1/offerings?limit=101");
        var (status, problem) = await SendAsync(Client, bad);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_limit"), (status, problem.GetProperty("code").GetString()));
        Assert.StartsWith("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_package_reaches_every_marketplace_route()
    {
        var owner = new TestUser();
        await RegisterAsync(Client, owner);
        await using var services = Factory.ClientServices(device: owner.Device);
        var account = services.GetRequiredService<IAccountApi>();
        var profile = await account.SetProviderProfileAsync(new ProviderProfileUpdate("Acme", "FR", Website: "https://acme.example"), Ct);
        Assert.Equal(profile, await account.GetProviderProfileAsync(Ct));
        await PoolAsync("pool-c", profile.ProviderId);

        var draft = new OfferingDraft("small", 2, 2048, 40, "eu-west", "FR", "pool-c", "proxmox", "9.99", 9990, 3600, 86400 * 30, 2);
        var published = await account.PublishOfferingAsync(draft, Ct);
        Assert.Equal("paused", (await account.PauseOfferingAsync(published.Id, Ct)).State);
        Assert.Equal("active", (await account.ResumeOfferingAsync(published.Id, Ct)).State);
        Assert.Equal("19.99", (await account.EditOfferingAsync(published.Id, draft with { MonthlyPriceUsd = "19.99" }, Ct)).MonthlyPriceUsd);
        var found = await services.GetRequiredService<IPublicApi>().SearchOfferingsAsync(country: "FR", maxPriceUsd: "20", cancellationToken: Ct);
        Assert.Equal(published.Id, Assert.Single(found.Items).Id);
        Assert.Null(found.NextOffset);
        Assert.Equal("retired", (await account.RetireOfferingAsync(published.Id, Ct)).State);
        Assert.Equal("offering_retired",
            (await Assert.ThrowsAsync<DecentCloudApiException>(() => account.ResumeOfferingAsync(published.Id, Ct))).Code);
        Assert.Empty((await services.GetRequiredService<IPublicApi>().SearchOfferingsAsync(cancellationToken: Ct)).Items);
        Assert.Single(await account.ListOwnOfferingsAsync(Ct));
    }

    private async Task<string> BecomeProviderAsync(TestUser user)
    {
        var (status, profile) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", Profile));
        Assert.Equal(HttpStatusCode.OK, status);
        return profile.GetProperty("providerId").GetString()!;
    }

    private async Task PoolAsync(string pool, string provider) =>
        Assert.True((await Factory.SendAsync(new CreateSetupToken(pool, provider, null, null))).IsSuccess);

    private Task<(HttpStatusCode Status, JsonElement Body)> PublishAsync(TestUser user, string pool, int cores = 2, string price = "12.50") =>
        SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/providers/me/offerings", Draft(pool, cores, price)));

    private static string Draft(string pool, int cores = 2, string price = "12.50") => $$"""
        {"name":"small","cores":{{cores}},"memoryMb":2048,"storageGb":40,"region":"eu-central","country":"DE","pool":"{{pool}}",
         "backend":"docker","monthlyPriceUsd":"{{price}}","slaTargetBasisPoints":9990,"minDurationSeconds":3600,"maxDurationSeconds":7776000,"stock":3}
        """;

    private async Task<JsonElement> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var (status, body) = await SendAsync(Client, request);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }
}
