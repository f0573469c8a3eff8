namespace DecentCloud.Domain.Contracts;

/// <summary>The lifecycle states of a rental contract.</summary>
public enum ContractState
{
    /// <summary><c>requested</c>: a user asked for an offering.</summary>
    Requested,
    /// <summary><c>pending</c>: waiting for the provider or the payment.</summary>
    Pending,
    /// <summary><c>accepted</c>: the provider accepted; ready to provision once paid.</summary>
    Accepted,
    /// <summary><c>provisioning</c>: an agent is creating the machine.</summary>
    Provisioning,
    /// <summary><c>provisioned</c>: the machine exists and credentials were delivered.</summary>
    Provisioned,
    /// <summary><c>active</c>: running and billed.</summary>
    Active,
    /// <summary><c>paused</c>: stopped with its disk kept; may resume.</summary>
    Paused,
    /// <summary><c>rejected</c> (terminal): the provider declined.</summary>
    Rejected,
    /// <summary><c>cancelled</c> (terminal): the user or provider ended it early.</summary>
    Cancelled,
    /// <summary><c>expired</c> (terminal): an unpaid or unanswered request timed out.</summary>
    Expired,
    /// <summary><c>completed</c> (terminal): the contract ran to its end.</summary>
    Completed,
    /// <summary><c>provisioning_failed</c> (terminal): the machine could not be created.</summary>
    ProvisioningFailed,
    /// <summary>
    /// <c>archived</c>: a contract that ended (in one of the terminal states above) and was moved to the archive after the
    /// retention period. Reached only through <see cref="Contract.Archive"/>, never by <see cref="Contract.MoveTo"/>; the
    /// state it ended in is kept in <see cref="Contract.ArchivedFrom"/>.
    /// </summary>
    Archived,
}

/// <summary>The transition table and wire names of <see cref="ContractState"/>.</summary>
public static class ContractStates
{
    private static readonly Dictionary<ContractState, ContractState[]> Allowed = new()
    {
        [ContractState.Requested] = [ContractState.Pending, ContractState.Accepted, ContractState.Rejected, ContractState.Cancelled, ContractState.Expired],
        [ContractState.Pending] = [ContractState.Accepted, ContractState.Rejected, ContractState.Cancelled, ContractState.Expired],
        [ContractState.Accepted] = [ContractState.Provisioning, ContractState.ProvisioningFailed, ContractState.Rejected, ContractState.Cancelled],
        [ContractState.Provisioning] = [ContractState.Provisioned, ContractState.ProvisioningFailed, ContractState.Cancelled],
        [ContractState.Provisioned] = [ContractState.Active, ContractState.Paused, ContractState.Cancelled],
        [ContractState.Active] = [ContractState.Paused, ContractState.Cancelled, ContractState.Completed],
        [ContractState.Paused] = [ContractState.Active, ContractState.Cancelled, ContractState.Completed],
    };

    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(ContractState from, ContractState to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The states <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<ContractState> Next(ContractState from) =>
        Allowed.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Whether nothing follows the state.</summary>
    public static bool IsTerminal(this ContractState state) => !Allowed.ContainsKey(state);

    /// <summary>
    /// Whether the contract holds (or is about to hold) a machine: accepted up to paused. Before acceptance nothing is
    /// provisioned yet, and a terminal state holds nothing, so only live contracts may own a gateway name.
    /// </summary>
    public static bool IsLive(this ContractState state) =>
        state is ContractState.Accepted or ContractState.Provisioning or ContractState.Provisioned or ContractState.Active or ContractState.Paused;

    /// <summary>States that need a succeeded payment (or a free contract).</summary>
    public static bool NeedsPayment(this ContractState state) => state is ContractState.Provisioned or ContractState.Active;

    /// <summary>The wire name, e.g. <c>provisioning_failed</c>.</summary>
    public static string ToWireName(this ContractState state) => state switch
    {
        ContractState.ProvisioningFailed => "provisioning_failed",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a wire name.</summary>
    public static ContractState? FromWireName(string? name) =>
        Enum.GetValues<ContractState>().Cast<ContractState?>().FirstOrDefault(s => s!.Value.ToWireName() == name);
}
