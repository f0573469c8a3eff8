using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Gateways;

/// <summary>Lists the acme-dns credentials of a provider, or of everyone when <paramref name="ProviderId"/> is null (operator). Never returns secrets.</summary>
public sealed record ListGatewayCredentials(ProviderId? ProviderId) : IQuery<Result<IReadOnlyList<GatewayCredentialSummary>>>;

/// <summary>One gateway's credentials without the password.</summary>
public sealed record GatewayCredentialSummary(
    string DcId,
    string ProviderId,
    Guid AcmeDnsUsername,
    string FullDomain,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RevokedAt);

/// <summary>Handles <see cref="ListGatewayCredentials"/>.</summary>
internal sealed class ListGatewayCredentialsHandler(IAcmeDnsAccountStore accounts, GatewayZoneProvider zones)
    : IQueryHandler<ListGatewayCredentials, Result<IReadOnlyList<GatewayCredentialSummary>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<GatewayCredentialSummary>>> Handle(ListGatewayCredentials query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var list = query.ProviderId is null
            ? await accounts.ListAllAsync(cancellationToken)
            : await accounts.ListByProviderAsync(query.ProviderId, cancellationToken);
        return Result.Ok<IReadOnlyList<GatewayCredentialSummary>>(list
            .Select(a => new GatewayCredentialSummary(
                a.DcId.Value, a.ProviderId.Value, a.Username, zones.Zone.ChallengeName(a.DcId), a.CreatedAt, a.UpdatedAt, a.RevokedAt))
            .ToArray());
    }
}
