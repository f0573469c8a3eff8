using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DecentCloud.Adapters.DigitalOcean.Tests;

public sealed class DigitalOceanProvisionerTests : ProvisionerConformanceTests, IDisposable
{
    private const string Token = "do-test-token";
    private static readonly string ContractTag = "decent-cloud-contract:" + Contract.Hex;
    private readonly WireMockBackend<IProvisioner> _api = new((services, url) => services.AddDecentCloudDigitalOcean(CloudTestTiming.Fast(new DigitalOceanOptions { ApiToken = Token, BaseAddress = new Uri(url + "/v2/") })));

    protected override IProvisioner Provisioner => _api.Provisioner;

    public void Dispose() => _api.Dispose();

    private static ProvisionRequest Provision(string? config = null) => NewRequest(config, "apt-get -y install nginx", "root");

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

    private void GivenKeyLookup(int status, object body) =>
        _api.Server.Given(Request.Create().WithPath("/v2/account/keys/*").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithBodyAsJson(body));

    protected override Task<string> ArrangeFreshMachineAsync()
    {
        _api.Json("GET", "/v2/droplets", 200, Page([]));
        GivenKeyLookup(404, new { id = "not_found", message = "The resource you were accessing could not be found." });
        _api.Json("POST", "/v2/account/keys", 201, new { ssh_key = new { id = 512190, fingerprint = "3b:16:bf", public_key = UserKey, name = "k" } });
        _api.Json("POST", "/v2/droplets", 202, new { droplet = Droplet(3164444, "new", null), links = new { actions = new[] { new { id = 36805096, rel = "create", href = "x" } } } });
        _api.Json("GET", "/v2/actions/36805096", 200, new { action = new { id = 36805096, status = "completed", type = "create" } });
        _api.Json("GET", "/v2/droplets/3164444", 200, new { droplet = Droplet(3164444, "active", "104.236.32.182") });
        return Task.FromResult("104.236.32.182");
    }

    protected override Task<string> ArrangeExistingMachineAsync()
    {
        _api.Json("GET", "/v2/droplets", 200, Page([Droplet(7, "active", "203.0.113.7")]));
        _api.Json("GET", "/v2/droplets/7", 200, new { droplet = Droplet(7, "active", "203.0.113.7") });
        return Task.FromResult("7");
    }

    protected override Task<IReadOnlyList<(string ExternalId, ContractId Contract)>> ArrangeListingAsync()
    {
        _api.Pages("/v2/droplets", "page", ("1", Page([Droplet(1, "active", "203.0.113.1")], next: _api.Url + "/v2/droplets?page=2")), ("2", Page([Droplet(2, "off", null, "decent-cloud-contract:" + Other.Hex)])));
        return Task.FromResult<IReadOnlyList<(string, ContractId)>>([("1", Contract), ("2", Other)]);
    }

    protected override Task<string> ArrangeLifecycleAsync()
    {
        _api.Json("POST", "/v2/droplets/7/actions", 201, new { action = new { id = 11, status = "completed", type = "shutdown" } });
        _api.Raw("DELETE", "/v2/droplets/7", 204);
        _api.Json("DELETE", "/v2/droplets/" + MissingId, 404, new { id = "not_found", message = "The resource you were accessing could not be found." });
        _api.Json("GET", "/v2/droplets/" + MissingId, 404, new { id = "not_found", message = "The resource you were accessing could not be found." });
        return Task.FromResult("7");
    }

    protected override Task<string> ArrangeSlowDeleteAsync()
    {
        var droplet = Droplet(7, "active", "203.0.113.7");
        _api.SlowDelete("/v2/droplets/7", 204, null, "/v2/droplets/7", new { droplet }, new { id = "not_found", message = "The resource you were accessing could not be found." }, "/v2/droplets", Page([droplet]), Page([]));
        return Task.FromResult("7");
    }

    protected override string MissingId => "8";

    protected override Task<(string ExternalId, string ErrorText)> ArrangeRefusalAsync()
    {
        _api.Json("POST", "/v2/droplets/7/actions", 422, new { id = "unprocessable_entity", message = "Droplet is already powered off." });
        return Task.FromResult(("7", "HTTP 422 unprocessable_entity: Droplet is already powered off."));
    }

