using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>
/// The agent's provisioning report (<c>PUT /api/v1/provider/rental-requests/{id}/provisioning</c>):
/// <c>provisioning</c>; <c>provisioned</c> with the instance (no secret) and the v3 credential envelope;
/// or <c>provisioning_failed</c> with a reason. Needs the contract's lease; repeating a report is a no-op.
/// An instance that names a gateway name (<c>gatewaySlug</c>, <c>gatewaySubdomain</c>) must name the one the API holds
/// for the contract: the agent publishes the name before it reports the machine provisioned.
/// </summary>
public sealed record ReportProvisioningStatus(
    AgentPrincipal Agent,
    string? ContractId,
    string? Status,
    string? ExternalId,
    string? InstanceDetails,
    string? LoginUser,
    string? CredentialEnvelope,
    string? Reason) : ICommand<Result>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        new($"contract.provisioning {Status}", AuditNote.OutcomeOf(result), Agent.AgentKey.Hex, ContractId ?? string.Empty);
}

/// <summary>Handles <see cref="ReportProvisioningStatus"/>.</summary>
internal sealed class ReportProvisioningStatusHandler(
    IContractStore contracts,
    IAgentPoolStore pools,
    IAccountStore accounts,
    ICredentialStore credentials,
    IVmAddressRecordStore names,
    GatewayZoneProvider zones,
    IUnitOfWork unitOfWork,
    IOptions<AgentProtocolOptions> options,
    TimeProvider time) : ICommandHandler<ReportProvisioningStatus, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(ReportProvisioningStatus command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await AgentScope.FindContractAsync(contracts, pools, command.Agent, command.ContractId, cancellationToken);
        if (found.IsFailed)
        {
            return found.ToResult();
        }

        var contract = found.Value;
        var now = time.Now();
        var applied = command.Status switch
        {
            "provisioning" => contract.BeginProvisioning(command.Agent.AgentKey, now),
            "provisioned" => await CompleteAsync(command, contract, now, cancellationToken),
            "provisioning_failed" => contract.FailProvisioning(command.Agent.AgentKey, command.Reason ?? string.Empty, now),
            _ => Result.Fail(DomainError.Invalid("invalid_status", "status must be provisioning, provisioned or provisioning_failed.")),
        };
        if (applied.IsSuccess)
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return applied;
    }

    private async Task<Result> CompleteAsync(ReportProvisioningStatus command, Contract contract, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.ExternalId) || command.ExternalId.Length > Contract.MaxExternalIdLength)
        {
            return Result.Fail(DomainError.Invalid("invalid_external_id", $"a provisioned report needs the instance's externalId (at most {Contract.MaxExternalIdLength} characters)."));
        }

        var instance = ContractInstance.Parse(command.InstanceDetails);
        if (instance.IsFailed)
        {
            return instance.ToResult();
        }

        var named = await CheckGatewayNameAsync(contract, instance.Value, cancellationToken);
        if (named.IsFailed)
        {
            return named;
        }

        var envelope = await AgentScope.ParseEnvelopeAsync(accounts, contract, command.CredentialEnvelope, cancellationToken);
        if (envelope.IsFailed)
        {
            return envelope.ToResult();
        }

        var lifetime = options.Value.CredentialLifetime;
        var existing = await credentials.FindAsync(contract.Id, cancellationToken);
        if (existing is null)
        {
            var credential = ContractCredential.Accept(contract.Id, envelope.Value, command.LoginUser, now, lifetime);
            if (credential.IsFailed)
            {
                return credential.ToResult();
            }

            credentials.Add(credential.Value);
        }
        else if (contract.State != ContractState.Provisioned)
        {
            var replaced = existing.Replace(envelope.Value, now, lifetime);
            if (replaced.IsFailed)
            {
                return replaced;
            }
        }

        return contract.CompleteProvisioning(command.Agent.AgentKey, command.ExternalId, instance.Value.Canonical, command.LoginUser!, now);
    }

    private async Task<Result> CheckGatewayNameAsync(Contract contract, ContractInstance instance, CancellationToken cancellationToken)
    {
        // Either field alone is checked too: a subdomain without a slug would otherwise show the user any name at all.
        var fields = InstanceAccessFields.Read(instance.Canonical);
        if (fields.GatewaySlug is null && fields.GatewaySubdomain is null)
        {
            return Result.Ok();
        }

        var record = await names.FindByContractAsync(contract.Id, cancellationToken);
        var fqdn = record is null ? null : zones.Zone.VmName(record.Slug, record.DcId);
        return record is not null && (fields.GatewaySlug is null || record.Slug.Value == fields.GatewaySlug) && (fields.GatewaySubdomain is null || fields.GatewaySubdomain == fqdn)
            ? Result.Ok()
            : Result.Fail(DomainError.Invalid(VmNameErrors.UnknownGatewayName,
                $"The instance names gateway name '{fields.GatewaySlug ?? fields.GatewaySubdomain}', but the API holds {(fqdn is null ? "no name" : $"'{fqdn}'")} for this contract; publish the name (POST /api/v1/agents/dns) before reporting provisioned."));
    }
}
