using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Docker.Tests;

public sealed class DockerProvisionerTests : IAsyncLifetime
{
    private static readonly ContractId Contract = ContractId.FromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").Value;
    private FakeDockerEngine _engine = null!;
    private ServiceProvider _services = null!;
    private IProvisioner _provisioner = null!;

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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProvisionRequest Provision(string? config = null) =>
        new(Contract, "offer-1", 2, 2048, 20, ["ssh-ed25519 AAAA user@laptop", "ssh-ed25519 BBBB dc-agent"], "ubuntu", "S3cret-Pass_word-0123456789", config, null);

    [Fact]
    public async Task Provision_creates_a_labelled_limited_container_publishes_ssh_and_sets_the_password_by_exec()
    {
        var instance = await _provisioner.ProvisionAsync(Provision("{\"image\":\"example/ubuntu-sshd:24.04\"}"), Ct);
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

        var exec = _engine.Requests.Single(r => r.Path.EndsWith("/exec", StringComparison.Ordinal));
        using var execBody = JsonDocument.Parse(exec.Body);
        var env = execBody.RootElement.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["DC_USER=ubuntu", "DC_PASSWORD=S3cret-Pass_word-0123456789", "DC_KEYS=ssh-ed25519 AAAA user@laptop\nssh-ed25519 BBBB dc-agent"], env);
        var command = string.Join(' ', execBody.RootElement.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("chpasswd", command);
        Assert.DoesNotContain("S3cret", command);
        Assert.Equal("root", execBody.RootElement.GetProperty("User").GetString());
    }

    [Fact]
    public async Task Provisioning_again_reuses_the_contracts_container()
    {
        var first = await _provisioner.ProvisionAsync(Provision(), Ct);
        var second = await _provisioner.ProvisionAsync(Provision(), Ct);
        Assert.Equal(first.ExternalId, second.ExternalId);
        Assert.Single(_engine.Containers);
        Assert.Single(_engine.Requests, r => r.Path == "/v1.43/containers/create");
        Assert.Equal(first.ExternalId, (await _provisioner.FindByContractAsync(Contract, Ct))!.ExternalId);
    }

    [Fact]
    public async Task A_failed_password_exec_fails_the_provisioning()
    {
        _engine.ExecExitCode = 127;
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.ProvisionAsync(Provision(), Ct));
        Assert.Contains("exit code 127", ex.Message);
    }

    [Fact]
    public async Task Stop_start_terminate_and_list()
    {
        var instance = await _provisioner.ProvisionAsync(Provision(), Ct);
        await _provisioner.StopAsync(instance.ExternalId, Ct);
        await _provisioner.StopAsync(instance.ExternalId, Ct);
        Assert.Equal("exited", (await _provisioner.GetInstanceAsync(instance.ExternalId, Ct))!.Status);
        await _provisioner.StartAsync(instance.ExternalId, Ct);
        Assert.Equal([(instance.ExternalId, Contract)], (await _provisioner.ListAsync(Ct)).Select(i => (i.ExternalId, i.ContractId!)));
        await _provisioner.TerminateAsync(instance.ExternalId, Ct);
        await _provisioner.TerminateAsync(instance.ExternalId, Ct);
        Assert.Empty(_engine.Containers);
        Assert.Null(await _provisioner.GetInstanceAsync(instance.ExternalId, Ct));
        Assert.Contains(_engine.Requests, r => r.Method == "DELETE" && r.Query == "?force=true&v=true");
    }

    [Fact]
    public async Task Engine_errors_carry_its_message_and_a_missing_image_setting_is_explained()
    {
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => _provisioner.StartAsync("nope", Ct));
        Assert.Contains("HTTP 404 No such container: nope", ex.Message);
        await _provisioner.VerifySetupAsync(Ct);

        await using var bare = new ServiceCollection().AddDecentCloudDocker(new DockerOptions { SocketPath = _engine.SocketPath }).BuildServiceProvider();
        var noImage = await Assert.ThrowsAsync<ProvisioningException>(() => bare.GetRequiredService<IProvisioner>().ProvisionAsync(Provision(), Ct));
        Assert.Contains("no image", noImage.Message);
    }
}
