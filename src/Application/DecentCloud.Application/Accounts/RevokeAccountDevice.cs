using DecentCloud.Application.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Accounts;

/// <summary>An active device revokes one of its account's devices (itself included, unless it is the last).</summary>
/// <remarks>
/// Two devices revoking each other at once: both changes touch the same account, whose version moves with any change
/// of its devices, so the slower save fails and is retried on fresh state, where its signer is revoked already
/// (<c>signer_revoked</c>, 409). The last-device rule is thus checked on the state the save overwrites.
/// </remarks>
public sealed record RevokeAccountDevice(AccountPrincipal Signer, string? DeviceKeyHex) : ICommand<Result<AccountView>>, IRetryOnConflict
{
    /// <inheritdoc />
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => AccountErrors.ConcurrentChange();
}

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
            return Result.Fail<AccountView>(AccountErrors.NoAccount());
        }

        if (!account.HasActiveDevice(command.Signer.DeviceKeyHex))
        {
            return Result.Fail<AccountView>(AccountErrors.SignerRevoked());
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
