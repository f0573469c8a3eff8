using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Accounts;

/// <summary>
/// How much one account and one client address may create: the caps that keep a caller with nothing but fresh keys
/// from filling the database. Counted in the database, so every API instance sharing it enforces the same numbers.
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>Device keys an account may ever have had (revoked ones count: each is a row kept for the audit).</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be 1-10000.")]
    public int MaxDevicesPerAccount { get; set; } = 20;

    /// <summary>Contract requests of one account waiting for an answer or a payment (requested, pending).</summary>
    [Range(1, 100_000, ErrorMessage = "{0} must be 1-100000.")]
    public int MaxOpenRequestsPerAccount { get; set; } = 10;

    /// <summary>Accounts one client address may register per <see cref="AddressWindow"/>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "{0} must be 1-1000000.")]
    public int MaxAccountsPerAddress { get; set; } = 20;

    /// <summary>Contracts one client address may request per <see cref="AddressWindow"/>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "{0} must be 1-1000000.")]
    public int MaxContractsPerAddress { get; set; } = 100;

    /// <summary>The sliding window of the per-address quotas.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss) of at most a year.")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromHours(1);
}
