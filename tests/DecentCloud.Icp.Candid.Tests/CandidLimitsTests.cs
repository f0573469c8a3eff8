using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Tests.Conformance;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// The overshoot and spacebomb messages are refused without large allocations. (Their speed is a
/// benchmark matter, see bench/; here only the deterministic allocation bound is asserted.)
/// </summary>
public sealed class CandidLimitsTests
{
    [Theory]
    [InlineData("overshoot.test.did")]
    [InlineData("spacebomb.test.did")]
    public void Hostile_messages_are_refused_within_a_small_allocation_budget(string file)
    {
        var (tests, _) = CandidTestFile.Parse(File.ReadAllText(Path.Combine(CandidConformance.Folder, file)));
        foreach (var test in tests.Where(t => t.Left.IsBinary && t.Operator == "!:"))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<CandidDecodeException>(() => CandidDecoder.Decode(test.Left.Bytes, test.Types));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64L * 1024 * 1024, $"line {test.Line} ({test.Description}) allocated {allocated / 1024 / 1024} MiB");
        }
    }
}
