using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;

namespace DecentCloud.Application.Signals;

/// <summary>Finds an offering named in a route, with the errors the signal routes share.</summary>
internal static class OfferingLookup
{
    public static async Task<Result<Offering>> FindAsync(IOfferingStore offerings, string? offeringId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(offeringId, out var id))
        {
            return Result.Fail(DomainError.Invalid("invalid_offering_id", "the offering id must be a UUID."));
        }

        return await offerings.FindAsync(id, cancellationToken) is { } offering
            ? offering
            : Result.Fail(DomainErrors.NotFound("offering_not_found", $"No offering {id}."));
    }
}
