using System.Security.Cryptography;
using System.Text;

namespace DecentCloud.Domain.Money.Deposits;

/// <summary>
/// The ICRC-1 subaccount (32 bytes) of the platform's deposit principal that belongs to one account: every token an
/// account deposits goes to <c>(deposit principal, this subaccount)</c>.
/// </summary>
/// <remarks>
/// SHA-256 of a domain-separation prefix followed by the account id's 16 bytes (big-endian, RFC 9562 order). Derived, not
/// stored or random, so any instance (and an operator by hand) finds the same address for an account with no shared
/// state; hashed rather than the raw id so the account id is not published on a public ledger; the prefix keeps this use
/// of an account id apart from any other hash of it (and names a version, so a future scheme cannot collide with it).
/// A hash is never the all-zero default subaccount in practice (probability 2⁻²⁵⁶), so a deposit never lands in the
/// principal's default account, where the treasury may live.
/// </remarks>
public readonly record struct DepositSubaccount
{
    /// <summary>The prefix hashed before the account id.</summary>
    public const string DomainSeparator = "decentcloud:deposit-subaccount:v1\0";

    /// <summary>Subaccount length in bytes (ICRC-1).</summary>
    public const int Length = 32;

    private DepositSubaccount(string hex) => Hex = hex;

    /// <summary>The subaccount as 64 lower-case hex digits.</summary>
    public string Hex { get; }

    /// <summary>The subaccount's bytes.</summary>
    public byte[] ToBytes() => Convert.FromHexString(Hex);

    /// <summary>The deposit subaccount of <paramref name="accountId"/>.</summary>
    public static DepositSubaccount For(Guid accountId)
    {
        if (accountId == Guid.Empty)
        {
            throw new ArgumentException("an account id is required.", nameof(accountId));
        }

        var prefix = Encoding.ASCII.GetBytes(DomainSeparator);
        var input = new byte[prefix.Length + 16];
        prefix.CopyTo(input, 0);
        accountId.TryWriteBytes(input.AsSpan(prefix.Length), bigEndian: true, out _);
        return new DepositSubaccount(Convert.ToHexStringLower(SHA256.HashData(input)));
    }

    /// <summary>A subaccount read from a ledger block (any 32 bytes); <c>null</c> when it is not 32 bytes.</summary>
    public static DepositSubaccount? FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length ? new DepositSubaccount(Convert.ToHexStringLower(bytes)) : null;

    /// <inheritdoc />
    public override string ToString() => Hex;
}
