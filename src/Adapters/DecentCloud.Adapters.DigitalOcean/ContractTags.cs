using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.DigitalOcean;

/// <summary>The droplet tags that tie a droplet to DecentCloud and to its contract (tags hold up to 255 chars).</summary>
internal static class ContractTags
{
    public const string Managed = "decent-cloud";
    private const string Prefix = "decent-cloud-contract:";

    public static string For(ContractId contractId) => Prefix + contractId.Hex;

    public static ContractId? Read(IEnumerable<string>? tags)
    {
        var tag = tags?.FirstOrDefault(t => t.StartsWith(Prefix, StringComparison.Ordinal));
        if (tag is null)
        {
            return null;
        }

        var id = ContractId.FromHex(tag[Prefix.Length..]);
        return id.IsSuccess ? id.Value : null;
    }
}
