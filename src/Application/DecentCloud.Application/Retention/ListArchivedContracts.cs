using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Retention;

/// <summary>
/// Archived contracts of a provider and/or a user, latest archived first (<c>GET /api/v1/admin/archive/contracts?provider=&amp;user=</c>).
/// At least one filter is required: the archive grows without bound, so it is never listed whole.
/// </summary>
/// <param name="ProviderId">The provider (its public key), or <c>null</c>.</param>
/// <param name="RequesterAccountId">The renting account's id, or <c>null</c>.</param>
/// <param name="Limit">At most this many (1-<see cref="MaxLimit"/>).</param>
public sealed record ListArchivedContracts(string? ProviderId, string? RequesterAccountId, int Limit = ListArchivedContracts.DefaultLimit)
    : IQuery<Result<IReadOnlyList<ArchivedContractView>>>
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;
}

/// <summary>Handles <see cref="ListArchivedContracts"/>.</summary>
internal sealed class ListArchivedContractsHandler(IContractArchive archive)
    : IQueryHandler<ListArchivedContracts, Result<IReadOnlyList<ArchivedContractView>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<ArchivedContractView>>> Handle(ListArchivedContracts query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IError>();
        ProviderId? provider = null;
        Guid? user = null;
        if (!string.IsNullOrEmpty(query.ProviderId))
        {
            var parsed = ProviderId.Create(query.ProviderId);
            if (parsed.IsFailed)
            {
                errors.AddRange(parsed.Errors);
            }
            else
            {
                provider = parsed.Value;
            }
        }

        if (!string.IsNullOrEmpty(query.RequesterAccountId))
        {
            if (Guid.TryParse(query.RequesterAccountId, out var account))
            {
                user = account;
            }
            else
            {
                errors.Add(DomainError.Invalid("invalid_user", "user must be an account id (a UUID)."));
            }
        }

        if (provider is null && user is null && errors.Count == 0)
        {
            errors.Add(DomainError.Invalid("filter_required", "Give provider, user or both: the archive is not listed whole."));
        }

        if (query.Limit is < 1 or > ListArchivedContracts.MaxLimit)
        {
            errors.Add(DomainError.Invalid("invalid_limit", $"limit must be 1-{ListArchivedContracts.MaxLimit}."));
        }

        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        var contracts = await archive.ListAsync(provider, user, query.Limit, cancellationToken);
        return Result.Ok<IReadOnlyList<ArchivedContractView>>([.. contracts.Select(ArchivedContractView.Of)]);
    }
}
