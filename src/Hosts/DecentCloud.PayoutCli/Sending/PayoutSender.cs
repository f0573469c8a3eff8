using System.Globalization;
using System.Net;
using System.Numerics;
using DecentCloud.Api.Client;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.PayoutCli.Ledger;
using Refit;

namespace DecentCloud.PayoutCli.Sending;

/// <summary>
/// Sends one payout: <c>submitted</c>, then <c>icrc1_transfer</c> with exactly the recorded arguments, then the ledger's
/// answer reported back (the payments spec's table of <c>TransferError</c> cases). Every step is safe to repeat after a
/// crash: the API keeps the arguments, so a resend is recognised by the ledger as <c>Duplicate</c>.
/// </summary>
internal sealed class PayoutSender(IAdminApi api, IPayoutLedger ledger, Account platform, SendPolicy policy, TimeProvider time)
{
    private const int MaxReasonLength = 500;

    /// <summary>Sends <paramref name="payout"/> (planned or submitted) and reports how it ended; never throws for a refusal.</summary>
    public async Task<PayoutOutcome> SendAsync(AutomatedPayout payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        try
        {
            return await SendCheckedAsync(payout, cancellationToken);
        }
        catch (Exception ex) when (IsApiFailure(ex))
        {
            // Whatever the ledger did is kept by the recorded arguments: the next run resends and reports again.
            return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, $"the API call failed: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, ex.Message);
        }
    }

    private async Task<PayoutOutcome> SendCheckedAsync(AutomatedPayout payout, CancellationToken cancellationToken)
    {
        switch (payout.State)
        {
            case "confirmed":
                return new PayoutOutcome(payout, PayoutOutcomeKind.Confirmed, payout.BlockIndex, null);
            case "failed":
                return new PayoutOutcome(payout, PayoutOutcomeKind.Failed, null, payout.FailureReason);
            case "planned":
                payout = await api.MarkPayoutSubmittedAsync(payout.PayoutId, cancellationToken);
                break;
        }

        var feeCorrected = false;
        var replanned = false;
        var unavailable = 0;
        var future = 0;
        while (true)
        {
            var arg = PayoutTransfer.From(payout);
            TransferOutcome outcome;
            try
            {
                outcome = await ledger.TransferAsync(arg, cancellationToken);
            }
            catch (CanisterUnreachableException)
            {
                return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, "no reply from the ledger; the next run resends the same transfer");
            }
            catch (Exception ex) when (ex is HttpRequestException or IcpProtocolException or CanisterRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new PayoutOutcome(payout, PayoutOutcomeKind.Stopped, null, $"the ledger is unavailable: {ex.Message}");
            }

            if (outcome.BlockIndex is { } block)
            {
                return await ConfirmAsync(payout, block, cancellationToken);
            }

            switch (outcome.Error)
            {
                case TransferError.BadFee or TransferError.GenericError or TransferError.BadBurn
                    when await LandedEarlierAsync(arg, cancellationToken) is { } landed:
                    // A resend of a transfer that already executed (its reply was lost) is judged again by the ledger,
                    // whose fee may have changed since: the transfer with this memo is the payment, never a reason to
                    // send another one or to fail the payout (whose releases would be paid again).
                    return await ConfirmAsync(payout, landed, cancellationToken);
                case TransferError.BadFee badFee when !feeCorrected:
                    feeCorrected = true;
                    try
                    {
                        payout = await api.CorrectPayoutFeeAsync(payout.PayoutId, new PayoutFeeCorrection(Text(badFee.ExpectedFee)), cancellationToken);
                    }
                    catch (DecentCloudApiException refused) when (refused.Status == HttpStatusCode.Conflict)
                    {
                        return await FailAsync(payout, $"BadFee: the ledger expects fee {Text(badFee.ExpectedFee)} and the fee was already corrected once", cancellationToken);
                    }

                    continue;
                case TransferError.BadFee badFee:
                    return await FailAsync(payout, $"BadFee again after the correction: the ledger expects fee {Text(badFee.ExpectedFee)}", cancellationToken);
                case TransferError.InsufficientFunds funds:
                    return new PayoutOutcome(payout, PayoutOutcomeKind.Stopped, null,
                        $"InsufficientFunds: the platform account holds {Text(funds.Balance)} base units; top it up and run again");
                case TransferError.TemporarilyUnavailable when unavailable < policy.UnavailableRetries:
                    await Task.Delay(policy.UnavailableBackoff * Math.Pow(2, unavailable++), time, cancellationToken);
                    continue;
                case TransferError.TemporarilyUnavailable:
                    return new PayoutOutcome(payout, PayoutOutcomeKind.Stopped, null, "TemporarilyUnavailable: the ledger is unavailable; run again later");
                case TransferError.TooOld when replanned:
                    return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, "TooOld again after the re-plan: check this machine's and the API's clocks");
                case TransferError.TooOld:
                    if (await LandedEarlierAsync(arg, cancellationToken) is { } earlier)
                    {
                        return await ConfirmAsync(payout, earlier, cancellationToken);
                    }

                    // The ledger shows no transfer with this memo: the old arguments can never execute now, so a new
                    // attempt (new created_at_time and memo) cannot pay twice. The API refuses while the payout's current
                    // attempt could still execute — another run re-planned it meanwhile — and then this run leaves it.
                    try
                    {
                        payout = await api.ReplanPayoutAsync(payout.PayoutId, cancellationToken);
                    }
                    catch (DecentCloudApiException refused) when (refused.Status == HttpStatusCode.Conflict)
                    {
                        return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, $"TooOld, and the re-plan was refused ({refused.Code}): another run re-planned it; run again later");
                    }

