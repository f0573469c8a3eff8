using DecentCloud.Application.Dns;
using DecentCloud.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

public class LegacyCnameTests
{
    private sealed class FakeZone(params DnsRecordInfo[] records) : IDnsZoneMaintenance
    {
        public List<string> Deleted { get; } = [];

        public Task<IReadOnlyList<DnsRecordInfo>> ListCnameRecordsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DnsRecordInfo>>(records);

        public Task DeleteRecordAsync(string recordId, CancellationToken cancellationToken)
        {
            Deleted.Add(recordId);
            return Task.CompletedTask;
        }
    }

    private static readonly DnsRecordInfo[] Zone =
    [
        new("1", "CNAME", "_acme-challenge.dc-a.gw.decent-cloud.org", "x.auth.acme-dns.io"),
        new("2", "CNAME", "_acme-challenge.dc-b.gw.decent-cloud.org.", "y.auth.acme-dns.io"),
        new("3", "CNAME", "_acme-challenge.www.decent-cloud.org", "z.example"),
        new("4", "CNAME", "_acme-challenge.a.b.gw.decent-cloud.org", "z.example"),
        new("5", "CNAME", "app.dc-a.gw.decent-cloud.org", "z.example"),
        new("6", "CNAME", "_acme-challenge.dc-a.dev-gw.decent-cloud.org", "z.example"),
    ];

    [Fact]
    public async Task Dry_run_lists_only_the_legacy_challenge_cnames_and_removes_nothing()
    {
        var zone = new FakeZone(Zone);
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IDnsZoneMaintenance>(zone));
        var found = await app.SendAsync(new RemoveLegacyChallengeCnames(DryRun: true));
        Assert.Equal(["1", "2"], found.Value.Select(r => r.Id));
        Assert.Empty(zone.Deleted);
    }

    [Fact]
    public async Task Without_dry_run_they_are_removed()
    {
        var zone = new FakeZone(Zone);
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IDnsZoneMaintenance>(zone));
        await app.SendAsync(new RemoveLegacyChallengeCnames(DryRun: false));
        Assert.Equal(["1", "2"], zone.Deleted);
    }

    [Fact]
    public async Task Without_a_dns_provider_zone_the_command_is_unavailable()
    {
        await using var app = await AppHarness.CreateAsync();
        var result = await app.SendAsync(new RemoveLegacyChallengeCnames(DryRun: true));
        Assert.Equal(ErrorKind.Unavailable, result.FirstDomainError().Kind);
    }
}
