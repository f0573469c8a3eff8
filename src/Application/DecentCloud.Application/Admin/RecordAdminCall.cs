using DecentCloud.Application.Common;
using Mediator;

namespace DecentCloud.Application.Admin;

/// <summary>
/// Writes the audit entry of one call to an admin HTTP route, whatever its ending: a refused signature, a refused
/// key, a failed or a successful operation. The API's admin route group sends it once per call, so no admin route
/// can forget it.
/// </summary>
/// <param name="Actor">The key the request named (lower-case hex when well-formed; cut to 64 characters otherwise; empty when none).</param>
/// <param name="Action">The route, e.g. <c>admin GET /api/v1/admin/books</c>.</param>
/// <param name="Outcome"><c>ok</c>, or why it was refused (e.g. <c>bad_signature</c>, <c>not_admin</c>, an error code).</param>
/// <param name="Subject">The concrete path and query asked for (cut to 256 characters).</param>
/// <param name="ClientAddress">The client's address.</param>
public sealed record RecordAdminCall(string Actor, string Action, string Outcome, string Subject, string? ClientAddress) : ICommand;

/// <summary>Handles <see cref="RecordAdminCall"/>.</summary>
internal sealed class RecordAdminCallHandler(IAuditLog audit, TimeProvider time) : ICommandHandler<RecordAdminCall>
{
    /// <summary>The longest subject stored; a longer query is cut, not refused, so the call is still on record.</summary>
    public const int MaxSubjectLength = 256;

    /// <inheritdoc />
    public async ValueTask<Unit> Handle(RecordAdminCall command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await audit.RecordAsync(
            new AuditEntry(
                time.GetUtcNow(), Cut(command.Action, 128), Cut(command.Outcome, 64), AuditNote.Truncate(command.Actor), Cut(command.Subject, MaxSubjectLength),
                command.ClientAddress),
            cancellationToken);
        return Unit.Value;
    }

    // The trail's columns are bounded; an entry cut short is better than a call left off the record.
    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
