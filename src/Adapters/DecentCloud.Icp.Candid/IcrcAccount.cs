using System.Buffers.Binary;

namespace DecentCloud.Icp.Candid;

/// <summary>An ICRC-1 account: an owner and an optional 32-byte subaccount, with its textual form.</summary>
public sealed record IcrcAccount
{
    /// <summary>Subaccount length in bytes.</summary>
    public const int SubaccountLength = 32;

    /// <summary>Creates an account; a subaccount must be 32 bytes.</summary>
    public IcrcAccount(Principal owner, byte[]? subaccount = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (subaccount is not null && subaccount.Length != SubaccountLength)
        {
            throw new ArgumentException("an ICRC-1 subaccount is 32 bytes", nameof(subaccount));
        }

        Owner = owner;
        Subaccount = subaccount;
    }

    /// <summary>The owner.</summary>
    public Principal Owner { get; }

    /// <summary>The subaccount, or <c>null</c> for the default one.</summary>
    public byte[]? Subaccount { get; }

    /// <summary>Whether this is the default subaccount (none, or all zeros).</summary>
    public bool IsDefaultSubaccount => Subaccount is null || Subaccount.All(b => b == 0);

    /// <summary>The ICRC-1 text: the owner alone for the default subaccount, else <c>owner-checksum.hex</c>.</summary>
    public override string ToString()
    {
        if (IsDefaultSubaccount)
        {
            return Owner.ToText();
        }

        var hex = Convert.ToHexStringLower(Subaccount!).TrimStart('0');
        return $"{Owner.ToText()}-{Checksum()}.{hex}";
    }

    /// <summary>Parses ICRC-1 account text; throws <see cref="FormatException"/> for a bad checksum or a non-canonical form.</summary>
    public static IcrcAccount Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.LastIndexOf('.');
        if (dot < 0)
        {
            return new IcrcAccount(Principal.FromText(text));
        }

        var hex = text[(dot + 1)..];
        var dash = text.LastIndexOf('-', dot);
        if (hex.Length is 0 or > 64 || hex[0] == '0' || dash < 0 || !hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw new FormatException("the subaccount part must be non-empty lower-case hex without leading zeros");
        }

        var subaccount = Convert.FromHexString(hex.PadLeft(64, '0'));
        var account = new IcrcAccount(Principal.FromText(text[..dash]), subaccount);
        return account.Checksum() == text[(dash + 1)..dot] && !account.IsDefaultSubaccount
            ? account
            : throw new FormatException("the account checksum does not match");
    }

    private string Checksum()
    {
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute([.. Owner.Bytes, .. Subaccount!]));
        return Base32.Encode(crc);
    }

}
