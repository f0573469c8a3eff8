using System.Text;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Vultr.Tests;

public sealed class VultrProvisionerTests : IDisposable
{
    private const string Token = "vultr-test-key";
    private const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdpY2Fsc29tZXRoaW5ndGhhdGlzMzJieXRlc2xvbmdhYmM= user@laptop";
    private const string InstanceId = "cb676a46-66fd-4dfb-b839-443f2e6c0b60";
    private static readonly ContractId Contract = ContractId.FromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").Value;
    private static readonly string ContractTag = "decent-cloud-contract:" + Contract.Hex;
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly ServiceProvider _services;
    private readonly IProvisioner _provisioner;

    public VultrProvisionerTests()
    {
        var services = new ServiceCollection();
        services.AddDecentCloudVultr(new VultrOptions
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
        new(Contract, "offer-1", 2, 4096, 80, [UserKey], "ubuntu", "S3cret-Pass_word-0123456789", config, null);

    private static object Instance(string status, string ip, string? tag = null, string id = InstanceId) => new
    {
        id, label = "dc-x", status, power_status = "running", server_status = "ok", main_ip = ip, v6_main_ip = "",
        tags = new[] { "decent-cloud", tag ?? ContractTag },
    };

    private static object Page(object[] instances, string next = "") => new { instances, meta = new { total = instances.Length, links = new { next, prev = "" } } };

    private void Json(string method, string path, int status, object body) =>
        _api.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBodyAsJson(body));

    private List<ILogEntry> Sent(string method, string path) =>
        _api.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage.Path == path).ToList();

