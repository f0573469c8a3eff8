using System.Formats.Cbor;
using System.Numerics;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>
/// Reads a replica's CBOR reply into plain values: maps with text keys, arrays, byte and text strings,
/// naturals (ulong, or BigInteger beyond), booleans and null. Tags (e.g. self-describe 55799) are skipped.
/// </summary>
internal static class CborData
{
    private const int MaxDepth = 32;

    public static Dictionary<string, object?> ReadMap(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var reader = new CborReader(bytes, CborConformanceMode.Lax);
            return Read(reader, 0) as Dictionary<string, object?> ?? throw new IcpProtocolException("the replica's reply is not a CBOR map");
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new IcpProtocolException($"the replica's reply is not valid CBOR: {ex.Message}", ex);
        }
    }

    public static byte[]? Bytes(this Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key) as byte[];

    public static string? Text(this Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key) as string;

    public static ulong? Natural(this Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key) switch
    {
        ulong n => n,
        _ => null,
    };

    private static object? Read(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new IcpProtocolException("the replica's reply nests too deeply");
        }

        while (reader.PeekState() == CborReaderState.Tag)
        {
            reader.ReadTag();
        }

        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                return reader.ReadUInt64();
            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.StartArray:
                var items = new List<object?>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    items.Add(Read(reader, depth + 1));
                }

                reader.ReadEndArray();
                return items;
            case CborReaderState.StartMap:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = reader.ReadTextString();
                    map[key] = Read(reader, depth + 1);
                }

                reader.ReadEndMap();
                return map;
            default:
                // Negative integers, floats, simple values: not part of any reply the agent reads.
                reader.SkipValue();
                return null;
        }
    }

    internal static BigInteger AsBigInteger(object? value) => value switch
    {
        ulong n => n,
        _ => throw new IcpProtocolException("a number was expected"),
    };
}
