using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.Dns;

/// <summary>The A records of VMs behind gateways.</summary>
public interface IVmAddressRecordStore
{
    /// <summary>The record of one VM.</summary>
    Task<VmAddressRecord?> FindAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken);

    /// <summary>Adds a record (saved with the unit of work).</summary>
    void Add(VmAddressRecord record);

    /// <summary>Removes a record (saved with the unit of work).</summary>
    void Remove(VmAddressRecord record);
}
