using System.Net.Sockets;
using DecentCloud.Adapters.Docker;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Docker provisioner.</summary>
public static class DecentCloudDockerServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>, talking to the engine over its unix socket.</summary>
    public static IServiceCollection AddDecentCloudDocker(this IServiceCollection services, DockerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);

        // The engine is local: no retries, and the host name of the URL is ignored by the socket connection.
        services.AddRefitGeneratedClient<IDockerApi>()
            .ConfigureHttpClient(client => client.BaseAddress = new Uri($"http://docker/{options.ApiVersion}/"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(options.SocketPath), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            });
        services.AddSingleton<DockerProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<DockerProvisioner>());
        return services;
    }
}
