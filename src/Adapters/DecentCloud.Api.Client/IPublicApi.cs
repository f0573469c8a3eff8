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
    /// price at most, backend), sorted (<c>price</c>, <c>-price</c>, <c>newest</c>) and paged by offset.
    /// </summary>
    [Get("/api/v1/offerings")]
    Task<OfferingSearchPage> SearchOfferingsAsync(
        [AliasAs("minCores")] int? minCores = null, [AliasAs("minMemoryMb")] int? minMemoryMb = null, [AliasAs("minStorageGb")] int? minStorageGb = null,
        [AliasAs("country")] string? country = null, [AliasAs("maxPriceUsd")] string? maxPriceUsd = null, [AliasAs("backend")] string? backend = null,
        [AliasAs("sort")] string? sort = null, [AliasAs("offset")] int? offset = null, [AliasAs("limit")] int? limit = null,
        CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/offerings/{offeringId}/benchmarks</c>: renters' YABS runs of the offering, newest first.</summary>
    [Get("/api/v1/offerings/{offeringId}/benchmarks")]
    Task<IReadOnlyList<BenchmarkSubmissionDetails>> ListBenchmarksAsync(Guid offeringId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/v1/offerings/{offeringId}/price-vs-market</c>: the offering's monthly price against comparable offerings'.</summary>
    [Get("/api/v1/offerings/{offeringId}/price-vs-market")]
    Task<PriceVsMarketDetails> GetPriceVsMarketAsync(Guid offeringId, CancellationToken cancellationToken = default);
}
