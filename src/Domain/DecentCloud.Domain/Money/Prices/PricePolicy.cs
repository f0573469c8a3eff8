using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Prices;

/// <summary>
/// How a price is chosen from quotes: quotes older than <see cref="MaxAge"/> are not fresh, at least
/// <see cref="Quorum"/> distinct sources must agree, and a quote further than <see cref="MaxSpreadPercent"/> percent
/// from the median is an outlier.
/// </summary>
public sealed record PricePolicy
{
    /// <summary>The default freshness: 10 minutes (payments spec).</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>The default spread: 5 % from the median.</summary>
    public const decimal DefaultMaxSpreadPercent = 5m;

    private PricePolicy(TimeSpan maxAge, int quorum, decimal maxSpreadPercent)
    {
        MaxAge = maxAge;
        Quorum = quorum;
        MaxSpreadPercent = maxSpreadPercent;
    }

    /// <summary>The oldest a quote may be and still count.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>How many distinct sources must remain after outliers are dropped.</summary>
    public int Quorum { get; }

    /// <summary>How far (percent of the median) a quote may be from the median and still count.</summary>
    public decimal MaxSpreadPercent { get; }

    /// <summary>The default quorum of one token: 2 sources, or 1 when only one source that is on quotes it (payments spec).</summary>
    public static int DefaultQuorum(int configuredSources) => configuredSources <= 1 ? 1 : 2;

    /// <summary>Validates a policy: a positive age, a quorum of at least 1, a spread above 0 and at most 100 percent.</summary>
    public static Result<PricePolicy> Create(TimeSpan maxAge, int quorum, decimal maxSpreadPercent)
    {
        var errors = new List<IError>();
        if (maxAge <= TimeSpan.Zero)
        {
            errors.Add(DomainError.Invalid("invalid_price_max_age", $"the price max age must be positive, got {maxAge}."));
        }

        if (quorum < 1)
        {
            errors.Add(DomainError.Invalid("invalid_price_quorum", $"the price quorum must be at least 1, got {quorum}."));
        }

        if (maxSpreadPercent is <= 0m or > 100m)
        {
            errors.Add(DomainError.Invalid("invalid_price_spread", $"the price spread must be above 0 and at most 100 percent, got {maxSpreadPercent}."));
        }

        return errors.Count > 0 ? Result.Fail<PricePolicy>(errors) : new PricePolicy(maxAge, quorum, maxSpreadPercent);
    }
}
