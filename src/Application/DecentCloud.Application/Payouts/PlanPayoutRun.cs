using System.Globalization;
using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Payouts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// Plans an automated ICRC-1 payout run in one token (<c>POST /api/v1/admin/payout-runs</c>, admin-signed): every provider
/// whose payout address names the token and whose pending USD converts, at a FRESH price, into at least the minimum gets
/// one payout, recorded with its exact transfer arguments before anything is sent. Payouts an earlier run left open are
/// returned unchanged (resume); dust and providers without a payout address are carried. <see cref="DryRun"/> writes nothing.
/// </summary>
/// <param name="Actor">The admin's public key.</param>
/// <param name="ClientAddress">The admin's network address, for the audit trail.</param>
/// <param name="Token">The payout token's symbol.</param>
/// <param name="LedgerDecimals">The ledger's <c>icrc1_decimals</c> (0-18).</param>
/// <param name="LedgerFee">The ledger's <c>icrc1_fee</c>, base units as decimal integer text.</param>
/// <param name="DryRun">Show the plan without recording it.</param>
public sealed record PlanPayoutRun(string Actor, string? ClientAddress, string? Token, int LedgerDecimals, string? LedgerFee, bool DryRun)
    : ICommand<Result<PayoutRunView>>, IAudited, IRetryOnConflict
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        new(DryRun ? "payout.run.dry" : "payout.run.plan", AuditNote.OutcomeOf(result), Actor, AuditNote.Truncate(Token), ClientAddress);
}

/// <summary>A planned (or dry) run.</summary>
/// <param name="Token">The token.</param>
/// <param name="LedgerCanisterId">Its ledger.</param>
/// <param name="PriceUsd">The fresh price used.</param>
/// <param name="PriceAt">When that price was chosen.</param>
/// <param name="Decimals">The ledger's decimals.</param>
/// <param name="Fee">The ledger's fee, base units.</param>
/// <param name="DryRun">Nothing was recorded.</param>
/// <param name="Payouts">The payouts to send.</param>
/// <param name="Carried">The providers left for a later run.</param>
public sealed record PayoutRunView(
    string Token, string LedgerCanisterId, decimal PriceUsd, DateTimeOffset PriceAt, int Decimals, long Fee, bool DryRun,
    IReadOnlyList<PayoutStatus> Payouts, IReadOnlyList<CarriedView> Carried);

/// <summary>A provider carried to a later run.</summary>
/// <param name="ProviderPubkey">The provider.</param>
/// <param name="PendingE9s">Nano-USD it is owed.</param>
/// <param name="WouldSendBaseUnits">What it would have received (after the fee), "0" when nothing.</param>
/// <param name="Reason"><c>below_minimum</c> or <c>no_payout_address</c>.</param>
public sealed record CarriedView(string ProviderPubkey, long PendingE9s, string WouldSendBaseUnits, string Reason);

