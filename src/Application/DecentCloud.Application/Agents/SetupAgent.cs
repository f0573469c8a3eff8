using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Agents;

/// <summary>
/// Consumes a setup token and delegates the agent key to the token's pool and provider. The request proves possession
/// of the key (<see cref="Timestamp"/>, <see cref="Signature"/>: see <see cref="AgentSetupProof"/>); a key another provider
/// holds, or one that was revoked, is never granted.
/// </summary>
public sealed record SetupAgent(string? Token, string? AgentPublicKeyHex, string? ClientAddress) : ICommand<Result<AgentSetupResult>>, IAudited
{
    /// <summary>When the agent signed the proof, unix nanoseconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>The agent key's signature (hex) of <see cref="AgentSetupProof.Message"/>.</summary>
    public string? Signature { get; init; }

    /// <summary>A delegation granted, or a token, proof or key refused; a malformed request is not audited.</summary>
    public AuditNote? Audit(IResultBase result) => result switch
    {
        Result<AgentSetupResult> { IsSuccess: true } granted =>
            new AuditNote("agent.setup", "ok", granted.Value.AgentKey.Hex, granted.Value.PoolName, ClientAddress),
        { IsFailed: true } when result.FirstDomainError() is { Kind: ErrorKind.Unauthorized or ErrorKind.Forbidden or ErrorKind.Conflict } refused =>
            new AuditNote("agent.setup", refused.Code == "invalid_setup_token" ? "invalid_token" : refused.Code, AgentPublicKeyHex ?? string.Empty, string.Empty, ClientAddress),
        _ => null,
    };
}

/// <summary>The delegation the agent now holds.</summary>
public sealed record AgentSetupResult(AgentPublicKey AgentKey, ProviderId ProviderId, Guid PoolId, string PoolName, AgentPermissions Permissions, DateTimeOffset? ExpiresAt);

/// <summary>Handles <see cref="SetupAgent"/>.</summary>
internal sealed class SetupAgentHandler(
    ISetupTokenStore tokens,
    IAgentPoolStore pools,
    IAgentDelegationStore delegations,
    ISignatureVerifier verifier,
    IUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<SetupAgent, Result<AgentSetupResult>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AgentSetupResult>> Handle(SetupAgent command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = AgentPublicKey.FromHex(command.AgentPublicKeyHex);
        if (key.IsFailed)
        {
            return key.ToResult<AgentSetupResult>();
        }

        if (string.IsNullOrEmpty(command.Token) || command.Token.Length > 256)
        {
            return Result.Fail(DomainError.Invalid("invalid_setup_token", "token is required."));
        }

        // The proof comes first: without the private key nobody may spend a token on a key, nor learn whether it is delegated.
        var proof = AgentSetupProof.Check(command.Signature, command.Timestamp, time.Now());
        if (proof.IsFailed)
        {
            return proof.ToResult<AgentSetupResult>();
        }

        if (!verifier.Verify(key.Value.ToBytes(), AgentSetupProof.Message(key.Value, command.Timestamp, command.Token), proof.Value))
        {
            return AgentSetupProof.Refused("the setup request's signature does not verify for this key, token and timestamp.").ToResult<AgentSetupResult>();
        }

        try
        {
            return await SetUpAsync(command, key.Value, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another agent consumed the same token at the same moment, or the same key was set up with another
            // token at the same moment (the key is the delegations' primary key): either way this one lost.
            return Refuse();
        }
    }

    private async Task<Result<AgentSetupResult>> SetUpAsync(SetupAgent command, AgentPublicKey key, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var token = await tokens.FindByHashAsync(SecretHasher.Hash(command.Token!), cancellationToken);
        if (token is null || token.Consume(key, now).IsFailed)
        {
            return Refuse();
        }

        var pool = await pools.FindAsync(token.PoolId, cancellationToken)
            ?? throw new InvalidOperationException("a setup token refers to a missing pool");
        var delegation = await delegations.FindAsync(key, cancellationToken);
        if (delegation is null)
        {
            delegation = AgentDelegation.Grant(key, pool.ProviderId, pool.Id, token.Permissions, now);
            delegations.Add(delegation);
        }
        else
        {
            // Nothing is saved on a refusal, so the token stays unused.
            var renewed = delegation.Regrant(pool.ProviderId, pool.Id, token.Permissions, now, expiresAt: null);
            if (renewed.IsFailed)
            {
                return renewed.ToResult<AgentSetupResult>();
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new AgentSetupResult(key, pool.ProviderId, pool.Id, pool.Name, delegation.Permissions, delegation.ExpiresAt);
    }

    private static Result<AgentSetupResult> Refuse() =>
        Result.Fail(DomainErrors.Unauthorized("invalid_setup_token", "The setup token is unknown, used or expired."));
}
