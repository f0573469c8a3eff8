using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Earnings;

/// <summary>Reads a provider's earnings from its rentals' escrows and release rows.</summary>
public interface IEarningsReader
{
    /// <summary>The provider's totals over every escrow and release row.</summary>
    Task<EarningsTotals> TotalsAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>A page of the provider's escrows, newest rental first.</summary>
    Task<IReadOnlyList<ContractEarnings>> ContractsAsync(ProviderId providerId, int offset, int limit, CancellationToken cancellationToken);
}

/// <summary>A provider's earnings, in nano-USD.</summary>
/// <param name="PendingE9s">Still held in the escrow of its rentals (earned as the rented time passes).</param>
/// <param name="ReleasedE9s">Released to it (net of fees), not yet paid out.</param>
/// <param name="PaidE9s">Paid out to it.</param>
/// <param name="FeesE9s">The platform's fees taken from its releases.</param>
public sealed record EarningsTotals(long PendingE9s, long ReleasedE9s, long PaidE9s, long FeesE9s);

/// <summary>One rental's money, in nano-USD: paid = released + fees + refunded + in escrow.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="State">The contract's state (wire name).</param>
/// <param name="PaidE9s">What the renter paid into escrow.</param>
/// <param name="ReleasedE9s">Released to the provider (net of fees), paid out or not.</param>
/// <param name="FeesE9s">The platform's fees on those releases.</param>
/// <param name="RefundedE9s">Refunded to the renter.</param>
/// <param name="PaidOutE9s">Of the released, what was paid out.</param>
/// <param name="InEscrowE9s">Still held.</param>
public sealed record ContractEarnings(
    string ContractId, string State, long PaidE9s, long ReleasedE9s, long FeesE9s, long RefundedE9s, long PaidOutE9s, long InEscrowE9s);
