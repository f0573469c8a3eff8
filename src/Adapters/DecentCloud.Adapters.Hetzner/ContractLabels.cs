using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Hetzner;

/// <summary>
/// The labels that tie a server to its contract. Hetzner label values hold at most 63 characters and a
/// contract id may be longer (64+ hex chars), so the id is split over numbered labels and joined back.
/// </summary>
internal static class ContractLabels
{
    public const string Managed = "decent-cloud-managed";
    private const string Part = "decent-cloud-contract-";
    private const int MaxValue = 63;

    public static Dictionary<string, string> For(ContractId contractId)
    {
        var labels = new Dictionary<string, string> { [Managed] = "true" };
        var hex = contractId.Hex;
        for (int i = 0, n = 1; i < hex.Length; i += MaxValue, n++)
        {
            labels[Part + n] = hex.Substring(i, Math.Min(MaxValue, hex.Length - i));
        }

        return labels;
    }

    public static string Selector(ContractId contractId) =>
        string.Join(",", For(contractId).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=={l.Value}"));

    public static ContractId? Read(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return null;
        }

        var hex = string.Concat(Enumerable.Range(1, 3).Select(n => labels.TryGetValue(Part + n, out var v) ? v : string.Empty));
        var id = ContractId.FromHex(hex);
        return id.IsSuccess ? id.Value : null;
    }
}
