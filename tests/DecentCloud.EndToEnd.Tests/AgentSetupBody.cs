using System.Text;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Domain.Agents;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>The body of <c>POST /agents/setup</c> as dc-agent sends it: the token and a proof that the caller holds the agent key.</summary>
internal static class AgentSetupBody
{
    public static StringContent For(byte[] seed, string token)
    {
        var key = new AgentSigner(seed).PublicKeyHex;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var proof = Convert.ToHexStringLower(Ed25519ph.Sign(seed, AgentSetupProof.Message(AgentPublicKey.FromHex(key).Value, timestamp, token)));
        return new StringContent(
            $"{{\"token\":\"{token}\",\"agentPubkey\":\"{key}\",\"timestamp\":{timestamp},\"signature\":\"{proof}\"}}", Encoding.UTF8, "application/json");
    }
}
