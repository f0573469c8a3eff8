namespace DecentCloud.Application.Dns;

/// <summary>Listing and removing records of the production zone, for clean-up commands.</summary>
public interface IDnsZoneMaintenance
{
    /// <summary>Every CNAME record of the zone.</summary>
    Task<IReadOnlyList<DnsRecordInfo>> ListCnameRecordsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes one record by its provider id; an already missing record is fine.</summary>
    Task DeleteRecordAsync(string recordId, CancellationToken cancellationToken);
}

/// <summary>A record as the DNS provider knows it.</summary>
public sealed record DnsRecordInfo(string Id, string Type, string Name, string Content);
