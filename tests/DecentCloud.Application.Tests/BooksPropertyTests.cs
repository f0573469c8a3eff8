using CsCheck;
using DecentCloud.Application.Books;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Books;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Random sequences of money movements over many accounts on the SQLite books, against a model of the balances: the
/// books always verify, no wallet (nor escrow, payable, revenue) goes negative, a refused posting changes nothing and
/// a replayed key books nothing twice.
/// </summary>
public sealed class BooksPropertyTests : IAsyncLifetime
{
    private const int Wallets = 4;
    private const int Escrows = 4;
    private const int Providers = 3;
    private static readonly LedgerAccount[] Rails = [LedgerAccount.Stripe, LedgerAccount.Icpay, LedgerAccount.Manual, LedgerAccount.Icrc1("DC").Value];

    private AppHarness? _app;

    private enum Move
    {
        TopUp,
        Debit,
        Release,
        Refund,
        Payout,
        Replay,
    }

    private sealed record Step(Move Move, int A, int B, long Amount, long Fee);

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Enum<Move>(), Gen.Int[0, 11], Gen.Int[0, 11], Gen.Long[1, 40_000_000_000], Gen.Long[0, 2_000_000_000],
        (move, a, b, amount, fee) => new Step(move, a, b, amount, fee));

    public async ValueTask InitializeAsync() => _app = await AppHarness.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public Task Any_sequence_of_movements_keeps_the_books_balanced_and_no_holding_account_negative() =>
        Steps.List[1, 40].SampleAsync(RunAsync, iter: 40, threads: 1);

    private async Task RunAsync(List<Step> steps)
    {
        var app = _app!;
        var run = Guid.NewGuid().ToString("N")[..12];
        var wallets = Enumerable.Range(0, Wallets).Select(_ => LedgerAccount.Wallet(Guid.NewGuid())).ToArray();
        var escrows = Enumerable.Range(0, Escrows).Select(_ => LedgerAccount.Escrow(ContractId.FromBytes(Guid.NewGuid().ToByteArray()).Value)).ToArray();
        var payables = Enumerable.Range(0, Providers).Select(i => LedgerAccount.Payable(ProviderId.Create($"prov-{run}-{i}").Value)).ToArray();
        var model = new Dictionary<LedgerAccount, long>();
        var booked = new List<LedgerTransaction>();
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            at = at.AddMinutes(step.A + 1);
            var key = $"{run}:{i}";
            var tx = step.Move switch
            {
                Move.TopUp => Transfer(LedgerTransactionKind.TopUp, key, at, Rails[step.B % Rails.Length], wallets[step.A % Wallets], step.Amount),
                Move.Debit => Transfer(LedgerTransactionKind.RentalDebit, key, at, wallets[step.A % Wallets], escrows[step.B % Escrows], step.Amount),
                Move.Refund => Transfer(LedgerTransactionKind.RentalRefund, key, at, escrows[step.A % Escrows], wallets[step.B % Wallets], step.Amount),
                Move.Payout => Transfer(LedgerTransactionKind.Payout, key, at, payables[step.A % Providers], LedgerAccount.Manual, step.Amount),
                Move.Release => Release(key, at, escrows[step.A % Escrows], payables[step.B % Providers], step.Amount, step.Fee),
                // The same event again (its key, a new id and even other amounts): the first booking stands.
                _ when booked.Count > 0 => LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.TopUp, booked[step.A % booked.Count].IdempotencyKey, at, null,
                    [new(LedgerAccount.Stripe, -step.Amount), new(wallets[step.B % Wallets], step.Amount)]).Value,
                _ => Transfer(LedgerTransactionKind.TopUp, key, at, LedgerAccount.Stripe, wallets[step.B % Wallets], step.Amount),
            };

            var replayOf = booked.FirstOrDefault(b => b.IdempotencyKey == tx.IdempotencyKey);
            var before = await BalancesAsync(tx.Postings.Select(p => p.Account).Concat(wallets), model);
            var allowed = replayOf is null && tx.Postings.All(p => !p.Account.MustStayNonNegative || before[p.Account] + p.AmountNanoUsd >= 0);

            var result = await PostAsync(tx);

            if (replayOf is not null)
            {
                Assert.True(result.IsSuccess);
                Assert.Equal(replayOf.Id, result.Value.Id);
            }
            else if (allowed)
            {
                Assert.True(result.IsSuccess, $"step {i}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
                booked.Add(tx);
                foreach (var posting in tx.Postings)
                {
                    model[posting.Account] = before[posting.Account] + posting.AmountNanoUsd;
                }
            }
            else
            {
                Assert.Equal("insufficient_funds", Assert.IsType<DomainError>(Assert.Single(result.Errors)).Code);
            }

            // Refused or replayed: nothing moved. Booked: exactly the postings moved.
            var after = await BalancesAsync(before.Keys, model: null);
            foreach (var (account, balance) in after)
            {
                Assert.Equal(model.TryGetValue(account, out var expected) ? expected : before[account], balance);
                Assert.True(!account.MustStayNonNegative || balance >= 0, $"{account} is {balance}");
            }
        }

        var report = (await app.SendAsync(new VerifyBooks())).Value;
        Assert.True(report.Balanced, string.Join("\n", report.Discrepancies));
    }

    private static LedgerTransaction Transfer(LedgerTransactionKind kind, string key, DateTimeOffset at, LedgerAccount from, LedgerAccount to, long amount) =>
        LedgerTransaction.Create(Guid.NewGuid(), kind, key, at, kind.ToWire(), [new(from, -amount), new(to, amount)]).Value;

    private static LedgerTransaction Release(string key, DateTimeOffset at, LedgerAccount escrow, LedgerAccount payable, long amount, long fee)
    {
        var take = Math.Min(fee, amount - 1);
        LedgerPosting[] postings = take == 0
            ? [new(escrow, -amount), new(payable, amount)]
            : [new(escrow, -amount), new(payable, amount - take), new(LedgerAccount.Revenue, take)];
        return LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.EscrowRelease, key, at, "release", postings).Value;
    }

    private async Task<FluentResults.Result<LedgerTransaction>> PostAsync(LedgerTransaction tx)
    {
        await using var scope = _app!.Scope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(tx, TestContext.Current.CancellationToken);
    }

    /// <summary>The stored balances; an account the model knows must already equal the model.</summary>
    private async Task<Dictionary<LedgerAccount, long>> BalancesAsync(IEnumerable<LedgerAccount> accounts, Dictionary<LedgerAccount, long>? model)
    {
        await using var scope = _app!.Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
        var balances = new Dictionary<LedgerAccount, long>();
        foreach (var account in accounts.Distinct())
        {
            balances[account] = await ledger.BalanceAsync(account, TestContext.Current.CancellationToken);
            if (model is not null && model.TryGetValue(account, out var expected) && account.Kind != LedgerAccountKind.Rail && account != LedgerAccount.Revenue)
            {
                Assert.Equal(expected, balances[account]);
            }
        }

        return balances;
    }
}
