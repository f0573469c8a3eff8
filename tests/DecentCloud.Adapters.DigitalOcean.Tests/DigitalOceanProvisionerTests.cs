using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.DigitalOcean.Tests;

public sealed class DigitalOceanProvisionerTests : IDisposable
{
    private const string Token = "do-test-token";
    private const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdpY2Fsc29tZXRoaW5ndGhhdGlzMzJieXRlc2xvbmdhYmM= user@laptop";
    private static readonly ContractId Contract = ContractId.FromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").Value;
    private static readonly string ContractTag = "decent-cloud-contract:" + Contract.Hex;
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly ServiceProvider _services;
    private readonly IProvisioner _provisioner;

    public DigitalOceanProvisionerTests()
    {
        var services = new ServiceCollection();
        services.AddDecentCloudDigitalOcean(new DigitalOceanOptions
        {
            ApiToken = Token,
            BaseAddress = new Uri(_api.Url + "/v2/"),
            PollInterval = TimeSpan.FromMilliseconds(10),
            OperationTimeout = TimeSpan.FromMilliseconds(500),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetries = 3,
        });
        _services = services.BuildServiceProvider();
        _provisioner = _services.GetRequiredService<IProvisioner>();
    }

    public void Dispose()
    {
        _services.Dispose();
        _api.Stop();
        _api.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProvisionRequest Provision(string? config = null) =>
        new(Contract, "offer-1", 2, 4096, 80, [UserKey], "root", "S3cret-Pass_word-0123456789", config, "apt-get -y install nginx");

    private static object Droplet(long id, string status, string? ip, string? tag = null) => new
    {
        id, name = "dc-x", status,
        networks = new
        {
            v4 = ip is null ? Array.Empty<object>() : new object[] { new { ip_address = "10.110.0.2", type = "private" }, new { ip_address = ip, type = "public" } },
            v6 = Array.Empty<object>(),
        },
        tags = new[] { "decent-cloud", tag ?? ContractTag },
    };

    private static object Page(object[] droplets, string? next = null) =>
        new { droplets, links = next is null ? new { pages = (object?)null } : new { pages = (object?)new { next } }, meta = new { total = droplets.Length } };

    private void Json(string method, string path, int status, object body) =>
        _api.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBodyAsJson(body));

