using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Gateways;

/// <summary>A provider registered a new gateway dc_id.</summary>
/// <param name="DcId">The gateway.</param>
/// <param name="ProviderId">Its owner.</param>
/// <param name="OccurredAt">When it was registered.</param>
public sealed record GatewayRegistered(DcId DcId, ProviderId ProviderId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A gateway's acme-dns credentials were revoked; its challenge values must leave DNS.</summary>
/// <param name="DcId">The gateway.</param>
/// <param name="ProviderId">Its owner.</param>
/// <param name="OccurredAt">When they were revoked.</param>
public sealed record GatewayCredentialsRevoked(DcId DcId, ProviderId ProviderId, DateTimeOffset OccurredAt) : IDomainEvent;
