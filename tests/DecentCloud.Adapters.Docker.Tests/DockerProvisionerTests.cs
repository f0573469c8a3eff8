using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Docker.Tests;

public sealed class DockerProvisionerTests : ProvisionerConformanceTests, IAsyncLifetime
{
    private FakeDockerEngine _engine = null!;
    private ServiceProvider _services = null!;
    private IProvisioner _provisioner = null!;
    private int _arranged;

    protected override IProvisioner Provisioner => _provisioner;

    public ValueTask InitializeAsync()
    {
        _engine = new FakeDockerEngine();
        _services = new ServiceCollection()
            .AddDecentCloudDocker(new DockerOptions { SocketPath = _engine.SocketPath, DefaultImage = "example/sshd:1", PollInterval = TimeSpan.FromMilliseconds(10) })
            .BuildServiceProvider();
        _provisioner = _services.GetRequiredService<IProvisioner>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private static ProvisionRequest Provision(string? config = null, string? script = null) =>
        new(Contract, "offer-1", 2, 2048, 20, ["ssh-ed25519 AAAA user@laptop", "ssh-ed25519 BBBB dc-agent"], "ubuntu", Password, config, script);

    private IEnumerable<(string Method, string Path, string Query, string Body)> SinceArranged() => _engine.Requests.Skip(_arranged);

    private T Arranged<T>(T value)
    {
        _arranged = _engine.Requests.Count;
        return value;
    }

    private IEnumerable<JsonElement> Execs() =>
        _engine.Requests.Where(r => r.Path.EndsWith("/exec", StringComparison.Ordinal)).Select(r => JsonDocument.Parse(r.Body).RootElement);

    protected override Task<string> ArrangeFreshMachineAsync() => Task.FromResult(Arranged("172.17.0.2"));

    protected override async Task<string> ArrangeExistingMachineAsync() => Arranged((await Provisioner.ProvisionAsync(Provision(), Ct)).ExternalId);

    protected override async Task<IReadOnlyList<(string ExternalId, ContractId Contract)>> ArrangeListingAsync()
    {
        var mine = await Provisioner.ProvisionAsync(Provision(), Ct);
        var other = await Provisioner.ProvisionAsync(Provision() with { ContractId = Other }, Ct);
        return Arranged<IReadOnlyList<(string, ContractId)>>([(mine.ExternalId, Contract), (other.ExternalId, Other)]);
    }

    protected override async Task<string> ArrangeLifecycleAsync() => Arranged((await Provisioner.ProvisionAsync(Provision(), Ct)).ExternalId);

    // The Engine removes a container (force) before it answers the DELETE, so the fake needs no delay to be faithful.
    protected override async Task<string> ArrangeSlowDeleteAsync() => Arranged((await Provisioner.ProvisionAsync(Provision(), Ct)).ExternalId);

    protected override string MissingId => "gone";

    protected override Task<(string ExternalId, string ErrorText)> ArrangeRefusalAsync() => Task.FromResult(Arranged(("nope", "HTTP 404 No such container: nope")));

    protected override int Count(string operation) => operation switch
    {
        "create" => SinceArranged().Count(r => r.Path == "/v1.43/containers/create"),
        "stop" => SinceArranged().Count(r => r.Path.EndsWith("/stop", StringComparison.Ordinal)),
        "start" => SinceArranged().Count(r => r.Path.EndsWith("/start", StringComparison.Ordinal) && r.Path.Contains("/containers/", StringComparison.Ordinal)),
        "terminate" => SinceArranged().Count(r => r.Method == "DELETE"),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    protected override IEnumerable<string> ScriptCarriers() => Execs().Select(e => string.Join(' ', e.GetProperty("Cmd").EnumerateArray().Select(c => c.GetString())));

    [Fact]
    public async Task Provision_creates_a_labelled_limited_container_publishes_ssh_and_sets_the_password_by_exec()
    {
        var instance = await Provisioner.ProvisionAsync(Provision("{\"image\":\"example/ubuntu-sshd:24.04\"}"), Ct);
        Assert.Equal((Contract, "running", 22, "172.17.0.2", "32768"), (instance.ContractId!, instance.Status, instance.SshPort, instance.Ipv4!, instance.Details["host_ssh_port"]));

        var create = _engine.Requests.Single(r => r.Path == "/v1.43/containers/create");
        Assert.Equal("?name=dc-0123456789abcdef0123456789abcdef01234567", create.Query);
        using var body = JsonDocument.Parse(create.Body);
        var root = body.RootElement;
        Assert.Equal("example/ubuntu-sshd:24.04", root.GetProperty("Image").GetString());
        Assert.Equal(Contract.Hex, root.GetProperty("Labels").GetProperty("org.decent-cloud.contract").GetString());
        Assert.Equal(2_000_000_000, root.GetProperty("HostConfig").GetProperty("NanoCpus").GetInt64());
        Assert.Equal(2048L * 1024 * 1024, root.GetProperty("HostConfig").GetProperty("Memory").GetInt64());
        Assert.Equal("", root.GetProperty("HostConfig").GetProperty("PortBindings").GetProperty("22/tcp")[0].GetProperty("HostPort").GetString());

        var exec = Assert.Single(Execs());
        var env = exec.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["DC_USER=ubuntu", "DC_PASSWORD=S3cret-Pass_word-0123456789", "DC_KEYS=ssh-ed25519 AAAA user@laptop\nssh-ed25519 BBBB dc-agent"], env);
        var command = string.Join(' ', exec.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("chpasswd", command);
        Assert.DoesNotContain("S3cret", command);
        Assert.Equal("root", exec.GetProperty("User").GetString());
    }

    [Fact]
    public async Task The_post_provision_script_runs_as_root_by_exec_after_the_password_is_set()
    {
        const string script = "echo 'it \"works\"' > /etc/motd; exit 0";
        await Provisioner.ProvisionAsync(Provision(script: script), Ct);

        var execs = Execs().ToList();
        Assert.Equal(2, execs.Count);
        Assert.Contains("chpasswd", execs[0].GetProperty("Cmd").ToString());
        Assert.Equal(["sh", "-c", script], execs[1].GetProperty("Cmd").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("root", 0), (execs[1].GetProperty("User").GetString(), execs[1].GetProperty("Env").GetArrayLength()));
    }

    [Fact]
    public async Task Provisioning_again_reuses_the_contracts_container()
    {
        var first = await Provisioner.ProvisionAsync(Provision(), Ct);
        var second = await Provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal(first.ExternalId, second.ExternalId);
        Assert.Single(_engine.Containers);
        Assert.Single(_engine.Requests, r => r.Path == "/v1.43/containers/create");
        Assert.Equal(first.ExternalId, (await Provisioner.FindByContractAsync(Contract, Ct))!.ExternalId);
    }

    [Fact]
    public async Task Resuming_the_contracts_container_does_not_run_the_post_provision_script_again()
    {
        const string script = "apt-get -y install nginx";
        var first = await Provisioner.ProvisionAsync(Provision(script: script), Ct);
        var again = await Provisioner.ProvisionAsync(Provision(script: script), Ct);

        Assert.Equal(first.ExternalId, again.ExternalId);
        Assert.Single(ScriptCarriers(), carried => carried.Contains(script, StringComparison.Ordinal));
        Assert.Equal(2, ScriptCarriers().Count(carried => carried.Contains("chpasswd", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_post_provision_script_removes_the_container_it_ran_in()
    {
        const string script = "exit 3";
        _engine.ExecExitCodeOf = command => command.Contains(script, StringComparison.Ordinal) ? 3 : 0;

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(script: script), Ct));

        Assert.Contains("exit code 3", ex.Message);
        Assert.Empty(_engine.Containers);
        Assert.Single(_engine.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task A_failed_password_exec_fails_the_provisioning()
    {
        _engine.ExecExitCode = 127;
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("exit code 127", ex.Message);
    }

    [Fact]
    public async Task Stop_start_terminate_and_list()
    {
        var instance = await Provisioner.ProvisionAsync(Provision(), Ct);
        await Provisioner.StopAsync(instance.ExternalId, Ct);
        await Provisioner.StopAsync(instance.ExternalId, Ct);
        Assert.Equal("exited", (await Provisioner.GetInstanceAsync(instance.ExternalId, Ct))!.Status);
        await Provisioner.StartAsync(instance.ExternalId, Ct);
        Assert.Equal([(instance.ExternalId, Contract)], (await Provisioner.ListAsync(Ct)).Select(i => (i.ExternalId, i.ContractId!)));
        await Provisioner.TerminateAsync(instance.ExternalId, Ct);
        await Provisioner.TerminateAsync(instance.ExternalId, Ct);
        Assert.Empty(_engine.Containers);
        Assert.Null(await Provisioner.GetInstanceAsync(instance.ExternalId, Ct));
        Assert.Contains(_engine.Requests, r => r.Method == "DELETE" && r.Query == "?force=true&v=true");
    }

    [Fact]
    public async Task Engine_errors_carry_its_message_and_a_missing_image_setting_is_explained()
    {
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.StartAsync("nope", Ct));
        Assert.Contains("HTTP 404 No such container: nope", ex.Message);
        await Provisioner.VerifySetupAsync(Ct);

        await using var bare = new ServiceCollection().AddDecentCloudDocker(new DockerOptions { SocketPath = _engine.SocketPath }).BuildServiceProvider();
        var noImage = await Assert.ThrowsAsync<ProvisioningException>(() => bare.GetRequiredService<IProvisioner>().ProvisionAsync(Provision(), Ct));
        Assert.Contains("no image", noImage.Message);
    }
}
