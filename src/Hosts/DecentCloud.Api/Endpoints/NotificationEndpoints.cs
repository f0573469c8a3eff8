using System.Globalization;
using System.Text.Json;
using DecentCloud.Api.Http;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>The signer's notification settings, inbox, usage and paid packs (device-signed account routes).</summary>
internal static class NotificationEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/accounts/me").WithTags("notifications").RequireDeviceSignature()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/notification-settings", async (HttpContext context, IMediator mediator) =>
                TypedReplies.Ok(await mediator.Send(new GetNotificationSettings(context.Device()), context.RequestAborted), ToWire))
            .WithName("NotificationSettingsView").WithSummary("Where the signer hears from the platform: an address per channel and whether it is verified.");
        me.MapPut("/notification-settings/{channel}", SetAddressAsync)
            .WithName("NotificationAddressSet")
            .WithSummary("Sets the address of email, telegram or sms ({\"address\", \"enabled\"?}); a new address is sent a six-digit code, and nothing else goes there until it is verified.")
            .Accepts<Wire.ChannelAddressUpdate>("application/json").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        me.MapDelete("/notification-settings/{channel}", async (HttpContext context, IMediator mediator, string channel) =>
                TypedReplies.Ok(await mediator.Send(new RemoveNotificationAddress(context.Device(), channel), context.RequestAborted), ToWire))
            .WithName("NotificationAddressRemove").WithSummary("Removes a channel's address.");
        me.MapPost("/notification-settings/{channel}/code", async (HttpContext context, IMediator mediator, string channel) =>
                TypedReplies.Ok(await mediator.Send(new ResendVerificationCode(context.Device(), channel), context.RequestAborted), ToWire))
            .WithName("NotificationAddressCode").WithSummary("Sends a new verification code to the channel's unverified address (at most one a minute).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        me.MapPost("/notification-settings/{channel}/verify", VerifyAsync)
            .WithName("NotificationAddressVerify").WithSummary("Confirms the channel's address with the code sent there ({\"code\"}).")
            .Accepts<Wire.AddressVerificationCode>("application/json").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        me.MapGet("/notifications", InboxAsync)
            .WithName("NotificationInbox").WithSummary("The in-app inbox, newest first, with the unread count (?unread=true, ?offset, ?limit=1-100).");
        me.MapPost("/notifications/{notificationId:guid}/read", async (HttpContext context, IMediator mediator, Guid notificationId) =>
                TypedReplies.Ok(await mediator.Send(new MarkNotificationRead(context.Device(), notificationId), context.RequestAborted), unread => new Wire.InboxUnread(unread)))
            .WithName("NotificationRead").WithSummary("Marks an in-app notification read; answers the unread count left.");
        me.MapGet("/notification-usage", async (HttpContext context, IMediator mediator) =>
                TypedReplies.Ok(await mediator.Send(new GetNotificationUsage(context.Device()), context.RequestAborted), ToWire))
            .WithName("NotificationUsage").WithSummary("Per channel: messages used of today's free allowance (UTC) and of the valid paid packs, against their limits; the packs on sale.");
        me.MapPost("/notification-packs", BuyPackAsync)
            .WithName("NotificationPackBuy").WithSummary("Buys a paid monthly pack of messages from the wallet ({\"pack\", \"requestId\"?}); the same requestId buys once.")
            .Accepts<Wire.NotificationPackPurchase>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Wire.NotificationSettingsDetails>, ProblemHttpResult>> SetAddressAsync(HttpContext context, IMediator mediator, string channel)
    {
        if (context.Body<Wire.ChannelAddressUpdate>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"address\": \"name@example.com\", \"enabled\"?: true}");
        }

        return TypedReplies.Ok(await mediator.Send(new SetNotificationAddress(context.Device(), channel, b.Address, b.Enabled ?? true), context.RequestAborted), ToWire);
    }

    private static async Task<Results<Ok<Wire.NotificationSettingsDetails>, ProblemHttpResult>> VerifyAsync(HttpContext context, IMediator mediator, string channel)
    {
        if (context.Body<Wire.AddressVerificationCode>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"code\": \"123456\"}");
        }

        return TypedReplies.Ok(await mediator.Send(new VerifyNotificationAddress(context.Device(), channel, b.Code), context.RequestAborted), ToWire);
    }

    private static async Task<Results<Ok<Wire.NotificationPackDetails>, ProblemHttpResult>> BuyPackAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.NotificationPackPurchase>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"pack\": \"telegram-1000\", \"requestId\"?}");
        }

        return TypedReplies.Ok(await mediator.Send(new BuyNotificationPack(context.Device(), b.Pack, b.RequestId), context.RequestAborted), ToWire);
    }

    private static async Task<Results<Ok<Wire.InboxDetails>, ProblemHttpResult>> InboxAsync(HttpContext context, IMediator mediator)
    {
        var query = context.Request.Query;
        var unread = false;
        var offset = 0;
        var limit = ListInbox.DefaultLimit;
        if (query.TryGetValue("unread", out var unreadText) && !bool.TryParse(unreadText.ToString(), out unread))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_unread", "unread must be true or false.");
        }

        if (query.TryGetValue("offset", out var offsetText) && !int.TryParse(offsetText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_offset", "offset must be 0-1000000.");
        }

        if (query.TryGetValue("limit", out var limitText) && !int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be 1-{ListInbox.MaxLimit}.");
        }

        return TypedReplies.Ok(await mediator.Send(new ListInbox(context.Device(), unread, offset, limit), context.RequestAborted), ToWire);
    }

    /// <summary>A kind's wire name: <c>RentalRequested</c> is <c>rental_requested</c>.</summary>
    internal static string KindName(NotificationKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private static Wire.NotificationSettingsDetails ToWire(NotificationSettingsView view) =>
        new(view.AccountId, [.. view.Channels.Select(c => new Wire.ChannelSettingsDetails(c.Channel.Name(), c.Address, c.Enabled, c.Verified, c.VerificationPending))]);

    private static Wire.InboxDetails ToWire(InboxView view) =>
        new(view.Unread, [.. view.Items.Select(i => new Wire.InboxItemDetails(i.Id, KindName(i.Kind), i.Subject, i.Text, i.At, i.ReadAt))]);

    private static Wire.NotificationUsageDetails ToWire(NotificationUsageView view) =>
        new(view.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [.. view.Channels.Select(c => new Wire.ChannelUsageDetails(c.Channel.Name(), new Wire.QuotaFigures(c.FreeUsed, c.FreeLimit), new Wire.QuotaFigures(c.PaidUsed, c.PaidLimit)))],
            [.. view.Packs.Select(ToWire)],
            [.. view.OnSale.Select(o => new Wire.NotificationPackOfferDetails(o.Channel, o.Name, o.Messages, o.PriceUsd))]);

    private static Wire.NotificationPackDetails ToWire(NotificationPackView pack) =>
        new(pack.Id, pack.Channel.Name(), pack.Name, pack.Messages, pack.Used, pack.Price.ToString(), pack.PurchasedAt, pack.ValidUntil);
}
