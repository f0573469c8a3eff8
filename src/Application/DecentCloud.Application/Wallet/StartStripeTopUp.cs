using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using FluentResults;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Wallet;

/// <summary>
/// <c>POST /api/v1/wallet/topups/stripe</c>: opens a Stripe Checkout Session for the signer's wallet. Nothing is
/// booked here: the wallet is credited when Stripe's signed <c>checkout.session.completed</c> arrives, under the
/// session id, so an abandoned session leaves no trace in the books.
/// </summary>
/// <param name="Signer">The device-signed caller.</param>
/// <param name="AmountUsd">Decimal USD text, 1.00-10000.00, at most two decimals.</param>
public sealed record StartStripeTopUp(AccountPrincipal Signer, string? AmountUsd) : ICommand<Result<StripeCheckoutSession>>
{
    /// <summary>The smallest top-up in cents.</summary>
    public const long MinCents = 100;

    /// <summary>The largest top-up in cents.</summary>
    public const long MaxCents = 1_000_000;
}

/// <summary>Handles <see cref="StartStripeTopUp"/>.</summary>
internal sealed class StartStripeTopUpHandler(IOptions<TopUpOptions> options, IServiceProvider services) : ICommandHandler<StartStripeTopUp, Result<StripeCheckoutSession>>
{
    private const long NanoUsdPerCent = 10_000_000;

    public async ValueTask<Result<StripeCheckoutSession>> Handle(StartStripeTopUp command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settings = options.Value;
        // The adapter is registered only when STRIPE_SECRET_KEY is set, so its absence is "not configured", not a fault.
        var checkout = services.GetService<IStripeCheckout>();
        if (checkout is null || settings.TopUpSuccessUrl is null || settings.TopUpCancelUrl is null)
        {
            return Result.Fail(new DomainError(ErrorKind.Unavailable, "stripe_not_configured",
                "Stripe top-ups are not configured (STRIPE_SECRET_KEY, DC_TOPUP_SUCCESS_URL, DC_TOPUP_CANCEL_URL)."));
        }

        if (command.Signer.AccountId is not { } account)
        {
            return Result.Fail(AccountErrors.NoAccount());
        }

        var amount = UsdAmount.Parse(command.AmountUsd);
        if (amount.IsFailed || amount.Value.NanoUsd % NanoUsdPerCent != 0
            || amount.Value.NanoUsd / NanoUsdPerCent is < StartStripeTopUp.MinCents or > StartStripeTopUp.MaxCents)
        {
            return Result.Fail(DomainError.Invalid("invalid_amount", "amountUsd must be decimal USD text from 1.00 to 10000.00 with at most two decimals."));
        }

        var request = new StripeCheckoutRequest(Guid.NewGuid(), account, amount.Value.NanoUsd / NanoUsdPerCent, settings.TopUpSuccessUrl, settings.TopUpCancelUrl);
        try
        {
            return await checkout.CreateAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Result.Fail(new DomainError(ErrorKind.Upstream, "stripe_unavailable", "Stripe did not create the checkout session; try again."));
        }
    }
}
