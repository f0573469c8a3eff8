using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>Six-digit verification codes: drawn at random, kept only as a hash bound to the account, channel and address.</summary>
internal static class VerificationCodes
{
    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The hash stored and compared; binding it to the address makes a code sent to an old address useless for a new one.</summary>
    public static byte[] Hash(Guid accountId, NotificationChannel channel, string address, string? code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId:N}\n{channel.Name()}\n{address}\n{code?.Trim()}"));
}
