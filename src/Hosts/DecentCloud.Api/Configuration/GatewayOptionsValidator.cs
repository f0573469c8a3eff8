using DecentCloud.Application.Common;
using Microsoft.Extensions.Options;

namespace DecentCloud.Api.Configuration;

/// <summary>The public URL, when set, must be absolute: gateways are handed <c>{API_PUBLIC_URL}/api/v1/acme-dns</c>.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        options.PublicUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _)
            ? ValidateOptionsResult.Fail("API_PUBLIC_URL (Gateway:PublicUrl) must be an absolute URL such as https://api.example.org.")
            : ValidateOptionsResult.Success;
}
