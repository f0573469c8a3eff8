using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>Writers that interleave at the worst moment, made deterministic through the publisher hook.</summary>
public class GatewayRaceTests
{
    private const string Challenge = "_acme-challenge.dc-lk.gw.decent-cloud.org";

    private static string V(char c) => new(c, 43);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_update_authenticated_before_a_revocation_commits_nothing_and_leaves_nothing_in_dns(bool recordHadValues)
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        var user = creds.AcmeDnsUsername.ToString();
        if (recordHadValues)
        {
            Assert.True((await app.SendAsync(new UpdateAcmeTxt(user, creds.AcmeDnsPassword, "dc-lk", V('a'), null))).IsSuccess);
        }

        // The revocation commits after the update authenticated and published, before the update saves.
        app.Publisher.DuringNextTxtPublish = async () =>
            Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"))).IsSuccess);
        var result = await app.SendAsync(new UpdateAcmeTxt(user, creds.AcmeDnsPassword, "dc-lk", V('b'), null));

        Assert.Equal((ErrorKind.Unauthorized, AcmeDnsErrors.Forbidden), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
        await using var scope = app.Scope();
        var record = await scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(DcId.Create("dc-lk").Value, CancellationToken.None);
        Assert.Empty(record?.Values ?? []);
        var last = app.Publisher.TxtCalls[^1];
        Assert.Equal(Challenge, last.Name);
        Assert.Empty(last.Values);
    }

    [Fact]
    public async Task An_update_with_credentials_rotated_away_mid_flight_commits_nothing_and_dns_keeps_the_stored_values()
    {
        await using var app = await AppHarness.CreateAsync();
        var owner = AppHarness.Agent("prov-a");
        var old = (await app.SendAsync(new RegisterGateway(owner, "dc-lk", null))).Value;
        Assert.True((await app.SendAsync(new UpdateAcmeTxt(old.AcmeDnsUsername.ToString(), old.AcmeDnsPassword, "dc-lk", V('a'), null))).IsSuccess);

        // The owner rotates the credentials after the update authenticated with the old ones and published.
        app.Publisher.DuringNextTxtPublish = async () =>
            Assert.True((await app.SendAsync(new RegisterGateway(owner, "dc-lk", null))).IsSuccess);
        var result = await app.SendAsync(new UpdateAcmeTxt(old.AcmeDnsUsername.ToString(), old.AcmeDnsPassword, "dc-lk", V('b'), null));

        Assert.Equal(AcmeDnsErrors.Forbidden, result.FirstDomainError().Code);
        await using var scope = app.Scope();
        var record = await scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(DcId.Create("dc-lk").Value, CancellationToken.None);
        Assert.Equal([V('a')], record!.Values);
        var last = app.Publisher.TxtCalls[^1];
        Assert.Equal(Challenge, last.Name);
        Assert.Equal([V('a')], last.Values);
    }
}
