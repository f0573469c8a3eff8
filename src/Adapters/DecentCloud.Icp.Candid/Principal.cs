using System.Buffers.Binary;
using System.Text;

namespace DecentCloud.Icp.Candid;

/// <summary>An Internet Computer principal: at most 29 bytes, written as checksummed base32 text.</summary>
public sealed class Principal : IEquatable<Principal>
{
    /// <summary>The longest principal in bytes.</summary>
    public const int MaxLength = 29;

    private readonly byte[] _bytes;

    private Principal(byte[] bytes) => _bytes = bytes;

    /// <summary>The anonymous principal (<c>2vxsx-fae</c>).</summary>
    public static Principal Anonymous { get; } = new([0x04]);

    /// <summary>The management canister (<c>aaaaa-aa</c>).</summary>
    public static Principal ManagementCanister { get; } = new([]);

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>A principal from raw bytes; throws <see cref="ArgumentException"/> when longer than 29 bytes.</summary>
    public static Principal FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= MaxLength ? new Principal(bytes.ToArray()) : throw new ArgumentException($"a principal has at most {MaxLength} bytes", nameof(bytes));

    /// <summary>Parses principal text; throws <see cref="FormatException"/> unless it is exactly the canonical text of some principal.</summary>
    public static Principal FromText(string text) =>
        TryParse(text, out var principal) ? principal : throw new FormatException($"'{text}' is not a principal's text (lower-case, dash-grouped, valid checksum)");

    /// <summary>Parses principal text; <c>false</c> for anything but the canonical text.</summary>
    public static bool TryParse(string? text, out Principal principal)
    {
        principal = ManagementCanister;
        if (text is null || text.Length > 63)
        {
            return false;
        }

        var raw = Base32.Decode(text.Replace("-", string.Empty, StringComparison.Ordinal));
        if (raw is null || raw.Length < 4 || raw.Length - 4 > MaxLength)
        {
            return false;
        }

        var candidate = new Principal(raw[4..]);
        if (BinaryPrimitives.ReadUInt32BigEndian(raw) != Crc32.Compute(candidate._bytes) || candidate.ToText() != text)
        {
            return false;
        }

        principal = candidate;
        return true;
    }

    /// <summary>The canonical text.</summary>
    public string ToText()
    {
        var raw = new byte[4 + _bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(raw, Crc32.Compute(_bytes));
        _bytes.CopyTo(raw, 4);
        var encoded = Base32.Encode(raw);
        var text = new StringBuilder(encoded.Length + encoded.Length / 5);
        for (var i = 0; i < encoded.Length; i += 5)
        {
            if (i > 0)
            {
                text.Append('-');
            }

            text.Append(encoded, i, Math.Min(5, encoded.Length - i));
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    /// <inheritdoc />
    public bool Equals(Principal? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Principal);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
