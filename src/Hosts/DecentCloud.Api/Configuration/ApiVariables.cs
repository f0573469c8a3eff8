using DecentCloud.Hosting.Configuration;

namespace DecentCloud.Api.Configuration;

/// <summary>
/// The API's environment variables (names of the original platform, listed in the README) and the configuration
/// keys they set. The same keys can be given in <c>appsettings.json</c> or as <c>Section__Key</c> variables; when
/// both are given the variable below wins.
/// </summary>
public static class ApiVariables
{
    /// <summary>Every mapped variable.</summary>
    public static IReadOnlyList<LegacyVariable> All { get; } =
    [
        new("CF_DOMAIN", "Gateway:Domain"),
        new("CF_GW_PREFIX", "Gateway:GatewayPrefix"),
        new("API_PUBLIC_URL", "Gateway:PublicUrl"),
        new("DC_ACME_TXT_MAX_AGE_SECONDS", "Gateway:TxtMaxAge", LegacyValueKind.Seconds),
        new("DC_SETUP_TOKEN_LIFETIME_SECONDS", "Gateway:SetupTokenLifetime", LegacyValueKind.Seconds),
        new("DC_RESERVED_DC_ID_PREFIXES", "Gateway:ExtraReservedPrefixes", LegacyValueKind.CommaList),
        new("DC_MAX_GATEWAYS_PER_PROVIDER", "Gateway:MaxPerProvider", LegacyValueKind.PositiveInteger),
        new("DC_POSTGRES_CONNECTION", "Persistence:PostgresConnectionString"),
        new("DC_SQLITE_PATH", "Persistence:SqlitePath"),
        new("DC_DNS_LISTEN", "Dns:Listen"),
        new("DC_DNS_NAMESERVER", "Dns:NameServer"),
        new("DC_DNS_UDP_CONCURRENCY", "Dns:UdpConcurrency", LegacyValueKind.PositiveInteger),
        new("DC_DNS_UDP_RATE_LIMIT", "Dns:UdpRateLimit"),
        new("DC_DNS_TCP_IDLE_TIMEOUT_SECONDS", "Dns:TcpIdleTimeout", LegacyValueKind.Seconds),
        new("DC_DNS_TCP_MAX_CONNECTIONS", "Dns:TcpMaxConnections", LegacyValueKind.PositiveInteger),
        new("DC_DNS_TCP_MAX_CONNECTIONS_PER_SOURCE", "Dns:TcpMaxConnectionsPerSource", LegacyValueKind.PositiveInteger),
        new("DC_DNS_ANSWER_CACHE_SECONDS", "Dns:AnswerCacheSeconds"),
        new("CF_API_TOKEN", "Cloudflare:ApiToken"),
        new("CF_ZONE_ID", "Cloudflare:ZoneId"),
        new("CF_API_BASE_URL", "Cloudflare:BaseAddress"),
        new("DC_CONTRACT_REQUEST_TIMEOUT_SECONDS", "ContractTimeouts:RequestTimeout", LegacyValueKind.Seconds),
        new("DC_CONTRACT_PROVISIONING_TIMEOUT_SECONDS", "ContractTimeouts:ProvisioningTimeout", LegacyValueKind.Seconds),
        new("DC_PROVISIONING_LEASE_SECONDS", "AgentProtocol:LeaseLength", LegacyValueKind.Seconds),
        new("DC_HEARTBEAT_INTERVAL_SECONDS", "AgentProtocol:HeartbeatInterval", LegacyValueKind.Seconds),
        new("DC_CREDENTIAL_LIFETIME_SECONDS", "AgentProtocol:CredentialLifetime", LegacyValueKind.Seconds),
        new("DC_AUTH_FAILURE_LIMIT", "AuthFailureLimits:MaxFailures", LegacyValueKind.PositiveInteger),
        new("DC_AUTH_FAILURE_WINDOW_SECONDS", "AuthFailureLimits:Window", LegacyValueKind.Seconds),
        new("DC_AUTH_FAILURE_TARGET_LIMIT", "AuthFailureLimits:MaxFailuresPerTarget", LegacyValueKind.PositiveInteger),
        new("DC_AUTH_FAILURE_GLOBAL_LIMIT", "AuthFailureLimits:MaxFailuresOverall", LegacyValueKind.PositiveInteger),
        new("DC_TRUSTED_PROXIES", "ClientAddress:TrustedProxies", LegacyValueKind.CommaList),
        new("DC_LEGACY_SIGNATURE_CUTOFF", "SignedRequests:LegacyFormatAcceptedUntil"),
        new("DC_SWEEP_INTERVAL_SECONDS", "Jobs:DefaultInterval", LegacyValueKind.Seconds),
        new("DC_TXT_SWEEP_INTERVAL_SECONDS", "Jobs:Intervals:expire-txt-values", LegacyValueKind.Seconds),
        new("DC_NONCE_SWEEP_INTERVAL_SECONDS", "Jobs:Intervals:forget-nonces", LegacyValueKind.Seconds),
        new("DC_CONTRACT_TIMEOUT_INTERVAL_SECONDS", "Jobs:Intervals:contract-timeouts", LegacyValueKind.Seconds),
        new("DC_CREDENTIAL_SWEEP_INTERVAL_SECONDS", "Jobs:Intervals:expire-credentials", LegacyValueKind.Seconds),
        new("DC_OUTBOX_INTERVAL_SECONDS", "Jobs:Intervals:dispatch-outbox", LegacyValueKind.Seconds),
        new("DC_QUOTA_DEVICES_PER_ACCOUNT", "Quotas:MaxDevicesPerAccount", LegacyValueKind.PositiveInteger),
        new("DC_QUOTA_OPEN_REQUESTS_PER_ACCOUNT", "Quotas:MaxOpenRequestsPerAccount", LegacyValueKind.PositiveInteger),
        new("DC_QUOTA_ACCOUNTS_PER_ADDRESS", "Quotas:MaxAccountsPerAddress", LegacyValueKind.PositiveInteger),
        new("DC_QUOTA_CONTRACTS_PER_ADDRESS", "Quotas:MaxContractsPerAddress", LegacyValueKind.PositiveInteger),
        new("DC_QUOTA_ADDRESS_WINDOW_SECONDS", "Quotas:AddressWindow", LegacyValueKind.Seconds),
        new("DC_CONTRACT_REQUEST_RETENTION_SECONDS", "ContractRetention:RequestRetention", LegacyValueKind.Seconds),
        new("DC_CONTRACT_RETENTION_INTERVAL_SECONDS", "Jobs:Intervals:contract-retention", LegacyValueKind.Seconds),
        new("DC_ESCROW_RELEASE_INTERVAL_SECONDS", "Escrow:ReleaseInterval", LegacyValueKind.Seconds),
        new("DC_PLATFORM_FEE_PERCENT", "Escrow:PlatformFeePercent"),
        new("DC_ESCROW_RELEASE_JOB_INTERVAL_SECONDS", "Jobs:Intervals:escrow-releases", LegacyValueKind.Seconds),
        new("DC_AUDIT_RETENTION_SECONDS", "Audit:Retention", LegacyValueKind.Seconds),
        new("DC_AUDIT_MAX_REFUSALS", "Audit:MaxRefusals", LegacyValueKind.PositiveInteger),
        new("DC_AUDIT_PRUNE_INTERVAL_SECONDS", "Jobs:Intervals:prune-audit", LegacyValueKind.Seconds),
        new("DC_MIN_REQUEST_BODY_RATE", "RequestBody:MinBytesPerSecond", LegacyValueKind.PositiveInteger),
        new("DC_REQUEST_BODY_GRACE_SECONDS", "RequestBody:GracePeriod", LegacyValueKind.Seconds),
        new("STRIPE_WEBHOOK_SECRET", "TopUps:StripeWebhookSecret"),
        new("ICPAY_WEBHOOK_SECRET", "TopUps:IcpayWebhookSecret"),
        new("STRIPE_SECRET_KEY", "Stripe:SecretKey"),
        new("STRIPE_API_BASE_URL", "Stripe:ApiBaseUrl"),
        new("DC_TOPUP_SUCCESS_URL", "TopUps:TopUpSuccessUrl"),
        new("DC_TOPUP_CANCEL_URL", "TopUps:TopUpCancelUrl"),
        new("DC_ADMIN_PUBLIC_KEYS", "Admin:PublicKeys", LegacyValueKind.CommaList),
        new("DC_PRICE_MAX_AGE_SECONDS", "Prices:MaxAge", LegacyValueKind.Seconds),
        new("DC_PRICE_QUORUM", "Prices:Quorum", LegacyValueKind.PositiveInteger),
        new("DC_PRICE_MAX_SPREAD_PERCENT", "Prices:MaxSpreadPercent"),
        new("DC_PRICE_SOURCES", "Prices:Sources", LegacyValueKind.CommaList),
        new("DC_PRICE_TOKENS", "Prices:Tokens", LegacyValueKind.CommaList),
        new("DC_PRICE_SOURCE_TIMEOUT_SECONDS", "Prices:SourceTimeout", LegacyValueKind.Seconds),
        new("DC_PRICE_REFRESH_INTERVAL_SECONDS", "Jobs:Intervals:refresh-prices", LegacyValueKind.Seconds),
    ];
}
