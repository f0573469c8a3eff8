using System.Net;

namespace DecentCloud.Agent.Gateway;

/// <summary>The strict IPv4 form nft is given: dotted decimal that parses back to itself, a unicast address.</summary>
internal static class NftablesAddress
{
    /// <summary>
    /// True for <c>a.b.c.d</c> exactly as .NET writes it back (so no octal, hex or short forms that another parser reads
    /// differently), and neither unspecified, broadcast nor multicast.
    /// </summary>
    public static bool IsUsable(string? text) =>
        text is not null
        && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && address.ToString() == text
        && !address.Equals(IPAddress.Any)
        && !address.Equals(IPAddress.Broadcast)
        && address.GetAddressBytes()[0] is < 224 or > 239;
}
