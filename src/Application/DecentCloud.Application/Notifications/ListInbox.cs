using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>The signer's in-app notifications, newest first, with the unread count (<c>GET /api/v1/notifications</c>).</summary>
public sealed record ListInbox(AccountPrincipal Signer, bool UnreadOnly = false, int Offset = 0, int Limit = ListInbox.DefaultLimit) : IQuery<Result<InboxView>>
{
    /// <summary>Entries per page when none is named.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The most entries one page holds.</summary>
    public const int MaxLimit = 100;
}

/// <summary>A page of the inbox.</summary>
/// <param name="Unread">Unread entries in the whole inbox.</param>
/// <param name="Items">This page, newest first.</param>
public sealed record InboxView(int Unread, IReadOnlyList<InboxItem> Items);

/// <summary>One in-app notification.</summary>
/// <param name="Id">Its id (to mark it read).</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Subject">One line.</param>
/// <param name="Text">The body.</param>
/// <param name="At">When it arrived.</param>
/// <param name="ReadAt">When it was read, or <c>null</c>.</param>
public sealed record InboxItem(Guid Id, NotificationKind Kind, string Subject, string Text, DateTimeOffset At, DateTimeOffset? ReadAt);

/// <summary>Handles <see cref="ListInbox"/>.</summary>
internal sealed class ListInboxHandler(INotificationStore notifications) : IQueryHandler<ListInbox, Result<InboxView>>
{
    public async ValueTask<Result<InboxView>> Handle(ListInbox query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Signer.AccountId is not { } account)
        {
            return Result.Fail<InboxView>(AccountErrors.NoAccount());
        }

        var errors = new List<IError>();
        if (query.Limit is < 1 or > ListInbox.MaxLimit)
        {
            errors.Add(DomainError.Invalid("invalid_limit", $"limit must be 1-{ListInbox.MaxLimit}."));
        }

        if (query.Offset is < 0 or > 1_000_000)
        {
            errors.Add(DomainError.Invalid("invalid_offset", "offset must be 0-1000000."));
        }

        if (errors.Count > 0)
        {
            return Result.Fail<InboxView>(errors);
        }

        var page = await notifications.InboxAsync(account, query.UnreadOnly, query.Offset, query.Limit, cancellationToken);
        var unread = await notifications.UnreadCountAsync(account, cancellationToken);
        return new InboxView(unread, [.. page.Select(n => new InboxItem(n.Id, n.Kind, n.Subject, n.Text, n.DeliveredAt ?? n.CreatedAt, n.ReadAt))]);
    }
}
