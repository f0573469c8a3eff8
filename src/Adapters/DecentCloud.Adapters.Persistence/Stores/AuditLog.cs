using System.Threading.Channels;
using DecentCloud.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The audit trail, written in batches by one background writer so that a flood of requests (say, a
/// brute-force attempt) costs one insert per batch instead of one commit per request. Entries are in
/// memory for a few milliseconds before they are stored; reading the trail waits for them.
/// </summary>
internal sealed partial class AuditLog : IAuditLog, IAsyncDisposable
{
    private const int MaxBatch = 500;
    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<AuditLog> _logger;
    private readonly Task _writer;
    private long _enqueued;
    private long _settled;

    public AuditLog(IServiceScopeFactory scopes, ILogger<AuditLog> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Interlocked.Increment(ref _enqueued);
        if (!_queue.Writer.TryWrite(entry))
        {
            throw new InvalidOperationException("the audit trail is closed");
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _settled) < target)
        {
            await Task.Delay(5, cancellationToken);
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var rows = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);
        return rows.Select(r => new AuditEntry(new DateTimeOffset(r.At, TimeSpan.Zero), r.Action, r.Outcome, r.Actor, r.Subject, r.ClientAddress)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        var batch = new List<AuditEntry>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
                db.Audit.AddRange(batch.Select(ToRow));
                await db.SaveChangesAsync();
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogWriteFailed(_logger, batch.Count, ex);
            }
            finally
            {
                Interlocked.Add(ref _settled, batch.Count);
                batch.Clear();
            }
        }
    }

    private static AuditRow ToRow(AuditEntry entry) => new()
    {
        At = entry.At.UtcTicks,
        Action = Cut(entry.Action, 128)!,
        Outcome = Cut(entry.Outcome, 64)!,
        Actor = Cut(entry.Actor, 128)!,
        Subject = Cut(entry.Subject, 256)!,
        ClientAddress = Cut(entry.ClientAddress, 64),
    };

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} audit entries failed")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
