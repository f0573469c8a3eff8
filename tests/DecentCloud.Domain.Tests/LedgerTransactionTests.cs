using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;

namespace DecentCloud.Domain.Tests;

/// <summary>The books' rules that hold with no database: balanced transactions between distinct accounts, and account names.</summary>
public class LedgerTransactionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LedgerAccount Wallet = LedgerAccount.Wallet(Guid.Parse("6f1c0a52-3e0b-4d39-9b49-5c1d2e3f4a5b"));
    private static readonly LedgerAccount Escrow = LedgerAccount.Escrow(ContractId.FromHex(new string('a', 64)).Value);

    private static string[] Codes(FluentResults.ResultBase result) => result.Errors.OfType<DomainError>().Select(e => e.Code).Order().ToArray();

    [Fact]
    public void A_balanced_transfer_between_two_accounts_is_accepted_as_given()
    {
        var tx = LedgerTransaction.Transfer(LedgerTransactionKind.RentalDebit, "rent:1", At, "rent", Wallet, Escrow, UsdAmount.FromWholeUsd(12).Value);

        Assert.True(tx.IsSuccess);
        Assert.Equal([new LedgerPosting(Wallet, -12_000_000_000), new LedgerPosting(Escrow, 12_000_000_000)], tx.Value.Postings);
        Assert.Equal("rent:1", tx.Value.IdempotencyKey);
        Assert.Equal(LedgerTransactionKind.RentalDebit, tx.Value.Kind);
        Assert.Equal(At, tx.Value.At);
    }

    [Fact]
    public void A_release_may_split_one_debit_over_several_accounts()
    {
        var provider = LedgerAccount.Payable(ProviderId.Create("prov-a").Value);
        var tx = LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.EscrowRelease, "release:1", At, null,
            [new(Escrow, -100), new(provider, 97), new(LedgerAccount.Revenue, 3)]);

        Assert.True(tx.IsSuccess);
        Assert.Equal(string.Empty, tx.Value.Memo);
    }

    [Fact]
    public void An_unbalanced_transaction_is_refused_with_its_sum_named()
    {
        var tx = LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.TopUp, "k", At, null, [new(LedgerAccount.Stripe, -100), new(Wallet, 99)]);

        Assert.Equal(["unbalanced_transaction"], Codes(tx));
        Assert.Contains("-1 nano-USD", tx.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sum_that_wraps_a_64_bit_integer_to_zero_is_still_unbalanced()
    {
        // long.MaxValue + long.MaxValue + 2 wraps to 0 in 64 bits; the true sum is 2^64.
        var tx = LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.Adjustment, "k", At, null,
            [new(LedgerAccount.Stripe, long.MaxValue), new(LedgerAccount.Icpay, long.MaxValue), new(Wallet, 2)]);

        Assert.Equal(["unbalanced_transaction"], Codes(tx));
    }

    [Fact]
    public void Every_problem_of_a_bad_transaction_is_named_at_once()
    {
        var tx = LedgerTransaction.Create(Guid.Empty, (LedgerTransactionKind)99, "has space", At, new string('m', 501), [new(Wallet, 5)]);

        Assert.Equal(["invalid_idempotency_key", "invalid_memo", "invalid_transaction_id", "invalid_transaction_kind", "too_few_postings"], Codes(tx));
    }

    [Fact]
    public void An_empty_transaction_is_refused()
    {
        Assert.Equal(["too_few_postings"], Codes(LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.TopUp, "k", At, null, [])));
        Assert.Equal(["too_few_postings"], Codes(LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.TopUp, "k", At, null, null)));
    }

    [Fact]
    public void A_zero_posting_and_an_account_posted_twice_are_both_named()
    {
        var tx = LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.Adjustment, "k", At, null,
            [new(Wallet, 5), new(Wallet, -5), new(Escrow, 0)]);

        Assert.Equal(["duplicate_account", "zero_posting"], Codes(tx));
        Assert.Contains(tx.Errors, e => e.Message.Contains(Wallet.ToString(), StringComparison.Ordinal));
        Assert.Contains(tx.Errors, e => e.Message.Contains(Escrow.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_transfer_of_nothing_is_refused()
    {
        var tx = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "k", At, null, LedgerAccount.Stripe, Wallet, UsdAmount.Zero);

        Assert.Equal(["zero_posting", "zero_posting"], Codes(tx));
    }

    [Fact]
    public void Only_rails_may_go_negative()
    {
        Assert.True(Wallet.MustStayNonNegative);
        Assert.True(Wallet.IsWallet);
        Assert.True(Escrow.MustStayNonNegative);
        Assert.True(LedgerAccount.Payable(ProviderId.Create("p").Value).MustStayNonNegative);
        Assert.True(LedgerAccount.Revenue.MustStayNonNegative);
        Assert.False(LedgerAccount.Stripe.MustStayNonNegative);
        Assert.False(LedgerAccount.Icpay.MustStayNonNegative);
        Assert.False(LedgerAccount.Manual.MustStayNonNegative);
        Assert.False(LedgerAccount.Icrc1("DC").Value.MustStayNonNegative);
        Assert.False(Escrow.IsWallet);
    }

    [Theory]
    [InlineData("wallet:6f1c0a52-3e0b-4d39-9b49-5c1d2e3f4a5b", LedgerAccountKind.Wallet)]
    [InlineData("escrow:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", LedgerAccountKind.Escrow)]
    [InlineData("payable:prov-a", LedgerAccountKind.Payable)]
    [InlineData("revenue", LedgerAccountKind.Revenue)]
    [InlineData("rail:stripe", LedgerAccountKind.Rail)]
    [InlineData("rail:icpay", LedgerAccountKind.Rail)]
    [InlineData("rail:icrc1:ckUSDC", LedgerAccountKind.Rail)]
    [InlineData("rail:manual", LedgerAccountKind.Rail)]
    public void Account_text_reads_back_to_the_same_account(string text, LedgerAccountKind kind)
    {
        var account = LedgerAccount.Parse(text);

        Assert.True(account.IsSuccess);
        Assert.Equal(kind, account.Value.Kind);
        Assert.Equal(text, account.Value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("wallet")]
    [InlineData("wallet:not-a-guid")]
    [InlineData("wallet:00000000-0000-0000-0000-000000000000")]
    [InlineData("wallet:6F1C0A52-3E0B-4D39-9B49-5C1D2E3F4A5B")]
    [InlineData("escrow:xyz")]
    [InlineData("payable:")]
    [InlineData("rail:paypal")]
    [InlineData("rail:icrc1:")]
    [InlineData("rail:icrc1:a b")]
    [InlineData("revenue:x")]
    [InlineData("bank:x")]
    public void Anything_else_is_no_account_and_the_text_is_named(string text)
    {
        var account = LedgerAccount.Parse(text);

        Assert.Equal(["invalid_ledger_account"], Codes(account));
        Assert.Contains($"'{text}'", account.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transaction_kinds_have_the_spec_wire_names()
    {
        var names = Enum.GetValues<LedgerTransactionKind>().Select(k => k.ToWire()).ToArray();

        Assert.Equal(["topup", "rental_debit", "rental_refund", "adjustment", "purchase", "escrow_release", "payout", "reversal"], names);
        Assert.All(Enum.GetValues<LedgerTransactionKind>(), k => Assert.Equal(k, LedgerTransactionKinds.FromWire(k.ToWire())));
        Assert.Null(LedgerTransactionKinds.FromWire("gift"));
    }
}
