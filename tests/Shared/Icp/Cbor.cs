using System.Formats.Cbor;

namespace DecentCloud.Tests.Shared;

/// <summary>Writes certificates back to CBOR, to build variations of the real ones.</summary>
internal static class Cbor
{
    public static byte[] Certificate(byte[] treeCbor, byte[] signature, Dictionary<string, byte[]>? delegation)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(delegation is null ? 2 : 3);
        writer.WriteTextString("tree");
        writer.WriteEncodedValue(treeCbor);
        writer.WriteTextString("signature");
        writer.WriteByteString(signature);
        if (delegation is not null)
        {
            writer.WriteTextString("delegation");
            writer.WriteStartMap(2);
            writer.WriteTextString("subnet_id");
            writer.WriteByteString(delegation["subnet_id"]);
            writer.WriteTextString("certificate");
            writer.WriteByteString(delegation["certificate"]);
            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>CBOR of maps (text keys), arrays, text, blobs and naturals — a replica's replies — under the self-describe tag.</summary>
    public static byte[] Encode(object value)
    {
        var writer = new CborWriter();
        writer.WriteTag((CborTag)55799);
        Write(writer, value);
        return writer.Encode();
    }

    /// <summary>
    /// A hash tree from nested maps: a map is labeled subtrees (sorted by label, folded into forks), a byte array
    /// a leaf. Returns the tree's CBOR.
    /// </summary>
    public static byte[] HashTree(SortedDictionary<byte[], object> labeled)
    {
        var writer = new CborWriter();
        WriteTree(writer, labeled);
        return writer.Encode();
    }

    /// <summary>Orders labels bytewise, as hash trees do.</summary>
    public static SortedDictionary<byte[], object> Labels() => new(Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)));

    private static void WriteTree(CborWriter writer, object node)
    {
        if (node is byte[] leaf)
        {
            writer.WriteStartArray(2);
            writer.WriteUInt32(3);
            writer.WriteByteString(leaf);
            writer.WriteEndArray();
            return;
        }

        var children = ((SortedDictionary<byte[], object>)node).ToList();
        WriteForest(writer, children, 0, children.Count);
    }

    private static void WriteForest(CborWriter writer, List<KeyValuePair<byte[], object>> children, int from, int to)
    {
        if (to == from)
        {
            writer.WriteStartArray(1);
            writer.WriteUInt32(0);
            writer.WriteEndArray();
        }
        else if (to - from == 1)
        {
            writer.WriteStartArray(3);
            writer.WriteUInt32(2);
            writer.WriteByteString(children[from].Key);
            WriteTree(writer, children[from].Value);
            writer.WriteEndArray();
        }
        else
        {
            var middle = (from + to) / 2;
            writer.WriteStartArray(3);
            writer.WriteUInt32(1);
            WriteForest(writer, children, from, middle);
            WriteForest(writer, children, middle, to);
            writer.WriteEndArray();
        }
    }

    private static void Write(CborWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteTextString(text);
                break;
            case byte[] bytes:
                writer.WriteByteString(bytes);
                break;
            case ulong n:
                writer.WriteUInt64(n);
                break;
            case int n:
                writer.WriteUInt64((ulong)n);
                break;
            case IDictionary<string, object> map:
                writer.WriteStartMap(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.WriteTextString(key);
                    Write(writer, item);
                }

                writer.WriteEndMap();
                break;
            case System.Collections.IEnumerable items:
                var list = items.Cast<object>().ToList();
                writer.WriteStartArray(list.Count);
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>The CBOR of a parsed certificate's tree (re-read from the certificate bytes is not possible, so it is rebuilt).</summary>
    public static byte[] Tree(DecentCloud.Icp.Agent.Certificate certificate) => certificate.TreeCbor.ToArray();
}
