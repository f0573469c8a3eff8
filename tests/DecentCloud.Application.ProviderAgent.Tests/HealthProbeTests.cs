namespace DecentCloud.Application.ProviderAgent.Tests;

public class HealthProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_machine_whose_ssh_port_answers_is_healthy_with_the_connect_time_at_the_clocks_time()
    {
        var agent = new AgentFixture();
        var machine = agent.Backend.Add(AgentFixture.NewContract(), ip: "203.0.113.5");
        var reachability = new FakeReachability(TimeSpan.FromMilliseconds(42));
        var report = await new Health.HealthProbe(agent.Backend, reachability, agent.Time).CheckAsync(machine.ExternalId, Ct);
        Assert.Equal((agent.Time.GetUtcNow(), "healthy", 42), (report.CheckedAt, report.Status, report.LatencyMs!.Value));
        Assert.Equal([("203.0.113.5", 22)], reachability.Probed);
    }

    [Theory]
    [InlineData("gone", "unhealthy", "instance not found at the backend")]
    [InlineData("off", "unhealthy", "instance status off")]
    [InlineData("no address", "unknown", "instance has no address yet")]
    [InlineData("closed port", "unhealthy", "ssh port 22 unreachable")]
    public async Task The_probe_reports_what_it_measured(string situation, string status, string details)
    {
        var agent = new AgentFixture();
        var machine = situation switch
        {
            "off" => agent.Backend.Add(AgentFixture.NewContract(), "off"),
            "no address" => agent.Backend.Add(AgentFixture.NewContract(), ip: null),
            _ => agent.Backend.Add(AgentFixture.NewContract()),
        };
        var id = situation == "gone" ? "m-404" : machine.ExternalId;
        var report = await agent.Probe(null).CheckAsync(id, Ct);
        Assert.Equal((status, details, (int?)null), (report.Status, report.Details!, report.LatencyMs));
    }
}
