using System.Security.Cryptography;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.AcmeDns;

/// <summary>
/// The acme-dns <c>update</c> call: sets the challenge TXT of the account's own gateway. The record
/// name comes from the stored account, never from the request; <paramref name="Subdomain"/> must name it.
/// </summary>
public sealed record UpdateAcmeTxt(string? Username, string? Key, string? Subdomain, string? Txt, string? ClientAddress)
    : ICommand<Result<AcmeChallengeValue>>, IRetryOnConflict, IAudited
{
    /// <summary>Other API instances winning every retry: the value is not published, as in a provider outage.</summary>
    IError? IRetryOnConflict.ErrorWhenConflictsPersist => UpdateAcmeTxtHandler.DnsUpdateFailed();

    /// <summary>Authentication failures and DNS outcomes are audited; a malformed request is not.</summary>
    public AuditNote? Audit(IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.IsSuccess ? "ok" : result.FirstDomainError().Code switch
        {
            AcmeDnsErrors.Forbidden => "unauthorized",
            AcmeDnsErrors.DnsUpdateFailed => AcmeDnsErrors.DnsUpdateFailed,
            _ => null,
        };

        // An authenticated account's username and dc_id are exactly the request's, so the request names both.
        return outcome is null
            ? null
            : new AuditNote(
                "acme_dns.update",
                outcome,
                Guid.TryParse(Username, out var user) ? user.ToString() : string.Empty,
                DcId.Create(Subdomain).IsSuccess ? Subdomain! : string.Empty,
                ClientAddress);
    }
}

/// <summary>Stable error codes of the acme-dns wire protocol.</summary>
public static class AcmeDnsErrors
{
    /// <summary>Every authentication failure.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Body not JSON or the value malformed.</summary>
    public const string BadTxt = "bad_txt";

    /// <summary>The subdomain is malformed.</summary>
    public const string BadSubdomain = "bad_subdomain";

    /// <summary>The DNS provider failed.</summary>
    public const string DnsUpdateFailed = "dns_update_failed";
}

/// <summary>Handles <see cref="UpdateAcmeTxt"/>.</summary>
internal sealed partial class UpdateAcmeTxtHandler(
    IAcmeDnsAccountStore accounts,
    IAcmeTxtRecordStore records,
    IDnsTxtPublisher publisher,
    IUnitOfWork unitOfWork,
    GatewayZoneProvider zones,
    KeyedLock locks,
    TimeProvider time,
    ILogger<UpdateAcmeTxtHandler> logger) : ICommandHandler<UpdateAcmeTxt, Result<AcmeChallengeValue>>
{
    // Compared against when the user is unknown, so unknown users cost the same work as wrong keys.
    private static readonly byte[] DecoyHash = SecretHasher.Hash(SecretHasher.NewSecret());

    /// <inheritdoc />
    public async ValueTask<Result<AcmeChallengeValue>> Handle(UpdateAcmeTxt command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var subdomain = DcId.Create(command.Subdomain);
        if (subdomain.IsFailed)
        {
            return Result.Fail(DomainError.Invalid(AcmeDnsErrors.BadSubdomain, "subdomain is malformed"));
        }

        var value = AcmeChallengeValue.Create(command.Txt);
        if (value.IsFailed)
        {
            return value;
        }

        // Authenticated under the lock, so requests queued behind one another each read the account as the one before left it.
        using (await locks.AcquireAsync("acme-txt:" + subdomain.Value.Value, cancellationToken))
        {
            var account = await AuthenticateAsync(command, cancellationToken);
            if (account is null)
            {
                return Result.Fail(DomainErrors.Unauthorized(AcmeDnsErrors.Forbidden, "forbidden"));
            }

            // The credentials must still be the account's when the value commits: a revocation or rotation committed
            // after this authentication fails the save, and the retry authenticates again.
            accounts.RequireUnchangedAtSave(account);
            try
            {
                await ApplyAsync(account.DcId, value.Value, cancellationToken);
            }
            catch (DnsPublishException ex)
            {
                LogPublishFailed(logger, account.DcId.Value, ex);
                unitOfWork.Reset();
                return Result.Fail(DnsUpdateFailed());
            }
        }

        return value;
    }

    /// <summary>The error of an update whose value did not reach DNS.</summary>
    internal static DomainError DnsUpdateFailed() => new(ErrorKind.Upstream, AcmeDnsErrors.DnsUpdateFailed, "dns_update_failed");

    private async Task<AcmeDnsAccount?> AuthenticateAsync(UpdateAcmeTxt command, CancellationToken cancellationToken)
    {
        var candidate = SecretHasher.Hash(command.Key ?? string.Empty);
        var account = Guid.TryParse(command.Username, out var username)
            ? await accounts.FindByUsernameAsync(username, cancellationToken)
            : null;
        if (account is null)
        {
            _ = CryptographicOperations.FixedTimeEquals(DecoyHash, candidate);
            return null;
        }

        var matches = account.SecretMatches(candidate) & account.DcId.Value == command.Subdomain;
        return matches && !string.IsNullOrEmpty(command.Key) ? account : null;
    }

    private async Task ApplyAsync(DcId dcId, AcmeChallengeValue value, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(dcId, cancellationToken);
        if (record is null)
        {
            record = AcmeTxtRecord.Empty(dcId);
            records.Add(record);
        }

        var name = zones.Zone.ChallengeName(dcId);
        var published = record.Apply(value, time.Now());
        if (published)
        {
            await publisher.ReplaceTxtValuesAsync(name, record.Values, cancellationToken);
        }

        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException) when (published)
        {
            // The value reached DNS but not the database (another writer, perhaps a revocation, committed first):
            // put DNS back to what the database holds before the retry decides again, or a withdrawn name keeps a value.
            unitOfWork.Reset();
            var stored = await records.FindAsync(dcId, cancellationToken);
            await publisher.ReplaceTxtValuesAsync(name, stored?.Values ?? [], cancellationToken);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing the challenge TXT of {DcId} failed")]
    private static partial void LogPublishFailed(ILogger logger, string dcId, Exception exception);
}
