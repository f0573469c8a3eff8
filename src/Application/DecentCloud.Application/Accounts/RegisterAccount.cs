using DecentCloud.Application.Common;
using DecentCloud.Domain.Accounts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Accounts;

/// <summary>
/// Registers an account whose first device is the key that signed the request, with the account-level
/// credential public key the user's device derived from the account seed.
/// </summary>
/// <remarks>
/// Two registrations with one device key race on the device key's primary key: the slower one is retried, finds the
/// account the faster one made and answers <c>device_registered</c> (409).
/// </remarks>
public sealed record RegisterAccount(AccountPrincipal Signer, string? CredentialKeyHex, string? DeviceLabel) : ICommand<Result<AccountView>>, IRetryOnConflict
{
    /// <inheritdoc />
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => AccountErrors.DeviceRegistered();
}

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
        // The principal was resolved before this attempt; a concurrent registration may have taken the key since.
        if (command.Signer.AccountId is not null || await accounts.FindByDeviceAsync(command.Signer.DeviceKeyHex.ToLowerInvariant(), cancellationToken) is not null)
        {
            return Result.Fail<AccountView>(AccountErrors.DeviceRegistered());
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
