using System.CommandLine;
using System.Globalization;
using System.Numerics;
using DecentCloud.Api.Client;
using DecentCloud.Hosting.Cli;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.PayoutCli.Ledger;
using DecentCloud.PayoutCli.Settings;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>
/// <c>dc-payout verify [--token T]</c>: every confirmed automated payout against its ledger's block — a transfer from the
/// platform account to the recorded recipient with the recorded amount, fee, memo and <c>created_at_time</c>, and no block
/// claimed by two payouts. Lists each mismatch; exit 1 when there is any.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>One mismatch.</summary>
    internal sealed record Mismatch(Guid PayoutId, string Provider, string? Block, string Problem);

    public static Command Create(PayoutContext context)
    {
        var token = new Option<string?>("--token") { Description = "Only the payouts in this token." };
        var command = new Command("verify", "Check every confirmed payout's block on the ledger (sender, recipient, amount, fee, memo).") { token };
        context.App.SetAction(command, async (parse, output, ct) =>
        {
            var settings = context.Settings(parse);
            var platform = new Account(settings.RequireWallet().Identity.Sender);
            settings.RequireIc();
            return await context.WithAdminAsync(settings, async api =>
            {
                var confirmed = (await PayoutPages.AllAsync(api, "confirmed", parse.GetValue(token), ct)).Where(p => p.Token is not null).ToList();
                var mismatches = new List<Mismatch>();
                foreach (var ledger in confirmed.GroupBy(p => Ledger(settings, p)))
                {
                    mismatches.AddRange(await CheckAsync(settings, ledger.Key, platform, [.. ledger], ct));
                }

                if (mismatches.Count > 0 || output.Json)
                {
                    await output.WriteListAsync(mismatches, Columns);
                }

                await output.Error.WriteLineAsync(
                    $"{confirmed.Count.ToString(CultureInfo.InvariantCulture)} confirmed payout(s) checked against the ledger, {mismatches.Count.ToString(CultureInfo.InvariantCulture)} mismatch(es)");
                return mismatches.Count == 0 ? 0 : 1;
            });
        });
        return command;
    }

    /// <summary>The mismatches of <paramref name="payouts"/> (all on <paramref name="ledgerId"/>) against its blocks.</summary>
    internal static async Task<IReadOnlyList<Mismatch>> CheckAsync(PayoutCliSettings settings, Principal ledgerId, Account platform, IReadOnlyList<AutomatedPayout> payouts, CancellationToken ct)
    {
        using var connection = new LedgerConnection(settings, ledgerId, identity: null);
        return await CheckAsync(new LedgerHistory(connection.Client), platform, payouts, ct);
    }

    /// <summary>The mismatches of <paramref name="payouts"/> against the blocks <paramref name="history"/> reads.</summary>
    internal static async Task<IReadOnlyList<Mismatch>> CheckAsync(LedgerHistory history, Account platform, IReadOnlyList<AutomatedPayout> payouts, CancellationToken ct)
    {
        var mismatches = new List<Mismatch>();
        var indexed = new List<(AutomatedPayout Payout, BigInteger Index)>();
        foreach (var payout in payouts)
        {
            if (payout.BlockIndex is null || !BigInteger.TryParse(payout.BlockIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                mismatches.Add(new Mismatch(payout.PayoutId, payout.ProviderPubkey, payout.BlockIndex, "confirmed without a block index"));
                continue;
            }

            indexed.Add((payout, index));
        }

        foreach (var twice in indexed.GroupBy(p => p.Index).Where(g => g.Count() > 1))
        {
            mismatches.AddRange(twice.Select(p => new Mismatch(p.Payout.PayoutId, p.Payout.ProviderPubkey, p.Payout.BlockIndex,
                $"block claimed by {twice.Count().ToString(CultureInfo.InvariantCulture)} payouts")));
        }

        var blocks = await ReadAsync(history, [.. indexed.Select(p => p.Index)], ct);
        foreach (var (payout, index) in indexed)
        {
            var problems = blocks.TryGetValue(index, out var block) ? Compare(payout, block, platform) : ["the ledger holds no such block"];
            mismatches.AddRange(problems.Select(problem => new Mismatch(payout.PayoutId, payout.ProviderPubkey, payout.BlockIndex, problem)));
        }

        mismatches.AddRange(await UnclaimedAsync(history, platform, indexed, ct));
        return mismatches;
    }

    /// <summary>
    /// Transfers from the platform account carrying a payout memo (<c>DCPAYOUT</c> ‖ id ‖ attempt) that no confirmed payout
    /// claims — a second payment of a payout, which checking the confirmed blocks alone would never see. Read from one
    /// page before the first confirmed block to the end of the log (a whole mainnet log is not read).
    /// </summary>
    private static async Task<IEnumerable<Mismatch>> UnclaimedAsync(LedgerHistory history, Account platform, List<(AutomatedPayout Payout, BigInteger Index)> indexed, CancellationToken ct)
    {
        if (indexed.Count == 0)
        {
            return [];
        }

        var claimed = indexed.Select(p => p.Index).ToHashSet();
        var byId = indexed.GroupBy(p => p.Payout.PayoutId).ToDictionary(g => g.Key, g => g.First().Payout);
        var from = BigInteger.Max(0, indexed.Min(p => p.Index) - history.PageSize);
        var blocks = await history.ReadAsync(from, await history.LogLengthAsync(ct), ct);
        return blocks
            .Where(b => b.Operation == "xfer" && !claimed.Contains(b.Index) && LedgerHistory.SameAccount(b.From, platform) && PayoutIdOf(b.Memo) is not null)
            .Select(b =>
            {
                var id = PayoutIdOf(b.Memo)!.Value;
                var provider = byId.TryGetValue(id, out var payout) ? payout.ProviderPubkey : "?";
                return new Mismatch(id, provider, b.Index.ToString(CultureInfo.InvariantCulture),
                    $"a transfer of {b.Amount.ToString(CultureInfo.InvariantCulture)} to {Text(b.To)} carries this payout's memo (attempt {b.Memo![^1].ToString(CultureInfo.InvariantCulture)}) but no confirmed payout claims its block: paid twice?");
            })
            .ToList();
    }

    // The payout memo: ASCII "DCPAYOUT", the payout id (16 bytes, big-endian), the attempt (1 byte).
    private static Guid? PayoutIdOf(byte[]? memo) =>
        memo is { Length: 25 } && memo.AsSpan(0, 8).SequenceEqual("DCPAYOUT"u8) ? new Guid(memo.AsSpan(8, 16), bigEndian: true) : null;

    private static IEnumerable<string> Compare(AutomatedPayout payout, LedgerBlock block, Account platform)
    {
        if (block.Operation != "xfer")
        {
            yield return $"block is a {block.Operation}, not a transfer";
        }

        if (!LedgerHistory.SameAccount(block.From, platform))
        {
            yield return $"from {Text(block.From)}, not the platform account {Text(platform)}";
        }

        if (Text(block.To) != Canonical(payout.ToAccount))
        {
            yield return $"to {Text(block.To)}, recorded {payout.ToAccount}";
        }

        if (block.Amount.ToString(CultureInfo.InvariantCulture) != payout.AmountBaseUnits)
        {
            yield return $"amount {block.Amount.ToString(CultureInfo.InvariantCulture)}, recorded {payout.AmountBaseUnits}";
        }

        if (block.Fee.ToString(CultureInfo.InvariantCulture) != payout.FeeBaseUnits)
        {
            yield return $"fee {block.Fee.ToString(CultureInfo.InvariantCulture)}, recorded {payout.FeeBaseUnits}";
        }

        var memo = block.Memo is null ? null : Convert.ToHexStringLower(block.Memo);
        if (!string.Equals(memo, payout.MemoHex, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"memo {memo ?? "none"}, recorded {payout.MemoHex}";
        }

        if (block.CreatedAtTime != payout.CreatedAtTimeNanos)
        {
            yield return $"created_at_time {block.CreatedAtTime?.ToString(CultureInfo.InvariantCulture) ?? "none"}, recorded {payout.CreatedAtTimeNanos}";
        }
    }

    // The blocks at the given indexes: whole ranges when they are dense (a run's blocks are), one by one otherwise.
    private static async Task<Dictionary<BigInteger, LedgerBlock>> ReadAsync(LedgerHistory history, IReadOnlyList<BigInteger> indexes, CancellationToken ct)
    {
        var found = new Dictionary<BigInteger, LedgerBlock>();
        var sorted = indexes.Distinct().Order().ToList();
        var i = 0;
        while (i < sorted.Count)
        {
            // A chunk of indexes no more than 64 apart from the next is read as one range.
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] - sorted[j] <= 64 && sorted[j + 1] - sorted[i] < history.PageSize)
            {
                j++;
            }

            foreach (var block in await history.ReadAsync(sorted[i], sorted[j] + 1, ct))
            {
                found[block.Index] = block;
            }

            i = j + 1;
        }

        return found;
    }

    private static Principal Ledger(PayoutCliSettings settings, AutomatedPayout payout) =>
        settings.Ledgers.ContainsKey(payout.Token!) ? settings.RequireLedger(payout.Token!) : Principal.FromText(payout.LedgerCanisterId!);

    private static string Text(Account? account) => account is null ? "none" : new IcrcAccount(account.Owner, account.Subaccount).ToString();

    private static string Canonical(string text)
    {
        try
        {
            return IcrcAccount.Parse(text).ToString();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return text;
        }
    }

    private static readonly CliColumn<Mismatch>[] Columns =
    [
        new("PAYOUT", m => m.PayoutId.ToString()),
        new("PROVIDER", m => m.Provider),
        new("BLOCK", m => m.Block ?? "-"),
        new("PROBLEM", m => m.Problem),
    ];
}
