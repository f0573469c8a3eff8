using DecentCloud.Adapters.Ssh;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SSH adapter.</summary>
public static class DecentCloudSshServiceCollectionExtensions
{
    /// <summary>Adds the SSH password resetter and the host key reader (recording the key at provisioning).</summary>
    public static IServiceCollection AddDecentCloudSsh(this IServiceCollection services, SshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<IPasswordResetter, SshPasswordResetter>();
        services.AddSingleton<IHostKeyReader, SshHostKeyReader>();
        return services;
    }
}
