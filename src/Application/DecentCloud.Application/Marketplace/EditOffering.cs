using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>
/// A provider replaces the fields of its own offering (<c>PUT /api/v1/providers/me/offerings/{id}</c>). Retried on a
/// conflict: a reservation that lands between the read and the save moves the row version, so the edit re-checks
/// its rules against the new reserved count instead of saving over it.
/// </summary>
public sealed record EditOffering(AccountPrincipal Signer, string? OfferingId, OfferingFields Fields)
    : ICommand<Result<Offering>>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<Offering> { IsSuccess: true } edited
            ? new AuditNote("offering.edit", "ok", $"provider:{edited.Value.ProviderId}", edited.Value.Id.ToString())
            : null;
}

/// <summary>Handles <see cref="EditOffering"/>.</summary>
internal sealed class EditOfferingHandler(IAgentPoolStore pools, IOfferingStore offerings, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<EditOffering, Result<Offering>>
{
    /// <inheritdoc />
    public async ValueTask<Result<Offering>> Handle(EditOffering command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var spec = OfferingSpec.Create(command.Fields);
        var offering = await ProviderAccounts.OwnOfferingAsync(offerings, command.Signer, command.OfferingId, cancellationToken);
        if (offering.IsFailed)
        {
            return offering;
        }

        if (spec.IsFailed)
        {
            return spec.ToResult<Offering>();
        }

        if (spec.Value.PoolName != offering.Value.PoolName)
        {
            var pool = await ProviderAccounts.RequireOwnPoolAsync(pools, offering.Value.ProviderId, spec.Value.PoolName, cancellationToken);
            if (pool.IsFailed)
            {
                return pool.ToResult<Offering>();
            }
        }

        var edited = offering.Value.Edit(spec.Value, time.Now());
        if (edited.IsFailed)
        {
            return edited.ToResult<Offering>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return offering;
    }
}
