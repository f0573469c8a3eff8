using DecentCloud.Application.ProviderAgent.Protocol;

namespace DecentCloud.Application.ProviderAgent.Tests;

public class ReconcilerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReconcileReply Reply(
        IReadOnlyList<ReconciledInstance>? keep = null, IReadOnlyList<ReconciledInstance>? terminate = null, IReadOnlyList<ReconciledInstance>? pause = null,
        IReadOnlyList<ReconciledInstance>? resume = null, IReadOnlyList<ReconciledInstance>? unknown = null) =>
        new(keep ?? [], terminate ?? [], pause ?? [], resume ?? [], unknown ?? []);

    [Fact]
    public async Task Ended_contracts_are_terminated_and_reported_paused_ones_stopped_resumed_ones_started_kept_ones_go_to_health()
    {
        var agent = new AgentFixture();
        var (ended, paused, resumed, kept) = (AgentFixture.NewContract(), AgentFixture.NewContract(), AgentFixture.NewContract(), AgentFixture.NewContract());
        var (e, p, r, k) = (agent.Backend.Add(ended), agent.Backend.Add(paused), agent.Backend.Add(resumed, "off"), agent.Backend.Add(kept));
        agent.Api.Reconcile = Reply(
            keep: [new(k.ExternalId, kept.Hex)], terminate: [new(e.ExternalId, ended.Hex)],
            pause: [new(p.ExternalId, paused.Hex)], resume: [new(r.ExternalId, resumed.Hex)]);

        await agent.Reconciler().RunAsync(Ct);

        var sent = Assert.Single(agent.Api.ReconcileRequests);
        Assert.Equal(4, sent.Count);
        Assert.Contains(new RunningInstance(r.ExternalId, resumed.Hex, false), sent);
        Assert.False(agent.Backend.Machines.ContainsKey(e.ExternalId));
        Assert.Equal([ended.Hex], agent.Api.Terminated);
        Assert.Equal(("off", "running"), (agent.Backend.Machines[p.ExternalId].Status, agent.Backend.Machines[r.ExternalId].Status));
        Assert.Equal([new ReconciledInstance(k.ExternalId, kept.Hex)], agent.State.Kept);
    }

    [Fact]
    public async Task A_machine_being_provisioned_is_not_sent_for_judgement()
    {
        var agent = new AgentFixture();
        var (busy, idle) = (AgentFixture.NewContract(), AgentFixture.NewContract());
        agent.Backend.Add(busy);
        var other = agent.Backend.Add(idle);
        agent.State.Track(busy.Hex, Task.CompletedTask);

        await agent.Reconciler().RunAsync(Ct);

        Assert.Equal([new RunningInstance(other.ExternalId, idle.Hex, true)], Assert.Single(agent.Api.ReconcileRequests));
    }

    [Fact]
    public async Task An_orphan_is_terminated_only_once_it_outlived_the_grace_period()
    {
        var agent = new AgentFixture();
        var orphan = agent.Backend.Add(null);
        agent.Api.Reconcile = Reply(unknown: [new(orphan.ExternalId, null)]);
        var reconciler = agent.Reconciler();

        await reconciler.RunAsync(Ct);
        agent.Time.Advance(TimeSpan.FromMinutes(59));
        await reconciler.RunAsync(Ct);
        Assert.True(agent.Backend.Machines.ContainsKey(orphan.ExternalId));

        agent.Time.Advance(TimeSpan.FromMinutes(1));
        await reconciler.RunAsync(Ct);
        Assert.False(agent.Backend.Machines.ContainsKey(orphan.ExternalId));
        Assert.Empty(agent.Api.Terminated);
    }

    [Fact]
    public async Task An_orphan_claimed_in_between_starts_its_grace_period_again()
    {
        var agent = new AgentFixture();
        var orphan = agent.Backend.Add(null);
        var reconciler = agent.Reconciler();
        agent.Api.Reconcile = Reply(unknown: [new(orphan.ExternalId, null)]);
        await reconciler.RunAsync(Ct);

        agent.Time.Advance(TimeSpan.FromMinutes(30));
        agent.Api.Reconcile = Reply(keep: [new(orphan.ExternalId, null)]);
        await reconciler.RunAsync(Ct);

        agent.Time.Advance(TimeSpan.FromMinutes(45));
        agent.Api.Reconcile = Reply(unknown: [new(orphan.ExternalId, null)]);
        await reconciler.RunAsync(Ct);
        agent.Time.Advance(TimeSpan.FromMinutes(30));
        await reconciler.RunAsync(Ct);
        Assert.True(agent.Backend.Machines.ContainsKey(orphan.ExternalId), "an hour had not passed since it was unclaimed again");

        agent.Time.Advance(TimeSpan.FromMinutes(30));
        await reconciler.RunAsync(Ct);
        Assert.False(agent.Backend.Machines.ContainsKey(orphan.ExternalId));
    }

    [Fact]
    public async Task One_instance_the_backend_refuses_does_not_stop_the_others_and_is_retried_next_round()
    {
        var agent = new AgentFixture();
        var (a, b) = (AgentFixture.NewContract(), AgentFixture.NewContract());
        var (ma, mb) = (agent.Backend.Add(a), agent.Backend.Add(b));
        agent.Backend.FailingIds.Add(ma.ExternalId);
        agent.Api.Reconcile = Reply(terminate: [new(ma.ExternalId, a.Hex), new(mb.ExternalId, b.Hex)]);

        await agent.Reconciler().RunAsync(Ct);
        Assert.Equal([b.Hex], agent.Api.Terminated);
        Assert.True(agent.Backend.Machines.ContainsKey(ma.ExternalId));

        agent.Backend.FailingIds.Clear();
        agent.Api.Reconcile = Reply(terminate: [new(ma.ExternalId, a.Hex)]);
        await agent.Reconciler().RunAsync(Ct);
        Assert.Equal([b.Hex, a.Hex], agent.Api.Terminated);
    }
}
