using System.Text;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DecentCloud.Adapters.Vultr.Tests;

public sealed class VultrProvisionerTests : ProvisionerConformanceTests, IDisposable
{
    private const string Token = "vultr-test-key";
    private const string InstanceId = "cb676a46-66fd-4dfb-b839-443f2e6c0b60";
    private static readonly string ContractTag = "decent-cloud-contract:" + Contract.Hex;
    private readonly WireMockBackend<IProvisioner> _api = new((services, url) => services.AddDecentCloudVultr(CloudTestTiming.Fast(new VultrOptions { ApiToken = Token, BaseAddress = new Uri(url + "/v2/") })));

    protected override IProvisioner Provisioner => _api.Provisioner;

    public void Dispose() => _api.Dispose();

    private static object Instance(string status, string ip, string? tag = null, string id = InstanceId) => new
    {
        id, label = "dc-x", status, power_status = "running", server_status = "ok", main_ip = ip, v6_main_ip = "",
        tags = new[] { "decent-cloud", tag ?? ContractTag },
    };

    private static object Page(object[] instances, string next = "") => new { instances, meta = new { total = instances.Length, links = new { next, prev = "" } } };

    private static object Keys(params object[] keys) => new { ssh_keys = keys, meta = new { links = new { next = "" } } };

    private void GivenBoot(string from, string to)
    {
        _api.Json("GET", "/v2/instances/" + InstanceId, 200, new { instance = Instance(from, "0.0.0.0") }, "boot", null, "up");
        _api.Json("GET", "/v2/instances/" + InstanceId, 200, new { instance = Instance(to, "192.0.2.123") }, "boot", "up");
    }

    protected override Task<string> ArrangeFreshMachineAsync()
    {
        _api.Json("GET", "/v2/instances", 200, Page([]));
        _api.Json("GET", "/v2/ssh-keys", 200, Keys(new { id = "other", name = "x", ssh_key = "ssh-rsa AAAAB3Nza other" }));
        _api.Json("POST", "/v2/ssh-keys", 201, new { ssh_key = new { id = "3b8066a7-b438-455a-9688-44afc9a3597f", name = "k", ssh_key = UserKey } });
        _api.Json("POST", "/v2/instances", 202, new { instance = Instance("pending", "0.0.0.0") });
        GivenBoot("pending", "active");
        return Task.FromResult("192.0.2.123");
    }

    protected override Task<string> ArrangeExistingMachineAsync()
    {
        _api.Json("GET", "/v2/instances", 200, Page([Instance("active", "192.0.2.1")]));
        _api.Json("GET", "/v2/instances/" + InstanceId, 200, new { instance = Instance("active", "192.0.2.1") });
        return Task.FromResult(InstanceId);
    }

    protected override Task<IReadOnlyList<(string ExternalId, ContractId Contract)>> ArrangeListingAsync()
    {
        _api.Pages("/v2/instances", "cursor", (null, Page([Instance("active", "192.0.2.1")], next: "bmV4dF9fMTI0")), ("bmV4dF9fMTI0", Page([Instance("active", "192.0.2.2", "decent-cloud-contract:" + Other.Hex, "id-2")])));
        return Task.FromResult<IReadOnlyList<(string, ContractId)>>([(InstanceId, Contract), ("id-2", Other)]);
    }

    protected override Task<string> ArrangeLifecycleAsync()
    {
        _api.Raw("POST", $"/v2/instances/{InstanceId}/halt", 204);
        _api.Raw("POST", $"/v2/instances/{InstanceId}/start", 204);
        _api.Raw("DELETE", $"/v2/instances/{InstanceId}", 204);
        _api.Json("DELETE", "/v2/instances/" + MissingId, 404, new { error = "Invalid instance-id.", status = 404 });
        _api.Json("GET", "/v2/instances/" + MissingId, 404, new { error = "Invalid instance-id.", status = 404 });
        return Task.FromResult(InstanceId);
    }

    protected override Task<string> ArrangeSlowDeleteAsync()
    {
        var instance = Instance("active", "192.0.2.1");
        _api.SlowDelete("/v2/instances/" + InstanceId, 204, null, "/v2/instances/" + InstanceId, new { instance }, new { error = "Invalid instance-id.", status = 404 }, "/v2/instances", Page([instance]), Page([]));
        return Task.FromResult(InstanceId);
    }

    protected override string MissingId => "gone";

    protected override Task<(string ExternalId, string ErrorText)> ArrangeRefusalAsync()
    {
        _api.Json("POST", $"/v2/instances/{InstanceId}/halt", 400, new { error = "Unable to halt server: server is already stopped", status = 400 });
        return Task.FromResult((InstanceId, "HTTP 400 Unable to halt server"));
    }

