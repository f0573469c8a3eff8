using Refit;

namespace DecentCloud.Api.Client;

/// <summary>The routes that need no signature: liveness, agent setup and the acme-dns update.</summary>
public interface IPublicApi
{
    /// <summary><c>GET /health</c>: whether the API serves.</summary>
    [Get("/health")]
    Task<ApiHealth> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/v1/agents/setup</c>: consumes a setup token and delegates the agent key to the pool's provider.</summary>
    [Post("/api/v1/agents/setup")]
    Task<AgentSetupReply> SetupAgentAsync([Body] AgentSetupRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/v1/acme-dns/update</c>: sets the challenge TXT of a gateway (acme-dns protocol).</summary>
    [Post("/api/v1/acme-dns/update")]
    Task<AcmeDnsUpdateReply> UpdateAcmeTxtAsync(
        [Header("X-Api-User")] string username, [Header("X-Api-Key")] string password, [Body] AcmeDnsUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /api/v1/offerings</c>: active offerings with free stock, filtered (resources at least, country, monthly
    /// price at most, backend), sorted (<c>price</c>, <c>-price</c>, <c>newest</c>, <c>trust</c>, <c>reliability</c>) and paged by offset.
    /// </summary>
    [Get("/api/v1/offerings")]
    Task<OfferingSearchPage> SearchOfferingsAsync(
        [AliasAs("minCores")] int? minCores = null, [AliasAs("minMemoryMb")] int? minMemoryMb = null, [AliasAs("minStorageGb")] int? minStorageGb = null,
        [AliasAs("country")] string? country = null, [AliasAs("maxPriceUsd")] string? maxPriceUsd = null, [AliasAs("backend")] string? backend = null,
        [AliasAs("sort")] string? sort = null, [AliasAs("offset")] int? offset = null, [AliasAs("limit")] int? limit = null,
        CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/contracts/{id}/uptime</c>: a contract's measured uptime (24 h, 7 d, 30 d), incidents and SLA breaches.</summary>
    [Get("/api/v1/contracts/{id}/uptime")]
    Task<ContractUptime> GetContractUptimeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/offerings/{id}/uptime</c>: an offering's measured uptime beside its provider's self-reported SLIs.</summary>
    [Get("/api/v1/offerings/{id}/uptime")]
    Task<OfferingUptime> GetOfferingUptimeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/providers/{id}/uptime</c>: a provider's measured uptime over all its contracts.</summary>
    [Get("/api/v1/providers/{id}/uptime")]
    Task<ProviderUptime> GetProviderUptimeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /api/v1/providers/{providerId}/trust</c>: the provider's trust and reliability scores, every factor with its
    /// reason and severity, the display tier, "not enough data", and the signals shown beside them.
    /// </summary>
    [Get("/api/v1/providers/{providerId}/trust")]
    Task<ProviderTrustDetails> GetProviderTrustAsync(string providerId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/providers/leaderboard</c>: stored scores, best trust first (then reliability), paged by offset.</summary>
    [Get("/api/v1/providers/leaderboard")]
    Task<LeaderboardPage> GetLeaderboardAsync([AliasAs("offset")] int? offset = null, [AliasAs("limit")] int? limit = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/offerings/{offeringId}/benchmarks</c>: renters' YABS runs of the offering, newest first.</summary>
    [Get("/api/v1/offerings/{offeringId}/benchmarks")]
    Task<IReadOnlyList<BenchmarkSubmissionDetails>> ListBenchmarksAsync(Guid offeringId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/offerings/{offeringId}/price-vs-market</c>: the offering's monthly price against comparable offerings'.</summary>
    [Get("/api/v1/offerings/{offeringId}/price-vs-market")]
    Task<PriceVsMarketDetails> GetPriceVsMarketAsync(Guid offeringId, CancellationToken cancellationToken = default);
}
