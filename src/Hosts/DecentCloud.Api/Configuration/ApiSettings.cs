using DecentCloud.Adapters.Cloudflare;
using DecentCloud.Adapters.EmbeddedDns;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Http;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Hosting.Configuration;
using DecentCloud.Hosting.Jobs;

namespace DecentCloud.Api.Configuration;

/// <summary>
/// Every setting of the API program, bound per feature from configuration: the environment variables of the
/// README's table (<see cref="ApiVariables"/>), <c>appsettings.json</c> sections and <c>Section__Key</c> variables.
/// Invalid values stop the program at start with a message naming the variable.
/// </summary>
public sealed class ApiSettings
{
    /// <summary>The retired setting of the separate acme-dns server; its presence only earns a warning.</summary>
    public const string RetiredAcmeDnsServerUrl = "ACME_DNS_SERVER_URL";

    /// <summary>The configuration (with the legacy variables applied) the settings were bound from.</summary>
    public required IConfiguration Configuration { get; init; }

    /// <summary>URL(s) Kestrel listens on when nothing else says (<c>DC_LISTEN_URLS</c>; see <see cref="global::DecentCloud.Api.Configuration.ListenUrls"/> for the precedence).</summary>
    public string ListenUrls { get; init; } = global::DecentCloud.Api.Configuration.ListenUrls.Default;

    /// <summary>Gateway namespace and acme-dns settings (section <c>Gateway</c>).</summary>
    public required GatewayOptions Gateway { get; init; }

    /// <summary>Database settings (section <c>Persistence</c>).</summary>
    public required PersistenceOptions Persistence { get; init; }

    /// <summary>Cloudflare settings (section <c>Cloudflare</c>), or <c>null</c> to use the embedded DNS server.</summary>
    public CloudflareOptions? Cloudflare { get; init; }

    /// <summary>Embedded DNS server settings (section <c>Dns</c>; used when <see cref="Cloudflare"/> is null).</summary>
    public required EmbeddedDnsOptions EmbeddedDns { get; init; }

    /// <summary>Brute-force limits (section <c>AuthFailureLimits</c>).</summary>
    public required AuthFailureLimitOptions AuthFailureLimits { get; init; }

    /// <summary>Which proxies' <c>X-Forwarded-For</c> is believed (section <c>ClientAddress</c>).</summary>
    public ClientAddressOptions ClientAddress { get; init; } = new();

    /// <summary>Signed-request format settings (section <c>SignedRequests</c>).</summary>
    public SignedRequestOptions SignedRequests { get; init; } = new();

    /// <summary>Contract timeouts applied by the maintenance jobs (section <c>ContractTimeouts</c>).</summary>
    public required ContractTimeoutOptions ContractTimeouts { get; init; }

    /// <summary>Lease, heartbeat and credential timings of the agent protocol (section <c>AgentProtocol</c>).</summary>
    public required AgentProtocolOptions AgentProtocol { get; init; }

    /// <summary>Per-account and per-address quotas on creates (section <c>Quotas</c>).</summary>
    public DecentCloud.Application.Accounts.QuotaOptions Quotas { get; init; } = new();

    /// <summary>Retention of contract requests that ended without a payment or a machine (section <c>ContractRetention</c>).</summary>
    public ContractRetentionOptions ContractRetention { get; init; } = new();

    /// <summary>When ended contracts move to the archive and how long payment records are kept (section <c>ContractArchive</c>).</summary>
    public DecentCloud.Application.Retention.ContractArchiveOptions ContractArchive { get; init; } = new();
    /// <summary>How the stored provider scores are refreshed (section <c>Scores</c>).</summary>
    public DecentCloud.Application.Trust.ScoreOptions Scores { get; init; } = new();

    /// <summary>Intervals of the recurring jobs (section <c>Jobs</c>).</summary>
    public required RecurringJobsOptions Jobs { get; init; }

    /// <summary>Audit trail retention (section <c>Audit</c>).</summary>
    public required AuditOptions Audit { get; init; }

    /// <summary>The slowest request body Kestrel accepts (section <c>RequestBody</c>).</summary>
    public required RequestBodyOptions RequestBody { get; init; }

