using System.Globalization;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Trust;

/// <summary>
/// The trust score exactly as the spec defines it: start at 100, subtract every penalty, add every bonus, clamp to
/// [0, 100]; no score before the first completed contract. Ratios are compared in integers so a threshold is exact
/// ("&gt; 20 %" never fires at exactly 20 %).
/// </summary>
public static class TrustCalculator
{
    /// <summary>A cancellation within this share of the term (inclusive) is an early one.</summary>
    public const decimal EarlyCancellationTermShare = 0.10m;

    /// <summary>How long after acceptance a machine may take before the contract counts as a provisioning failure.</summary>
    public static readonly TimeSpan ProvisioningDeadline = TimeSpan.FromHours(72);

    /// <summary>How long a request may stay unanswered before it counts as stuck.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromHours(72);

    /// <summary>Silence longer than this with active contracts makes a ghost.</summary>
    public static readonly TimeSpan GhostAfter = TimeSpan.FromDays(7);

    /// <summary>The window of reputation changes read.</summary>
    public static readonly TimeSpan ReputationWindow = TimeSpan.FromDays(90);

    /// <summary>An average response slower than this is penalised.</summary>
    public static readonly TimeSpan SlowResponse = TimeSpan.FromHours(48);

    /// <summary>An average response faster than this earns a bonus.</summary>
    public static readonly TimeSpan FastResponse = TimeSpan.FromHours(4);

    /// <summary>Stuck requests worth more than this (nano-USD, i.e. $5,000) are penalised.</summary>
    public const long StuckValueNanoUsd = 5_000_000_000_000;

    /// <summary>Computes the score.</summary>
    public static TrustScore Compute(TrustInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var all = inputs.Contracts;
        var now = inputs.Now;
        var factors = new List<TrustFactor>();

        var cancelled = all.Where(c => c.State == ContractState.Cancelled).ToList();
        var early = cancelled.Count(IsEarlyCancellation);
        if (cancelled.Count > 0 && early * 100 > 20 * cancelled.Count)
        {
            factors.Add(Penalty("early_cancellations", FactorSeverity.Critical, 25,
                $"{early} of {cancelled.Count} cancellations ({Percent(early, cancelled.Count)}) came within the first 10 % of the term (more than 20 %)."));
        }

        var accepted = all.Where(c => c.AcceptedAt is not null).ToList();
        var failed = accepted.Count(c => IsProvisioningFailure(c, now));
        if (accepted.Count > 0 && failed * 100 > 15 * accepted.Count)
        {
            factors.Add(Penalty("provisioning_failures", FactorSeverity.Critical, 20,
                $"{failed} of {accepted.Count} accepted contracts ({Percent(failed, accepted.Count)}) were not provisioned within 72 h (more than 15 %)."));
        }

        var rejected = all.Count(c => c.State == ContractState.Rejected);
        if (all.Count > 0 && rejected * 100 > 30 * all.Count)
        {
            factors.Add(Penalty("rejections", FactorSeverity.Critical, 15,
                $"{rejected} of {all.Count} requests ({Percent(rejected, all.Count)}) were rejected (more than 30 %)."));
        }

        var response = AverageResponse(all);
        if (response > SlowResponse)
        {
            factors.Add(Penalty("slow_response", FactorSeverity.Warning, 15,
                $"The average response to a request took {Hours(response.Value)} (more than 48 h)."));
        }

        var reputationLoss = inputs.ReputationChanges.Where(r => r.Points < 0 && r.At >= now - ReputationWindow && r.At <= now).Sum(r => r.Points);
        if (reputationLoss < -50)
        {
            factors.Add(Penalty("reputation_loss", FactorSeverity.Warning, 15,
                $"Negative reputation changes sum to {reputationLoss.ToString(CultureInfo.InvariantCulture)} over 90 days (below -50)."));
        }

        var active = all.Count(c => c.State is ContractState.Provisioned or ContractState.Active);
        if (active > 0 && (inputs.LastActivityAt is null || now - inputs.LastActivityAt.Value > GhostAfter))
        {
            var since = inputs.LastActivityAt is null ? "never active" : $"inactive since {inputs.LastActivityAt.Value:yyyy-MM-dd HH:mm}Z";
            factors.Add(Penalty("ghost", FactorSeverity.Warning, 10,
                $"{active} active contracts but {since} (more than 7 days)."));
        }

        var stuck = all.Where(c => c.State is ContractState.Requested or ContractState.Pending && now - c.CreatedAt > StuckAfter).ToList();
        var stuckValue = stuck.Sum(c => c.PriceNanoUsd ?? 0);
        if (stuckValue > StuckValueNanoUsd)
        {
            factors.Add(Penalty("stuck_requests", FactorSeverity.Warning, 10,
                $"{stuck.Count} requests worth ${Usd(stuckValue)} have waited more than 72 h for an answer (more than $5,000)."));
        }

        if (!inputs.HasPublicContact)
        {
            factors.Add(Penalty("no_public_contact", FactorSeverity.Warning, 10, "The provider shows no public contact information."));
        }

        var rentAgain = all.Where(c => c.WouldRentAgain is not null).ToList();
        var rentAgainYes = rentAgain.Count(c => c.WouldRentAgain == true);
        if (rentAgain.Count >= 3 && rentAgainYes * 100 < 50 * rentAgain.Count)
        {
            factors.Add(Penalty("would_not_rent_again", FactorSeverity.Warning, 15,
                $"{rentAgainYes} of {rentAgain.Count} users ({Percent(rentAgainYes, rentAgain.Count)}) would rent again (less than 50 %)."));
        }

        var matched = all.Where(c => c.MatchedDescription is not null).ToList();
        var matchedYes = matched.Count(c => c.MatchedDescription == true);
        if (matched.Count >= 3 && matchedYes * 100 < 50 * matched.Count)
        {
            factors.Add(Penalty("not_as_described", FactorSeverity.Warning, 10,
                $"{matchedYes} of {matched.Count} users ({Percent(matchedYes, matched.Count)}) found the service matched its description (less than 50 %)."));
        }

        var repeat = RepeatCustomers(all);
        if (repeat > 10)
        {
            factors.Add(Bonus("repeat_customers", $"{repeat} customers rented more than once (more than 10)."));
        }

        var completed = all.Count(c => c.State == ContractState.Completed);
        var completionBase = all.Count - cancelled.Count;
        if (completionBase > 0 && completed * 100 > 95 * completionBase)
        {
            factors.Add(Bonus("high_completion", $"{completed} of {completionBase} contracts not cancelled ran to completion ({Percent(completed, completionBase)}, more than 95 %)."));
        }

        if (response < FastResponse)
        {
            factors.Add(Bonus("fast_response", $"The average response to a request took {Hours(response.Value)} (less than 4 h)."));
        }

        if (rentAgain.Count >= 5 && rentAgainYes * 100 > 80 * rentAgain.Count)
        {
            factors.Add(Bonus("would_rent_again", $"{rentAgainYes} of {rentAgain.Count} users ({Percent(rentAgainYes, rentAgain.Count)}) would rent again (more than 80 %)."));
        }

        if (completed == 0)
        {
            return new TrustScore(null, null, factors);
        }

        var score = (int)Math.Clamp(100 + factors.Sum(f => f.Points), 0, 100);
        return new TrustScore(score, TrustTiers.Of(score), factors);
    }

