namespace DecentCloud.Domain.Money.Deposits;

/// <summary>Where a deposit stands; stored and shown by its wire name (<see cref="DepositStates.ToWireName"/>).</summary>
public enum DepositState
{
    /// <summary><c>credited</c>: its USD value is in the account's wallet (exactly once, under <c>icrc1:{ledger}:{block}</c>).</summary>
    Credited,

    /// <summary><c>awaiting_price</c>: no fresh price when it was found; a later scan credits it once there is one.</summary>
    AwaitingPrice,

    /// <summary><c>below_fee</c>: worth no more than the ledger's fee (or less than one nano-USD): reported, never credited.</summary>
    BelowFee,

    /// <summary><c>unknown_token</c>: on a scanned ledger whose token the platform does not price: reported, never credited.</summary>
    UnknownToken,

    /// <summary><c>sweep_planned</c>: credited, and its sweep to the treasury (created_at_time and memo) recorded before sending.</summary>
    SweepPlanned,

    /// <summary><c>swept</c>: credited and moved to the treasury (the sweep's block is recorded).</summary>
    Swept,
}

/// <summary>The wire names of <see cref="DepositState"/>.</summary>
public static class DepositStates
{
    /// <summary>The wire name, e.g. <c>awaiting_price</c>.</summary>
    public static string ToWireName(this DepositState state) => state switch
    {
        DepositState.Credited => "credited",
        DepositState.AwaitingPrice => "awaiting_price",
        DepositState.BelowFee => "below_fee",
        DepositState.UnknownToken => "unknown_token",
        DepositState.SweepPlanned => "sweep_planned",
        DepositState.Swept => "swept",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "no such deposit state."),
    };

    /// <summary>Reads a wire name; <c>null</c> when unknown.</summary>
    public static DepositState? FromWireName(string? name) => name switch
    {
        "credited" => DepositState.Credited,
        "awaiting_price" => DepositState.AwaitingPrice,
        "below_fee" => DepositState.BelowFee,
        "unknown_token" => DepositState.UnknownToken,
        "sweep_planned" => DepositState.SweepPlanned,
        "swept" => DepositState.Swept,
        _ => null,
    };

    /// <summary>Whether the deposit's value is in the wallet (credited, and whatever the sweep did since).</summary>
    public static bool IsCredited(this DepositState state) => state is DepositState.Credited or DepositState.SweepPlanned or DepositState.Swept;
}
