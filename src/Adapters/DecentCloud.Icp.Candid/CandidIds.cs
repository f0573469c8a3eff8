using System.Text;

namespace DecentCloud.Icp.Candid;

/// <summary>Candid's label ids.</summary>
public static class CandidIds
{
    /// <summary>The id of a field or variant label: <c>h = h × 223 + byte</c> over its UTF-8 bytes, modulo 2^32.</summary>
    public static uint FieldId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint h = 0;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            h = unchecked((h * 223) + b);
        }

        return h;
    }
}
