using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Gateways;

/// <summary>
/// Registers a gateway's dc_id for the agent's provider and issues acme-dns credentials for its
/// challenge name. The first provider owns the dc_id; registering again rotates the credentials.
/// </summary>
public sealed record RegisterGateway(AgentPrincipal Agent, string? DcId, string? ClientAddress)
    : ICommand<Result<GatewayCredentials>>, IRetryOnConflict, IAudited
{
    /// <summary>Concurrent registrations of the same dc_id (or provider) won every retry: 409, nothing was issued.</summary>
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => GatewayErrors.BusyError("The registration");

    /// <summary>Issued credentials, or a dc_id owned by another provider; a request refused before that is not audited.</summary>
    public AuditNote? Audit(IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.IsSuccess ? "ok" : result.FirstDomainError().Code switch
        {
            RegisterGatewayHandler.DcIdTaken => "conflict",
            GatewayQuota.LimitReached => "limit_exceeded",
            _ => null,
        };
        return outcome is null ? null : new AuditNote("gateway.register", outcome, Agent.AgentKey.Hex, DcId ?? string.Empty, ClientAddress);
    }
}

/// <summary>The credentials, returned once: the password is not stored.</summary>
public sealed record GatewayCredentials(
    string AcmeDnsServerUrl,
    Guid AcmeDnsUsername,
    string AcmeDnsPassword,
    string AcmeDnsSubdomain,
    string FullDomain,
    string Wildcard,
    string GwPrefix,
    string Domain);

/// <summary>Handles <see cref="RegisterGateway"/>.</summary>
internal sealed class RegisterGatewayHandler(
    IAcmeDnsAccountStore accounts,
    IUnitOfWork unitOfWork,
    GatewayZoneProvider zones,
    IOptions<GatewayOptions> options,
    TimeProvider time) : ICommandHandler<RegisterGateway, Result<GatewayCredentials>>
{
    /// <summary>The code of a dc_id that belongs to another provider.</summary>
    internal const string DcIdTaken = "dc_id_taken";

    /// <inheritdoc />
    public async ValueTask<Result<GatewayCredentials>> Handle(RegisterGateway command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var publicUrl = options.Value.PublicUrl?.TrimEnd('/');
        if (string.IsNullOrWhiteSpace(publicUrl))
        {
            return Result.Fail(new DomainError(ErrorKind.Unavailable, "public_url_unset",
                "API_PUBLIC_URL is not configured, so no acme-dns server URL can be handed out."));
        }

        var dcId = DcId.Create(command.DcId);
        if (dcId.IsFailed)
        {
            return dcId.ToResult<GatewayCredentials>();
        }

        var registrable = zones.Policy.EnsureRegistrable(dcId.Value);
        if (registrable.IsFailed)
        {
            return registrable;
        }

        var password = SecretHasher.NewSecret();
        var result = await IssueAsync(command, dcId.Value, password, cancellationToken);
        if (result.IsFailed)
        {
            return result.ToResult<GatewayCredentials>();
        }

        var zone = zones.Zone;
        return new GatewayCredentials(
            $"{publicUrl}/api/v1/acme-dns",
            result.Value,
            password,
            dcId.Value.Value,
            zone.ChallengeName(dcId.Value),
            zone.Wildcard(dcId.Value),
            zone.Prefix.Value,
            zone.Domain.Value);
    }

    private async Task<Result<Guid>> IssueAsync(RegisterGateway command, DcId dcId, string password, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var username = Guid.NewGuid();
        var account = await accounts.FindByDcIdAsync(dcId, cancellationToken);
        if (account is null)
        {
            var admitted = await AdmitAsync(command.Agent.ProviderId, cancellationToken);
            if (admitted.IsFailed)
            {
                return admitted;
            }

            accounts.Add(AcmeDnsAccount.Open(dcId, command.Agent.ProviderId, username, SecretHasher.Hash(password), now));
        }
        else
        {
            var rotated = account.Rotate(command.Agent.ProviderId, username, SecretHasher.Hash(password), now);
            if (rotated.IsFailed)
            {
                return rotated;
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return username;
    }

    /// <summary>Counts a new dc_id against the provider's cap; the quota row commits with the account, so racing registrations conflict on it.</summary>
    private async Task<Result> AdmitAsync(ProviderId provider, CancellationToken cancellationToken)
    {
        var quota = await accounts.FindQuotaAsync(provider, cancellationToken);
        if (quota is null)
        {
            // The first registration under quotas starts from what the provider already holds.
            quota = GatewayQuota.Start(provider, await accounts.CountByProviderAsync(provider, cancellationToken));
            accounts.AddQuota(quota);
        }

        return quota.Admit(options.Value.MaxPerProvider);
    }
}
