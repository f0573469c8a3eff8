using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Books;

/// <summary>
/// One balanced movement of money: postings between different accounts that sum to exactly zero, so money is
/// never made nor lost. Its idempotency key (e.g. <c>stripe:{sessionId}</c>) names the outside event it records:
/// the books hold at most one transaction per key, so the same event delivered twice is booked once.
/// </summary>
public sealed record LedgerTransaction
{
    /// <summary>The longest idempotency key.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The longest memo.</summary>
    public const int MaxMemoLength = 500;

    private LedgerTransaction(Guid id, LedgerTransactionKind kind, string idempotencyKey, DateTimeOffset at, string memo, IReadOnlyList<LedgerPosting> postings)
    {
        Id = id;
        Kind = kind;
        IdempotencyKey = idempotencyKey;
        At = at;
        Memo = memo;
        Postings = postings;
    }

    /// <summary>The transaction's id.</summary>
    public Guid Id { get; }

    /// <summary>Why the money moved.</summary>
    public LedgerTransactionKind Kind { get; }

    /// <summary>The unique key of the event it records.</summary>
    public string IdempotencyKey { get; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; }

    /// <summary>A note for people (may be empty).</summary>
    public string Memo { get; }

    /// <summary>The postings, at least two, each to a different account, summing to zero.</summary>
    public IReadOnlyList<LedgerPosting> Postings { get; }

    /// <summary>
    /// Validates and builds a transaction; every problem is reported (bad kind, key or memo, fewer than two postings,
    /// a zero amount, an account twice, a sum that is not zero), none half-applied.
    /// </summary>
    public static Result<LedgerTransaction> Create(
        Guid id, LedgerTransactionKind kind, string? idempotencyKey, DateTimeOffset at, string? memo, IReadOnlyList<LedgerPosting>? postings)
    {
        var errors = new List<IError>();
        var lines = postings ?? [];
        Check(errors, id != Guid.Empty, "invalid_transaction_id", "a transaction id is required.");
        Check(errors, LedgerTransactionKinds.IsDefined(kind), "invalid_transaction_kind", $"'{kind}' is no transaction kind.");
        Check(errors, idempotencyKey is { Length: > 0 and <= MaxKeyLength } && idempotencyKey.All(c => c is > ' ' and <= '~'),
            "invalid_idempotency_key", $"the idempotency key must be 1-{MaxKeyLength} printable ASCII characters without spaces.");
        Check(errors, (memo ?? string.Empty).Length <= MaxMemoLength, "invalid_memo", $"the memo must be at most {MaxMemoLength} characters.");
        Check(errors, lines.Count >= 2, "too_few_postings", $"a transaction needs at least two postings, got {lines.Count}.");
        Check(errors, lines.All(p => p?.Account is not null), "invalid_posting", "every posting needs an account.");
        if (errors.Count == 0)
        {
            foreach (var zero in lines.Where(p => p.AmountNanoUsd == 0))
            {
                errors.Add(DomainError.Invalid("zero_posting", $"the posting to {zero.Account} moves nothing."));
            }

            foreach (var twice in lines.GroupBy(p => p.Account).Where(g => g.Count() > 1))
            {
                errors.Add(DomainError.Invalid("duplicate_account", $"{twice.Key} is posted to {twice.Count()} times; one posting per account."));
            }

            // Int128 cannot overflow over at most int.MaxValue longs, so a sum that wraps a long is still caught.
            var sum = lines.Aggregate(Int128.Zero, (total, p) => total + p.AmountNanoUsd);
            Check(errors, sum == 0, "unbalanced_transaction", $"the postings sum to {sum} nano-USD; they must sum to zero.");
        }

        if (errors.Count > 0)
        {
            return Result.Fail<LedgerTransaction>(errors);
        }

        return new LedgerTransaction(id, kind, idempotencyKey!, at, memo ?? string.Empty, lines.ToArray());
    }

    /// <summary>A transaction with a new id that moves <paramref name="amount"/> from one account to another.</summary>
    public static Result<LedgerTransaction> Transfer(
        LedgerTransactionKind kind, string? idempotencyKey, DateTimeOffset at, string? memo, LedgerAccount from, LedgerAccount to, UsdAmount amount) =>
        Create(Guid.NewGuid(), kind, idempotencyKey, at, memo, [new LedgerPosting(from, -amount.NanoUsd), new LedgerPosting(to, amount.NanoUsd)]);

    /// <summary>Whether <paramref name="other"/> records the same movement (same kind and postings); ids and times may differ.</summary>
    public bool SameMovementAs(LedgerTransaction other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind
            && Postings.OrderBy(p => p.Account.ToString(), StringComparer.Ordinal)
                .SequenceEqual(other.Postings.OrderBy(p => p.Account.ToString(), StringComparer.Ordinal));
    }

    private static void Check(List<IError> errors, bool ok, string code, string message)
    {
        if (!ok)
        {
            errors.Add(DomainError.Invalid(code, message));
        }
    }
}
