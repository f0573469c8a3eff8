using FluentResults;

namespace DecentCloud.Domain.Common;

/// <summary>Helpers to read the first <see cref="DomainError"/> of a result.</summary>
public static class ResultExtensions
{
    /// <summary>The first domain error of a failed result, or a generic one when the failure carries none.</summary>
    public static DomainError FirstDomainError(this IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.OfType<DomainError>().FirstOrDefault()
            ?? new DomainError(ErrorKind.Validation, "invalid", (result.Errors.Count > 0 ? result.Errors[0].Message : "invalid request"));
    }
}
