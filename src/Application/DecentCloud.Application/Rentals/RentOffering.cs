using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Notifications.Events;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Rentals;

/// <summary>
/// A user rents an offering for a duration (<c>POST /api/v1/rentals</c>). The platform prices it
/// (<see cref="RentalPrice.For"/>), takes one unit of the offering's stock and moves the price from the user's
/// wallet into the new contract's escrow, all in one database transaction: either the contract exists, is paid and
/// holds its stock, or nothing changed at all.
/// </summary>
public sealed record RentOffering(
    AccountPrincipal User,
    Guid OfferingId,
    long DurationSeconds,
    string? SshPublicKey,
    string? InstanceConfig,
    string? PostProvisionScript) : ICommand<Result<ContractView>>, IRetryOnConflict;

/// <summary>Handles <see cref="RentOffering"/>.</summary>
internal sealed class RentOfferingHandler(
    IOfferingStore offerings,
    IProviderProfileStore profiles,
    IContractStore contracts,
    ILedger ledger,
    ContractViewSources views,
    WalletLowWarning walletLow,
    IUnitOfWork unitOfWork,
    TimeProvider time)
    : ICommandHandler<RentOffering, Result<ContractView>>
{
    /// <summary>Who moves a rental's payment and auto-acceptance in the contract's history.</summary>
    internal const string WalletActor = "wallet";

    /// <inheritdoc />
    public async ValueTask<Result<ContractView>> Handle(RentOffering command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.User.AccountId is not { } account)
        {
            return Result.Fail<ContractView>(DomainErrors.Unauthorized("no_account", "Register an account first."));
        }

        var offering = await offerings.FindAsync(command.OfferingId, cancellationToken);
        if (offering is null)
        {
            return Result.Fail<ContractView>(DomainErrors.NotFound("offering_not_found", $"No offering {command.OfferingId}."));
        }

        var checkedTerms = Terms(account, offering, command);
        if (checkedTerms.IsFailed)
        {
            return checkedTerms.ToResult<ContractView>();
        }

        try
        {
            var rented = await unitOfWork.InTransactionAsync(() => RentAsync(account, offering, checkedTerms.Value, cancellationToken), cancellationToken);
            return await ContractView.OfAsync(rented, views, cancellationToken);
        }
        catch (RentalRefusedException refused)
        {
            // The transaction rolled back: no contract, no debit, no stock taken.
            unitOfWork.Reset();
            return Result.Fail<ContractView>(refused.Error);
        }
    }

    private static Result<(ContractTerms Terms, UsdAmount Price)> Terms(Guid account, Offering offering, RentOffering command)
    {
        if (offering.State != OfferingState.Active)
        {
            return Result.Fail(DomainErrors.Conflict("offering_not_active", $"Offering {offering.Id} is not active."));
        }

        var errors = new List<IError>();
        if (command.DurationSeconds < offering.MinDurationSeconds || command.DurationSeconds > offering.MaxDurationSeconds)
        {
            errors.Add(DomainError.Invalid(
                "invalid_duration", $"durationSeconds must be {offering.MinDurationSeconds} to {offering.MaxDurationSeconds} for this offering."));
        }

        var price = RentalPrice.For(offering.MonthlyPrice, command.DurationSeconds);
        // The terms keep the legacy token price at zero: a rental's price is the USD amount held in escrow.
        var terms = ContractTerms.Create(account, offering.ProviderId.Value, offering.PoolName, offering.Id.ToString("D"), offering.Cores,
            offering.MemoryMb, offering.StorageGb, command.SshPublicKey, command.InstanceConfig, command.PostProvisionScript,
            command.DurationSeconds, TokenAmount.Zero(Token.Icp));
        errors.AddRange(terms.Errors);
        if (errors.Count == 0)
        {
            errors.AddRange(price.Errors);
        }

        if (errors.Count == 0 && price.Value.NanoUsd <= 0)
        {
            // A zero posting is no transaction; a free offering has nothing to hold in escrow and rents by the legacy path.
            errors.Add(DomainError.Invalid("free_offering", "A free offering cannot be rented through the wallet."));
        }

        return errors.Count > 0 ? Result.Fail(errors) : (terms.Value, price.Value);
    }

    private async Task<Contract> RentAsync(Guid account, Offering offering, (ContractTerms Terms, UsdAmount Price) rental, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var id = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;

        // The debit first, then the stock: every rental and every refund lock the balances before the offering's row,
        // so concurrent rentals and refunds never wait on each other in a circle.
        var debit = LedgerTransaction.Transfer(LedgerTransactionKind.RentalDebit, RentalSettlement.DebitKey(id), now,
            $"rental of offering {offering.Id}", LedgerAccount.Wallet(account), LedgerAccount.Escrow(id), rental.Price).Value;
        var posted = await ledger.PostAsync(debit, cancellationToken);
        if (posted.IsFailed)
        {
            throw new RentalRefusedException(posted.Errors[0]);
        }

        if (!await offerings.TryReserveAsync(offering.Id, cancellationToken))
        {
            throw new RentalRefusedException(DomainErrors.Conflict("out_of_stock", $"Offering {offering.Id} has no free stock."));
        }

        // The key is this rental's own, so the post above booked it now, and the wallet's balance stays locked until commit:
        // the balance read here is the one this debit left.
        await walletLow.AfterDebitAsync(account, posted.Value, cancellationToken);

        var contract = Contract.Rent(id, rental.Terms, offering.Id, rental.Price, now);
        contract.MarkPaid(now);
        var provider = Guid.TryParse(offering.ProviderId.Value, out var providerAccount)
            ? await profiles.FindAsync(providerAccount, cancellationToken)
            : null;
        if (provider is { AutoAccept: true })
        {
            var accepted = contract.MoveTo(ContractState.Accepted, WalletActor, "auto-accept", now);
            if (accepted.IsFailed)
            {
                throw new InvalidOperationException($"a new paid rental could not be auto-accepted: {accepted.Errors[0].Message}");
            }
        }

        contracts.Add(contract);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return contract;
    }

    /// <summary>Ends the rental's transaction without committing anything; carries the answer for the user.</summary>
    private sealed class RentalRefusedException(IError error) : Exception(error.Message)
    {
        public IError Error { get; } = error;
    }
}
