using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace DecentCloud.Icp.Agent;

/// <summary>
/// The representation-independent hash of a request's content map (the IC interface specification's
/// request id): each field hashes to SHA-256(key) ‖ H(value), the pairs are sorted bytewise and the
/// whole is hashed again. Values: text (UTF-8), blobs, naturals (LEB128), arrays (hash of the
/// concatenated element hashes) and nested maps.
/// </summary>
public static class RequestId
{
    /// <summary>The 32-byte request id of <paramref name="content"/>.</summary>
    public static byte[] Of(IReadOnlyDictionary<string, object> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return HashMap(content);
    }

    private static byte[] HashMap(IReadOnlyDictionary<string, object> map)
    {
        var pairs = new List<byte[]>(map.Count);
        foreach (var (key, value) in map)
        {
            pairs.Add([.. SHA256.HashData(Encoding.UTF8.GetBytes(key)), .. HashValue(value)]);
        }

        pairs.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var pair in pairs)
        {
            sha.AppendData(pair);
        }

        return sha.GetHashAndReset();
    }

    private static byte[] HashValue(object value) => value switch
    {
        string text => SHA256.HashData(Encoding.UTF8.GetBytes(text)),
        byte[] bytes => SHA256.HashData(bytes),
        ReadOnlyMemory<byte> memory => SHA256.HashData(memory.Span),
        ulong n => SHA256.HashData(Leb128(n)),
        long n when n >= 0 => SHA256.HashData(Leb128((ulong)n)),
        int n when n >= 0 => SHA256.HashData(Leb128((ulong)n)),
        BigInteger n when n.Sign >= 0 => SHA256.HashData(Leb128(n)),
        IReadOnlyDictionary<string, object> map => HashMap(map),
        System.Collections.IEnumerable items => HashArray(items),
        _ => throw new ArgumentException($"a request field cannot hold a {value.GetType().Name}", nameof(value)),
    };

    private static byte[] HashArray(System.Collections.IEnumerable items)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in items)
        {
            sha.AppendData(HashValue(item!));
        }

        return sha.GetHashAndReset();
    }

    internal static byte[] Leb128(BigInteger value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value.IsZero ? b : (byte)(b | 0x80));
        }
        while (!value.IsZero);
        return [.. bytes];
    }
}
