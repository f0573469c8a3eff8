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
    string? ClientAddress) : ICommand<Result<AccountPrincipal>>;

/// <summary>Handles <see cref="AuthenticateAccountRequest"/>.</summary>
public sealed class AuthenticateAccountRequestHandler(
    ISignatureVerifier verifier,
    INonceStore nonces,
    IAccountStore accounts,
    IAuditLog audit,
    TimeProvider time) : ICommandHandler<AuthenticateAccountRequest, Result<AccountPrincipal>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AccountPrincipal>> Handle(AuthenticateAccountRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.Now();

        // Device keys have the agent keys' shape (Ed25519, 32 bytes), so the same parser and nonce cache serve both.
        var key = AgentPublicKey.FromHex(command.DeviceKeyHex);
        if (key.IsFailed || command.SignatureHex is not { Length: 128 } sigHex || !sigHex.All(Uri.IsHexDigit))
        {
            return await Refuse(command, "malformed", cancellationToken);
        }

        if (command.Request.CheckFreshness(now).IsFailed)
        {
            return await Refuse(command, "stale", cancellationToken);
        }

        if (!verifier.Verify(key.Value.ToBytes(), command.Request.SigningMessage(), Convert.FromHexString(sigHex)))
        {
            return await Refuse(command, "bad_signature", cancellationToken);
        }

        if (!await nonces.TryRememberAsync(key.Value, command.Request.Nonce, now + (SignedRequest.AcceptanceWindow * 2), cancellationToken))
        {
            return await Refuse(command, "replayed_nonce", cancellationToken);
        }

        var account = await accounts.FindByDeviceAsync(key.Value.Hex, cancellationToken);
        if (account is not null && !account.HasActiveDevice(key.Value.Hex))
        {
            return await Refuse(command, "revoked_device", cancellationToken);
        }

        if (account is null && command.RequireAccount)
        {
            return await Refuse(command, "no_account", cancellationToken);
        }

        return new AccountPrincipal(key.Value.Hex, account?.Id);
    }

    private async Task<Result<AccountPrincipal>> Refuse(AuthenticateAccountRequest command, string outcome, CancellationToken cancellationToken)
    {
        var who = command.DeviceKeyHex is null ? string.Empty : command.DeviceKeyHex[..Math.Min(command.DeviceKeyHex.Length, 64)];
        await audit.RecordAsync(new AuditEntry(time.Now(), $"account.auth {command.Request.Method} {command.Request.Path}", outcome, who, string.Empty, command.ClientAddress), cancellationToken);
        return Result.Fail<AccountPrincipal>(DomainErrors.Unauthorized("invalid_signature", "The request is not signed by an active device of an account."));
    }
}
