using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>The provider's view of a contract.</summary>
internal static class ProviderContracts
{
    public static ProviderContractView View(Contract c) => new(
        c.Id.Hex, c.State.ToWireName(), c.Terms.PoolName, c.Terms.OfferingId, c.Terms.RequesterAccountId, c.IsPaymentSettled,
        c.CreatedAt, c.StateSince, c.ProviderRespondedAt, c.ProviderResponseTime is { } t ? (long)t.TotalSeconds : null);
}
