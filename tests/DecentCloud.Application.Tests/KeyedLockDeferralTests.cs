using DecentCloud.Application.Common;

namespace DecentCloud.Application.Tests;

public sealed class KeyedLockDeferralTests
{
    [Fact]
    public async Task A_key_released_inside_a_deferral_stays_held_until_it_ends_and_the_same_flow_may_take_it_again()
    {
        var locks = new KeyedLock();
        var ct = TestContext.Current.CancellationToken;
        Task<IDisposable> other;
        using (KeyedLock.DeferReleases())
        {
            using (await locks.AcquireAsync("k", ct))
            {
            }

            // Released by the handler, but its transaction has not committed: another flow must still wait.
            // (Another request has its own execution context, so this one's scope must not flow into it.)
            using (ExecutionContext.SuppressFlow())
            {
                other = Task.Run(() => locks.AcquireAsync("k", ct), ct);
            }

            await Task.Delay(200, ct);
            Assert.False(other.IsCompleted);

            // A retried handler in the same flow is not blocked by its own earlier attempt.
            var again = locks.AcquireAsync("k", ct);
            Assert.True(again.IsCompletedSuccessfully);
            (await again).Dispose();
        }

        using var granted = await other.WaitAsync(TimeSpan.FromSeconds(5), ct);
    }
}
