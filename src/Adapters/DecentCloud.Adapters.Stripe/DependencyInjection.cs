using DecentCloud.Adapters.Stripe;
using DecentCloud.Application.Wallet;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Stripe adapter.</summary>
public static class DecentCloudStripeServiceCollectionExtensions
{
    /// <summary>Adds Stripe Checkout as the <see cref="IStripeCheckout"/> of the top-up use case.</summary>
    public static IServiceCollection AddDecentCloudStripe(this IServiceCollection services, StripeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<IStripeCheckout, StripeCheckout>();
        return services;
    }
}
