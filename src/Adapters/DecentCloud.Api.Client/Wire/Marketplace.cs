namespace DecentCloud.Api.Client;

/// <summary><c>PUT /api/v1/providers/me/profile</c>: the signer's account as a provider; at least one contact is required.</summary>
/// <param name="Name">Public name, 1-64 characters.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code, e.g. <c>DE</c>.</param>
/// <param name="Description">Public description, at most 2000 characters.</param>
/// <param name="Email">Public contact email.</param>
/// <param name="Website">Public https website.</param>
/// <param name="Telegram">Telegram handle.</param>
/// <param name="AutoAccept">Whether rentals are accepted without an answer from the provider.</param>
/// <param name="PayoutAccount">ICRC-1 account text payouts go to (with <paramref name="PayoutToken"/>).</param>
/// <param name="PayoutToken">DC, ICP, ckUSDC or ckUSDT (with <paramref name="PayoutAccount"/>).</param>
public sealed record ProviderProfileUpdate(
    string Name, string Country, string? Description = null, string? Email = null, string? Website = null, string? Telegram = null,
    bool AutoAccept = false, string? PayoutAccount = null, string? PayoutToken = null);

/// <summary>A provider profile as its owner sees it.</summary>
/// <param name="AccountId">The provider's account.</param>
/// <param name="ProviderId">The provider id its pools and offerings carry (the account id's text).</param>
/// <param name="Name">Public name.</param>
/// <param name="Description">Public description.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Email">Public contact email.</param>
/// <param name="Website">Public website.</param>
/// <param name="Telegram">Telegram handle.</param>
/// <param name="AutoAccept">Whether rentals are accepted automatically.</param>
/// <param name="PayoutAccount">ICRC-1 account text, if set.</param>
/// <param name="PayoutToken">Payout token, if set.</param>
/// <param name="CreatedAt">When the profile was first saved.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ProviderProfileDetails(
    Guid AccountId, string ProviderId, string Name, string Description, string Country, string? Email, string? Website, string? Telegram,
    bool AutoAccept, string? PayoutAccount, string? PayoutToken, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary><c>POST /api/v1/providers/me/offerings</c> and <c>PUT …/{id}</c>: every field of an offering.</summary>
/// <param name="Name">Public name, 1-64 characters.</param>
/// <param name="Cores">vCPUs (1-512).</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="Region">Region label, e.g. <c>eu-central</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Pool">One of the provider's agent pools.</param>
/// <param name="Backend">hetzner, digitalocean, vultr, proxmox or docker.</param>
/// <param name="MonthlyPriceUsd">Price of 30 days as decimal USD text, e.g. <c>12.50</c>.</param>
/// <param name="SlaTargetBasisPoints">SLA target in basis points of a percent (9990 = 99.90 %).</param>
/// <param name="MinDurationSeconds">Shortest rental (at least 60).</param>
/// <param name="MaxDurationSeconds">Longest rental (at most 10 years).</param>
/// <param name="Stock">Most contracts running at once.</param>
public sealed record OfferingDraft(
    string Name, int Cores, int MemoryMb, int StorageGb, string Region, string Country, string Pool, string Backend,
    string MonthlyPriceUsd, int SlaTargetBasisPoints, long MinDurationSeconds, long MaxDurationSeconds, int Stock);

/// <summary>An offering as its provider sees it.</summary>
/// <param name="Id">The offering id.</param>
/// <param name="State">active, paused or retired.</param>
/// <param name="Name">Public name.</param>
/// <param name="Cores">vCPUs.</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="Region">Region label.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Pool">The agent pool.</param>
/// <param name="Backend">Backend.</param>
/// <param name="MonthlyPriceUsd">Price of 30 days, decimal USD text.</param>
/// <param name="SlaTargetBasisPoints">SLA target (9990 = 99.90 %).</param>
/// <param name="MinDurationSeconds">Shortest rental.</param>
/// <param name="MaxDurationSeconds">Longest rental.</param>
/// <param name="Stock">Most contracts at once.</param>
/// <param name="Reserved">Contracts holding a unit now.</param>
/// <param name="CreatedAt">When it was published.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record OfferingDetails(
    Guid Id, string State, string Name, int Cores, int MemoryMb, int StorageGb, string Region, string Country, string Pool, string Backend,
    string MonthlyPriceUsd, int SlaTargetBasisPoints, long MinDurationSeconds, long MaxDurationSeconds, int Stock, int Reserved,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An offering in the public search.</summary>
/// <param name="Id">The offering id.</param>
/// <param name="ProviderId">The provider that sells it.</param>
/// <param name="Name">Public name.</param>
/// <param name="Cores">vCPUs.</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="Region">Region label.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Backend">Backend.</param>
/// <param name="MonthlyPriceUsd">Price of 30 days, decimal USD text.</param>
/// <param name="SlaTargetBasisPoints">SLA target (9990 = 99.90 %).</param>
/// <param name="MinDurationSeconds">Shortest rental.</param>
/// <param name="MaxDurationSeconds">Longest rental.</param>
/// <param name="Available">Units free now.</param>
public sealed record OfferingListing(
    Guid Id, string ProviderId, string Name, int Cores, int MemoryMb, int StorageGb, string Region, string Country, string Backend,
    string MonthlyPriceUsd, int SlaTargetBasisPoints, long MinDurationSeconds, long MaxDurationSeconds, int Available);

/// <summary><c>GET /api/v1/offerings</c>: one page of the search.</summary>
/// <param name="Items">The offerings of this page.</param>
/// <param name="NextOffset">The <c>offset</c> of the next page, or <c>null</c> on the last one.</param>
public sealed record OfferingSearchPage(IReadOnlyList<OfferingListing> Items, int? NextOffset);