    [Fact]
    public async Task Provision_sends_the_documented_requests_and_waits_for_an_active_instance_with_an_address()
    {
        Json("GET", "/v2/instances", 200, Page([]));
        Json("GET", "/v2/ssh-keys", 200, new { ssh_keys = new[] { new { id = "other", name = "x", ssh_key = "ssh-rsa AAAAB3Nza other" } }, meta = new { links = new { next = "" } } });
        Json("POST", "/v2/ssh-keys", 201, new { ssh_key = new { id = "3b8066a7-b438-455a-9688-44afc9a3597f", name = "k", ssh_key = UserKey } });
        Json("POST", "/v2/instances", 202, new { instance = Instance("pending", "0.0.0.0") });
        _api.Given(Request.Create().WithPath("/v2/instances/" + InstanceId).UsingGet()).InScenario("boot").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { instance = Instance("pending", "0.0.0.0") }));
        _api.Given(Request.Create().WithPath("/v2/instances/" + InstanceId).UsingGet()).InScenario("boot").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { instance = Instance("active", "192.0.2.123") }));

        var instance = await _provisioner.ProvisionAsync(Provision("{\"plan\":\"vc2-4c-8gb\",\"os_id\":\"1743\"}"), Ct);
        Assert.Equal((InstanceId, "192.0.2.123", Contract), (instance.ExternalId, instance.Ipv4, instance.ContractId!));
        Assert.Equal(2, Sent("GET", "/v2/instances/" + InstanceId).Count);

        var lookup = Sent("GET", "/v2/instances")[0].RequestMessage!;
        Assert.Equal("Bearer " + Token, lookup.Headers!["Authorization"].Single());
        Assert.Equal(ContractTag, lookup.Query!["tag"].Single());
        using var create = JsonDocument.Parse(Sent("POST", "/v2/instances")[0].RequestMessage!.Body!);
        var body = create.RootElement;
        Assert.Equal(("vc2-4c-8gb", "fra", 1743), (body.GetProperty("plan").GetString(), body.GetProperty("region").GetString(), body.GetProperty("os_id").GetInt32()));
        Assert.Equal(["3b8066a7-b438-455a-9688-44afc9a3597f"], body.GetProperty("sshkey_id").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["decent-cloud", ContractTag], body.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        var userData = Encoding.UTF8.GetString(Convert.FromBase64String(body.GetProperty("user_data").GetString()!));
        Assert.StartsWith("#cloud-config\n", userData);
        Assert.Contains(UserKey, userData);
    }

    [Fact]
    public async Task A_known_key_is_reused_and_an_existing_instance_is_not_duplicated()
    {
        Json("GET", "/v2/instances", 200, Page([Instance("active", "192.0.2.1")]));
        Json("GET", "/v2/instances/" + InstanceId, 200, new { instance = Instance("active", "192.0.2.1") });
        Assert.Equal(InstanceId, (await _provisioner.ProvisionAsync(Provision(), Ct)).ExternalId);
        Assert.Empty(Sent("POST", "/v2/instances"));
        Assert.Empty(Sent("GET", "/v2/ssh-keys"));
    }

    [Fact]
    public async Task An_address_that_never_appears_fails_after_the_timeout()
    {
        Json("GET", "/v2/instances", 200, Page([]));
        Json("GET", "/v2/ssh-keys", 200, new { ssh_keys = new[] { new { id = "k1", name = "x", ssh_key = UserKey.Replace(" user@laptop", " other-comment") } }, meta = new { links = new { next = "" } } });
        Json("POST", "/v2/instances", 202, new { instance = Instance("pending", "0.0.0.0") });
        Json("GET", "/v2/instances/" + InstanceId, 200, new { instance = Instance("pending", "0.0.0.0") });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no public address", ex.Message);
        Assert.Empty(Sent("POST", "/v2/ssh-keys"));
    }

    [Fact]
    public async Task Retries_429_and_5xx_but_not_other_client_errors()
    {
        _api.Given(Request.Create().WithPath("/v2/instances").UsingGet()).InScenario("s").WillSetStateTo("then-5xx")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBodyAsJson(new { error = "Rate limit reached - please try your request again later.", status = 429 }));
        _api.Given(Request.Create().WithPath("/v2/instances").UsingGet()).InScenario("s").WhenStateIs("then-5xx").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(502));
        _api.Given(Request.Create().WithPath("/v2/instances").UsingGet()).InScenario("s").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([])));
        Assert.Null(await _provisioner.FindByContractAsync(Contract, Ct));
        Assert.Equal(3, Sent("GET", "/v2/instances").Count);

        Json("POST", $"/v2/instances/{InstanceId}/halt", 400, new { error = "Unable to halt server: server is already stopped", status = 400 });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.StopAsync(InstanceId, Ct));
        Assert.Contains("HTTP 400 Unable to halt server", ex.Message);
        Assert.Single(Sent("POST", $"/v2/instances/{InstanceId}/halt"));
    }

    [Fact]
    public async Task Start_and_idempotent_terminate()
    {
        _api.Given(Request.Create().WithPath($"/v2/instances/{InstanceId}/start").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        await _provisioner.StartAsync(InstanceId, Ct);
        _api.Given(Request.Create().WithPath($"/v2/instances/{InstanceId}").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        _api.Given(Request.Create().WithPath("/v2/instances/gone").UsingDelete()).RespondWith(Response.Create().WithStatusCode(404).WithBodyAsJson(new { error = "Invalid instance-id.", status = 404 }));
        await _provisioner.TerminateAsync(InstanceId, Ct);
        await _provisioner.TerminateAsync("gone", Ct);
        Assert.Single(Sent("DELETE", $"/v2/instances/{InstanceId}"));
    }

    [Fact]
    public async Task Listing_follows_cursors_and_reads_contracts_back()
    {
        var other = ContractId.FromHex(new string('e', 32)).Value;
        _api.Given(Request.Create().WithPath("/v2/instances").UsingGet().WithParam("cursor", "bmV4dF9fMTI0"))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([Instance("active", "192.0.2.2", "decent-cloud-contract:" + other.Hex, "id-2")])));
        _api.Given(Request.Create().WithPath("/v2/instances").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Page([Instance("active", "192.0.2.1")], next: "bmV4dF9fMTI0")));
        var all = await _provisioner.ListAsync(Ct);
        Assert.Equal([(InstanceId, Contract), ("id-2", other)], all.Select(i => (i.ExternalId, i.ContractId!)));
    }
}
