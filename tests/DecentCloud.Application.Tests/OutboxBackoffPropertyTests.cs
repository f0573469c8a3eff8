using CsCheck;
using DecentCloud.Application.Outbox;

namespace DecentCloud.Application.Tests;

/// <summary>The retry schedule of a failing outbox message, over any settings an operator could give.</summary>
public class OutboxBackoffPropertyTests
{
    private static readonly Gen<(TimeSpan Base, TimeSpan Max, int Failures)> Settings =
        Gen.Select(
            Gen.Long[0, TimeSpan.FromDays(30).Ticks].Select(TimeSpan.FromTicks),
            Gen.Long[0, TimeSpan.FromDays(365).Ticks].Select(TimeSpan.FromTicks),
            Gen.Int[int.MinValue, int.MaxValue]);

    [Fact]
    public void The_wait_is_at_least_a_second_and_at_most_the_cap_and_never_overflows() =>
        Settings.Sample(s =>
        {
            var delay = new OutboxOptions { RetryBaseDelay = s.Base, MaxRetryDelay = s.Max }.DelayAfter(s.Failures);
            return delay >= TimeSpan.FromSeconds(1) && delay <= (s.Max > TimeSpan.FromSeconds(1) ? s.Max : TimeSpan.FromSeconds(1));
        });

    [Fact]
    public void Another_failure_never_shortens_the_wait() =>
        Settings.Where(s => s.Failures < int.MaxValue).Sample(s =>
        {
            var options = new OutboxOptions { RetryBaseDelay = s.Base, MaxRetryDelay = s.Max };
            return options.DelayAfter(s.Failures + 1) >= options.DelayAfter(s.Failures);
        });
}
