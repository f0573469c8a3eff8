namespace DecentCloud.Domain.Common;

/// <summary>Factories for the non-validation errors the aggregates raise.</summary>
public static class DomainErrors
{
    /// <summary>Authentication failed; the message never says which part was wrong.</summary>
    public static DomainError Unauthorized(string code, string message) => new(ErrorKind.Unauthorized, code, message);

    /// <summary>The caller lacks a right.</summary>
    public static DomainError Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    /// <summary>Nothing of that name exists.</summary>
    public static DomainError NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    /// <summary>The state forbids the change.</summary>
    public static DomainError Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    /// <summary>A quota or a configured cap would be exceeded.</summary>
    public static DomainError LimitExceeded(string code, string message) => new(ErrorKind.LimitExceeded, code, message);
}
