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
}
