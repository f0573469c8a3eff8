using DecentCloud.Application.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Accounts;

/// <summary>An active device adds another device key to its account; credentials uploaded from then on are readable on it.</summary>
/// <remarks>
/// The account's version guards concurrent changes of its devices and the device key's primary key guards one key
/// added to two accounts at once; the slower request is retried and answers with the state the faster one left.
/// </remarks>
public sealed record AddAccountDevice(AccountPrincipal Signer, string? DeviceKeyHex, string? Label) : ICommand<Result<AccountView>>, IRetryOnConflict
{
    /// <inheritdoc />
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => AccountErrors.ConcurrentChange();
}

/// <summary>Handles <see cref="AddAccountDevice"/>.</summary>
internal sealed class AddAccountDeviceHandler(IAccountStore accounts, IUnitOfWork unitOfWork, IOptions<QuotaOptions> quotas, TimeProvider time) : ICommandHandler<AddAccountDevice, Result<AccountView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AccountView>> Handle(AddAccountDevice command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var account = command.Signer.AccountId is { } id ? await accounts.FindAsync(id, cancellationToken) : null;
        if (account is null)
        {
            return Result.Fail<AccountView>(AccountErrors.NoAccount());
        }

        if (!account.HasActiveDevice(command.Signer.DeviceKeyHex))
        {
            return Result.Fail<AccountView>(AccountErrors.SignerRevoked());
        }

        if (command.DeviceKeyHex is not null && await accounts.FindByDeviceAsync(command.DeviceKeyHex.ToLowerInvariant(), cancellationToken) is { } owner && owner.Id != account.Id)
        {
            return Result.Fail<AccountView>(AccountErrors.DeviceRegistered());
        }

        // The account's version makes two adds at the edge of the quota race: the slower is retried and counts again.
        var isNew = !account.Devices.Any(d => string.Equals(d.KeyHex, command.DeviceKeyHex, StringComparison.OrdinalIgnoreCase));
        if (isNew && account.Devices.Count >= quotas.Value.MaxDevicesPerAccount)
        {
            return Result.Fail<AccountView>(AccountErrors.DeviceQuota(quotas.Value));
        }

        var added = account.AddDevice(command.DeviceKeyHex, command.Label, time.Now());
        if (added.IsFailed)
        {
            return added.ToResult<AccountView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return RegisterAccountHandler.ToView(account);
    }
}
