using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Admin;

/// <summary>
/// Authenticates a request to an admin route: signed like a device's request (<c>X-Public-Key</c>, format 2, ±5 min,
/// nonce once) by a key listed in <see cref="AdminOptions.PublicKeys"/>; no account is involved. Unauthorized
/// <c>invalid_signature</c> for a malformed, stale, bad or replayed signature; forbidden <c>not_admin</c> for a valid
/// signature of another key, and <c>admin_not_configured</c> for every request while no admin key is configured.
/// Not audited here: the API's admin route group writes one entry per call, refusals included
/// (<see cref="RecordAdminCall"/>), with the outcome this result carries.
/// </summary>
/// <param name="PublicKeyHex">The <c>X-Public-Key</c> header.</param>
/// <param name="SignatureHex">The <c>X-Signature</c> header.</param>
/// <param name="Request">The request as its signature covers it; <c>null</c> when it is not in format 2 or cannot be signed unambiguously.</param>
public sealed record AuthenticateAdminRequest(string? PublicKeyHex, string? SignatureHex, SignedRequest? Request) : ICommand<Result<AdminPrincipal>>;

/// <summary>Handles <see cref="AuthenticateAdminRequest"/>.</summary>
internal sealed class AuthenticateAdminRequestHandler(
    ISignatureVerifier verifier,
    INonceStore nonces,
    IOptions<AdminOptions> options,
    TimeProvider time) : ICommandHandler<AuthenticateAdminRequest, Result<AdminPrincipal>>
{
    /// <inheritdoc />
    public async ValueTask<Result<AdminPrincipal>> Handle(AuthenticateAdminRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var admins = options.Value;
        if (admins.PublicKeys.Count == 0)
        {
            return Fail(DomainErrors.Forbidden(
                "admin_not_configured", "Admin keys are not configured (DC_ADMIN_PUBLIC_KEYS is empty), so every admin route is refused."), "not_configured");
        }

        if (command.Request is null)
        {
            return Fail(DomainErrors.Unauthorized(
                "invalid_signature", "X-Signature-Version must be 2, and a signed path must not hold an encoded '%' or '/'."), "malformed");
        }

        var now = time.Now();
        var key = SignatureCheck.Verify(verifier, command.PublicKeyHex, command.SignatureHex, command.Request, now, "X-Public-Key");
        if (key.IsFailed)
        {
            return key.ToResult<AdminPrincipal>();
        }

        // Checked before the nonce is spent, so keys that are no admin's leave nothing in the nonce table.
        if (!admins.Allows(key.Value))
        {
            return Fail(DomainErrors.Forbidden("not_admin", "The signing key is not an admin key."), "not_admin");
        }

        if (!await nonces.SpendNonceAsync(key.Value, command.Request, now, cancellationToken))
        {
            return Fail(DomainErrors.Unauthorized("invalid_signature", "The request nonce was used before."), "replayed_nonce");
        }

        return new AdminPrincipal(key.Value.Hex);
    }

    private static Result<AdminPrincipal> Fail(DomainError error, string outcome) => Result.Fail<AdminPrincipal>(AuditNote.WithOutcome(error, outcome));
}
