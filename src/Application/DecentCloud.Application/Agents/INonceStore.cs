using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Agents;

/// <summary>Remembers the nonces of signed requests for the acceptance window, shared by all API instances.</summary>
public interface INonceStore
{
    /// <summary>Records the nonce; <c>false</c> when the same agent used it before (a replay).</summary>
    Task<bool> TryRememberAsync(AgentPublicKey agentKey, string nonce, DateTimeOffset forgetAfter, CancellationToken cancellationToken);

    /// <summary>Forgets nonces whose window has passed.</summary>
    Task<int> ForgetExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
