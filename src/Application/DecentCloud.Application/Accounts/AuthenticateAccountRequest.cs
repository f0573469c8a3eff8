using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Accounts;

/// <summary>
/// Authenticates a user request signed by a device key, with the agents' signature scheme (Ed25519ph,
/// context <c>decent-cloud</c>, ±5 min, nonce once). With <paramref name="RequireAccount"/> the key must be
/// an active device of an account; without it (account registration) the signature alone is checked.
/// </summary>
public sealed record AuthenticateAccountRequest(
    string? DeviceKeyHex,
    string? SignatureHex,
    SignedRequest Request,
    bool RequireAccount,
    string? ClientAddress) : ICommand<Result<AccountPrincipal>>, IAudited
{
    /// <summary>Refusals are audited with the reason the caller is not told; a success is not (every request has one).</summary>
    public AuditNote? Audit(IResultBase result) =>
        result is { IsFailed: true }
            ? new AuditNote($"account.auth {Request.Method} {Request.Path}", AuditNote.OutcomeOf(result), AuditNote.Truncate(DeviceKeyHex), string.Empty, ClientAddress)
            : null;
}

/// <summary>Handles <see cref="AuthenticateAccountRequest"/>.</summary>
internal sealed class AuthenticateAccountRequestHandler(
    ISignatureVerifier verifier,
    INonceStore nonces,
    IAccountStore accounts,
    TimeProvider time) : ICommandHandler<AuthenticateAccountRequest, Result<AccountPrincipal>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AccountPrincipal>> Handle(AuthenticateAccountRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.Now();

        // Device keys have the agent keys' shape (Ed25519, 32 bytes), so the same checks and nonce cache serve both.
        var key = SignatureCheck.Verify(verifier, command.DeviceKeyHex, command.SignatureHex, command.Request, now, "X-Public-Key");
        if (key.IsFailed)
        {
            // One message for every refusal: the caller is not told which check failed, the audit trail is.
            return Refuse(AuditNote.OutcomeOf(key));
        }

        if (!await nonces.SpendNonceAsync(key.Value, command.Request, now, cancellationToken))
        {
            return Refuse("replayed_nonce");
        }

        var account = await accounts.FindByDeviceAsync(key.Value.Hex, cancellationToken);
        if (account is not null && !account.HasActiveDevice(key.Value.Hex))
        {
            return Refuse("revoked_device");
        }

        if (account is null && command.RequireAccount)
        {
            return Refuse("no_account");
        }

        return new AccountPrincipal(key.Value.Hex, account?.Id);
    }

    private static Result<AccountPrincipal> Refuse(string outcome) =>
        Result.Fail<AccountPrincipal>(AuditNote.WithOutcome(
            DomainErrors.Unauthorized("invalid_signature", "The request is not signed by an active device of an account."), outcome));
}
