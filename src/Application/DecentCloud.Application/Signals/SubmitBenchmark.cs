using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Trust;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Signals;

/// <summary>
/// A renter submits the output of <c>yabs.sh -j</c> for an offering (<c>POST /api/v1/offerings/{id}/benchmarks</c>):
/// only an account with a provisioned contract on that offering may, at most <see cref="MaxPerDay"/> times a day per
/// offering; the document is parsed strictly and nothing is stored unless all of it is valid.
/// </summary>
/// <param name="User">The signed-in device.</param>
/// <param name="OfferingId">The offering's id as text.</param>
/// <param name="Document">The YABS JSON document.</param>
public sealed record SubmitBenchmark(AccountPrincipal User, string? OfferingId, string? Document) : ICommand<Result<BenchmarkSubmission>>
{
    /// <summary>Most submissions of one account for one offering per 24 hours.</summary>
    public const int MaxPerDay = 5;

    /// <summary>The source name of renters' submissions.</summary>
    public const string Source = "yabs";
}

/// <summary>Handles <see cref="SubmitBenchmark"/>.</summary>
internal sealed class SubmitBenchmarkHandler(IOfferingStore offerings, IBenchmarkStore benchmarks, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<SubmitBenchmark, Result<BenchmarkSubmission>>
{
    /// <inheritdoc />
    public async ValueTask<Result<BenchmarkSubmission>> Handle(SubmitBenchmark command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var offering = await OfferingLookup.FindAsync(offerings, command.OfferingId, cancellationToken);
        if (offering.IsFailed)
        {
            return offering.ToResult<BenchmarkSubmission>();
        }

        var id = offering.Value.Id;
        if (command.User.AccountId is not { } account || !await benchmarks.HasProvisionedRentalAsync(account, id, cancellationToken))
        {
            return Result.Fail(DomainErrors.Forbidden("not_a_renter",
                "only an account that rented this offering (a contract on it whose machine was provisioned) may submit a benchmark."));
        }

        var now = time.Now();
        if (await benchmarks.CountSubmissionsAsync(account, id, now.AddDays(-1), cancellationToken) >= SubmitBenchmark.MaxPerDay)
        {
            return Result.Fail(DomainErrors.LimitExceeded("benchmark_quota",
                $"at most {SubmitBenchmark.MaxPerDay} benchmarks per offering per 24 hours."));
        }

        var report = YabsReport.Parse(command.Document);
        if (report.IsFailed)
        {
            return report.ToResult<BenchmarkSubmission>();
        }

        var submission = new BenchmarkSubmission(Guid.CreateVersion7(now), id, offering.Value.ProviderId.Value, account, now, report.Value.Version,
            report.Value.RanAt, report.Value.ToBenchmarks(SubmitBenchmark.Source, id.ToString()));
        benchmarks.Add(submission);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return submission;
    }
}
