using System.Net;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DecentCloud.Adapters.Proxmox.Tests;

public sealed class ProxmoxProvisionerTests : ProvisionerConformanceTests, IDisposable
{
    private const string Base = "/api2/json";
    private const string Upid = "UPID:pve:000C1A2B:0A1B2C3D:66F00000:qmclone:9000:root@pam!dc:";
    private const string ProxmoxUserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxtoaxD3F4+dQXDGVjHM4FHiDCDPHQ6lorx5U5PYK0Z user@laptop";
    private static readonly string VmName = "dc-0123456789abcdef0123456789abcdef01234567";
    private readonly WireMockBackend<IProvisioner> _api = new((services, url) => services.AddDecentCloudProxmox(new ProxmoxOptions
    {
        BaseAddress = new Uri(url + Base + "/"),
        TokenId = "root@pam!dc",
        TokenSecret = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        Node = "pve",
        TemplateVmid = 9000,
        Storage = "local-lvm",
        PollInterval = TimeSpan.FromMilliseconds(10),
        OperationTimeout = TimeSpan.FromMilliseconds(800),
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetries = 1,
    }));

    protected override IProvisioner Provisioner => _api.Provisioner;

    public void Dispose() => _api.Dispose();

    private static ProvisionRequest Provision(string? script = null) =>
        new(Contract, "offer-1", 4, 8192, 40, [ProxmoxUserKey], "ubuntu", Password, null, script);

    private void Data(string method, string path, object? data, int status = 200) => _api.Json(method, Base + path, status, new { data });

