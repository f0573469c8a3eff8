namespace DecentCloud.Application.Common;

/// <summary>The append-only trail of security-relevant events. Entries never hold a secret or a TXT value.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends an entry and stores it at once, in the transaction the unit of work holds for the current command
    /// (see <see cref="IUnitOfWork.InHeldTransactionAsync{T}"/>), so it commits with that command's changes.
    /// Changes the command left unsaved are dropped, as they would have been without the entry.
    /// </summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The most recent entries, newest first (for operators and tests).</summary>
    Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the entries from before <paramref name="cutoff"/>, and the oldest refusals (entries whose outcome is
    /// not <c>ok</c>) beyond the newest <paramref name="keepRefusals"/>; returns how many were deleted.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, int keepRefusals, CancellationToken cancellationToken);
}

/// <summary>One audited event.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Action">What was attempted, e.g. <c>acme_dns.update</c>.</param>
/// <param name="Outcome">How it ended, e.g. <c>ok</c>, <c>unauthorized</c>.</param>
/// <param name="Actor">Who acted: an acme-dns username, an agent key, <c>admin</c>; empty when unknown.</param>
/// <param name="Subject">What it concerned, e.g. the dc_id; empty when unknown.</param>
/// <param name="ClientAddress">The client's network address, when known.</param>
public sealed record AuditEntry(DateTimeOffset At, string Action, string Outcome, string Actor, string Subject, string? ClientAddress);
