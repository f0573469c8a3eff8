namespace DecentCloud.Icp.Candid.Binary;

/// <summary>Limits that keep hostile messages cheap to refuse.</summary>
public sealed record CandidDecoderOptions
{
    /// <summary>The default options.</summary>
    public static CandidDecoderOptions Default { get; } = new();

    /// <summary>
    /// Work units a message may cost: one per value decoded or skipped (each vector element counts), one
    /// per 64 bytes of text, blob or big number. A message that needs more is refused — this is what stops
    /// a few bytes declaring a billion zero-sized elements. The default allows about four million values.
    /// </summary>
    public long CostQuota { get; init; } = 4_000_000;

    /// <summary>How deeply values may nest (recursive types); deeper messages are refused before the stack is at risk.</summary>
    public int MaxDepth { get; init; } = 512;
}
