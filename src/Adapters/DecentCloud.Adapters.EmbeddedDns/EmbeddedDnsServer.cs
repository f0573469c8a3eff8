using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DecentCloud.Application.Dns;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>The authoritative DNS server for the gateway zone over UDP and TCP.</summary>
internal sealed partial class EmbeddedDnsServer(
    IServiceScopeFactory scopes,
    EmbeddedDnsOptions options,
    ILogger<EmbeddedDnsServer> logger) : BackgroundService
{
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(10);
    private const int MaxTcpConnections = 256;
    private readonly SemaphoreSlim _tcpSlots = new(MaxTcpConnections);
    private UdpClient? _udp;
    private TcpListener? _tcp;

    /// <summary>The endpoint the server listens on (known once started; port 0 picks a free one).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bind before the host reports started, so a taken port fails start-up instead of a silent background error.
        var endPoint = ParseEndPoint(options.Listen);
        _udp = new UdpClient(endPoint);
        var bound = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _tcp = new TcpListener(bound.Address, bound.Port);
        _tcp.Start();
        LocalEndPoint = bound;
        LogListening(logger, bound);
        return base.StartAsync(cancellationToken);
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
        _tcpSlots.Dispose();
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

    private async Task ServeUdpAsync(UdpClient udp, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await udp.ReceiveAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable from an earlier client surfaces here on some systems; keep serving.
                LogSocketError(logger, ex.SocketErrorCode);
                continue;
            }

            var response = await AnswerAsync(received.Buffer, overUdp: true, stoppingToken);
            if (response is not null)
            {
                try
                {
                    await udp.SendAsync(response, received.RemoteEndPoint, stoppingToken);
                }
                catch (SocketException ex)
                {
                    LogSocketError(logger, ex.SocketErrorCode);
                }
            }
        }
    }

    private async Task ServeTcpAsync(TcpListener listener, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_tcpSlots.Wait(0, CancellationToken.None))
            {
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeTcpClientAsync(client, stoppingToken), CancellationToken.None);
        }
    }

    private async Task ServeTcpClientAsync(TcpClient client, CancellationToken stoppingToken)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var lengthPrefix = new byte[2];
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    idle.CancelAfter(TcpIdleTimeout);
                    await stream.ReadExactlyAsync(lengthPrefix, idle.Token);
                    var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthPrefix)];
                    await stream.ReadExactlyAsync(message, idle.Token);
                    var response = await AnswerAsync(message, overUdp: false, stoppingToken);
                    if (response is null)
                    {
                        return;
                    }

                    var framed = new byte[response.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                    response.CopyTo(framed, 2);
                    await stream.WriteAsync(framed, idle.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or EndOfStreamException)
        {
            // The client went away or idled out: nothing to answer.
        }
        finally
        {
            _tcpSlots.Release();
        }
    }

    /// <summary>The response bytes for one message, or <c>null</c> when nothing should be sent.</summary>
    internal async Task<byte[]?> AnswerAsync(byte[] message, bool overUdp, CancellationToken cancellationToken)
    {
        var query = DnsWire.TryParseQuery(message, out var id);
        if (query is null)
        {
            return id is null ? null : DnsWire.WriteError(id.Value, DnsRcode.FormErr);
        }

        if (query.Opcode != 0)
        {
            return DnsWire.WriteResponse(query, DnsRcode.NotImp, false, [], []);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var lookup = await mediator.Send(new LookupZoneName(query.Name), cancellationToken);
            return DnsResponder.Respond(query, lookup, options.NameServer, overUdp);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(logger, ex);
            return DnsWire.WriteResponse(query, DnsRcode.ServFail, false, [], []);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded DNS server listening on {EndPoint} (UDP and TCP)")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS socket error {Error}")]
    private static partial void LogSocketError(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "DNS lookup failed")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception);
}
