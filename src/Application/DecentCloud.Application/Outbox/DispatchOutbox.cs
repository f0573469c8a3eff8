using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Outbox;

/// <summary>
/// The scheduled outbox job: sends pending messages through their <see cref="IOutboxHandler"/>, marks them
/// sent, or records the error and schedules a retry with backoff. Safe on several API instances: a batch is
/// claimed in a short transaction (row locks, the others skip locked rows) that moves it out of reach for
/// <see cref="OutboxOptions.ClaimTimeout"/>, and is sent after that commit — no transaction, and so no database
/// lock, is held while an outside system answers. A crash after the send and before its result is saved leaves
/// the message pending: once the claim runs out it is sent again (at least once), and the idempotency key lets
/// the receiver drop the repeat. Sent messages are deleted after <see cref="OutboxOptions.KeepProcessedFor"/>.
/// </summary>
public sealed record DispatchOutbox : ICommand<int>;

/// <summary>Handles <see cref="DispatchOutbox"/>; returns how many messages were sent.</summary>
internal sealed partial class DispatchOutboxHandler(
    IOutboxStore outbox,
    IServiceScopeFactory scopes,
    IUnitOfWork unitOfWork,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<DispatchOutboxHandler> logger) : ICommandHandler<DispatchOutbox, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(DispatchOutbox command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var total = 0;
        while (true)
        {
            var claimed = await unitOfWork.InTransactionAsync(async () =>
            {
                var now = time.GetUtcNow();
                var batch = await outbox.LockDueAsync(now, o.BatchSize, cancellationToken);
                foreach (var message in batch)
                {
                    message.Claim(now + o.ClaimTimeout);
                }

                await unitOfWork.SaveChangesAsync(cancellationToken);
                return batch;
            }, cancellationToken);

            foreach (var message in claimed)
            {
                if (message.NextAttemptAt - time.GetUtcNow() < o.MinClaimLeftToSend)
                {
                    // The batch took so long that this claim may run out mid-send and another dispatcher take the message
                    // too: left alone, it is due again when the claim ends, for whoever claims it then.
                    continue;
                }

                total += await SendAsync(message, o, cancellationToken) ? 1 : 0;
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }

            // Each batch is saved: forgetting it keeps the next batch's saves from walking every message of the run so far.
            unitOfWork.Reset();
            if (claimed.Count < o.BatchSize)
            {
                await outbox.DeleteProcessedBeforeAsync(time.GetUtcNow() - o.KeepProcessedFor, cancellationToken);
                return total;
            }
        }
    }

    private async Task<bool> SendAsync(OutboxMessage message, OutboxOptions o, CancellationToken cancellationToken)
    {
        try
        {
            // A scope of its own per message: a handler that runs use cases (and may start over on a conflict, clearing
            // its unit of work) never touches the batch this dispatcher is recording.
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Type == message.Type)
                ?? throw new InvalidOperationException($"no outbox handler for type '{message.Type}'");
            await handler.SendAsync(message.Payload, message.IdempotencyKey, cancellationToken);
            message.MarkProcessed(time.GetUtcNow());
            return true;
        }
        // A handler's own timeout (TaskCanceledException) is a failed send like any other; only our shutdown is not.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type and message are kept: payloads never hold secrets, and neither do adapter errors.
            var delay = o.DelayAfter(message.Attempts + 1);
            if (ex is RetryLaterException { RetryAfter: { } asked } && asked > delay)
            {
                delay = asked;
            }

            message.MarkFailed($"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow() + delay);
            LogSendFailed(logger, message.Type, message.Id, message.Attempts, delay, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending outbox message {Type} {Id} failed (attempt {Attempts}); retrying in {Delay}")]
    private static partial void LogSendFailed(ILogger logger, string type, Guid id, int attempts, TimeSpan delay, Exception exception);
}
