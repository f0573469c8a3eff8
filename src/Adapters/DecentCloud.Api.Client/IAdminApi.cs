using Refit;

namespace DecentCloud.Api.Client;

/// <summary>
/// The operator's routes under <c>/api/v1/admin</c>, each signed with an admin key: a key listed in the API's
/// <c>DC_ADMIN_PUBLIC_KEYS</c>, signing like a device (<c>X-Public-Key</c>, format 2). Every call is audited on the
/// server, refusals included. A later admin route is one more method here, with its route attribute and a wire
/// record in <c>Wire/</c>; the signing and the registration (<see cref="DecentCloudApiClientOptions.AdminSigner"/>) stay as they are.
/// </summary>
public interface IAdminApi
{
    /// <summary>Verifies the double-entry books (as <c>admin books verify</c>); <paramref name="limit"/> caps the discrepancies listed (1-1000).</summary>
    [Get("/api/v1/admin/books")]
    Task<BooksVerification> GetBooksAsync([Query] int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>What every provider is owed (released, not yet paid out), biggest total first.</summary>
    [Get("/api/v1/admin/payment-releases")]
    Task<IReadOnlyList<PendingPaymentRelease>> ListPaymentReleasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a payment made by hand to a provider: exactly those releases become paid out, or nothing (409).</summary>
    [Post("/api/v1/admin/payouts")]
    Task<PayoutDetails> RecordPayoutAsync([Body] ManualPayoutRequest payout, CancellationToken cancellationToken = default);

    /// <summary>Plans an automated ICRC-1 payout run in one token (or, <c>DryRun</c>, shows it), resuming the payouts an earlier run left open.</summary>
    [Post("/api/v1/admin/payout-runs")]
    Task<PayoutRunPlan> PlanPayoutRunAsync([Body] PayoutRunRequest run, CancellationToken cancellationToken = default);

    /// <summary>One payout (automated or manual) with its state, transfer arguments and block: 404 <c>payout_not_found</c>.</summary>
    [Get("/api/v1/admin/payouts/{payoutId}")]
    Task<AutomatedPayout> GetPayoutAsync(Guid payoutId, CancellationToken cancellationToken = default);

    /// <summary>Payouts, newest first, optionally of one state (<c>planned</c>, <c>submitted</c>, <c>confirmed</c>, <c>failed</c>) and token; offset pages.</summary>
    [Get("/api/v1/admin/payouts")]
    Task<IReadOnlyList<AutomatedPayout>> ListPayoutsAsync([Query] string? state = null, [Query] string? token = null, [Query] int? offset = null, [Query] int? limit = null, CancellationToken cancellationToken = default);

    /// <summary><c>planned → submitted</c>: the transfer is about to be sent (idempotent when already submitted).</summary>
    [Post("/api/v1/admin/payouts/{payoutId}/submitted")]
    Task<AutomatedPayout> MarkPayoutSubmittedAsync(Guid payoutId, CancellationToken cancellationToken = default);

    /// <summary><c>→ confirmed(block)</c>: its releases become paid out; idempotent for the same block, 409 for another.</summary>
    [Post("/api/v1/admin/payouts/{payoutId}/confirmed")]
    Task<AutomatedPayout> ConfirmPayoutAsync(Guid payoutId, [Body] PayoutConfirmation confirmation, CancellationToken cancellationToken = default);

    /// <summary><c>→ failed(reason)</c>: its releases return to pending for a later run.</summary>
    [Post("/api/v1/admin/payouts/{payoutId}/failed")]
    Task<AutomatedPayout> FailPayoutAsync(Guid payoutId, [Body] PayoutFailure failure, CancellationToken cancellationToken = default);

    /// <summary>After <c>BadFee</c>: records the ledger's expected fee (once per payout) and the amount that follows from it.</summary>
    [Post("/api/v1/admin/payouts/{payoutId}/fee")]
    Task<AutomatedPayout> CorrectPayoutFeeAsync(Guid payoutId, [Body] PayoutFeeCorrection correction, CancellationToken cancellationToken = default);

    /// <summary>After <c>TooOld</c>, once the ledger shows no transfer with the old memo: a new attempt with a new <c>created_at_time</c> and memo.</summary>
    [Post("/api/v1/admin/payouts/{payoutId}/replan")]
    Task<AutomatedPayout> ReplanPayoutAsync(Guid payoutId, CancellationToken cancellationToken = default);

    /// <summary>The ICRC-1 deposits found, newest first; <paramref name="state"/> keeps one state (e.g. <c>below_fee</c>), <paramref name="limit"/> 1-1000.</summary>
    [Get("/api/v1/admin/deposits")]
    Task<IReadOnlyList<DepositDetails>> ListDepositsAsync([Query] string? state = null, [Query] int? limit = null, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/v1/admin/providers/{providerId}/scores</c>: recomputes and stores the provider's scores now.</summary>
    [Post("/api/v1/admin/providers/{providerId}/scores")]
    Task<ProviderTrustDetails> RecomputeProviderScoresAsync(string providerId, CancellationToken cancellationToken = default);

    /// <summary>Archived contracts of a provider and/or a user (at least one), latest archived first; <paramref name="limit"/> 1-1000 (default 100).</summary>
    [Get("/api/v1/admin/archive/contracts")]
    Task<IReadOnlyList<ArchivedContract>> ListArchivedContractsAsync([Query] string? provider = null, [Query] string? user = null, [Query] int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>One archived contract by id: 404 <c>archived_contract_not_found</c>.</summary>
    [Get("/api/v1/admin/archive/contracts/{contractId}")]
    Task<ArchivedContract> GetArchivedContractAsync(string contractId, CancellationToken cancellationToken = default);
}
