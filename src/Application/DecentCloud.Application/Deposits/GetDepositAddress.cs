using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Deposits;
using FluentResults;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Deposits;

/// <summary>
/// <c>GET /api/v1/wallet/deposit-address</c>: the signer's deposit address (the platform's deposit principal and the
/// account's subaccount, as ICRC-1 account text) and the tokens accepted there. The address is recorded the first time it
/// is shown, which is what lets the scan map a transfer to it back to the account.
/// </summary>
/// <param name="Signer">The device-signed caller.</param>
public sealed record GetDepositAddress(AccountPrincipal Signer) : ICommand<Result<DepositAddressView>>;

/// <summary>An account's deposit address.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Address">The ICRC-1 account text to send tokens to.</param>
/// <param name="Subaccount">The subaccount part (hex).</param>
/// <param name="Tokens">The tokens credited when sent there (symbols).</param>
public sealed record DepositAddressView(Guid AccountId, string Address, string Subaccount, IReadOnlyList<string> Tokens);

/// <summary>Handles <see cref="GetDepositAddress"/>.</summary>
internal sealed class GetDepositAddressHandler(
    IServiceProvider services, IDepositStore store, IUnitOfWork unitOfWork, IOptions<DepositOptions> options, TimeProvider time)
    : ICommandHandler<GetDepositAddress, Result<DepositAddressView>>
{
    public async ValueTask<Result<DepositAddressView>> Handle(GetDepositAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The adapter is registered only when a deposit identity is configured, so its absence is "off", not a fault.
        var ledgers = services.GetService<IDepositLedgers>();
        var tokens = options.Value.Ledgers.Where(l => l.Token is not null).Select(l => l.Token!.Symbol).ToArray();
        if (ledgers is null || tokens.Length == 0)
        {
            return Result.Fail(DepositErrors.Off());
        }

        if (command.Signer.AccountId is not { } account)
        {
            return Result.Fail(AccountErrors.NoAccount());
        }

        if (!await store.HasAddressAsync(account, cancellationToken))
        {
            // A concurrent first call inserts the same row: the unique key refuses one, the pipeline retries it, and it then finds the row.
            store.AddAddress(DepositAddress.For(account, time.Now()));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        var subaccount = DepositSubaccount.For(account);
        return new DepositAddressView(account, ledgers.AddressOf(subaccount), subaccount.Hex, tokens);
    }
}

/// <summary>The deposits feature's errors.</summary>
internal static class DepositErrors
{
    /// <summary>No deposit identity or no token configured.</summary>
    public static DomainError Off() => new(ErrorKind.Unavailable, "deposits_off",
        "Token deposits are not configured (DC_DEPOSIT_IDENTITY_PEM_FILE or DC_DEPOSIT_IDENTITY_PEM, and DC_DEPOSIT_TOKENS).");
}
