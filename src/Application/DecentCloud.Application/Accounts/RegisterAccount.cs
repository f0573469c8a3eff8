using DecentCloud.Application.Common;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Accounts;

/// <summary>
/// Registers an account whose first device is the key that signed the request, with the account-level
/// credential public key the user's device derived from the account seed.
/// </summary>
public sealed record RegisterAccount(AccountPrincipal Signer, string? CredentialKeyHex, string? DeviceLabel) : ICommand<Result<AccountView>>;

/// <summary>An account as its owner sees it.</summary>
public sealed record AccountView(Guid AccountId, string CredentialKey, IReadOnlyList<DeviceView> Devices);

/// <summary>One device of an account.</summary>
public sealed record DeviceView(string DeviceKey, string? Label, DateTimeOffset AddedAt, DateTimeOffset? RevokedAt);

/// <summary>Handles <see cref="RegisterAccount"/>.</summary>
internal sealed class RegisterAccountHandler(IAccountStore accounts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<RegisterAccount, Result<AccountView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AccountView>> Handle(RegisterAccount command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Signer.AccountId is not null)
        {
            return Result.Fail<AccountView>(DomainErrors.Conflict("device_registered", "This device key already belongs to an account."));
        }

        var account = Account.Register(Guid.NewGuid(), command.CredentialKeyHex, command.Signer.DeviceKeyHex, command.DeviceLabel, time.Now());
        if (account.IsFailed)
        {
            return account.ToResult<AccountView>();
        }

        accounts.Add(account.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ToView(account.Value);
    }

    internal static AccountView ToView(Account account) =>
        new(account.Id, account.CredentialKeyHex, account.Devices.Select(d => new DeviceView(d.KeyHex, d.Label, d.AddedAt, d.RevokedAt)).ToList());
}
