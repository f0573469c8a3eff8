using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>An account creates or replaces its provider profile (<c>PUT /api/v1/providers/me/profile</c>).</summary>
public sealed record SetProviderProfile(AccountPrincipal Signer, ProviderProfileFields Fields)
    : ICommand<Result<ProviderProfile>>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<ProviderProfile> { IsSuccess: true } saved
            ? new AuditNote("provider.profile.set", "ok", $"account:{saved.Value.AccountId}", saved.Value.ProviderId.Value)
            : null;
}

/// <summary>Handles <see cref="SetProviderProfile"/>.</summary>
internal sealed class SetProviderProfileHandler(IProviderProfileStore profiles, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<SetProviderProfile, Result<ProviderProfile>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderProfile>> Handle(SetProviderProfile command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var account = ProviderAccounts.AccountOf(command.Signer);
        if (account.IsFailed)
        {
            return account.ToResult<ProviderProfile>();
        }

        var existing = await profiles.FindAsync(account.Value, cancellationToken);
        if (existing is null)
        {
            var created = ProviderProfile.Create(account.Value, command.Fields, time.Now());
            if (created.IsFailed)
            {
                return created;
            }

            profiles.Add(created.Value);
            existing = created.Value;
        }
        else
        {
            var updated = existing.Update(command.Fields, time.Now());
            if (updated.IsFailed)
            {
                return updated.ToResult<ProviderProfile>();
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return existing;
    }
}
