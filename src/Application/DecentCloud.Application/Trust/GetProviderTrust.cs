using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Trust;

/// <summary>
/// A provider's trust page (<c>GET /api/v1/providers/{id}/trust</c>, public): the stored scores with every factor, or
/// freshly computed ones while none is stored yet, and the signals of every registered signal source.
/// </summary>
public sealed record GetProviderTrust(string? ProviderId) : IQuery<Result<ProviderTrust>>;

/// <summary>A provider's scores and the signals shown beside them.</summary>
/// <param name="Scores">The scores.</param>
/// <param name="Signals">Every signal about the provider and its offerings.</param>
public sealed record ProviderTrust(ProviderScores Scores, IReadOnlyList<TrustSignal> Signals);

/// <summary>Handles <see cref="GetProviderTrust"/>.</summary>
internal sealed class GetProviderTrustHandler(IProviderScoreStore scores, ProviderScoring scoring, IEnumerable<ITrustSignalSource> signalSources, TimeProvider time)
    : IQueryHandler<GetProviderTrust, Result<ProviderTrust>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderTrust>> Handle(GetProviderTrust query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = ProviderId.Create(query.ProviderId);
        if (provider.IsFailed)
        {
            return provider.ToResult<ProviderTrust>();
        }

        var now = time.GetUtcNow();
        var stored = await scores.FindAsync(provider.Value, cancellationToken) ?? await scoring.ComputeAsync(provider.Value, now, cancellationToken);
        var signals = new List<TrustSignal>();
        foreach (var source in signalSources)
        {
            signals.AddRange(await source.ReadAsync(provider.Value, now, cancellationToken));
        }

        return new ProviderTrust(stored, signals);
    }
}
