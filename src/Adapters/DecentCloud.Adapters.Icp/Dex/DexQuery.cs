using DecentCloud.Application.Prices;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>
/// One query to a DEX canister through the agent (replies verified by it), decoded into the published reply type.
/// Whatever goes wrong — a reject, an unreachable or misbehaving replica, a reply that does not decode — becomes a
/// <see cref="PriceSourceException"/> naming the canister and method; never a price.
/// </summary>
internal static class DexQuery
{
    public static async Task<T> QueryAsync<T>(ICanisterTransport transport, Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        byte[] reply;
        try
        {
            reply = await transport.QueryAsync(canister, method, arg, cancellationToken);
        }
        catch (CanisterRejectedException ex)
        {
            throw new PriceSourceException($"{method} on {canister} was rejected (code {ex.RejectCode}): {ex.RejectMessage}", ex);
        }
        catch (IcpProtocolException ex)
        {
            throw new PriceSourceException($"{method} on {canister} failed: {ex.Message}", ex);
        }
        catch (CanisterUnreachableException ex)
        {
            throw new PriceSourceException($"{method} on {canister}: the replica is unreachable: {ex.Message}", ex);
        }

        try
        {
            return CandidSerializer.Decode<T>(reply);
        }
        catch (CandidDecodeException ex)
        {
            throw new PriceSourceException($"garbage: {method} on {canister} answered something that is not its published reply: {ex.Message}", ex);
        }
    }
}