    /// <summary>
    /// Cancelled within the first 10 % of the term (inclusive). The term starts when the machine was provisioned; a
    /// contract cancelled before it ever had a machine is measured from its request.
    /// </summary>
    public static bool IsEarlyCancellation(ContractOutcome contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.State != ContractState.Cancelled || contract.EndedAt is null)
        {
            return false;
        }

        var start = contract.ProvisionedAt ?? contract.CreatedAt;
        var elapsed = contract.EndedAt.Value - start;
        return elapsed.Ticks * 10 <= contract.TermSeconds * TimeSpan.TicksPerSecond;
    }

    /// <summary>
    /// Accepted but not provisioned within 72 h: provisioned late, failed, or still without a machine 72 h on. A
    /// contract the user cancelled (or that ended otherwise) before the deadline without a machine is not the
    /// provider's failure; one whose deadline has not passed yet is not decided.
    /// </summary>
    public static bool IsProvisioningFailure(ContractOutcome contract, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.AcceptedAt is null)
        {
            return false;
        }

        var deadline = contract.AcceptedAt.Value + ProvisioningDeadline;
        if (contract.ProvisionedAt is not null)
        {
            return contract.ProvisionedAt.Value > deadline;
        }

        if (contract.State == ContractState.ProvisioningFailed)
        {
            return true;
        }

        return now > deadline && (contract.EndedAt is null || contract.EndedAt.Value > deadline);
    }

    /// <summary>The mean time from request to the provider's own answer, over the requests it answered.</summary>
    public static TimeSpan? AverageResponse(IReadOnlyList<ContractOutcome> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var answered = contracts.Where(c => c.ProviderRespondedAt is not null).Select(c => (c.ProviderRespondedAt!.Value - c.CreatedAt).Ticks).ToList();
        return answered.Count == 0 ? null : TimeSpan.FromTicks((long)answered.Average(t => (decimal)t));
    }

    /// <summary>Accounts that had a machine from the provider more than once.</summary>
    public static int RepeatCustomers(IReadOnlyList<ContractOutcome> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        return contracts.Where(c => c.ProvisionedAt is not null).GroupBy(c => c.RequesterAccountId).Count(g => g.Count() > 1);
    }

    private static TrustFactor Penalty(string code, FactorSeverity severity, int points, string reason) => new(code, reason, severity, -points);

    private static TrustFactor Bonus(string code, string reason) => new(code, reason, FactorSeverity.Bonus, 5);

    private static string Percent(int part, int whole) => (100m * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    private static string Usd(long nanoUsd) => (nanoUsd / 1_000_000_000m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
