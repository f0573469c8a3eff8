using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using DecentCloud.Adapters.Notifications;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A real SMTP server in process (the SmtpServer library) on a loopback port: STARTTLS with a self-signed certificate
/// made here, AUTH required and only allowed after STARTTLS, a recipient filter that answers 550 for
/// <c>refused@…</c>, and a store that keeps every accepted message parsed with MimeKit.
/// </summary>
internal sealed class LocalSmtpServer : IAsyncDisposable
{
    public const string User = "notifier";
    public const string Password = "s3cret-smtp-pass";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly bool _ownsCertificate;

    /// <summary>Starts on <paramref name="port"/> (a free one when not given) with <paramref name="certificate"/> (a new self-signed one when not given).</summary>
    public LocalSmtpServer(int? port = null, X509Certificate2? certificate = null)
    {
        _ownsCertificate = certificate is null;
        Certificate = certificate ?? SelfSigned();
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .Certificate(Certificate)
                .AuthenticationRequired()
                .AllowUnsecureAuthentication(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        services.Add(new Filter());
        services.Add(new DelegatingUserAuthenticator((user, password) =>
        {
            Logins.Enqueue((user, password));
            return user == User && password == Password;
        }));
        _running = new SmtpServerHost(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>The SHA-256 of the server's certificate, as the channel's pin.</summary>
    public string CertificateSha256 => Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>Every accepted message with the envelope recipients it was accepted for.</summary>
    public ConcurrentQueue<(string[] Recipients, MimeMessage Message)> Messages { get; } = new();

    /// <summary>Every AUTH attempt (user, password) the server saw.</summary>
    public ConcurrentQueue<(string User, string Password)> Logins { get; } = new();

    public SmtpEmailOptions Options(Action<SmtpEmailOptions>? change = null)
    {
        var options = new SmtpEmailOptions
        {
            Host = "127.0.0.1",
            Port = Port,
            Security = SmtpSecurity.StartTls,
            Username = User,
            Password = Password,
            From = "alerts@notify.example",
            FromName = "DecentCloud Alerts",
            ServerCertificateSha256 = CertificateSha256,
            Timeout = TimeSpan.FromSeconds(30),
        };
        change?.Invoke(options);
        return options;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        if (_ownsCertificate)
        {
            Certificate.Dispose();
        }
    }

    public static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // The server's TLS stack wants a certificate whose key it can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class Store(ConcurrentQueue<(string[], MimeMessage)> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            messages.Enqueue((transaction.To.Select(m => $"{m.User}@{m.Host}").ToArray(), message));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            to.User == "refused" ? throw new SmtpResponseException(SmtpResponse.MailboxUnavailable) : Task.FromResult(true);
    }
}

/// <summary>A TCP port that accepts connections and then misbehaves: closes them at once, or never says a word.</summary>
internal sealed class BadTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    public BadTcpServer(bool drop)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                if (drop)
                {
                    client.Dispose();
                }
                else
                {
                    lock (_held)
                    {
                        _held.Add(client);
                    }
                }
            }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}
