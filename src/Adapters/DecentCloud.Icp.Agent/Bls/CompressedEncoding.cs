namespace DecentCloud.Icp.Agent.Bls;

/// <summary>The three flag bits of the ZCash point serialisation that the IC (and every BLS12-381 library) uses.</summary>
internal static class CompressedEncoding
{
    public const byte CompressedFlag = 0x80;
    public const byte InfinityFlag = 0x40;
    public const byte LargestFlag = 0x20;

    /// <summary>False for uncompressed encodings and for infinity encodings with any other bit set.</summary>
    public static bool TryReadFlags(ReadOnlySpan<byte> bytes, out bool infinity, out bool largest)
    {
        infinity = (bytes[0] & InfinityFlag) != 0;
        largest = (bytes[0] & LargestFlag) != 0;
        if ((bytes[0] & CompressedFlag) == 0)
        {
            return false;
        }

        if (!infinity)
        {
            return true;
        }

        if (largest || (bytes[0] & 0x1f) != 0)
        {
            return false;
        }

        foreach (var b in bytes[1..])
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }
}
