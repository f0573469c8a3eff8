using System.Net;
using System.Net.Sockets;
using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Agent.Gateway;

/// <summary>
/// One VM's site file, <c>sites/{slug}.caddy</c>: a snippet imported inside the gateway's wildcard site that routes the
/// VM's name to its address. Every field is checked first, since each is written into the Caddyfile.
/// </summary>
internal static class CaddySiteSnippet
{
    /// <summary>The file name of a slug's site; only names of this shape in the sites folder belong to dc-agent.</summary>
    public static string FileName(string slug) => slug + ".caddy";

    /// <summary>True for a file name dc-agent may own: six [a-z0-9] then <c>.caddy</c>.</summary>
    public static bool IsSiteFileName(string fileName) =>
        fileName.Length == 12 && fileName.EndsWith(".caddy", StringComparison.Ordinal) && IsSlug(fileName[..6]);

    /// <summary>True for a slug: exactly six characters [a-z0-9].</summary>
    public static bool IsSlug(string? slug) => slug is { Length: 6 } && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');

    /// <summary>The snippet for <paramref name="site"/>; throws <see cref="GatewayException"/> naming the first bad field.</summary>
    public static string Render(VmSite site, string gatewayName)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!IsSlug(site.Slug))
        {
            throw new GatewayException($"site slug '{Printable(site.Slug)}' must be 6 characters [a-z0-9].");
        }

        if (site.Fqdn != $"{site.Slug}.{gatewayName}")
        {
            throw new GatewayException($"site {site.Slug}: fqdn '{Printable(site.Fqdn)}' must be '{site.Slug}.{gatewayName}'.");
        }

        if (site.Port is < 1 or > 65535)
        {
            throw new GatewayException($"site {site.Slug}: port {site.Port} must be 1-65535.");
        }

        var upstream = Upstream(site);
        return $"# {site.Fqdn}: written by dc-agent for one VM; changes are overwritten.\n"
            + $"@{site.Slug} host {site.Fqdn}\n"
            + $"handle @{site.Slug} {{\n\treverse_proxy {upstream}:{site.Port}\n}}\n";
    }

    // Rendered from the parsed address, so only digits, hex, dots and colons reach the file; IPv6 goes in brackets.
    private static string Upstream(VmSite site)
    {
        var text = site.Upstream ?? string.Empty;
        if (!IPAddress.TryParse(text, out var address)
            || address.AddressFamily switch
            {
                // IPAddress also parses "10.1" or "167772161"; an upstream is written out in full.
                AddressFamily.InterNetwork => text.Split('.').Length != 4,
                AddressFamily.InterNetworkV6 => address.ScopeId != 0 || text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal),
                _ => true,
            })
        {
            throw new GatewayException($"site {site.Slug}: upstream '{Printable(text)}' must be an IPv4 or IPv6 address.");
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    private static string Printable(string? value) => string.Concat((value ?? string.Empty).Select(c => char.IsControl(c) ? '?' : c));
}
