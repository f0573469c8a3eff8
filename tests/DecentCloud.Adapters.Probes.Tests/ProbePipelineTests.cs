using System.Net;
using System.Security.Cryptography.X509Certificates;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Quality;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Quality;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Adapters.Probes.Tests;

/// <summary>
/// The whole path: the <c>probe-contracts</c> job with the real probe against a real SSH-like listener and a real HTTPS
/// server (certificate from a test CA, for the contract's gateway name) that go down and up on a schedule, a fake clock
/// stepping one probe interval at a time, and the measured uptime and incidents read back from the store.
/// </summary>
public sealed class ProbePipelineTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(300);
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("dc-probe-pipeline-").FullName;
    private readonly TestCa _ca = TestCa.Create();

    private sealed class NoDns : Application.AcmeDns.IDnsTxtPublisher, IDnsAddressPublisher
    {
        public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SetAddressAsync(string name, IPAddress address, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RemoveAddressAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task Measured_uptime_and_incidents_follow_real_servers_going_down_and_up_and_a_bad_certificate_counts_as_down()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ssh = new SwitchableTcpServer();
        X509Certificate2? presented = null;
        await using var https = SwitchableTcpServer.Https(() => presented!, () => 200);
        var clock = new FakeTimeProvider(T0);

        var dcId = DcId.Create("dc-test").Value;
        var slug = VmSlug.NewRandom();
        var probeOptions = new ProbeOptions { ExtraCaFile = _ca.PemFile, Timeout = TimeSpan.FromSeconds(5) };

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
            o.PublicUrl = "https://api.decent-cloud.org";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = Path.Combine(_folder, "store.db") });
        services.AddSingleton<Application.AcmeDns.IDnsTxtPublisher, NoDns>();
        services.AddSingleton<IDnsAddressPublisher, NoDns>();
        services.AddDecentCloudProbes(probeOptions);
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<QualityOptions>(o => o.ProbeInterval = Interval);
        await using var provider = services.BuildServiceProvider();
        await provider.InitializeDecentCloudDatabaseAsync(ct);

        // The contract's gateway name, and the overrides that send both probes for it to the local servers (the probe
        // reads its options when it is first resolved, below).
        var fqdn = provider.GetRequiredService<GatewayZoneProvider>().Zone.VmName(slug, dcId);
        using var named = _ca.Issue(fqdn);
        using var selfSigned = TestCa.SelfSigned(fqdn);
        probeOptions.ConnectTo.Add($"{fqdn}:443=127.0.0.1:{https.Port}");
        probeOptions.ConnectTo.Add($"{fqdn}:{ssh.Port}=127.0.0.1:{ssh.Port}");

        var id = ContractId.FromHex(new string('9', 64)).Value;
        await using (var scope = provider.CreateAsyncScope())
        {
            var agent = AgentPublicKey.FromHex(new string('a', 64)).Value;
            var terms = ContractTerms.Create(Guid.NewGuid(), "prov-1", "pool-1", "small", 2, 2048, 20,
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test", null, null, 86400 * 30, TokenAmount.Zero(Token.Icp)).Value;
            var contract = Contract.Request(id, terms, T0);
            Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", T0).IsSuccess);
            Assert.True(contract.AcquireLease(agent, T0, TimeSpan.FromMinutes(10)).IsSuccess);
            Assert.True(contract.BeginProvisioning(agent, T0).IsSuccess);
            Assert.True(contract.CompleteProvisioning(agent, "ext-1", $$"""{"publicIp":"127.0.0.1","sshPort":{{ssh.Port}}}""", "ubuntu", T0).IsSuccess);
            scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
            scope.ServiceProvider.GetRequiredService<IVmAddressRecordStore>().Add(
                VmAddressRecord.CreateFor(id, dcId, slug, IPAddress.Loopback, ProviderId.Create("prov-1").Value, T0));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(ct);
        }

        // 72 intervals (6 hours): both down for steps 10-17, only SSH down for 30-32, a self-signed certificate for 50-53.
        const int steps = 72;
        bool SshUp(int k) => k is not (>= 10 and <= 17) and not (>= 30 and <= 32);
        bool HttpsUp(int k) => k is not (>= 10 and <= 17);
        bool CertGood(int k) => k is not (>= 50 and <= 53);
        for (var k = 0; k < steps; k++)
        {
            presented = CertGood(k) ? named : selfSigned;
            if (SshUp(k))
            {
                ssh.Start();
            }
            else
            {
                await ssh.StopAsync();
            }

            if (HttpsUp(k))
            {
                https.Start();
            }
            else
            {
                await https.StopAsync();
            }

            await using (var scope = provider.CreateAsyncScope())
            {
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ProbeContracts(), ct));
            }

            clock.Advance(Interval);
        }

        var healthySteps = Enumerable.Range(0, steps).Count(k => SshUp(k) && HttpsUp(k) && CertGood(k));
        var now = clock.GetUtcNow();
        await using (var scope = provider.CreateAsyncScope())
        {
            var figures = await scope.ServiceProvider.GetRequiredService<IUptimeReader>().ForContractAsync(id, now, ct);
            Assert.Equal(new UptimeWindow(healthySteps, steps), figures.Day);
            Assert.Equal(57, healthySteps);

            var incidents = await scope.ServiceProvider.GetRequiredService<IHealthCheckStore>().ListIncidentsAsync(id, T0, 10, ct);
            Assert.Equal(
                [(50, 54, 4), (30, 33, 3), (10, 18, 8)],
                incidents.Select(i => ((int)((i.StartedAt - T0) / Interval), (int)((i.EndedAt!.Value - T0) / Interval), i.UnhealthyChecks)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ca.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(_folder, true);
    }
}
