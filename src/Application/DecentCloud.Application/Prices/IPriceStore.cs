using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Application.Prices;

/// <summary>The price history: every round's attempts and every chosen price.</summary>
public interface IPriceStore
{
    /// <summary>Adds a round's attempts and chosen price (saved with the unit of work).</summary>
    void AddRound(PriceRound round);

    /// <summary>The last price chosen for <paramref name="token"/>, or <c>null</c> when none ever was.</summary>
    Task<ChosenPrice?> FindLastChosenAsync(string token, CancellationToken cancellationToken);

    /// <summary>The attempts of <paramref name="token"/>'s latest round (empty when none ran).</summary>
    Task<IReadOnlyList<SourceAttempt>> ListLatestRoundAsync(string token, CancellationToken cancellationToken);
}
