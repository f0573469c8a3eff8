using System.Collections.Concurrent;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Mapping;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>
/// In front of <see cref="InMemoryLedger"/>: answers the next transfers with scripted errors (without executing them),
/// loses the replies of the next transfers after executing them, and records every transfer argument it was sent.
/// </summary>
internal sealed class ScriptedLedger(InMemoryLedger inner) : ICanisterTransport, IDisposable
{
    private readonly ConcurrentQueue<TransferError> _answers = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private int _loseReplies;

    public InMemoryLedger Inner => inner;

    public void Dispose() => _one.Dispose();

    public ConcurrentQueue<byte[]> TransferArgs { get; } = new();

    /// <summary>The next transfer is answered with <paramref name="error"/> and not executed.</summary>
    public void Answer(params TransferError[] errors)
    {
        foreach (var error in errors)
        {
            _answers.Enqueue(error);
        }
    }

    /// <summary>The next <paramref name="count"/> transfers execute but their replies are lost.</summary>
    public void LoseReplies(int count) => _loseReplies = count;

    public Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => inner.QueryAsync(canister, method, arg, cancellationToken));

    // The in-memory ledger is not thread-safe; the replica serves concurrent calls.
    public Task<byte[]> CallAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => CallOneAsync(canister, method, arg, cancellationToken));

    private async Task<byte[]> OneAtATimeAsync(Func<Task<byte[]>> call)
    {
        await _one.WaitAsync();
        try
        {
            return await call();
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<byte[]> CallOneAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        if (method != "icrc1_transfer")
        {
            return await inner.CallAsync(canister, method, arg, cancellationToken);
        }

        TransferArgs.Enqueue(arg);
        if (_answers.TryDequeue(out var error))
        {
            return CandidSerializer.Encode<TransferResult>(new TransferResult.Err(error));
        }

        var reply = await inner.CallAsync(canister, method, arg, cancellationToken);
        if (_loseReplies > 0)
        {
            _loseReplies--;
            throw new CanisterUnreachableException("the reply was lost");
        }

        return reply;
    }
}
