using System.Numerics;
using System.Text.Json.Nodes;
using CsCheck;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>Request ids of random request contents equal @dfinity/agent's <c>requestIdOf</c> (tests/node/agent/request-id-oracle.mjs).</summary>
public sealed class RequestIdOracleTests
{
    private static readonly string[] Keys = ["request_type", "canister_id", "method_name", "arg", "sender", "ingress_expiry", "nonce", "paths"];

    private static Gen<(object Ours, JsonNode Theirs)> Value(string key) => key switch
    {
        "request_type" or "method_name" => Gen.String.Where(s => !s.Any(char.IsSurrogate)).Select(s => ((object)s, (JsonNode)new JsonObject { ["text"] = s })),
        "ingress_expiry" => Gen.ULong.Select(n => ((object)n, (JsonNode)new JsonObject { ["nat"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) })),
        "paths" => Gen.Byte.Array[0, 12].Array[0, 3].Array[0, 3].Select(paths => (
            (object)paths.Select(p => p.Cast<object>().ToArray()).ToArray(),
            (JsonNode)new JsonObject { ["array"] = new JsonArray(paths.Select(p => (JsonNode)new JsonObject { ["array"] = new JsonArray(p.Select(l => (JsonNode)new JsonObject { ["blob"] = Convert.ToHexStringLower(l) }).ToArray()) }).ToArray()) })),
        _ => Gen.Byte.Array[0, 40].Select(b => ((object)b, (JsonNode)new JsonObject { ["blob"] = Convert.ToHexStringLower(b) })),
    };

    [Fact]
    public async Task Request_ids_match_dfinity_agent_on_random_contents()
    {
        var gen = Gen.Shuffle(Keys).SelectMany(keys => Gen.Int[1, Keys.Length].SelectMany(n =>
        {
            var chosen = keys.Take(n).ToArray();
            var result = Gen.Const(new List<(string, object, JsonNode)>());
            foreach (var key in chosen)
            {
                result = result.SelectMany(list => Value(key).Select(v => new List<(string, object, JsonNode)>(list) { (key, v.Ours, v.Theirs) }));
            }

            return result;
        }));
        var cases = gen.Array[300].Single();
        var input = new JsonArray(cases.Select(c => (JsonNode)new JsonObject(c.Select(f => KeyValuePair.Create(f.Item1, (JsonNode?)f.Item3.DeepClone())))).ToArray());
        var ids = (await NodeOracle.RunAsync("request-id-oracle.mjs", input, "agent")).AsArray();
        for (var i = 0; i < cases.Length; i++)
        {
            var ours = RequestId.Of(cases[i].ToDictionary(f => f.Item1, f => f.Item2));
            Assert.Equal(ids[i]!.GetValue<string>(), Convert.ToHexStringLower(ours));
        }
    }

    [Fact]
    public void Big_naturals_hash_as_leb128() =>
        Assert.Equal(
            RequestId.Of(new Dictionary<string, object> { ["n"] = 300UL }),
            RequestId.Of(new Dictionary<string, object> { ["n"] = new BigInteger(300) }));
}
