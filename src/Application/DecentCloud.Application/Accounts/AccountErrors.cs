using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Accounts;

/// <summary>The errors of the account use cases that the account aggregate itself does not raise.</summary>
internal static class AccountErrors
{
    public static DomainError NoAccount() => DomainErrors.NotFound("account_not_found", "The signing device has no account.");

    public static DomainError DeviceRegistered() => DomainErrors.Conflict("device_registered", "That device key belongs to an account already.");

    /// <summary>The signer was revoked between authentication and the save (by a concurrent request of another device).</summary>
    public static DomainError SignerRevoked() => DomainErrors.Conflict("signer_revoked", "The signing device was revoked meanwhile.");

    public static DomainError AccountQuota(QuotaOptions o) => DomainErrors.LimitExceeded(
        "account_quota", $"At most {o.MaxAccountsPerAddress} accounts may be registered from one address per {o.AddressWindow}.");

    public static DomainError DeviceQuota(QuotaOptions o) => DomainErrors.LimitExceeded(
        "device_quota", $"An account may have at most {o.MaxDevicesPerAccount} device keys, revoked ones included.");

    public static DomainError OpenRequestQuota(QuotaOptions o) => DomainErrors.LimitExceeded(
        "open_request_quota", $"An account may have at most {o.MaxOpenRequestsPerAccount} contract requests waiting for an answer or a payment.");

    public static DomainError RequestQuota(QuotaOptions o) => DomainErrors.LimitExceeded(
        "request_quota", $"At most {o.MaxContractsPerAddress} contracts may be requested from one address per {o.AddressWindow}.");

    /// <summary>Every attempt lost the race to concurrent writers of the same account.</summary>
    public static DomainError ConcurrentChange() => DomainErrors.Conflict("concurrent_change", "The account was changed concurrently; try again.");
}
