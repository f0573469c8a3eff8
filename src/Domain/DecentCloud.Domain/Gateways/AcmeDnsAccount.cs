using System.Security.Cryptography;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>
/// The acme-dns credentials of one gateway: they may set exactly the challenge TXT of <see cref="DcId"/>.
/// The <see cref="DcId"/> belongs to the provider that registered it first; only the secret's hash is kept.
/// </summary>
public sealed class AcmeDnsAccount : AggregateRoot
{
    private AcmeDnsAccount(DcId dcId, ProviderId providerId, Guid username, byte[] secretHash, DateTimeOffset now)
    {
        DcId = dcId;
        ProviderId = providerId;
        Username = username;
        SecretHash = secretHash;
        CreatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The gateway this account may write the challenge of.</summary>
    public DcId DcId { get; private set; }

    /// <summary>The owner of <see cref="DcId"/>.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>The acme-dns username (a UUID), replaced on every rotation.</summary>
    public Guid Username { get; private set; }

    /// <summary>A keyed hash of the password; the password itself is never stored.</summary>
    public byte[] SecretHash { get; private set; }

    /// <summary>When the dc_id was first registered.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the credentials were last issued or revoked.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the credentials were revoked; <c>null</c> while they work.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Whether the credentials currently work.</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>Opens the account of a dc_id nobody owns yet.</summary>
    public static AcmeDnsAccount Open(DcId dcId, ProviderId providerId, Guid username, byte[] secretHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dcId);
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentNullException.ThrowIfNull(secretHash);
        var account = new AcmeDnsAccount(dcId, providerId, username, secretHash, now);
        account.Raise(new GatewayRegistered(dcId, providerId, now));
        return account;
    }

    /// <summary>Issues new credentials to the owner; the old ones stop working at once. Another provider gets a conflict.</summary>
    public Result Rotate(ProviderId requester, Guid username, byte[] secretHash, DateTimeOffset now)
    {
        var owned = EnsureOwnedBy(requester);
        if (owned.IsFailed)
        {
            return owned;
        }

        ArgumentNullException.ThrowIfNull(secretHash);
        Username = username;
        SecretHash = secretHash;
        RevokedAt = null;
        UpdatedAt = now;
        return Result.Ok();
    }

    /// <summary>Revokes the credentials; the dc_id stays with its owner.</summary>
    public void Revoke(DateTimeOffset now)
    {
        // Raised on every revocation, not only the first: each one must withdraw whatever challenge values are left.
        Raise(new GatewayCredentialsRevoked(DcId, ProviderId, now));
        RevokedAt ??= now;
        UpdatedAt = now;
    }

    /// <summary>Fails with a conflict unless <paramref name="provider"/> owns this dc_id.</summary>
    public Result EnsureOwnedBy(ProviderId provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider == ProviderId
            ? Result.Ok()
            : Result.Fail(DomainErrors.Conflict("dc_id_taken", $"dc_id '{DcId}' belongs to another provider."));
    }

    /// <summary>Compares a candidate hash with the stored one in constant time; revoked accounts never match.</summary>
    public bool SecretMatches(ReadOnlySpan<byte> candidateHash) =>
        CryptographicOperations.FixedTimeEquals(SecretHash, candidateHash) & IsActive;

#pragma warning disable CS8618 // for the persistence mapper
    private AcmeDnsAccount()
    {
    }
#pragma warning restore CS8618
}
