using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace DecentCloud.Adapters.Notifications;

/// <summary>
/// Email over SMTP with MailKit: one connection per message (notifications are few and a pooled connection would only
/// go stale between them), STARTTLS and AUTH as configured, and a Message-ID derived from the idempotency key so a
/// retry after a lost reply carries the same id and the receiving side can drop the repeat.
/// </summary>
public sealed class SmtpEmailChannel : INotificationChannel
{
    private readonly SmtpEmailOptions _options;
    private readonly string? _pin;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpEmailChannel> _logger;

    /// <summary>Creates the channel for the relay in <paramref name="options"/>.</summary>
    public SmtpEmailChannel(SmtpEmailOptions options, TimeProvider timeProvider, ILogger<SmtpEmailChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pin = options.ServerCertificateSha256 is { Length: > 0 } pin
            ? CertificatePin.Normalize(pin) ?? throw new ArgumentException("ServerCertificateSha256 is not a SHA-256 in hex.", nameof(options))
            : null;
        _time = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Email;

    /// <summary>The Message-ID for an idempotency key: the same key always gives the same id.</summary>
    public static string MessageIdFor(string idempotencyKey, string fromAddress)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(fromAddress);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "localhost";
        return $"{hash}@{domain}";
    }

    /// <inheritdoc />
    public async Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MimeMessage mime;
        try
        {
            mime = Build(message);
        }
        catch (ParseException)
        {
            return Report(message, ChannelOutcome.Permanent("the recipient is not a valid email address"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        if (_pin is not null)
        {
            client.ServerCertificateValidationCallback = AcceptPinnedOnly;
        }

        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, SocketOptions(), timeout.Token);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, timeout.Token);
            }

            await client.SendAsync(mime, timeout.Token);
            await DisconnectQuietly(client, timeout.Token);
            return Report(message, ChannelOutcome.Delivered(mime.MessageId));
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // MailKit reports its own I/O timeout as TimeoutException; the overall deadline cancels the linked token.
            return Report(message, ChannelOutcome.Transient($"SMTP relay did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"));
        }
        catch (SmtpCommandException ex)
        {
            return Report(message, Classify(ex));
        }
        catch (AuthenticationException)
        {
            return Report(message, ChannelOutcome.Transient("SMTP relay rejected the credentials"));
        }
        catch (SslHandshakeException)
        {
            return Report(message, ChannelOutcome.Transient(_pin is null
                ? "TLS handshake with the SMTP relay failed (certificate not trusted or TLS not offered)"
                : "TLS handshake with the SMTP relay failed (certificate does not match the pinned SHA-256)"));
        }
        catch (NotSupportedException)
        {
            return Report(message, ChannelOutcome.Transient("SMTP relay does not offer STARTTLS"));
        }
        catch (SmtpProtocolException)
        {
            return Report(message, ChannelOutcome.Transient("SMTP relay dropped the connection"));
        }
        catch (ServiceNotConnectedException)
        {
            return Report(message, ChannelOutcome.Transient("SMTP relay dropped the connection"));
        }
        catch (ServiceNotAuthenticatedException)
        {
            return Report(message, ChannelOutcome.Transient("SMTP relay requires authentication and none is configured"));
        }
        catch (SocketException ex)
        {
            return Report(message, ChannelOutcome.Transient($"cannot connect to the SMTP relay ({ex.SocketErrorCode})"));
        }
        catch (IOException)
        {
            return Report(message, ChannelOutcome.Transient("SMTP relay dropped the connection"));
        }
    }

    private MimeMessage Build(ChannelMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = _time.GetUtcNow(),
            MessageId = MessageIdFor(message.IdempotencyKey, _options.From),
        };
        mime.From.Add(new MailboxAddress(_options.FromName, _options.From));
        mime.To.Add(MailboxAddress.Parse(message.Address));
        var body = new BodyBuilder { TextBody = message.Text };
        if (message.Html is not null)
        {
            body.HtmlBody = message.Html;
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private SecureSocketOptions SocketOptions() => _options.Security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private bool AcceptPinnedOnly(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && string.Equals(CertificatePin.Of(certificate), _pin, StringComparison.Ordinal);

    /// <summary>
    /// A 5xx refusal of the recipient or of the message is final; a 4xx, or a 5xx about the sender or the session (a
    /// configuration problem on our side that an operator can fix), is worth another try.
    /// </summary>
    private static ChannelOutcome Classify(SmtpCommandException ex)
    {
        var code = (int)ex.StatusCode;
        var reply = ex.Message.Length > 200 ? ex.Message[..200] : ex.Message;
        var reason = $"SMTP {code.ToString(CultureInfo.InvariantCulture)} ({ex.ErrorCode}): {reply}";
        return code >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted
            ? ChannelOutcome.Permanent(reason)
            : ChannelOutcome.Transient(reason);
    }

    private static async Task DisconnectQuietly(SmtpClient client, CancellationToken cancellationToken)
    {
        // The message is accepted once the relay answered the DATA; a QUIT that fails changes nothing.
        try
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or OperationCanceledException or SocketException)
        {
        }
    }

    private ChannelOutcome Report(ChannelMessage message, ChannelOutcome outcome)
    {
        if (outcome.Kind == ChannelOutcomeKind.Delivered)
        {
            _logger.LogInformation("Email {IdempotencyKey} accepted by the relay as {MessageId}", message.IdempotencyKey, outcome.Detail);
        }
        else
        {
            _logger.LogWarning("Email {IdempotencyKey} not sent ({Outcome}): {Reason}", message.IdempotencyKey, outcome.Kind, outcome.Detail);
        }

        return outcome;
    }
}
