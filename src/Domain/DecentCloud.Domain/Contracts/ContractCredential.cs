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

    /// <summary>Longest login user name (the column's length).</summary>
    public const int MaxLoginUserLength = 32;

    /// <summary>
    /// Accepts an upload: a <see cref="SealedCredential"/> (already checked field by field for this contract and the
    /// account's keys) for a valid login user. The API never takes a plaintext password.
    /// </summary>
    public static Result<ContractCredential> Accept(ContractId contractId, SealedCredential envelope, string? loginUser, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(envelope);
        if (loginUser is null || loginUser.Length is 0 or > MaxLoginUserLength || !loginUser.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'))
        {
            return Result.Fail<ContractCredential>(DomainError.Invalid("invalid_login_user", "loginUser must be 1-32 characters of [a-z0-9_-]."));
        }

        return new ContractCredential(contractId, envelope.Canonical, loginUser, now, now + lifetime);
    }

    /// <summary>Replaces the envelope after a password reset, restarting its lifetime.</summary>
    public Result Replace(SealedCredential envelope, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Envelope = envelope.Canonical;
        CreatedAt = now;
        ExpiresAt = now + lifetime;
        return Result.Ok();
    }

#pragma warning disable CS8618 // for the persistence mapper
    private ContractCredential()
    {
    }
#pragma warning restore CS8618
}
