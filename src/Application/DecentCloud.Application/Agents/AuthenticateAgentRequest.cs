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
    string? ClientAddress) : ICommand<Result<AgentPrincipal>>, IAudited
{
    /// <summary>Refusals are audited with the reason the caller is not told; a success is not (every request has one).</summary>
    public AuditNote? Audit(IResultBase result) =>
        result is { IsFailed: true }
            ? new AuditNote($"agent.auth {Request.Method} {Request.Path}", AuditNote.OutcomeOf(result), AuditNote.Truncate(PublicKeyHex), string.Empty, ClientAddress)
            : null;
}

/// <summary>Handles <see cref="AuthenticateAgentRequest"/>.</summary>
internal sealed class AuthenticateAgentRequestHandler(
    ISignatureVerifier verifier,
    INonceStore nonces,
    IAgentDelegationStore delegations,
    TimeProvider time) : ICommandHandler<AuthenticateAgentRequest, Result<AgentPrincipal>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AgentPrincipal>> Handle(AuthenticateAgentRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.Now();
        var key = SignatureCheck.Verify(verifier, command.PublicKeyHex, command.SignatureHex, command.Request, now, "X-Agent-Pubkey");
        if (key.IsFailed)
        {
            return key.ToResult<AgentPrincipal>();
        }

        var delegation = await delegations.FindAsync(key.Value, cancellationToken);
        if (delegation is null)
        {
            return Refuse("no_delegation", "The agent key has no delegation.");
        }

        // Only a verified request of a known agent spends its nonce, so nobody can burn another agent's nonces.
        if (!await nonces.SpendNonceAsync(key.Value, command.Request, now, cancellationToken))
        {
            return Refuse("replayed_nonce", "The request nonce was used before.");
        }

        var authorized = delegation.Authorize(command.Required, now);
        if (authorized.IsFailed)
        {
            var error = authorized.FirstDomainError();
            return Result.Fail<AgentPrincipal>(AuditNote.WithOutcome(error, error.Kind == ErrorKind.Forbidden ? "forbidden" : "revoked"));
        }

        return new AgentPrincipal(delegation.AgentKey, delegation.ProviderId, delegation.PoolId, delegation.Permissions);
    }

    private static Result<AgentPrincipal> Refuse(string outcome, string message) =>
        Result.Fail<AgentPrincipal>(AuditNote.WithOutcome(DomainErrors.Unauthorized("invalid_signature", message), outcome));
}
