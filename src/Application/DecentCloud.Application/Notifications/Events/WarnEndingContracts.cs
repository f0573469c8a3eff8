using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// The scheduled check behind <c>warn-ending-contracts</c>: every provisioned or active contract whose rented time runs out
/// within <see cref="NotificationEventOptions.EndingSoonLookahead"/> raises <c>ContractEndingSoon</c>. Nothing marks a
/// contract as warned: each run raises the event again, and the notifier keeps one notification per contract and end
/// time, so running it often, or on several instances at once, warns each user once.
/// </summary>
public sealed record WarnEndingContracts : ICommand<int>, IRetryOnConflict;

/// <summary>Handles <see cref="WarnEndingContracts"/>; returns how many contracts raised the event in this run.</summary>
internal sealed class WarnEndingContractsHandler(
    IContractStore contracts,
    IUnitOfWork unitOfWork,
    IOptions<NotificationEventOptions> options,
    TimeProvider time) : ICommandHandler<WarnEndingContracts, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(WarnEndingContracts command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.Now();
        var warned = 0;
        for (var skip = 0; ; skip += o.BatchSize)
        {
            var page = await contracts.ListEndingAsync(now, now + o.EndingSoonLookahead, skip, o.BatchSize, cancellationToken);
            warned += page.Count(c => c.WarnIfEndingSoon(now, o.EndingSoonLookahead));
            await unitOfWork.SaveChangesAsync(cancellationToken);
            unitOfWork.Reset();
            if (page.Count < o.BatchSize)
            {
                return warned;
            }
        }
    }
}
