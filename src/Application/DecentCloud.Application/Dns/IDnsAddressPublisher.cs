using System.Net;

namespace DecentCloud.Application.Dns;

/// <summary>Writes VM A records (TTL 300, not proxied) to the real DNS.</summary>
public interface IDnsAddressPublisher
{
    /// <summary>Makes <paramref name="address"/> the only A record of <paramref name="name"/>.</summary>
    Task SetAddressAsync(string name, IPAddress address, CancellationToken cancellationToken);

    /// <summary>Removes the A records of <paramref name="name"/>; nothing to remove is fine.</summary>
    Task RemoveAddressAsync(string name, CancellationToken cancellationToken);
}
