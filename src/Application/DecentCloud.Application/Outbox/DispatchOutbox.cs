using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Outbox;

/// <summary>
/// The scheduled outbox job: sends pending messages through their <see cref="IOutboxHandler"/>, marks them
/// sent, or records the error and schedules a retry with backoff. Safe on several API instances: a batch
/// is taken with row locks held while it is sent, and the others skip locked rows, so no message is sent
/// by two dispatchers at once. A crash after the send and before the commit leaves the message pending:
/// it is sent again (at least once), and the idempotency key lets the receiver drop the repeat.
/// </summary>
public sealed record DispatchOutbox : ICommand<int>;

/// <summary>Handles <see cref="DispatchOutbox"/>; returns how many messages were sent.</summary>
internal sealed partial class DispatchOutboxHandler(
    IOutboxStore outbox,
    IEnumerable<IOutboxHandler> handlers,
    IUnitOfWork unitOfWork,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<DispatchOutboxHandler> logger) : ICommandHandler<DispatchOutbox, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(DispatchOutbox command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var byType = handlers.ToDictionary(h => h.Type, StringComparer.Ordinal);
        var total = 0;
        while (true)
        {
            var (taken, sent) = await unitOfWork.InTransactionAsync(async () =>
            {
                var batch = await outbox.LockDueAsync(time.GetUtcNow(), o.BatchSize, cancellationToken);
                var count = 0;
                foreach (var message in batch)
                {
                    count += await SendAsync(message, byType, o, cancellationToken) ? 1 : 0;
                }

                await unitOfWork.SaveChangesAsync(cancellationToken);
                return (batch.Count, count);
            }, cancellationToken);
            total += sent;
            if (taken < o.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<bool> SendAsync(OutboxMessage message, Dictionary<string, IOutboxHandler> byType, OutboxOptions o, CancellationToken cancellationToken)
    {
        try
        {
            if (!byType.TryGetValue(message.Type, out var handler))
            {
                throw new InvalidOperationException($"no outbox handler for type '{message.Type}'");
            }

            await handler.SendAsync(message.Payload, message.IdempotencyKey, cancellationToken);
            message.MarkProcessed(time.GetUtcNow());
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the exception's type and message are kept: payloads never hold secrets, and neither do adapter errors.
            var delay = o.DelayAfter(message.Attempts + 1);
            message.MarkFailed($"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow() + delay);
            LogSendFailed(logger, message.Type, message.Id, message.Attempts, delay, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending outbox message {Type} {Id} failed (attempt {Attempts}); retrying in {Delay}")]
    private static partial void LogSendFailed(ILogger logger, string type, Guid id, int attempts, TimeSpan delay, Exception exception);
}
