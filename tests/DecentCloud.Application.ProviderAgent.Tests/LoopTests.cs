using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Running;
using Microsoft.Extensions.Logging.Abstractions;
using static DecentCloud.Application.ProviderAgent.Tests.ContractProvisionerTests;

namespace DecentCloud.Application.ProviderAgent.Tests;

public class LoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProvisioningLoop Poller(AgentFixture agent) =>
        new(agent.Api, agent.Contracts(), agent.State, agent.Options, agent.Time, NullLogger<ProvisioningLoop>.Instance);

    // Moves the fake clock a poll interval at a time, so a loop that registered its wait late still wakes.
    private static async Task TickUntilAsync(AgentFixture agent, Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            agent.Time.Advance(agent.Options.PollInterval);
            await Task.Delay(20, Ct);
        }

        Assert.True(done(), "the condition never held");
    }

    [Fact]
    public async Task A_failing_step_is_retried_at_the_next_interval_and_never_ends_the_loop()
    {
        var agent = new AgentFixture();
        agent.Api.FailPending = new ProviderApiException("cannot reach the API");
        using var loop = Poller(agent);
        await loop.StartAsync(Ct);
        await TickUntilAsync(agent, () => agent.Api.PendingCalls >= 2);
        agent.Api.FailPending = new InvalidOperationException("a bug in a step");
        var calls = agent.Api.PendingCalls;
        await TickUntilAsync(agent, () => agent.Api.PendingCalls >= calls + 2);

        agent.Api.FailPending = null;
        var id = AgentFixture.NewContract();
        agent.Api.Pending.Add(AgentFixture.Pending(id));
        await TickUntilAsync(agent, () => agent.StatusesOf(id).Contains("provisioned"));
        await loop.StopAsync(Ct);
    }

    [Fact]
    public async Task Each_loop_is_its_own_service_so_a_failing_poll_does_not_hold_up_password_resets()
    {
        var agent = new AgentFixture();
        agent.Api.FailPending = new ProviderApiException("pending-provision answered 500");
        var id = AgentFixture.NewContract();
        agent.Backend.Add(id);
        agent.Api.Resets.Add(new PendingPasswordReset(id.Hex, null, "ubuntu", new CredentialRecipients("aa", []), DateTimeOffset.UnixEpoch));
        using var poll = Poller(agent);
        using var resets = new PasswordResetLoop(agent.Resets(), agent.Options, agent.Time, NullLogger<PasswordResetLoop>.Instance);
        await poll.StartAsync(Ct);
        await resets.StartAsync(Ct);

        await WaitUntilAsync(() => agent.Api.Passwords.Count == 1);
        Assert.Equal("succeeded", agent.Api.Passwords[0].Outcome.Status);
        await poll.StopAsync(Ct);
        await resets.StopAsync(Ct);
    }

    [Fact]
    public async Task Heartbeats_follow_the_interval_the_api_names()
    {
        var agent = new AgentFixture();
        agent.Api.NextHeartbeatSeconds = 5;
        var beats = new List<DateTimeOffset>();
        agent.Api.OnHeartbeat = () => beats.Add(agent.Time.GetUtcNow());
        using var loop = new HeartbeatLoop(agent.Api, agent.Backend, agent.State, agent.Options, agent.Time, NullLogger<HeartbeatLoop>.Instance);
        await loop.StartAsync(Ct);
        await WaitUntilAsync(() => beats.Count == 1);
        for (var i = 0; i < 60 && beats.Count < 3; i++)
        {
            await Task.Delay(20, Ct);
            agent.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await loop.StopAsync(Ct);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], beats.Take(3).Zip(beats.Skip(1)).Select(p => p.Second - p.First));
        var beat = agent.Api.Heartbeats.First();
        Assert.Equal(("1.2.3", "fake"), (beat.Version, Assert.Single(beat.ProvisionerTypes)));
    }

    [Fact]
    public async Task Health_checks_report_every_kept_instance_even_when_one_fails()
    {
        var agent = new AgentFixture();
        var (a, b) = (AgentFixture.NewContract(), AgentFixture.NewContract());
        var mb = agent.Backend.Add(b);
        agent.State.Kept = [new ReconciledInstance("m-unknown-to-the-fake", a.Hex), new ReconciledInstance(mb.ExternalId, b.Hex), new ReconciledInstance("orphan", null)];
        using var loop = new HealthLoop(agent.Api, agent.Probe(TimeSpan.FromMilliseconds(3)), agent.State, agent.Options, agent.Time, NullLogger<HealthLoop>.Instance);
        await loop.StartAsync(Ct);
        await WaitUntilAsync(() => agent.Api.Health.Count == 2);
        await loop.StopAsync(Ct);
        Assert.Equal([(a.Hex, "unhealthy"), (b.Hex, "healthy")], agent.Api.Health.Select(h => (h.ContractId, h.Report.Status)));
    }

    [Fact]
    public async Task No_more_than_the_configured_number_of_contracts_provision_at_once()
    {
        var agent = new AgentFixture();
        agent.Backend.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ids = Enumerable.Range(0, 3).Select(_ => AgentFixture.NewContract()).ToList();
        agent.Api.Pending.AddRange(ids.Select(AgentFixture.Pending));
        using var loop = Poller(agent);
        await loop.StartAsync(Ct);
        await WaitUntilAsync(() => agent.Backend.Requests.Count == 2);
        agent.Time.Advance(agent.Options.PollInterval);
        await WaitUntilAsync(() => agent.Api.PendingCalls == 2);
        Assert.Equal(2, agent.Backend.Requests.Count);
        Assert.Equal(2, agent.State.InFlight.Count);

        agent.Backend.Hold.SetResult();
        await WaitUntilAsync(() => agent.State.InFlight.Count == 0);
        await TickUntilAsync(agent, () => ids.All(id => agent.StatusesOf(id).Contains("provisioned")));
        Assert.Equal(3, agent.Backend.Machines.Count);
        await loop.StopAsync(Ct);
    }

    // The poll loop running, with the contract's machine creation held until the test releases it.
    private static async Task<ProvisioningLoop> StartWithAHeldProvisioningAsync(AgentFixture agent, Domain.Contracts.ContractId id)
    {
        agent.Backend.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Api.Pending.Add(AgentFixture.Pending(id));
        var loop = Poller(agent);
        await loop.StartAsync(Ct);
        await agent.Backend.CreateArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        return loop;
    }

    [Fact]
    public async Task On_shutdown_a_provisioning_in_flight_is_awaited_and_finishes()
    {
        var (agent, id) = (new AgentFixture(), AgentFixture.NewContract());
        using var loop = await StartWithAHeldProvisioningAsync(agent, id);

        var stopping = loop.StopAsync(Ct);
        await Task.Delay(50, Ct);
        Assert.False(stopping.IsCompleted, "shutdown did not wait for the provisioning");
        agent.Backend.Hold!.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["provisioning", "provisioned"], agent.StatusesOf(id));
        Assert.Empty(agent.Store.Entries);
    }

    [Fact]
    public async Task On_shutdown_a_provisioning_still_running_at_the_timeout_is_cancelled_and_keeps_its_journal_for_the_next_start()
    {
        var (agent, id) = (new AgentFixture(), AgentFixture.NewContract());
        using var loop = await StartWithAHeldProvisioningAsync(agent, id);

        var stopping = loop.StopAsync(Ct);
        await Task.Delay(50, Ct);
        agent.Time.Advance(agent.Options.ShutdownTimeout - TimeSpan.FromSeconds(1));
        await Task.Delay(50, Ct);
        Assert.False(stopping.IsCompleted, "shutdown cut the provisioning before its timeout");
        agent.Time.Advance(TimeSpan.FromSeconds(1));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["provisioning"], agent.StatusesOf(id));
        Assert.Equal([id.Hex], agent.Api.Released);
        Assert.Empty(agent.State.InFlight);
        Assert.NotNull(agent.Journal.Load(id.Hex));

        // The next start finds the half-made machine (no address yet) and replaces it: one machine in the end.
        agent.Backend.Hold = null;
        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        Assert.Single(agent.Backend.Machines.Values, m => m.ContractId == id);
        Assert.Contains("provisioned", agent.StatusesOf(id));
    }
}
