using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.ProviderSelfService;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Quality;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Quality;

/// <summary>
/// A provider reports one day of an offering's service (<c>PUT /api/v1/providers/me/offerings/{id}/sli</c>): uptime %,
/// response %, incidents. Shown beside the measured figures, never counted in them; a new report of the same day
/// replaces the old one.
/// </summary>
public sealed record SubmitSelfReportedSli(AccountPrincipal Signer, Guid OfferingId, DateOnly Day, decimal UptimePercent, decimal ResponsePercent, int Incidents)
    : ICommand<Result<SelfReportedSliView>>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result.IsSuccess ? new AuditNote("provider.sli.submit", "ok", ProviderSelf.Actor(Signer), $"{OfferingId}/{Day:yyyy-MM-dd}") : null;
}

/// <summary>Handles <see cref="SubmitSelfReportedSli"/>.</summary>
internal sealed class SubmitSelfReportedSliHandler(
    IProviderProfileStore profiles, IOfferingStore offerings, ISelfReportedSliStore slis, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<SubmitSelfReportedSli, Result<SelfReportedSliView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<SelfReportedSliView>> Handle(SubmitSelfReportedSli command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = await ProviderSelf.RequireAsync(profiles, command.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<SelfReportedSliView>();
        }

        // Another provider's offering reads as missing, as everywhere in self-service.
        if (await offerings.FindAsync(command.OfferingId, cancellationToken) is not { } offering || offering.ProviderId != provider.Value)
        {
            return Result.Fail<SelfReportedSliView>(DomainErrors.NotFound("offering_not_found", "No such offering of yours."));
        }

        var now = time.Now();
        var report = await slis.FindAsync(command.OfferingId, command.Day, cancellationToken);
        if (report is null)
        {
            var created = SelfReportedSli.Create(provider.Value, command.OfferingId, command.Day, command.UptimePercent, command.ResponsePercent, command.Incidents, now);
            if (created.IsFailed)
            {
                return created.ToResult<SelfReportedSliView>();
            }

            report = created.Value;
            slis.Add(report);
        }
        else if (report.Replace(command.UptimePercent, command.ResponsePercent, command.Incidents, now) is { IsFailed: true } replaced)
        {
            return replaced.ToResult<SelfReportedSliView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new SelfReportedSliView(report.Day, report.UptimePercent, report.ResponsePercent, report.Incidents);
    }
}
