using System.Buffers.Binary;
using System.Text;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

/// <summary>Builds queries and reads responses independently of the code under test.</summary>
internal static class DnsMessages
{
    public static byte[] Query(string name, ushort type, ushort id = 0x1234, bool withEdns = false)
    {
        var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, (byte)(withEdns ? 1 : 0) };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        if (withEdns)
        {
            bytes.AddRange([0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0]);
        }

        return bytes.ToArray();
    }

    public sealed record Answer(ushort Type, uint Ttl, byte[] Data);

    public sealed record Response(ushort Id, int Rcode, bool Authoritative, bool Truncated, List<Answer> Answers, List<Answer> Authority);

    public static Response Parse(byte[] m)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(m);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(2));
        var qd = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(4));
        var an = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(6));
        var ns = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(8));
        var offset = 12;
        for (var i = 0; i < qd; i++)
        {
            SkipName(m, ref offset);
            offset += 4;
        }

        List<Answer> Read(int count)
        {
            var list = new List<Answer>();
            for (var i = 0; i < count; i++)
            {
                SkipName(m, ref offset);
                var type = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(offset));
                var ttl = BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(offset + 4));
                var length = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(offset + 8));
                list.Add(new Answer(type, ttl, m.AsSpan(offset + 10, length).ToArray()));
                offset += 10 + length;
            }

            return list;
        }

        var answers = Read(an);
        var authority = Read(ns);
        return new Response(id, flags & 0xF, (flags & 0x0400) != 0, (flags & 0x0200) != 0, answers, authority);
    }

    public static string TxtText(byte[] data)
    {
        var text = new StringBuilder();
        for (var i = 0; i < data.Length; i += 1 + data[i])
        {
            text.Append(Encoding.UTF8.GetString(data, i + 1, data[i]));
        }

        return text.ToString();
    }

    private static void SkipName(byte[] m, ref int offset)
    {
        while (m[offset] != 0)
        {
            if ((m[offset] & 0xC0) == 0xC0)
            {
                offset += 2;
                return;
            }

            offset += 1 + m[offset];
        }

        offset++;
    }
}
