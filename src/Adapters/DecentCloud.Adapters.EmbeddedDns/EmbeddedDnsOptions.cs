namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>Settings of the embedded DNS server.</summary>
public sealed class EmbeddedDnsOptions
{
    /// <summary>Address and port to listen on, UDP and TCP (<c>DC_DNS_LISTEN</c>).</summary>
    public string Listen { get; set; } = "127.0.0.1:8053";

    /// <summary>Host name published in the NS and SOA records; defaults to <c>ns1.{domain}</c>.</summary>
    public string? NameServer { get; set; }
}
