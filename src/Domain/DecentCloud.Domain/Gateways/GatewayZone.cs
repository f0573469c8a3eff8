namespace DecentCloud.Domain.Gateways;

/// <summary>The platform's gateway namespace <c>{gw_prefix}.{domain}</c> and the names derived from it.</summary>
public sealed record GatewayZone(GatewayPrefix Prefix, DnsDomain Domain)
{
    /// <summary><c>{gw_prefix}.{domain}</c>.</summary>
    public string GatewaysApex => $"{Prefix.Value}.{Domain.Value}";

    /// <summary>The gateway's own name <c>{dc_id}.{gw_prefix}.{domain}</c>.</summary>
    public string GatewayName(DcId dcId) => $"{Checked(dcId).Value}.{GatewaysApex}";

    /// <summary>The one TXT name a gateway's acme-dns account may write: <c>_acme-challenge.{dc_id}.{gw_prefix}.{domain}</c>.</summary>
    public string ChallengeName(DcId dcId) => $"_acme-challenge.{GatewayName(dcId)}";

    /// <summary>The gateway's wildcard certificate name <c>*.{dc_id}.{gw_prefix}.{domain}</c>.</summary>
    public string Wildcard(DcId dcId) => $"*.{GatewayName(dcId)}";

    /// <summary>A VM's name <c>{slug}.{dc_id}.{gw_prefix}.{domain}</c>.</summary>
    public string VmName(VmSlug slug, DcId dcId)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return $"{slug.Value}.{GatewayName(dcId)}";
    }

    private static DcId Checked(DcId dcId)
    {
        ArgumentNullException.ThrowIfNull(dcId);
        return dcId;
    }
}