    protected override int Count(string operation) => operation switch
    {
        "create" => _api.Sent("POST", "/v2/instances").Count,
        "stop" => _api.Sent("POST", $"/v2/instances/{InstanceId}/halt").Count,
        "start" => _api.Sent("POST", $"/v2/instances/{InstanceId}/start").Count,
        "terminate" => _api.Count("DELETE", p => p.StartsWith("/v2/instances/", StringComparison.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    protected override IEnumerable<string> ScriptCarriers() =>
        _api.Sent("POST", "/v2/instances").Select(e => Encoding.UTF8.GetString(Convert.FromBase64String(JsonDocument.Parse(e.RequestMessage!.Body!).RootElement.GetProperty("user_data").GetString()!)));

    [Fact]
    public async Task Provision_sends_the_documented_requests_and_waits_for_an_active_instance_with_an_address()
    {
        await ArrangeFreshMachineAsync();
        var instance = await Provisioner.ProvisionAsync(NewRequest("{\"plan\":\"vc2-4c-8gb\",\"os_id\":\"1743\"}"), Ct);
        Assert.Equal((InstanceId, "192.0.2.123", Contract), (instance.ExternalId, instance.Ipv4, instance.ContractId!));
        Assert.Equal(2, _api.Sent("GET", "/v2/instances/" + InstanceId).Count);

        var lookup = _api.Sent("GET", "/v2/instances")[0].RequestMessage!;
        Assert.Equal("Bearer " + Token, lookup.Headers!["Authorization"].Single());
        Assert.Equal(ContractTag, lookup.Query!["tag"].Single());
        using var create = JsonDocument.Parse(_api.Sent("POST", "/v2/instances")[0].RequestMessage!.Body!);
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
        Assert.Equal(await ArrangeExistingMachineAsync(), (await Provisioner.ProvisionAsync(NewRequest(), Ct)).ExternalId);
        Assert.Empty(_api.Sent("POST", "/v2/instances"));
        Assert.Empty(_api.Sent("GET", "/v2/ssh-keys"));
    }

    [Fact]
    public async Task An_address_that_never_appears_fails_after_the_timeout()
    {
        _api.Json("GET", "/v2/instances", 200, Page([]));
        _api.Json("GET", "/v2/ssh-keys", 200, Keys(new { id = "k1", name = "x", ssh_key = UserKey.Replace(" user@laptop", " other-comment") }));
        _api.Json("POST", "/v2/instances", 202, new { instance = Instance("pending", "0.0.0.0") });
        _api.Json("GET", "/v2/instances/" + InstanceId, 200, new { instance = Instance("pending", "0.0.0.0") });
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(NewRequest(), Ct));
        Assert.Contains("no public address", ex.Message);
        Assert.Empty(_api.Sent("POST", "/v2/ssh-keys"));
    }

    [Fact]
    public async Task Retries_429_and_5xx_but_not_other_client_errors()
    {
        _api.Server.Given(Request.Create().WithPath("/v2/instances").UsingGet()).InScenario("s").WillSetStateTo("then-5xx")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBodyAsJson(new { error = "Rate limit reached - please try your request again later.", status = 429 }));
        _api.Server.Given(Request.Create().WithPath("/v2/instances").UsingGet()).InScenario("s").WhenStateIs("then-5xx").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(502));
        _api.Json("GET", "/v2/instances", 200, Page([]), "s", "ok");
        Assert.Null(await Provisioner.FindByContractAsync(Contract, Ct));
        Assert.Equal(3, _api.Sent("GET", "/v2/instances").Count);

        var (id, text) = await ArrangeRefusalAsync();
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.StopAsync(id, Ct));
        Assert.Contains(text, ex.Message);
        Assert.Single(_api.Sent("POST", $"/v2/instances/{InstanceId}/halt"));
    }

    [Fact]
    public async Task Start_and_idempotent_terminate()
    {
        await ArrangeLifecycleAsync();
        await Provisioner.StartAsync(InstanceId, Ct);
        await Provisioner.TerminateAsync(InstanceId, Ct);
        await Provisioner.TerminateAsync("gone", Ct);
        Assert.Single(_api.Sent("DELETE", $"/v2/instances/{InstanceId}"));
    }

    [Fact]
    public async Task Listing_follows_cursors_and_reads_contracts_back()
    {
        await ArrangeListingAsync();
        var all = await Provisioner.ListAsync(Ct);
        Assert.Equal([(InstanceId, Contract), ("id-2", Other)], all.Select(i => (i.ExternalId, i.ContractId!)));
    }
}
