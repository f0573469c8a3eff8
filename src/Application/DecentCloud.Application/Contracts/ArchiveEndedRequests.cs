using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// The scheduled retention job: requests that ended without a payment or a machine (expired, rejected, cancelled)
/// move to the request archive once <see cref="ContractRetentionOptions.RequestRetention"/> has passed, so
/// unanswered requests do not pile up in the contracts table. Safe on several API instances at once: each batch is
/// taken with row locks the others skip.
/// </summary>
public sealed record ArchiveEndedRequests : ICommand<int>;

/// <summary>Handles <see cref="ArchiveEndedRequests"/>; returns how many requests were archived.</summary>
internal sealed class ArchiveEndedRequestsHandler(
    IContractRequestArchive archive,
    IUnitOfWork unitOfWork,
    IOptions<ContractRetentionOptions> options,
    TimeProvider time) : ICommandHandler<ArchiveEndedRequests, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(ArchiveEndedRequests command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var total = 0;
        while (true)
        {
            var archived = await unitOfWork.InTransactionAsync(async () =>
            {
                var now = time.Now();
                var batch = await archive.LockEndedRequestsAsync(now - o.RequestRetention, o.BatchSize, cancellationToken);
                var count = 0;
                foreach (var contract in batch.Where(c => IsArchivable(c, now - o.RequestRetention)))
                {
                    archive.Archive(contract, now);
                    count++;
                }

                await unitOfWork.SaveChangesAsync(cancellationToken);
                return (Taken: batch.Count, Archived: count);
            }, cancellationToken);
            total += archived.Archived;

            // A batch the store offered but the rule refused would be offered again: stop rather than loop on it.
            if (archived.Taken < o.BatchSize || archived.Archived == 0)
            {
                return total;
            }
        }
    }

    /// <summary>The rule, checked again on the loaded aggregate: ended, never paid, never given a machine, ended long enough ago.</summary>
    internal static bool IsArchivable(Contract contract, DateTimeOffset endedBefore) =>
        contract.State is ContractState.Expired or ContractState.Rejected or ContractState.Cancelled
        && contract.PaidAt is null
        && contract.ExternalId is null
        && contract.StateSince < endedBefore;
}
