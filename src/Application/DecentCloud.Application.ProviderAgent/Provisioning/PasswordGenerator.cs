using System.Security.Cryptography;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>VM passwords from the CSPRNG: 24 characters by default, with upper, lower, digit and symbol each present.</summary>
public static class PasswordGenerator
{
    /// <summary>The shortest password the platform hands out.</summary>
    public const int MinimumLength = 24;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    // No quotes, backslashes, spaces or '$': the password stays intact through shells, YAML and form bodies.
    private const string Symbols = "-_.+=!@%^*";
    private const string All = Upper + Lower + Digits + Symbols;

    /// <summary>A new password of <paramref name="length"/> characters.</summary>
    public static string New(int length = MinimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(All, length);

            // Rejection sampling keeps the distribution uniform over passwords that have every class.
            if (candidate.Any(Upper.Contains) && candidate.Any(Lower.Contains) && candidate.Any(Digits.Contains) && candidate.Any(Symbols.Contains))
            {
                return candidate;
            }
        }
    }
}
