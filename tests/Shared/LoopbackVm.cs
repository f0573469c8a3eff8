using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// An HTTP server on a loopback address standing in for a VM behind the gateway: answers every request with
/// <c>vm saw {path} for {Host}</c> and counts them. Answers whatever the Host header (a proxy keeps the VM's public name),
/// unlike HttpListener. Uses only System.*, so other test projects can link this file.
/// </summary>
internal sealed class LoopbackVm : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private int requests;

    /// <summary>Starts listening on <paramref name="address"/> (default 127.0.0.1) on a free port.</summary>
    public LoopbackVm(IPAddress? address = null)
    {
        listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The address the VM listens on.</summary>
    public string Address => ((IPEndPoint)listener.LocalEndpoint).Address.ToString();

    /// <summary>The port the VM listens on.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many requests reached the VM.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while accepting.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var lines = head.ToString().Split("\r\n");
                var path = lines[0].Split(' ') is [_, var target, ..] ? target : "?";
                var host = lines.FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?[5..].Trim() ?? "?";
                Interlocked.Increment(ref requests);
                var body = Encoding.UTF8.GetBytes($"vm saw {path} for {host}");
                var reply = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(reply, stop.Token);
                await stream.WriteAsync(body, stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away or the VM is stopping.
            }
        }
    }
}
