using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Notifications;

/// <summary>How the connection to the SMTP relay is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS; a relay that does not offer it is refused (the usual port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (the usual port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: only for a relay on the same host or a private network.</summary>
    None,
}

/// <summary>
/// The SMTP relay that sends notification emails (section <c>Notifications:Email</c>). The channel is registered only
/// when <see cref="Host"/> is set, so a deployment without email simply has no email channel.
/// </summary>
public sealed class SmtpEmailOptions : IValidatableObject
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Notifications:Email";

    /// <summary>The relay's host name or address.</summary>
    [Required(ErrorMessage = "Notifications:Email:Host is required when the Notifications:Email section is present.")]
    public string Host { get; set; } = string.Empty;

    /// <summary>The relay's port (587 for submission with STARTTLS).</summary>
    [Range(1, 65535, ErrorMessage = "Notifications:Email:Port must be 1-65535.")]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured; STARTTLS by default.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The SMTP AUTH user; with <see cref="Password"/>, or neither for a relay that trusts the network.</summary>
    public string? Username { get; set; }

    /// <summary>The SMTP AUTH password; never logged nor reported.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address every notification comes from; its domain also names the Message-ID.</summary>
    [Required(ErrorMessage = "Notifications:Email:From is required when Notifications:Email:Host is set.")]
    [EmailAddress(ErrorMessage = "Notifications:Email:From must be an email address.")]
    public string From { get; set; } = string.Empty;

    /// <summary>The display name beside <see cref="From"/>.</summary>
    public string FromName { get; set; } = "DecentCloud";

    /// <summary>The whole exchange with the relay (connect, TLS, AUTH, send) gives up after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Notifications:Email:Timeout must be 1 s to 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The SHA-256 of the relay's certificate (hex, colons allowed): when set, exactly that certificate is accepted and
    /// nothing else, for a self-hosted relay with a self-signed certificate; when unset the certificate is validated normally.
    /// </summary>
    public string? ServerCertificateSha256 { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult(
                "Notifications:Email:Username and Notifications:Email:Password must be set together (or neither, for a relay without AUTH).",
                [nameof(Username), nameof(Password)]);
        }

        if (ServerCertificateSha256 is { Length: > 0 } && CertificatePin.Normalize(ServerCertificateSha256) is null)
        {
            yield return new ValidationResult(
                "Notifications:Email:ServerCertificateSha256 must be a SHA-256 in hex (64 hex digits, colons allowed).",
                [nameof(ServerCertificateSha256)]);
        }

        if (ServerCertificateSha256 is { Length: > 0 } && Security == SmtpSecurity.None)
        {
            yield return new ValidationResult(
                "Notifications:Email:ServerCertificateSha256 needs TLS: Security must be StartTls or SslOnConnect.",
                [nameof(ServerCertificateSha256), nameof(Security)]);
        }
    }
}
