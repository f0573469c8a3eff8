using FluentResults;
using Mediator;

namespace DecentCloud.Application.Common;

/// <summary>
/// Writes the audit entry an <see cref="IAudited"/> command declares for the way it ended, in the same database
/// transaction as the changes the command saved: either both are stored or neither, and the entry is stored before
/// the command returns (so before any response or exit). A refusal that changed nothing still has its entry stored
/// before the caller hears of it. Runs outside the conflict retry, so one request leaves one entry however often it
/// was retried.
/// </summary>
/// <typeparam name="TMessage">The command.</typeparam>
/// <typeparam name="TResponse">Its response, a FluentResults result.</typeparam>
public sealed class AuditBehavior<TMessage, TResponse>(IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IAudited
{
    /// <inheritdoc />
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);

        // Keys the handler locks stay locked until the transaction (which now ends after the handler) committed.
        using var keys = KeyedLock.DeferReleases();
        return await unitOfWork.InHeldTransactionAsync(
            async () =>
            {
                var response = await next(message, cancellationToken);
                if (response is IResultBase result && message.Audit(result) is { } note)
                {
                    await audit.RecordAsync(
                        new AuditEntry(time.GetUtcNow(), note.Action, note.Outcome, note.Actor, note.Subject, note.ClientAddress),
                        cancellationToken);
                }

                return response;
            },
            cancellationToken);
    }
}
