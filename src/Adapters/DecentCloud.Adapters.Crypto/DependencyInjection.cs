using DecentCloud.Adapters.Crypto;
using DecentCloud.Application.Agents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the crypto adapter.</summary>
public static class DecentCloudCryptoServiceCollectionExtensions
{
    /// <summary>Adds the Ed25519ph signature verifier.</summary>
    public static IServiceCollection AddDecentCloudCrypto(this IServiceCollection services)
    {
        services.TryAddSingleton<ISignatureVerifier, Ed25519phSignatureVerifier>();
        return services;
    }
}
