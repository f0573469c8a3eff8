using System.Net;
using System.Security.Cryptography;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Concurrent clients on the real HTTP server, on both databases: a conflict is retried or answered 409 (a cap 429),
/// never 500, and what a 2xx answer promises holds afterwards.
/// </summary>
public sealed class GatewayRaceTests
{
    private static readonly HttpStatusCode[] UpdateOutcomes = [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.BadGateway];

    public static TheoryData<string> Databases => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_revocation_racing_acme_dns_updates_is_2xx_or_409_and_a_2xx_revocation_holds(string database)
    {
        await using var server = await RaceServer.StartAsync(database);
        var signer = await server.Factory.JoinAsync(server.Client, "pool-a");
        var revoked = 0;
        for (var round = 0; round < 6; round++)
        {
            // Registering again rotates the credentials and makes them work again.
            var (status, user, key) = await server.RegisterAsync(signer, "dc-lk");
            Assert.Equal(HttpStatusCode.OK, status);
            if (round % 2 == 1)
            {
                Assert.Equal(HttpStatusCode.OK, await server.UpdateTxtAsync(user, key, "dc-lk", NewValue()));
            }

            var updates = Enumerable.Range(0, 30).Select(_ => server.UpdateTxtAsync(user, key, "dc-lk", NewValue())).ToList();
            var revoke = server.Client.SendAsync(
                ApiFactory.Signed(signer, HttpMethod.Delete, "/api/v1/agents/gateway/credentials/dc-lk"), TestContext.Current.CancellationToken);
            var outcomes = await Task.WhenAll(updates);
            var revocation = (await revoke).StatusCode;

            Assert.All(outcomes, s => Assert.Contains(s, UpdateOutcomes));
            Assert.True(revocation is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"round {round}: the revocation answered {(int)revocation}");
            if (revocation != HttpStatusCode.NoContent)
            {
                continue;
            }

            revoked++;
            Assert.Equal(HttpStatusCode.Unauthorized, await server.UpdateTxtAsync(user, key, "dc-lk", NewValue()));
            Assert.True(await StoredValuesAsync(server, "dc-lk") is [], $"round {round}: a challenge value outlived a 2xx revocation");
            var summary = (await server.Factory.SendQueryAsync(new ListGatewayCredentials(null))).Value.Single();
            Assert.NotNull(summary.RevokedAt);
        }

        Assert.True(revoked > 0, "no revocation succeeded, so the test proved nothing");
    }

    [Fact]
    public async Task A_revocation_racing_updates_spread_over_two_api_instances_holds_through_the_database()
    {
        // The in-process lock cannot order two instances: only the account's row version keeps a late update out.
        await using var first = await RaceServer.StartAsync("postgres");
        await using var second = first.StartAnotherInstance();
        var signer = await first.Factory.JoinAsync(first.Client, "pool-a");
        var revoked = 0;
        for (var round = 0; round < 6; round++)
        {
            var (status, user, key) = await first.RegisterAsync(signer, "dc-lk");
            Assert.Equal(HttpStatusCode.OK, status);
            var updates = Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? first : second).UpdateTxtAsync(user, key, "dc-lk", NewValue())).ToList();
            var revoke = second.Client.SendAsync(
                ApiFactory.Signed(signer, HttpMethod.Delete, "/api/v1/agents/gateway/credentials/dc-lk"), TestContext.Current.CancellationToken);
            var outcomes = await Task.WhenAll(updates);
            var revocation = (await revoke).StatusCode;

