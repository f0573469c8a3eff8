using System.Net;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Proxmox.Tests;

public sealed class ProxmoxProvisionerTests : IDisposable
{
    private const string Base = "/api2/json";
    private const string Upid = "UPID:pve:000C1A2B:0A1B2C3D:66F00000:qmclone:9000:root@pam!dc:";
    private const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxtoaxD3F4+dQXDGVjHM4FHiDCDPHQ6lorx5U5PYK0Z user@laptop";
    private static readonly ContractId Contract = ContractId.FromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").Value;
    private static readonly string VmName = "dc-0123456789abcdef0123456789abcdef01234567";
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly ServiceProvider _services;
    private readonly IProvisioner _provisioner;

    public ProxmoxProvisionerTests()
    {
        var services = new ServiceCollection();
        services.AddDecentCloudProxmox(new ProxmoxOptions
        {
            BaseAddress = new Uri(_api.Url + Base + "/"),
            TokenId = "root@pam!dc",
            TokenSecret = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            Node = "pve",
            TemplateVmid = 9000,
            Storage = "local-lvm",
            PollInterval = TimeSpan.FromMilliseconds(10),
            OperationTimeout = TimeSpan.FromMilliseconds(800),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetries = 1,
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

    private static ProvisionRequest Provision() =>
        new(Contract, "offer-1", 4, 8192, 40, [UserKey], "ubuntu", "S3cret-Pass_word-0123456789", null, null);

    private void Data(string method, string path, object? data, int status = 200) =>
        _api.Given(Request.Create().WithPath(Base + path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBodyAsJson(new { data }));

    private List<ILogEntry> Sent(string method, string pathPrefix) =>
        _api.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage.Path.StartsWith(Base + pathPrefix, StringComparison.Ordinal)).ToList();

    private static Dictionary<string, string> Form(ILogEntry entry) =>
        entry.RequestMessage!.Body!.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));

    private void GivenTasksSucceed() =>
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/status").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { status = "stopped", exitstatus = "OK" } }));

    private void GivenCloneFlow()
    {
        Data("GET", "/nodes/pve/qemu", Array.Empty<object>());
        Data("GET", "/cluster/nextid", "123");
        Data("POST", "/nodes/pve/qemu/9000/clone", Upid);
        GivenTasksSucceed();
        Data("PUT", "/nodes/pve/qemu/123/config", null);
        Data("PUT", "/nodes/pve/qemu/123/resize", null);
        Data("GET", "/nodes/pve/qemu/123/status/current", new { vmid = 123, name = VmName, status = "stopped" });
        Data("POST", "/nodes/pve/qemu/123/status/start", Upid.Replace("qmclone", "qmstart"));
    }

    [Fact]
    public async Task Provision_clones_configures_resizes_starts_and_reads_the_address_from_the_guest_agent()
    {
        GivenCloneFlow();
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet()).InScenario("agent").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"data\":null}"));
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet()).InScenario("agent").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new
            {
                data = new
                {
                    result = new object[]
                    {
                        new { name = "lo", ip_addresses = (object?)null, hardware_address = "00:00:00:00:00:00" },
                        new Dictionary<string, object> { ["name"] = "eth0", ["ip-addresses"] = new object[] { new Dictionary<string, object> { ["ip-address"] = "fe80::1", ["ip-address-type"] = "ipv6" }, new Dictionary<string, object> { ["ip-address"] = "192.168.50.17", ["ip-address-type"] = "ipv4" } } },
                    },
                },
            }));

        var instance = await _provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal(("123", "192.168.50.17", Contract), (instance.ExternalId, instance.Ipv4, instance.ContractId!));

        Assert.All(_api.LogEntries, e => Assert.Equal("PVEAPIToken=root@pam!dc=6f9619ff-8b86-d011-b42d-00c04fc964ff", e.RequestMessage!.Headers!["Authorization"].Single()));
        var clone = Form(Sent("POST", "/nodes/pve/qemu/9000/clone").Single());
        Assert.Equal(("123", VmName, "1", "local-lvm"), (clone["newid"], clone["name"], clone["full"], clone["storage"]));
        Assert.Equal("decent-cloud-contract:" + Contract.Hex, clone["description"]);
        var config = Form(Sent("PUT", "/nodes/pve/qemu/123/config").Single());
        Assert.Equal(("ubuntu", "S3cret-Pass_word-0123456789", "ip=dhcp", "4", "8192"), (config["ciuser"], config["cipassword"], config["ipconfig0"], config["cores"], config["memory"]));
        Assert.Equal(Uri.EscapeDataString(UserKey), config["sshkeys"]);
        Assert.Contains("%2520", Sent("PUT", "/nodes/pve/qemu/123/config").Single().RequestMessage!.Body);
        var resize = Form(Sent("PUT", "/nodes/pve/qemu/123/resize").Single());
        Assert.Equal(("scsi0", "40G"), (resize["disk"], resize["size"]));
        Assert.Single(Sent("POST", "/nodes/pve/qemu/123/status/start"));
    }

    [Fact]
    public async Task A_failed_task_reports_its_log_lines()
    {
        Data("GET", "/nodes/pve/qemu", Array.Empty<object>());
        Data("GET", "/cluster/nextid", 123);
        Data("POST", "/nodes/pve/qemu/9000/clone", Upid);
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/status").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { status = "stopped", exitstatus = "clone failed: out of space" } }));
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/log").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new[] { new { n = 1, t = "create full clone of drive scsi0 (local-lvm:base-9000-disk-0)" }, new { n = 2, t = "TASK ERROR: clone failed: lvcreate 'pve/vm-123-disk-0' error: insufficient free space" } } }));
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("clone failed: out of space", ex.Message);
        Assert.Contains("TASK ERROR: clone failed: lvcreate 'pve/vm-123-disk-0' error: insufficient free space", ex.Message);
    }

    [Fact]
    public async Task A_vmid_taken_by_a_racing_clone_is_replaced_by_a_fresh_one()
    {
        GivenCloneFlow();
        _api.Given(Request.Create().WithPath(Base + "/cluster/nextid").UsingGet()).InScenario("ids").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = "122" }));
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/9000/clone").UsingPost().WithBody(b => b!.Contains("newid=122")))
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody("{\"data\":null,\"message\":\"unable to create VM 122: config file already exists\"}"));
        _api.Given(Request.Create().WithPath(Base + "/cluster/nextid").UsingGet()).InScenario("ids").WhenStateIs("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = "123" }));
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { result = new[] { new Dictionary<string, object> { ["name"] = "eth0", ["ip-addresses"] = new[] { new Dictionary<string, object> { ["ip-address"] = "10.0.0.5", ["ip-address-type"] = "ipv4" } } } } } }));

        var instance = await _provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal("123", instance.ExternalId);
        Assert.Equal(["122", "123"], Sent("POST", "/nodes/pve/qemu/9000/clone").Select(e => Form(e)["newid"]).Distinct());
    }

    [Fact]
    public async Task An_existing_vm_of_the_contract_is_finished_not_cloned_again()
    {
        Data("GET", "/nodes/pve/qemu", new object[] { new { vmid = 123, name = VmName, status = "running" }, new { vmid = 124, name = "other", status = "running" } });
        Data("GET", "/nodes/pve/qemu/123/config", new { description = "decent-cloud-contract:" + Contract.Hex });
        Data("PUT", "/nodes/pve/qemu/123/config", null);
        Data("PUT", "/nodes/pve/qemu/123/resize", null);
        Data("GET", "/nodes/pve/qemu/123/status/current", new { vmid = 123, name = VmName, status = "running" });
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { result = new[] { new Dictionary<string, object> { ["name"] = "eth0", ["ip-addresses"] = new[] { new Dictionary<string, object> { ["ip-address"] = "10.0.0.9", ["ip-address-type"] = "ipv4" } } } } } }));
        Assert.Equal("10.0.0.9", (await _provisioner.ProvisionAsync(Provision(), Ct)).Ipv4);
        Assert.Empty(Sent("POST", "/nodes/pve/qemu/9000/clone"));
        Assert.Empty(Sent("POST", "/nodes/pve/qemu/123/status/start"));
        Assert.Equal(Contract, (await _provisioner.FindByContractAsync(Contract, Ct))!.ContractId);
    }

    [Fact]
    public async Task A_vm_whose_agent_never_answers_fails_after_the_timeout()
    {
        GivenCloneFlow();
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"data\":null}"));
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no IPv4 address", ex.Message);
    }

    [Fact]
    public async Task Terminate_stops_then_purges_and_a_missing_vm_is_fine()
    {
        _api.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/555/status/current").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"data\":null,\"message\":\"Configuration file 'nodes/pve/qemu-server/555.conf' does not exist\"}"));
        await _provisioner.TerminateAsync("555", Ct);

        GivenTasksSucceed();
        Data("GET", "/nodes/pve/qemu/123/status/current", new { vmid = 123, status = "running" });
        Data("POST", "/nodes/pve/qemu/123/status/stop", Upid);
        Data("DELETE", "/nodes/pve/qemu/123", Upid);
        await _provisioner.TerminateAsync("123", Ct);
        var destroy = Sent("DELETE", "/nodes/pve/qemu/123").Single().RequestMessage!;
        Assert.Equal(("1", "1"), (destroy.Query!["purge"].Single(), destroy.Query["destroy-unreferenced-disks"].Single()));
        Assert.True(_api.LogEntries.ToList().FindIndex(e => e.RequestMessage!.Path.EndsWith("/status/stop", StringComparison.Ordinal))
            < _api.LogEntries.ToList().FindIndex(e => e.RequestMessage!.Method == "DELETE"));
        await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.TerminateAsync("abc", Ct));
    }
}
