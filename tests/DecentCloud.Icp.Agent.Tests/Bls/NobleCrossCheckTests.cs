using System.Text.Json.Nodes;
using DecentCloud.Icp.Agent.Bls;

namespace DecentCloud.Icp.Agent.Tests.Bls;

/// <summary>Min-sig BLS against @noble/curves (tests/node/bls-oracle.mjs): its signatures, keys and verdicts.</summary>
public class NobleCrossCheckTests
{
    [Fact]
    public async Task Signatures_made_by_noble_verify_and_tampered_ones_fail_as_noble_says()
    {
        var cases = (await NodeOracle.RunAsync("bls-oracle.mjs", new JsonObject { ["count"] = 200 })).AsArray();
        Assert.Equal(400, cases.Count);
        var valid = 0;
        foreach (var testCase in cases)
        {
            var secretKey = Convert.FromHexString(testCase!["secretKey"]!.GetValue<string>());
            var message = Convert.FromHexString(testCase["message"]!.GetValue<string>());
            var signature = Convert.FromHexString(testCase["signature"]!.GetValue<string>());
            var publicKey = Convert.FromHexString(testCase["publicKey"]!.GetValue<string>());
            var expected = testCase["valid"]!.GetValue<bool>();
            var tampered = testCase["tampered"]?.GetValue<string>();

            Assert.True(expected == Bls12381.Verify(signature, message, publicKey), $"case {testCase.ToJsonString()}");
            if (tampered is null)
            {
                Assert.True(expected);
                valid++;

                // Same key, same hash-to-curve, same serialisation: our signature is byte-identical to noble's.
                Assert.Equal(testCase["publicKey"]!.GetValue<string>(), Convert.ToHexStringLower(Bls12381.PublicKeyOf(secretKey)));
                Assert.Equal(testCase["signature"]!.GetValue<string>(), Convert.ToHexStringLower(Bls12381.Sign(secretKey, message)));
            }
            else
            {
                Assert.False(expected, $"noble accepted a tampered {tampered}");
            }
        }

        Assert.Equal(200, valid);
    }
}
