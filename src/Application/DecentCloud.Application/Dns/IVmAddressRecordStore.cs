using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.Dns;

/// <summary>The A records of VMs behind gateways.</summary>
public interface IVmAddressRecordStore
{
    /// <summary>The record of one VM.</summary>
    Task<VmAddressRecord?> FindAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken);

    /// <summary>The address the database holds for a name, read past any change of this unit of work not yet saved.</summary>
    Task<string?> FindCommittedAddressAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken);

    /// <summary>The name of a contract, if it has one (a contract has at most one).</summary>
    Task<VmAddressRecord?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> records of one gateway, by slug, each with the state of its contract.</summary>
    Task<IReadOnlyList<VmNameEntry>> ListAsync(DcId dcId, int limit, CancellationToken cancellationToken);

    /// <summary>Adds a record (saved with the unit of work).</summary>
    void Add(VmAddressRecord record);

    /// <summary>Removes a record (saved with the unit of work).</summary>
    void Remove(VmAddressRecord record);
}

/// <summary>A VM's record and the state of the contract it belongs to (<c>null</c> when it belongs to none that exists).</summary>
public sealed record VmNameEntry(VmAddressRecord Record, ContractState? ContractState);
