using System.Net;
using System.Net.Sockets;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>The A record of one VM behind a gateway: <c>{slug}.{dc_id}.{gw_prefix}.{domain}</c>, TTL 300, never proxied.</summary>
public sealed class VmAddressRecord
{
    /// <summary>TTL of a VM's A record in seconds.</summary>
    public const int TtlSeconds = 300;

    private VmAddressRecord(DcId dcId, VmSlug slug, string address, ProviderId providerId, DateTimeOffset now)
    {
        DcId = dcId;
        Slug = slug;
        Address = address;
        ProviderId = providerId;
        UpdatedAt = now;
    }

    /// <summary>The gateway.</summary>
    public DcId DcId { get; private set; }

    /// <summary>The VM's label.</summary>
    public VmSlug Slug { get; private set; }

    /// <summary>The IPv4 address in dotted form.</summary>
    public string Address { get; private set; }

    /// <summary>The provider that owns the gateway.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>When the address was last set.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Parses an IPv4 address for an A record.</summary>
    public static Result<IPAddress> ParseIpv4(string? text)
    {
        if (text is null || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || ip.ToString() != text)
        {
            return Result.Fail<IPAddress>(DomainError.Invalid("invalid_ipv4", "ipv4 must be a dotted-quad IPv4 address."));
        }

        return ip;
    }

    /// <summary>A new record.</summary>
    public static VmAddressRecord Create(DcId dcId, VmSlug slug, IPAddress address, ProviderId providerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new VmAddressRecord(dcId, slug, address.ToString(), providerId, now);
    }

    /// <summary>Points the record at another address.</summary>
    public void MoveTo(IPAddress address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address.ToString();
        UpdatedAt = now;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private VmAddressRecord()
    {
    }
#pragma warning restore CS8618
}
