using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// The free-text tags that mark an instance as DecentCloud's and name its contract, for backends whose
/// tags can hold the whole id (DigitalOcean, Vultr). Hetzner's labels are shorter and split the id.
/// </summary>
public static class ContractTags
{
    /// <summary>The tag every managed instance carries.</summary>
    public const string Managed = "decent-cloud";

    private const string Prefix = "decent-cloud-contract:";

    /// <summary>The name every backend gives a contract's instance: <c>dc-</c> and up to 40 hex chars of the id.</summary>
    public static string InstanceName(ContractId contractId)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        return "dc-" + contractId.Hex[..Math.Min(40, contractId.Hex.Length)];
    }

    /// <summary>The tag naming a contract.</summary>
    public static string For(ContractId contractId)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        return Prefix + contractId.Hex;
    }

    /// <summary>The contract named by one of <paramref name="tags"/>, if any.</summary>
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
