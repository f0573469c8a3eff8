using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Money.Payouts;

/// <summary>
/// An automated payout is on the ledger (confirmed in a block), so the provider can be told what it received. Everything
/// here is public on the ledger anyway: no account secret, only the amount, the token and where to find the transfer.
/// </summary>
/// <param name="PayoutId">The payout.</param>
/// <param name="ProviderId">The provider paid.</param>
/// <param name="Token">The token's symbol.</param>
/// <param name="AmountBaseUnits">The amount transferred, in the token's base units.</param>
/// <param name="Decimals">The token's decimals (to show the amount in whole tokens).</param>
/// <param name="AmountNanoUsd">The USD value paid, in nano-USD.</param>
/// <param name="BlockIndex">The ledger block holding the transfer (its transaction id).</param>
/// <param name="OccurredAt">When it was confirmed.</param>
public sealed record PayoutSent(
    Guid PayoutId, ProviderId ProviderId, string Token, long AmountBaseUnits, int Decimals, long AmountNanoUsd, long BlockIndex, DateTimeOffset OccurredAt) : IDomainEvent;
