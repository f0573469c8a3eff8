using System.Diagnostics;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DecentCloud.Adapters.Hetzner.Tests;

public sealed class HetznerProvisionerTests : ProvisionerConformanceTests, IDisposable
{
    private const string Token = "hz-test-token";
    private readonly WireMockBackend<IProvisioner> _api = new((services, url) => services.AddDecentCloudHetzner(CloudTestTiming.Fast(new HetznerOptions { ApiToken = Token, BaseAddress = new Uri(url + "/v1/") })));

    protected override IProvisioner Provisioner => _api.Provisioner;

    public void Dispose() => _api.Dispose();

    private static ProvisionRequest Provision(string? config = null) => NewRequest(config);

    private static object Server(long id, string status, string? ip, Dictionary<string, string>? labels = null) => new
    {
        id, name = "dc-x", status,
        public_net = new { ipv4 = new { ip }, ipv6 = new { ip = (string?)null } },
        labels = labels ?? ContractLabels.For(Contract),
    };

    private static object Page(object[] servers, int? next = null) =>
        new { servers, meta = new { pagination = new { page = 1, per_page = 50, previous_page = (int?)null, next_page = next, last_page = next ?? 1, total_entries = servers.Length } } };

    private static object Action(long id, string status, string command = "x", object? error = null) => new { action = new { id, command, status, error } };

    private void GivenNoServerYet() => _api.Json("GET", "/v1/servers", 200, Page([]));

    private void GivenKeyAndCreate(object createResponse)
    {
        _api.Json("GET", "/v1/ssh_keys", 200, new { ssh_keys = Array.Empty<object>() });
        _api.Json("POST", "/v1/ssh_keys", 201, new { ssh_key = new { id = 11, name = "k", fingerprint = "f" } });
        _api.Json("POST", "/v1/servers", 201, createResponse);
    }

    protected override Task<string> ArrangeFreshMachineAsync()
    {
        GivenNoServerYet();
        GivenKeyAndCreate(new { server = Server(42, "initializing", null), action = new { id = 1, status = "success" }, next_actions = Array.Empty<object>() });
        _api.Json("GET", "/v1/servers/42", 200, new { server = Server(42, "running", "203.0.113.9") });
        return Task.FromResult("203.0.113.9");
    }

    protected override Task<string> ArrangeExistingMachineAsync()
    {
        _api.Json("GET", "/v1/servers", 200, Page([Server(42, "running", "203.0.113.9")]));
        _api.Json("GET", "/v1/servers/42", 200, new { server = Server(42, "running", "203.0.113.9") });
        return Task.FromResult("42");
    }

    protected override Task<IReadOnlyList<(string ExternalId, ContractId Contract)>> ArrangeListingAsync()
    {
        _api.Pages("/v1/servers", "page", ("1", Page([Server(1, "running", "203.0.113.1")], next: 2)), ("2", Page([Server(2, "off", null, ContractLabels.For(Other))])));
        return Task.FromResult<IReadOnlyList<(string, ContractId)>>([("1", Contract), ("2", Other)]);
    }

    protected override Task<string> ArrangeLifecycleAsync()
    {
        _api.Json("POST", "/v1/servers/42/actions/shutdown", 201, Action(8, "success", "shutdown_server"));
        _api.Json("POST", "/v1/servers/42/actions/poweron", 201, Action(9, "success", "start_server"));
        _api.Json("DELETE", "/v1/servers/42", 200, Action(7, "running", "delete_server"));
        _api.Json("GET", "/v1/actions/7", 200, Action(7, "success", "delete_server"));
        _api.Json("DELETE", "/v1/servers/" + MissingId, 404, new { error = new { code = "not_found", message = "server not found" } });
        _api.Json("GET", "/v1/servers/" + MissingId, 404, new { error = new { code = "not_found", message = "server not found" } });
        return Task.FromResult("42");
    }

    protected override Task<string> ArrangeSlowDeleteAsync()
    {
        var server = Server(42, "running", "203.0.113.9");
        _api.SlowDelete("/v1/servers/42", 200, Action(77, "running", "delete_server"), "/v1/servers/42", new { server }, new { error = new { code = "not_found", message = "server not found" } }, "/v1/servers", Page([server]), Page([]));
        _api.Json("GET", "/v1/actions/77", 200, Action(77, "success", "delete_server"));
        return Task.FromResult("42");
    }

