using DecentCloud.Agent.Common;
using DecentCloud.Api.Client;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Agent.Setup;

/// <summary>
/// The registration reply, reduced to what goes into Caddy's files and checked part by part: the names are composed
/// here from a valid dc_id, gateway prefix and domain (acme-dns-gateway.md), and every other value must stay in its
/// documented character set. The reply's own wildcard and challenge name must equal the composed ones. Anything else
/// is refused before a file is written, so nothing the API says can add a line, a directive or a variable to a file.
/// </summary>
internal sealed record CheckedGatewayCredentials
{
    // SecretHasher.NewSecret: base64url of at least 192 bits, i.e. at least 32 characters.
    private const int MinPasswordLength = 32;
    private const int MaxPasswordLength = 256;

    private CheckedGatewayCredentials(string serverUrl, Guid username, string password, DcId subdomain, string wildcard)
    {
        ServerUrl = serverUrl;
        Username = username;
        Password = password;
        Subdomain = subdomain;
        Wildcard = wildcard;
    }

    /// <summary>The acme-dns server URL (https, or http to a loopback host).</summary>
    public string ServerUrl { get; }

    /// <summary>The acme-dns user name.</summary>
    public Guid Username { get; }

    /// <summary>The acme-dns password: base64url only.</summary>
    public string Password { get; }

    /// <summary>The acme-dns subdomain: the gateway's dc_id.</summary>
    public DcId Subdomain { get; }

    /// <summary><c>*.{dc_id}.{gw_prefix}.{domain}</c>, composed from the checked parts.</summary>
    public string Wildcard { get; }

    /// <summary>Checks <paramref name="reply"/>; throws <see cref="SetupRefusedException"/> naming the first bad value (never the password itself).</summary>
    public static CheckedGatewayCredentials From(GatewayCredentials reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var dcId = DcId.Create(reply.AcmeDnsSubdomain);
        if (dcId.IsFailed)
        {
            throw Refused($"its acme-dns subdomain '{Printable(reply.AcmeDnsSubdomain)}' is not a dc_id (2-20 characters [a-z0-9-])");
        }

        var prefix = GatewayPrefix.Create(reply.GwPrefix);
        if (prefix.IsFailed)
        {
            throw Refused($"its gateway prefix '{Printable(reply.GwPrefix)}' is not one DNS label [a-z0-9-]");
        }

        var domain = DnsDomain.Create(reply.Domain);
        if (domain.IsFailed)
        {
            throw Refused($"its domain '{Printable(reply.Domain)}' is not a lower-case DNS name");
        }

        var zone = new GatewayZone(prefix.Value, domain.Value);
        var wildcard = zone.Wildcard(dcId.Value);
        if (!string.Equals(reply.Wildcard, wildcard, StringComparison.Ordinal))
        {
            throw Refused($"its wildcard '{Printable(reply.Wildcard)}' is not {wildcard}, the name its dc_id, gateway prefix and domain make");
        }

        if (!string.Equals(reply.FullDomain, zone.ChallengeName(dcId.Value), StringComparison.Ordinal))
        {
            throw Refused($"its challenge name '{Printable(reply.FullDomain)}' is not {zone.ChallengeName(dcId.Value)}");
        }

        if (SafeUrl.Problem(reply.AcmeDnsServerUrl, "acme-dns server URL") is { } problem)
        {
            throw Refused(problem);
        }

        if (reply.AcmeDnsPassword is not { Length: >= MinPasswordLength and <= MaxPasswordLength } password || !password.All(IsBase64Url))
        {
            throw Refused($"its acme-dns password is not {MinPasswordLength}-{MaxPasswordLength} characters of base64url [A-Za-z0-9_-]");
        }

        return new CheckedGatewayCredentials(reply.AcmeDnsServerUrl, reply.AcmeDnsUsername, password, dcId.Value, wildcard);
    }

    private static SetupRefusedException Refused(string why) =>
        new($"the API's gateway registration reply was refused: {why}; no Caddy file was written.");

    private static bool IsBase64Url(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_';

    // A refused value is shown so the operator can see what the API sent, but with its control characters escaped
    // (one error line stays one line) and cut short.
    private static string Printable(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var shown = string.Concat(value.Take(80).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return value.Length > 80 ? shown + "…" : shown;
    }
}
