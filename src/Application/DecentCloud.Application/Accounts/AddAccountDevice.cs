using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Accounts;

/// <summary>An active device adds another device key to its account; credentials uploaded from then on are readable on it.</summary>
public sealed record AddAccountDevice(AccountPrincipal Signer, string? DeviceKeyHex, string? Label) : ICommand<Result<AccountView>>;

/// <summary>Handles <see cref="AddAccountDevice"/>.</summary>
internal sealed class AddAccountDeviceHandler(IAccountStore accounts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<AddAccountDevice, Result<AccountView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AccountView>> Handle(AddAccountDevice command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var account = command.Signer.AccountId is { } id ? await accounts.FindAsync(id, cancellationToken) : null;
        if (account is null)
        {
            return Result.Fail<AccountView>(DomainErrors.NotFound("account_not_found", "The signing device has no account."));
        }

        if (command.DeviceKeyHex is not null && await accounts.FindByDeviceAsync(command.DeviceKeyHex.ToLowerInvariant(), cancellationToken) is { } owner && owner.Id != account.Id)
        {
            return Result.Fail<AccountView>(DomainErrors.Conflict("device_registered", "That device key belongs to another account."));
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