/// <summary>Handles <see cref="PlanPayoutRun"/>.</summary>
internal sealed class PlanPayoutRunHandler(
    IAutomatedPayoutStore payouts, IPriceStore prices, IUnitOfWork unitOfWork, IOptions<PricesOptions> priceOptions,
    IOptions<PayoutsOptions> options, TimeProvider time) : ICommandHandler<PlanPayoutRun, Result<PayoutRunView>>
{
    /// <summary>Carried: owed less than the minimum, or nothing left after the fee.</summary>
    public const string BelowMinimum = "below_minimum";

    /// <summary>Carried: the provider has no payout address.</summary>
    public const string NoPayoutAddress = "no_payout_address";

    /// <inheritdoc />
    public async ValueTask<Result<PayoutRunView>> Handle(PlanPayoutRun command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<IError>();
        var token = Token.FromSymbol(command.Token);
        if (token.IsFailed || token.Value.LedgerCanisterId is null)
        {
            errors.Add(DomainError.Invalid("invalid_token", "token must be one of DC, ICP, ckUSDC, ckUSDT."));
        }

        if (command.LedgerDecimals is < 0 or > PayoutConversion.MaxDecimals)
        {
            errors.Add(DomainError.Invalid("invalid_ledger_decimals", $"ledgerDecimals must be 0-{PayoutConversion.MaxDecimals}."));
        }

        var fee = PayoutConversion.ParseBaseUnits(command.LedgerFee, "ledgerFee");
        errors.AddRange(fee.Errors);
        if (errors.Count > 0)
        {
            return Result.Fail<PayoutRunView>(errors);
        }

        var now = time.Now();
        var price = await prices.FindLastChosenAsync(token.Value.Symbol, cancellationToken);
        if (price is null)
        {
            return Result.Fail<PayoutRunView>(DomainErrors.Conflict("no_price", $"No price of {token.Value.Symbol} was ever chosen; a payout run needs a fresh one."));
        }

        if (price.IsStaleAt(now, priceOptions.Value.MaxAge))
        {
            return Result.Fail<PayoutRunView>(DomainErrors.Conflict("stale_price", string.Create(CultureInfo.InvariantCulture,
                $"The price of {token.Value.Symbol} is {(int)price.AgeAt(now).TotalSeconds} s old (max {(int)priceOptions.Value.MaxAge.TotalSeconds} s); the run refuses rather than convert with it.")));
        }

        var run = new Run(token.Value, price.PriceUsd, command.LedgerDecimals, fee.Value, now);
        var (planned, carried) = command.DryRun
            ? await PlanAsync(run, write: false, cancellationToken)
            : await unitOfWork.InTransactionAsync(() => PlanAsync(run, write: true, cancellationToken), cancellationToken);
        return new PayoutRunView(token.Value.Symbol, token.Value.LedgerCanisterId!, price.PriceUsd, price.ChosenAt, command.LedgerDecimals, fee.Value,
            command.DryRun, planned, carried);
    }

    private async Task<(IReadOnlyList<PayoutStatus>, IReadOnlyList<CarriedView>)> PlanAsync(Run run, bool write, CancellationToken cancellationToken)
    {
        var superseded = await SupersedeUnsentAsync(run, write, cancellationToken);

        // Candidates before the open payouts: a concurrent run that commits in between then shows up among the open ones
        // (and its providers are skipped), never in neither list.
        var candidates = await payouts.ListCandidatesAsync(cancellationToken);
        if (!write)
        {
            // A dry run shows what a run would do: the superseded payouts' releases are pending again.
            candidates = [.. candidates
                .Concat(superseded.Select(p => new PayoutCandidate(p.ProviderId, p.ReleaseIds, p.AmountNanoUsd, p.ToAccount, p.Token)))
                .GroupBy(c => c.ProviderId)
                .Select(g => new PayoutCandidate(g.Key, [.. g.SelectMany(c => c.ReleaseIds)], g.Sum(c => c.TotalNanoUsd), g.First().PayoutAccount, g.First().PayoutToken))];
        }

        var open = (await payouts.ListOpenAsync(null, cancellationToken)).Where(p => !superseded.Any(s => s.Id == p.Id)).ToList();
        var busy = open.Select(p => p.ProviderId).ToHashSet();
        var shown = open.Where(p => p.Token == run.Token.Symbol).Select(PayoutStatus.Of).ToList();
        var carried = new List<CarriedView>();
        foreach (var candidate in candidates.OrderBy(c => c.ProviderId.Value, StringComparer.Ordinal))
        {
            if (candidate.PayoutAccount is null || candidate.PayoutToken is null)
            {
                carried.Add(new CarriedView(candidate.ProviderId.Value, candidate.TotalNanoUsd, "0", NoPayoutAddress));
                continue;
            }

            // Another token's run pays it; a provider with an open payout gets its next one once that one settles.
            if (candidate.PayoutToken != run.Token.Symbol || busy.Contains(candidate.ProviderId))
            {
                continue;
            }

            var quote = PayoutConversion.Quote(candidate.TotalNanoUsd, run.PriceUsd, run.Decimals, run.Fee, options.Value.FeeOnTop, options.Value.MinimumUsd);
            if (quote.Carried)
            {
                var wouldSend = quote.Amount > 0 ? quote.Amount.ToString(CultureInfo.InvariantCulture) : "0";
                carried.Add(new CarriedView(candidate.ProviderId.Value, candidate.TotalNanoUsd, wouldSend, BelowMinimum));
                continue;
            }

            var payout = AutomatedPayout.Plan(candidate.ProviderId, run.Token, candidate.PayoutAccount, candidate.ReleaseIds, candidate.TotalNanoUsd,
                run.PriceUsd, run.Decimals, quote, options.Value.FeeOnTop, run.Now);
            if (payout.IsFailed)
            {
                throw new InvalidOperationException($"a payout of {candidate.ProviderId.Value} could not be planned: {payout.Errors[0].Message}");
            }

            if (!write)
            {
                shown.Add(PayoutStatus.Of(payout.Value));
            }
            else
            {
                // False when another API instance planned this provider first: its payout is read back below.
                await payouts.TryPlanAsync(payout.Value, cancellationToken);
            }
        }

        // Written: the run is what the store holds open now, ours and any a concurrent run committed.
        return write ? ([.. (await payouts.ListOpenAsync(run.Token.Symbol, cancellationToken)).Select(PayoutStatus.Of)], carried) : (shown, carried);
    }

    /// <summary>
    /// A payout still <c>planned</c> has never been sent (dc-payout records <c>submitted</c> before every send), so when it was
    /// converted at another price, decimals or fee than this run's, it is failed as superseded and its releases planned
    /// again at the run's fresh price: resuming it would pay at a price that is no longer fresh (too much when the token rose).
    /// </summary>
    private async Task<IReadOnlyList<AutomatedPayout>> SupersedeUnsentAsync(Run run, bool write, CancellationToken cancellationToken)
    {
        var unsent = (await payouts.ListOpenAsync(run.Token.Symbol, cancellationToken))
            .Where(p => p.State == AutomatedPayoutState.Planned
                && (p.PriceUsd != run.PriceUsd || p.Decimals != run.Decimals || (!p.FeeCorrected && p.FeeBaseUnits != run.Fee)))
            .ToList();
        if (!write)
        {
            return unsent;
        }

        var superseded = new List<AutomatedPayout>();
        foreach (var listed in unsent)
        {
            // The listing is a snapshot; the payout is changed through the tracked row (and its version), as a transition is.
            if (await payouts.FindAsync(listed.Id, cancellationToken) is not { State: AutomatedPayoutState.Planned } payout)
            {
                continue;
            }

            var reason = string.Create(CultureInfo.InvariantCulture,
                $"superseded: planned at {payout.PriceUsd} USD and never sent; its releases are planned again at the run's fresh price {run.PriceUsd} USD");
            var failed = payout.Fail(reason, run.Now);
            if (failed.IsFailed)
            {
                throw new InvalidOperationException($"payout {payout.Id} could not be superseded: {failed.Errors[0].Message}");
            }

            // The payout's row first: a run sending it meanwhile loses its version check (or this run does, and starts over).
            await unitOfWork.SaveChangesAsync(cancellationToken);
            await payouts.ReturnReleasesAsync(payout.Id, cancellationToken);
            superseded.Add(payout);
        }

        return superseded;
    }

    private sealed record Run(Token Token, decimal PriceUsd, int Decimals, long Fee, DateTimeOffset Now);
}
