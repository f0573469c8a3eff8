using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DecentCloud.Application.Dns;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>
/// The authoritative DNS server for the gateway zone over UDP and TCP. UDP is served by
/// <see cref="EmbeddedDnsOptions.UdpConcurrency"/> receive loops on one socket, so a slow store read holds up only
/// its own loop and at most that many queries are in flight; the rest waits in (and overflows from) the kernel's
/// buffer. TCP connections are tracked by a <see cref="TcpConnectionTable"/> (caps, idle timeout, eviction).
/// </summary>
internal sealed partial class EmbeddedDnsServer(
    IServiceScopeFactory scopes,
    EmbeddedDnsOptions options,
    ZoneAnswerCache cache,
    TimeProvider time,
    ILogger<EmbeddedDnsServer> logger) : BackgroundService
{
    // Queries are small; a bigger datagram is not one we answer.
    private const int MaxUdpQuery = 4096;

    // Asked of the kernel so bursts wait instead of being dropped; it caps the value at net.core.rmem_max.
    private const int UdpReceiveBuffer = 4 * 1024 * 1024;

    private readonly TcpConnectionTable _connections = new(options.TcpMaxConnections, options.TcpMaxConnectionsPerSource, time);
    private readonly UdpSourceLimiter _limiter = new(options.UdpRateLimit, time);
    private Socket? _udp;
    private TcpListener? _tcp;

    /// <summary>The endpoint the server listens on (known once started; port 0 picks a free one).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>How many TCP connections are open now.</summary>
    internal int OpenTcpConnections => _connections.Count;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bind before the host reports started, so a taken port fails start-up instead of a silent background error.
        var endPoint = ParseEndPoint(options.Listen);
        var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            udp.ReceiveBufferSize = UdpReceiveBuffer;
            udp.Bind(endPoint);
        }
        catch
        {
            udp.Dispose();
            throw;
        }

        _udp = udp;
        var bound = (IPEndPoint)udp.LocalEndPoint!;
        _tcp = new TcpListener(bound.Address, bound.Port);
        _tcp.Start(backlog: 512);
        LocalEndPoint = bound;
        LogListening(logger, bound, options.UdpConcurrency, options.TcpMaxConnections);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.UdpConcurrency)
            .Select(_ => Task.Run(() => ServeUdpAsync(_udp!, stoppingToken), CancellationToken.None))
            .Append(ServeTcpAsync(_tcp!, stoppingToken)));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _udp?.Dispose();
        _tcp?.Stop();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _udp?.Dispose();
        _tcp?.Dispose();
        base.Dispose();
    }

    /// <summary>Parses <c>host:port</c> or <c>[v6]:port</c>.</summary>
    public static IPEndPoint ParseEndPoint(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var colon = listen.LastIndexOf(':');
        if (colon > 0 && IPAddress.TryParse(listen[..colon].Trim('[', ']'), out var address)
            && ushort.TryParse(listen[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            return new IPEndPoint(address, port);
        }

        throw new FormatException($"DNS listen address '{listen}' is not of the form IP:PORT.");
    }

    private async Task ServeUdpAsync(Socket udp, CancellationToken stoppingToken)
    {
        var buffer = new byte[MaxUdpQuery];
        var peer = new SocketAddress(udp.AddressFamily);
        while (!stoppingToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await udp.ReceiveFromAsync(buffer, SocketFlags.None, peer, stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable from an earlier client, or an oversized datagram: keep serving.
                LogSocketError(logger, ex.SocketErrorCode);
                continue;
            }

            var response = _limiter.Take(peer) switch
            {
                UdpVerdict.Answer => await AnswerAsync(buffer.AsMemory(0, length), overUdp: true, stoppingToken),
                UdpVerdict.Slip => Truncated(buffer.AsSpan(0, length)),
                _ => null,
            };
            if (response is null)
            {
                continue;
            }

            try
            {
                await udp.SendToAsync(response, SocketFlags.None, peer, stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogSocketError(logger, ex.SocketErrorCode);
            }
        }
    }

    private async Task ServeTcpAsync(TcpListener listener, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket socket;
            IPAddress source;
            try
            {
                socket = await listener.AcceptSocketAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogSocketError(logger, ex.SocketErrorCode);
                continue;
            }

            try
            {
                source = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            }
            catch (SocketException)
            {
                // Gone before we looked.
                socket.Dispose();
                continue;
            }

            var connection = _connections.TryAdmit(source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source, () => Close(socket));
            if (connection is null)
            {
                LogTcpRefused(logger, source);
                socket.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeTcpClientAsync(socket, connection, stoppingToken), CancellationToken.None);
        }
    }

    private async Task ServeTcpClientAsync(Socket socket, TcpConnection connection, CancellationToken stoppingToken)
    {
        try
        {
            // Queries on one connection are answered in order; pipelined ones wait in the socket until read.
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var lengthPrefix = new byte[2];
            while (true)
            {
                byte[] message;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    idle.CancelAfter(options.TcpIdleTimeout);
                    await stream.ReadExactlyAsync(lengthPrefix, idle.Token);
                    message = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthPrefix)];
                    await stream.ReadExactlyAsync(message, idle.Token);
                }

                connection.BeginQuery();
                var response = await AnswerAsync(message, overUdp: false, stoppingToken);
                if (response is null)
                {
                    return;
                }

                var framed = new byte[response.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                response.CopyTo(framed, 2);
                using (var write = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    // A client that does not read its answers is dropped like an idle one.
                    write.CancelAfter(options.TcpIdleTimeout);
                    await stream.WriteAsync(framed, write.Token);
                }

                connection.EndQuery();
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or EndOfStreamException or ObjectDisposedException)
        {
            // The client went away, idled out or was evicted: nothing to answer.
        }
        finally
        {
            _connections.Remove(connection);
            connection.Close();
        }
    }

    /// <summary>Closes an evicted connection with a FIN rather than a reset where the peer has sent nothing unread.</summary>
    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
    }

    /// <summary>The empty truncated answer sent to a source over its UDP limit, or <c>null</c> for garbage.</summary>
    private static byte[]? Truncated(ReadOnlySpan<byte> message)
    {
        var query = DnsWire.TryParseQuery(message, out _);
        return query is null ? null : DnsWire.WriteResponse(query, DnsRcode.NoError, false, [], [], truncated: true);
    }

    /// <summary>The response bytes for one message, or <c>null</c> when nothing should be sent.</summary>
    internal ValueTask<byte[]?> AnswerAsync(ReadOnlyMemory<byte> message, bool overUdp, CancellationToken cancellationToken)
    {
        var query = DnsWire.TryParseQuery(message.Span, out var id);
        if (query is null)
        {
            return ValueTask.FromResult(id is null ? null : DnsWire.WriteError(id.Value, DnsRcode.FormErr));
        }

        if (query.Opcode != 0)
        {
            return ValueTask.FromResult<byte[]?>(DnsWire.WriteResponse(query, DnsRcode.NotImp, false, [], []));
        }

        // Most queries under load are for the same few names: answered from memory without a scope or a store read.
        return cache.TryGet(query.Name, out var cached)
            ? ValueTask.FromResult<byte[]?>(DnsResponder.Respond(query, cached, options.NameServer, overUdp))
            : LookUpAndAnswerAsync(query, overUdp, cancellationToken);
    }

    private async ValueTask<byte[]?> LookUpAndAnswerAsync(DnsQuery query, bool overUdp, CancellationToken cancellationToken)
    {
        try
        {
            var readAt = cache.Now();
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var lookup = await mediator.Send(new LookupZoneName(query.Name), cancellationToken);
            cache.Set(query.Name, lookup, readAt);
            return DnsResponder.Respond(query, lookup, options.NameServer, overUdp);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(logger, ex);
            return DnsWire.WriteResponse(query, DnsRcode.ServFail, false, [], []);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded DNS server listening on {EndPoint} (UDP with {UdpConcurrency} queries at once, TCP with up to {TcpConnections} connections)")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint, int udpConcurrency, int tcpConnections);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS socket error {Error}")]
    private static partial void LogSocketError(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS TCP connection from {Source} refused: every connection is busy")]
    private static partial void LogTcpRefused(ILogger logger, IPAddress source);

    [LoggerMessage(Level = LogLevel.Error, Message = "DNS lookup failed")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception);
}
