using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Releases;

/// <summary>
/// The platform's share of every escrow release, in basis points (1/100 of a percent): 0 to 9,999. The fee of a
/// release is <c>floor(gross × basisPoints / 10000)</c>, so the provider never receives less than its exact share
/// minus one nano-USD's rounding, and the platform never takes more than its percentage. A fee below 100 % leaves
/// the provider at least one nano-USD of every release, so no release is ever owed as zero (and unpayable).
/// </summary>
public readonly record struct PlatformFee
{
    /// <summary>The basis points of 100 %: the divisor of <see cref="Of"/>; a fee stays below it.</summary>
    public const int MaxBasisPoints = 10_000;

    private PlatformFee(int basisPoints) => BasisPoints = basisPoints;

    /// <summary>No fee (the default).</summary>
    public static PlatformFee None => default;

    /// <summary>The fee in basis points (percent × 100).</summary>
    public int BasisPoints { get; }

    /// <summary>A fee of <paramref name="percent"/> percent: 0 to 99.99 with at most two decimals; anything else is refused, naming the value.</summary>
    public static Result<PlatformFee> FromPercent(decimal percent)
    {
        var basisPoints = percent * 100m;
        return percent is < 0m or >= 100m || basisPoints != decimal.Truncate(basisPoints)
            ? Result.Fail<PlatformFee>(DomainError.Invalid("invalid_platform_fee", $"the platform fee must be 0-99.99 percent with at most 2 decimals, got {percent}."))
            : new PlatformFee((int)basisPoints);
    }

    /// <summary>The fee taken from <paramref name="grossNanoUsd"/> (floor; never more than the gross).</summary>
    public long Of(long grossNanoUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(grossNanoUsd);
        return (long)((Int128)grossNanoUsd * BasisPoints / MaxBasisPoints);
    }
}
