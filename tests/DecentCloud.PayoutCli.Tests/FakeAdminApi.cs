using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using DecentCloud.Api.Client;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>
/// The payout side of the admin API in memory, following the contract's XML docs (Wire/Payouts.cs): transitions,
/// idempotent confirm with 409 for another block, one fee correction, re-plan with a new memo and created_at_time.
/// The memo is derived as the API derives it (DCPAYOUT ‖ id ‖ attempt). For the CLI's own tests, before the real API.
/// </summary>
internal sealed class FakeAdminApi(TimeProvider time) : IAdminApi
{
    private readonly ConcurrentDictionary<Guid, AutomatedPayout> _payouts = new();
    private readonly ConcurrentDictionary<Guid, bool> _feeCorrected = new();

    /// <summary>As the API: a payout is re-planned only once its current attempt can no longer execute (24 h + 2 min).</summary>
    public static readonly TimeSpan LedgerTransactionWindow = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(2);

    public List<string> Calls { get; } = [];

    public List<PendingPaymentRelease> Pending { get; } = [];

    public List<CarriedPayout> Carried { get; } = [];

    public string LedgerCanisterId { get; set; } = "ryjl3-tyaaa-aaaaa-aaaba-cai";

    public AutomatedPayout this[Guid id] => _payouts[id];

    public IReadOnlyCollection<AutomatedPayout> All => [.. _payouts.Values];

    public static byte[] Memo(Guid id, int attempt)
    {
        var memo = new byte[25];
        Encoding.ASCII.GetBytes("DCPAYOUT").CopyTo(memo, 0);
        id.TryWriteBytes(memo.AsSpan(8, 16), bigEndian: true, out _);
        memo[^1] = (byte)attempt;
        return memo;
    }

    /// <summary>Plans a payout of <paramref name="amount"/> base units (fee on the side) to <paramref name="to"/>.</summary>
    public AutomatedPayout Plan(string provider, string to, BigInteger amount, BigInteger fee, DateTimeOffset? createdAt = null, long usdE9s = 1_000_000_000)
    {
        var id = Guid.NewGuid();
        var at = createdAt ?? time.GetUtcNow();
        var payout = new AutomatedPayout(
            id, provider, "icrc1:ICP", "planned", to, usdE9s, "ICP", LedgerCanisterId, 5m,
            (amount + fee).ToString(CultureInfo.InvariantCulture), amount.ToString(CultureInfo.InvariantCulture), fee.ToString(CultureInfo.InvariantCulture),
            Convert.ToHexStringLower(Memo(id, 1)), Nanos(at), 1, null, null, [Guid.NewGuid()], time.GetUtcNow(), null);
        _payouts[id] = payout;
        return payout;
    }

    /// <summary>Changes a stored payout behind the API's back (what verify must catch).</summary>
    public void Tamper(Guid id, Func<AutomatedPayout, AutomatedPayout> change) => _payouts[id] = change(_payouts[id]);

    public static ulong Nanos(DateTimeOffset at) => (ulong)(at - DateTimeOffset.UnixEpoch).Ticks * 100;

