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
}
