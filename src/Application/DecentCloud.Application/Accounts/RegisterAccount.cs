using DecentCloud.Application.Common;
using DecentCloud.Domain.Accounts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Accounts;

/// <summary>
/// Registers an account whose first device is the key that signed the request, with the account-level
/// credential public key the user's device derived from the account seed.
/// </summary>
/// <remarks>
/// Two registrations with one device key race on the device key's primary key: the slower one is retried, finds the
/// account the faster one made and answers <c>device_registered</c> (409). Registrations from one client address are
/// capped per window (<see cref="QuotaOptions.MaxAccountsPerAddress"/>, 429).
/// </remarks>
public sealed record RegisterAccount(AccountPrincipal Signer, string? CredentialKeyHex, string? DeviceLabel) : ICommand<Result<AccountView>>, IRetryOnConflict
{
    /// <summary>The client's network address, stored with the account for the per-address quota; <c>null</c> from inside the platform (no quota).</summary>
    public string? ClientAddress { get; init; }

    /// <inheritdoc />
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => AccountErrors.DeviceRegistered();
}

/// <summary>An account as its owner sees it.</summary>
public sealed record AccountView(Guid AccountId, string CredentialKey, IReadOnlyList<DeviceView> Devices);

/// <summary>One device of an account.</summary>
public sealed record DeviceView(string DeviceKey, string? Label, DateTimeOffset AddedAt, DateTimeOffset? RevokedAt);

/// <summary>Handles <see cref="RegisterAccount"/>.</summary>
internal sealed class RegisterAccountHandler(IAccountStore accounts, IUnitOfWork unitOfWork, IOptions<QuotaOptions> quotas, TimeProvider time)
    : ICommandHandler<RegisterAccount, Result<AccountView>>
{
    /// <inheritdoc />
    public ValueTask<Result<AccountView>> Handle(RegisterAccount command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // The count and the insert it allows run in one transaction holding the address's quota key, so two
        // registrations at the edge of the quota are serialised: the second counts the first and is refused.
        return new(unitOfWork.InTransactionAsync(() => RegisterAsync(command, cancellationToken), cancellationToken));
    }

    private async Task<Result<AccountView>> RegisterAsync(RegisterAccount command, CancellationToken cancellationToken)
    {
        var now = time.Now();
        if (command.ClientAddress is { } address)
        {
            var o = quotas.Value;
            await accounts.HoldQuotaAsync("register:" + address, cancellationToken);
            if (await accounts.CountRegisteredFromAsync(address, now - o.AddressWindow, cancellationToken) >= o.MaxAccountsPerAddress)
            {
                return Result.Fail<AccountView>(AccountErrors.AccountQuota(o));
            }
        }

        // The principal was resolved before this attempt; a concurrent registration may have taken the key since.
        if (command.Signer.AccountId is not null || await accounts.FindByDeviceAsync(command.Signer.DeviceKeyHex.ToLowerInvariant(), cancellationToken) is not null)
        {
            return Result.Fail<AccountView>(AccountErrors.DeviceRegistered());
        }

        var account = Account.Register(Guid.NewGuid(), command.CredentialKeyHex, command.Signer.DeviceKeyHex, command.DeviceLabel, now);
        if (account.IsFailed)
        {
            return account.ToResult<AccountView>();
        }

        accounts.Add(account.Value, command.ClientAddress);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ToView(account.Value);
    }

    internal static AccountView ToView(Account account) =>
        new(account.Id, account.CredentialKeyHex, account.Devices.Select(d => new DeviceView(d.KeyHex, d.Label, d.AddedAt, d.RevokedAt)).ToList());
}
