using DecentCloud.Api.Client;

namespace DecentCloud.PayoutCli.Sending;

/// <summary>How one payout of a run ended.</summary>
internal enum PayoutOutcomeKind
{
    /// <summary>The ledger holds the transfer; the API recorded its block.</summary>
    Confirmed,

    /// <summary>The ledger refused it for good; the API recorded why and its releases are pending again.</summary>
    Failed,

    /// <summary>Not finished (lost reply, API unreachable): the next run resends the same arguments.</summary>
    Left,

    /// <summary>The run must stop (<c>InsufficientFunds</c>, ledger unavailable): nothing failed, the next run resumes.</summary>
    Stopped,

    /// <summary>Not sent because the run had stopped.</summary>
    Skipped,
}

/// <summary>The end of one payout in a run.</summary>
/// <param name="Payout">The payout as last known (after a fee correction or re-plan, the new arguments).</param>
/// <param name="Kind">How it ended.</param>
/// <param name="BlockIndex">The ledger block, when confirmed.</param>
/// <param name="Reason">Why it is not confirmed.</param>
internal sealed record PayoutOutcome(AutomatedPayout Payout, PayoutOutcomeKind Kind, string? BlockIndex, string? Reason)
{
    /// <summary>The one line of the run's output for it.</summary>
    public string Describe() => Kind switch
    {
        PayoutOutcomeKind.Confirmed => $"{Payout.ProviderPubkey}  {Payout.PayoutId}  confirmed  block {BlockIndex}",
        PayoutOutcomeKind.Failed => $"{Payout.ProviderPubkey}  {Payout.PayoutId}  failed  {Reason}",
        PayoutOutcomeKind.Stopped => $"{Payout.ProviderPubkey}  {Payout.PayoutId}  stopped the run  {Reason}",
        PayoutOutcomeKind.Skipped => $"{Payout.ProviderPubkey}  {Payout.PayoutId}  not sent  {Reason}",
        _ => $"{Payout.ProviderPubkey}  {Payout.PayoutId}  left {Payout.State}  {Reason}",
    };
}
