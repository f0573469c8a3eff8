using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>Turns a query and what the zone holds for its name into the authoritative response.</summary>
internal static class DnsResponder
{
    private const int MaxUdpSize = 512;
    private const uint SoaTtl = 3600;

    // The SOA minimum is the negative-caching TTL: short, so a challenge set right after a miss is seen soon.
    private const uint NegativeTtl = 60;

    /// <summary>Builds the response; <paramref name="overUdp"/> limits it to 512 bytes with the TC flag.</summary>
    public static byte[] Respond(DnsQuery query, ZoneLookup lookup, string? nameServer, bool overUdp)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(lookup);
        if (query.Class is not 1 and not 255)
        {
            return DnsWire.WriteResponse(query, DnsRcode.Refused, false, [], []);
        }

        var ns = nameServer ?? $"ns1.{lookup.Apex}";
        var soa = new DnsRecord(lookup.Apex, DnsType.SOA, SoaTtl,
            DnsWire.SoaData(ns, $"hostmaster.{lookup.Apex}", 1, 3600, 600, 86400, NegativeTtl));
        var type = (DnsType)query.Type;
        var response = lookup.Status switch
        {
            ZoneNameStatus.OutOfZone => DnsWire.WriteResponse(query, DnsRcode.Refused, false, [], []),
            ZoneNameStatus.NotFound => DnsWire.WriteResponse(query, DnsRcode.NxDomain, true, [], [soa]),
            ZoneNameStatus.Apex => Answer(query, ApexRecords(lookup.Apex, ns, soa, type), soa),
            _ => Answer(query, NameRecords(query.Name, lookup, type), soa),
        };

        return overUdp && response.Length > MaxUdpSize
            ? DnsWire.WriteResponse(query, DnsRcode.NoError, true, [], [], truncated: true)
            : response;
    }

    private static byte[] Answer(DnsQuery query, DnsRecord[] records, DnsRecord soa) =>
        records.Length > 0
            ? DnsWire.WriteResponse(query, DnsRcode.NoError, true, records, [])
            : DnsWire.WriteResponse(query, DnsRcode.NoError, true, [], [soa]);

    private static DnsRecord[] ApexRecords(string apex, string ns, DnsRecord soa, DnsType type) => type switch
    {
        DnsType.SOA => [soa],
        DnsType.NS => [new DnsRecord(apex, DnsType.NS, SoaTtl, DnsWire.NameData(ns))],
        DnsType.ANY => [soa, new DnsRecord(apex, DnsType.NS, SoaTtl, DnsWire.NameData(ns))],
        _ => [],
    };

    private static DnsRecord[] NameRecords(string name, ZoneLookup lookup, DnsType type)
    {
        var txt = lookup.TxtValues.Select(v => new DnsRecord(name, DnsType.TXT, AcmeTxtRecord.TtlSeconds, DnsWire.TxtData(v)));
        var a = lookup.Addresses.Select(ip => new DnsRecord(name, DnsType.A, VmAddressRecord.TtlSeconds, ip.GetAddressBytes()));
        return type switch
        {
            DnsType.TXT => [.. txt],
            DnsType.A => [.. a],
            DnsType.ANY => [.. txt, .. a],
            _ => [],
        };
    }
}
