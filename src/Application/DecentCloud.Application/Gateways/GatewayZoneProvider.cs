using DecentCloud.Application.Common;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Gateways;

/// <summary>The configured gateway namespace and dc_id policy, validated once.</summary>
public sealed class GatewayZoneProvider
{
    /// <summary>Builds the zone from options; throws at start-up when the configured names are invalid.</summary>
    public GatewayZoneProvider(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var prefix = GatewayPrefix.Create(o.GatewayPrefix);
        var domain = DnsDomain.Create(o.Domain);
        if (prefix.IsFailed || domain.IsFailed)
        {
            throw new OptionsValidationException(nameof(GatewayOptions), typeof(GatewayOptions),
                [.. prefix.Errors.Concat(domain.Errors).Select(e => e.Message)]);
        }

        Zone = new GatewayZone(prefix.Value, domain.Value);
        Policy = new DcIdPolicy(o.ExtraReservedPrefixes);
    }

    /// <summary>The namespace.</summary>
    public GatewayZone Zone { get; }

    /// <summary>Which dc_ids providers may register.</summary>
    public DcIdPolicy Policy { get; }
}
