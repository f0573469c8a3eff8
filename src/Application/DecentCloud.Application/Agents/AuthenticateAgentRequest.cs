using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Agents;

/// <summary>
/// Authenticates a signed agent request and checks its delegation grants <paramref name="Required"/>.
/// Unauthorized for a bad key, signature, timestamp, replayed nonce, unknown or revoked delegation;
/// forbidden when the delegation lacks the permission.
/// </summary>
public sealed record AuthenticateAgentRequest(
    string? PublicKeyHex,
    string? SignatureHex,
    SignedRequest Request,
    AgentPermissions Required,
    string? ClientAddress) : ICommand<Result<AgentPrincipal>>;

/// <summary>Handles <see cref="AuthenticateAgentRequest"/>.</summary>
public sealed class AuthenticateAgentRequestHandler(
    ISignatureVerifier verifier,
    INonceStore nonces,
    IAgentDelegationStore delegations,
    IAuditLog audit,
    TimeProvider time) : ICommandHandler<AuthenticateAgentRequest, Result<AgentPrincipal>>
{
    private const int SignatureHexLength = 128;

    /// <inheritdoc />
    public async ValueTask<Result<AgentPrincipal>> Handle(AuthenticateAgentRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.Now();
        var key = AgentPublicKey.FromHex(command.PublicKeyHex);
        if (key.IsFailed || command.SignatureHex is not { Length: SignatureHexLength } sigHex || !sigHex.All(Uri.IsHexDigit))
        {
            return await Refuse(command, "malformed", "X-Agent-Pubkey and X-Signature must be hex Ed25519 values.", cancellationToken);
        }

        var freshness = command.Request.CheckFreshness(now);
        if (freshness.IsFailed)
        {
            return await Refuse(command, "stale", freshness.FirstDomainError().Message, cancellationToken);
        }

        if (!verifier.Verify(key.Value.ToBytes(), command.Request.SigningMessage(), Convert.FromHexString(sigHex)))
        {
            return await Refuse(command, "bad_signature", "The request signature does not verify.", cancellationToken);
        }

        var delegation = await delegations.FindAsync(key.Value, cancellationToken);
        if (delegation is null)
        {
            return await Refuse(command, "no_delegation", "The agent key has no delegation.", cancellationToken);
        }

        // Only a verified request spends its nonce, so nobody can burn another agent's nonces.
        var forgetAfter = now + (SignedRequest.AcceptanceWindow * 2);
        if (!await nonces.TryRememberAsync(key.Value, command.Request.Nonce, forgetAfter, cancellationToken))
        {
            return await Refuse(command, "replayed_nonce", "The request nonce was used before.", cancellationToken);
        }

        var authorized = delegation.Authorize(command.Required, now);
        if (authorized.IsFailed)
        {
            var error = authorized.FirstDomainError();
            await audit.RecordAsync(Entry(command, error.Kind == ErrorKind.Forbidden ? "forbidden" : "revoked"), cancellationToken);
            return Result.Fail<AgentPrincipal>(error);
        }

        return new AgentPrincipal(delegation.AgentKey, delegation.ProviderId, delegation.PoolId, delegation.Permissions);
    }

    private async Task<Result<AgentPrincipal>> Refuse(AuthenticateAgentRequest command, string outcome, string message, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(Entry(command, outcome), cancellationToken);
        return Result.Fail<AgentPrincipal>(DomainErrors.Unauthorized("invalid_signature", message));
    }

    private AuditEntry Entry(AuthenticateAgentRequest command, string outcome) =>
        new(time.Now(), $"agent.auth {command.Request.Method} {command.Request.Path}", outcome,
            Truncate(command.PublicKeyHex), string.Empty, command.ClientAddress);

    private static string Truncate(string? value) => value is null ? string.Empty : value[..Math.Min(value.Length, 64)];
}
