using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Quality;

/// <summary>
/// A run of unhealthy platform checks of one contract: opened by the first unhealthy check, closed by the next healthy
/// one (unknown checks neither extend nor close it). At most one is open per contract.
/// </summary>
public sealed class HealthIncident
{
    private HealthIncident(ContractId contractId, ProviderId providerId, Guid? offeringId, DateTimeOffset startedAt)
    {
        Id = Guid.NewGuid();
        ContractId = contractId;
        ProviderId = providerId;
        OfferingId = offeringId;
        StartedAt = startedAt;
        LastUnhealthyAt = startedAt;
        UnhealthyChecks = 1;
    }

    /// <summary>The incident's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>The contract's provider.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>The contract's offering, if any.</summary>
    public Guid? OfferingId { get; private set; }

    /// <summary>The first unhealthy check.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The latest unhealthy check of the run.</summary>
    public DateTimeOffset LastUnhealthyAt { get; private set; }

    /// <summary>The healthy check that ended it, or <c>null</c> while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>How many unhealthy checks the run holds.</summary>
    public int UnhealthyChecks { get; private set; }

    /// <summary>Whether it still lasts.</summary>
    public bool IsOpen => EndedAt is null;

    /// <summary>From the first unhealthy check to the healthy one that ended it, or to <paramref name="now"/> while open.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;

    /// <summary>Opens an incident at an unhealthy check.</summary>
    public static HealthIncident Open(ContractId contractId, ProviderId providerId, Guid? offeringId, DateTimeOffset at) =>
        new(contractId, providerId, offeringId, at);

    /// <summary>One more unhealthy check in the run.</summary>
    public void Extend(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("A closed incident cannot be extended.");
        }

        LastUnhealthyAt = at > LastUnhealthyAt ? at : LastUnhealthyAt;
        UnhealthyChecks++;
    }

    /// <summary>Ends the run at a healthy check.</summary>
    public void Close(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The incident is already closed.");
        }

        EndedAt = at < StartedAt ? StartedAt : at;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private HealthIncident()
    {
    }
#pragma warning restore CS8618
}
