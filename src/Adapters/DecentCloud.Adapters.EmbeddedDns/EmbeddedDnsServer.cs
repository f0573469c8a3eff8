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
/// The authoritative DNS server for the gateway zone over UDP and TCP. UDP is served by one blocking receive loop
/// per core: answers from memory (<see cref="ZoneAnswerCache"/>) are sent from the receiving thread; a query that
/// needs the store becomes one of at most <see cref="EmbeddedDnsOptions.UdpConcurrency"/> lookups in flight, and
/// is dropped when they are all taken, so a slow store holds up no other query and memory stays bounded. TCP
/// connections are tracked by a <see cref="TcpConnectionTable"/> (caps, idle timeout, eviction).
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

    // Uncached queries that may wait for a lookup slot, per slot: absorbs a burst without an unbounded queue.
    private const int MaxQueuedLookupsPerSlot = 4;

    // Asked of the kernel so bursts wait instead of being dropped; it caps the value at net.core.rmem_max.
    private const int UdpReceiveBuffer = 4 * 1024 * 1024;

    private readonly TcpConnectionTable _connections = new(options.TcpMaxConnections, options.TcpMaxConnectionsPerSource, time);
    private readonly UdpSourceLimiter _limiter = new(options.UdpRateLimit, time);
    private readonly SemaphoreSlim _lookupSlots = new(options.UdpConcurrency);
    private int _pendingLookups;
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

        // With port 0 the system picks a free UDP port, and TCP must then take the same number, which a client
        // socket of another program may hold: pick again a few times. A fixed port is tried once.
        for (var attempt = 1; ; attempt++)
        {
            var udp = BindUdp(endPoint);
            var bound = (IPEndPoint)udp.LocalEndPoint!;
            var tcp = new TcpListener(bound.Address, bound.Port);
            try
            {
                tcp.Start(backlog: 512);
            }
            catch (SocketException ex) when (endPoint.Port == 0 && attempt < PortPickAttempts && ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                udp.Dispose();
                continue;
            }
            catch
            {
                udp.Dispose();
                throw;
            }

            (_udp, _tcp) = (udp, tcp);
            break;
        }

        var local = (IPEndPoint)_udp.LocalEndPoint!;
        LocalEndPoint = local;
        LogListening(logger, local, options.UdpConcurrency, options.TcpMaxConnections);
        return base.StartAsync(cancellationToken);
    }

    private const int PortPickAttempts = 10;

    private static Socket BindUdp(IPEndPoint endPoint)
    {
        var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            udp.ReceiveBufferSize = UdpReceiveBuffer;

            // The receive loops block; waking up now and then lets them see a stop request.
            udp.ReceiveTimeout = 250;
            udp.Bind(endPoint);
            return udp;
        }
        catch
        {
            udp.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ServeUdpAsync(_udp!, stoppingToken), ServeTcpAsync(_tcp!, stoppingToken));

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
        _lookupSlots.Dispose();
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

    // One blocking receive loop per core: an answer from memory is built and sent on the receiving thread, with
    // no hand-off; a query that needs the store goes to a bounded pool of lookups (or is dropped when it is full).
    private Task ServeUdpAsync(Socket udp, CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(i =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    ReceiveLoop(udp, stoppingToken);
                    done.SetResult();
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            })
            {
                IsBackground = true,
                Name = $"dns-udp-{i}",
            };
            thread.Start();
            return done.Task;
        });
        return Task.WhenAll(loops.ToList());
    }

    private void ReceiveLoop(Socket udp, CancellationToken stoppingToken)
    {
        var buffer = new byte[MaxUdpQuery];
        var peer = new SocketAddress(udp.AddressFamily);
        while (!stoppingToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = udp.ReceiveFrom(buffer, SocketFlags.None, peer);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                // The receive timeout lets the loop see the stop request.
                continue;
            }
            catch (SocketException ex)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                // ICMP port-unreachable from an earlier client, or an oversized datagram: keep serving.
                LogSocketError(logger, ex.SocketErrorCode);
                continue;
            }

            var message = buffer.AsSpan(0, length);
            var response = _limiter.Take(peer) switch
            {
                UdpVerdict.Answer => AnswerFromMemory(message, overUdp: true, out var needsStore) ?? (needsStore ? LookUpLater(message, peer, stoppingToken) : null),
                UdpVerdict.Slip => Truncated(message),
                _ => null,
            };
            if (response is not null)
            {
                Send(udp, response, peer);
            }
        }
    }

    private void Send(Socket udp, byte[] response, SocketAddress peer)
    {
        try
        {
            udp.SendTo(response, SocketFlags.None, peer);
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
        catch (SocketException ex)
        {
            LogSocketError(logger, ex.SocketErrorCode);
        }
    }

    /// <summary>
    /// Queues a store lookup unless <see cref="MaxQueuedLookupsPerSlot"/> times the lookup slots are already
    /// waiting or running; the answer is sent when it is ready. Always <c>null</c> (nothing to send now).
    /// </summary>
    private byte[]? LookUpLater(ReadOnlySpan<byte> message, SocketAddress peer, CancellationToken stoppingToken)
    {
        if (Interlocked.Increment(ref _pendingLookups) > options.UdpConcurrency * MaxQueuedLookupsPerSlot)
        {
            // Saturated: drop, as a full receive buffer would; memory stays bounded.
            Interlocked.Decrement(ref _pendingLookups);
            return null;
        }

        var copy = message.ToArray();
        var to = new SocketAddress(peer.Family, peer.Size);
        peer.Buffer.Span[..peer.Size].CopyTo(to.Buffer.Span);
        _ = Task.Run(async () =>
        {
            try
            {
                await _lookupSlots.WaitAsync(stoppingToken);
                try
                {
                    var response = await AnswerAsync(copy, overUdp: true, stoppingToken);
                    if (response is not null)
                    {
                        Send(_udp!, response, to);
                    }
                }
                finally
                {
                    _lookupSlots.Release();
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // Stopping.
            }
            finally
            {
                Interlocked.Decrement(ref _pendingLookups);
            }
        }, CancellationToken.None);
        return null;
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

    /// <summary>
    /// The response when it needs no store read (garbage, another opcode, a name in the answer cache);
    /// otherwise <c>null</c>, with <paramref name="needsStore"/> telling whether a lookup would answer it.
    /// </summary>
    private byte[]? AnswerFromMemory(ReadOnlySpan<byte> message, bool overUdp, out bool needsStore)
    {
        needsStore = false;
        var query = DnsWire.TryParseQuery(message, out var id);
        if (query is null)
        {
            return id is null ? null : DnsWire.WriteError(id.Value, DnsRcode.FormErr);
        }

        if (query.Opcode != 0)
        {
            return DnsWire.WriteResponse(query, DnsRcode.NotImp, false, [], []);
        }

        if (cache.TryGetEntry(query.Name, out var cached))
        {
            return cached.ResponseFor(query, overUdp, (q, lookup, udp) => DnsResponder.Respond(q, lookup, options.NameServer, udp));
        }

        needsStore = true;
        return null;
    }

    /// <summary>The response bytes for one message, or <c>null</c> when nothing should be sent.</summary>
    internal ValueTask<byte[]?> AnswerAsync(ReadOnlyMemory<byte> message, bool overUdp, CancellationToken cancellationToken)
    {
        var response = AnswerFromMemory(message.Span, overUdp, out var needsStore);
        return needsStore
            ? LookUpAndAnswerAsync(DnsWire.TryParseQuery(message.Span, out _)!, overUdp, cancellationToken)
            : ValueTask.FromResult(response);
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