    private List<ILogEntry> Sent(string method, string pathPrefix) =>
        _api.Server.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage.Path.StartsWith(Base + pathPrefix, StringComparison.Ordinal)).ToList();

    private static Dictionary<string, string> Form(ILogEntry entry) =>
        entry.RequestMessage!.Body!.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));

    private static object Interfaces(string ipv4) =>
        new { data = new { result = new[] { new Dictionary<string, object> { ["name"] = "eth0", ["ip-addresses"] = new[] { new Dictionary<string, object> { ["ip-address"] = ipv4, ["ip-address-type"] = "ipv4" } } } } } };

    private void GivenTasksSucceed() =>
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/status").UsingGet())
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

    private void GivenScriptExits(int exitCode, string errData = "")
    {
        Data("POST", "/nodes/pve/qemu/123/agent/exec", new { pid = 4242 });
        _api.Json("GET", Base + "/nodes/pve/qemu/123/agent/exec-status", 200, new Dictionary<string, object> { ["data"] = new Dictionary<string, object> { ["exited"] = 0 } }, "script", null, "done");
        _api.Json("GET", Base + "/nodes/pve/qemu/123/agent/exec-status", 200, new Dictionary<string, object> { ["data"] = new Dictionary<string, object> { ["exited"] = 1, ["exitcode"] = exitCode, ["err-data"] = errData } }, "script", "done");
    }

    protected override Task<string> ArrangeFreshMachineAsync()
    {
        GivenCloneFlow();
        GivenScriptExits(0);
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Interfaces("10.0.0.5")));
        return Task.FromResult("10.0.0.5");
    }

    protected override Task<string> ArrangeExistingMachineAsync()
    {
        Data("GET", "/nodes/pve/qemu", new object[] { new { vmid = 123, name = VmName, status = "running" }, new { vmid = 124, name = "other", status = "running" } });
        Data("GET", "/nodes/pve/qemu/123/config", new { description = "decent-cloud-contract:" + Contract.Hex });
        Data("PUT", "/nodes/pve/qemu/123/config", null);
        Data("PUT", "/nodes/pve/qemu/123/resize", null);
        Data("GET", "/nodes/pve/qemu/123/status/current", new { vmid = 123, name = VmName, status = "running" });
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Interfaces("10.0.0.9")));
        return Task.FromResult("123");
    }

    protected override Task<IReadOnlyList<(string ExternalId, ContractId Contract)>> ArrangeListingAsync()
    {
        Data("GET", "/nodes/pve/qemu", new object[]
        {
            new { vmid = 123, name = VmName, status = "running" },
            new { vmid = 124, name = "dc-" + Other.Hex, status = "stopped" },
            new { vmid = 125, name = "someone-elses-vm", status = "running" },
        });
        Data("GET", "/nodes/pve/qemu/123/config", new { description = "decent-cloud-contract:" + Contract.Hex });
        Data("GET", "/nodes/pve/qemu/124/config", new { description = "decent-cloud-contract:" + Other.Hex });
        return Task.FromResult<IReadOnlyList<(string, ContractId)>>([("123", Contract), ("124", Other)]);
    }

    protected override Task<string> ArrangeLifecycleAsync()
    {
        GivenTasksSucceed();
        _api.Raw("GET", $"{Base}/nodes/pve/qemu/{MissingId}/status/current", 500, "{\"data\":null,\"message\":\"Configuration file 'nodes/pve/qemu-server/555.conf' does not exist\"}");
        Data("GET", "/nodes/pve/qemu/123/status/current", new { vmid = 123, status = "running" });
        Data("POST", "/nodes/pve/qemu/123/status/stop", Upid);
        Data("POST", "/nodes/pve/qemu/123/status/start", Upid);
        Data("DELETE", "/nodes/pve/qemu/123", Upid);
        return Task.FromResult("123");
    }

    protected override Task<string> ArrangeSlowDeleteAsync()
    {
        // Proxmox deletes through a task: the VM stays listed until the destroy task has stopped.
        const string scenario = "destroy";
        Data("GET", "/nodes/pve/qemu/123/config", new { description = "decent-cloud-contract:" + Contract.Hex });
        Data("GET", "/nodes/pve/qemu/123/status/current", new { vmid = 123, name = VmName, status = "stopped" });
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new[] { new { vmid = 123, name = VmName, status = "stopped" } } }));
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu").UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("gone").WillSetStateTo("gone")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = Array.Empty<object>() }));
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123").UsingDelete()).InScenario(scenario).WillSetStateTo("destroying")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = Upid.Replace("qmclone", "qmdestroy") }));
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/status").UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("destroying").WillSetStateTo("still-destroying")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { status = "running" } }));
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/status").UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("still-destroying").WillSetStateTo("gone")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { status = "stopped", exitstatus = "OK" } }));
        return Task.FromResult("123");
    }

    protected override string MissingId => "555";

    protected override Task<(string ExternalId, string ErrorText)> ArrangeRefusalAsync()
    {
        _api.Raw("POST", Base + "/nodes/pve/qemu/123/status/stop", 500, "{\"data\":null,\"message\":\"VM 123 is locked (backup)\"}");
        return Task.FromResult(("123", "VM 123 is locked (backup)"));
    }

    protected override int Count(string operation) => operation switch
    {
        "create" => Sent("POST", "/nodes/pve/qemu/9000/clone").Count,
        "stop" => Sent("POST", "/nodes/pve/qemu/123/status/stop").Count,
        "start" => Sent("POST", "/nodes/pve/qemu/123/status/start").Count,
        "terminate" => Sent("DELETE", "/nodes/pve/qemu/").Count + Sent("GET", $"/nodes/pve/qemu/{MissingId}/status/current").Count,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    protected override IEnumerable<string> ScriptCarriers() => Sent("POST", "/nodes/pve/qemu/123/agent/exec").Select(e => Form(e)["input-data"]);

    [Fact]
    public async Task Provision_clones_configures_resizes_starts_and_reads_the_address_from_the_guest_agent()
    {
        GivenCloneFlow();
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet()).InScenario("agent").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"data\":null}"));
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet()).InScenario("agent").WhenStateIs("up")
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

        var instance = await Provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal(("123", "192.168.50.17", Contract), (instance.ExternalId, instance.Ipv4, instance.ContractId!));

        Assert.All(_api.Server.LogEntries, e => Assert.Equal("PVEAPIToken=root@pam!dc=6f9619ff-8b86-d011-b42d-00c04fc964ff", e.RequestMessage!.Headers!["Authorization"].Single()));
        var clone = Form(Sent("POST", "/nodes/pve/qemu/9000/clone").Single());
        Assert.Equal(("123", VmName, "1", "local-lvm"), (clone["newid"], clone["name"], clone["full"], clone["storage"]));
        Assert.Equal("decent-cloud-contract:" + Contract.Hex, clone["description"]);
        var config = Form(Sent("PUT", "/nodes/pve/qemu/123/config").Single());
        Assert.Equal(("ubuntu", Password, "ip=dhcp", "4", "8192"), (config["ciuser"], config["cipassword"], config["ipconfig0"], config["cores"], config["memory"]));
        Assert.Equal(Uri.EscapeDataString(ProxmoxUserKey), config["sshkeys"]);
        Assert.Contains("%2520", Sent("PUT", "/nodes/pve/qemu/123/config").Single().RequestMessage!.Body);
        var resize = Form(Sent("PUT", "/nodes/pve/qemu/123/resize").Single());
        Assert.Equal(("scsi0", "40G"), (resize["disk"], resize["size"]));
        Assert.Single(Sent("POST", "/nodes/pve/qemu/123/status/start"));
        Assert.Empty(Sent("POST", "/nodes/pve/qemu/123/agent/exec"));
    }

    [Fact]
    public async Task The_post_provision_script_runs_once_through_the_guest_agent_as_bash_stdin_after_the_address_appears()
    {
        await ArrangeFreshMachineAsync();
        const string script = "#!/bin/bash\necho 'quoted \"text\"' > /etc/motd\n";
        await Provisioner.ProvisionAsync(Provision(script), Ct);

        var exec = Form(Sent("POST", "/nodes/pve/qemu/123/agent/exec").Single());
        Assert.Equal(("/bin/bash", script), (exec["command"], exec["input-data"]));
        var order = _api.Server.LogEntries.Select(e => e.RequestMessage!.Path).ToList();
        Assert.True(order.FindIndex(p => p.EndsWith("/agent/network-get-interfaces", StringComparison.Ordinal)) < order.FindIndex(p => p.EndsWith("/agent/exec", StringComparison.Ordinal)));
        Assert.Equal(["4242", "4242"], Sent("GET", "/nodes/pve/qemu/123/agent/exec-status").Select(e => e.RequestMessage!.Query!["pid"].Single()));
    }

    [Fact]
    public async Task A_failing_post_provision_script_fails_the_provisioning_with_its_exit_code_and_error_output()
    {
        await ArrangeFreshMachineAsync();
        GivenScriptExits(2, "apt-get: command not found");
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision("apt-get -y install nginx"), Ct));
        Assert.Contains("exit code 2: apt-get: command not found", ex.Message);

        // This fake has no destroy to offer: the failed cleanup is told, after the script's own error.
        Assert.Contains("removing the VM failed too", ex.Message);
    }

    [Fact]
    public async Task A_failing_post_provision_script_destroys_the_vm_it_ran_in()
    {
        await ArrangeFreshMachineAsync();
        GivenScriptExits(2, "apt-get: command not found");
        Data("DELETE", "/nodes/pve/qemu/123", Upid.Replace("qmclone", "qmdestroy"));

        await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision("apt-get -y install nginx"), Ct));

        Assert.Single(Sent("DELETE", "/nodes/pve/qemu/123"));
    }

    [Fact]
    public async Task Resuming_the_contracts_vm_does_not_run_the_post_provision_script_again()
    {
        await ArrangeExistingMachineAsync();
        GivenScriptExits(0);

        Assert.Equal("123", (await Provisioner.ProvisionAsync(Provision("apt-get -y install nginx"), Ct)).ExternalId);

        Assert.Empty(Sent("POST", "/nodes/pve/qemu/123/agent/exec"));
        Assert.Single(Sent("PUT", "/nodes/pve/qemu/123/config"));
    }

    [Fact]
    public async Task A_failed_task_reports_its_log_lines()
    {
        Data("GET", "/nodes/pve/qemu", Array.Empty<object>());
        Data("GET", "/cluster/nextid", 123);
        Data("POST", "/nodes/pve/qemu/9000/clone", Upid);
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/status").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new { status = "stopped", exitstatus = "clone failed: out of space" } }));
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/tasks/*/log").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = new[] { new { n = 1, t = "create full clone of drive scsi0 (local-lvm:base-9000-disk-0)" }, new { n = 2, t = "TASK ERROR: clone failed: lvcreate 'pve/vm-123-disk-0' error: insufficient free space" } } }));
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("clone failed: out of space", ex.Message);
        Assert.Contains("TASK ERROR: clone failed: lvcreate 'pve/vm-123-disk-0' error: insufficient free space", ex.Message);
    }

    [Fact]
    public async Task A_vmid_taken_by_a_racing_clone_is_replaced_by_a_fresh_one()
    {
        GivenCloneFlow();
        _api.Json("GET", Base + "/cluster/nextid", 200, new { data = "122" }, "ids", null, "second");
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/9000/clone").UsingPost().WithBody(b => b!.Contains("newid=122")))
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody("{\"data\":null,\"message\":\"unable to create VM 122: config file already exists\"}"));
        _api.Json("GET", Base + "/cluster/nextid", 200, new { data = "123" }, "ids", "second");
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Interfaces("10.0.0.5")));

        var instance = await Provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal("123", instance.ExternalId);
        Assert.Equal(["122", "123"], Sent("POST", "/nodes/pve/qemu/9000/clone").Select(e => Form(e)["newid"]).Distinct());
    }

    [Fact]
    public async Task An_existing_vm_of_the_contract_is_finished_not_cloned_again()
    {
        await ArrangeExistingMachineAsync();
        Assert.Equal("10.0.0.9", (await Provisioner.ProvisionAsync(Provision(), Ct)).Ipv4);
        Assert.Empty(Sent("POST", "/nodes/pve/qemu/9000/clone"));
        Assert.Empty(Sent("POST", "/nodes/pve/qemu/123/status/start"));
        Assert.Equal(Contract, (await Provisioner.FindByContractAsync(Contract, Ct))!.ContractId);
    }

    [Fact]
    public async Task A_vm_whose_agent_never_answers_fails_after_the_timeout()
    {
        GivenCloneFlow();
        _api.Server.Given(Request.Create().WithPath(Base + "/nodes/pve/qemu/123/agent/network-get-interfaces").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"data\":null}"));
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("no IPv4 address", ex.Message);
    }

    [Fact]
    public async Task Terminate_stops_then_purges_and_a_missing_vm_is_fine()
    {
        await ArrangeLifecycleAsync();
        await Provisioner.TerminateAsync(MissingId, Ct);
        await Provisioner.TerminateAsync("123", Ct);
        var destroy = Sent("DELETE", "/nodes/pve/qemu/123").Single().RequestMessage!;
        Assert.Equal(("1", "1"), (destroy.Query!["purge"].Single(), destroy.Query["destroy-unreferenced-disks"].Single()));
        Assert.True(_api.Server.LogEntries.ToList().FindIndex(e => e.RequestMessage!.Path.EndsWith("/status/stop", StringComparison.Ordinal))
            < _api.Server.LogEntries.ToList().FindIndex(e => e.RequestMessage!.Method == "DELETE"));
        await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.TerminateAsync("abc", Ct));
    }
}