    /// <summary>Wallet top-up settings (section <c>TopUps</c>): webhook secrets and the Checkout return URLs.</summary>
    public DecentCloud.Application.Wallet.TopUpOptions TopUps { get; init; } = new();

    /// <summary>Escrow release settings (section <c>Escrow</c>): the release interval and the platform's fee.</summary>
    public DecentCloud.Application.Releases.EscrowOptions Escrow { get; init; } = new();

    /// <summary>Token price settings (section <c>Prices</c>): max age, quorum, spread, sources and tokens.</summary>
    public DecentCloud.Application.Prices.PricesOptions Prices { get; init; } = new();

    /// <summary>Automated payout settings (section <c>Payouts</c>): the minimum paid and who pays the ledger fee.</summary>
    public DecentCloud.Application.Payouts.PayoutsOptions Payouts { get; init; } = new();

    /// <summary>Where the exchange price sources send their requests (section <c>Exchanges</c>); only tests change them.</summary>
    public DecentCloud.Adapters.Exchanges.ExchangesOptions Exchanges { get; init; } = new();

    /// <summary>How the API reaches the Internet Computer (section <c>Ic</c>): boundary node or local replica, and its root key.</summary>
    public DecentCloud.Adapters.Icp.IcNetworkOptions Ic { get; init; } = new();

    /// <summary>The DEX canisters the <c>kongswap</c> and <c>icpswap</c> price sources read (section <c>IcDex</c>); only tests change them.</summary>
    public DecentCloud.Adapters.Icp.Dex.IcDexOptions IcDex { get; init; } = new();

    /// <summary>ICRC-1 deposit settings (section <c>Deposits</c>): the ledgers scanned and the stablecoin tolerance.</summary>
    public DecentCloud.Application.Deposits.DepositOptions Deposits { get; init; } = new();

    /// <summary>The deposit principal's key and the sweeps' treasury (section <c>Deposits</c>); no key: deposits off.</summary>
    public DecentCloud.Adapters.Icp.Deposits.DepositIdentityOptions DepositIdentity { get; init; } = new();

    /// <summary>How the platform probes contracts (section <c>Probes</c>): timeout, extra CA file, connect-to overrides.</summary>
    public DecentCloud.Adapters.Probes.ProbeOptions Probes { get; init; } = new();

    /// <summary>Stripe API settings (section <c>Stripe</c>), or <c>null</c> when <c>STRIPE_SECRET_KEY</c> is unset (Stripe top-ups answer 503).</summary>
    public DecentCloud.Adapters.Stripe.StripeOptions? Stripe { get; init; }

    /// <summary>The keys allowed to sign admin HTTP requests (section <c>Admin</c>; none by default: every admin route is refused).</summary>
    public DecentCloud.Application.Admin.AdminOptions Admin { get; init; } = new();

    /// <summary>The public benchmark and uptime listings imported, and the import's limits (section <c>ExternalSignals</c>).</summary>
    public DecentCloud.Application.Signals.ExternalSignalsOptions ExternalSignals { get; init; } = new();

    /// <summary>Whether the retired <see cref="RetiredAcmeDnsServerUrl"/> is still set.</summary>
    public bool RetiredAcmeDnsServerUrlPresent { get; init; }

