using System.Net;
using System.Net.Sockets;
using System.Text;
using DecentCloud.Application.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Clients that give up or trickle, against the real Kestrel server: a disconnect is not an error of ours (no
/// error log, no stack trace, nothing stored), and a body slower than the minimum data rate gets 408, never 500.
/// Alone: a thousand connections use up ephemeral ports other tests bind at random.
/// </summary>
[Collection(nameof(ClientFaultCollection))]
public sealed class ClientFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_aborted_bodies_log_nothing_above_debug_and_store_nothing()
    {
        var logs = new CapturedLogs();
        var port = FreePort();
        await using var factory = new ApiFactory(new() { ["DC_LISTEN_URLS"] = $"http://127.0.0.1:{port}" });
        await using var server = Start(factory, logs);

        // Each client sends the headers and part of the body, then goes away: half of them close the connection
        // (FIN, as a killed curl does), half reset it (RST).
        var partial = "POST /api/v1/acme-dns/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-Api-User: 00000000-0000-0000-0000-000000000000\r\nX-Api-Key: guess\r\nContent-Length: 4000\r\n\r\n{\"subdomain\":\"dc-lk\",\"txt\":\"";
        var bytes = Encoding.ASCII.GetBytes(partial);
        using var gate = new SemaphoreSlim(50);
        var clients = Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, Ct);
                await socket.SendAsync(bytes, Ct);
                await Task.Delay(5, Ct);
                if (i % 2 == 0)
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
                else
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                socket.Close();
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(clients);

        // The server still answers, and has had the time to notice every reset.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", Ct)).StatusCode);
        await Task.Delay(1000, Ct);

        var loud = logs.Lines.Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal)
            && !l.StartsWith("Information", StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count == 0, $"{loud.Count} lines above Information, e.g.:\n{loud.FirstOrDefault()}");
        var traces = logs.Lines.Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal)
            && l.Contains("   at ", StringComparison.Ordinal)).ToList();
        Assert.True(traces.Count == 0, $"{traces.Count} stack traces above Debug, e.g.:\n{traces.FirstOrDefault()}");

        await using var scope = server.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(10, Ct));
    }

    [Fact]
    public async Task A_body_slower_than_the_minimum_data_rate_gets_408_not_500()
    {
        var logs = new CapturedLogs();
        var port = FreePort();
        await using var factory = new ApiFactory(new()
        {
            ["DC_LISTEN_URLS"] = $"http://127.0.0.1:{port}",
            ["DC_MIN_REQUEST_BODY_RATE"] = "100",
            ["DC_REQUEST_BODY_GRACE_SECONDS"] = "2",
        });
        await using var server = Start(factory, logs);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, Ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            "POST /api/v1/acme-dns/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"), Ct);

        // One byte a second, far below 100 bytes/s; the server gives up after the grace period. A generous bound
        // on the wait keeps the test from hanging when it does not.
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var receive = socket.ReceiveAsync(buffer, Ct).AsTask();
        for (var sent = 0; sent < 30 && !receive.IsCompleted; sent++)
        {
            try
            {
                await socket.SendAsync("{"u8.ToArray(), Ct);
            }
            catch (SocketException)
            {
                break;
            }

            await Task.WhenAny(receive, Task.Delay(1000, Ct));
        }

        Assert.True(receive.IsCompleted, "no answer after 30 s of trickling");
        answer.Append(Encoding.ASCII.GetString(buffer, 0, await receive));
        var status = answer.ToString().Split(' ', 3)[1];
        Assert.True(status == "408", $"status {status}:\n{answer}");
        var loud = logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count == 0, $"{loud.Count} error lines, e.g.:\n{loud.FirstOrDefault()}");
    }

    private static WebApplicationFactory<Program> Start(ApiFactory factory, CapturedLogs logs)
    {
        var server = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace))));
        server.UseKestrel();
        server.StartServer();
        return server;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(nameof(ClientFaultCollection), DisableParallelization = true)]
public sealed class ClientFaultCollection;
