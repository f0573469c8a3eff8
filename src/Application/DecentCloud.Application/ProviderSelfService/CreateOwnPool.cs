using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>A provider creates a pool of its own (<c>POST /api/v1/providers/me/pools</c>); pool names are unique platform-wide.</summary>
public sealed record CreateOwnPool(AccountPrincipal Signer, string? Name) : ICommand<Result<ProviderPoolView>>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<ProviderPoolView> { IsSuccess: true } created
            ? new AuditNote("provider.pool.create", "ok", ProviderSelf.Actor(Signer), created.Value.Name)
            : null;
}

/// <summary>Handles <see cref="CreateOwnPool"/>.</summary>
internal sealed class CreateOwnPoolHandler(IProviderProfileStore profiles, IAgentPoolStore pools, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<CreateOwnPool, Result<ProviderPoolView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderPoolView>> Handle(CreateOwnPool command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = await ProviderSelf.RequireAsync(profiles, command.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<ProviderPoolView>();
        }

        var pool = AgentPool.Create(Guid.NewGuid(), command.Name, provider.Value, time.Now());
        if (pool.IsFailed)
        {
            return pool.ToResult<ProviderPoolView>();
        }

        if (await pools.FindByNameAsync(pool.Value.Name, cancellationToken) is not null)
        {
            return Result.Fail<ProviderPoolView>(DomainErrors.Conflict("pool_name_taken", $"A pool named '{pool.Value.Name}' exists; pick another name."));
        }

        pools.Add(pool.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new ProviderPoolView(pool.Value.Id, pool.Value.Name, pool.Value.CreatedAt);
    }
}
