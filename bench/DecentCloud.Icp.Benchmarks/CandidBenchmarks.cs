using BenchmarkDotNet.Attributes;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Benchmarks;

/// <summary>Encode and decode of an ICRC-1 TransferArg and of a large nested value (compare with bench/candid-bench.mjs).</summary>
[MemoryDiagnoser]
public class CandidBenchmarks
{
    private static readonly CandidType[] TransferTypes = [BenchInputs.TransferArgType];
    private static readonly CandidValue[] TransferValues = [BenchInputs.TransferArg];
    private static readonly CandidType[] LargeTypes = [BenchInputs.LargeType];
    private static readonly CandidValue[] LargeValues = [BenchInputs.Large];
    private static readonly byte[] TransferBytes = CandidEncoder.Encode(TransferTypes, TransferValues);
    private static readonly byte[] LargeBytes = CandidEncoder.Encode(LargeTypes, LargeValues);

    [Benchmark]
    public byte[] EncodeTransferArg() => CandidEncoder.Encode(TransferTypes, TransferValues);

    [Benchmark]
    public IReadOnlyList<CandidValue> DecodeTransferArg() => CandidDecoder.Decode(TransferBytes, TransferTypes);

    [Benchmark]
    public byte[] EncodeLarge() => CandidEncoder.Encode(LargeTypes, LargeValues);

    [Benchmark]
    public IReadOnlyList<CandidValue> DecodeLarge() => CandidDecoder.Decode(LargeBytes, LargeTypes);
}
