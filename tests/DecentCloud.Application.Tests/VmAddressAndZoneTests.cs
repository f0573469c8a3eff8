using System.Net;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

public class VmAddressAndZoneTests
{
    [Fact]
    public async Task Only_the_owner_of_the_dc_id_publishes_vm_addresses()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", "dc-lk");
        var contract = await tenant.LiveContractAsync();

        var stranger = await app.SendAsync(new PublishVmAddress(AppHarness.Agent("prov-b"), VmAddressAction.Create, "dc-lk", "k7m2p4", "203.0.113.7", contract));
        Assert.Equal(ErrorKind.Forbidden, stranger.FirstDomainError().Kind);
        Assert.Empty(app.Publisher.AddressCalls);

        var owner = await app.SendAsync(new PublishVmAddress(tenant.Agent, VmAddressAction.Create, "dc-lk", "k7m2p4", "203.0.113.7", contract));
        Assert.Equal(new PublishedVmAddress("k7m2p4.dc-lk.gw.decent-cloud.org", "203.0.113.7", 300), owner.Value);
        Assert.Equal(("k7m2p4.dc-lk.gw.decent-cloud.org", (string?)"203.0.113.7"), Assert.Single(app.Publisher.AddressCalls));

        var lookup = await app.SendAsync(new LookupZoneName("K7M2P4.dc-lk.gw.decent-cloud.org."));
        Assert.Equal([IPAddress.Parse("203.0.113.7")], lookup.Addresses);

        Assert.True((await app.SendAsync(new PublishVmAddress(tenant.Agent, VmAddressAction.Delete, "dc-lk", "k7m2p4", null))).IsSuccess);
        Assert.Equal(ZoneNameStatus.NotFound, (await app.SendAsync(new LookupZoneName("k7m2p4.dc-lk.gw.decent-cloud.org"))).Status);
    }

    [Theory]
    [InlineData("dc-lk", "k7m2p", "203.0.113.7")]
    [InlineData("dc-lk", "k7m2p4", "2001:db8::1")]
    [InlineData("dc-lk", "k7m2p4", "203.0.113")]
    [InlineData("DC", "k7m2p4", "203.0.113.7")]
    public async Task Invalid_vm_records_are_refused(string dcId, string slug, string ip)
    {
        await using var app = await AppHarness.CreateAsync();
        await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null));
        // A well-formed contract id, so the refusal is the record's own field's.
        var result = await app.SendAsync(new PublishVmAddress(AppHarness.Agent("prov-a"), VmAddressAction.Create, dcId, slug, ip, new string('c', 64)));
        Assert.Equal(ErrorKind.Validation, result.FirstDomainError().Kind);
    }

    [Theory]
    [InlineData("decent-cloud.org", ZoneNameStatus.Apex)]
    [InlineData("example.org", ZoneNameStatus.OutOfZone)]
    [InlineData("org", ZoneNameStatus.OutOfZone)]
    [InlineData("gw.decent-cloud.org", ZoneNameStatus.Exists)]
    [InlineData("dc-lk.gw.decent-cloud.org", ZoneNameStatus.Exists)]
    [InlineData("_acme-challenge.dc-lk.gw.decent-cloud.org", ZoneNameStatus.Exists)]
    [InlineData("_acme-challenge.dc-zz.gw.decent-cloud.org", ZoneNameStatus.NotFound)]
    [InlineData("www.decent-cloud.org", ZoneNameStatus.NotFound)]
    [InlineData("a.b.dc-lk.gw.decent-cloud.org", ZoneNameStatus.NotFound)]
    public async Task Zone_lookup_classifies_names(string name, ZoneNameStatus status)
    {
        await using var app = await AppHarness.CreateAsync();
        await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null));
        Assert.Equal(status, (await app.SendAsync(new LookupZoneName(name))).Status);
    }
}
