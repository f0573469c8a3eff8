namespace DecentCloud.Api.Client;

/// <summary><c>GET /api/v1/providers/me/earnings</c>: what the signing provider has earned, in nano-USD (e9s).</summary>
/// <param name="PendingE9s">Still held in the escrow of its rentals (released as the rented time passes).</param>
/// <param name="ReleasedE9s">Released to it (net of the platform's fee), not yet paid out.</param>
/// <param name="PaidE9s">Paid out to it.</param>
/// <param name="FeesE9s">The platform's fees taken from its releases.</param>
/// <param name="Contracts">A page of its rentals, newest first.</param>
/// <param name="NextOffset">The offset of the next page; <c>null</c> on the last.</param>
public sealed record ProviderEarnings(
    long PendingE9s, long ReleasedE9s, long PaidE9s, long FeesE9s, IReadOnlyList<ContractEarnings> Contracts, int? NextOffset);

/// <summary>One rental's money, in nano-USD: paid = released + fees + refunded + in escrow.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="State">The contract's state.</param>
/// <param name="PaidE9s">What the renter paid into escrow.</param>
/// <param name="ReleasedE9s">Released to the provider (net of fees), paid out or not.</param>
/// <param name="FeesE9s">The platform's fees on those releases.</param>
/// <param name="RefundedE9s">Refunded to the renter.</param>
/// <param name="PaidOutE9s">Of the released, what was paid out.</param>
/// <param name="InEscrowE9s">Still held.</param>
public sealed record ContractEarnings(
    string ContractId, string State, long PaidE9s, long ReleasedE9s, long FeesE9s, long RefundedE9s, long PaidOutE9s, long InEscrowE9s);
