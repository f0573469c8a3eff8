using System.Buffers.Binary;
using System.Text;

namespace DecentCloud.Domain.Contracts;

/// <summary>One OpenSSH public key line, <c>type base64 [comment]</c>, whose blob names the same key type.</summary>
public static class SshPublicKeyLine
{
    /// <summary>The key blob, or <c>null</c> when the line is not a well-formed OpenSSH public key.</summary>
    public static byte[]? TryReadBlob(string? line)
    {
        if (line is null || line.Length > 16384 || line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var length) || length < 4)
        {
            return null;
        }

        var typeLength = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (typeLength > length - 4 || Encoding.ASCII.GetString(blob, 4, (int)typeLength) != parts[0])
        {
            return null;
        }

        return blob[..length];
    }
}
