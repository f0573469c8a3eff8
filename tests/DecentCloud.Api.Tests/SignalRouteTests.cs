using System.Net;
using System.Text.Json;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Rentals;
using DecentCloud.Application.Signals;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Trust;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static DecentCloud.Api.Tests.Protocol;
using Client = DecentCloud.Api.Client;

namespace DecentCloud.Api.Tests;

/// <summary>
/// External signals over HTTP: renters' YABS benchmarks (only a renter of the offering may submit), the price against
/// the market, the signal sources beside the score, and the import job against listings on a local HTTP server.
/// </summary>
public sealed class SignalRouteTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Signals", name));

    private static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Only_an_account_whose_rental_of_the_offering_was_provisioned_may_submit(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var world = await World.CreateAsync(api);
        var path = $"/api/v1/offerings/{world.OfferingId}/benchmarks";
        var doc = Fixture("yabs-full.json");

        // Unsigned: the signature filter refuses it before the route.
        using (var unsigned = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiFactory.Json(doc) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(world.Client, unsigned)).Status);
        }

        // A stranger, the provider itself, and the renter before its machine exists are all refused.
        var stranger = new TestUser();
        await world.RegisterAsync(stranger);
        foreach (var user in new[] { stranger, world.Owner })
        {
            var (status, problem) = await SendAsync(world.Client, user.Signed(HttpMethod.Post, path, doc));
            Assert.Equal((HttpStatusCode.Forbidden, "not_a_renter"), (status, Code(problem)));
        }

        var contract = await world.RentAsync();
        var (early, earlyProblem) = await world.SubmitAsync(doc);
        Assert.Equal((HttpStatusCode.Forbidden, "not_a_renter"), (early, Code(earlyProblem)));

        await world.ProvisionAsync(contract);
        var (created, body) = await world.SubmitAsync(doc);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("v2025-04-20", 23), (body.GetProperty("yabsVersion").GetString(), body.GetProperty("figures").GetArrayLength()));

        var (listed, list) = await SendAsync(world.Client, new HttpRequestMessage(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, listed);
        var figures = Assert.Single(list.EnumerateArray()).GetProperty("figures").EnumerateArray().ToList();
        var single = figures.Single(f => f.GetProperty("metric").GetString() == "geekbench6_single");
        Assert.Equal(("cpu", 1680m, "score"), (single.GetProperty("category").GetString(), single.GetProperty("value").GetDecimal(), single.GetProperty("unit").GetString()));
        Assert.False(list[0].TryGetProperty("accountId", out _)); // who submitted is not published
    }

    [Fact]
    public async Task A_bad_document_is_refused_with_every_bad_field_and_nothing_is_stored()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api);
        await world.ProvisionAsync(await world.RentAsync());
        var doc = System.Text.Json.Nodes.JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        doc.Remove("version");
        doc["fio"]![0]!["speed_r"] = "fast";

        var (status, problem) = await world.SubmitAsync(doc.ToJsonString());

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_benchmark"), (status, Code(problem)));
        Assert.Equal("version is missing. fio[0].speed_r must be a non-negative number.", problem.GetProperty("detail").GetString());
        Assert.Equal(2, problem.GetProperty("errors").GetArrayLength());
        Assert.Empty((await SendAsync(world.Client, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings/{world.OfferingId}/benchmarks"))).Body.EnumerateArray());
    }

    [Fact]
    public async Task A_renter_submits_at_most_five_a_day_per_offering()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api);
        await world.ProvisionAsync(await world.RentAsync());
        for (var i = 0; i < SubmitBenchmark.MaxPerDay; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(Fixture("yabs-minimal.json"))).Status);
        }

        var (status, problem) = await world.SubmitAsync(Fixture("yabs-minimal.json"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "benchmark_quota"), (status, Code(problem)));
    }

    [Fact]
    public async Task Unknown_and_malformed_offering_ids_are_refused()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var client = api.Factory.CreateClient();
        foreach (var route in new[] { "benchmarks", "price-vs-market" })
        {
            var (status, problem) = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings/{Guid.NewGuid()}/{route}"));
            Assert.Equal((HttpStatusCode.NotFound, "offering_not_found"), (status, Code(problem)));
            (status, problem) = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings/not-a-uuid/{route}"));
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_offering_id"), (status, Code(problem)));
        }
    }

    [Fact]
    public async Task The_client_package_submits_lists_and_compares()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api);
        await world.ProvisionAsync(await world.RentAsync());
        await using var services = api.Factory.ClientServices(device: world.Renter.Device);
        using var doc = JsonDocument.Parse(Fixture("yabs-minimal.json"));

        var submitted = await services.GetRequiredService<Client.IAccountApi>().SubmitBenchmarkAsync(world.OfferingId, doc.RootElement, Ct);
        var listed = await services.GetRequiredService<Client.IPublicApi>().ListBenchmarksAsync(world.OfferingId, Ct);
        var price = await services.GetRequiredService<Client.IPublicApi>().GetPriceVsMarketAsync(world.OfferingId, Ct);

        Assert.Equal(submitted.Id, Assert.Single(listed).Id);
        Assert.Equal(["geekbench5_single", "geekbench5_multi"], submitted.Figures.Select(f => f.Metric));
        Assert.Equal((2, 2, 50, "europe", "12.5", 0, (string?)null, (decimal?)null, false),
            (price.CpuClass, price.MemoryClassGib, price.StorageClassGb, price.RegionClass, price.MonthlyPriceUsd, price.Comparables, price.MarketAverageUsd, price.Percent, price.FarOff));
        var refused = await Assert.ThrowsAsync<Client.DecentCloudApiException>(async () =>
        {
            await using var stranger = api.Factory.ClientServices(device: world.Owner.Device);
            await stranger.GetRequiredService<Client.IAccountApi>().SubmitBenchmarkAsync(world.OfferingId, doc.RootElement, Ct);
        });
        Assert.Equal("not_a_renter", refused.Code);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Price_vs_market_and_the_signals_beside_the_score(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var world = await World.CreateAsync(api);
        // Two other providers' offerings of the same classes (2 vCPU, 2 GiB, 50 GiB, europe) at 5 and 6 USD: average 5.50.
        await world.PublishAsync("prov-other-1", "5", "FR");
        await world.PublishAsync("prov-other-2", "6", "NL");
        await world.PublishAsync("prov-other-3", "1", "US");               // another region class
        await world.PublishAsync("prov-other-4", "1", "DE", cores: 4);     // another vCPU class

        var (status, price) = await SendAsync(world.Client, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings/{world.OfferingId}/price-vs-market"));
        Assert.Equal(HttpStatusCode.OK, status);
        // (12.50 - 5.50) / 5.50 = +127.3 %
        Assert.Equal((2, "5.5", 127.3m, true),
            (price.GetProperty("comparables").GetInt32(), price.GetProperty("marketAverageUsd").GetString(), price.GetProperty("percent").GetDecimal(), price.GetProperty("farOff").GetBoolean()));

        await world.ProvisionAsync(await world.RentAsync());
        var full = System.Text.Json.Nodes.JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(full.ToJsonString())).Status);
        full["geekbench"]![0]!["single"] = 1500;
        Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(full.ToJsonString())).Status);
        full["geekbench"]![0]!["single"] = 1000;
        Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(full.ToJsonString())).Status);

        var signals = await world.SignalsAsync();
        var priceSignal = Assert.Single(signals, s => s.Kind == "price_vs_market");
        Assert.Equal((world.OfferingId.ToString(), 127.3m, SignalFlag.Warning), (priceSignal.Subject, priceSignal.Value, priceSignal.Flag));
        var single = Assert.Single(signals, s => s.Kind == "benchmark" && s.Metric == "geekbench6_single");
        Assert.Equal((1500m, "yabs", "median of 3 renter measurement(s)"), (single.Value, single.Source, single.Note)); // the median of 1680, 1500, 1000
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_import_job_stores_each_listing_once_per_interval_and_records_a_changed_one_as_failed(string provider)
    {
        using var server = WireMockServer.Start();
        void Serve(string path, string body) => server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
        Serve("/api/status-page/acme", Fixture("uptime-kuma-status-page.json"));
        Serve("/api/status-page/heartbeat/acme", Fixture("uptime-kuma-heartbeat.json"));
        Serve("/bench.json", Fixture("yabs-listing.json"));
        Serve("/changed.json", "[{\"version\":\"v2025-04-20\",\"time\":\"20261120-080000\",\"geekbench\":[{\"version\":6,\"score\":2410}]}]");
        await using var api = await DatabaseApi.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["ExternalSignals:Sources:0:Name"] = "acme-status",
            ["ExternalSignals:Sources:0:Format"] = "uptime-kuma",
            ["ExternalSignals:Sources:0:Url"] = $"{server.Url}/status/acme",
            ["ExternalSignals:Sources:0:ProviderId"] = "prov-acme",
            ["ExternalSignals:Sources:1:Name"] = "acme-bench",
            ["ExternalSignals:Sources:1:Format"] = "yabs-listing",
            ["ExternalSignals:Sources:1:Url"] = $"{server.Url}/bench.json",
            ["ExternalSignals:Sources:1:ProviderId"] = "prov-acme",
            ["ExternalSignals:Sources:1:Subject"] = "cx22",
            ["ExternalSignals:Sources:2:Name"] = "changed",
            ["ExternalSignals:Sources:2:Format"] = "yabs-listing",
            ["ExternalSignals:Sources:2:Url"] = $"{server.Url}/changed.json",
            ["ExternalSignals:Sources:2:ProviderId"] = "prov-acme",
        });

        // The import-signals job runs as the API starts: this run and the scheduler's share the sources by their claims.
        var outcomes = await api.Factory.SendAsync(new ImportExternalSignals());
        var imports = await ImportsAsync(api);
        for (var wait = 0; imports.Count < 3 || imports.Any(i => i.LastFinishedAt is null); wait++)
        {
            Assert.True(wait < 300, "the scheduler's import did not finish within 30 s");
            await Task.Delay(100, Ct);
            imports = await ImportsAsync(api);
        }

        Assert.Equal(
            [("acme-bench", 8, (string?)null), ("acme-status", 7, null), ("changed", 0, "YABS listing changed: [0] geekbench[0].single is missing. [0] geekbench[0].multi is missing.")],
            imports.Select(i => (i.Source, i.LastStored, i.LastError)));
        Assert.All(outcomes, o => Assert.Contains(imports, i => (i.Source, i.LastStored, i.LastError) == (o.Source, o.Stored, o.Error)));
        Assert.Empty(await api.Factory.SendAsync(new ImportExternalSignals())); // none is due again within the interval

        await using var scope = api.Factory.Services.CreateAsyncScope();
        var signals = new List<TrustSignal>();
        foreach (var source in scope.ServiceProvider.GetServices<ITrustSignalSource>())
        {
            signals.AddRange(await source.ReadAsync(ProviderId.Create("prov-acme").Value, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Ct));
        }

        Assert.Equal(99.31m, signals.Single(s => s.Kind == ExternalSignal.UptimeKind && s.Subject == "fsn1 API" && s.Metric == "uptime_24h_percent").Value);
        Assert.Equal(2410m, signals.Single(s => s.Kind == ExternalSignal.BenchmarkKind && s.Metric == "geekbench6_single").Value);
        Assert.Equal(("acme-bench", "cx22"), signals.Where(s => s.Kind == ExternalSignal.BenchmarkKind).Select(s => (s.Source, s.Subject)).Distinct().Single());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_instances_due_at_once_claim_a_source_once(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var now = DateTimeOffset.UtcNow;
        async Task<bool[]> RaceAsync(DateTimeOffset at)
        {
            var scopes = Enumerable.Range(0, 4).Select(_ => api.Factory.Services.CreateAsyncScope()).ToList();
            try
            {
                return await Task.WhenAll(scopes.Select(s => s.ServiceProvider.GetRequiredService<IExternalSignalStore>().TryClaimAsync("acme", at, TimeSpan.FromHours(6), Ct)));
            }
            finally
            {
                foreach (var s in scopes)
                {
                    await s.DisposeAsync();
                }
            }
        }

        Assert.Single(await RaceAsync(now), c => c);                          // the first import: the row's insert decides
        Assert.DoesNotContain(true, await RaceAsync(now.AddHours(6).AddSeconds(-1)));  // not due yet
        Assert.Single(await RaceAsync(now.AddHours(6)), c => c);              // due: the conditional update decides
    }

    private static async Task<IReadOnlyList<ExternalSignalImportStatus>> ImportsAsync(DatabaseApi api)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IExternalSignalStore>().ListImportsAsync(Ct);
    }

    /// <summary>A provider with one offering (2 vCPU, 2 GiB, 40 GiB, DE, 12.50 USD a month) and a funded renter.</summary>
    private sealed class World
    {
        private readonly DatabaseApi _api;

        private World(DatabaseApi api)
        {
            _api = api;
            Client = api.Factory.CreateClient();
        }

        public HttpClient Client { get; }

        public TestUser Owner { get; } = new();

        public TestUser Renter { get; } = new();

        public Guid RenterAccount { get; private set; }

        public Guid OfferingId { get; private set; }

        public static async Task<World> CreateAsync(DatabaseApi api)
        {
            var world = new World(api);
            await world.RegisterAsync(world.Owner);
            var (status, profile) = await SendAsync(world.Client, world.Owner.Signed(HttpMethod.Put, "/api/v1/providers/me/profile",
                """{"name":"Acme Hosting","country":"DE","email":"ops@acme.example","autoAccept":true}"""));
            Assert.Equal(HttpStatusCode.OK, status);
            var pool = "pool-" + Guid.NewGuid().ToString("N")[..8];
            Assert.True((await api.Factory.SendAsync(new CreateSetupToken(pool, profile.GetProperty("providerId").GetString()!, null, null))).IsSuccess);
            var (created, offering) = await SendAsync(world.Client, world.Owner.Signed(HttpMethod.Post, "/api/v1/providers/me/offerings", $$"""
                {"name":"small","cores":2,"memoryMb":2048,"storageGb":40,"region":"eu-central","country":"DE","pool":"{{pool}}",
                 "backend":"docker","monthlyPriceUsd":"12.50","slaTargetBasisPoints":9990,"minDurationSeconds":3600,"maxDurationSeconds":7776000,"stock":3}
                """));
            Assert.Equal(HttpStatusCode.Created, created);
            world.OfferingId = Guid.Parse(offering.GetProperty("id").GetString()!);
            world.RenterAccount = await world.RegisterAsync(world.Renter);
            await using var scope = api.Factory.Services.CreateAsyncScope();
            var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, null,
                LedgerAccount.Stripe, LedgerAccount.Wallet(world.RenterAccount), UsdAmount.FromWholeUsd(10).Value).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
            return world;
        }

        public Task<(HttpStatusCode Status, JsonElement Body)> SubmitAsync(string document) =>
            SendAsync(Client, Renter.Signed(HttpMethod.Post, $"/api/v1/offerings/{OfferingId}/benchmarks", document));

        public async Task<ContractId> RentAsync()
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new RentOffering(new AccountPrincipal(Renter.Device.PublicKeyHex, RenterAccount), OfferingId, 86400, SshKey, null, null), Ct);
            Assert.True(result.IsSuccess, result.IsFailed ? result.FirstDomainError().Message : null);
            return ContractId.FromHex(result.Value.ContractId).Value;
        }

        /// <summary>An agent of the provider takes the lease and reports the machine running.</summary>
        public async Task ProvisionAsync(ContractId id)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var contract = (await scope.ServiceProvider.GetRequiredService<Application.Contracts.IContractStore>().FindAsync(id, Ct))!;
            var agent = AgentPublicKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;
            var now = DateTimeOffset.UtcNow;
            Assert.True(contract.AcquireLease(agent, now, TimeSpan.FromMinutes(5)).IsSuccess);
            Assert.True(contract.CompleteProvisioning(agent, "vm-1", "{}", "root", now).IsSuccess);
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.InTransactionAsync(async () =>
            {
                await unitOfWork.SaveChangesAsync(Ct);
                return true;
            }, Ct);
        }

        /// <summary>Another provider's active offering of 2 GiB and 40 GiB, stored directly.</summary>
        public async Task PublishAsync(string provider, string price, string country, int cores = 2)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var spec = OfferingSpec.Create(new OfferingFields("other", cores, 2048, 40, "r1", country, "pool-x", "docker", price, 9990, 3600, 86400, 1)).Value;
            scope.ServiceProvider.GetRequiredService<IOfferingStore>().Add(Offering.Publish(Guid.NewGuid(), ProviderId.Create(provider).Value, spec, DateTimeOffset.UtcNow));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        /// <summary>Every signal source's signals about the offering's provider.</summary>
        public async Task<List<TrustSignal>> SignalsAsync()
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var offering = (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(OfferingId, Ct))!;
            var signals = new List<TrustSignal>();
            foreach (var source in scope.ServiceProvider.GetServices<ITrustSignalSource>())
            {
                signals.AddRange(await source.ReadAsync(offering.ProviderId, DateTimeOffset.UtcNow, Ct));
            }

            return signals;
        }

        public async Task<Guid> RegisterAsync(TestUser user)
        {
            var (status, account) = await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{user.CredentialKeyHex}\",\"label\":\"laptop\"}}"));
            Assert.Equal(HttpStatusCode.Created, status);
            return account.GetProperty("accountId").GetGuid();
        }
    }
}
