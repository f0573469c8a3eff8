using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// Where a provider is paid: an ICRC-1 account in its textual form and the token it wants. The account text is
/// <c>principal</c> or <c>principal-checksum.subaccount</c> (ICRC-1 "Textual encoding of accounts"); only its shape
/// is checked here, since the principal's CRC needs the ICP codec, which the domain does not reference.
/// </summary>
public sealed record PayoutAddress
{
    /// <summary>Longest account text: a 63-character principal, a 7-character checksum and 64 hex digits.</summary>
    public const int MaxLength = 63 + 1 + 7 + 1 + 64;

    private PayoutAddress(string account, Token token)
    {
        Account = account;
        Token = token;
    }

    /// <summary>The ICRC-1 account text.</summary>
    public string Account { get; }

    /// <summary>The token the provider is paid in (DC, ICP, ckUSDC or ckUSDT).</summary>
    public Token Token { get; }

    /// <summary>Validates the account text and the token symbol; both errors are reported together.</summary>
    public static Result<PayoutAddress> Create(string? account, string? tokenSymbol)
    {
        var errors = new List<IError>();
        errors.Check(IsAccountText(account), "invalid_payout_address",
            "payoutAccount must be ICRC-1 account text: a principal (lower-case base32 groups of 5 joined by '-'), optionally followed by -checksum.subaccount-hex.");
        var token = Token.Known.FirstOrDefault(t => string.Equals(t.Symbol, tokenSymbol, StringComparison.Ordinal));
        errors.Check(token is not null, "invalid_payout_token", "payoutToken must be one of DC, ICP, ckUSDC, ckUSDT.");
        return errors.Count > 0 ? Result.Fail<PayoutAddress>(errors) : new PayoutAddress(account!, token!);
    }

    /// <summary>Whether the text has the shape of an ICRC-1 account.</summary>
    public static bool IsAccountText(string? text)
    {
        if (text is null or { Length: 0 or > MaxLength })
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return IsPrincipalText(text);
        }

        // principal-CHECKSUM.SUBACCOUNT: the checksum is 7 base32 characters; the subaccount is hex without leading zeros
        // (a zero subaccount is written without the suffix at all).
        var subaccount = text[(dot + 1)..];
        var head = text[..dot];
        var dash = head.LastIndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var checksum = head[(dash + 1)..];
        return IsPrincipalText(head[..dash])
            && checksum.Length == 7 && checksum.All(IsBase32)
            && subaccount.Length is > 0 and <= 64 && subaccount[0] != '0' && subaccount.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>Principal text: base32 of CRC-32 and 0-29 bytes, so 7-53 characters in groups of five joined by dashes.</summary>
    private static bool IsPrincipalText(string text)
    {
        var groups = text.Split('-');
        var characters = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var last = i == groups.Length - 1;
            if ((!last && groups[i].Length != 5) || (last && groups[i].Length is 0 or > 5) || !groups[i].All(IsBase32))
            {
                return false;
            }

            characters += groups[i].Length;
        }

        return characters is >= 7 and <= 53;
    }

    private static bool IsBase32(char c) => c is >= 'a' and <= 'z' or >= '2' and <= '7';
}
