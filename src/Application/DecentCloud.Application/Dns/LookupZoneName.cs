using System.Net;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Gateways;
using Mediator;

namespace DecentCloud.Application.Dns;

/// <summary>What the platform's zone holds for a name: the source of truth of the embedded DNS server.</summary>
public sealed record LookupZoneName(string Name) : IQuery<ZoneLookup>;

/// <summary>Where a name stands relative to the zone.</summary>
public enum ZoneNameStatus
{
    /// <summary>Not under the zone apex: not ours to answer.</summary>
    OutOfZone,
    /// <summary>The zone apex itself (SOA and NS live here).</summary>
    Apex,
    /// <summary>A name that exists in the zone (possibly with no records of the asked type).</summary>
    Exists,
    /// <summary>A name under the apex that does not exist (NXDOMAIN).</summary>
    NotFound,
}

/// <summary>The records of one name.</summary>
public sealed record ZoneLookup(ZoneNameStatus Status, string Apex, IReadOnlyList<string> TxtValues, IReadOnlyList<IPAddress> Addresses);

/// <summary>Handles <see cref="LookupZoneName"/>.</summary>
internal sealed class LookupZoneNameHandler(
    IAcmeDnsAccountStore accounts,
    IAcmeTxtRecordStore txtRecords,
    IVmAddressRecordStore addressRecords,
    GatewayZoneProvider zones) : IQueryHandler<LookupZoneName, ZoneLookup>
{
    private const string ChallengeLabel = "_acme-challenge";

    /// <inheritdoc />
    public async ValueTask<ZoneLookup> Handle(LookupZoneName query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var zone = zones.Zone;
        var apex = zone.Domain.Value;
        var name = query.Name.TrimEnd('.').ToLowerInvariant();
        if (name == apex)
        {
            return Answer(ZoneNameStatus.Apex);
        }

        if (!name.EndsWith("." + apex, StringComparison.Ordinal))
        {
            return Answer(ZoneNameStatus.OutOfZone);
        }

        if (name == zone.GatewaysApex)
        {
            return Answer(ZoneNameStatus.Exists);
        }

        var suffix = "." + zone.GatewaysApex;
        if (!name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return Answer(ZoneNameStatus.NotFound);
        }

        var labels = name[..^suffix.Length].Split('.');
        var dcId = DcId.Create(labels[^1]);
        if (labels.Length > 2 || dcId.IsFailed || await accounts.FindByDcIdAsync(dcId.Value, cancellationToken) is null)
        {
            return Answer(ZoneNameStatus.NotFound);
        }

        if (labels.Length == 1)
        {
            return Answer(ZoneNameStatus.Exists);
        }

        if (labels[0] == ChallengeLabel)
        {
            var record = await txtRecords.FindAsync(dcId.Value, cancellationToken);
            return Answer(ZoneNameStatus.Exists, txt: record?.Values ?? []);
        }

        var slug = VmSlug.Create(labels[0]);
        var vm = slug.IsSuccess ? await addressRecords.FindAsync(dcId.Value, slug.Value, cancellationToken) : null;
        return vm is null
            ? Answer(ZoneNameStatus.NotFound)
            : Answer(ZoneNameStatus.Exists, addresses: [IPAddress.Parse(vm.Address)]);

        ZoneLookup Answer(ZoneNameStatus status, IReadOnlyList<string>? txt = null, IReadOnlyList<IPAddress>? addresses = null) =>
            new(status, apex, txt ?? [], addresses ?? []);
    }
}
