using DecentCloud.Application.Common;
using DecentCloud.Domain.Money.Prices;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Prices;

/// <summary>
/// The <c>refresh-prices</c> job: asks every source that is on for every configured token, stores every attempt, and
/// stores the price chosen by <see cref="PriceAggregation"/> when a fresh quorum agreed (per token: see <see cref="PricesOptions.Quorum"/>). A source that times out,
/// errs or answers garbage is a failed attempt with its reason, never an exception that stops the others; without a
/// quorum no price is stored, so the last good one stays and ages into staleness.
/// </summary>
public sealed record RefreshPrices : ICommand<IReadOnlyList<PriceRound>>;

/// <summary>Handles <see cref="RefreshPrices"/>; returns the rounds it stored.</summary>
internal sealed partial class RefreshPricesHandler(
    IEnumerable<IPriceSource> sources,
    IPriceStore store,
    IUnitOfWork unitOfWork,
    IOptions<PricesOptions> options,
    TimeProvider time,
    ILogger<RefreshPricesHandler> logger) : ICommandHandler<RefreshPrices, IReadOnlyList<PriceRound>>
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PriceRound>> Handle(RefreshPrices command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var on = sources.Where(s => o.Sources.Count == 0 || o.Sources.Contains(s.Name, StringComparer.Ordinal)).ToList();
        if (on.Count == 0)
        {
            return [];
        }

        var rounds = new List<PriceRound>();
        foreach (var token in o.EffectiveTokens)
        {
            var asked = on.Where(s => s.Tokens.Contains(token, StringComparer.Ordinal)).ToList();
            if (asked.Count == 0)
            {
                continue;
            }

            // The quorum counts the sources on for this token: one quoted by a single source can still be priced.
            var policy = o.Policy(asked.Count);
            var answers = await Task.WhenAll(asked.Select(s => AskAsync(s, token, o.SourceTimeout, cancellationToken)));
            var now = time.Now();
            var decision = PriceAggregation.Choose(token, answers.Select(a => a.Quote).OfType<PriceQuote>(), policy, now);
            // One quote per source in a round, so the quotes key their verdicts.
            var verdicts = decision.Verdicts.ToDictionary(v => v.Quote);
            var attempts = answers.Select(a => a.Quote is { } quote
                    ? new SourceAttempt(a.Source, token, quote.PriceUsd, quote.ObservedAt, verdicts[quote].Used, verdicts[quote].Reason)
                    : new SourceAttempt(a.Source, token, null, now, false, a.Failure))
                .ToList();
            var round = new PriceRound(token, now, attempts, decision.Chosen);
            store.AddRound(round);
            rounds.Add(round);
            if (decision.Chosen is null)
            {
                LogNoQuorum(logger, token, attempts.Count(a => a.PriceUsd is not null), asked.Count, policy.Quorum);
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return rounds;
    }

    private async Task<(string Source, PriceQuote? Quote, string? Failure)> AskAsync(IPriceSource source, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string failure;
        try
        {
            var quote = await source.QuoteAsync(token, deadline.Token);
            if (quote.Source == source.Name && quote.Token == token)
            {
                return (source.Name, quote, null);
            }

            failure = $"error: the source answered for {quote.Source}/{quote.Token}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = SourceAttempt.Timeout;
        }
#pragma warning disable CA1031 // One source's failure of any kind is recorded as its attempt and must not stop the others.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            failure = $"error: {ex.Message}";
        }

        if (failure.Length > SourceAttempt.MaxReasonLength)
        {
            failure = failure[..SourceAttempt.MaxReasonLength];
        }

        LogSourceFailed(logger, source.Name, token, failure);
        return (source.Name, null, failure);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Price source {Source} gave no {Token} quote: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string source, string token, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No fresh {Token} price: {Answered} of {Asked} sources answered, {Quorum} must agree; the last good price stays")]
    private static partial void LogNoQuorum(ILogger logger, string token, int answered, int asked, int quorum);
}