                    replanned = true;
                    if (payout.State == "planned")
                    {
                        payout = await api.MarkPayoutSubmittedAsync(payout.PayoutId, cancellationToken);
                    }

                    continue;
                case TransferError.CreatedInFuture ahead when future < policy.FutureRetries:
                    future++;
                    var wait = TimeSpan.FromTicks((long)((arg.CreatedAtTime!.Value - Math.Min(arg.CreatedAtTime.Value, ahead.LedgerTime)) / 100)) - policy.PermittedDrift;
                    if (wait > policy.MaxFutureWait)
                    {
                        return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, $"CreatedInFuture: the ledger's clock is {wait} behind; run again later");
                    }

                    await Task.Delay(wait < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : wait, time, cancellationToken);
                    continue;
                case TransferError.CreatedInFuture:
                    return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, "CreatedInFuture: the ledger's clock stays behind; run again later");
                case TransferError.GenericError generic:
                    return await FailAsync(payout, $"GenericError {Text(generic.ErrorCode)}: {generic.Message}", cancellationToken);
                case TransferError.BadBurn burn:
                    return await FailAsync(payout, $"BadBurn: minimum burn {Text(burn.MinBurnAmount)}", cancellationToken);
                case TransferError.Duplicate duplicate:
                    return await ConfirmAsync(payout, duplicate.DuplicateOf, cancellationToken);
                default:
                    return new PayoutOutcome(payout, PayoutOutcomeKind.Left, null, "the ledger answered neither a block nor a known error");
            }
        }
    }

    /// <summary>The block of an earlier transfer from the platform account carrying <paramref name="arg"/>'s memo, if the ledger holds one.</summary>
    private async Task<BigInteger?> LandedEarlierAsync(TransferArg arg, CancellationToken cancellationToken)
    {
        var since = arg.CreatedAtTime!.Value - Math.Min(arg.CreatedAtTime.Value, (ulong)policy.TransactionWindow.Ticks * 100);
        return await ledger.FindTransferAsync(platform, arg.Memo!, since, cancellationToken);
    }

    private async Task<PayoutOutcome> ConfirmAsync(AutomatedPayout payout, BigInteger block, CancellationToken cancellationToken)
    {
        var index = Text(block);
        var confirmed = await api.ConfirmPayoutAsync(payout.PayoutId, new PayoutConfirmation(index), cancellationToken);
        return new PayoutOutcome(confirmed, PayoutOutcomeKind.Confirmed, index, null);
    }

    private async Task<PayoutOutcome> FailAsync(AutomatedPayout payout, string reason, CancellationToken cancellationToken)
    {
        var printable = new string([.. reason.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        printable = printable.Length > MaxReasonLength ? printable[..MaxReasonLength] : printable;
        var failed = await api.FailPayoutAsync(payout.PayoutId, new PayoutFailure(printable), cancellationToken);
        return new PayoutOutcome(failed, PayoutOutcomeKind.Failed, null, printable);
    }

    /// <summary>Whether <paramref name="exception"/> is a failed API call (refused, unreachable, or garbage).</summary>
    internal static bool IsApiFailure(Exception exception) => exception is DecentCloudApiException or ApiException or HttpRequestException;

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
