namespace DecentCloud.Domain.Money.Releases;

/// <summary>Why escrow left a contract; stored by its wire name (<see cref="PaymentReleaseKinds.ToWireName(PaymentReleaseKind)"/>).</summary>
public enum PaymentReleaseKind
{
    /// <summary><c>daily</c>: the pro-rata part earned since the last release, once per release interval.</summary>
    Daily,

    /// <summary><c>final</c>: the release that reaches the contract's end; it brings the released total to exactly the paid amount.</summary>
    Final,

    /// <summary><c>cancellation</c>: the pro-rata part earned up to an early cancellation.</summary>
    Cancellation,

    /// <summary><c>refund</c>: the escrow (or its unreleased rest) given back to the renter's wallet.</summary>
    Refund,
}

/// <summary>Where a payment release stands; stored by its wire name (<see cref="PaymentReleaseKinds.ToWireName(PaymentReleaseState)"/>).</summary>
/// <remarks>
/// The spec's <c>pending</c> state is never stored: computing a release and moving its money to the provider's
/// payable are one database transaction, so no row ever exists whose money has not moved. A row is written
/// <see cref="Released"/>, or <see cref="Refunded"/> for a refund.
/// </remarks>
public enum PaymentReleaseState
{
    /// <summary><c>released</c>: in the provider's payable, not yet paid out.</summary>
    Released,

    /// <summary><c>paid_out</c>: a payout (with its payment reference) paid it.</summary>
    PaidOut,

    /// <summary><c>refunded</c>: the amount went back to the renter's wallet.</summary>
    Refunded,
}

/// <summary>The wire names of <see cref="PaymentReleaseKind"/> and <see cref="PaymentReleaseState"/>.</summary>
public static class PaymentReleaseKinds
{
    /// <summary>The wire name, e.g. <c>daily</c>.</summary>
    public static string ToWireName(this PaymentReleaseKind kind) => kind switch
    {
        PaymentReleaseKind.Daily => "daily",
        PaymentReleaseKind.Final => "final",
        PaymentReleaseKind.Cancellation => "cancellation",
        PaymentReleaseKind.Refund => "refund",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such release kind."),
    };

    /// <summary>The wire name, e.g. <c>paid_out</c>.</summary>
    public static string ToWireName(this PaymentReleaseState state) => state switch
    {
        PaymentReleaseState.Released => "released",
        PaymentReleaseState.PaidOut => "paid_out",
        PaymentReleaseState.Refunded => "refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "no such release state."),
    };

    /// <summary>Reads a kind's wire name; <c>null</c> when unknown.</summary>
    public static PaymentReleaseKind? KindFromWireName(string? name) =>
        Enum.GetValues<PaymentReleaseKind>().Cast<PaymentReleaseKind?>().FirstOrDefault(k => k!.Value.ToWireName() == name);

    /// <summary>Reads a state's wire name; <c>null</c> when unknown.</summary>
    public static PaymentReleaseState? StateFromWireName(string? name) =>
        Enum.GetValues<PaymentReleaseState>().Cast<PaymentReleaseState?>().FirstOrDefault(s => s!.Value.ToWireName() == name);
}
