using System.Globalization;
using CsCheck;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Tests.Conformance;
using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// Random and mutated inputs (seeded from every binary input of the conformance suite) decoded at the
/// suite's types and at random types: nothing but <see cref="CandidDecodeException"/> may come out.
/// DC_FUZZ_CASES sets the count (CI: 50,000; scripts/fuzz.sh runs 1,000,000).
/// </summary>
public sealed class CandidFuzzTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("DC_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 50_000;

    [Fact]
    public void The_decoder_fails_only_with_its_own_exception_on_hostile_input()
    {
        var seeds = new List<(byte[] Bytes, IReadOnlyList<CandidType> Types)>();
        foreach (var file in Directory.GetFiles(CandidConformance.Folder, "*.test.did"))
        {
            var (tests, _) = CandidTestFile.Parse(File.ReadAllText(file));
            seeds.AddRange(tests.Where(t => t.Left.IsBinary).Select(t => (t.Left.Bytes, t.Types)));
        }

        var randomTypes = CandidGen.Type(3).Array[0, 3].Array[64].Single();
        var random = new Random(20261125);
        var outcomes = new int[2];
        for (var i = 0; i < Cases; i++)
        {
            var (seed, seedTypes) = seeds[random.Next(seeds.Count)];
            var input = random.Next(10) == 0 ? RandomBytes(random) : Mutate(seed, random);
            IReadOnlyList<CandidType> types = random.Next(3) == 0 ? randomTypes[random.Next(randomTypes.Length)] : seedTypes;
            try
            {
                CandidDecoder.Decode(input, types);
                outcomes[0]++;
            }
            catch (CandidDecodeException)
            {
                outcomes[1]++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {Convert.ToHexString(input)} at ({string.Join(", ", types)}) threw {ex}");
            }
        }

        // Both outcomes must occur, or the mutations are not exercising the decoder.
        Assert.True(outcomes[0] > Cases / 100 && outcomes[1] > Cases / 100, $"decoded {outcomes[0]}, refused {outcomes[1]}");
    }

    internal static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return random.Next(2) == 0 ? [.. "DIDL"u8, .. bytes] : bytes;
    }

    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
