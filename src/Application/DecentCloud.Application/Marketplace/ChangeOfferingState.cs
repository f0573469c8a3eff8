using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>What a provider does to the life of its offering.</summary>
public enum OfferingAction
{
    /// <summary>Hide it from search and new rentals.</summary>
    Pause,
    /// <summary>List it again.</summary>
    Resume,
    /// <summary>End it for good.</summary>
    Retire,
}

/// <summary>
/// A provider pauses, resumes or retires its own offering (<c>POST /api/v1/providers/me/offerings/{id}/pause|resume|retire</c>).
/// </summary>
public sealed record ChangeOfferingState(AccountPrincipal Signer, string? OfferingId, OfferingAction Action)
    : ICommand<Result<Offering>>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<Offering> { IsSuccess: true } changed
            ? new AuditNote($"offering.{Action.ToString().ToLowerInvariant()}", "ok", $"provider:{changed.Value.ProviderId}", changed.Value.Id.ToString())
            : null;
}

/// <summary>Handles <see cref="ChangeOfferingState"/>.</summary>
internal sealed class ChangeOfferingStateHandler(IOfferingStore offerings, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<ChangeOfferingState, Result<Offering>>
{
    /// <inheritdoc />
    public async ValueTask<Result<Offering>> Handle(ChangeOfferingState command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var offering = await ProviderAccounts.OwnOfferingAsync(offerings, command.Signer, command.OfferingId, cancellationToken);
        if (offering.IsFailed)
        {
            return offering;
        }

        var now = time.Now();
        var changed = command.Action switch
        {
            OfferingAction.Pause => offering.Value.Pause(now),
            OfferingAction.Resume => offering.Value.Resume(now),
            _ => offering.Value.Retire(now),
        };
        if (changed.IsFailed)
        {
            return changed.ToResult<Offering>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return offering;
    }
}
