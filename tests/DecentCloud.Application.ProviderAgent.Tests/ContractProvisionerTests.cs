using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Tests;

public class ContractProvisionerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_contract_gets_one_machine_created_with_a_password_journaled_before_and_forgotten_after()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        string? journaledAtCreate = null;
        agent.Backend.OnCreate = () => journaledAtCreate = agent.Store.Read(id.Hex);

        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);

        var request = Assert.Single(agent.Backend.Requests);
        Assert.Equal((id, 2, 4096, 40, "ubuntu", "{\"image\":\"x\"}", "echo hello"), (request.ContractId, request.Cores, request.MemoryMb, request.StorageGb, request.LoginUser, request.InstanceConfig, request.PostProvisionScript));
        Assert.Equal([AgentFixture.UserKey, AgentFixture.AgentKey], request.SshPublicKeys);
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
        var report = agent.Provisioned(id);
        Assert.Equal(journaledAtCreate, report.CredentialEnvelope);
        Assert.Equal(request.Password, agent.Sealer.Sealed[report.CredentialEnvelope!]);
        Assert.Equal(("192.0.2.20", 22, "ubuntu"), (report.Instance!.PublicIp, report.Instance.SshPort, report.LoginUser));
        Assert.DoesNotContain(request.Password, report.ToString(), StringComparison.Ordinal);
        Assert.Empty(agent.Store.Entries);
        Assert.Single(agent.Backend.Machines);
    }

    [Fact]
    public async Task After_a_crash_a_machine_with_an_address_and_a_journaled_envelope_is_finished_never_created_twice()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        var machine = agent.Backend.Add(id);
        const string journaled = "{\"v\":3,\"sealed\":\"before the crash\"}";
        agent.Store.Write(id.Hex, journaled);

        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);

        Assert.Empty(agent.Backend.Requests);
        Assert.DoesNotContain(agent.Backend.Calls, c => c.StartsWith("terminate", StringComparison.Ordinal));
        var report = agent.Provisioned(id);
        Assert.Equal((machine.ExternalId, journaled), (report.ExternalId, report.CredentialEnvelope));
        Assert.Empty(agent.Sealer.Sealed);
        Assert.Empty(agent.Store.Entries);
    }

    [Theory]
    [InlineData("no journal", true)]
    [InlineData("torn journal", true)]
    [InlineData("no address yet", false)]
    public async Task A_machine_whose_password_cannot_be_delivered_is_replaced_by_exactly_one_new_machine(string why, bool hasAddress)
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        var old = agent.Backend.Add(id, ip: hasAddress ? "192.0.2.10" : null);
        switch (why)
        {
            case "torn journal":
                agent.Store.Write(id.Hex, "{\"v\":3,\"cipher");
                break;
            case "no address yet":
                agent.Store.Write(id.Hex, "{\"v\":3}");
                break;
        }

        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);

        Assert.Equal(["provision"], agent.Backend.Calls.Where(c => c == "provision"));
        Assert.Contains($"terminate {old.ExternalId}", agent.Backend.Calls);
        Assert.True(agent.Backend.Calls.IndexOf($"terminate {old.ExternalId}") < agent.Backend.Calls.IndexOf("provision"), why);
        var machine = Assert.Single(agent.Backend.Machines.Values);
        Assert.NotEqual(old.ExternalId, machine.ExternalId);
        Assert.Equal(machine.ExternalId, agent.Provisioned(id).ExternalId);
        Assert.Equal(Assert.Single(agent.Backend.Requests).Password, agent.Sealer.Sealed[agent.Provisioned(id).CredentialEnvelope!]);
    }

    [Fact]
    public async Task A_backend_refusal_reaches_the_user_as_provisioning_failed_with_the_backends_text()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Backend.Refuse = new ProvisioningException("Hetzner refused to create server: HTTP 422 placement_error: no capacity");

        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);

        Assert.Equal(["provisioning", "provisioning_failed"], agent.StatusesOf(id));
        Assert.Equal("Hetzner refused to create server: HTTP 422 placement_error: no capacity", agent.Api.Reports.Last().Report.Reason);
    }

    [Fact]
    public async Task A_lease_held_by_another_agent_or_a_malformed_id_is_skipped_without_touching_the_backend()
    {
        var agent = new AgentFixture();
        agent.Api.Lease = _ => new LeaseReply(false, 0);
        await agent.Contracts().RunAsync(AgentFixture.Pending(AgentFixture.NewContract()), Ct);
        await agent.Contracts().RunAsync(AgentFixture.Pending(AgentFixture.NewContract()) with { ContractId = "not-hex" }, Ct);

        Assert.Single(agent.Api.Leases);
        Assert.Empty(agent.Api.Reports);
        Assert.Empty(agent.Backend.Calls);
    }

    [Fact]
    public async Task The_lease_is_renewed_at_a_third_of_its_remaining_time_while_the_machine_is_created()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Api.Lease = _ => new LeaseReply(true, (agent.Time.GetUtcNow() + TimeSpan.FromSeconds(30)).ToUnixTimeMilliseconds() * 1_000_000);
        agent.Backend.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        await agent.Backend.CreateArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Single(agent.Api.Leases);

        agent.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(agent.Api.Leases);
        agent.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => agent.Api.Leases.Count == 2);
        agent.Time.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => agent.Api.Leases.Count == 3);

        agent.Backend.Hold.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        agent.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, agent.Api.Leases.Count);
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
    }

    private static long InThirtySeconds(AgentFixture agent) => (agent.Time.GetUtcNow() + TimeSpan.FromSeconds(30)).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public async Task A_lost_lease_stops_the_provisioning_cleanly_and_leaves_it_resumable()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        var calls = 0;
        agent.Api.Lease = _ => ++calls == 1 ? new LeaseReply(true, InThirtySeconds(agent)) : new LeaseReply(false, 0);
        agent.Backend.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        await agent.Backend.CreateArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        agent.Time.Advance(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["provisioning"], agent.StatusesOf(id));
        Assert.NotNull(agent.Store.Read(id.Hex));
        Assert.Empty(agent.Api.Released);
        agent.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, agent.Api.Leases.Count);
    }

    [Fact]
    public async Task A_renewal_without_a_future_expiry_never_calls_the_api_faster_than_a_tenth_of_the_lease()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        var calls = 0;
        agent.Api.Lease = _ => ++calls == 1 ? new LeaseReply(true, InThirtySeconds(agent)) : new LeaseReply(true, 0);
        agent.Backend.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        await agent.Backend.CreateArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        agent.Time.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => agent.Api.Leases.Count == 2);

        for (var second = 0; second < 2; second++)
        {
            agent.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50, Ct);
        }

        Assert.Equal(2, agent.Api.Leases.Count);
        agent.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => agent.Api.Leases.Count == 3);

        agent.Backend.Hold.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
    }

    [Fact]
    public async Task A_renewal_that_throws_is_retried_and_a_successful_provisioning_still_completes()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        var calls = 0;
        agent.Api.Lease = _ => ++calls switch
        {
            1 => new LeaseReply(true, InThirtySeconds(agent)),
            2 => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing."),
            _ => new LeaseReply(true, InThirtySeconds(agent)),
        };
        agent.Backend.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        await agent.Backend.CreateArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        agent.Time.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => agent.Api.Leases.Count == 2);

        // After the failure it retries a tenth of the lease (3 s) later, not at once and not never.
        agent.Time.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(50, Ct);
        Assert.Equal(2, agent.Api.Leases.Count);
        agent.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => agent.Api.Leases.Count == 3);

        agent.Backend.Hold.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
        Assert.Empty(agent.Store.Entries);
    }

    internal static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(done(), "the condition never held");
    }

    [Fact]
    public async Task The_new_machines_ssh_host_key_is_recorded_before_provisioned_is_reported_retrying_while_its_ssh_server_starts()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.HostKeys.FailuresFirst = 2;

        var run = agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        for (var i = 0; i < 200 && !run.IsCompleted; i++)
        {
            agent.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5, Ct);
        }

        await run;
        Assert.Equal(3, agent.HostKeys.Reads.Count);
        Assert.All(agent.HostKeys.Reads, r => Assert.Equal(("192.0.2.20", 22), r));
        Assert.Equal(FakeHostKeys.Machine, agent.HostKeyJournal.Recorded(id.Hex));
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
    }

    [Fact]
    public async Task A_machine_whose_ssh_server_never_answers_is_still_provisioned_without_a_recorded_key()
    {
        var agent = new AgentFixture();
        agent.Options.HostKeyWait = TimeSpan.Zero;
        var id = AgentFixture.NewContract();
        agent.HostKeys.FailuresFirst = int.MaxValue;

        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);

        Assert.Single(agent.HostKeys.Reads);
        Assert.Null(agent.HostKeyJournal.Recorded(id.Hex));
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
    }
}
