using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>When the events that notify fire (section <c>NotificationEvents</c>): how early a user hears that a contract ends, and when a wallet counts as low.</summary>
public sealed class NotificationEventOptions
{
    /// <summary>A running contract whose rented time runs out within this is announced as ending soon (checked by the <c>warn-ending-contracts</c> job).</summary>
    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00", ErrorMessage = "{0} must be 15 minutes to 30 days (d.hh:mm:ss).")]
    public TimeSpan EndingSoonLookahead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A debit that takes a wallet from at or above this to below it warns the user once, in nano-USD (default 5 USD).</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "{0} must be a positive number of nano-USD.")]
    public long WalletLowThresholdE9s { get; set; } = 5_000_000_000L;

    /// <summary>Contracts read per page by the ending-soon check.</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be 1-10000.")]
    public int BatchSize { get; set; } = 500;
}
