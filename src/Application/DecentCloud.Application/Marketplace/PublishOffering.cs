using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>
/// A provider publishes an offering in one of its own pools (<c>POST /api/v1/providers/me/offerings</c>); it needs a
/// provider profile first, so every listed offering has a public contact.
/// </summary>
public sealed record PublishOffering(AccountPrincipal Signer, OfferingFields Fields) : ICommand<Result<Offering>>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<Offering> { IsSuccess: true } published
            ? new AuditNote("offering.publish", "ok", $"provider:{published.Value.ProviderId}", published.Value.Id.ToString())
            : null;
}

/// <summary>Handles <see cref="PublishOffering"/>.</summary>
internal sealed class PublishOfferingHandler(
    IProviderProfileStore profiles, IAgentPoolStore pools, IOfferingStore offerings, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<PublishOffering, Result<Offering>>
{
    /// <inheritdoc />
    public async ValueTask<Result<Offering>> Handle(PublishOffering command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var account = ProviderAccounts.AccountOf(command.Signer);
        if (account.IsFailed)
        {
            return account.ToResult<Offering>();
        }

        var spec = OfferingSpec.Create(command.Fields);
        if (spec.IsFailed)
        {
            return spec.ToResult<Offering>();
        }

        if (await profiles.FindAsync(account.Value, cancellationToken) is null)
        {
            return Result.Fail<Offering>(DomainErrors.Conflict("provider_profile_required", "Set the provider profile before publishing offerings."));
        }

        var provider = ProviderProfile.ProviderIdOf(account.Value);
        var pool = await ProviderAccounts.RequireOwnPoolAsync(pools, provider, spec.Value.PoolName, cancellationToken);
        if (pool.IsFailed)
        {
            return pool.ToResult<Offering>();
        }

        var offering = Offering.Publish(Guid.NewGuid(), provider, spec.Value, time.Now());
        offerings.Add(offering);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return offering;
    }
}
