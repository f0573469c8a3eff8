using System.Net;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Issue 10, findings 1 and 13 through the HTTP stack: small-order keys are a 400 naming the field, a contract for a
/// pool nobody runs is a 400, and the quotas answer 429 with their code.
/// </summary>
public sealed class AccountHardeningRouteTests : IAsyncLifetime
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["DC_QUOTA_ACCOUNTS_PER_ADDRESS"] = "3",
            ["DC_QUOTA_OPEN_REQUESTS_PER_ACCOUNT"] = "2",
        });
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880")]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    public async Task A_small_order_credential_key_is_a_400_naming_the_field(string credentialKey)
    {
        var (status, problem) = await SendAsync(_client, new TestUser().Signed(HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{credentialKey}\"}}"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_credential_key"), (status, problem.GetProperty("code").GetString()));
        Assert.StartsWith("credentialKey", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_order_device_key_is_a_400_naming_the_field()
    {
        var user = new TestUser();
        await RegisterAsync(_client, user);
        var (status, problem) = await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/accounts/me/devices",
            "{\"deviceKey\":\"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a\"}"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_device_key"), (status, problem.GetProperty("code").GetString()));
        Assert.StartsWith("deviceKey", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_for_a_pool_nobody_runs_is_a_400_and_open_requests_are_capped_with_429()
    {
        var user = new TestUser();
        await RegisterAsync(_client, user);
        var body = $$"""
            {"providerId":"prov-x","pool":"pool-x","offeringId":"small","cores":2,"memoryMb":2048,"storageGb":20,
             "sshPublicKey":"{{SshKey}}","durationSeconds":3600,"priceE8s":1}
            """;
        var (status, problem) = await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/contracts", body));
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_pool"), (status, problem.GetProperty("code").GetString()));

        Assert.True((await _factory.SendAsync(new DecentCloud.Application.Agents.CreateSetupToken("pool-x", "prov-x", null, null))).IsSuccess);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/contracts", body))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/contracts", body))).Status);
        (status, problem) = await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/contracts", body));
        Assert.Equal((HttpStatusCode.TooManyRequests, "open_request_quota"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Registrations_from_one_address_are_capped_with_429()
    {
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(_client, new TestUser());
        }

        var user = new TestUser();
        var (status, problem) = await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{user.CredentialKeyHex}\"}}"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "account_quota"), (status, problem.GetProperty("code").GetString()));
    }
}
