using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>
/// How many dc_ids a provider holds, kept beside its acme-dns accounts so a configured cap holds under concurrent
/// registrations: every new dc_id changes this one row, so two registrations racing for the last place cannot both commit.
/// </summary>
public sealed class GatewayQuota
{
    /// <summary>The code of a registration refused because the provider holds as many dc_ids as allowed.</summary>
    public const string LimitReached = "gateway_limit_reached";

    private GatewayQuota(ProviderId providerId, int registered)
    {
        ProviderId = providerId;
        Registered = registered;
    }

    /// <summary>The provider.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>How many dc_ids the provider holds (revoked ones included: their dc_id stays with the provider).</summary>
    public int Registered { get; private set; }

    /// <summary>The quota of a provider that already holds <paramref name="registered"/> dc_ids (counted, for data from before quotas).</summary>
    public static GatewayQuota Start(ProviderId providerId, int registered)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentOutOfRangeException.ThrowIfNegative(registered);
        return new GatewayQuota(providerId, registered);
    }

    /// <summary>Counts one more dc_id, or fails with <see cref="ErrorKind.LimitExceeded"/> when <paramref name="cap"/> are already held.</summary>
    public Result Admit(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap);
        if (Registered >= cap)
        {
            return Result.Fail(DomainErrors.LimitExceeded(LimitReached, $"Provider '{ProviderId}' already holds {Registered} gateway(s), the most allowed ({cap})."));
        }

        Registered++;
        return Result.Ok();
    }

#pragma warning disable CS8618 // for the persistence mapper
    private GatewayQuota()
    {
    }
#pragma warning restore CS8618
}
