using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>The outcomes of the contracts still in the contracts table, with their feedback.</summary>
internal sealed class LiveContractOutcomeSource(DecentCloudDbContext db) : IContractOutcomeSource
{
    public async Task<IReadOnlyList<ContractOutcome>> ReadAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.Terms.ProviderId == providerId).ToListAsync(cancellationToken);
        var feedback = await FeedbackOf.ProviderAsync(db, providerId, cancellationToken);
        return [.. contracts.Select(c => FeedbackOf.Apply(feedback, ContractOutcome.Of(c)))];
    }
}

/// <summary>
/// The outcomes of requests moved to the request archive (rejected, cancelled or expired, never paid nor provisioned):
/// they still count for rejections, cancellations and response times. Rows archived before the outcome columns
/// existed have no response or acceptance time and a zero term.
/// </summary>
internal sealed class RequestArchiveOutcomeSource(DecentCloudDbContext db) : IContractOutcomeSource
{
    public async Task<IReadOnlyList<ContractOutcome>> ReadAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ContractRequestArchiveRow>().AsNoTracking().Where(r => r.ProviderId == providerId.Value).ToListAsync(cancellationToken);
        var feedback = await FeedbackOf.ProviderAsync(db, providerId, cancellationToken);
        return [.. rows.Select(r => FeedbackOf.Apply(feedback, new ContractOutcome(
            r.ContractId, r.ProviderId, r.RequesterAccountId, r.RentalOfferingId, ContractStates.FromWireName(r.FinalState) ?? ContractState.Expired,
            r.CreatedAt, r.ProviderRespondedAt, r.AcceptedAt, null, r.TermSeconds ?? 0, null, r.EndedAt, r.PriceNanoUsd, null, null)))];
    }
}

/// <summary>Joins feedback onto outcomes by contract id.</summary>
internal static class FeedbackOf
{
    public static async Task<Dictionary<string, ContractFeedback>> ProviderAsync(DecentCloudDbContext db, ProviderId providerId, CancellationToken cancellationToken) =>
        (await db.Set<ContractFeedback>().AsNoTracking().Where(f => f.ProviderId == providerId).ToListAsync(cancellationToken))
            .ToDictionary(f => f.ContractId.Hex, StringComparer.Ordinal);

    public static ContractOutcome Apply(Dictionary<string, ContractFeedback> feedback, ContractOutcome outcome) =>
        feedback.TryGetValue(outcome.ContractId, out var given) ? given.ApplyTo(outcome) : outcome;
}
