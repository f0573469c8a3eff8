using System.Text.Json;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// dc-agent run as a process against the API process and a fake Hetzner API: provisioning, health,
/// termination, orphans, pause/resume, crash-safety and graceful shutdown.
/// </summary>
public sealed class AgentRunTests(AgentStack stack) : IClassFixture<AgentStack>
{
    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private List<FakeHetzner.Server> ServersOf(string contractId) => stack.Hetzner.Servers.Where(s => s.ContractHex == contractId).ToList();

    private async Task<string> StateAsync(EndUser user, string id) => (await stack.ContractAsync(user, id)).GetProperty("state").GetString()!;

    /// <summary>A new provider, agent and user, one paid contract, and the agent running until it is provisioned.</summary>
    private async Task<(EndUser User, string ContractId, Background Agent)> ProvisionedContractAsync()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool);
        var user = await stack.NewUserAsync();
        var id = await stack.PaidContractAsync(user, provider, pool);
        var process = stack.StartAgent(agent);
        try
        {
            await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", "the contract to be provisioned",
                () => process.Output + "\n--- api\n" + stack.ApiOutput);
            return (user, id, process);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task A_paid_contract_is_provisioned_activated_by_a_healthy_probe_of_its_reachable_machine_and_cancelling_removes_the_machine()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool);
        var user = await stack.NewUserAsync();
        var (address, vm) = AgentStack.LoopbackVm(listen: true);
        using var _ = vm!;
        stack.Hetzner.NextServerAddress = address;
        var id = await stack.PaidContractAsync(user, provider, pool);
        await using var process = stack.StartAgent(agent);
        string Output() => process.Output + "\n--- api\n" + stack.ApiOutput;

        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", "the contract to be provisioned", Output);
        var server = Assert.Single(ServersOf(id));
        var contract = await stack.ContractAsync(user, id);
        Assert.Equal(server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), contract.GetProperty("externalId").GetString());

        // The password opens with the seed-derived account key and with the device key, and it is the one cloud-init set.
        var contractId = ContractId.FromHex(id).Value;
        var envelope = contract.GetProperty("credentialEnvelope").GetString()!;
        var password = CredentialEnvelope.Open(envelope, contractId, X25519Keys.AccountSecretFromSeed(user.AccountSeed)).Value;
        Assert.Equal(password, CredentialEnvelope.Open(envelope, contractId, X25519Keys.SecretFromEd25519Seed(user.DeviceSeed)).Value);
        Assert.True(password.Length >= 24);
        Assert.Contains($"password: \"{password}\"", server.UserData, StringComparison.Ordinal);

        // The machine's SSH port (the listener) answers: the probe reports it healthy, and that activates the contract.
        await AgentStack.WaitUntilAsync(async () => (await stack.UserAsync(user, HttpMethod.Get, $"/api/v1/contracts/{id}/health")).GetArrayLength() > 0, "a health report", Output);
        var report = (await stack.UserAsync(user, HttpMethod.Get, $"/api/v1/contracts/{id}/health"))[0];
        Assert.True(report.GetProperty("status").GetString() == "healthy", report.ToString());
        Assert.Contains($"ssh port 22 reachable", report.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - report.GetProperty("checkedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) == "active", "the healthy contract to become active", Output);

        await stack.UserAsync(user, HttpMethod.Post, $"/api/v1/contracts/{id}/cancel", "{\"reason\":\"test over\"}");
        await AgentStack.WaitUntilAsync(() => Task.FromResult(ServersOf(id).Count == 0), "the cancelled contract's server to be deleted", Output);
        Assert.Equal(1, stack.Hetzner.CreatedFor(id));

        // The plaintext never reached the API: not in its log, not in its database file (nor its WAL).
        Assert.DoesNotContain(password, stack.ApiOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(password, process.Output, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(stack.Dir, "api.db*"))
        {
            Assert.DoesNotContain(password, ReadShared(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_machine_whose_ssh_port_never_answers_is_reported_unhealthy_and_its_contract_is_never_activated()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool);
        var user = await stack.NewUserAsync();
        var (address, _) = AgentStack.LoopbackVm(listen: false);
        stack.Hetzner.NextServerAddress = address;
        var id = await stack.PaidContractAsync(user, provider, pool);
        await using var process = stack.StartAgent(agent);
        string Output() => process.Output + "\n--- api\n" + stack.ApiOutput;

        await AgentStack.WaitUntilAsync(async () => (await stack.UserAsync(user, HttpMethod.Get, $"/api/v1/contracts/{id}/health")).GetArrayLength() >= 3, "three health reports", Output);
        var reports = (await stack.UserAsync(user, HttpMethod.Get, $"/api/v1/contracts/{id}/health")).EnumerateArray().ToList();
        Assert.All(reports, r => Assert.Equal("unhealthy", r.GetProperty("status").GetString()));
        Assert.Contains("ssh port 22 unreachable", reports[0].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("provisioned", await StateAsync(user, id));
    }

    [Theory]
    [InlineData("ssh_keys")]
    [InlineData("create")]
    [InlineData("running")]
    public async Task Killed_at_any_step_and_restarted_the_agent_provisions_exactly_one_machine(string step)
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool);
        var user = await stack.NewUserAsync();
        stack.Hetzner.Hold(step);
        var reached = stack.Hetzner.Reached(step);
        var id = await stack.PaidContractAsync(user, provider, pool);
        var first = stack.StartAgent(agent);
        await reached.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await first.DisposeAsync(); // SIGKILL, mid-step
        var firstOutput = first.Output;
        stack.Hetzner.Release(step);

        await using var second = stack.StartAgent(agent);
        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", $"the contract to be provisioned after a kill at '{step}'",
            () => firstOutput + "\n--- restarted\n" + second.Output + "\n--- api\n" + stack.ApiOutput);

        Assert.Single(ServersOf(id));
        Assert.Equal(1, stack.Hetzner.CreatedFor(id));
        var contract = await stack.ContractAsync(user, id);
        Assert.Single(contract.GetProperty("history").EnumerateArray(), h => h.GetProperty("to").GetString() == "provisioned");
        var password = CredentialEnvelope.Open(contract.GetProperty("credentialEnvelope").GetString()!, ContractId.FromHex(id).Value, X25519Keys.AccountSecretFromSeed(user.AccountSeed)).Value;
        Assert.Contains($"password: \"{password}\"", Assert.Single(ServersOf(id)).UserData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contracts_provision_concurrently_up_to_the_configured_limit()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool); // maxConcurrent = 2
        var user = await stack.NewUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await stack.PaidContractAsync(user, provider, pool));
        }

        stack.Hetzner.Hold("create");
        await using var process = stack.StartAgent(agent);
        await AgentStack.WaitUntilAsync(() => Task.FromResult(ids.Sum(stack.Hetzner.CreatedFor) == 2), "two provisionings to run at once", () => process.Output);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal(2, ids.Sum(stack.Hetzner.CreatedFor));

        stack.Hetzner.Release("create");
        foreach (var id in ids)
        {
            await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", $"contract {id} to be provisioned", () => process.Output);
            Assert.Equal(1, stack.Hetzner.CreatedFor(id));
        }
    }

    [Fact]
    public async Task An_orphan_is_removed_after_its_grace_period_and_claimed_machines_stay()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool, orphanGraceSeconds: 4);
        var user = await stack.NewUserAsync();
        var id = await stack.PaidContractAsync(user, provider, pool);
        var unknownContract = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var orphan = stack.Hetzner.AddServer(new Dictionary<string, string>
        {
            ["decent-cloud-managed"] = "true",
            ["decent-cloud-contract-1"] = unknownContract[..63],
            ["decent-cloud-contract-2"] = unknownContract[63..],
        });
        await using var process = stack.StartAgent(agent);
        var started = DateTime.UtcNow;

        await AgentStack.WaitUntilAsync(() => Task.FromResult(stack.Hetzner.Servers.All(s => s.Id != orphan.Id)), "the orphan to be removed", () => process.Output);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(4), "the orphan went before its grace period ended");
        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", "the contract to be provisioned", () => process.Output);
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        Assert.Single(ServersOf(id));
    }

    [Fact]
    public async Task A_paused_contract_is_stopped_and_started_again_when_resumed()
    {
        var (user, id, process) = await ProvisionedContractAsync();
        await using var _ = process;

        await stack.AdminAsync("contract", "pause", "--contract", id);
        await AgentStack.WaitUntilAsync(() => Task.FromResult(ServersOf(id).Single().Status == "off"), "the paused contract's server to stop", () => process.Output);
        await stack.AdminAsync("contract", "resume", "--contract", id);
        await AgentStack.WaitUntilAsync(() => Task.FromResult(ServersOf(id).Single().Status == "running"), "the resumed contract's server to start", () => process.Output);
        Assert.Single(ServersOf(id));
    }

    [Fact]
    public async Task A_password_reset_the_machine_refuses_reaches_the_user_as_failed_with_the_reason()
    {
        var (user, id, process) = await ProvisionedContractAsync();
        await using var _ = process;
        var before = (await stack.ContractAsync(user, id)).GetProperty("credentialEnvelope").GetString();

        // The fake server's address has no sshd that trusts the agent's key, so the reset must fail and say why.
        await stack.UserAsync(user, HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password");
        await AgentStack.WaitUntilAsync(async () => (await stack.ContractAsync(user, id)).GetProperty("passwordReset").GetString() != "requested", "the reset outcome", () => process.Output);
        var contract = await stack.ContractAsync(user, id);
        Assert.Equal("failed", contract.GetProperty("passwordReset").GetString());
        Assert.False(string.IsNullOrWhiteSpace(contract.GetProperty("passwordResetError").GetString()));
        Assert.Equal(before, contract.GetProperty("credentialEnvelope").GetString());
    }

    [Fact]
    public async Task A_password_reset_sets_a_new_password_on_the_machine_over_ssh_and_only_the_user_can_read_it()
    {
        // The "machine" is a real sshd behind a fake Docker host that publishes its port 22 there.
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        await using var machine = await LocalSshd.StartAsync();
        await using var docker = new FakeDockerEngine(publishedSshPort: machine.Port);
        var agent = await stack.NewAgentAsync(provider, pool, loginUser: machine.User,
            provisioner: _ => new { type = "docker", docker = new { socketPath = docker.SocketPath, defaultImage = "ubuntu:24.04", pollInterval = "00:00:00.100" } });
        machine.Authorize(agent.SshKeyPath + ".pub");
        var user = await stack.NewUserAsync();
        var id = await stack.PaidContractAsync(user, provider, pool);
        await using var process = stack.StartAgent(agent);
        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", "the contract to be provisioned", () => process.Output + stack.ApiOutput);

        await stack.UserAsync(user, HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password");
        await AgentStack.WaitUntilAsync(async () => (await stack.ContractAsync(user, id)).GetProperty("passwordReset").GetString() != "requested", "the reset outcome", () => process.Output);
        var contract = await stack.ContractAsync(user, id);
        Assert.True(contract.GetProperty("passwordReset").GetString() == "succeeded", contract.GetProperty("passwordResetError").ToString() + "\n" + process.Output);
        var password = CredentialEnvelope.Open(contract.GetProperty("credentialEnvelope").GetString()!, ContractId.FromHex(id).Value, X25519Keys.AccountSecretFromSeed(user.AccountSeed)).Value;
        Assert.True(machine.PasswordWorks(password), "the new password does not log in");
        Assert.False(machine.PasswordWorks(LocalSshd.InitialPassword), "the old password still logs in");
        Assert.DoesNotContain(password, stack.ApiOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(password, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_on_a_machine_whose_ssh_host_key_changed_since_provisioning_is_refused_and_its_password_kept()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        await using var machine = await LocalSshd.StartAsync();
        await using var docker = new FakeDockerEngine(publishedSshPort: machine.Port);
        var agent = await stack.NewAgentAsync(provider, pool, loginUser: machine.User,
            provisioner: _ => new { type = "docker", docker = new { socketPath = docker.SocketPath, defaultImage = "ubuntu:24.04", pollInterval = "00:00:00.100" } });
        machine.Authorize(agent.SshKeyPath + ".pub");
        var user = await stack.NewUserAsync();
        var id = await stack.PaidContractAsync(user, provider, pool);
        await using var process = stack.StartAgent(agent);
        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", "the contract to be provisioned", () => process.Output + stack.ApiOutput);
        Assert.Contains("Recorded the SSH host key ssh-ed25519 SHA256:", process.Output, StringComparison.Ordinal);

        // Another machine answers at the address now: same port, same accounts, the agent's key still let in, another host key.
        using var impostor = await RestartWithNewHostKeyAsync(machine);
        try
        {
            await stack.UserAsync(user, HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password");
            await AgentStack.WaitUntilAsync(async () => (await stack.ContractAsync(user, id)).GetProperty("passwordReset").GetString() != "requested", "the reset outcome", () => process.Output);
            var contract = await stack.ContractAsync(user, id);
            Assert.Equal("failed", contract.GetProperty("passwordReset").GetString());
            Assert.Contains("is not the one recorded at provisioning", contract.GetProperty("passwordResetError").GetString(), StringComparison.Ordinal);
            Assert.True(machine.PasswordWorks(LocalSshd.InitialPassword), "the password was changed on a machine with another host key");
        }
        finally
        {
            impostor.Kill();
            await impostor.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    // Stops the fixture's sshd (by the id in its pid file), gives it a new host key and starts it again on the same port.
    private static async Task<System.Diagnostics.Process> RestartWithNewHostKeyAsync(LocalSshd machine)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(machine.Dir, "sshd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var old = System.Diagnostics.Process.GetProcessById(pid))
        {
            old.Kill();
            await old.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var hostKey = Path.Combine(machine.Dir, "host_key");
        File.Delete(hostKey);
        File.Delete(hostKey + ".pub");
        var keygen = await Programs.RunAsync(Programs.Tool("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var sshd = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", Path.Combine(machine.Dir, "sshd_config")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        await AgentStack.WaitUntilAsync(() => Task.FromResult(Answers(machine)), "sshd to answer with its new host key", () => string.Empty);
        return sshd;
    }

    private static bool Answers(LocalSshd machine)
    {
        try
        {
            return machine.PasswordWorks(LocalSshd.InitialPassword);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or Renci.SshNet.Common.SshException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_agent_cleanly()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool);
        await using var process = stack.StartAgent(agent);
        await AgentStack.WaitUntilAsync(() => Task.FromResult(process.Output.Contains("dc-agent running", StringComparison.Ordinal)), "the agent to start", () => process.Output);
        var exit = await process.TerminateAsync(TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, process.Output);
        Assert.Contains("dc-agent stopped", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_while_a_provisioning_is_in_flight_waits_for_it_to_finish_and_exits_cleanly()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool, shutdownTimeoutSeconds: 30);
        var user = await stack.NewUserAsync();
        stack.Hetzner.Hold("create");
        var reached = stack.Hetzner.Reached("create");
        var id = await stack.PaidContractAsync(user, provider, pool);
        await using var process = stack.StartAgent(agent);
        string Output() => process.Output + "\n--- api\n" + stack.ApiOutput;
        await reached.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var exit = process.TerminateAsync(TimeSpan.FromSeconds(60));
        await AgentStack.WaitUntilAsync(() => Task.FromResult(process.Output.Contains("Stopping: waiting up to 30 s for 1 provisionings", StringComparison.Ordinal)), "the agent to wait for the provisioning", Output);
        Assert.False(process.HasExited, "the agent exited with a provisioning in flight");
        stack.Hetzner.Release("create");

        Assert.True(await exit == 0, Output());
        Assert.Contains("All 1 provisionings in flight finished before shutdown", process.Output, StringComparison.Ordinal);
        Assert.Contains("dc-agent stopped", process.Output, StringComparison.Ordinal);
        Assert.Equal("provisioned", await StateAsync(user, id));
        Assert.Single(ServersOf(id));
    }

    [Fact]
    public async Task Sigterm_with_a_provisioning_that_outlasts_the_shutdown_timeout_cuts_it_and_the_next_start_resumes_it()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool, shutdownTimeoutSeconds: 1);
        var user = await stack.NewUserAsync();
        stack.Hetzner.Hold("create");
        var reached = stack.Hetzner.Reached("create");
        var id = await stack.PaidContractAsync(user, provider, pool);
        var first = stack.StartAgent(agent);
        await reached.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var exit = await first.TerminateAsync(TimeSpan.FromSeconds(60));
        var firstOutput = first.Output;
        await first.DisposeAsync();
        stack.Hetzner.Release("create");
        Assert.True(exit == 0, firstOutput);
        Assert.Contains("Shutdown timeout reached: cancelling 1 provisionings; they resume at the next start", firstOutput, StringComparison.Ordinal);
        Assert.Contains("dc-agent stopped", firstOutput, StringComparison.Ordinal);

        await using var second = stack.StartAgent(agent);
        await AgentStack.WaitUntilAsync(async () => await StateAsync(user, id) is "provisioned" or "active", "the cut provisioning to resume",
            () => firstOutput + "\n--- restarted\n" + second.Output + "\n--- api\n" + stack.ApiOutput);
        Assert.Contains("resuming it", second.Output, StringComparison.Ordinal);
        Assert.Equal(1, stack.Hetzner.CreatedFor(id));
        var password = CredentialEnvelope.Open((await stack.ContractAsync(user, id)).GetProperty("credentialEnvelope").GetString()!, ContractId.FromHex(id).Value, X25519Keys.AccountSecretFromSeed(user.AccountSeed)).Value;
        Assert.Contains($"password: \"{password}\"", Assert.Single(ServersOf(id)).UserData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_list_and_label_a_providers_agents()
    {
        var (provider, pool) = (NewName("prov"), NewName("pool"));
        var agent = await stack.NewAgentAsync(provider, pool);
        await stack.AdminAsync("label-agent", "--agent-key", agent.Signer.PublicKeyHex, "--label", "rack-7 host-3");
        var listing = await stack.AdminAsync("list-agents", "--provider", provider);
        var row = Assert.Single(listing.Split('\n').Skip(1));
        Assert.Equal([agent.Signer.PublicKeyHex, provider, "rack-7 host-3", "provision,health_check,heartbeat,fetch_contracts,dns_manage", "active"], row.Split('\t')[..5]);
        await stack.AdminAsync("revoke-agent", "--agent-key", agent.Signer.PublicKeyHex);
        Assert.EndsWith("revoked", (await stack.AdminAsync("list-agents", "--provider", provider)).Split('\n')[1].Split('\t')[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_without_a_provisioner_explains_what_is_missing()
    {
        var config = Path.Combine(stack.Dir, "bare.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { apiUrl = stack.ApiUrl, agentKeyPath = "/nonexistent", providerId = "p" }), TestContext.Current.CancellationToken);
        var result = await Programs.RunAsync(Programs.Tool("dotnet"), [Programs.AgentDll, "run", "--config", config]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no provisioner section", result.Stderr, StringComparison.Ordinal);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return reader.ReadToEnd();
    }
}
