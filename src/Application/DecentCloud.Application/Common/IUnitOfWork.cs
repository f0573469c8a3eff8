namespace DecentCloud.Application.Common;

/// <summary>Commits the changes made through the stores of one request as one transaction.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Saves all pending changes. Throws <see cref="ConcurrencyConflictException"/> when another writer
    /// changed or inserted the same aggregate first; nothing is saved then.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets pending changes after a conflict so the request can start again.</summary>
    void Reset();

    /// <summary>
    /// Before a command runs again after a conflict: rolls back what its held transaction saved so far (an earlier
    /// posting of the same move, say) and forgets pending changes, so the retry starts on the committed state and never
    /// finds its own uncommitted writes. Outside a held transaction it is <see cref="Reset"/>.
    /// </summary>
    Task StartOverAsync();

    /// <summary>Runs <paramref name="work"/> in one database transaction, committed when it returns.</summary>
    Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> with every save it makes held in one transaction, opened at its first save (no
    /// lock is taken while it only reads or calls out) and committed when it returns; when it throws, nothing it
    /// saved stays. A save that fails ends the transaction, so a retry starts on fresh state. Inside another
    /// transaction it joins that one.
    /// </summary>
    Task<T> InHeldTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);
}

/// <summary>Another writer won a race for the same aggregate; the caller may retry on fresh state.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around the store's own exception.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
