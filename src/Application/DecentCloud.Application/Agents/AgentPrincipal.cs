using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Agents;

/// <summary>An authenticated agent: its key and the provider and pool it acts for.</summary>
public sealed record AgentPrincipal(AgentPublicKey AgentKey, ProviderId ProviderId, Guid PoolId, AgentPermissions Permissions);
