using System.Globalization;
using System.Text.RegularExpressions;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>What the notification handlers share: who a provider is as an account, and how ids, times and money read in a message.</summary>
internal static partial class NotificationTexts
{
    /// <summary>
    /// A caller-supplied identifier fit to quote in a message sent in the platform's name: a plain token (letters, digits,
    /// <c>._:-</c>, at most 64), else <c>null</c>, so nobody can slip their own sentence or link into a notification.
    /// </summary>
    public static string? Identifier(string? text) => text is not null && PlainToken().IsMatch(text) ? text : null;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainToken();

    /// <summary>
    /// The account a provider id belongs to: a marketplace provider's id is its account id (<c>ProviderProfile.ProviderIdOf</c>);
    /// a legacy provider id (a public key) has no account, so nobody can be notified and <c>null</c> says so.
    /// </summary>
    public static Guid? AccountOf(ProviderId? provider) =>
        provider is not null && Guid.TryParseExact(provider.Value, "D", out var account) && account != Guid.Empty ? account : null;

    /// <summary>The first 12 hex characters of a contract id: enough to tell a person's contracts apart, short enough for an SMS.</summary>
    public static string Short(ContractId id) => id.Hex.Length <= 12 ? id.Hex : id.Hex[..12];

    /// <summary>A time in UTC, to the minute.</summary>
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The UTC hour of <paramref name="at"/> as a key part (<c>2026112512</c>).</summary>
    public static string HourKey(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>Nano-USD as dollars and cents (rounded down), e.g. <c>$4.99</c>.</summary>
    public static string Usd(long nanoUsd) =>
        string.Create(CultureInfo.InvariantCulture, $"${decimal.Floor(nanoUsd / 10_000_000m) / 100m:0.00}");

    /// <summary>Base units of a token as whole tokens, every significant decimal kept.</summary>
    public static string Tokens(long baseUnits, int decimals, string symbol)
    {
        decimal whole = baseUnits;
        for (var i = 0; i < decimals && i < 28; i++)
        {
            whole /= 10m;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{whole:0.############################} {symbol}");
    }
}
