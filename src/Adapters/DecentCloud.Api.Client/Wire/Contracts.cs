namespace DecentCloud.Api.Client;

/// <summary><c>POST /api/v1/contracts</c>: a machine from a provider's pool.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="Pool">The provider's pool.</param>
/// <param name="OfferingId">The offering.</param>
/// <param name="Cores">CPU cores.</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="SshPublicKey">The user's SSH key line.</param>
/// <param name="DurationSeconds">How long the contract runs.</param>
/// <param name="PriceE8s">The price in e8s (0 for free contracts).</param>
/// <param name="InstanceConfig">Backend-specific instance configuration (JSON text).</param>
/// <param name="PostProvisionScript">A script to run after provisioning.</param>
public sealed record ContractRequest(
    string ProviderId, string Pool, string OfferingId, int Cores, int MemoryMb, int StorageGb, string SshPublicKey,
    long DurationSeconds, long PriceE8s, string? InstanceConfig = null, string? PostProvisionScript = null);

/// <summary><c>POST /api/v1/contracts/{id}/cancel</c>.</summary>
/// <param name="Reason">Why, for the history.</param>
public sealed record ContractCancellation(string? Reason = null);

/// <summary>A contract as its user sees it: state, machine, encrypted credentials, reset outcome, history.</summary>
/// <param name="ContractId">The contract id (hex).</param>
/// <param name="State">Its state (<c>requested</c>, <c>accepted</c>, <c>provisioning</c>, <c>provisioned</c>, <c>active</c>, …).</param>
/// <param name="ProviderId">The provider.</param>
/// <param name="Pool">The pool.</param>
/// <param name="OfferingId">The offering.</param>
/// <param name="Paid">Whether payment is settled.</param>
/// <param name="ExternalId">The machine's backend id.</param>
/// <param name="Instance">The machine's public details (JSON text of <see cref="InstanceDetails"/>).</param>
/// <param name="LoginUser">Whose password the envelope holds.</param>
/// <param name="CredentialEnvelope">The sealed password (JSON text of a v1, v2 or v3 envelope).</param>
/// <param name="CredentialExpiresAt">When the API deletes the envelope.</param>
/// <param name="PasswordReset">The last reset's state (<c>none</c>, <c>requested</c>, <c>succeeded</c>, <c>failed</c>).</param>
/// <param name="PasswordResetError">Why the last reset failed.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="History">Every state change.</param>
/// <param name="Access">Where the machine is reached; <c>null</c> until it is provisioned and once the contract ended.</param>
/// <param name="RentalPriceE9s">
/// For a contract rented from an offering, the price the platform computed in nano-USD (1 USD = 10^9), paid from the
/// wallet into the contract's escrow; <c>null</c> for a contract requested without an offering's price.
/// </param>
public sealed record ContractDetails(
    string ContractId,
    string State,
    string ProviderId,
    string Pool,
    string OfferingId,
    bool Paid,
    string? ExternalId,
    string? Instance,
    string? LoginUser,
    string? CredentialEnvelope,
    DateTimeOffset? CredentialExpiresAt,
    string PasswordReset,
    string? PasswordResetError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<ContractTransition> History,
    ContractAccess? Access = null,
    long? RentalPriceE9s = null);

/// <summary>Where the user reaches a provisioned machine.</summary>
/// <param name="HttpsUrl"><c>https://{slug}.{dc_id}.{gw_prefix}.{domain}</c> when the machine has a gateway name, else <c>null</c>.</param>
/// <param name="SshHost">The gateway name when there is one, else the machine's public address.</param>
/// <param name="SshPort">The SSH port (22 unless the agent forwarded another).</param>
/// <param name="LoginUser">The user to log in as.</param>
public sealed record ContractAccess(string? HttpsUrl, string? SshHost, int SshPort, string? LoginUser);

/// <summary>One recorded state change.</summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="Reason">Why.</param>
public sealed record ContractTransition(string From, string To, DateTimeOffset At, string Actor, string Reason);
