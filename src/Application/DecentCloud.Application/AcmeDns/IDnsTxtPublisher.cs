namespace DecentCloud.Application.AcmeDns;

/// <summary>Writes challenge TXT values to the real DNS (Cloudflare, or the embedded server's store).</summary>
public interface IDnsTxtPublisher
{
    /// <summary>
    /// Makes exactly <paramref name="values"/> the TXT values of <paramref name="name"/> (TTL 60, not proxied):
    /// missing ones are created, others removed. Throws <see cref="DnsPublishException"/> when the provider fails.
    /// </summary>
    Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken);
}

/// <summary>The DNS provider refused or failed a change; the message is for the log, not for clients.</summary>
public sealed class DnsPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DnsPublishException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DnsPublishException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public DnsPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
