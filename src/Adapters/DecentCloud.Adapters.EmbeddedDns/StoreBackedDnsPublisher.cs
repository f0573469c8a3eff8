using System.Net;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>
/// The publisher when the embedded server is the DNS: the use cases have already written the
/// values to the store the server answers from, so there is nothing more to send anywhere.
/// </summary>
public sealed class StoreBackedDnsPublisher : IDnsTxtPublisher, IDnsAddressPublisher
{
    /// <inheritdoc />
    public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SetAddressAsync(string name, IPAddress address, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RemoveAddressAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
}
