using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Accounts;

/// <summary>An active device revokes one of its account's devices (itself included, unless it is the last).</summary>
public sealed record RevokeAccountDevice(AccountPrincipal Signer, string? DeviceKeyHex) : ICommand<Result<AccountView>>;

/// <summary>Handles <see cref="RevokeAccountDevice"/>.</summary>
internal sealed class RevokeAccountDeviceHandler(IAccountStore accounts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<RevokeAccountDevice, Result<AccountView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AccountView>> Handle(RevokeAccountDevice command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var account = command.Signer.AccountId is { } id ? await accounts.FindAsync(id, cancellationToken) : null;
        if (account is null)
        {
            return Result.Fail<AccountView>(DomainErrors.NotFound("account_not_found", "The signing device has no account."));
        }

        var revoked = account.RevokeDevice(command.DeviceKeyHex, time.Now());
        if (revoked.IsFailed)
        {
            return revoked.ToResult<AccountView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return RegisterAccountHandler.ToView(account);
    }
}
