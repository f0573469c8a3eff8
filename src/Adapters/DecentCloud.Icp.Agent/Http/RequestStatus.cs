using System.Text;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>What a verified certificate says about a call: <c>/request_status/&lt;id&gt;/…</c>.</summary>
internal static class RequestStatus
{
    /// <summary>The reply, or null while the call is still pending (received, processing, or not yet known).</summary>
    public static byte[]? ReplyOrPending(Certificate certificate, byte[] requestId)
    {
        var status = Lookup(certificate, requestId, "status");
        if (status.Status != LookupStatus.Found)
        {
            return null;
        }

        switch (Encoding.UTF8.GetString(status.Value!))
        {
            case "replied":
                var reply = Lookup(certificate, requestId, "reply");
                return reply.Status == LookupStatus.Found
                    ? reply.Value!
                    : throw new IcpProtocolException("the certificate says replied but holds no reply");
            case "rejected":
                var code = Lookup(certificate, requestId, "reject_code");
                var message = Lookup(certificate, requestId, "reject_message");
                var errorCode = Lookup(certificate, requestId, "error_code");
                throw new CanisterRejectedException(
                    code.Status == LookupStatus.Found ? (ulong)Certificate.Leb128Nat(code.Value!) : 0,
                    message.Status == LookupStatus.Found ? Encoding.UTF8.GetString(message.Value!) : string.Empty,
                    errorCode.Status == LookupStatus.Found ? Encoding.UTF8.GetString(errorCode.Value!) : null);
            case "done":
                throw new IcpProtocolException("the call is done and its reply is no longer available");
            default:
                return null;
        }
    }

    private static LookupResult Lookup(Certificate certificate, byte[] requestId, string field) =>
        certificate.Tree.Lookup([Encoding.ASCII.GetBytes("request_status"), requestId, Encoding.ASCII.GetBytes(field)]);

    /// <summary>Where a request to <paramref name="canister"/> is routed: the target itself, or for the management canister the <c>canister_id</c> in the argument.</summary>
    public static Principal EffectiveCanisterId(Principal canister, byte[] arg)
    {
        if (!canister.Equals(Principal.ManagementCanister))
        {
            return canister;
        }

        try
        {
            return Candid.Mapping.CandidSerializer.Decode<ManagementTarget>(arg).CanisterId;
        }
        catch (Exception ex) when (ex is Candid.Binary.CandidDecodeException or Candid.Mapping.CandidMappingException)
        {
            throw new ArgumentException("A management canister call is routed by the canister_id field of its argument, and this argument has none.", nameof(arg), ex);
        }
    }

    private sealed record ManagementTarget([property: Candid.Mapping.CandidName("canister_id")] Principal CanisterId);
}
