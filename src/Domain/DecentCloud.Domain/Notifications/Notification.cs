using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Notifications;

/// <summary>
/// One notification for one account on one channel: written with the event that caused it, charged to the quota once
/// (the free daily allowance, else a paid pack, else refused with the reason), then delivered, failed for good, or
/// retried. An in-app notification is delivered when it is charged: it is its own inbox entry.
/// </summary>
public sealed class Notification : AggregateRoot
{
    /// <summary>Longest subject.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Longest body.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Longest address (an email address may be 320 characters).</summary>
    public const int MaxAddressLength = 320;

    /// <summary>Longest idempotency key.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Longest reason kept.</summary>
    public const int MaxReasonLength = 300;

    /// <summary>What a delivered verification message's body becomes: the code it carried is not kept once sent.</summary>
    public const string RedactedText = "(verification code removed after delivery)";

    private Notification(Guid id, Guid accountId, NotificationChannel channel, NotificationKind kind, string? address, string subject, string text, string idempotencyKey, DateTimeOffset now)
    {
        Id = id;
        AccountId = accountId;
        Channel = channel;
        Kind = kind;
        Address = address;
        Subject = subject;
        Text = text;
        IdempotencyKey = idempotencyKey;
        CreatedAt = now;
        Status = NotificationStatus.Pending;
    }

    /// <summary>The notification's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The recipient account.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>Where it goes.</summary>
    public NotificationChannel Channel { get; private set; }

    /// <summary>What it is about.</summary>
    public NotificationKind Kind { get; private set; }

    /// <summary>The email address, chat id or phone number at the time it was written; <c>null</c> in-app.</summary>
    public string? Address { get; private set; }

    /// <summary>One line.</summary>
    public string Subject { get; private set; }

    /// <summary>The plain-text body.</summary>
    public string Text { get; private set; }

    /// <summary>Unique per event and channel: the same event never makes a second notification on a channel.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Where it stands.</summary>
    public NotificationStatus Status { get; private set; }

    /// <summary>Which allowance paid for it; <c>null</c> until the quota gate let it through.</summary>
    public QuotaSource? ChargedTo { get; private set; }

    /// <summary>When the quota gate charged it (its UTC day is the free allowance's day it used).</summary>
    public DateTimeOffset? ChargedAt { get; private set; }

    /// <summary>When its charge was given back, because it failed for good without being delivered.</summary>
    public DateTimeOffset? RefundedAt { get; private set; }

    /// <summary>The paid pack it used, when <see cref="ChargedTo"/> is <see cref="QuotaSource.Paid"/>.</summary>
    public Guid? PackId { get; private set; }

    /// <summary>Failed sends so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Why it was refused or failed, or why the last attempt did not go through.</summary>
    public string? Reason { get; private set; }

    /// <summary>When the channel accepted it (or, in-app, when it entered the inbox).</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>When the account read it (in-app only).</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Whether the quota gate still has to decide on it.</summary>
    public bool NeedsCharge => Status == NotificationStatus.Pending && ChargedTo is null;

