using System.Globalization;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Adapters.Shared;

/// <summary>Backends whose ids are numbers carry them as invariant decimal text through the port (compiled into each adapter).</summary>
internal static class NumericIds
{
    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number in <paramref name="externalId"/>; anything else is the port's error, naming the backend.</summary>
    public static long Parse(string externalId, string backend) =>
        long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProvisioningException($"'{externalId}' is not a {backend} id.");
}
