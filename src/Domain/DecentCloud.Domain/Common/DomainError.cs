using FluentResults;

namespace DecentCloud.Domain.Common;

/// <summary>An expected failure with a stable machine-readable code and a kind that hosts translate.</summary>
public sealed class DomainError : Error
{
    /// <summary>Creates an error.</summary>
    public DomainError(ErrorKind kind, string code, string message)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Metadata.Add("code", code);
    }

    /// <summary>The kind of failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>A stable code such as <c>invalid_dc_id</c>.</summary>
    public string Code { get; }

    /// <summary>A validation failure.</summary>
    public static DomainError Invalid(string code, string message) => new(ErrorKind.Validation, code, message);
}