    /// <summary>A pending notification; every bad field is reported.</summary>
    public static Result<Notification> Create(
        Guid id, Guid accountId, NotificationChannel channel, NotificationKind kind, string? address, string? subject, string? text, string? idempotencyKey, DateTimeOffset now)
    {
        var errors = new List<IError>();
        if (accountId == Guid.Empty)
        {
            errors.Add(DomainError.Invalid("invalid_account", "account is required."));
        }

        if (channel == NotificationChannel.InApp ? address is not null : string.IsNullOrWhiteSpace(address) || address.Length > MaxAddressLength)
        {
            errors.Add(DomainError.Invalid("invalid_address", $"a {channel.Name()} notification needs {(channel == NotificationChannel.InApp ? "no address" : $"an address of at most {MaxAddressLength} characters")}."));
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength)
        {
            errors.Add(DomainError.Invalid("invalid_subject", $"subject must be 1-{MaxSubjectLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
        {
            errors.Add(DomainError.Invalid("invalid_text", $"text must be 1-{MaxTextLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength)
        {
            errors.Add(DomainError.Invalid("invalid_idempotency_key", $"idempotency key must be 1-{MaxKeyLength} characters."));
        }

        return errors.Count > 0
            ? Result.Fail<Notification>(errors)
            : new Notification(id, accountId, channel, kind, address, subject!, text!, idempotencyKey!, now);
    }

    /// <summary>
    /// Records the quota gate's decision: charged to the decision's source (in-app: delivered at once), or refused with
    /// its reason when both allowances are used up.
    /// </summary>
    public void Charge(QuotaDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!NeedsCharge)
        {
            throw new InvalidOperationException($"notification {Id} was already charged or settled ({Status}).");
        }

        if (decision.Source is not { } source)
        {
            Status = NotificationStatus.Refused;
            Reason = Cut(decision.Refusal ?? "quota exhausted");
            ForgetCode();
            return;
        }

        ChargedTo = source;
        ChargedAt = now;
        PackId = decision.PackId;
        if (Channel == NotificationChannel.InApp)
        {
            Deliver(now);
        }
    }

    /// <summary>The channel accepted it.</summary>
    public void Deliver(DateTimeOffset now)
    {
        RequireChargedAndPending();
        Status = NotificationStatus.Delivered;
        DeliveredAt = now;
        Reason = null;
        ForgetCode();
    }

    /// <summary>
    /// The channel can never deliver it as addressed, it ran out of attempts, or its channel is not set up on this
    /// server. Returns whether its charge must be given back (it was charged): the caller refunds the quota in the
    /// same save.
    /// </summary>
    public bool Fail(string reason, DateTimeOffset now)
    {
        if (Status != NotificationStatus.Pending)
        {
            throw new InvalidOperationException($"notification {Id} is {Status}, not pending.");
        }

        Status = NotificationStatus.Failed;
        Reason = Cut(reason);
        ForgetCode();
        if (ChargedTo is null)
        {
            return false;
        }

        RefundedAt = now;
        return true;
    }

    /// <summary>An attempt did not go through; it stays pending for the next one.</summary>
    public void NoteFailedAttempt(string reason)
    {
        RequireChargedAndPending();
        Attempts++;
        Reason = Cut(reason);
    }

    /// <summary>The account read it (in-app); reading it again changes nothing.</summary>
    public Result MarkRead(DateTimeOffset now)
    {
        if (Channel != NotificationChannel.InApp || Status != NotificationStatus.Delivered)
        {
            return Result.Fail(DomainErrors.NotFound("notification_not_found", $"No notification {Id} in the inbox."));
        }

        ReadAt ??= now;
        return Result.Ok();
    }

    /// <summary>A verification code is kept only while it may still be sent.</summary>
    private void ForgetCode()
    {
        if (Kind == NotificationKind.AddressVerification)
        {
            Text = RedactedText;
        }
    }

    private void RequireChargedAndPending()
    {
        if (Status != NotificationStatus.Pending || ChargedTo is null)
        {
            throw new InvalidOperationException($"notification {Id} is not a charged pending notification ({Status}).");
        }
    }

    private static string Cut(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private Notification()
    {
    }
#pragma warning restore CS8618
}

/// <summary>Where a <see cref="Notification"/> stands.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting for the quota gate or for its channel.</summary>
    Pending,

    /// <summary>Accepted by its channel (in-app: in the inbox).</summary>
    Delivered,

    /// <summary>Not sent: the free allowance and every paid pack were used up; <see cref="Notification.Reason"/> says which.</summary>
    Refused,

    /// <summary>Not sent: the channel can never deliver it as addressed.</summary>
    Failed,
}

/// <summary>Which allowance a notification used.</summary>
public enum QuotaSource
{
    /// <summary>The free allowance of its UTC day.</summary>
    Free,

    /// <summary>A paid monthly pack.</summary>
    Paid,
}

/// <summary>The quota gate's answer: a <see cref="Source"/> (and the pack, when paid), or a <see cref="Refusal"/>.</summary>
/// <param name="Source">The allowance charged; <c>null</c> when refused.</param>
/// <param name="PackId">The paid pack charged.</param>
/// <param name="Refusal">Why it was refused.</param>
public sealed record QuotaDecision(QuotaSource? Source, Guid? PackId, string? Refusal)
{
    /// <summary>Charged to the free daily allowance.</summary>
    public static QuotaDecision Free { get; } = new(QuotaSource.Free, null, null);

    /// <summary>Charged to the paid pack <paramref name="packId"/>.</summary>
    public static QuotaDecision Paid(Guid packId) => new(QuotaSource.Paid, packId, null);

    /// <summary>Refused for <paramref name="reason"/>.</summary>
    public static QuotaDecision Refused(string reason) => new(null, null, reason);
}