            Assert.All(outcomes, s => Assert.Contains(s, UpdateOutcomes));
            Assert.True(revocation is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"round {round}: the revocation answered {(int)revocation}");
            if (revocation == HttpStatusCode.NoContent)
            {
                revoked++;
                Assert.Equal(HttpStatusCode.Unauthorized, await first.UpdateTxtAsync(user, key, "dc-lk", NewValue()));
                Assert.True(await StoredValuesAsync(first, "dc-lk") is [], $"round {round}: a challenge value outlived a 2xx revocation");
            }
        }

        Assert.True(revoked > 0, "no revocation succeeded, so the test proved nothing");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Parallel_creates_of_one_vm_slug_are_one_record_and_never_500(string database)
    {
        await using var server = await RaceServer.StartAsync(database);
        var signer = await server.Factory.JoinAsync(server.Client, "pool-a", "prov-a");
        Assert.Equal(HttpStatusCode.OK, (await server.RegisterAsync(signer, "dc-lk")).Status);
        var user = new TestUser();
        await Protocol.RegisterAsync(server.Client, user);
        var contract = await Protocol.PaidContractAsync(server.Factory, server.Client, user, "prov-a", "pool-a");

        for (var round = 0; round < 3; round++)
        {
            var slug = $"vm{round}abc";
            var creates = Enumerable.Range(0, 12).Select(i => server.Client.SendAsync(
                ApiFactory.Signed(signer, HttpMethod.Post, "/api/v1/agents/dns",
                    $"{{\"action\":\"create\",\"dcId\":\"dc-lk\",\"slug\":\"{slug}\",\"ipv4\":\"192.0.2.{10 + (i % 2)}\",\"contractId\":\"{contract}\"}}"),
                TestContext.Current.CancellationToken));
            var statuses = (await Task.WhenAll(creates)).Select(r => r.StatusCode).ToList();

            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"a create answered {(int)s}"));
            Assert.Contains(HttpStatusCode.OK, statuses);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Parallel_registrations_of_one_dc_id_never_500_and_leave_one_owner(string database)
    {
        await using var server = await RaceServer.StartAsync(database);
        var owners = new[] { "prov-a", "prov-b", "prov-c" };
        var signers = new List<(string Provider, TestKey Key)>();
        foreach (var provider in owners)
        {
            for (var i = 0; i < 4; i++)
            {
                signers.Add((provider, await server.Factory.JoinAsync(server.Client, "pool-" + provider, provider)));
            }
        }

        var results = await Task.WhenAll(signers.Select(async s => (s.Provider, (await server.RegisterAsync(s.Key, "dc-race")).Status)));

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"a registration answered {(int)r.Status}"));
        var account = Assert.Single((await server.Factory.SendQueryAsync(new ListGatewayCredentials(null))).Value);
        Assert.Equal("dc-race", account.DcId);
        Assert.Contains(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status == HttpStatusCode.OK), r => Assert.Equal(account.ProviderId, r.Provider));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Parallel_registrations_of_new_dc_ids_never_exceed_the_configured_cap(string database)
    {
        const int cap = 5;
        await using var server = await RaceServer.StartAsync(database, new() { ["DC_MAX_GATEWAYS_PER_PROVIDER"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var signers = new List<TestKey>();
        for (var i = 0; i < 4; i++)
        {
            signers.Add(await server.Factory.JoinAsync(server.Client, "pool-a", "prov-a"));
        }

        var statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i => (await server.RegisterAsync(signers[i % signers.Count], $"dc-q{i:00}")).Status));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict, $"a registration answered {(int)s}"));
        var held = (await server.Factory.SendQueryAsync(new ListGatewayCredentials(null))).Value;
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), held.Count);
        Assert.InRange(held.Count, 1, cap);

        // One at a time the provider fills the rest of its cap exactly, and no further.
        var next = 0;
        while ((await server.RegisterAsync(signers[0], $"dc-r{next:00}")).Status == HttpStatusCode.OK)
        {
            next++;
        }

        Assert.Equal(cap, (await server.Factory.SendQueryAsync(new ListGatewayCredentials(null))).Value.Count);
        var refused = await server.Client.SendAsync(
            ApiFactory.Signed(signers[1], HttpMethod.Post, "/api/v1/agents/gateway/register", "{\"dcId\":\"dc-last\"}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("gateway_limit_reached", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> StoredValuesAsync(RaceServer server, string dcId)
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(DcId.Create(dcId).Value, TestContext.Current.CancellationToken);
        return record?.Values ?? [];
    }

    private static string NewValue() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
