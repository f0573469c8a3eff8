using DecentCloud.Api.Client;

namespace DecentCloud.PayoutCli.Sending;

/// <summary>
/// Sends the payouts of a plan, at most <c>concurrency</c> at once. A payout that must stop the run
/// (<c>InsufficientFunds</c>, ledger unavailable) lets the ones in flight finish and keeps the rest unsent.
/// </summary>
internal sealed class PayoutRunner(PayoutSender sender, int concurrency)
{
    /// <summary>Sends every payout; <paramref name="progress"/> hears of each as it ends (from any thread, one at a time).</summary>
    public async Task<RunSummary> RunAsync(IReadOnlyList<AutomatedPayout> payouts, Action<PayoutOutcome> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        ArgumentNullException.ThrowIfNull(progress);
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        var report = new Lock();
        var stopped = 0;
        var outcomes = new PayoutOutcome[payouts.Count];
        var tasks = payouts.Select(async (payout, i) =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                outcomes[i] = Volatile.Read(ref stopped) == 1
                    ? new PayoutOutcome(payout, PayoutOutcomeKind.Skipped, null, "the run stopped before it was sent")
                    : await sender.SendAsync(payout, cancellationToken);
                if (outcomes[i].Kind == PayoutOutcomeKind.Stopped)
                {
                    Volatile.Write(ref stopped, 1);
                }

                lock (report)
                {
                    progress(outcomes[i]);
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return new RunSummary(outcomes);
    }
}

/// <summary>The outcomes of a run, in plan order.</summary>
internal sealed record RunSummary(IReadOnlyList<PayoutOutcome> Outcomes)
{
    /// <summary>Why the run stopped, if it did.</summary>
    public string? StoppedBecause => Outcomes.FirstOrDefault(o => o.Kind == PayoutOutcomeKind.Stopped)?.Reason;

    /// <summary>Every payout confirmed.</summary>
    public bool AllConfirmed => Outcomes.All(o => o.Kind == PayoutOutcomeKind.Confirmed);

    /// <summary>Count of one kind.</summary>
    public int Count(PayoutOutcomeKind kind) => Outcomes.Count(o => o.Kind == kind);
}