    private IEnumerable<string> ActionTypes() =>
        _api.Sent("POST", "/v2/droplets/7/actions").Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement.GetProperty("type").GetString()!);

    protected override int Count(string operation) => operation switch
    {
        "create" => _api.Sent("POST", "/v2/droplets").Count,
        "stop" => ActionTypes().Count(t => t == "shutdown"),
        "start" => ActionTypes().Count(t => t == "power_on"),
        "terminate" => _api.Count("DELETE", p => p.StartsWith("/v2/droplets/", StringComparison.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    protected override IEnumerable<string> ScriptCarriers() =>
        _api.Sent("POST", "/v2/droplets").Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement.GetProperty("user_data").GetString()!);

    [Fact]
    public async Task Provision_sends_the_documented_requests_and_returns_the_public_address()
    {
        await ArrangeFreshMachineAsync();
        var instance = await Provisioner.ProvisionAsync(Provision("{\"size\":\"s-4vcpu-8gb\",\"region\":\"ams3\"}"), Ct);
        Assert.Equal(("3164444", "104.236.32.182", "active"), (instance.ExternalId, instance.Ipv4, instance.Status));
        Assert.Equal(Contract, instance.ContractId);

        var lookup = _api.Sent("GET", "/v2/droplets")[0].RequestMessage!;
        Assert.Equal("Bearer " + Token, lookup.Headers!["Authorization"].Single());
        Assert.Equal(ContractTag, lookup.Query!["tag_name"].Single());
        var keyLookup = _api.Server.LogEntries.Single(e => e.RequestMessage!.Path.StartsWith("/v2/account/keys/", StringComparison.Ordinal)).RequestMessage!;
        Assert.Matches("^/v2/account/keys/([0-9a-f]{2}:){15}[0-9a-f]{2}$", keyLookup.Path);

        using var create = JsonDocument.Parse(_api.Sent("POST", "/v2/droplets")[0].RequestMessage!.Body!);
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
        await ArrangeExistingMachineAsync();
        Assert.Equal("7", (await Provisioner.ProvisionAsync(Provision(), Ct)).ExternalId);
        Assert.Empty(_api.Sent("POST", "/v2/droplets"));
    }

    [Fact]
    public async Task An_errored_action_and_a_missing_address_fail_clearly()
    {
        _api.Json("GET", "/v2/droplets", 200, Page([]));
        GivenKeyLookup(200, new { ssh_key = new { id = 1, fingerprint = "f" } });
        _api.Json("POST", "/v2/droplets", 202, new { droplet = Droplet(9, "new", null), links = new { actions = new[] { new { id = 5, rel = "create" } } } });
        _api.Json("GET", "/v2/actions/5", 200, new { action = new { id = 5, status = "errored", type = "create" } });
        var errored = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("errored", errored.Message);
        Assert.Empty(_api.Sent("POST", "/v2/account/keys"));

        _api.Json("GET", "/v2/actions/5", 200, new { action = new { id = 5, status = "completed", type = "create" } });
        _api.Json("GET", "/v2/droplets/9", 200, new { droplet = Droplet(9, "new", null) });
        var noAddress = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no public address", noAddress.Message);
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_client_errors_are_not()
    {
        _api.Server.Given(Request.Create().WithPath("/v2/droplets").UsingGet()).InScenario("s").WillSetStateTo("then-5xx")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("ratelimit-reset", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString())
                .WithBodyAsJson(new { id = "too_many_requests", message = "API Rate limit exceeded." }));
        _api.Server.Given(Request.Create().WithPath("/v2/droplets").UsingGet()).InScenario("s").WhenStateIs("then-5xx").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(500));
        _api.Json("GET", "/v2/droplets", 200, Page([]), "s", "ok");
        Assert.Null(await Provisioner.FindByContractAsync(Contract, Ct));
        Assert.Equal(3, _api.Sent("GET", "/v2/droplets").Count);

        var (id, text) = await ArrangeRefusalAsync();
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.StopAsync(id, Ct));
        Assert.Contains(text, ex.Message);
        Assert.Single(_api.Sent("POST", "/v2/droplets/7/actions"));
    }

    [Fact]
    public async Task Stop_start_and_terminate_send_the_documented_requests()
    {
        await ArrangeLifecycleAsync();
        await Provisioner.StopAsync("7", Ct);
        await Provisioner.StartAsync("7", Ct);
        Assert.Equal(["{\"type\":\"shutdown\"}", "{\"type\":\"power_on\"}"], _api.Sent("POST", "/v2/droplets/7/actions").Select(e => e.RequestMessage!.Body));
        await Provisioner.TerminateAsync("7", Ct);
        await Provisioner.TerminateAsync("8", Ct);
        Assert.Single(_api.Sent("DELETE", "/v2/droplets/7"));
    }

    [Fact]
    public async Task Listing_follows_pages_and_reads_the_contract_back()
    {
        await ArrangeListingAsync();
        var all = await Provisioner.ListAsync(Ct);
        Assert.Equal([("1", Contract), ("2", Other)], all.Select(i => (i.ExternalId, i.ContractId!)));
        Assert.All(_api.Sent("GET", "/v2/droplets"), e => Assert.Equal("decent-cloud", e.RequestMessage!.Query!["tag_name"].Single()));
    }
}
