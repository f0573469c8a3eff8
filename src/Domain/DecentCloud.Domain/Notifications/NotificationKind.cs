namespace DecentCloud.Domain.Notifications;

/// <summary>What a notification is about; an account chooses its channels per kind.</summary>
public enum NotificationKind
{
    /// <summary>Provider: a user requested a rental of one of its offerings.</summary>
    RentalRequested,

    /// <summary>Provider: a contract's measured uptime fell below its SLA target.</summary>
    SlaBreached,

    /// <summary>User: the machine is provisioned and reachable.</summary>
    ContractProvisioned,

    /// <summary>User: the password reset it asked for is done.</summary>
    PasswordResetDone,

    /// <summary>User: a contract ends soon.</summary>
    ContractEndingSoon,

    /// <summary>Provider: a payout was sent.</summary>
    PayoutSent,

    /// <summary>User: the wallet balance fell below the warning threshold.</summary>
    WalletLow,

    /// <summary>A code that proves the account owns an address; sent to the unverified address itself.</summary>
    AddressVerification,
}
