using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;

namespace DecentCloud.Agent.Gateway;

/// <summary>How the gateway's Caddy gets the wildcard certificate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaddyTlsMode>))]
internal enum CaddyTlsMode
{
    /// <summary>Caddy obtains it itself through acme-dns (needs a Caddy built with the <c>caddy-dns/acmedns</c> module).</summary>
    [JsonStringEnumMemberName("acmedns")]
    Acmedns,

    /// <summary>Caddy loads a PEM certificate and key that the provider's ACME client (e.g. lego) keeps renewed.</summary>
    [JsonStringEnumMemberName("files")]
    Files,
}

/// <summary>
/// The gateway's Caddy settings: set by <c>dc-agent setup token</c> (<c>--caddy-*</c>), written into the Caddyfile and kept
/// in the agent configuration's gateway section so the sites writer reloads the same Caddy.
/// </summary>
internal sealed record CaddyOptions
{
    public const string DefaultAdmin = "localhost:2019";
    public const string DefaultStorage = "/var/lib/caddy";
    public const string DefaultBinary = "caddy";

    /// <summary>Where the wildcard certificate comes from.</summary>
    public CaddyTlsMode Tls { get; init; } = CaddyTlsMode.Acmedns;

    /// <summary>The certificate chain (PEM, absolute path) when <see cref="Tls"/> is <see cref="CaddyTlsMode.Files"/>.</summary>
    public string? CertFile { get; init; }

    /// <summary>The private key (PEM, absolute path) when <see cref="Tls"/> is <see cref="CaddyTlsMode.Files"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Caddy's admin endpoint (host:port), where reloads are sent.</summary>
    public string Admin { get; init; } = DefaultAdmin;

    /// <summary>The port Caddy serves HTTPS on.</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>The port Caddy serves HTTP (redirects to HTTPS) on.</summary>
    public int HttpPort { get; init; } = 80;

    /// <summary>Caddy's storage folder (certificates it obtains, locks).</summary>
    public string Storage { get; init; } = DefaultStorage;

    /// <summary>The caddy program used to reload: a name looked up on PATH or a path.</summary>
    public string Binary { get; init; } = DefaultBinary;

    /// <summary>
    /// The problems of these options, each naming the setup option and the configuration field; empty when they are usable.
    /// Values end up in the Caddyfile, so only characters that cannot change its meaning are accepted.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Tls))
        {
            problems.Add("--caddy-tls (caddy.tls) must be acmedns or files.");
        }

        if (Tls == CaddyTlsMode.Files)
        {
            CheckPath(problems, "--caddy-cert-file", "caddy.certFile", CertFile, required: true);
            CheckPath(problems, "--caddy-key-file", "caddy.keyFile", KeyFile, required: true);
        }
        else if (CertFile is not null || KeyFile is not null)
        {
            problems.Add("--caddy-cert-file and --caddy-key-file (caddy.certFile, caddy.keyFile) apply only with --caddy-tls files.");
        }

        if (!IsHostPort(Admin))
        {
            problems.Add($"--caddy-admin (caddy.admin) '{Printable(Admin)}' must be host:port (e.g. {DefaultAdmin}) with a port 1-65535.");
        }

        CheckPort(problems, "--caddy-https-port", "caddy.httpsPort", HttpsPort);
        CheckPort(problems, "--caddy-http-port", "caddy.httpPort", HttpPort);
        if (HttpPort == HttpsPort)
        {
            problems.Add($"--caddy-http-port and --caddy-https-port (caddy.httpPort, caddy.httpsPort) must differ; both are {HttpPort}.");
        }

        CheckPath(problems, "--caddy-storage", "caddy.storage", Storage, required: true);
        if (string.IsNullOrEmpty(Binary) || !Binary.All(IsPathChar))
        {
            problems.Add($"--caddy-binary (caddy.binary) '{Printable(Binary)}' must be a program name or path of [A-Za-z0-9._/-].");
        }

        return problems;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> with every problem when the options (e.g. read from the configuration) are not usable.</summary>
    public void EnsureValid()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(" ", problems));
        }
    }

    private static void CheckPath(List<string> problems, string option, string field, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{option} ({field}) is required.");
            }

            return;
        }

        if (value.Length == 0 || value[0] != '/' || !value.All(IsPathChar) || value.Split('/').Contains(".."))
        {
            problems.Add($"{option} ({field}) '{Printable(value)}' must be an absolute path of [A-Za-z0-9._/-] without '..'.");
        }
    }

    private static void CheckPort(List<string> problems, string option, string field, int port)
    {
        if (port is < 1 or > 65535)
        {
            problems.Add($"{option} ({field}) {port} must be a port 1-65535.");
        }
    }

    private static bool IsHostPort(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && v6.ScopeId == 0;
        }

        // A host name or IPv4 address: DNS label characters and dots only.
        return host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-')
            && label[0] != '-' && label[^1] != '-');
    }

    internal static bool IsPathChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '/' or '.' or '_' or '-';

    private static string Printable(string? value) => string.Concat((value ?? string.Empty).Select(c => char.IsControl(c) ? '?' : c));
}
