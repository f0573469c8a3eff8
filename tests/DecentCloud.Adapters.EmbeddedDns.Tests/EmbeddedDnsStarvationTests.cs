using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

/// <summary>
/// Issue 10, finding 11: the server must keep answering while idle TCP connections pile up and while UDP lookups
/// are slow. Real sockets on the loopback range, real SQLite store.
/// </summary>
public sealed class EmbeddedDnsStarvationTests : IAsyncLifetime
{
    // Well under the idle timeout: an answer that only comes once the squatters time out does not count.
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(3);
    private DnsTestHost _host = null!;

    // The per-source UDP limit is off here: these tests send thousands of queries from one address on purpose.
    public async ValueTask InitializeAsync() => _host = await DnsTestHost.StartAsync(new EmbeddedDnsOptions { UdpRateLimit = 0 });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Three_hundred_idle_tcp_connections_from_one_source_do_not_shut_out_a_tcp_query()
    {
        var squatters = await OpenIdleConnectionsAsync(300, _ => IPAddress.Loopback);
        try
        {
            await AssertTcpQueryAnsweredAsync(IPAddress.Loopback);
        }
        finally
        {
            squatters.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Three_hundred_idle_tcp_connections_from_many_sources_do_not_shut_out_a_tcp_query()
    {
        // 127.0.1.1 … 127.0.2.100: three hundred distinct source addresses, all on this machine's loopback.
        var squatters = await OpenIdleConnectionsAsync(300, i => new IPAddress([127, 0, (byte)(1 + (i / 200)), (byte)(1 + (i % 200))]));
        try
        {
            await AssertTcpQueryAnsweredAsync(IPAddress.Loopback);
        }
        finally
        {
            squatters.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_udp_query_is_answered_while_slow_lookups_are_in_flight()
    {
        var ct = TestContext.Current.CancellationToken;
        using var slowClient = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        const int slowQueries = 16;
        for (var i = 0; i < slowQueries; i++)
        {
            // Distinct names, so no answer can be shared between them.
            await slowClient.SendAsync(DnsMessages.Query($"n{i}.slow.gw.decent-cloud.org", 1, (ushort)(100 + i)), _host.EndPoint, ct);
        }

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var watch = Stopwatch.StartNew();
        await client.SendAsync(DnsMessages.Query(DnsTestHost.ChallengeName, 16, 0x4242), _host.EndPoint, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(1.5));
        DnsMessages.Response reply;
        try
        {
            reply = DnsMessages.Parse((await client.ReceiveAsync(deadline.Token)).Buffer);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"no UDP answer within 1.5 s while {slowQueries} lookups of {DnsTestHost.SlowLookup.TotalMilliseconds} ms each were in flight (one at a time would take {slowQueries * DnsTestHost.SlowLookup.TotalSeconds:0.0} s)");
            return;
        }

        Assert.Equal((ushort)0x4242, reply.Id);
        Assert.Equal(DnsTestHost.ChallengeValue, DnsMessages.TxtText(Assert.Single(reply.Answers).Data));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"answered after {watch.Elapsed}");

        // The slow ones are answered too, each with its own id and NXDOMAIN (no such gateway).
        var ids = new HashSet<ushort>();
        for (var i = 0; i < slowQueries; i++)
        {
            var slow = DnsMessages.Parse((await slowClient.ReceiveAsync(ct)).Buffer);
            Assert.Equal(3, slow.Rcode);
            Assert.True(ids.Add(slow.Id));
        }

        Assert.Equal(Enumerable.Range(100, slowQueries).Select(i => (ushort)i).ToHashSet(), ids);
    }

    [Fact]
    public async Task Many_parallel_udp_queries_are_all_answered_and_each_answer_is_right()
    {
        var ct = TestContext.Current.CancellationToken;
        const int clients = 64;
        const int queriesPerClient = 50;
        var cases = new (string Name, ushort Type, int Rcode, int Answers)[]
        {
            (DnsTestHost.ChallengeName, 16, 0, 1),
            ("missing.dc-lk.gw.decent-cloud.org", 1, 3, 0),
            ("decent-cloud.org", 6, 0, 1),
            ("example.com", 1, 5, 0),
        };

        var answered = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var right = 0;
            for (var q = 0; q < queriesPerClient; q++)
            {
                var (name, type, rcode, answers) = cases[(c + q) % cases.Length];
                var id = (ushort)((c * queriesPerClient) + q);
                await udp.SendAsync(DnsMessages.Query(name, type, id), _host.EndPoint, ct);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromSeconds(5));
                var reply = DnsMessages.Parse((await udp.ReceiveAsync(deadline.Token)).Buffer);
                Assert.Equal(id, reply.Id);
                Assert.Equal(rcode, reply.Rcode);
                Assert.Equal(answers, reply.Answers.Count);
                if (type == 16)
                {
                    Assert.Equal(DnsTestHost.ChallengeValue, DnsMessages.TxtText(reply.Answers[0].Data));
                }

                right++;
            }

            return right;
        }));

        Assert.Equal(clients * queriesPerClient, answered.Sum());
    }

    private async Task<List<TcpClient>> OpenIdleConnectionsAsync(int count, Func<int, IPAddress> source)
    {
        var clients = new List<TcpClient>(count);
        for (var i = 0; i < count; i++)
        {
            var client = new TcpClient(new IPEndPoint(source(i), 0));
            clients.Add(client);
            await client.ConnectAsync(_host.EndPoint, TestContext.Current.CancellationToken);
        }

        // Let the server accept them all before the real query comes.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        return clients;
    }

    private async Task AssertTcpQueryAnsweredAsync(IPAddress source)
    {
        var ct = TestContext.Current.CancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(AnswerWithin);
        using var client = new TcpClient(new IPEndPoint(source, 0));
        DnsMessages.Response reply;
        try
        {
            await client.ConnectAsync(_host.EndPoint, deadline.Token);
            reply = await DnsTestHost.AskOverTcpAsync(client.GetStream(), DnsTestHost.ChallengeName, 16, 0x5151, deadline.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            Assert.Fail($"the TCP query got no answer within {AnswerWithin.TotalSeconds} s: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        Assert.Equal((ushort)0x5151, reply.Id);
        Assert.Equal(DnsTestHost.ChallengeValue, DnsMessages.TxtText(Assert.Single(reply.Answers).Data));
    }
}
