using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Contracts;

/// <summary>A contract rented from a marketplace offering: its USD price and the offering whose stock it holds.</summary>
public sealed partial class Contract
{
    /// <summary>The offering rented (whose stock the contract holds until it ends); <c>null</c> for a legacy request.</summary>
    public Guid? RentalOfferingId { get; private set; }

    /// <summary>The USD price the platform computed and took into escrow, in nano-USD; <c>null</c> for a legacy request.</summary>
    public long? RentalPriceNanoUsd { get; private set; }

    /// <summary>Whether the contract was rented from an offering and paid from a wallet into escrow.</summary>
    public bool IsRental => RentalOfferingId is not null;

    /// <summary>
    /// A new rental in <see cref="ContractState.Requested"/>. It is never free, whatever the legacy token price of the
    /// terms says: its payment gate is the escrow payment (<see cref="MarkPaid"/>), made in the same transaction.
    /// </summary>
    public static Contract Rent(ContractId id, ContractTerms terms, Guid offeringId, UsdAmount price, DateTimeOffset now)
    {
        var contract = Request(id, terms, now);
        contract.RentalOfferingId = offeringId;
        contract.RentalPriceNanoUsd = price.NanoUsd;
        contract.IsFree = false;
        return contract;
    }

    /// <summary>Whether the machine was never reported provisioned, so none of the rented time was delivered.</summary>
    public bool NeverProvisioned => ProvisionedAt is null;
}
