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
    : ICommand<Result<AcmeChallengeValue>>;

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
public sealed partial class UpdateAcmeTxtHandler(
    IAcmeDnsAccountStore accounts,
    IAcmeTxtRecordStore records,
    IDnsTxtPublisher publisher,
    IUnitOfWork unitOfWork,
    IAuditLog audit,
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
        if (DcId.Create(command.Subdomain).IsFailed)
        {
            return Result.Fail(DomainError.Invalid(AcmeDnsErrors.BadSubdomain, "subdomain is malformed"));
        }

        var value = AcmeChallengeValue.Create(command.Txt);
        if (value.IsFailed)
        {
            return value;
        }

        var account = await AuthenticateAsync(command, cancellationToken);
        if (account is null)
        {
            await Audit(command, null, "unauthorized", cancellationToken);
            return Result.Fail(DomainErrors.Unauthorized(AcmeDnsErrors.Forbidden, "forbidden"));
        }

        try
        {
            using (await locks.AcquireAsync("acme-txt:" + account.DcId.Value, cancellationToken))
            {
                await Retry.OnConflictAsync(unitOfWork, () => ApplyAsync(account.DcId, value.Value, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is DnsPublishException or ConcurrencyConflictException)
        {
            // A provider outage, or other API instances winning every retry: either way the value is not published.
            LogPublishFailed(logger, account.DcId.Value, ex);
            unitOfWork.Reset();
            await Audit(command, account, "dns_update_failed", cancellationToken);
            return Result.Fail(new DomainError(ErrorKind.Upstream, AcmeDnsErrors.DnsUpdateFailed, "dns_update_failed"));
        }

        await Audit(command, account, "ok", cancellationToken);
        return value;
    }

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

    private async Task<bool> ApplyAsync(DcId dcId, AcmeChallengeValue value, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(dcId, cancellationToken);
        if (record is null)
        {
            record = AcmeTxtRecord.Empty(dcId);
            records.Add(record);
        }

        if (record.Apply(value, time.Now()))
        {
            await publisher.ReplaceTxtValuesAsync(zones.Zone.ChallengeName(dcId), record.Values, cancellationToken);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return true;
    }

    private Task Audit(UpdateAcmeTxt command, AcmeDnsAccount? account, string outcome, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditEntry(
                time.Now(),
                "acme_dns.update",
                outcome,
                account?.Username.ToString() ?? (Guid.TryParse(command.Username, out var u) ? u.ToString() : string.Empty),
                account?.DcId.Value ?? (DcId.Create(command.Subdomain).IsSuccess ? command.Subdomain! : string.Empty),
                command.ClientAddress),
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing the challenge TXT of {DcId} failed")]
    private static partial void LogPublishFailed(ILogger logger, string dcId, Exception exception);
}
