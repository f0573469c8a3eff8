using DecentCloud.Api.Http;
using Microsoft.Extensions.Options;

namespace DecentCloud.Api.Configuration;

/// <summary>Every trusted proxy must be an address or a CIDR network, or the API would start trusting nothing or the wrong peers.</summary>
internal sealed class ClientAddressOptionsValidator : IValidateOptions<ClientAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientAddressOptions options)
    {
        var bad = options.TrustedProxies.Where(p => ClientAddressResolver.ParseNetwork(p) is null).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"DC_TRUSTED_PROXIES (ClientAddress:TrustedProxies) must list addresses or CIDR networks with no host bits set (10.0.0.0/8), not '{string.Join("', '", bad)}'.");
    }
}