    /// <summary>Binds and validates the settings; throws <see cref="InvalidOperationException"/> naming the bad variable.</summary>
    public static ApiSettings FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return Bind(new ConfigurationBuilder().AddConfiguration(config).AddLegacyVariables(config, ApiVariables.All).Build());
        }
        catch (InvalidSettingsException ex)
        {
            // One exception type for every settings fault, as callers (and their tests) have always caught.
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    private static ApiSettings Bind(IConfiguration config)
    {
        var names = ApiVariables.All;
        return new ApiSettings
        {
            Configuration = config,
            ListenUrls = config["DC_LISTEN_URLS"] is { } urls && !string.IsNullOrWhiteSpace(urls) ? urls.Trim() : global::DecentCloud.Api.Configuration.ListenUrls.Default,
            Gateway = config.BindValidated("Gateway", names, new GatewayOptionsValidator()),
            Persistence = config.BindValidated<PersistenceOptions>("Persistence", names),
            Cloudflare = BindCloudflare(config),
            EmbeddedDns = config.BindValidated<EmbeddedDnsOptions>("Dns", names),
            AuthFailureLimits = config.BindValidated("AuthFailureLimits", names, new AuthFailureLimitOptionsValidator()),
            ClientAddress = config.BindValidated("ClientAddress", names, new ClientAddressOptionsValidator()),
            SignedRequests = config.BindValidated<SignedRequestOptions>("SignedRequests", names),
            ContractTimeouts = config.BindValidated<ContractTimeoutOptions>("ContractTimeouts", names),
            AgentProtocol = config.BindValidated<AgentProtocolOptions>("AgentProtocol", names),
            Quotas = config.BindValidated<DecentCloud.Application.Accounts.QuotaOptions>("Quotas", names),
            ContractRetention = config.BindValidated<ContractRetentionOptions>("ContractRetention", names),
            ContractArchive = config.BindValidated<DecentCloud.Application.Retention.ContractArchiveOptions>("ContractArchive", names),
            Scores = config.BindValidated<DecentCloud.Application.Trust.ScoreOptions>("Scores", names),
            Jobs = config.BindValidated<RecurringJobsOptions>("Jobs", names),
            Audit = config.BindValidated<AuditOptions>("Audit", names),
            RequestBody = config.BindValidated<RequestBodyOptions>("RequestBody", names),
            TopUps = config.BindValidated<DecentCloud.Application.Wallet.TopUpOptions>("TopUps", names),
            Escrow = config.BindValidated<DecentCloud.Application.Releases.EscrowOptions>("Escrow", names),
            Prices = config.BindValidated<DecentCloud.Application.Prices.PricesOptions>("Prices", names),
            Payouts = config.BindValidated<DecentCloud.Application.Payouts.PayoutsOptions>("Payouts", names),
            Exchanges = config.BindValidated<DecentCloud.Adapters.Exchanges.ExchangesOptions>("Exchanges", names),
            Ic = config.BindValidated<DecentCloud.Adapters.Icp.IcNetworkOptions>("Ic", names),
            IcDex = config.BindValidated<DecentCloud.Adapters.Icp.Dex.IcDexOptions>("IcDex", names),
            Deposits = config.BindValidated<DecentCloud.Application.Deposits.DepositOptions>("Deposits", names),
            DepositIdentity = config.BindValidated<DecentCloud.Adapters.Icp.Deposits.DepositIdentityOptions>("Deposits", names),
            Stripe = string.IsNullOrWhiteSpace(config["Stripe:SecretKey"]) ? null : config.BindValidated<DecentCloud.Adapters.Stripe.StripeOptions>("Stripe", names),
            Admin = config.BindValidated<DecentCloud.Application.Admin.AdminOptions>("Admin", names),
            Probes = config.BindValidated<DecentCloud.Adapters.Probes.ProbeOptions>("Probes", names),
            ExternalSignals = config.BindValidated<DecentCloud.Application.Signals.ExternalSignalsOptions>("ExternalSignals", names),
            RetiredAcmeDnsServerUrlPresent = config[RetiredAcmeDnsServerUrl] is not null,
        };
    }

    private static CloudflareOptions? BindCloudflare(IConfiguration config)
    {
        var section = config.GetSection("Cloudflare");
        var token = !string.IsNullOrWhiteSpace(section["ApiToken"]);
        var zone = !string.IsNullOrWhiteSpace(section["ZoneId"]);
        if (!token && !zone)
        {
            return null;
        }

        if (!token || !zone)
        {
            throw new InvalidSettingsException("Set both CF_API_TOKEN and CF_ZONE_ID to use Cloudflare, or neither to use the embedded DNS server.");
        }

        var options = config.BindValidated("Cloudflare", ApiVariables.All, new CloudflareOptionsValidator());

        // Refit resolves relative paths against the base address, so it must end in a slash.
        if (!options.BaseAddress.AbsoluteUri.EndsWith('/'))
        {
            options.BaseAddress = new Uri(options.BaseAddress.AbsoluteUri + "/");
        }

        return options;
    }
}
