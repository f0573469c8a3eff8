using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DecentCloud.Adapters.Probes.Tests;

/// <summary>A certificate authority made for one test run, and certificates it (or nobody) signed.</summary>
public sealed class TestCa : IDisposable
{
    private TestCa(X509Certificate2 root, string pemFile)
    {
        Root = root;
        PemFile = pemFile;
    }

    public X509Certificate2 Root { get; }

    /// <summary>The root as a PEM file, for <see cref="ProbeOptions.ExtraCaFile"/>.</summary>
    public string PemFile { get; }

    public static TestCa Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=DecentCloud probe test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var file = Path.Combine(Path.GetTempPath(), $"dc-probe-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(file, root.ExportCertificatePem());
        return new TestCa(root, file);
    }

    /// <summary>A server certificate for <paramref name="name"/> signed by this CA.</summary>
    public X509Certificate2 Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(name, key);
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = request.Create(Root, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return ServerUsable(signed.CopyWithPrivateKey(key));
    }

    /// <summary>A certificate for <paramref name="name"/> that signs itself: no CA vouches for it.</summary>
    public static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = Leaf(name, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7));
        return ServerUsable(cert);
    }

    private static CertificateRequest Leaf(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    // SslStream wants a certificate whose key it can use as a server: a PKCS#12 round trip gives it one on every platform.
    private static X509Certificate2 ServerUsable(X509Certificate2 cert) =>
        X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);

    public void Dispose()
    {
        Root.Dispose();
        File.Delete(PemFile);
    }
}

/// <summary>A TCP listener on 127.0.0.1 that accepts and closes connections, and can be stopped and started again on the same port.</summary>
public sealed class SwitchableTcpServer : IAsyncDisposable
{
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public SwitchableTcpServer(Func<TcpClient, CancellationToken, Task>? serve = null)
    {
        Serve = serve ?? ((client, _) =>
        {
            client.Dispose();
            return Task.CompletedTask;
        });
        // Reserve a free port once; every Start binds the same one.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public bool IsUp => _listener is not null;

    private Func<TcpClient, CancellationToken, Task> Serve { get; }

    public void Start()
    {
        if (_listener is not null)
        {
            return;
        }

        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _stop = new CancellationTokenSource();
        var listener = _listener;
        var token = _stop.Token;
        _loop = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(token);
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    try
                    {
                        await Serve(client, token);
                    }
                    catch (Exception)
                    {
                        // A probe that hung up early is not the server's failure.
                    }
                    finally
                    {
                        client.Dispose();
                    }
                }, CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        _listener = null;
        await _loop!;
        _stop.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>An HTTPS server presenting <paramref name="certificate"/> and answering every request with <paramref name="status"/>.</summary>
    public static SwitchableTcpServer Https(Func<X509Certificate2> certificate, Func<int> status) =>
        new(async (client, token) =>
        {
            await using var tls = new SslStream(client.GetStream(), false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate() }, token);
            var buffer = new byte[4096];
            var seen = new StringBuilder();
            while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await tls.ReadAsync(buffer, token);
                if (read == 0)
                {
                    return;
                }

                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var code = status();
            await tls.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {code} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), token);
            await tls.FlushAsync(token);
        });

    /// <summary>A server that accepts the connection and then says nothing (a hung service).</summary>
    public static SwitchableTcpServer Silent() =>
        new(async (client, token) => await Task.Delay(Timeout.Infinite, token));
}
