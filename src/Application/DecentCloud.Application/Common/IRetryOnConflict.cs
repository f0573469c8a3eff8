using FluentResults;

namespace DecentCloud.Application.Common;

/// <summary>
/// Marks a command whose handler reads, changes and saves aggregates with optimistic concurrency: when
/// another writer wins the race (<see cref="ConcurrencyConflictException"/>) the
/// <see cref="ConflictRetryBehavior{TMessage, TResponse}"/> forgets the pending changes and runs the
/// handler again on fresh state, up to <see cref="ConflictRetryBehavior{TMessage, TResponse}.Attempts"/> times.
/// </summary>
public interface IRetryOnConflict
{
    /// <summary>
    /// The error the command ends with when every attempt lost the race; <c>null</c> (the default) lets
    /// the last <see cref="ConcurrencyConflictException"/> propagate.
    /// </summary>
    IError? ErrorWhenConflictsPersist => null;
}
