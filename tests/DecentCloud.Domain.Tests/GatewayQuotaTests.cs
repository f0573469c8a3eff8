using CsCheck;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Domain.Tests;

public class GatewayQuotaTests
{
    private static readonly ProviderId Provider = ProviderId.Create("prov-a").Value;

    [Fact]
    public void Admissions_stop_at_the_cap_with_limit_exceeded()
    {
        var quota = GatewayQuota.Start(Provider, 0);
        Assert.True(quota.Admit(2).IsSuccess);
        Assert.True(quota.Admit(2).IsSuccess);

        var refused = quota.Admit(2);

        var error = Assert.IsType<DomainError>(Assert.Single(refused.Errors));
        Assert.Equal((ErrorKind.LimitExceeded, GatewayQuota.LimitReached), (error.Kind, error.Code));
        Assert.Equal(2, quota.Registered);
    }

    [Fact]
    public void A_quota_started_from_existing_gateways_counts_them()
    {
        var quota = GatewayQuota.Start(Provider, 3);
        Assert.True(quota.Admit(3).IsFailed);
        Assert.True(quota.Admit(4).IsSuccess);
        Assert.Equal(4, quota.Registered);
    }

    [Fact]
    public void A_lowered_cap_refuses_new_gateways_but_keeps_the_count()
    {
        var quota = GatewayQuota.Start(Provider, 10);
        Assert.True(quota.Admit(5).IsFailed);
        Assert.Equal(10, quota.Registered);
    }

    [Fact]
    public void Nonsense_counts_and_caps_are_bugs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayQuota.Start(Provider, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayQuota.Start(Provider, 0).Admit(0));
    }

    [Fact]
    public void Whatever_the_start_the_cap_and_the_attempts_exactly_the_free_places_are_admitted()
    {
        // Any history (a count from before quotas may already exceed a later, lower cap): admissions fill the free
        // places and nothing more, every refusal is LimitExceeded, and the count never passes the larger of the two.
        Gen.Select(Gen.Int[0, 60], Gen.Int[1, 50], Gen.Int[0, 120]).Sample((start, cap, attempts) =>
        {
            var quota = GatewayQuota.Start(Provider, start);
            var results = Enumerable.Range(0, attempts).Select(_ => quota.Admit(cap)).ToList();

            var admitted = results.Count(r => r.IsSuccess);
            return admitted == Math.Clamp(cap - start, 0, attempts)
                && quota.Registered == start + admitted
                && quota.Registered <= Math.Max(start, cap)
                && results.SkipWhile(r => r.IsSuccess).All(r => r.IsFailed && r.FirstDomainError().Kind == ErrorKind.LimitExceeded);
        });
    }
}
