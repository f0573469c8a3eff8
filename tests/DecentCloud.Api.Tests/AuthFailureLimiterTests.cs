using DecentCloud.Api.Http;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Api.Tests;

/// <summary>The HTTP edge's brute-force limiter on its own clock.</summary>
public sealed class AuthFailureLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private AuthFailureLimiter Limiter(int max = 3) => new(_time, new AuthFailureLimitOptions { MaxFailures = max, Window = TimeSpan.FromSeconds(60) });

    [Fact]
    public void A_client_is_refused_after_the_limit_until_its_window_ends()
    {
        var limiter = Limiter();
        limiter.RecordFailure("10.0.0.1");
        limiter.RecordFailure("10.0.0.1");
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
        _time.Advance(TimeSpan.FromSeconds(20));
        limiter.RecordFailure("10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(40), limiter.RetryAfter("10.0.0.1"));
        Assert.Null(limiter.RetryAfter("10.0.0.2"));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
    }

    [Fact]
    public void Failures_of_an_old_window_do_not_count_in_the_next()
    {
        var limiter = Limiter(max: 2);
        limiter.RecordFailure("c");
        _time.Advance(TimeSpan.FromSeconds(61));
        limiter.RecordFailure("c");
        Assert.Null(limiter.RetryAfter("c"));
        limiter.RecordFailure("c");
        Assert.NotNull(limiter.RetryAfter("c"));
    }

    [Fact]
    public void Failures_against_one_target_from_many_clients_get_a_wait_past_the_target_limit()
    {
        var limiter = new AuthFailureLimiter(_time, new AuthFailureLimitOptions { MaxFailures = 20, MaxFailuresPerTarget = 5, Window = TimeSpan.FromSeconds(60) });
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(limiter.RecordFailure($"10.0.0.{i}", "agent:k"));
        }

        Assert.Equal(TimeSpan.FromSeconds(60), limiter.RecordFailure("10.0.0.99", "agent:k"));
        Assert.Null(limiter.RecordFailure("10.0.0.99", "agent:other"));
        Assert.Null(limiter.RetryAfter("10.0.0.99"));
    }

    [Fact]
    public void The_global_budget_gives_every_failure_a_wait_once_spent()
    {
        var limiter = new AuthFailureLimiter(_time, new AuthFailureLimitOptions { MaxFailures = 20, MaxFailuresOverall = 10, Window = TimeSpan.FromSeconds(60) });
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(limiter.RecordFailure($"10.0.{i}.1", $"agent:{i}"));
        }

        Assert.NotNull(limiter.RecordFailure("192.0.2.1", "agent:new"));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(limiter.RecordFailure("192.0.2.1", "agent:new"));
    }

    [Fact]
    public void Tracked_clients_and_targets_stay_within_the_cap_and_expired_ones_make_room()
    {
        var limiter = new AuthFailureLimiter(_time, new AuthFailureLimitOptions { MaxFailures = 2, MaxFailuresOverall = 1_000_000, MaxTrackedKeys = 100, Window = TimeSpan.FromSeconds(60) });
        for (var i = 0; i < 1000; i++)
        {
            limiter.RecordFailure($"10.{i / 250}.{i % 250}.1", $"agent:{i}");
        }

        Assert.Equal(100, limiter.TrackedKeys);

        // A client tracked before the table filled is still limited.
        limiter.RecordFailure("10.0.0.1", null);
        Assert.NotNull(limiter.RetryAfter("10.0.0.1"));

        _time.Advance(TimeSpan.FromSeconds(61));
        limiter.RecordFailure("192.0.2.1", null);
        limiter.RecordFailure("192.0.2.1", null);
        Assert.NotNull(limiter.RetryAfter("192.0.2.1"));
        Assert.True(limiter.TrackedKeys <= 100);
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    public void IPv6_clients_are_counted_by_their_64_and_IPv4_mapped_ones_as_IPv4(string first, string second, bool shared)
    {
        var limiter = Limiter(max: 1);
        limiter.RecordFailure(first);
        Assert.Equal(shared, limiter.RetryAfter(second) is not null);
    }

    [Fact]
    public void An_oversized_target_is_not_tracked()
    {
        var limiter = Limiter();
        limiter.RecordFailure("10.0.0.1", new string('k', AuthFailureLimiter.MaxTargetLength + 1));
        limiter.RecordFailure("10.0.0.1", new string('k', AuthFailureLimiter.MaxTargetLength));
        Assert.Equal(2, limiter.TrackedKeys);
    }
}
