using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

public class GatewayRegistrationTests
{
    private static readonly string Value = new('a', 43);

    [Fact]
    public async Task Registration_returns_the_full_credential_set()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        Assert.Equal("https://api.decent-cloud.org/api/v1/acme-dns", creds.AcmeDnsServerUrl);
        Assert.Equal("dc-lk", creds.AcmeDnsSubdomain);
        Assert.Equal("_acme-challenge.dc-lk.gw.decent-cloud.org", creds.FullDomain);
        Assert.Equal("*.dc-lk.gw.decent-cloud.org", creds.Wildcard);
        Assert.Equal(("gw", "decent-cloud.org"), (creds.GwPrefix, creds.Domain));

        // 43 base64url chars of 32 random bytes: 256 bits, above the 192 the spec asks for.
        Assert.Equal(43, creds.AcmeDnsPassword.Length);
        Assert.NotEqual(Guid.Empty, creds.AcmeDnsUsername);
    }

    [Fact]
    public async Task Passwords_are_unique_and_not_stored()
    {
        await using var app = await AppHarness.CreateAsync();
        var passwords = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            passwords.Add((await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), $"dc-{i}", null))).Value.AcmeDnsPassword);
        }

        Assert.Equal(20, passwords.Count);
        var list = (await app.SendAsync(new ListGatewayCredentials(null))).Value;
        Assert.Equal(20, list.Count);
        var text = string.Join("\n", list.Select(c => c.ToString()));
        Assert.DoesNotContain(passwords.First(), text);
    }

    [Fact]
    public async Task Re_registration_by_the_owner_rotates_and_kills_the_old_credentials()
    {
        await using var app = await AppHarness.CreateAsync();
        var first = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        var second = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        Assert.NotEqual(first.AcmeDnsPassword, second.AcmeDnsPassword);
        Assert.NotEqual(first.AcmeDnsUsername, second.AcmeDnsUsername);

        var old = await app.SendAsync(new UpdateAcmeTxt(first.AcmeDnsUsername.ToString(), first.AcmeDnsPassword, "dc-lk", Value, null));
        Assert.Equal(ErrorKind.Unauthorized, old.FirstDomainError().Kind);
        var fresh = await app.SendAsync(new UpdateAcmeTxt(second.AcmeDnsUsername.ToString(), second.AcmeDnsPassword, "dc-lk", Value, null));
        Assert.True(fresh.IsSuccess);
    }

    [Fact]
    public async Task Another_provider_gets_a_conflict_and_nothing_changes()
    {
        await using var app = await AppHarness.CreateAsync();
        var owner = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        var refused = await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-b"), "dc-lk", null));
        Assert.Equal(ErrorKind.Conflict, refused.FirstDomainError().Kind);

        var stillWorks = await app.SendAsync(new UpdateAcmeTxt(owner.AcmeDnsUsername.ToString(), owner.AcmeDnsPassword, "dc-lk", Value, null));
        Assert.True(stillWorks.IsSuccess);
        var listed = Assert.Single((await app.SendAsync(new ListGatewayCredentials(ProviderId.Create("prov-a").Value))).Value);
        Assert.Equal(owner.AcmeDnsUsername, listed.AcmeDnsUsername);
        Assert.Empty((await app.SendAsync(new ListGatewayCredentials(ProviderId.Create("prov-b").Value))).Value);
    }

    [Theory]
    [InlineData("hz-1", "reserved_dc_id")]
    [InlineData("corp-1", "reserved_dc_id")]
    [InlineData("dc--x", "invalid_dc_id")]
    [InlineData(null, "invalid_dc_id")]
    public async Task Invalid_or_reserved_ids_are_refused(string? dcId, string code)
    {
        await using var app = await AppHarness.CreateAsync(o => o.ExtraReservedPrefixes.Add("corp-"));
        var result = await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), dcId, null));
        Assert.Equal((ErrorKind.Validation, code), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
        Assert.Empty((await app.SendAsync(new ListGatewayCredentials(null))).Value);
    }

    [Fact]
    public async Task Without_a_public_url_registration_is_unavailable()
    {
        await using var app = await AppHarness.CreateAsync(o => o.PublicUrl = null);
        var result = await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null));
        Assert.Equal(ErrorKind.Unavailable, result.FirstDomainError().Kind);
    }

    [Fact]
    public async Task Revocation_by_the_owner_stops_updates_and_withdraws_values()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", Value, null));

        var byOther = await app.SendAsync(new RevokeGatewayCredentials(ProviderId.Create("prov-b").Value, "dc-lk", "x"));
        Assert.Equal(ErrorKind.NotFound, byOther.FirstDomainError().Kind);

        var publishedBefore = app.Publisher.TxtCalls.Count;
        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(ProviderId.Create("prov-a").Value, "dc-lk", "x"))).IsSuccess);

        // The withdrawal leaves at once, after the revocation committed, and again through the outbox as the guarantee.
        Assert.Equal(publishedBefore + 1, app.Publisher.TxtCalls.Count);
        Assert.Equal("_acme-challenge.dc-lk.gw.decent-cloud.org", app.Publisher.TxtCalls[^1].Name);
        Assert.Empty(app.Publisher.TxtCalls[^1].Values);
        Assert.Equal(1, await app.SendAsync(new DispatchOutbox()));
        Assert.Equal(publishedBefore + 2, app.Publisher.TxtCalls.Count);
        Assert.Equal("_acme-challenge.dc-lk.gw.decent-cloud.org", app.Publisher.TxtCalls[^1].Name);
        Assert.Empty(app.Publisher.TxtCalls[^1].Values);
        var after = await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", Value, null));
        Assert.Equal(ErrorKind.Unauthorized, after.FirstDomainError().Kind);
        Assert.NotNull(Assert.Single((await app.SendAsync(new ListGatewayCredentials(null))).Value).RevokedAt);
    }

    [Fact]
    public async Task Admin_revocation_needs_no_provider()
    {
        await using var app = await AppHarness.CreateAsync();
        await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null));
        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"))).IsSuccess);
        Assert.Equal(ErrorKind.NotFound, (await app.SendAsync(new RevokeGatewayCredentials(null, "dc-zz", "admin"))).FirstDomainError().Kind);
    }
}
