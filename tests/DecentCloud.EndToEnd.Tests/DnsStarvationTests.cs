using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Issue 10, finding 11, through the real API program: its embedded DNS server keeps answering while idle TCP
/// connections pile up and while many UDP clients ask at once. Loopback only.
/// </summary>
public sealed class DnsStarvationTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-dns-e2e-").FullName;
    private readonly int _port = Programs.FreeTcpPort();
    private readonly int _dnsPort = Programs.FreeTcpPort();
    private Background? _api;

    public async ValueTask InitializeAsync()
    {
        var env = new Dictionary<string, string>
        {
            ["DC_LISTEN_URLS"] = $"http://127.0.0.1:{_port}",
            ["DC_DNS_LISTEN"] = $"127.0.0.1:{_dnsPort}",
            ["DC_SQLITE_PATH"] = Path.Combine(_dir, "api.db"),
        };
        _api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], env, _dir);
        await _api.WaitForTcpAsync(_port, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task Three_hundred_idle_tcp_connections_do_not_shut_out_a_tcp_query_to_the_running_api()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new IPEndPoint(IPAddress.Loopback, _dnsPort);
        var squatters = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                squatters.Add(new TcpClient());
                await squatters[^1].ConnectAsync(server, ct);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            byte[] reply;
            try
            {
                await client.ConnectAsync(server, deadline.Token);
                var stream = client.GetStream();
                var query = SoaQuery(0x3131);
                var framed = new byte[query.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
                query.CopyTo(framed, 2);
                await stream.WriteAsync(framed, deadline.Token);
                var length = new byte[2];
                await stream.ReadExactlyAsync(length, deadline.Token);
                reply = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                await stream.ReadExactlyAsync(reply, deadline.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                Assert.Fail($"the TCP query got no answer within 3 s: {ex.GetType().Name}: {ex.Message}\n{_api!.Output}");
                return;
            }

            AssertSoaAnswer(reply, 0x3131);
        }
        finally
        {
            squatters.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Many_parallel_udp_clients_all_get_their_answer_from_the_running_api()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new IPEndPoint(IPAddress.Loopback, _dnsPort);
        var answered = await Task.WhenAll(Enumerable.Range(0, 32).Select(async c =>
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            for (var q = 0; q < 30; q++)
            {
                var id = (ushort)((c * 30) + q);
                await udp.SendAsync(SoaQuery(id), server, ct);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromSeconds(5));
                AssertSoaAnswer((await udp.ReceiveAsync(deadline.Token)).Buffer, id);
            }

            return 30;
        }));
        Assert.Equal(32 * 30, answered.Sum());
    }

    // SOA of the API's default zone apex, decent-cloud.test.
    private static byte[] SoaQuery(ushort id)
    {
        var query = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in new[] { "decent-cloud", "test" })
        {
            query.Add((byte)label.Length);
            query.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        query.AddRange([0, 0, 6, 0, 1]);
        return [.. query];
    }

    private static void AssertSoaAnswer(byte[] reply, ushort id)
    {
        Assert.Equal(id, BinaryPrimitives.ReadUInt16BigEndian(reply));
        Assert.Equal(0, reply[3] & 0x0F);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(6)));
    }
}
