using DecentCloud.Application.Common;
using DecentCloud.Application.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>Wraps the real unit of work and fails the next saves on demand, like a lost race or a crash.</summary>
public sealed class FlakyUnitOfWork(IUnitOfWork inner, SaveFaults faults) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (faults.Next() is { } fault)
        {
            throw fault;
        }

        await inner.SaveChangesAsync(cancellationToken);
    }

    public void Reset()
    {
        faults.CountReset();
        inner.Reset();
    }

    public Task StartOverAsync()
    {
        faults.CountReset();
        return inner.StartOverAsync();
    }

    public Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => inner.InTransactionAsync(work, cancellationToken);

    public Task<T> InHeldTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => inner.InHeldTransactionAsync(work, cancellationToken);

    /// <summary>Puts the flaky wrapper around the registered unit of work.</summary>
    public static void Install(IServiceCollection services, SaveFaults faults)
    {
        var original = services.Single(d => d.ServiceType == typeof(IUnitOfWork));
        services.Remove(original);
        services.AddSingleton(faults);
        services.AddScoped<IUnitOfWork>(sp => new FlakyUnitOfWork(
            (IUnitOfWork)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), sp.GetRequiredService<SaveFaults>()));
    }
}

/// <summary>The exceptions the next saves throw, in order.</summary>
public sealed class SaveFaults
{
    private readonly Queue<Exception?> _pending = new();
    private readonly Lock _gate = new();

    private int _resets;

    public int Resets => Volatile.Read(ref _resets);

    public void CountReset() => Interlocked.Increment(ref _resets);

    public void Add(Exception fault, int times = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _pending.Enqueue(fault);
            }
        }
    }

    /// <summary>Lets the next <paramref name="times"/> saves through before the faults queued after this.</summary>
    public void Pass(int times)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _pending.Enqueue(null);
            }
        }
    }

    public Exception? Next()
    {
        lock (_gate)
        {
            return _pending.TryDequeue(out var fault) ? fault : null;
        }
    }
}

/// <summary>An outbox handler that records what it sent and can be told to fail.</summary>
public sealed class RecordingOutboxHandler : IOutboxHandler
{
    public const string MessageType = "test.echo";
    private readonly Lock _gate = new();

    public string Type => MessageType;

    public List<(string Payload, string Key)> Sent { get; } = [];

    public Exception? Failure { get; set; }

    /// <summary>Runs inside the send, as an outside system's answer would take its time.</summary>
    public Func<Task>? DuringSend { get; set; }

    public async Task SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (DuringSend is not null)
        {
            await DuringSend();
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        lock (_gate)
        {
            Sent.Add((payload, idempotencyKey));
        }
    }
}
