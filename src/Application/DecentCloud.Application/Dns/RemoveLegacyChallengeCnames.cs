using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Dns;

/// <summary>
/// Finds the <c>_acme-challenge.*.{gw_prefix}.{domain}</c> CNAME records left from the time a separate
/// acme-dns server answered the challenges, and removes them unless <paramref name="DryRun"/>.
/// </summary>
public sealed record RemoveLegacyChallengeCnames(bool DryRun) : ICommand<Result<IReadOnlyList<DnsRecordInfo>>>;

/// <summary>Handles <see cref="RemoveLegacyChallengeCnames"/>; returns the records found (and removed unless dry run).</summary>
internal sealed class RemoveLegacyChallengeCnamesHandler(IServiceProvider services, GatewayZoneProvider zones)
    : ICommandHandler<RemoveLegacyChallengeCnames, Result<IReadOnlyList<DnsRecordInfo>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<DnsRecordInfo>>> Handle(RemoveLegacyChallengeCnames command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // Only a zone at a DNS provider can hold legacy records; the embedded server never had any.
        var zone = services.GetService<IDnsZoneMaintenance>();
        if (zone is null)
        {
            return Result.Fail(new DomainError(ErrorKind.Unavailable, "dns_provider_unset",
                "No DNS provider zone is configured (set CF_API_TOKEN and CF_ZONE_ID)."));
        }

        var suffix = "." + zones.Zone.GatewaysApex;
        var legacy = (await zone.ListCnameRecordsAsync(cancellationToken))
            .Where(r => IsLegacyChallenge(r.Name.TrimEnd('.').ToLowerInvariant(), suffix))
            .ToArray();
        if (!command.DryRun)
        {
            foreach (var record in legacy)
            {
                await zone.DeleteRecordAsync(record.Id, cancellationToken);
            }
        }

        return legacy;
    }

    private static bool IsLegacyChallenge(string name, string suffix)
    {
        const string prefix = "_acme-challenge.";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = name[prefix.Length..^suffix.Length];
        return middle.Length > 0 && !middle.Contains('.', StringComparison.Ordinal);
    }
}
