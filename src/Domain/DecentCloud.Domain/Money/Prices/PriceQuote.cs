using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Prices;

/// <summary>
/// One source's answer: the USD price of one whole <see cref="Token"/> (by symbol) as <see cref="Source"/> saw it at
/// <see cref="ObservedAt"/>. A stablecoin-quoted pair (e.g. ICP/USDT) counts as USD: the adapter says so, not this type.
/// </summary>
public sealed record PriceQuote
{
    /// <summary>Longest source name accepted.</summary>
    public const int MaxSourceLength = 64;

    private PriceQuote(string source, string token, decimal priceUsd, DateTimeOffset observedAt)
    {
        Source = source;
        Token = token;
        PriceUsd = priceUsd;
        ObservedAt = observedAt;
    }

    /// <summary>The source's configured name, e.g. <c>kraken</c>.</summary>
    public string Source { get; }

    /// <summary>The token symbol, e.g. <c>ICP</c>.</summary>
    public string Token { get; }

    /// <summary>USD per whole token; always positive.</summary>
    public decimal PriceUsd { get; }

    /// <summary>When the price was observed.</summary>
    public DateTimeOffset ObservedAt { get; }

    /// <summary>Validates a quote: a source name of 1-64 characters, a token symbol, and a positive price (a zero or negative price is garbage, never a quote).</summary>
    public static Result<PriceQuote> Create(string? source, string? token, decimal priceUsd, DateTimeOffset observedAt)
    {
        var errors = new List<IError>();
        if (string.IsNullOrWhiteSpace(source) || source.Length > MaxSourceLength)
        {
            errors.Add(DomainError.Invalid("invalid_price_source", $"a price source name is 1-{MaxSourceLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(token) || token.Length > Money.Token.MaxSymbolLength)
        {
            errors.Add(DomainError.Invalid("invalid_token", $"a token symbol is 1-{Money.Token.MaxSymbolLength} characters."));
        }

        if (priceUsd <= 0m)
        {
            errors.Add(DomainError.Invalid("invalid_price", $"a USD price must be positive, got {priceUsd}."));
        }

        return errors.Count > 0 ? Result.Fail<PriceQuote>(errors) : new PriceQuote(source!, token!, priceUsd, observedAt);
    }
}
