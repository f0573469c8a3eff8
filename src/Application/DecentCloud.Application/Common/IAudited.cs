using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Application.Common;

/// <summary>
/// Marks a command that leaves an entry in the audit trail. The command says what the entry holds for a
/// given ending; the <see cref="AuditBehavior{TMessage, TResponse}"/> writes it once the handler returned.
/// </summary>
public interface IAudited
{
    /// <summary>The entry for a command that ended with <paramref name="result"/>; <c>null</c> when that ending is not audited.</summary>
    AuditNote? Audit(IResultBase result);
}

/// <summary>What an audit entry says, without its time (the behaviour stamps it).</summary>
/// <param name="Action">What was attempted, e.g. <c>agent.revoke</c>.</param>
/// <param name="Outcome">How it ended, e.g. <c>ok</c> or an error code.</param>
/// <param name="Actor">Who acted; empty when unknown.</param>
/// <param name="Subject">What it concerned; empty when unknown.</param>
/// <param name="ClientAddress">The client's network address, when known.</param>
public sealed record AuditNote(string Action, string Outcome, string Actor, string Subject, string? ClientAddress = null)
{
    /// <summary>
    /// Metadata key of an error whose audit outcome says more than its code (e.g. which part of a signature
    /// check failed, which the caller is never told).
    /// </summary>
    public const string OutcomeKey = "audit_outcome";

    /// <summary>
    /// The usual outcome: <c>ok</c> on success, else the first domain error's <see cref="OutcomeKey"/>
    /// metadata, else its code.
    /// </summary>
    public static string OutcomeOf(IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsSuccess)
        {
            return "ok";
        }

        var error = result.FirstDomainError();
        return error.Metadata.TryGetValue(OutcomeKey, out var outcome) && outcome is string text ? text : error.Code;
    }

    /// <summary>Metadata key of an error that names the audit subject (a name only the handler knows, e.g. a record's FQDN).</summary>
    public const string SubjectKey = "audit_subject";

    /// <summary>The <see cref="SubjectKey"/> metadata of the first domain error, if any.</summary>
    public static string? SubjectOf(IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsFailed && result.FirstDomainError().Metadata.TryGetValue(SubjectKey, out var subject) ? subject as string : null;
    }

    /// <summary><paramref name="error"/>, carrying <paramref name="outcome"/> for the audit trail only.</summary>
    public static DomainError WithOutcome(DomainError error, string outcome)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.Metadata[OutcomeKey] = outcome;
        return error;
    }

    /// <summary>Cuts an untrusted key or name to at most 64 characters before it reaches the trail.</summary>
    public static string Truncate(string? value) => value is null ? string.Empty : value[..Math.Min(value.Length, 64)];
}