    private List<ILogEntry> Sent(string method, string path) =>
        _api.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage.Path == path).ToList();

    [Fact]
    public async Task Provision_sends_the_documented_requests_and_returns_the_public_address()
    {
        Json("GET", "/v2/droplets", 200, Page([]));
        _api.Given(Request.Create().WithPath("/v2/account/keys/*").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBodyAsJson(new { id = "not_found", message = "The resource you were accessing could not be found." }));
        Json("POST", "/v2/account/keys", 201, new { ssh_key = new { id = 512190, fingerprint = "3b:16:bf", public_key = UserKey, name = "k" } });
        Json("POST", "/v2/droplets", 202, new { droplet = Droplet(3164444, "new", null), links = new { actions = new[] { new { id = 36805096, rel = "create", href = "x" } } } });
        Json("GET", "/v2/actions/36805096", 200, new { action = new { id = 36805096, status = "completed", type = "create" } });
        Json("GET", "/v2/droplets/3164444", 200, new { droplet = Droplet(3164444, "active", "104.236.32.182") });

        var instance = await _provisioner.ProvisionAsync(Provision("{\"size\":\"s-4vcpu-8gb\",\"region\":\"ams3\"}"), Ct);
        Assert.Equal(("3164444", "104.236.32.182", "active"), (instance.ExternalId, instance.Ipv4, instance.Status));
        Assert.Equal(Contract, instance.ContractId);

        var lookup = Sent("GET", "/v2/droplets")[0].RequestMessage!;
        Assert.Equal("Bearer " + Token, lookup.Headers!["Authorization"].Single());
        Assert.Equal(ContractTag, lookup.Query!["tag_name"].Single());
        var keyLookup = _api.LogEntries.Single(e => e.RequestMessage!.Path.StartsWith("/v2/account/keys/", StringComparison.Ordinal)).RequestMessage!;
        Assert.Matches("^/v2/account/keys/([0-9a-f]{2}:){15}[0-9a-f]{2}$", keyLookup.Path);

        using var create = JsonDocument.Parse(Sent("POST", "/v2/droplets")[0].RequestMessage!.Body!);
        var body = create.RootElement;
        Assert.Equal(("s-4vcpu-8gb", "ams3", "ubuntu-24-04-x64"), (body.GetProperty("size").GetString(), body.GetProperty("region").GetString(), body.GetProperty("image").GetString()));
        Assert.Equal([512190], body.GetProperty("ssh_keys").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(["decent-cloud", ContractTag], body.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        var userData = body.GetProperty("user_data").GetString()!;
        Assert.Contains("name: \"root\"", userData);
        Assert.Contains("apt-get -y install nginx", userData);
    }

    [Fact]
    public async Task A_droplet_already_tagged_with_the_contract_is_reused()
    {
        Json("GET", "/v2/droplets", 200, Page([Droplet(7, "active", "203.0.113.7")]));
        Json("GET", "/v2/droplets/7", 200, new { droplet = Droplet(7, "active", "203.0.113.7") });
        Assert.Equal("7", (await _provisioner.ProvisionAsync(Provision(), Ct)).ExternalId);
        Assert.Empty(Sent("POST", "/v2/droplets"));
    }

    [Fact]
    public async Task An_errored_action_and_a_missing_address_fail_clearly()
    {
        Json("GET", "/v2/droplets", 200, Page([]));
        _api.Given(Request.Create().WithPath("/v2/account/keys/*").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { ssh_key = new { id = 1, fingerprint = "f" } }));
        Json("POST", "/v2/droplets", 202, new { droplet = Droplet(9, "new", null), links = new { actions = new[] { new { id = 5, rel = "create" } } } });
        Json("GET", "/v2/actions/5", 200, new { action = new { id = 5, status = "errored", type = "create" } });
        var errored = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("errored", errored.Message);
        Assert.Empty(Sent("POST", "/v2/account/keys"));

        Json("GET", "/v2/actions/5", 200, new { action = new { id = 5, status = "completed", type = "create" } });
        Json("GET", "/v2/droplets/9", 200, new { droplet = Droplet(9, "new", null) });
        var noAddress = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no public address", noAddress.Message);
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_client_errors_are_not()
    {
        _api.Given(Request.Create().WithPath("/v2/droplets").UsingGet()).InScenario("s").WillSetStateTo("then-5xx")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("ratelimit-reset", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString())
                .WithBodyAsJson(new { id = "too_many_requests", message = "API Rate limit exceeded." }));
        _api.Given(Request.Create().WithPath("/v2/droplets").UsingGet()).InScenario("s").WhenStateIs("then-5xx").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(500));
        _api.Given(Request.Create().WithPath("/v2/droplets").UsingGet()).InScenario("s").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([])));
        Assert.Null(await _provisioner.FindByContractAsync(Contract, Ct));
        Assert.Equal(3, Sent("GET", "/v2/droplets").Count);

        Json("POST", "/v2/droplets/7/actions", 422, new { id = "unprocessable_entity", message = "Droplet is already powered off." });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.StopAsync("7", Ct));
        Assert.Contains("HTTP 422 unprocessable_entity: Droplet is already powered off.", ex.Message);
        Assert.Single(Sent("POST", "/v2/droplets/7/actions"));
    }

    [Fact]
    public async Task Stop_start_and_terminate_send_the_documented_requests()
    {
        Json("POST", "/v2/droplets/7/actions", 201, new { action = new { id = 11, status = "completed", type = "shutdown" } });
        await _provisioner.StopAsync("7", Ct);
        await _provisioner.StartAsync("7", Ct);
        Assert.Equal(["{\"type\":\"shutdown\"}", "{\"type\":\"power_on\"}"], Sent("POST", "/v2/droplets/7/actions").Select(e => e.RequestMessage!.Body));

        _api.Given(Request.Create().WithPath("/v2/droplets/7").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        _api.Given(Request.Create().WithPath("/v2/droplets/8").UsingDelete()).RespondWith(Response.Create().WithStatusCode(404)
            .WithBodyAsJson(new { id = "not_found", message = "The resource you were accessing could not be found." }));
        await _provisioner.TerminateAsync("7", Ct);
        await _provisioner.TerminateAsync("8", Ct);
        Assert.Single(Sent("DELETE", "/v2/droplets/7"));
    }

    [Fact]
    public async Task Listing_follows_pages_and_reads_the_contract_back()
    {
        var other = ContractId.FromHex(new string('e', 32)).Value;
        _api.Given(Request.Create().WithPath("/v2/droplets").UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([Droplet(1, "active", "203.0.113.1")], next: _api.Url + "/v2/droplets?page=2")));
        _api.Given(Request.Create().WithPath("/v2/droplets").UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([Droplet(2, "off", null, "decent-cloud-contract:" + other.Hex)])));
        var all = await _provisioner.ListAsync(Ct);
        Assert.Equal([("1", Contract), ("2", other)], all.Select(i => (i.ExternalId, i.ContractId!)));
        Assert.All(Sent("GET", "/v2/droplets"), e => Assert.Equal("decent-cloud", e.RequestMessage!.Query!["tag_name"].Single()));
    }
}
