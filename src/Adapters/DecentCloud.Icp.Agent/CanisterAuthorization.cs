using System.Formats.Cbor;
using System.Text;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent;

/// <summary>The answer to "may this certificate speak for that canister?".</summary>
public enum AuthorizationOutcome
{
    /// <summary>Signed by the root, or by a subnet whose certified ranges contain the canister.</summary>
    Authorized,
    /// <summary>The subnet's certified ranges do not contain the canister.</summary>
    NotAuthorized,
    /// <summary>The ranges are pruned away or missing: the subnet's authority cannot be proven.</summary>
    Unprovable,
    /// <summary>A delegation inside a delegation: at most one is allowed.</summary>
    TooManyDelegations,
}

/// <summary>
/// Checks the delegation rules of a certificate for a target canister: at most one delegation, and the
/// delegation's certificate must prove the canister lies in the subnet's ranges — either the sharded
/// <c>/canister_ranges/&lt;subnet&gt;/&lt;shard&gt;</c> layout or the flat <c>/subnet/&lt;subnet&gt;/canister_ranges</c>.
/// This is one part of verification; the BLS signature checks are separate (see the package README).
/// </summary>
public static class CanisterAuthorization
{
    /// <summary>Whether <paramref name="certificate"/> may speak for <paramref name="canister"/>.</summary>
    public static AuthorizationOutcome Check(Certificate certificate, Principal canister)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(canister);
        if (certificate.Delegation is not { } delegation)
        {
            return AuthorizationOutcome.Authorized;
        }

        if (delegation.Certificate.Delegation is not null)
        {
            return AuthorizationOutcome.TooManyDelegations;
        }

        var tree = delegation.Certificate.Tree;
        var subnet = delegation.SubnetId.Bytes.ToArray();
        var shards = tree.Lookup([Encoding.ASCII.GetBytes("canister_ranges"), subnet]);
        if (shards.Status is LookupStatus.Error)
        {
            // The subnet's node is an inner node: the sharded layout; each child leaf holds one shard.
            return Sharded(tree, delegation.SubnetId, canister);
        }

        var flat = tree.Lookup([Encoding.ASCII.GetBytes("subnet"), subnet, Encoding.ASCII.GetBytes("canister_ranges")]);
        return flat.Status switch
        {
            LookupStatus.Found => Contains(Ranges(flat.Value!), canister) ? AuthorizationOutcome.Authorized : AuthorizationOutcome.NotAuthorized,
            _ => AuthorizationOutcome.Unprovable,
        };
    }

    private static AuthorizationOutcome Sharded(HashTree tree, Principal subnet, Principal canister)
    {
        var children = tree.Children([Encoding.ASCII.GetBytes("canister_ranges"), subnet.Bytes.ToArray()]);
        var proven = false;
        foreach (var (_, shard) in children)
        {
            var leaf = shard.Lookup(Array.Empty<byte[]>());
            if (leaf.Status != LookupStatus.Found)
            {
                return AuthorizationOutcome.Unprovable;
            }

            proven = true;
            if (Contains(Ranges(leaf.Value!), canister))
            {
                return AuthorizationOutcome.Authorized;
            }
        }

        return proven ? AuthorizationOutcome.NotAuthorized : AuthorizationOutcome.Unprovable;
    }

    private static List<(byte[] Low, byte[] High)> Ranges(byte[] cbor)
    {
        try
        {
            var reader = new CborReader(cbor, CborConformanceMode.Lax);
            Certificate.SkipSelfDescribe(reader);
            var ranges = new List<(byte[], byte[])>();
            var count = reader.ReadStartArray();
            for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndArray : i < count; i++)
            {
                reader.ReadStartArray();
                var low = reader.ReadByteString();
                var high = reader.ReadByteString();
                reader.ReadEndArray();
                ranges.Add((low, high));
            }

            reader.ReadEndArray();
            return ranges;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
        {
            throw new CertificateException($"malformed canister ranges: {ex.Message}", ex);
        }
    }

    private static bool Contains(List<(byte[] Low, byte[] High)> ranges, Principal canister) =>
        ranges.Any(r => r.Low.AsSpan().SequenceCompareTo(canister.Bytes) <= 0 && canister.Bytes.SequenceCompareTo(r.High) <= 0);
}
