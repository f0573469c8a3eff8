using System.ComponentModel.DataAnnotations;
using DecentCloud.Icp.Agent;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Identities;

namespace DecentCloud.Adapters.Icp;

/// <summary>How the API reaches the Internet Computer (section <c>Ic</c>): a boundary node, or a local replica with its own root key.</summary>
public sealed class IcNetworkOptions : IValidatableObject
{
    /// <summary>The boundary node or replica (<c>DC_IC_URL</c>, default <c>https://icp-api.io</c>).</summary>
    [Required]
    public Uri Url { get; set; } = new("https://icp-api.io/");

    /// <summary>
    /// The root key certificates are verified against, hex DER (<c>DC_IC_ROOT_KEY</c>); unset: the IC mainnet's key, built in.
    /// Only a local replica has another one.
    /// </summary>
    public string? RootKey { get; set; }

    /// <summary>The root key as bytes: <see cref="RootKey"/>, or the mainnet's.</summary>
    public ReadOnlyMemory<byte> RootKeyBytes => RootKey is { Length: > 0 } hex ? Convert.FromHexString(hex) : CertificateVerifier.MainnetRootKey;

    /// <summary>An agent over these options, signing as <paramref name="identity"/> (anonymous for queries).</summary>
    public HttpAgent CreateAgent(IIdentity? identity = null, HttpClient? httpClient = null) => new(
        new HttpAgentOptions { Host = Url, RootKey = RootKeyBytes, Identity = identity ?? AnonymousIdentity.Instance },
        httpClient);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is { IsAbsoluteUri: false } || Url?.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult($"{nameof(Url)} must be an absolute http(s) URL.", [nameof(Url)]);
        }

        if (RootKey is { Length: > 0 } hex && (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit) || hex.Length > 1024))
        {
            yield return new ValidationResult($"{nameof(RootKey)} must be the replica's DER root key in hex (at most 512 bytes).", [nameof(RootKey)]);
        }
    }
}
