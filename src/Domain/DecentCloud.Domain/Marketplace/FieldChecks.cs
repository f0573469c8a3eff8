using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>Collects every bad field of a factory call, so one reply names them all.</summary>
internal static class FieldChecks
{
    public static void Check(this List<IError> errors, bool ok, string code, string message)
    {
        if (!ok)
        {
            errors.Add(DomainError.Invalid(code, message));
        }
    }

    /// <summary>ISO 3166-1 alpha-2 shape: two upper-case ASCII letters.</summary>
    public static bool IsCountryCode(string? text) => text is { Length: 2 } && text.All(char.IsAsciiLetterUpper);
}
