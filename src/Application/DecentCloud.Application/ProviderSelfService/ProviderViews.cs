namespace DecentCloud.Application.ProviderSelfService;

/// <summary>One of the provider's pools.</summary>
public sealed record ProviderPoolView(Guid Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A setup token as its provider sees it later: never the secret, which is shown once at creation.</summary>
public sealed record ProviderSetupTokenView(
    Guid Id, string Pool, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ConsumedAt, string? ConsumedBy);

/// <summary>A new setup token: <paramref name="Token"/> is shown only in this answer.</summary>
public sealed record ProviderCreatedSetupToken(Guid Id, string Token, string Pool, IReadOnlyList<string> Permissions, DateTimeOffset ExpiresAt);

/// <summary>One of the provider's contracts, with how long the provider took to answer it (for the trust score).</summary>
public sealed record ProviderContractView(
    string ContractId, string State, string Pool, string OfferingId, Guid RequesterAccountId, bool Paid,
    DateTimeOffset CreatedAt, DateTimeOffset StateSince, DateTimeOffset? RespondedAt, long? ResponseTimeSeconds);

/// <summary>One page of the provider's contracts and the offset of the next page, or <c>null</c> on the last page.</summary>
public sealed record ProviderContractPage(IReadOnlyList<ProviderContractView> Items, int? NextOffset);
