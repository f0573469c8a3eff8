using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

/// <summary>The server over real sockets, answering from real SQLite stores.</summary>
public sealed class EmbeddedDnsServerTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dc-dns-").FullName;
    private ServiceProvider _services = null!;
    private EmbeddedDnsServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
            o.PublicUrl = "https://api.decent-cloud.org";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = Path.Combine(_folder, "dns.db") });
        services.AddDecentCloudEmbeddedDns(new EmbeddedDnsOptions { Listen = "127.0.0.1:0" });
        _services = services.BuildServiceProvider();
        await _services.InitializeDecentCloudDatabaseAsync();
        _server = _services.GetRequiredService<EmbeddedDnsServer>();
        await _server.StartAsync(CancellationToken.None);

        await using var scope = _services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var agent = new AgentPrincipal(AgentPublicKey.FromHex(new string('1', 64)).Value, ProviderId.Create("p").Value, Guid.NewGuid(), AgentPermissions.All);
        var creds = (await mediator.Send(new RegisterGateway(agent, "dc-lk", null))).Value;
        Assert.True((await mediator.Send(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", new string('v', 43), null))).IsSuccess);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    [Fact]
    public async Task Answers_over_udp()
    {
        using var udp = new UdpClient();
        udp.Connect(_server.LocalEndPoint!);
        await udp.SendAsync(DnsMessages.Query("_acme-challenge.dc-lk.gw.decent-cloud.org", 16, 0x4242), TestContext.Current.CancellationToken);
        var reply = DnsMessages.Parse((await udp.ReceiveAsync(TestContext.Current.CancellationToken)).Buffer);
        Assert.Equal((ushort)0x4242, reply.Id);
        Assert.Equal(new string('v', 43), DnsMessages.TxtText(Assert.Single(reply.Answers).Data));
    }

    [Fact]
    public async Task Answers_several_queries_on_one_tcp_connection()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.LocalEndPoint!, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        foreach (var (name, rcode) in new[] { ("_acme-challenge.dc-lk.gw.decent-cloud.org", 0), ("missing.gw.decent-cloud.org", 3) })
        {
            var query = DnsMessages.Query(name, 16);
            var framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            await stream.WriteAsync(framed, TestContext.Current.CancellationToken);
            var length = new byte[2];
            await stream.ReadExactlyAsync(length, TestContext.Current.CancellationToken);
            var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
            await stream.ReadExactlyAsync(body, TestContext.Current.CancellationToken);
            Assert.Equal(rcode, DnsMessages.Parse(body).Rcode);
        }
    }

    [Fact]
    public async Task Garbage_gets_formerr_or_silence_and_the_server_keeps_serving()
    {
        using var udp = new UdpClient();
        udp.Connect(_server.LocalEndPoint!);
        await udp.SendAsync(new byte[] { 0xAB, 0xCD, 0x01, 0x00, 0, 9, 0, 0, 0, 0, 0, 0 }, TestContext.Current.CancellationToken);
        var formErr = DnsMessages.Parse((await udp.ReceiveAsync(TestContext.Current.CancellationToken)).Buffer);
        Assert.Equal(((ushort)0xABCD, 1), (formErr.Id, formErr.Rcode));
        await udp.SendAsync(new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);
        await udp.SendAsync(DnsMessages.Query("decent-cloud.org", 6, 7), TestContext.Current.CancellationToken);
        var soa = DnsMessages.Parse((await udp.ReceiveAsync(TestContext.Current.CancellationToken)).Buffer);
        Assert.Equal((ushort)7, soa.Id);
        Assert.Equal(6, Assert.Single(soa.Answers).Type);
    }

    [Fact]
    public void A_taken_port_fails_start_up_loudly()
    {
        var taken = _server.LocalEndPoint!;
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var second = new EmbeddedDnsServer(services.GetRequiredService<IServiceScopeFactory>(), new EmbeddedDnsOptions { Listen = taken.ToString() },
            new ZoneAnswerCache(TimeSpan.Zero, TimeProvider.System), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EmbeddedDnsServer>.Instance);
        Assert.Throws<SocketException>(() => second.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
        Assert.IsAssignableFrom<IHostedService>(second);
    }

    [Theory]
    [InlineData("127.0.0.1:8053", "127.0.0.1", 8053)]
    [InlineData("[::1]:53", "::1", 53)]
    [InlineData("0.0.0.0:0", "0.0.0.0", 0)]
    public void Listen_addresses_parse(string text, string ip, int port)
    {
        var endPoint = EmbeddedDnsServer.ParseEndPoint(text);
        Assert.Equal((IPAddress.Parse(ip), port), (endPoint.Address, endPoint.Port));
    }

    [Theory]
    [InlineData("localhost:53")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:99999")]
    public void Bad_listen_addresses_are_refused(string text) => Assert.Throws<FormatException>(() => EmbeddedDnsServer.ParseEndPoint(text));
}
