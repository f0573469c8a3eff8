using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ContractFeedbackStore(DecentCloudDbContext db) : IContractFeedbackStore
{
    public Task<ContractFeedback?> FindAsync(ContractId contractId, CancellationToken cancellationToken) =>
        db.Set<ContractFeedback>().SingleOrDefaultAsync(f => f.ContractId == contractId, cancellationToken);

    public async Task<IReadOnlyList<ContractFeedback>> ListAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await db.Set<ContractFeedback>().AsNoTracking().Where(f => f.ProviderId == providerId).ToListAsync(cancellationToken);

    public void Add(ContractFeedback feedback) => db.Set<ContractFeedback>().Add(feedback);
}