    public Task<BooksVerification> GetBooksAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new BooksVerification(true, 0, 0, 0, []));

    // dc-payout never reads deposits; the route belongs to the operator's deposit report.
    public Task<IReadOnlyList<DepositDetails>> ListDepositsAsync(string? state = null, int? limit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("dc-payout does not read deposits");

    public Task<ProviderTrustDetails> RecomputeProviderScoresAsync(string providerId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("dc-payout does not recompute scores");

    public Task<IReadOnlyList<ArchivedContract>> ListArchivedContractsAsync(string? provider = null, string? user = null, int? limit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("dc-payout does not read the contract archive");

    public Task<ArchivedContract> GetArchivedContractAsync(string contractId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("dc-payout does not read the contract archive");

    public Task<IReadOnlyList<PendingPaymentRelease>> ListPaymentReleasesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PendingPaymentRelease>>(Pending);

    public Task<PayoutDetails> RecordPayoutAsync(ManualPayoutRequest payout, CancellationToken cancellationToken = default)
    {
        Log($"manual {payout.ProviderPubkey} {payout.AmountE9s}");
        return Task.FromResult(new PayoutDetails(Guid.NewGuid(), payout.ProviderPubkey, payout.AmountE9s, payout.ExternalReference, payout.ReleaseIds ?? [], time.GetUtcNow()));
    }

    public Task<PayoutRunPlan> PlanPayoutRunAsync(PayoutRunRequest run, CancellationToken cancellationToken = default)
    {
        Log($"plan {run.Token} {run.LedgerDecimals} {run.LedgerFee} {run.DryRun}");
        var open = _payouts.Values.Where(p => p.State is "planned" or "submitted").OrderBy(p => p.ProviderPubkey, StringComparer.Ordinal).ToList();
        return Task.FromResult(new PayoutRunPlan(run.Token, LedgerCanisterId, 5m, time.GetUtcNow(), run.LedgerDecimals, run.LedgerFee, run.DryRun, open, Carried));
    }

    public Task<AutomatedPayout> GetPayoutAsync(Guid payoutId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(payoutId));

    public Task<IReadOnlyList<AutomatedPayout>> ListPayoutsAsync(string? state = null, string? token = null, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AutomatedPayout>>([.. _payouts.Values
            .Where(p => (state is null || p.State == state) && (token is null || p.Token == token))
            .OrderByDescending(p => p.PlannedAt).ThenBy(p => p.PayoutId).Skip(offset ?? 0).Take(limit ?? 100)]);

    public Task<AutomatedPayout> MarkPayoutSubmittedAsync(Guid payoutId, CancellationToken cancellationToken = default) =>
        Change(payoutId, "submitted", p => p.State is "planned" or "submitted" ? p with { State = "submitted" } : throw Conflict("payout_not_open"));

    public Task<AutomatedPayout> ConfirmPayoutAsync(Guid payoutId, PayoutConfirmation confirmation, CancellationToken cancellationToken = default) =>
        Change(payoutId, $"confirmed {confirmation.BlockIndex}", p => p switch
        {
            { State: "confirmed" } when p.BlockIndex == confirmation.BlockIndex => p,
            { State: "submitted" } => p with { State = "confirmed", BlockIndex = confirmation.BlockIndex, SettledAt = time.GetUtcNow() },
            _ => throw Conflict("payout_conflict"),
        });

    public Task<AutomatedPayout> FailPayoutAsync(Guid payoutId, PayoutFailure failure, CancellationToken cancellationToken = default) =>
        Change(payoutId, $"failed {failure.Reason}", p => p.State is "planned" or "submitted" or "failed"
            ? p with { State = "failed", FailureReason = p.FailureReason ?? failure.Reason, SettledAt = time.GetUtcNow() }
            : throw Conflict("payout_conflict"));

    public Task<AutomatedPayout> CorrectPayoutFeeAsync(Guid payoutId, PayoutFeeCorrection correction, CancellationToken cancellationToken = default) =>
        Change(payoutId, $"fee {correction.ExpectedFee}", p =>
        {
            if (p.FeeBaseUnits == correction.ExpectedFee)
            {
                return p;
            }

            if (!_feeCorrected.TryAdd(payoutId, true))
            {
                throw Conflict("fee_already_corrected");
            }

            var fee = BigInteger.Parse(correction.ExpectedFee, CultureInfo.InvariantCulture);
            var gross = BigInteger.Parse(p.GrossBaseUnits!, CultureInfo.InvariantCulture);
            return p with { FeeBaseUnits = correction.ExpectedFee, AmountBaseUnits = (gross - fee).ToString(CultureInfo.InvariantCulture) };
        });

    public Task<AutomatedPayout> ReplanPayoutAsync(Guid payoutId, CancellationToken cancellationToken = default) =>
        Change(payoutId, "replan", p => p.State is not ("planned" or "submitted")
            ? throw Conflict("payout_not_open")
            : Nanos(time.GetUtcNow()) <= p.CreatedAtTimeNanos + (ulong)LedgerTransactionWindow.Ticks * 100
            ? throw Conflict("replan_too_early")
            : p with
            {
                State = "planned",
                Attempt = p.Attempt + 1,
                MemoHex = Convert.ToHexStringLower(Memo(payoutId, p.Attempt + 1)),
                CreatedAtTimeNanos = Nanos(time.GetUtcNow()),
            });

    private Task<AutomatedPayout> Change(Guid id, string call, Func<AutomatedPayout, AutomatedPayout> change)
    {
        Log($"{call} {id}");
        lock (_payouts)
        {
            var next = change(Find(id));
            _payouts[id] = next;
            return Task.FromResult(next);
        }
    }

    private AutomatedPayout Find(Guid id) =>
        _payouts.TryGetValue(id, out var payout) ? payout : throw new DecentCloudApiException(HttpStatusCode.NotFound, "payout_not_found", null, "GET", $"/api/v1/admin/payouts/{id}");

    private static DecentCloudApiException Conflict(string code) => new(HttpStatusCode.Conflict, code, null, "POST", "/api/v1/admin/payouts");

    private void Log(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
    }
}
