namespace DecentCloud.Application.Wallet;

/// <summary>What a verified webhook did; every outcome is acknowledged to the sender (HTTP 200) so it stops redelivering.</summary>
public enum WebhookOutcome
{
    /// <summary>The wallet was credited now.</summary>
    Credited,

    /// <summary>This payment was credited by an earlier delivery; nothing was booked again.</summary>
    AlreadyCredited,

    /// <summary>A refund was taken back out of the wallet now.</summary>
    Reversed,

    /// <summary>This refund was reversed by an earlier delivery; nothing was booked again.</summary>
    AlreadyReversed,

    /// <summary>The event was recorded (logged) and moves no money (e.g. a failed payment, an unpaid session).</summary>
    Recorded,

    /// <summary>An event type this platform does not act on.</summary>
    Ignored,
}
