namespace DecentCloud.Domain.Money.Payouts;

/// <summary>The lifecycle of an automated (ICRC-1) payout: <c>planned → submitted → confirmed(block)</c> or <c>→ failed(reason)</c>.</summary>
public enum AutomatedPayoutState
{
    /// <summary><c>planned</c>: the transfer arguments are recorded, nothing was sent yet (or a re-plan gave a new attempt).</summary>
    Planned,

    /// <summary><c>submitted</c>: the transfer is being sent (or was, and its reply was lost).</summary>
    Submitted,

    /// <summary><c>confirmed</c> (terminal): the ledger holds the transfer in a block; its releases are paid out.</summary>
    Confirmed,

    /// <summary><c>failed</c> (terminal): the ledger refused for good; its releases went back to pending.</summary>
    Failed,
}

/// <summary>The transition table and wire names of <see cref="AutomatedPayoutState"/>.</summary>
public static class AutomatedPayoutStates
{
    private static readonly Dictionary<AutomatedPayoutState, AutomatedPayoutState[]> Allowed = new()
    {
        [AutomatedPayoutState.Planned] = [AutomatedPayoutState.Submitted, AutomatedPayoutState.Failed],
        [AutomatedPayoutState.Submitted] = [AutomatedPayoutState.Confirmed, AutomatedPayoutState.Failed, AutomatedPayoutState.Planned],
    };

    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/> (<c>submitted → planned</c> is a re-plan).</summary>
    public static bool CanMove(AutomatedPayoutState from, AutomatedPayoutState to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Whether the payout still holds its releases (planned or submitted).</summary>
    public static bool IsOpen(this AutomatedPayoutState state) => Allowed.ContainsKey(state);

    /// <summary>The name on the wire and in the database.</summary>
    public static string ToWireName(this AutomatedPayoutState state) => state switch
    {
        AutomatedPayoutState.Planned => "planned",
        AutomatedPayoutState.Submitted => "submitted",
        AutomatedPayoutState.Confirmed => "confirmed",
        AutomatedPayoutState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The state of a wire name; <c>null</c> for anything else.</summary>
    public static AutomatedPayoutState? FromWireName(string? name) =>
        Enum.GetValues<AutomatedPayoutState>().Cast<AutomatedPayoutState?>().FirstOrDefault(s => s!.Value.ToWireName() == name);
}
