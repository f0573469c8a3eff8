using System.Net;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>
/// The publisher when the embedded server is the DNS: the use cases have already written the
/// values to the store the server answers from, so there is nothing more to send anywhere; the
/// server's answer cache (when this process runs one) forgets the name.
/// </summary>
public sealed class StoreBackedDnsPublisher : IDnsTxtPublisher, IDnsAddressPublisher
{
    private readonly ZoneAnswerCache? _cache;

    /// <summary>A publisher with no answer cache to keep fresh (a process that does not serve DNS).</summary>
    public StoreBackedDnsPublisher()
    {
    }

    internal StoreBackedDnsPublisher(ZoneAnswerCache cache) => _cache = cache;

    /// <inheritdoc />
    public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) => Forget(name);

    /// <inheritdoc />
    public Task SetAddressAsync(string name, IPAddress address, CancellationToken cancellationToken) => Forget(name);

    /// <inheritdoc />
    public Task RemoveAddressAsync(string name, CancellationToken cancellationToken) => Forget(name);

    private Task Forget(string name)
    {
        _cache?.Forget(name);
        return Task.CompletedTask;
    }
}
