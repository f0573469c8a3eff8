using System.Security.Cryptography.X509Certificates;
using DecentCloud.Application.Quality;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Probes.Tests;

public sealed class TcpHttpsServiceProbeTests : IDisposable
{
    private const string Name = "vm1.gw.probe.test";

    private readonly TestCa _ca = TestCa.Create();

    private TcpHttpsServiceProbe Probe(SwitchableTcpServer https, bool trustCa = true, TimeSpan? timeout = null)
    {
        var options = new ProbeOptions { ExtraCaFile = trustCa ? _ca.PemFile : null, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        options.ConnectTo.Add($"{Name}:443=127.0.0.1:{https.Port}");
        return new TcpHttpsServiceProbe(options);
    }

    private static ProbeTarget Target(SwitchableTcpServer ssh) => new("127.0.0.1", ssh.Port, new Uri($"https://{Name}/"));

    [Fact]
    public async Task Both_endpoints_up_with_a_certificate_from_the_trusted_ca_is_healthy_with_latency()
    {
        await using var ssh = new SwitchableTcpServer();
        using var cert = _ca.Issue(Name);
        await using var https = SwitchableTcpServer.Https(() => cert, () => 200);
        ssh.Start();
        https.Start();
        using var probe = Probe(https);

        var outcome = await probe.ProbeAsync(Target(ssh), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, outcome.Ssh.Status);
        Assert.Equal(HealthStatus.Healthy, outcome.Https.Status);
        Assert.Equal(HealthStatus.Healthy, outcome.Status);
        Assert.NotNull(outcome.Ssh.LatencyMs);
        Assert.NotNull(outcome.Https.LatencyMs);
        Assert.Contains("answered 200", outcome.Https.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_unhealthy()
    {
        await using var ssh = new SwitchableTcpServer();
        using var cert = TestCa.SelfSigned(Name);
        await using var https = SwitchableTcpServer.Https(() => cert, () => 200);
        ssh.Start();
        https.Start();
        using var probe = Probe(https);

        var outcome = await probe.ProbeAsync(Target(ssh), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, outcome.Ssh.Status);
        Assert.Equal(HealthStatus.Unhealthy, outcome.Https.Status);
        Assert.Contains("certificate rejected", outcome.Https.Detail, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, outcome.Status);
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_ca_for_another_name_is_unhealthy()
    {
        await using var ssh = new SwitchableTcpServer();
        using var cert = _ca.Issue("other.gw.probe.test");
        await using var https = SwitchableTcpServer.Https(() => cert, () => 200);
        https.Start();
        using var probe = Probe(https);

        var outcome = await probe.ProbeAsync(new ProbeTarget(null, 22, new Uri($"https://{Name}/")), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, outcome.Https.Status);
        Assert.Contains("certificate rejected", outcome.Https.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_ca_is_not_trusted_unless_configured()
    {
        using var cert = _ca.Issue(Name);
        await using var https = SwitchableTcpServer.Https(() => cert, () => 200);
        https.Start();
        using var probe = Probe(https, trustCa: false);

        var outcome = await probe.ProbeAsync(new ProbeTarget(null, 22, new Uri($"https://{Name}/")), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, outcome.Https.Status);
    }

    [Theory]
    [InlineData(200, HealthStatus.Healthy)]
    [InlineData(404, HealthStatus.Healthy)]
    [InlineData(499, HealthStatus.Healthy)]
    [InlineData(500, HealthStatus.Unhealthy)]
    [InlineData(502, HealthStatus.Unhealthy)]
    public async Task A_gateway_answer_below_500_is_healthy_and_5xx_is_not(int code, HealthStatus expected)
    {
        using var cert = _ca.Issue(Name);
        await using var https = SwitchableTcpServer.Https(() => cert, () => code);
        https.Start();
        using var probe = Probe(https);

        var outcome = await probe.ProbeAsync(new ProbeTarget(null, 22, new Uri($"https://{Name}/")), TestContext.Current.CancellationToken);

        Assert.Equal(expected, outcome.Https.Status);
        Assert.Contains($"answered {code}", outcome.Https.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servers_that_go_down_and_up_again_are_seen_each_time()
    {
        await using var ssh = new SwitchableTcpServer();
        using var cert = _ca.Issue(Name);
        await using var https = SwitchableTcpServer.Https(() => cert, () => 200);
        using var probe = Probe(https);
        var seen = new List<HealthStatus>();
        bool[] schedule = [true, false, false, true, false, true];

        foreach (var up in schedule)
        {
            if (up)
            {
                ssh.Start();
                https.Start();
            }
            else
            {
                await ssh.StopAsync();
                await https.StopAsync();
            }

            seen.Add((await probe.ProbeAsync(Target(ssh), TestContext.Current.CancellationToken)).Status);
        }

        Assert.Equal(schedule.Select(up => up ? HealthStatus.Healthy : HealthStatus.Unhealthy), seen);
    }

    [Fact]
    public async Task Only_the_ssh_endpoint_going_down_is_unhealthy()
    {
        await using var ssh = new SwitchableTcpServer();
        using var cert = _ca.Issue(Name);
        await using var https = SwitchableTcpServer.Https(() => cert, () => 200);
        https.Start();
        using var probe = Probe(https);

        var outcome = await probe.ProbeAsync(Target(ssh), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, outcome.Ssh.Status);
        Assert.Equal(HealthStatus.Healthy, outcome.Https.Status);
        Assert.Equal(HealthStatus.Unhealthy, outcome.Status);
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_times_out_unhealthy()
    {
        await using var silent = SwitchableTcpServer.Silent();
        silent.Start();
        using var probe = Probe(silent, timeout: TimeSpan.FromMilliseconds(300));

        var outcome = await probe.ProbeAsync(new ProbeTarget(null, 22, new Uri($"https://{Name}/")), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, outcome.Https.Status);
        Assert.Contains("timed out after 300 ms", outcome.Https.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_without_endpoints_is_unknown_and_one_without_a_name_is_judged_by_ssh_alone()
    {
        await using var ssh = new SwitchableTcpServer();
        ssh.Start();
        await using var https = SwitchableTcpServer.Https(() => throw new InvalidOperationException(), () => 200);
        using var probe = Probe(https);

        var none = await probe.ProbeAsync(new ProbeTarget(null, 22, null), TestContext.Current.CancellationToken);
        var sshOnly = await probe.ProbeAsync(new ProbeTarget("127.0.0.1", ssh.Port, null), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unknown, none.Status);
        Assert.Equal("ssh: ssh endpoint not known; https: gateway url not known", none.Detail);
        Assert.Equal(HealthStatus.Healthy, sshOnly.Status);
        Assert.Equal(HealthStatus.Unknown, sshOnly.Https.Status);
    }

    [Theory]
    [InlineData("vm.example:443=127.0.0.1:8443", true)]
    [InlineData("vm.example:443", false)]
    [InlineData("vm.example=127.0.0.1:8443", false)]
    [InlineData("vm.example:0=127.0.0.1:8443", false)]
    public void Connect_to_entries_are_validated(string entry, bool valid)
    {
        var options = new ProbeOptions();
        options.ConnectTo.Add(entry);

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(valid, results.Count == 0);
    }

    public void Dispose() => _ca.Dispose();
}
