using System.CommandLine;
using System.Text;
using DecentCloud.Application.Books;
using DecentCloud.Hosting.Cli;
using Mediator;

namespace DecentCloud.Api.Admin.Books;

/// <summary>The operator verbs of the money books (<c>admin books …</c>).</summary>
internal static class BooksVerbs
{
    public static IEnumerable<Command> Create(AdminContext context)
    {
        var limit = new Option<int>("--limit")
        {
            Description = "How many discrepancies to print at most (1-1000).",
            DefaultValueFactory = _ => VerifyBooks.DefaultMaxDiscrepancies,
        };
        var verify = new Command(
            "verify",
            "Proves the books balance: every transaction sums to zero, every balance equals its postings, no wallet, escrow, payable or revenue is negative. Exit 0 when they do, 1 when not.")
        {
            limit,
        };
        context.SetAction(verify, call => VerifyAsync(call.Mediator, call.Output, call.Parse.GetValue(limit), call.CancellationToken));
        return [new Command("books", "The double-entry money books.") { verify }];
    }

    /// <summary>Runs the verification and prints its report; 0 when the books balance, 1 when not, 2 for a bad limit.</summary>
    public static async Task<int> VerifyAsync(IMediator mediator, CliOutput output, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(output);
        var result = await mediator.Send(new VerifyBooks(limit), cancellationToken);
        if (result.IsFailed)
        {
            return output.Fail(result.Errors[0].Message, 2);
        }

        var report = result.Value;
        await output.WriteResultAsync(report, Describe(report));
        if (!report.Balanced)
        {
            // Scripts that only look at stderr still see why the exit code is 1.
            await output.Error.WriteLineAsync($"error: the books do not balance ({report.Discrepancies.Count} discrepancy(ies) shown)");
        }

        return report.Balanced ? 0 : 1;
    }

    private static string Describe(BooksReport report)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"{report.Counts.Transactions} transaction(s), {report.Counts.Postings} posting(s), {report.Counts.Accounts} account(s): ");
        text.Append(report.Balanced ? "the books balance." : "the books do NOT balance.");
        foreach (var found in report.Discrepancies)
        {
            text.Append('\n').Append(found.Problem).Append('\t').Append(found.Subject).Append('\t').Append(found.Detail);
        }

        return text.ToString();
    }
}
