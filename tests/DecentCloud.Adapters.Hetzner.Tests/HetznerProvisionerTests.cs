using System.Diagnostics;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Hetzner.Tests;

public sealed class HetznerProvisionerTests : IDisposable
{
    private const string Token = "hz-test-token";
    private const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdpY2Fsc29tZXRoaW5ndGhhdGlzMzJieXRlc2xvbmdhYmM= user@laptop";
    private static readonly ContractId Contract = ContractId.FromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").Value;
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly ServiceProvider _services;
    private readonly IProvisioner _provisioner;

    public HetznerProvisionerTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudHetzner(new HetznerOptions
        {
            ApiToken = Token,
            BaseAddress = new Uri(_api.Url + "/v1/"),
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
        new(Contract, "offer-1", 2, 4096, 40, [UserKey], "ubuntu", "S3cret-Pass_word-0123456789", config, null);

    private static object Server(long id, string status, string? ip, Dictionary<string, string>? labels = null) => new
    {
        id, name = "dc-x", status,
        public_net = new { ipv4 = new { ip }, ipv6 = new { ip = (string?)null } },
        labels = labels ?? ContractLabels.For(Contract),
    };

    private static object Page(object[] servers, int? next = null) =>
        new { servers, meta = new { pagination = new { page = 1, per_page = 50, previous_page = (int?)null, next_page = next, last_page = next ?? 1, total_entries = servers.Length } } };

    private void Json(string method, string path, int status, object body, string? scenario = null, string? from = null, string? to = null)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        var given = _api.Given(request);
        if (scenario is not null)
        {
            given = from is null ? given.InScenario(scenario) : given.InScenario(scenario).WhenStateIs(from);
            if (to is not null)
            {
                given = given.WillSetStateTo(to);
            }
        }

        given.RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBodyAsJson(body));
    }

