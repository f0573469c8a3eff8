using FluentResults;
using Mediator;

namespace DecentCloud.Application.Books;

/// <summary>
/// Proves the books balance (<c>admin books verify</c>): every transaction sums to zero, every stored balance equals
/// the sum of its postings, and no wallet, escrow, payable or revenue is negative.
/// </summary>
/// <param name="MaxDiscrepancies">How many discrepancies to report at most (1-1000); the checks stop looking beyond.</param>
public sealed record VerifyBooks(int MaxDiscrepancies = VerifyBooks.DefaultMaxDiscrepancies) : IQuery<Result<BooksReport>>
{
    /// <summary>The default limit.</summary>
    public const int DefaultMaxDiscrepancies = 20;
}

/// <summary>Handles <see cref="VerifyBooks"/>.</summary>
internal sealed class VerifyBooksHandler(ILedgerAudit audit) : IQueryHandler<VerifyBooks, Result<BooksReport>>
{
    public async ValueTask<Result<BooksReport>> Handle(VerifyBooks query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MaxDiscrepancies is < 1 or > 1000)
        {
            return Result.Fail<BooksReport>(Domain.Common.DomainError.Invalid("invalid_limit", "the discrepancy limit must be 1-1000."));
        }

        var found = new List<BooksDiscrepancy>();
        found.AddRange(await audit.UnbalancedTransactionsAsync(query.MaxDiscrepancies, cancellationToken));
        found.AddRange(await audit.MismatchedBalancesAsync(query.MaxDiscrepancies - found.Count + 1, cancellationToken));
        found.AddRange(await audit.NegativeBalancesAsync(query.MaxDiscrepancies - found.Count + 1, cancellationToken));
        var counts = await audit.CountAsync(cancellationToken);
        return new BooksReport(counts, found.Take(query.MaxDiscrepancies).ToArray());
    }
}
