using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// A provider's public contact (its profile), its last sign of life (the latest agent heartbeat or answer to a
/// request) and its reputation changes. The platform keeps no reputation ledger yet, so there are none.
/// </summary>
internal sealed class ProviderTrustFactsReader(DecentCloudDbContext db) : IProviderTrustFactsReader
{
    public async Task<ProviderTrustFacts> ReadAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var contact = false;
        if (Guid.TryParseExact(providerId.Value, "D", out var account))
        {
            contact = await db.ProviderProfiles.AsNoTracking()
                .AnyAsync(p => p.AccountId == account && (p.ContactEmail != null || p.ContactWebsite != null || p.ContactTelegram != null), cancellationToken);
        }

        var beats = await db.Heartbeats.AsNoTracking().Where(h => h.ProviderId == providerId).Select(h => h.At).ToListAsync(cancellationToken);
        var answered = await db.Contracts.AsNoTracking()
            .Where(c => c.Terms.ProviderId == providerId && c.ProviderRespondedAt != null)
            .OrderByDescending(c => c.ProviderRespondedAt).Select(c => c.ProviderRespondedAt).FirstOrDefaultAsync(cancellationToken);
        DateTimeOffset? last = beats.Count == 0 ? answered : beats.Max() > (answered ?? DateTimeOffset.MinValue) ? beats.Max() : answered;
        return new ProviderTrustFacts(contact, last, []);
    }
}
