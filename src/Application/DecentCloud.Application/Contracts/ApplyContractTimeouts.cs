using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// The scheduled timeout job: expires unanswered requests and fails stalled provisionings. Safe to run
/// on several API instances at once: each batch is taken with row locks that the others skip.
/// </summary>
public sealed record ApplyContractTimeouts : ICommand<int>;

/// <summary>Handles <see cref="ApplyContractTimeouts"/>; returns how many contracts moved.</summary>
internal sealed class ApplyContractTimeoutsHandler(
    IContractStore contracts,
    IUnitOfWork unitOfWork,
    IOptions<ContractTimeoutOptions> options,
    TimeProvider time) : ICommandHandler<ApplyContractTimeouts, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(ApplyContractTimeouts command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var total = 0;
        while (true)
        {
            var moved = await unitOfWork.InTransactionAsync(async () =>
            {
                var now = time.Now();
                var batch = await contracts.LockTimedOutAsync(now - o.RequestTimeout, now - o.ProvisioningTimeout, o.BatchSize, cancellationToken);
                var count = batch.Count(c => c.ApplyTimeouts(now, o.RequestTimeout, o.ProvisioningTimeout));
                await unitOfWork.SaveChangesAsync(cancellationToken);
                return (Taken: batch.Count, Moved: count);
            }, cancellationToken);
            total += moved.Moved;
            if (moved.Taken < o.BatchSize)
            {
                return total;
            }
        }
    }
}
