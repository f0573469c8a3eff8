using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Dns;

/// <summary>What to do with a VM's A record.</summary>
public enum VmAddressAction
{
    /// <summary>Create or move the record.</summary>
    Create,
    /// <summary>Remove the record.</summary>
    Delete,
}

/// <summary>
/// Creates, moves or removes the A record of a VM behind the agent's own gateway. Setting or removing an address is
/// idempotent, so a request that lost a race to a concurrent one for the same name runs again on the winner's row.
/// </summary>
public sealed record PublishVmAddress(AgentPrincipal Agent, VmAddressAction Action, string? DcId, string? Slug, string? Ipv4)
    : ICommand<Result<PublishedVmAddress>>, IRetryOnConflict, IAudited
{
    /// <summary>Concurrent requests for the same name won every retry: 409, and the caller may send it again.</summary>
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => GatewayErrors.BusyError("The DNS change");

    /// <summary>A published change, or a DNS provider failure; a refused request is not audited.</summary>
    public AuditNote? Audit(IResultBase result) => result switch
    {
        Result<PublishedVmAddress> { IsSuccess: true } published =>
            new AuditNote($"dns.vm_address.{Action.ToString().ToLowerInvariant()}", "ok", Agent.AgentKey.Hex, published.Value.Fqdn),
        { IsFailed: true } when result.FirstDomainError().Code == AcmeDnsErrors.DnsUpdateFailed =>
            new AuditNote("dns.vm_address", AcmeDnsErrors.DnsUpdateFailed, Agent.AgentKey.Hex, AuditNote.SubjectOf(result) ?? string.Empty),
        _ => null,
    };
}

/// <summary>The VM's name and, unless removed, its address.</summary>
public sealed record PublishedVmAddress(string Fqdn, string? Ipv4, int Ttl);

/// <summary>Handles <see cref="PublishVmAddress"/>.</summary>
internal sealed class PublishVmAddressHandler(
    IAcmeDnsAccountStore accounts,
    IVmAddressRecordStore records,
    IDnsAddressPublisher publisher,
    IUnitOfWork unitOfWork,
    GatewayZoneProvider zones,
    TimeProvider time) : ICommandHandler<PublishVmAddress, Result<PublishedVmAddress>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PublishedVmAddress>> Handle(PublishVmAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dcId = DcId.Create(command.DcId);
        var slug = VmSlug.Create(command.Slug);
        var ip = command.Action == VmAddressAction.Create ? VmAddressRecord.ParseIpv4(command.Ipv4) : null;
        var valid = Result.Merge(dcId.ToResult(), slug.ToResult(), ip?.ToResult() ?? Result.Ok());
        if (valid.IsFailed)
        {
            return valid;
        }

        var account = await accounts.FindByDcIdAsync(dcId.Value, cancellationToken);
        if (account is null || account.ProviderId != command.Agent.ProviderId)
        {
            return Result.Fail(DomainErrors.Forbidden("dc_id_not_owned", $"dc_id '{dcId.Value}' is not registered to this provider."));
        }

        var name = zones.Zone.VmName(slug.Value, dcId.Value);
        var now = time.Now();
        var record = await records.FindAsync(dcId.Value, slug.Value, cancellationToken);
        try
        {
            if (ip is not null)
            {
                await publisher.SetAddressAsync(name, ip.Value, cancellationToken);
                if (record is null)
                {
                    records.Add(VmAddressRecord.Create(dcId.Value, slug.Value, ip.Value, account.ProviderId, now));
                }
                else
                {
                    record.MoveTo(ip.Value, now);
                }
            }
            else
            {
                await publisher.RemoveAddressAsync(name, cancellationToken);
                if (record is not null)
                {
                    records.Remove(record);
                }
            }
        }
        catch (DnsPublishException)
        {
            var failed = new DomainError(ErrorKind.Upstream, AcmeDnsErrors.DnsUpdateFailed, "The DNS provider failed; try again.");
            failed.Metadata[AuditNote.SubjectKey] = name;
            return Result.Fail(failed);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new PublishedVmAddress(name, ip?.Value.ToString(), VmAddressRecord.TtlSeconds);
    }
}
