using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>The price history on a real database of each provider: exact decimals, the latest round, and the CHECKs.</summary>
public class PriceStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task SaveAsync(TestDatabase db, PriceRound round)
    {
        await using var scope = db.Scope();
        scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(round);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_last_chosen_price_and_the_latest_rounds_attempts_read_back_exactly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SaveAsync(db, new PriceRound("ICP", At, [new SourceAttempt("kraken", "ICP", 4.123456789012m, At, true, null)], new ChosenPrice("ICP", 4.123456789012m, At, 1)));
        var later = At.AddMinutes(1);
        await SaveAsync(db, new PriceRound("ICP", later,
            [new SourceAttempt("kraken", "ICP", 9m, later, false, QuoteVerdict.NoQuorum), new SourceAttempt("binance", "ICP", null, later, false, SourceAttempt.Timeout)], null));

        await using var scope = db.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IPriceStore>();

        Assert.Equal(new ChosenPrice("ICP", 4.123456789012m, At, 1), await store.FindLastChosenAsync("ICP", Ct));
        Assert.Equal(
            [new SourceAttempt("binance", "ICP", null, later, false, SourceAttempt.Timeout), new SourceAttempt("kraken", "ICP", 9m, later, false, QuoteVerdict.NoQuorum)],
            await store.ListLatestRoundAsync("ICP", Ct));
        Assert.Null(await store.FindLastChosenAsync("DC", Ct));
        Assert.Empty(await store.ListLatestRoundAsync("DC", Ct));
    }

    public static TheoryData<string, decimal?, bool, string?> BadAttempts => new()
    {
        { "sqlite", 0m, false, "outlier" },
        { "postgres", 0m, false, "outlier" },
        { "sqlite", null, true, null },
        { "postgres", null, true, null },
        { "sqlite", 4m, true, "outlier" },
        { "postgres", 4m, true, "outlier" },
    };

    [Theory]
    [MemberData(nameof(BadAttempts))]
    public async Task The_database_refuses_a_non_positive_quote_and_a_used_attempt_without_a_price_or_with_a_reason(string provider, decimal? price, bool used, string? reason)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => SaveAsync(db, new PriceRound("ICP", At, [new SourceAttempt("kraken", "ICP", price, At, used, reason)], null)));

        Assert.Contains(price is 0m ? "CK_price_quotes_Price" : "CK_price_quotes_Used", Chain(error), StringComparison.Ordinal);
    }

    /// <summary>Every message down the exception's causes: the constraint's name is at the bottom, whatever wraps it.</summary>
    private static string Chain(Exception? error)
    {
        var messages = new List<string>();
        for (; error is not null; error = error.InnerException)
        {
            messages.Add(error.Message);
        }

        return string.Join(" | ", messages);
    }
}
