using System.Net;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
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
/// Creates, moves or removes the A record of a VM behind the agent's own gateway. A name belongs to one live contract
/// of the agent's provider and pool (<paramref name="ContractId"/>, required to create): a slug another live contract
/// holds is refused (409 <c>slug_taken</c>), one of an ended contract is taken over, and a contract that already had
/// another name loses it. Setting or removing an address is idempotent, so a request that lost a race to a
/// concurrent one for the same name runs again on the winner's row.
/// </summary>
public sealed record PublishVmAddress(AgentPrincipal Agent, VmAddressAction Action, string? DcId, string? Slug, string? Ipv4, string? ContractId = null)
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
    IContractStore contracts,
    IAgentPoolStore pools,
    IDnsAddressPublisher publisher,
    IUnitOfWork unitOfWork,
    GatewayZoneProvider zones,
    KeyedLock locks,
    TimeProvider time) : ICommandHandler<PublishVmAddress, Result<PublishedVmAddress>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PublishedVmAddress>> Handle(PublishVmAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dcId = DcId.Create(command.DcId);
        var slug = VmSlug.Create(command.Slug);
        var create = command.Action == VmAddressAction.Create;
        var ip = create ? VmAddressRecord.ParseIpv4(command.Ipv4) : null;
        var contractId = create || command.ContractId is not null ? ContractId.FromHex(command.ContractId) : null;
        var valid = Result.Merge(dcId.ToResult(), slug.ToResult(), ip?.ToResult() ?? Result.Ok(), contractId?.ToResult() ?? Result.Ok());
        if (valid.IsFailed)
        {
            return valid;
        }

        var account = await accounts.FindByDcIdAsync(dcId.Value, cancellationToken);
        if (account is null || account.ProviderId != command.Agent.ProviderId)
        {
            return Result.Fail(DomainErrors.Forbidden(VmNameErrors.DcIdNotOwned, $"dc_id '{dcId.Value}' is not registered to this provider."));
        }

        // Queued per gateway, so concurrent claims of one slug in this process read each other's committed rows
        // instead of racing into retries; other instances are kept apart by the primary key and the contract index.
        using (await locks.AcquireAsync("vm-name:" + dcId.Value.Value, cancellationToken))
        {
            var name = new VmName(dcId.Value, slug.Value, zones.Zone.VmName(slug.Value, dcId.Value));
            return create
                ? await CreateAsync(command, name, ip!.Value, contractId!.Value, account.ProviderId, cancellationToken)
                : await DeleteAsync(command.Agent, name, contractId?.Value, cancellationToken);
        }
    }

    private async Task<Result<PublishedVmAddress>> CreateAsync(
        PublishVmAddress command, VmName name, IPAddress ip, ContractId contractId, Domain.Agents.ProviderId providerId, CancellationToken cancellationToken)
    {
        var contract = await AgentScope.FindContractAsync(contracts, pools, command.Agent, contractId.Hex, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult<PublishedVmAddress>();
        }

        if (!contract.Value.State.IsLive())
        {
            return Result.Fail(DomainErrors.Conflict(VmNameErrors.ContractNotLive,
                $"Contract {contractId.Hex} is {contract.Value.State.ToWireName()}; only an accepted, provisioning, provisioned, active or paused contract has a name."));
        }

        // A contract has at most one name: the one it had before goes (row and DNS) when it takes another.
        var previous = await records.FindByContractAsync(contractId, cancellationToken);
        var replaced = previous is not null && (previous.DcId != name.DcId || previous.Slug != name.Slug) ? previous : null;
        var now = time.Now();
        var record = await records.FindAsync(name.DcId, name.Slug, cancellationToken);
        var changed = true;
        if (record is null)
        {
            records.Add(VmAddressRecord.CreateFor(contractId, name.DcId, name.Slug, ip, providerId, now));
        }
        else
        {
            var holder = record.ContractId is { } held && held != contractId ? await contracts.FindAsync(held, cancellationToken) : null;
            var claimed = record.ClaimFor(contractId, holder?.State, ip, now);
            if (claimed.IsFailed)
            {
                return claimed.ToResult<PublishedVmAddress>();
            }

            changed = claimed.Value;
        }

        if (!changed && replaced is null)
        {
            return new PublishedVmAddress(name.Fqdn, ip.ToString(), VmAddressRecord.TtlSeconds);
        }

        var touched = new List<VmName> { name };
        try
        {
            // The new name first: a DNS failure in between leaves the machine reachable, and the retry finishes the move.
            await publisher.SetAddressAsync(name.Fqdn, ip, cancellationToken);
            if (replaced is not null)
            {
                var old = new VmName(replaced.DcId, replaced.Slug, zones.Zone.VmName(replaced.Slug, replaced.DcId));
                touched.Add(old);
                records.Remove(replaced);
                await publisher.RemoveAddressAsync(old.Fqdn, cancellationToken);
            }

            await SaveOrRestoreAsync(touched, cancellationToken);
        }
        catch (DnsPublishException)
        {
            unitOfWork.Reset();
            return DnsFailed(name.Fqdn);
        }

        return new PublishedVmAddress(name.Fqdn, ip.ToString(), VmAddressRecord.TtlSeconds);
    }

    private async Task<Result<PublishedVmAddress>> DeleteAsync(AgentPrincipal agent, VmName name, ContractId? claimant, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(name.DcId, name.Slug, cancellationToken);
        var removable = record?.CheckRemovableBy(claimant) ?? Result.Ok();
        if (removable.IsFailed)
        {
            return removable;
        }

        if (record?.ContractId is { } held && await IsAnotherPoolsLiveContractAsync(agent, held, cancellationToken))
        {
            return Result.Fail(DomainErrors.Conflict(VmAddressRecord.SlugTaken,
                $"The name {name.Slug.Value} under {name.DcId.Value} belongs to a live contract of another pool; only that pool's agents remove it while it lives."));
        }

        try
        {
            await publisher.RemoveAddressAsync(name.Fqdn, cancellationToken);
            if (record is not null)
            {
                records.Remove(record);
                await SaveOrRestoreAsync([name], cancellationToken);
            }
        }
        catch (DnsPublishException)
        {
            unitOfWork.Reset();
            return DnsFailed(name.Fqdn);
        }

        return new PublishedVmAddress(name.Fqdn, null, VmAddressRecord.TtlSeconds);
    }

    // A dc_id is the provider's, not a pool's: without this an agent of another pool could free a live contract's slug
    // and claim it for its own contract. A name whose contract has ended is stale, and any agent of the provider removes it.
    private async Task<bool> IsAnotherPoolsLiveContractAsync(AgentPrincipal agent, ContractId held, CancellationToken cancellationToken)
    {
        var holder = await contracts.FindAsync(held, cancellationToken);
        return holder is not null && holder.State.IsLive() && !AgentScope.Owns(agent, await AgentScope.PoolNameAsync(pools, agent, cancellationToken), holder);
    }

    /// <summary>
    /// Saves; when another writer committed first, puts the touched names in DNS back to what the database holds before
    /// the retry decides again, so the loser of a race for a slug never leaves its address on the winner's name.
    /// </summary>
    private async Task SaveOrRestoreAsync(IReadOnlyList<VmName> touched, CancellationToken cancellationToken)
    {
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            foreach (var name in touched)
            {
                var stored = await records.FindCommittedAddressAsync(name.DcId, name.Slug, cancellationToken);
                await (stored is null
                    ? publisher.RemoveAddressAsync(name.Fqdn, cancellationToken)
                    : publisher.SetAddressAsync(name.Fqdn, IPAddress.Parse(stored), cancellationToken));
            }

            throw;
        }
    }

    private static Result<PublishedVmAddress> DnsFailed(string fqdn)
    {
        var failed = new DomainError(ErrorKind.Upstream, AcmeDnsErrors.DnsUpdateFailed, "The DNS provider failed; try again.");
        failed.Metadata[AuditNote.SubjectKey] = fqdn;
        return Result.Fail(failed);
    }

    private sealed record VmName(DcId DcId, VmSlug Slug, string Fqdn);
}
