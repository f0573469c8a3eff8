using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Application.Agents;

/// <summary>
/// The checks every signed request passes whoever signed it (an agent, a device, an admin): key and signature are
/// well-formed hex, the timestamp is inside <see cref="SignedRequest.AcceptanceWindow"/>, and the Ed25519ph signature
/// verifies over the request. What the key must be allowed differs per signer, so each caller decides when the nonce
/// is worth spending (<see cref="SpendNonceAsync"/>): only after a verified signature, so nobody burns another's nonces.
/// </summary>
internal static class SignatureCheck
{
    private const int SignatureHexLength = 128;

    /// <summary>
    /// The signer's key when the request verifies; otherwise an unauthorized <c>invalid_signature</c> whose audit
    /// outcome says which check failed (<c>malformed</c>, <c>stale</c>, <c>bad_signature</c>).
    /// </summary>
    /// <param name="verifier">The Ed25519ph verifier.</param>
    /// <param name="keyHex">The key header's value.</param>
    /// <param name="signatureHex">The <c>X-Signature</c> header's value.</param>
    /// <param name="request">The request as its signature covers it.</param>
    /// <param name="now">The current time.</param>
    /// <param name="keyHeader">The header the key came in, for the message.</param>
    public static Result<AgentPublicKey> Verify(
        ISignatureVerifier verifier, string? keyHex, string? signatureHex, SignedRequest request, DateTimeOffset now, string keyHeader)
    {
        var key = AgentPublicKey.FromHex(keyHex);
        if (key.IsFailed || signatureHex is not { Length: SignatureHexLength } || !signatureHex.All(Uri.IsHexDigit))
        {
            return Refuse("malformed", $"{keyHeader} and X-Signature must be hex Ed25519 values.");
        }

        var freshness = request.CheckFreshness(now);
        if (freshness.IsFailed)
        {
            return Refuse("stale", freshness.FirstDomainError().Message);
        }

        if (!verifier.Verify(key.Value.ToBytes(), request.SigningMessage(), Convert.FromHexString(signatureHex)))
        {
            return Refuse("bad_signature", "The request signature does not verify.");
        }

        return key.Value;
    }

    /// <summary>Records the request's nonce for <paramref name="key"/>; <c>false</c> when it was used before (a replay).</summary>
    public static Task<bool> SpendNonceAsync(this INonceStore nonces, AgentPublicKey key, SignedRequest request, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Remembered for twice the window: a request stamped at the window's far edge is still refused as a replay.
        nonces.TryRememberAsync(key, request.Nonce, now + (SignedRequest.AcceptanceWindow * 2), cancellationToken);

    private static Result<AgentPublicKey> Refuse(string outcome, string message) =>
        Result.Fail<AgentPublicKey>(AuditNote.WithOutcome(DomainErrors.Unauthorized("invalid_signature", message), outcome));
}
