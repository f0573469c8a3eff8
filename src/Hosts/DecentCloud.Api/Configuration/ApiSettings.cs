using System.Globalization;
using DecentCloud.Adapters.Cloudflare;
using DecentCloud.Adapters.EmbeddedDns;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Http;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;

namespace DecentCloud.Api.Configuration;

/// <summary>
/// Every setting of the API program, read from the environment (names as in the README's table).
/// Invalid values stop the program at start with a message naming the variable.
/// </summary>
public sealed class ApiSettings
{
    /// <summary>The retired setting of the separate acme-dns server; its presence only earns a warning.</summary>
    public const string RetiredAcmeDnsServerUrl = "ACME_DNS_SERVER_URL";

    /// <summary>URL(s) Kestrel listens on (<c>DC_LISTEN_URLS</c>).</summary>
    public string ListenUrls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Gateway namespace and acme-dns settings.</summary>
    public required GatewayOptions Gateway { get; init; }

    /// <summary>Database settings.</summary>
    public required PersistenceOptions Persistence { get; init; }

    /// <summary>Cloudflare settings, or <c>null</c> to use the embedded DNS server.</summary>
    public CloudflareOptions? Cloudflare { get; init; }

    /// <summary>Embedded DNS server settings (used when <see cref="Cloudflare"/> is null).</summary>
    public required EmbeddedDnsOptions EmbeddedDns { get; init; }

    /// <summary>Brute-force limits.</summary>
    public required AuthFailureLimitOptions AuthFailureLimits { get; init; }

    /// <summary>Contract timeouts applied by the maintenance sweep.</summary>
    public required ContractTimeoutOptions ContractTimeouts { get; init; }

    /// <summary>Lease, heartbeat and credential timings of the agent protocol.</summary>
    public required DecentCloud.Application.AgentProtocol.AgentProtocolOptions AgentProtocol { get; init; }

    /// <summary>How often stale challenge values and old nonces are swept.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether the retired <see cref="RetiredAcmeDnsServerUrl"/> is still set.</summary>
    public bool RetiredAcmeDnsServerUrlPresent { get; init; }

    /// <summary>Reads the settings; throws <see cref="InvalidOperationException"/> naming the bad variable.</summary>
    public static ApiSettings FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var gateway = new GatewayOptions
        {
            Domain = config["CF_DOMAIN"] is { Length: > 0 } d ? d : "decent-cloud.test",
            GatewayPrefix = config["CF_GW_PREFIX"] is { Length: > 0 } p ? p : "dev-gw",
            PublicUrl = NullIfEmpty(config["API_PUBLIC_URL"]),
            TxtMaxAge = Seconds(config, "DC_ACME_TXT_MAX_AGE_SECONDS", 3600),
            SetupTokenLifetime = Seconds(config, "DC_SETUP_TOKEN_LIFETIME_SECONDS", 86400),
        };
        foreach (var prefix in (config["DC_RESERVED_DC_ID_PREFIXES"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            gateway.ExtraReservedPrefixes.Add(prefix);
        }

        if (gateway.PublicUrl is not null && !Uri.TryCreate(gateway.PublicUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("API_PUBLIC_URL must be an absolute URL such as https://api.example.org.");
        }

        return new ApiSettings
        {
            ListenUrls = NullIfEmpty(config["DC_LISTEN_URLS"]) ?? "http://127.0.0.1:8080",
            Gateway = gateway,
            Persistence = new PersistenceOptions
            {
                PostgresConnectionString = NullIfEmpty(config["DC_POSTGRES_CONNECTION"]),
                SqlitePath = NullIfEmpty(config["DC_SQLITE_PATH"]) ?? Path.Combine("data", "decentcloud.db"),
            },
            Cloudflare = ReadCloudflare(config),
            EmbeddedDns = new EmbeddedDnsOptions
            {
                Listen = NullIfEmpty(config["DC_DNS_LISTEN"]) ?? "127.0.0.1:8053",
                NameServer = NullIfEmpty(config["DC_DNS_NAMESERVER"]),
            },
            AuthFailureLimits = new AuthFailureLimitOptions
            {
                MaxFailures = Integer(config, "DC_AUTH_FAILURE_LIMIT", 20),
                Window = Seconds(config, "DC_AUTH_FAILURE_WINDOW_SECONDS", 60),
            },
            ContractTimeouts = new ContractTimeoutOptions
            {
                RequestTimeout = Seconds(config, "DC_CONTRACT_REQUEST_TIMEOUT_SECONDS", 3600),
                ProvisioningTimeout = Seconds(config, "DC_CONTRACT_PROVISIONING_TIMEOUT_SECONDS", 1800),
            },
            AgentProtocol = new DecentCloud.Application.AgentProtocol.AgentProtocolOptions
            {
                LeaseLength = Seconds(config, "DC_PROVISIONING_LEASE_SECONDS", 300),
                HeartbeatInterval = Seconds(config, "DC_HEARTBEAT_INTERVAL_SECONDS", 60),
                CredentialLifetime = Seconds(config, "DC_CREDENTIAL_LIFETIME_SECONDS", 7 * 86400),
            },
            SweepInterval = Seconds(config, "DC_SWEEP_INTERVAL_SECONDS", 60),
            RetiredAcmeDnsServerUrlPresent = config[RetiredAcmeDnsServerUrl] is not null,
        };
    }

    private static CloudflareOptions? ReadCloudflare(IConfiguration config)
    {
        var token = NullIfEmpty(config["CF_API_TOKEN"]);
        var zone = NullIfEmpty(config["CF_ZONE_ID"]);
        if (token is null && zone is null)
        {
            return null;
        }

        if (token is null || zone is null)
        {
            throw new InvalidOperationException("Set both CF_API_TOKEN and CF_ZONE_ID to use Cloudflare, or neither to use the embedded DNS server.");
        }

        var options = new CloudflareOptions { ApiToken = token, ZoneId = zone };
        if (NullIfEmpty(config["CF_API_BASE_URL"]) is { } baseUrl)
        {
            options.BaseAddress = Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException("CF_API_BASE_URL must be an absolute URL.");
        }

        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int Integer(IConfiguration config, string name, int fallback)
    {
        var text = NullIfEmpty(config[name]);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{name} must be a positive whole number, not '{text}'.");
    }

    private static TimeSpan Seconds(IConfiguration config, string name, int fallback) =>
        TimeSpan.FromSeconds(Integer(config, name, fallback));
}
