using System.Formats.Cbor;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent;

/// <summary>A subnet's delegation inside a certificate: the subnet and its own (root-signed) certificate.</summary>
public sealed record CertificateDelegation(Principal SubnetId, Certificate Certificate);

/// <summary>
/// An IC certificate: <c>{tree, signature, delegation?}</c> (CBOR). <see cref="Parse(ReadOnlyMemory{byte})"/> reads the
/// certificate itself or a read_state/call response body holding it under <c>certificate</c>.
/// </summary>
public sealed class Certificate
{
    private Certificate(HashTree tree, ReadOnlyMemory<byte> treeCbor, byte[] signature, CertificateDelegation? delegation)
    {
        Tree = tree;
        TreeCbor = treeCbor;
        Signature = signature;
        Delegation = delegation;
    }

    /// <summary>The state tree (possibly pruned).</summary>
    public HashTree Tree { get; }

    /// <summary>The tree as it was encoded.</summary>
    internal ReadOnlyMemory<byte> TreeCbor { get; }

    /// <summary>The BLS signature over <c>\x0Dic-state-root ‖ root digest</c>.</summary>
    public byte[] Signature { get; }

    /// <summary>The subnet delegation, when a subnet (not the root) signed.</summary>
    public CertificateDelegation? Delegation { get; }

    /// <summary>The certified <c>/time</c>.</summary>
    public DateTimeOffset Time
    {
        get
        {
            var leaf = Tree.Lookup("time");
            if (leaf.Status != LookupStatus.Found)
            {
                throw new CertificateException($"the certificate has no /time ({leaf.Status})");
            }

            var ticks = Leb128Nat(leaf.Value!) / 100;
            return ticks <= (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks
                ? DateTimeOffset.UnixEpoch.AddTicks((long)ticks)
                : throw new CertificateException("the certified /time is out of range");
        }
    }

    /// <summary>Reads a certificate (or a response body <c>{certificate: bytes}</c>); throws <see cref="CertificateException"/>.</summary>
    public static Certificate Parse(ReadOnlyMemory<byte> cbor) => Parse(cbor, 0);

    private static Certificate Parse(ReadOnlyMemory<byte> cbor, int depth)
    {
        if (depth > 2)
        {
            throw new CertificateException("delegations nest too deeply");
        }

        try
        {
            var reader = new CborReader(cbor, CborConformanceMode.Lax);
            SkipSelfDescribe(reader);
            HashTree? tree = null;
            var treeCbor = ReadOnlyMemory<byte>.Empty;
            byte[]? signature = null;
            CertificateDelegation? delegation = null;
            byte[]? wrapped = null;
            var count = reader.ReadStartMap();
            for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                switch (reader.ReadTextString())
                {
                    case "tree":
                        var start = cbor.Length - reader.BytesRemaining;
                        tree = HashTree.Read(reader, 0);
                        treeCbor = cbor[start..(cbor.Length - reader.BytesRemaining)];
                        break;
                    case "signature":
                        signature = reader.ReadByteString();
                        break;
                    case "delegation" when reader.PeekState() == CborReaderState.Null:
                        // Some encoders write an absent delegation as an explicit null.
                        reader.ReadNull();
                        break;
                    case "delegation":
                        delegation = ReadDelegation(reader, depth);
                        break;
                    case "certificate":
                        wrapped = reader.ReadByteString();
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            }

            reader.ReadEndMap();
            if (wrapped is not null && tree is null)
            {
                return Parse(wrapped, depth);
            }

            return tree is not null && signature is not null
                ? new Certificate(tree, treeCbor, signature, delegation)
                : throw new CertificateException("a certificate needs a tree and a signature");
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new CertificateException($"malformed certificate: {ex.Message}", ex);
        }
    }

    private static CertificateDelegation ReadDelegation(CborReader reader, int depth)
    {
        byte[]? subnet = null;
        byte[]? certificate = null;
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            switch (reader.ReadTextString())
            {
                case "subnet_id":
                    subnet = reader.ReadByteString();
                    break;
                case "certificate":
                    certificate = reader.ReadByteString();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        return subnet is not null && certificate is not null && subnet.Length <= Principal.MaxLength
            ? new CertificateDelegation(Principal.FromBytes(subnet), Parse(certificate, depth + 1))
            : throw new CertificateException("a delegation needs a subnet_id (at most 29 bytes) and a certificate");
    }

    internal static void SkipSelfDescribe(CborReader reader)
    {
        if (reader.PeekState() == CborReaderState.Tag && reader.PeekTag() == (CborTag)55799)
        {
            reader.ReadTag();
        }
    }

    internal static System.Numerics.BigInteger Leb128Nat(byte[] bytes)
    {
        var value = System.Numerics.BigInteger.Zero;
        var shift = 0;
        foreach (var b in bytes)
        {
            value |= (System.Numerics.BigInteger)(b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new CertificateException("truncated LEB128 number");
    }
}
