using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>The DEX sources' own agent (anonymous, queries only), kept apart from any other <see cref="ICanisterTransport"/> the host registers.</summary>
internal sealed class DexAgent(HttpAgent agent) : IDisposable
{
    public ICanisterTransport Transport => agent;

    public void Dispose() => agent.Dispose();
}
