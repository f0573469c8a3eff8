using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Marketplace;

namespace DecentCloud.Application.Marketplace;

/// <summary>Offerings, their public search and their stock.</summary>
public interface IOfferingStore
{
    /// <summary>The offering of that id, or <c>null</c>.</summary>
    Task<Offering?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Adds an offering (saved with the unit of work).</summary>
    void Add(Offering offering);

    /// <summary>Every offering of one provider, retired ones included, newest first.</summary>
    Task<IReadOnlyList<Offering>> ListByProviderAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the active offerings with free stock that match <paramref name="query"/>, in its order, plus
    /// one more row when there is a next page (so the caller knows without counting).
    /// </summary>
    Task<IReadOnlyList<Offering>> SearchAsync(OfferingQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Takes one unit of stock of an active offering, atomically in the database (one conditional update, never a
    /// read then a write): <c>true</c> when a unit was free, <c>false</c> when it is sold out, not active or unknown.
    /// It runs at once, not at the next save: inside an open transaction it is part of that transaction, otherwise it
    /// commits by itself. It also moves the row version, so an edit that read the old count fails and retries.
    /// </summary>
    Task<bool> TryReserveAsync(Guid offeringId, CancellationToken cancellationToken);

    /// <summary>Gives one unit of stock back (whatever the state); <c>false</c> when none was reserved.</summary>
    Task<bool> ReleaseAsync(Guid offeringId, CancellationToken cancellationToken);
}
