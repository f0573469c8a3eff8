using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.AcmeDns;

/// <summary>The challenge TXT values of the gateways.</summary>
public interface IAcmeTxtRecordStore
{
    /// <summary>The record of a gateway.</summary>
    Task<AcmeTxtRecord?> FindAsync(DcId dcId, CancellationToken cancellationToken);

    /// <summary>Records holding a value set before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<AcmeTxtRecord>> ListWithValuesOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Adds a record (saved with the unit of work).</summary>
    void Add(AcmeTxtRecord record);
}
