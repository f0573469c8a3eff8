namespace DecentCloud.Money.Bench;

/// <summary>
/// The benchmark's sizes. Each of <paramref name="Accounts"/> accounts is funded by <paramref name="SessionsPerAccount"/>
/// Stripe sessions with exactly the price of <paramref name="RentalsPerAccount"/> one-day rentals, then tries one rental
/// more than that: exactly <c>Accounts × RentalsPerAccount</c> must succeed.
/// </summary>
internal sealed record BenchSettings(
    Uri Api,
    string Postgres,
    string StripeSecret,
    int Accounts,
    int SessionsPerAccount,
    int RentalsPerAccount,
    int Duplicates,
    int Deliveries,
    int Concurrency,
    int Offerings,
    int HealthRequests,
    int ReleaseContracts)
{
    /// <summary>A one-day rental of the bench offering (30 USD a month) costs exactly 1 USD, i.e. 100 cents.</summary>
    public const long RentalCents = 100;

    public const long NanoUsdPerCent = 10_000_000;

    /// <summary>The platform fee of phase (d)'s releases (the default is 0 %; a fee makes the run split every release three ways).</summary>
    public const decimal ReleaseFeePercent = 2.5m;

    /// <summary>What each session credits: the account's rentals' price spread evenly over its sessions.</summary>
    public long CentsPerSession => RentalCents * RentalsPerAccount / SessionsPerAccount;

    /// <summary>Refuses sizes whose funding would not split into whole cents (the exact-count check needs it).</summary>
    public void Validate()
    {
        if (Accounts < 1 || SessionsPerAccount < 1 || RentalsPerAccount < 1 || Duplicates < 1 || Deliveries < 2 || Concurrency < 1)
        {
            throw new ArgumentException("accounts, sessions-per-account, rentals-per-account, duplicates and concurrency must be at least 1, deliveries at least 2");
        }

        if (Offerings < 1 || Offerings > Accounts)
        {
            throw new ArgumentException("offerings must be 1 to the number of accounts");
        }

        if (ReleaseContracts is < 0 or > 100_000)
        {
            throw new ArgumentException("release-contracts must be 0 (phase (d) skipped) to 100000 (an offering's most stock)");
        }

        if (RentalCents * RentalsPerAccount % SessionsPerAccount != 0)
        {
            throw new ArgumentException($"sessions-per-account must divide {RentalCents * RentalsPerAccount} (the cents of {RentalsPerAccount} rentals)");
        }
    }
}
