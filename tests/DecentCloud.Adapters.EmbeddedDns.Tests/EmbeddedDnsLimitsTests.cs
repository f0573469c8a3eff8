using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Gateways;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

/// <summary>The server's configured limits over real sockets: TCP idle timeout and caps, UDP per-source rate, the answer cache.</summary>
public sealed class EmbeddedDnsLimitsTests
{
    [Fact]
    public async Task An_idle_tcp_connection_is_closed_after_the_idle_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DnsTestHost.StartAsync(new EmbeddedDnsOptions { TcpIdleTimeout = TimeSpan.FromSeconds(1) });
        using var client = new TcpClient();
        await client.ConnectAsync(host.EndPoint, ct);
        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        await AssertClosedAsync(client.GetStream(), deadline.Token);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(4));
        await WaitUntilAsync(() => host.Server.OpenTcpConnections == 0, ct);
    }

    [Fact]
    public async Task A_tcp_connection_that_keeps_asking_is_not_idle()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DnsTestHost.StartAsync(new EmbeddedDnsOptions { TcpIdleTimeout = TimeSpan.FromSeconds(1) });
        using var client = new TcpClient();
        await client.ConnectAsync(host.EndPoint, ct);
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600), ct);
            var reply = await DnsTestHost.AskOverTcpAsync(client.GetStream(), DnsTestHost.ChallengeName, 16, (ushort)i, ct);
            Assert.Equal((ushort)i, reply.Id);
        }
    }

    [Fact]
    public async Task A_source_over_its_tcp_cap_loses_its_own_longest_idle_connection_not_another_sources()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DnsTestHost.StartAsync(new EmbeddedDnsOptions { TcpMaxConnectionsPerSource = 4 });
        var other = new TcpClient(new IPEndPoint(IPAddress.Parse("127.0.1.1"), 0));
        await other.ConnectAsync(host.EndPoint, ct);
        var own = new List<TcpClient>();
        for (var i = 0; i < 4; i++)
        {
            own.Add(new TcpClient(new IPEndPoint(IPAddress.Loopback, 0)));
            await own[^1].ConnectAsync(host.EndPoint, ct);
            await WaitUntilAsync(() => host.Server.OpenTcpConnections == i + 2, ct);
        }

        using var fifth = new TcpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await fifth.ConnectAsync(host.EndPoint, ct);
        var reply = await DnsTestHost.AskOverTcpAsync(fifth.GetStream(), DnsTestHost.ChallengeName, 16, 5, ct);
        Assert.Equal((ushort)5, reply.Id);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(3));
        await AssertClosedAsync(own[0].GetStream(), deadline.Token);
        Assert.Equal(5, host.Server.OpenTcpConnections);
        var survivor = await DnsTestHost.AskOverTcpAsync(own[1].GetStream(), DnsTestHost.ChallengeName, 16, 1, ct);
        Assert.Equal((ushort)1, survivor.Id);
        var stranger = await DnsTestHost.AskOverTcpAsync(other.GetStream(), DnsTestHost.ChallengeName, 16, 9, ct);
        Assert.Equal((ushort)9, stranger.Id);
        own.ForEach(c => c.Dispose());
        other.Dispose();
    }

    [Fact]
    public async Task Pipelined_tcp_queries_are_all_answered_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DnsTestHost.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(host.EndPoint, ct);
        var stream = client.GetStream();
        var batch = Enumerable.Range(0, 10)
            .SelectMany(i => DnsTestHost.Frame(DnsMessages.Query(i % 2 == 0 ? DnsTestHost.ChallengeName : "nope.gw.decent-cloud.org", 16, (ushort)(700 + i))))
            .ToArray();
        await stream.WriteAsync(batch, ct);
        for (var i = 0; i < 10; i++)
        {
            var reply = await DnsTestHost.ReadFramedAsync(stream, ct);
            Assert.Equal(((ushort)(700 + i), i % 2 == 0 ? 0 : 3), (reply.Id, reply.Rcode));
        }
    }

    [Fact]
    public async Task A_udp_source_over_its_rate_gets_truncated_answers_or_none_and_another_network_is_still_answered()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DnsTestHost.StartAsync(new EmbeddedDnsOptions { UdpRateLimit = 10 });
        using var flooder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        const int sent = 60;
        for (var i = 0; i < sent; i++)
        {
            await flooder.SendAsync(DnsMessages.Query(DnsTestHost.ChallengeName, 16, (ushort)i), host.EndPoint, ct);
        }

        var (full, truncated) = (0, 0);
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quiet.CancelAfter(TimeSpan.FromMilliseconds(500));
            DnsMessages.Response reply;
            try
            {
                reply = DnsMessages.Parse((await flooder.ReceiveAsync(quiet.Token)).Buffer);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }

            if (reply.Truncated)
            {
                Assert.Empty(reply.Answers);
                truncated++;
            }
            else
            {
                Assert.Equal(DnsTestHost.ChallengeValue, DnsMessages.TxtText(Assert.Single(reply.Answers).Data));
                full++;
            }
        }

        // A burst of twice the rate, then about half of the rest slips and half is dropped.
        Assert.InRange(full, 20, 30);
        Assert.InRange(truncated, (sent - 30) / 2 - 1, (sent - 20) / 2 + 1);
        Assert.True(full + truncated < sent, $"{full} answers and {truncated} slips for {sent} queries: nothing was dropped");

        using var neighbour = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.1.1"), 0));
        await neighbour.SendAsync(DnsMessages.Query(DnsTestHost.ChallengeName, 16, 0x7777), host.EndPoint, ct);
        var answer = DnsMessages.Parse((await neighbour.ReceiveAsync(ct)).Buffer);
        Assert.False(answer.Truncated);
        Assert.Equal((ushort)0x7777, answer.Id);
        Assert.Single(answer.Answers);
    }

    [Fact]
    public async Task A_change_made_through_this_process_is_answered_at_once_despite_the_answer_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DnsTestHost.StartAsync(new EmbeddedDnsOptions { AnswerCacheSeconds = 300 });
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        async Task<string> AskAsync()
        {
            await udp.SendAsync(DnsMessages.Query(DnsTestHost.ChallengeName, 16), host.EndPoint, ct);
            var reply = DnsMessages.Parse((await udp.ReceiveAsync(ct)).Buffer);
            return string.Join(",", reply.Answers.Select(a => DnsMessages.TxtText(a.Data)).Order(StringComparer.Ordinal));
        }

        Assert.Equal(DnsTestHost.ChallengeValue, await AskAsync());
        Assert.Equal(DnsTestHost.ChallengeValue, await AskAsync());
        var newValue = new string('w', 43);
        await host.UpdateChallengeAsync(newValue);
        Assert.Equal(string.Join(",", new[] { DnsTestHost.ChallengeValue, newValue }.Order(StringComparer.Ordinal)), await AskAsync());
    }

    // The server closed the connection: an orderly end of stream, or a reset (the socket was closed under a pending read).
    private static async Task AssertClosedAsync(NetworkStream stream, CancellationToken ct)
    {
        try
        {
            Assert.Equal(0, await stream.ReadAsync(new byte[16], ct));
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // Closed by a reset: closed all the same.
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "the server did not reach the expected state in 5 s");
            await Task.Delay(20, ct);
        }
    }
}
