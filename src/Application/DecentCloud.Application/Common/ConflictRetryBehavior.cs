using FluentResults;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.Common;

/// <summary>Runs an <see cref="IRetryOnConflict"/> command again when a concurrent writer got there first.</summary>
/// <typeparam name="TMessage">The command.</typeparam>
/// <typeparam name="TResponse">Its response.</typeparam>
public sealed partial class ConflictRetryBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork, ILogger<ConflictRetryBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IRetryOnConflict
{
    /// <summary>How many times the handler runs at most.</summary>
    public const int Attempts = 5;

    /// <inheritdoc />
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                await unitOfWork.StartOverAsync();
            }
            catch (ConcurrencyConflictException ex) when (message.ErrorWhenConflictsPersist is { } error && FailedResult.Of<TResponse>(error) is { } failed)
            {
                LogConflictsPersisted(logger, typeof(TMessage).Name, Attempts, ex);
                await unitOfWork.StartOverAsync();
                return failed;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Command} lost the race to concurrent writers {Attempts} times; giving up")]
    private static partial void LogConflictsPersisted(ILogger logger, string command, int attempts, Exception exception);
}

/// <summary>Builds a failed <see cref="Result"/> or <see cref="Result{TValue}"/> of a response type known only as a type parameter.</summary>
internal static class FailedResult
{
    /// <summary>A failed <typeparamref name="TResponse"/> holding <paramref name="error"/>, or <c>null</c> when it is no result type.</summary>
    public static TResponse? Of<TResponse>(IError error)
    {
        if (!typeof(ResultBase).IsAssignableFrom(typeof(TResponse)) || typeof(TResponse).IsAbstract)
        {
            return default;
        }

        var response = Activator.CreateInstance<TResponse>();
        ((ResultBase)(object)response!).Reasons.Add(error);
        return response;
    }
}