    protected override string MissingId => "404404";

    protected override Task<(string ExternalId, string ErrorText)> ArrangeRefusalAsync()
    {
        _api.Json("POST", "/v1/servers/42/actions/shutdown", 423, new { error = new { code = "locked", message = "server is locked by another action" } });
        return Task.FromResult(("42", "HTTP 423 locked: server is locked by another action"));
    }

    protected override int Count(string operation) => operation switch
    {
        "create" => _api.Sent("POST", "/v1/servers").Count,
        "stop" => _api.Sent("POST", "/v1/servers/42/actions/shutdown").Count,
        "start" => _api.Sent("POST", "/v1/servers/42/actions/poweron").Count,
        "terminate" => _api.Count("DELETE", p => p.StartsWith("/v1/servers/", StringComparison.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    protected override IEnumerable<string> ScriptCarriers() =>
        _api.Sent("POST", "/v1/servers").Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement.GetProperty("user_data").GetString()!);

    [Fact]
    public async Task Provision_sends_the_documented_requests_and_returns_the_running_server()
    {
        GivenNoServerYet();
        GivenKeyAndCreate(new
        {
            server = Server(42, "initializing", null),
            action = new { id = 1, command = "create_server", status = "running", error = (object?)null },
            next_actions = new[] { new { id = 2, command = "start_server", status = "success", error = (object?)null } },
            root_password = (string?)null,
        });
        _api.Json("GET", "/v1/actions/1", 200, Action(1, "success", "create_server"));
        _api.Json("GET", "/v1/servers/42", 200, new { server = Server(42, "running", "203.0.113.9") });

        var instance = await Provisioner.ProvisionAsync(Provision("{\"server_type\":\"cx32\",\"location\":\"nbg1\"}"), Ct);
        Assert.Equal(("42", "203.0.113.9", "running"), (instance.ExternalId, instance.Ipv4, instance.Status));
        Assert.Equal(Contract, instance.ContractId);

        var lookup = _api.Sent("GET", "/v1/servers")[0].RequestMessage!;
        Assert.Equal("Bearer " + Token, lookup.Headers!["Authorization"].Single());
        Assert.Equal(ContractLabels.Selector(Contract), lookup.Query!["label_selector"].Single());
        Assert.Equal("decent-cloud-contract-1==0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde,decent-cloud-contract-2==f,decent-cloud-managed==true", ContractLabels.Selector(Contract));

        var fingerprint = _api.Sent("GET", "/v1/ssh_keys")[0].RequestMessage!.Query!["fingerprint"].Single();
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", fingerprint);
        using var key = JsonDocument.Parse(_api.Sent("POST", "/v1/ssh_keys")[0].RequestMessage!.Body!);
        Assert.Equal(UserKey, key.RootElement.GetProperty("public_key").GetString());

        using var create = JsonDocument.Parse(_api.Sent("POST", "/v1/servers")[0].RequestMessage!.Body!);
        var body = create.RootElement;
        Assert.Equal("dc-0123456789abcdef0123456789abcdef01234567", body.GetProperty("name").GetString());
        Assert.Equal(("cx32", "ubuntu-24.04", "nbg1"), (body.GetProperty("server_type").GetString(), body.GetProperty("image").GetString(), body.GetProperty("location").GetString()));
        Assert.Equal([11], body.GetProperty("ssh_keys").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("true", body.GetProperty("labels").GetProperty("decent-cloud-managed").GetString());
        Assert.Equal("f", body.GetProperty("labels").GetProperty("decent-cloud-contract-2").GetString());
        Assert.True(body.GetProperty("start_after_create").GetBoolean());
        var userData = body.GetProperty("user_data").GetString()!;
        Assert.StartsWith("#cloud-config\n", userData);
        Assert.Contains("password: \"S3cret-Pass_word-0123456789\"", userData);
        Assert.Contains(UserKey, userData);
        Assert.Single(_api.Sent("GET", "/v1/actions/1"));
    }

    [Fact]
    public async Task A_server_already_tagged_with_the_contract_is_reused_not_duplicated()
    {
        await ArrangeExistingMachineAsync();
        var instance = await Provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal("42", instance.ExternalId);
        Assert.Empty(_api.Sent("POST", "/v1/servers"));
        Assert.Empty(_api.Sent("POST", "/v1/ssh_keys"));
    }

    [Fact]
    public async Task A_failed_action_fails_with_hetzners_code_and_message()
    {
        GivenNoServerYet();
        GivenKeyAndCreate(new
        {
            server = Server(42, "initializing", null),
            action = new { id = 1, command = "create_server", status = "error", error = new { code = "placement_error", message = "no capacity in nbg1" } },
            next_actions = Array.Empty<object>(),
        });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("placement_error: no capacity in nbg1", ex.Message);
    }

    [Fact]
    public async Task A_server_whose_address_never_appears_fails_after_the_timeout()
    {
        GivenNoServerYet();
        GivenKeyAndCreate(new { server = Server(42, "initializing", null), action = new { id = 1, status = "success" }, next_actions = Array.Empty<object>() });
        _api.Json("GET", "/v1/servers/42", 200, new { server = Server(42, "starting", null) });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no public address", ex.Message);
        Assert.True(_api.Sent("GET", "/v1/servers/42").Count > 1);
    }

    [Fact]
    public async Task Rate_limits_wait_for_retry_after_and_server_errors_are_retried()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/servers").UsingGet()).InScenario("s").WillSetStateTo("limited-once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("RateLimit-Remaining", "0")
                .WithBodyAsJson(new { error = new { code = "rate_limit_exceeded", message = "limit of 3600 requests per hour reached" } }));
        _api.Server.Given(Request.Create().WithPath("/v1/servers").UsingGet()).InScenario("s").WhenStateIs("limited-once").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("unavailable"));
        _api.Json("GET", "/v1/servers", 200, Page([]), "s", "ok");
        var watch = Stopwatch.StartNew();
        Assert.Null(await Provisioner.FindByContractAsync(Contract, Ct));
        Assert.Equal(3, _api.Sent("GET", "/v1/servers").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_carry_hetzners_text()
    {
        _api.Json("GET", "/v1/servers", 401, new { error = new { code = "unauthorized", message = "unable to authenticate" } });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.VerifySetupAsync(Ct));
        Assert.Contains("HTTP 401 unauthorized: unable to authenticate", ex.Message);
        Assert.Single(_api.Server.LogEntries);
    }

    [Fact]
    public async Task Terminate_is_idempotent_and_waits_for_the_delete_action()
    {
        await ArrangeLifecycleAsync();
        await Provisioner.TerminateAsync(MissingId, Ct);
        await Provisioner.TerminateAsync("42", Ct);
        Assert.Single(_api.Sent("GET", "/v1/actions/7"));
    }

    [Fact]
    public async Task Stop_and_start_use_shutdown_and_poweron()
    {
        await ArrangeLifecycleAsync();
        await Provisioner.StopAsync("42", Ct);
        await Provisioner.StartAsync("42", Ct);
        Assert.Single(_api.Sent("POST", "/v1/servers/42/actions/shutdown"));
        Assert.Single(_api.Sent("POST", "/v1/servers/42/actions/poweron"));
        await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.StopAsync("not-a-number", Ct));
    }

    [Fact]
    public async Task Listing_follows_pagination_and_reads_the_contract_back()
    {
        await ArrangeListingAsync();
        var all = await Provisioner.ListAsync(Ct);
        Assert.Equal([("1", Contract), ("2", Other)], all.Select(i => (i.ExternalId, i.ContractId!)));
        Assert.All(_api.Sent("GET", "/v1/servers"), e => Assert.Equal("decent-cloud-managed==true", e.RequestMessage!.Query!["label_selector"].Single()));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void Contract_labels_round_trip_within_hetzners_63_character_limit(int bytes)
    {
        var id = ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes)).Value;
        var labels = ContractLabels.For(id);
        Assert.All(labels.Values, v => Assert.InRange(v.Length, 1, 63));
        Assert.Equal(id, ContractLabels.Read(labels));
    }
}
