using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Accounts;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>
/// Whom the agent encrypts a contract's password for: the account-level X25519 credential key and the
/// Ed25519 keys of the account's active devices (the agent converts them to X25519), all hex.
/// </summary>
public sealed record CredentialRecipients(string AccountKey, IReadOnlyList<string> DeviceKeys)
{
    internal static async Task<CredentialRecipients?> OfAsync(IAccountStore accounts, Guid accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken);
        return account is null ? null : Of(account);
    }

    internal static CredentialRecipients Of(Account account) =>
        new(account.CredentialKeyHex, account.ActiveDevices.Select(d => d.KeyHex).ToList());
}
