using System.Buffers.Binary;
using System.Text;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>DNS record types the server knows (RFC 1035, 3596, 6891, 8659).</summary>
internal enum DnsType : ushort
{
    /// <summary>IPv4 address.</summary>
    A = 1,
    /// <summary>Name server.</summary>
    NS = 2,
    /// <summary>Start of authority.</summary>
    SOA = 6,
    /// <summary>Text.</summary>
    TXT = 16,
    /// <summary>IPv6 address.</summary>
    AAAA = 28,
    /// <summary>EDNS(0) pseudo-record.</summary>
    OPT = 41,
    /// <summary>Any type.</summary>
    ANY = 255,
}

/// <summary>Response codes.</summary>
internal enum DnsRcode
{
    /// <summary>No error.</summary>
    NoError = 0,
    /// <summary>The query was malformed.</summary>
    FormErr = 1,
    /// <summary>The server failed.</summary>
    ServFail = 2,
    /// <summary>The name does not exist.</summary>
    NxDomain = 3,
    /// <summary>The opcode is not implemented.</summary>
    NotImp = 4,
    /// <summary>Not answered by policy (outside the zone).</summary>
    Refused = 5,
}

/// <summary>A parsed query: its id, flags and single question.</summary>
internal sealed record DnsQuery(ushort Id, ushort Flags, string Name, ushort Type, ushort Class)
{
    /// <summary>The opcode bits of the flags.</summary>
    public int Opcode => (Flags >> 11) & 0xF;

    /// <summary>Whether recursion was desired (echoed back).</summary>
    public bool RecursionDesired => (Flags & 0x0100) != 0;
}

/// <summary>One resource record to write.</summary>
internal sealed record DnsRecord(string Name, DnsType Type, uint Ttl, byte[] Data);

/// <summary>Reads queries and writes responses in the DNS wire format (RFC 1035).</summary>
internal static class DnsWire
{
    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 12;

    private const int MaxNameLength = 255;
    private const int MaxPointerHops = 16;

    /// <summary>
    /// Parses a query. Returns <c>null</c> for anything that is not a well-formed query with exactly
    /// one question; <paramref name="id"/> is set whenever the header could be read, so a FORMERR can be sent.
    /// </summary>
    public static DnsQuery? TryParseQuery(ReadOnlySpan<byte> message, out ushort? id)
    {
        id = null;
        if (message.Length < HeaderSize)
        {
            return null;
        }

        id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var isResponse = (flags & 0x8000) != 0;
        if (isResponse || questions != 1)
        {
            return null;
        }

        var offset = HeaderSize;
        var name = ReadName(message, ref offset);
        if (name is null || offset + 4 > message.Length)
        {
            return null;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        var cls = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
        return new DnsQuery(id.Value, flags, name, type, cls);
    }

    /// <summary>Writes a response to <paramref name="query"/> with the given sections.</summary>
    public static byte[] WriteResponse(
        DnsQuery query,
        DnsRcode rcode,
        bool authoritative,
        IReadOnlyList<DnsRecord> answers,
        IReadOnlyList<DnsRecord> authority,
        bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(authority);
        using var stream = new MemoryStream(512);
        var flags = 0x8000 | (query.Opcode << 11) | (authoritative ? 0x0400 : 0) | (truncated ? 0x0200 : 0)
            | (query.RecursionDesired ? 0x0100 : 0) | (int)rcode;
        WriteUInt16(stream, query.Id);
        WriteUInt16(stream, (ushort)flags);
        WriteUInt16(stream, 1);
        WriteUInt16(stream, (ushort)answers.Count);
        WriteUInt16(stream, (ushort)authority.Count);
        WriteUInt16(stream, 0);
        WriteName(stream, query.Name);
        WriteUInt16(stream, query.Type);
        WriteUInt16(stream, query.Class);
        foreach (var record in answers.Concat(authority))
        {
            WriteName(stream, record.Name);
            WriteUInt16(stream, (ushort)record.Type);
            WriteUInt16(stream, 1);
            WriteUInt32(stream, record.Ttl);
            WriteUInt16(stream, (ushort)record.Data.Length);
            stream.Write(record.Data);
        }

        return stream.ToArray();
    }

    /// <summary>A header-only error response for a query that could not be parsed.</summary>
    public static byte[] WriteError(ushort id, DnsRcode rcode)
    {
        var message = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(0x8000 | (int)rcode));
        return message;
    }

    /// <summary>TXT rdata: the value as character-strings of at most 255 bytes.</summary>
    public static byte[] TxtData(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        using var stream = new MemoryStream();
        for (var i = 0; i < bytes.Length || i == 0; i += 255)
        {
            var chunk = bytes.AsSpan(i, Math.Min(255, bytes.Length - i));
            stream.WriteByte((byte)chunk.Length);
            stream.Write(chunk);
        }

        return stream.ToArray();
    }

    /// <summary>A name in wire form, for rdata that holds names.</summary>
    public static byte[] NameData(string name)
    {
        using var stream = new MemoryStream();
        WriteName(stream, name);
        return stream.ToArray();
    }

    /// <summary>SOA rdata.</summary>
    public static byte[] SoaData(string primary, string mailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        using var stream = new MemoryStream();
        WriteName(stream, primary);
        WriteName(stream, mailbox);
        foreach (var value in new[] { serial, refresh, retry, expire, minimum })
        {
            WriteUInt32(stream, value);
        }

        return stream.ToArray();
    }

    private static string? ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var builder = new StringBuilder();
        var position = offset;
        var jumped = false;
        var hops = 0;
        while (true)
        {
            if (position >= message.Length)
            {
                return null;
            }

            var length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length || ++hops > MaxPointerHops)
                {
                    return null;
                }

                var target = ((length & 0x3F) << 8) | message[position + 1];
                if (!jumped)
                {
                    offset = position + 2;
                }

                jumped = true;
                position = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                return null;
            }

            position++;
            if (length == 0)
            {
                break;
            }

            if (position + length > message.Length || builder.Length + length + 1 > MaxNameLength)
            {
                return null;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            foreach (var b in message.Slice(position, length))
            {
                // Keep the label readable and unambiguous; a dot or control byte inside a label is not a name we serve.
                if (b is <= 0x20 or >= 0x7F or (byte)'.')
                {
                    return null;
                }

                builder.Append((char)b);
            }

            position += length;
        }

        if (!jumped)
        {
            offset = position;
        }

        return builder.ToString();
    }

    private static void WriteName(Stream stream, string name)
    {
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            stream.WriteByte((byte)bytes.Length);
            stream.Write(bytes);
        }

        stream.WriteByte(0);
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        stream.Write(buffer);
    }
}
