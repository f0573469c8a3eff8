namespace DecentCloud.Agent.Setup;

/// <summary>The reply of <c>POST /api/v1/agents/setup</c>.</summary>
internal sealed record SetupReply(
    string AgentPubkey, string ProviderId, Guid PoolId, string PoolName, IReadOnlyList<string> Permissions, DateTimeOffset? ExpiresAt, string GwPrefix, string Domain);

/// <summary>The reply of <c>POST /api/v1/agents/gateway/register</c>.</summary>
internal sealed record GatewayCredentialsReply(
    string AcmeDnsServerUrl,
    string AcmeDnsUsername,
    string AcmeDnsPassword,
    string AcmeDnsSubdomain,
    string FullDomain,
    string Wildcard,
    string GwPrefix,
    string Domain);

/// <summary>One entry of <c>GET /api/v1/agents/gateway/credentials</c>.</summary>
internal sealed record GatewayCredentialSummary(string DcId, string ProviderId, Guid AcmeDnsUsername, string FullDomain, DateTimeOffset? RevokedAt);
