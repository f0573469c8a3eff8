using System.Collections.Concurrent;
using System.Net;
using DecentCloud.Api.Client;

namespace DecentCloud.Api.Tests;

/// <summary>
/// The failure limiter at the HTTP edge: keyed on the real client (forwarded by a trusted proxy, IPv6 by its /64),
/// never refusing valid credentials, and holding against guesses spread over many addresses.
/// </summary>
public sealed class AuthFailureEdgeTests
{
    private const string Credentials = "/api/v1/agents/gateway/credentials";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ApiFactory Factory(string? trustedProxies = null)
    {
        var settings = new Dictionary<string, string?> { ["DC_AUTH_FAILURE_LIMIT"] = "20" };
        if (trustedProxies is not null)
        {
            settings["DC_TRUSTED_PROXIES"] = trustedProxies;
        }

        return new ApiFactory(settings);
    }

    /// <summary>A request for <paramref name="target"/>'s key signed by another key: a wrong signature.</summary>
    private static HttpRequestMessage Forged(TestKey target)
    {
        var request = ApiFactory.Signed(TestKey.Random(), HttpMethod.Get, Credentials);
        request.Headers.Remove("X-Agent-Pubkey");
        request.Headers.Add("X-Agent-Pubkey", target.PublicKeyHex);
        return request;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Guesses_spread_over_400_addresses_against_one_agent_key_get_429_and_the_key_s_holder_still_passes()
    {
        await using var factory = Factory();
        var client = TestPeer.Client(factory);
        var victim = await factory.JoinAsync(client, "pool-a");
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, _) =>
        {
            var peer = $"198.18.{i / 200}.{i % 200}";
            for (var attempt = 0; attempt < 19; attempt++)
            {
                statuses.Add(await StatusAsync(client, TestPeer.From(Forged(victim), peer)));
            }
        });

        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) > 7000,
            $"400 addresses x 19 wrong signatures for one key: {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} of 7600 answered 429");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, TestPeer.From(ApiFactory.Signed(victim, HttpMethod.Get, Credentials), "198.18.0.1")));
    }

    [Fact]
    public async Task A_valid_request_from_a_throttled_address_is_served_and_a_failing_one_gets_429()
    {
        await using var factory = Factory();
        var client = TestPeer.Client(factory);
        var agent = await factory.JoinAsync(client, "pool-a");
        for (var i = 0; i < 25; i++)
        {
            await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "203.0.113.9"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "203.0.113.9")));
        var valid = await StatusAsync(client, TestPeer.From(ApiFactory.Signed(agent, HttpMethod.Get, Credentials), "203.0.113.9"));
        Assert.True(valid == HttpStatusCode.OK, $"a valid request from a throttled address was answered {(int)valid}");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_one_client_s_failures_do_not_throttle_another()
    {
        await using var factory = Factory(trustedProxies: "10.0.0.0/8");
        var client = TestPeer.Client(factory);
        for (var i = 0; i < 25; i++)
        {
            await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "10.1.2.3", forwardedFor: "203.0.113.66"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "10.1.2.3", forwardedFor: "203.0.113.66")));
        var other = await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "10.1.2.3", forwardedFor: "198.51.100.7"));
        Assert.True(other == HttpStatusCode.Unauthorized, $"another client behind the same proxy was answered {(int)other} after the first one's failures");
    }

    [Fact]
    public async Task An_untrusted_peer_cannot_escape_the_limit_by_rotating_X_Forwarded_For()
    {
        await using var factory = Factory(trustedProxies: "10.0.0.0/8");
        var client = TestPeer.Client(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            statuses.Add(await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "192.0.2.50", forwardedFor: $"203.0.113.{i}")));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 20), statuses.Take(20));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5), statuses.Skip(20));
    }

    [Fact]
    public async Task An_IPv6_client_is_limited_by_its_64_prefix_and_an_IPv4_mapped_address_as_IPv4()
    {
        await using var factory = Factory();
        var client = TestPeer.Client(factory);
        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), $"2001:db8:1:2::{i:x}")));
        }

        var sameNetwork = await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "2001:db8:1:2:ffff:1:2:3"));
        Assert.True(sameNetwork == HttpStatusCode.TooManyRequests, $"a 21st address of one /64 was answered {(int)sameNetwork}");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "2001:db8:1:3::1")));

        for (var i = 0; i < 20; i++)
        {
            await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "::ffff:192.0.2.77"));
        }

        var mapped = await StatusAsync(client, TestPeer.From(Forged(TestKey.Random()), "192.0.2.77"));
        Assert.True(mapped == HttpStatusCode.TooManyRequests, $"192.0.2.77 after 20 failures as ::ffff:192.0.2.77 was answered {(int)mapped}");
    }

    [Fact]
    public async Task Through_real_http_a_trusted_proxy_s_X_Forwarded_For_names_the_client_and_an_untrusted_peer_s_is_ignored()
    {
        // Kestrel on loopback: the socket peer is 127.0.0.1, trusted in the first server and not in the second.
        foreach (var (trusted, separated) in new[] { ("127.0.0.1", true), ("10.0.0.0/8", false) })
        {
            await using var factory = new ApiFactory(new() { ["DC_AUTH_FAILURE_LIMIT"] = "20", ["DC_TRUSTED_PROXIES"] = trusted, ["urls"] = "http://127.0.0.1:0" });
            factory.UseKestrel(0);
            factory.StartServer();
            using var client = factory.CreateClient();
            Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);
            var agent = await factory.JoinAsync(client, "pool-a");
            for (var i = 0; i < 20; i++)
            {
                var forged = Forged(TestKey.Random());
                forged.Headers.Add("X-Forwarded-For", $"198.51.100.{i}, 203.0.113.66");
                Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, forged));
            }

            var again = Forged(TestKey.Random());
            again.Headers.Add("X-Forwarded-For", "203.0.113.66");
            Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, again));

            var other = Forged(TestKey.Random());
            other.Headers.Add("X-Forwarded-For", "198.51.100.7");
            Assert.Equal(separated ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, await StatusAsync(client, other));

            // Signed for the host the real server is reached at (its Host header is 127.0.0.1:port, not localhost).
            var valid = new HttpRequestMessage(HttpMethod.Get, Credentials);
            foreach (var (name, value) in await RequestSignature.CreateHeadersAsync(
                agent, SignerRole.Agent, "GET", new Uri(client.BaseAddress, Credentials), ReadOnlyMemory<byte>.Empty, DateTimeOffset.UtcNow, Guid.NewGuid(), Ct))
            {
                valid.Headers.Add(name, value);
            }

            valid.Headers.Add("X-Forwarded-For", "203.0.113.66");
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, valid));
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_an_acme_dns_guesser_does_not_block_another_gateway_s_renewal()
    {
        await using var factory = Factory(trustedProxies: "10.0.0.0/8");
        var client = TestPeer.Client(factory);
        var agent = await factory.JoinAsync(client, "pool-a");
        using var register = await client.SendAsync(ApiFactory.Signed(agent, HttpMethod.Post, "/api/v1/agents/gateway/register", "{\"dcId\":\"dc-lk\"}"), Ct);
        using var creds = System.Text.Json.JsonDocument.Parse(await register.Content.ReadAsStringAsync(Ct));
        HttpRequestMessage Update(string key, string forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/acme-dns/update") { Content = ApiFactory.Json($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{new string('c', 43)}\"}}") };
            request.Headers.Add("X-Api-User", creds.RootElement.GetProperty("acmeDnsUsername").GetString());
            request.Headers.Add("X-Api-Key", key);
            return TestPeer.From(request, "10.0.0.5", forwardedFor);
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, Update("wrong-key-" + i, "203.0.113.66")));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Update("wrong-key", "203.0.113.66")));
        var renewal = await StatusAsync(client, Update(creds.RootElement.GetProperty("acmeDnsPassword").GetString()!, "198.51.100.7"));
        Assert.True(renewal == HttpStatusCode.OK, $"a valid renewal from another client behind the proxy was answered {(int)renewal}");
    }
}
