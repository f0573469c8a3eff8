namespace DecentCloud.Api.Client;

/// <summary><c>POST /api/v1/providers/me/pools</c>: a new pool of the signer's.</summary>
/// <param name="Name">Pool name, unique on the platform.</param>
public sealed record PoolCreation(string Name);

/// <summary>One of the signer's pools.</summary>
/// <param name="Id">The pool's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record PoolDetails(Guid Id, string Name, DateTimeOffset CreatedAt);

/// <summary><c>POST /api/v1/providers/me/setup-tokens</c>: a one-time token an agent of that pool sets itself up with.</summary>
/// <param name="Pool">One of the signer's pools.</param>
/// <param name="Permissions">Permission names; empty or <c>null</c> means all.</param>
/// <param name="LifetimeSeconds">How long the token is valid (at most 30 days); <c>null</c> means the server's default.</param>
public sealed record SetupTokenRequest(string Pool, IReadOnlyList<string>? Permissions = null, long? LifetimeSeconds = null);

/// <summary>A new setup token; <paramref name="Token"/> is shown only in this answer.</summary>
/// <param name="Id">The token's id (to revoke it).</param>
/// <param name="Token">The secret to give <c>dc-agent setup</c>.</param>
/// <param name="Pool">The pool the agent joins.</param>
/// <param name="Permissions">What the agent may do.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
public sealed record SetupTokenCreated(Guid Id, string Token, string Pool, IReadOnlyList<string> Permissions, DateTimeOffset ExpiresAt);

/// <summary>A setup token without its secret.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Pool">Its pool.</param>
/// <param name="Permissions">What the agent may do.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="ConsumedAt">When an agent used it, if one did.</param>
/// <param name="ConsumedBy">The agent key that used it.</param>
public sealed record SetupTokenDetails(
    Guid Id, string Pool, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ConsumedAt, string? ConsumedBy);

/// <summary>One of the signer's agent delegations.</summary>
/// <param name="AgentPubkey">The agent's key (hex).</param>
/// <param name="PoolId">Its pool's id.</param>
/// <param name="Label">The provider's label for it.</param>
/// <param name="Permissions">What it may do.</param>
/// <param name="CreatedAt">When it was set up.</param>
/// <param name="ExpiresAt">When the delegation ends, if it does.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record AgentDelegationDetails(
    string AgentPubkey, Guid PoolId, string? Label, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary><c>PUT /api/v1/providers/me/agents/{key}/label</c>.</summary>
/// <param name="Label">At most 64 printable characters; empty or <c>null</c> removes the label.</param>
public sealed record AgentLabel(string? Label);

/// <summary><c>POST /api/v1/providers/me/contracts/{id}/reject</c>.</summary>
/// <param name="Reason">Why, shown to the user (at most 500 characters).</param>
public sealed record ContractRejection(string? Reason);

/// <summary>One of the signer's contracts as its provider sees it.</summary>
/// <param name="ContractId">The contract id (hex).</param>
/// <param name="State">Its state's wire name.</param>
/// <param name="Pool">The pool it runs in.</param>
/// <param name="OfferingId">The offering it rents.</param>
/// <param name="RequesterAccountId">The renting account.</param>
/// <param name="Paid">Whether its payment is settled (or it is free).</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="StateSince">When it entered its state.</param>
/// <param name="RespondedAt">When the provider accepted or rejected it, if it did.</param>
/// <param name="ResponseTimeSeconds">The provider's answer time minus the request time, in seconds.</param>
public sealed record ProviderContractDetails(
    string ContractId, string State, string Pool, string OfferingId, Guid RequesterAccountId, bool Paid,
    DateTimeOffset CreatedAt, DateTimeOffset StateSince, DateTimeOffset? RespondedAt, long? ResponseTimeSeconds);

/// <summary>A page of the signer's contracts.</summary>
/// <param name="Items">The contracts, newest request first.</param>
/// <param name="NextOffset">The next page's offset, or <c>null</c> on the last page.</param>
public sealed record ProviderContractPage(IReadOnlyList<ProviderContractDetails> Items, int? NextOffset);
