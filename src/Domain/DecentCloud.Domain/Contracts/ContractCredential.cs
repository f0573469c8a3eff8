using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>
/// The encrypted VM password of a contract: only the envelope (ciphertext for the account's keys) is
/// kept, and only until it expires.
/// </summary>
public sealed class ContractCredential
{
    /// <summary>Largest envelope accepted.</summary>
    public const int MaxEnvelopeLength = 16384;

    private ContractCredential(ContractId contractId, string envelope, string loginUser, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ContractId = contractId;
        Envelope = envelope;
        LoginUser = loginUser;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    /// <summary>The contract it belongs to.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>The v3 envelope as JSON.</summary>
    public string Envelope { get; private set; }

    /// <summary>The login user the password is for.</summary>
    public string LoginUser { get; private set; }

    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>
    /// Accepts an upload only if it is a v3 envelope (JSON with version 3, a ciphertext and recipients) bound to
    /// this contract: the API never takes a plaintext password.
    /// </summary>
    public static Result<ContractCredential> Accept(ContractId contractId, string? envelope, string? loginUser, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        if (envelope is null || envelope.Length > MaxEnvelopeLength || !LooksLikeV3Envelope(envelope, contractId))
        {
            return Result.Fail<ContractCredential>(DomainError.Invalid(
                "invalid_envelope", "credentials must be a v3 envelope for this contract (version 3, contract_id, nonce, ciphertext, recipients)."));
        }

        if (loginUser is null || loginUser.Length is 0 or > 32 || !loginUser.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'))
        {
            return Result.Fail<ContractCredential>(DomainError.Invalid("invalid_login_user", "loginUser must be 1-32 characters of [a-z0-9_-]."));
        }

        return new ContractCredential(contractId, envelope, loginUser, now, now + lifetime);
    }

    /// <summary>Replaces the envelope after a password reset, restarting its lifetime.</summary>
    public Result Replace(string? envelope, DateTimeOffset now, TimeSpan lifetime)
    {
        var fresh = Accept(ContractId, envelope, LoginUser, now, lifetime);
        if (fresh.IsFailed)
        {
            return fresh.ToResult();
        }

        Envelope = fresh.Value.Envelope;
        CreatedAt = now;
        ExpiresAt = fresh.Value.ExpiresAt;
        return Result.Ok();
    }

    private static bool LooksLikeV3Envelope(string envelope, ContractId contractId)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(envelope);
            var root = doc.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("version", out var version) && version.ValueKind == System.Text.Json.JsonValueKind.Number && version.GetInt32() == 3
                && root.TryGetProperty("contract_id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
                && string.Equals(id.GetString(), contractId.Hex, StringComparison.OrdinalIgnoreCase)
                && root.TryGetProperty("ciphertext", out var ct) && ct.ValueKind == System.Text.Json.JsonValueKind.String
                && root.TryGetProperty("recipients", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.Array && r.GetArrayLength() > 0;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

#pragma warning disable CS8618 // for the persistence mapper
    private ContractCredential()
    {
    }
#pragma warning restore CS8618
}
