using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace DecentCloud.Icp.Candid.Binary;

/// <summary>
/// Reads the primitives of the binary format from a byte span, checking every length against the
/// remaining input and charging the decoding cost quota.
/// </summary>
internal ref struct CandidReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _data;
    private long _quota;

    public CandidReader(ReadOnlySpan<byte> data, long quota)
    {
        _data = data;
        _quota = quota;
    }

    public int Position { get; set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly CandidDecodeException Error(string message) => new(message, Position);

    /// <summary>Charges the cost quota; a message that would cost more is refused before the work is done.</summary>
    public void Charge(long units)
    {
        _quota -= units;
        if (_quota < 0)
        {
            throw Error("decoding cost quota exceeded");
        }
    }

    public readonly long QuotaLeft => _quota;

    public byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw Error("unexpected end of input");
        }

        return _data[Position++];
    }

    public ReadOnlySpan<byte> ReadBytes(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"length {count} exceeds the {Remaining} remaining bytes");
        }

        var slice = _data.Slice(Position, (int)count);
        Position += (int)count;
        return slice;
    }

    /// <summary>An unsigned LEB128 number that must fit in 32 bits (lengths, counts, ids, indices).</summary>
    public uint ReadLebUInt32()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            if (shift < 64)
            {
                result |= (ulong)(b & 0x7f) << shift;
            }
            else if ((b & 0x7f) != 0)
            {
                throw Error("LEB128 number too large");
            }

            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
            if (shift > 70)
            {
                throw Error("LEB128 number too long");
            }
        }

        return result <= uint.MaxValue ? (uint)result : throw Error("number does not fit in 32 bits");
    }

    /// <summary>A signed LEB128 number that must fit in 32 bits (type opcodes and indices).</summary>
    public int ReadSlebInt32()
    {
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            b = ReadByte();
            if (shift < 63)
            {
                result |= (long)(b & 0x7f) << shift;
            }

            shift += 7;
            if (shift > 70)
            {
                throw Error("SLEB128 number too long");
            }
        }
        while ((b & 0x80) != 0);

        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }

        return result is >= int.MinValue and <= int.MaxValue ? (int)result : throw Error("type index out of range");
    }

    /// <summary>An unsigned LEB128 number of any size (nat); overlong forms are accepted.</summary>
    public BigInteger ReadLebBig()
    {
        var start = Position;
        while ((ReadByte() & 0x80) != 0)
        {
        }

        var bytes = _data[start..Position];
        Charge(bytes.Length / 64);
        if (bytes.Length <= 18)
        {
            // Up to 126 bits fit a UInt128: one BigInteger at the end instead of one per byte.
            UInt128 small = 0;
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                small = (small << 7) | (uint)(bytes[i] & 0x7f);
            }

            return small;
        }

        var value = BigInteger.Zero;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 7) | (bytes[i] & 0x7f);
        }

        return value;
    }

    /// <summary>A signed LEB128 number of any size (int).</summary>
    public BigInteger ReadSlebBig()
    {
        var start = Position;
        byte last;
        do
        {
            last = ReadByte();
        }
        while ((last & 0x80) != 0);

        var bytes = _data[start..Position];
        Charge(bytes.Length / 64);
        if (bytes.Length <= 9)
        {
            // 63 bits: sign-extend in a long.
            long small = 0;
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                small = (small << 7) | (uint)(bytes[i] & 0x7f);
            }

            var bits = 7 * bytes.Length;
            return bits < 64 && (last & 0x40) != 0 ? small | (-1L << bits) : small;
        }

        var value = BigInteger.Zero;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 7) | (bytes[i] & 0x7f);
        }

        return (last & 0x40) != 0 ? value - (BigInteger.One << (7 * bytes.Length)) : value;
    }

    public ulong ReadFixedUnsigned(int size)
    {
        var bytes = ReadBytes(size);
        return size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        };
    }

    public long ReadFixedSigned(int size)
    {
        var bytes = ReadBytes(size);
        return size switch
        {
            1 => (sbyte)bytes[0],
            2 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
    }

    public string ReadText()
    {
        var length = ReadLebUInt32();
        var bytes = ReadBytes(length);
        Charge(bytes.Length / 64);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error("text is not valid UTF-8");
        }
    }

    /// <summary>A count that is then read element by element: no more than the input (or, for zero-size elements, the quota) could hold.</summary>
    public uint ReadCount(bool elementsMayBeEmpty)
    {
        var count = ReadLebUInt32();
        if (elementsMayBeEmpty ? count > _quota : count > Remaining)
        {
            throw Error($"count {count} is more than the input can hold");
        }

        return count;
    }
}
