using System.Globalization;
using System.Numerics;
using DecentCloud.Api.Client;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;

namespace DecentCloud.PayoutCli.Sending;

/// <summary>The <c>icrc1_transfer</c> argument a payout recorded: exactly these bytes are sent, on every attempt.</summary>
internal static class PayoutTransfer
{
    /// <summary>
    /// The recorded arguments of <paramref name="payout"/> (no <c>from_subaccount</c>: the platform's default account);
    /// a payout lacking any of them is an <see cref="InvalidDataException"/> — nothing is sent with made-up arguments.
    /// </summary>
    public static TransferArg From(AutomatedPayout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (payout.AmountBaseUnits is null || payout.FeeBaseUnits is null || payout.MemoHex is null || payout.CreatedAtTimeNanos is not { } createdAt)
        {
            throw new InvalidDataException($"payout {payout.PayoutId} has no recorded transfer arguments");
        }

        try
        {
            var to = IcrcAccount.Parse(payout.ToAccount);
            return new TransferArg(
                null,
                new Account(to.Owner, to.Subaccount),
                BigInteger.Parse(payout.AmountBaseUnits, NumberStyles.None, CultureInfo.InvariantCulture),
                BigInteger.Parse(payout.FeeBaseUnits, NumberStyles.None, CultureInfo.InvariantCulture),
                Convert.FromHexString(payout.MemoHex),
                createdAt);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"payout {payout.PayoutId} has unreadable transfer arguments: {ex.Message}", ex);
        }
    }

    /// <summary>An ICRC-1 account as text, for comparisons with the recorded recipient.</summary>
    public static string Text(Account account) => new IcrcAccount(account.Owner, account.Subaccount).ToString();
}
