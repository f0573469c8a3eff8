using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Tests;

/// <summary>A contract rented from an offering: priced in USD, never free, paid only through its escrow.</summary>
public sealed class RentalContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rental_with_a_zero_token_price_is_still_not_free_and_needs_its_payment()
    {
        var offering = Guid.NewGuid();
        var rental = Contract.Rent(ContractId.FromBytes(new byte[32]).Value, TestTerms.Create(free: true), offering, UsdAmount.FromWholeUsd(3).Value, Now);

        Assert.Equal((true, offering, 3_000_000_000L, false, false), (rental.IsRental, rental.RentalOfferingId, rental.RentalPriceNanoUsd, rental.IsFree, rental.IsPaymentSettled));
        Assert.True(rental.NeverProvisioned);
        rental.MarkPaid(Now);
        Assert.True(rental.IsPaymentSettled);
    }

    [Fact]
    public void A_legacy_request_is_no_rental()
    {
        var legacy = Contract.Request(ContractId.FromBytes(new byte[32]).Value, TestTerms.Create(free: true), Now);

        Assert.Equal((false, null, null, true), (legacy.IsRental, legacy.RentalOfferingId, legacy.RentalPriceNanoUsd, legacy.IsFree));
    }
}
