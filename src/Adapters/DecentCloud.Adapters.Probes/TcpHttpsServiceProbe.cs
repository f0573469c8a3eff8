using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DecentCloud.Application.Quality;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Probes;

/// <summary>
/// Probes a contract's SSH endpoint with a TCP connect and its gateway URL with an HTTPS GET whose certificate must be
/// valid for the name (system roots plus <see cref="ProbeOptions.ExtraCaFile"/>). A gateway answering below 500 is
/// healthy: it reached the machine; 5xx means the gateway is up but the machine behind it is not.
/// </summary>
internal sealed class TcpHttpsServiceProbe : IServiceProbe, IDisposable
{
    private readonly ProbeOptions _options;
    private readonly ConnectOverrides _overrides;
    private readonly X509Certificate2Collection _extraRoots;
    private readonly HttpClient _http;

    public TcpHttpsServiceProbe(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _overrides = new ConnectOverrides(options.ConnectTo);
        _extraRoots = [];
        if (options.ExtraCaFile is { Length: > 0 } file)
        {
            _extraRoots.ImportFromPemFile(file);
        }

        var handler = new SocketsHttpHandler
        {
            // Every probe opens its own connection: a pooled one would hide a machine that stopped accepting new ones.
            PooledConnectionLifetime = TimeSpan.Zero,
            AllowAutoRedirect = false,
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate },
        };
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("DecentCloud-Probe/1.0");
    }

    public async Task<ProbeOutcome> ProbeAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ssh = target.SshHost is { Length: > 0 } host ? ProbeTcpAsync(host, target.SshPort, cancellationToken) : Task.FromResult(EndpointResult.NotKnown("ssh endpoint"));
        var https = target.HttpsUrl is { } url ? ProbeHttpsAsync(url, cancellationToken) : Task.FromResult(EndpointResult.NotKnown("gateway url"));
        return new ProbeOutcome(await ssh, await https);
    }

    private async Task<EndpointResult> ProbeTcpAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (toHost, toPort) = _overrides.Resolve(host, port);
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(toHost, toPort, timeout.Token);
            var ms = Elapsed(started);
            return new EndpointResult(HealthStatus.Healthy, ms, $"tcp {host}:{port} connected in {ms} ms");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EndpointResult(HealthStatus.Unhealthy, null, $"tcp {host}:{port} timed out after {(int)_options.Timeout.TotalMilliseconds} ms");
        }
        catch (SocketException ex)
        {
            return new EndpointResult(HealthStatus.Unhealthy, null, $"tcp {host}:{port} {ex.SocketErrorCode}");
        }
    }

    private async Task<EndpointResult> ProbeHttpsAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return new EndpointResult(HealthStatus.Unhealthy, null, $"{url} is not https");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var ms = Elapsed(started);
            var code = (int)response.StatusCode;
            return new EndpointResult(code < 500 ? HealthStatus.Healthy : HealthStatus.Unhealthy, ms, $"https {url.Host} answered {code} in {ms} ms");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EndpointResult(HealthStatus.Unhealthy, null, $"https {url.Host} timed out after {(int)_options.Timeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException ex) when (Find<AuthenticationException>(ex) is not null)
        {
            return new EndpointResult(HealthStatus.Unhealthy, null, $"https {url.Host} certificate rejected");
        }
        catch (HttpRequestException ex)
        {
            return new EndpointResult(HealthStatus.Unhealthy, null, $"https {url.Host} {ex.HttpRequestError}");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = _overrides.Resolve(context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(host, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted root may be forgiven, and only by the configured extra CA; a wrong name never is.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || _extraRoots.Count == 0 || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    private static int Elapsed(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    private static T? Find<T>(Exception ex)
        where T : Exception
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