    private List<ILogEntry> Sent(string method, string path) =>
        _api.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage.Path == path).ToList();

    private void GivenNoServerYet() => Json("GET", "/v1/servers", 200, Page([]));

    private void GivenKeyAndCreate(object createResponse)
    {
        Json("GET", "/v1/ssh_keys", 200, new { ssh_keys = Array.Empty<object>() });
        Json("POST", "/v1/ssh_keys", 201, new { ssh_key = new { id = 11, name = "k", fingerprint = "f" } });
        Json("POST", "/v1/servers", 201, createResponse);
    }

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
        Json("GET", "/v1/actions/1", 200, new { action = new { id = 1, command = "create_server", status = "success", error = (object?)null } });
        Json("GET", "/v1/servers/42", 200, new { server = Server(42, "running", "203.0.113.9") });

        var instance = await _provisioner.ProvisionAsync(Provision("{\"server_type\":\"cx32\",\"location\":\"nbg1\"}"), Ct);
        Assert.Equal(("42", "203.0.113.9", "running"), (instance.ExternalId, instance.Ipv4, instance.Status));
        Assert.Equal(Contract, instance.ContractId);

        var lookup = Sent("GET", "/v1/servers")[0].RequestMessage!;
        Assert.Equal("Bearer " + Token, lookup.Headers!["Authorization"].Single());
        Assert.Equal(ContractLabels.Selector(Contract), lookup.Query!["label_selector"].Single());
        Assert.Equal("decent-cloud-contract-1==0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde,decent-cloud-contract-2==f,decent-cloud-managed==true", ContractLabels.Selector(Contract));

        var fingerprint = Sent("GET", "/v1/ssh_keys")[0].RequestMessage!.Query!["fingerprint"].Single();
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", fingerprint);
        using var key = JsonDocument.Parse(Sent("POST", "/v1/ssh_keys")[0].RequestMessage!.Body!);
        Assert.Equal(UserKey, key.RootElement.GetProperty("public_key").GetString());

        using var create = JsonDocument.Parse(Sent("POST", "/v1/servers")[0].RequestMessage!.Body!);
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
        Assert.Single(Sent("GET", "/v1/actions/1"));
    }

    [Fact]
    public async Task A_server_already_tagged_with_the_contract_is_reused_not_duplicated()
    {
        Json("GET", "/v1/servers", 200, Page([Server(42, "running", "203.0.113.9")]));
        Json("GET", "/v1/servers/42", 200, new { server = Server(42, "running", "203.0.113.9") });
        var instance = await _provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal("42", instance.ExternalId);
        Assert.Empty(Sent("POST", "/v1/servers"));
        Assert.Empty(Sent("POST", "/v1/ssh_keys"));
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
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("placement_error: no capacity in nbg1", ex.Message);
    }

    [Fact]
    public async Task A_server_whose_address_never_appears_fails_after_the_timeout()
    {
        GivenNoServerYet();
        GivenKeyAndCreate(new { server = Server(42, "initializing", null), action = new { id = 1, status = "success" }, next_actions = Array.Empty<object>() });
        Json("GET", "/v1/servers/42", 200, new { server = Server(42, "starting", null) });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no public address", ex.Message);
        Assert.True(Sent("GET", "/v1/servers/42").Count > 1);
    }

    [Fact]
    public async Task Rate_limits_wait_for_retry_after_and_server_errors_are_retried()
    {
        _api.Given(Request.Create().WithPath("/v1/servers").UsingGet()).InScenario("s").WillSetStateTo("limited-once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("RateLimit-Remaining", "0")
                .WithBodyAsJson(new { error = new { code = "rate_limit_exceeded", message = "limit of 3600 requests per hour reached" } }));
        _api.Given(Request.Create().WithPath("/v1/servers").UsingGet()).InScenario("s").WhenStateIs("limited-once").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("unavailable"));
        _api.Given(Request.Create().WithPath("/v1/servers").UsingGet()).InScenario("s").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([])));
        var watch = Stopwatch.StartNew();
        Assert.Null(await _provisioner.FindByContractAsync(Contract, Ct));
        Assert.Equal(3, Sent("GET", "/v1/servers").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_carry_hetzners_text()
    {
        Json("GET", "/v1/servers", 401, new { error = new { code = "unauthorized", message = "unable to authenticate" } });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.VerifySetupAsync(Ct));
        Assert.Contains("HTTP 401 unauthorized: unable to authenticate", ex.Message);
        Assert.Single(_api.LogEntries);
    }

    [Fact]
    public async Task Terminate_is_idempotent_and_waits_for_the_delete_action()
    {
        Json("DELETE", "/v1/servers/404404", 404, new { error = new { code = "not_found", message = "server not found" } });
        await _provisioner.TerminateAsync("404404", Ct);

        Json("DELETE", "/v1/servers/42", 200, new { action = new { id = 7, command = "delete_server", status = "running" } });
        Json("GET", "/v1/actions/7", 200, new { action = new { id = 7, command = "delete_server", status = "success" } });
        await _provisioner.TerminateAsync("42", Ct);
        Assert.Single(Sent("GET", "/v1/actions/7"));
    }

    [Fact]
    public async Task Stop_and_start_use_shutdown_and_poweron()
    {
        Json("POST", "/v1/servers/42/actions/shutdown", 201, new { action = new { id = 8, command = "shutdown_server", status = "success" } });
        Json("POST", "/v1/servers/42/actions/poweron", 201, new { action = new { id = 9, command = "start_server", status = "success" } });
        await _provisioner.StopAsync("42", Ct);
        await _provisioner.StartAsync("42", Ct);
        Assert.Single(Sent("POST", "/v1/servers/42/actions/shutdown"));
        Assert.Single(Sent("POST", "/v1/servers/42/actions/poweron"));
        await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.StopAsync("not-a-number", Ct));
    }

    [Fact]
    public async Task Listing_follows_pagination_and_reads_the_contract_back()
    {
        var other = ContractId.FromHex(new string('e', 32)).Value;
        _api.Given(Request.Create().WithPath("/v1/servers").UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([Server(1, "running", "203.0.113.1")], next: 2)));
        _api.Given(Request.Create().WithPath("/v1/servers").UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([Server(2, "off", null, ContractLabels.For(other))])));
        var all = await _provisioner.ListAsync(Ct);
        Assert.Equal([("1", Contract), ("2", other)], all.Select(i => (i.ExternalId, i.ContractId!)));
        Assert.All(Sent("GET", "/v1/servers"), e => Assert.Equal("decent-cloud-managed==true", e.RequestMessage!.Query!["label_selector"].Single()));
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
