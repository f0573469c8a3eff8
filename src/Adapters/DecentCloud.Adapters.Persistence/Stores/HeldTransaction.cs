using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The transaction one command's saves share with its audit entry (one per scope, shared by the unit of work and
/// the audit log). It opens at the first save rather than at the start, so a command that only reads, or calls
/// out before it saves, holds no database lock meanwhile (on SQLite a transaction holds the whole file's write lock).
/// </summary>
internal sealed class HeldTransaction(DecentCloudDbContext db)
{
    private IDbContextTransaction? _open;
    private bool _holding;

    /// <summary>Runs <paramref name="work"/> holding its saves; commits them together when it returns.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (_holding || db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        _holding = true;
        try
        {
            var result = await work();
            if (_open is not null)
            {
                // Once the work is done its outcome is decided; a caller going away now must not undo half of it.
                await _open.CommitAsync(CancellationToken.None);
            }

            return result;
        }
        finally
        {
            _holding = false;
            await CloseAsync();
        }
    }

    /// <summary>Opens the held transaction before a save, when one is being held and none is open yet.</summary>
    public async Task BeforeSaveAsync(CancellationToken cancellationToken)
    {
        if (_holding && db.Database.CurrentTransaction is null)
        {
            _open = await db.Database.BeginTransactionAsync(cancellationToken);
        }
    }

    /// <summary>Rolls back after a failed save: what was saved so far goes too, so a retry starts on fresh state.</summary>
    public Task AbandonAsync() => CloseAsync();

    /// <summary>Runs a save, abandoning the held transaction when it fails.</summary>
    public async Task SaveAsync(Func<Task> save, CancellationToken cancellationToken)
    {
        await BeforeSaveAsync(cancellationToken);
        try
        {
            await save();
        }
        catch
        {
            await AbandonAsync();
            throw;
        }
    }

    private async Task CloseAsync()
    {
        if (_open is not null)
        {
            // Disposing an uncommitted transaction rolls it back.
            await _open.DisposeAsync();
            _open = null;
        }
    }
}
