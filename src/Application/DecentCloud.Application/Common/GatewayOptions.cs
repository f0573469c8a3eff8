using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Common;

/// <summary>Settings of the gateway DNS namespace and the acme-dns proxy.</summary>
public sealed class GatewayOptions
{
    /// <summary>The zone apex (<c>CF_DOMAIN</c>).</summary>
    [Required]
    public string Domain { get; set; } = "decent-cloud.test";

    /// <summary>The label all gateways live under (<c>CF_GW_PREFIX</c>).</summary>
    [Required]
    public string GatewayPrefix { get; set; } = "dev-gw";

    /// <summary>The API's public base URL (<c>API_PUBLIC_URL</c>); registration answers 503 while it is unset.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>dc_id prefixes reserved in addition to the built-in ones.</summary>
    public IList<string> ExtraReservedPrefixes { get; } = [];

    /// <summary>Challenge values older than this are removed from DNS.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan TxtMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many dc_ids one provider may register (<c>DC_MAX_GATEWAYS_PER_PROVIDER</c>); revoked ones count, as they stay the provider's.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a positive number of gateways.")]
    public int MaxPerProvider { get; set; } = 100;

    /// <summary>How long a new setup token lives.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan SetupTokenLifetime { get; set; } = TimeSpan.FromHours(24);
}
