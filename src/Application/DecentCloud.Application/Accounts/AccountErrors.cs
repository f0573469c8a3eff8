using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Accounts;

/// <summary>The errors of the account use cases that the account aggregate itself does not raise.</summary>
internal static class AccountErrors
{
    public static DomainError NoAccount() => DomainErrors.NotFound("account_not_found", "The signing device has no account.");

    public static DomainError DeviceRegistered() => DomainErrors.Conflict("device_registered", "That device key belongs to an account already.");

    /// <summary>The signer was revoked between authentication and the save (by a concurrent request of another device).</summary>
    public static DomainError SignerRevoked() => DomainErrors.Conflict("signer_revoked", "The signing device was revoked meanwhile.");

    /// <summary>Every attempt lost the race to concurrent writers of the same account.</summary>
    public static DomainError ConcurrentChange() => DomainErrors.Conflict("concurrent_change", "The account was changed concurrently; try again.");
}
