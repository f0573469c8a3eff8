using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// An ICRC-1 ledger behind the transport port, following the standard's rules: fee (<c>BadFee</c>), balances
/// (<c>InsufficientFunds</c>), deduplication of transactions that carry <c>created_at_time</c> inside the 24 h window
/// (<c>Duplicate</c>), <c>TooOld</c> and <c>CreatedInFuture</c> with the permitted drift of 2 minutes, memos of at most
/// 32 bytes (a longer one is rejected). Every transfer is a block served through ICRC-3 <c>icrc3_get_blocks</c> in the
/// legacy ICRC-1 block schema, older blocks optionally from an "archive" callback. It can lose the reply of the next call
/// after executing it, like a network cut, or be temporarily unavailable. Thread-safe; its clock is a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class InMemoryLedger : ICanisterTransport
{
    public static readonly BigInteger Fee = 10_000;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
    public static readonly TimeSpan PermittedDrift = TimeSpan.FromMinutes(2);
    public const int MaxMemoLength = 32;
    public const string ArchiveMethod = "archive_get_blocks";
    private readonly object _gate = new();
    private readonly Principal _caller;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, BigInteger> _balances = [];
    private readonly Dictionary<string, BigInteger> _seen = [];
    private readonly List<Block> _blocks = [];
    private readonly List<TransferArg> _transfers = [];

    public InMemoryLedger(Principal caller, DateTimeOffset now)
        : this(caller, new FixedClock(now))
    {
    }

    public InMemoryLedger(Principal caller, TimeProvider clock)
    {
        _caller = caller;
        _clock = clock;
    }

    public static readonly Account Minter = new(Principal.FromText("aaaaa-aa"), Enumerable.Repeat((byte)1, 32).ToArray());

    /// <summary>The ledger's canister id, named in the archive callback it serves (set it when not the ICP ledger's).</summary>
    public Principal CanisterId { get; set; } = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai");

    public bool LoseNextReply { get; set; }

    public bool Unavailable { get; set; }

    /// <summary>Blocks below this index are served by the archive callback instead of the ledger itself.</summary>
    public int ArchivedBelow { get; set; }

    /// <summary>The most blocks one <c>icrc3_get_blocks</c> reply holds.</summary>
    public int MaxBlocksPerReply { get; set; } = 100;

    /// <summary>The transfers made through <c>icrc1_transfer</c> by the platform's caller, in block order.</summary>
    public IReadOnlyList<TransferArg> Blocks
    {
        get
        {
            lock (_gate)
            {
                return [.. _transfers];
            }
        }
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Gives <paramref name="to"/> tokens at genesis (a balance, not a block).</summary>
    public void Mint(Account to, BigInteger amount)
    {
        lock (_gate)
        {
            _balances[Key(to)] = BalanceLocked(to) + amount;
        }
    }

    public BigInteger Balance(Account account)
    {
        lock (_gate)
        {
            return BalanceLocked(account);
        }
    }

    /// <summary>A transfer made by someone else (e.g. a user paying into a deposit account): a block like any other.</summary>
    public TransferResult TransferAs(Principal caller, TransferArg arg)
    {
        lock (_gate)
        {
            return TransferLocked(caller, arg, Convert.ToHexString(CandidSerializer.Encode(arg)));
        }
    }

    public Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken) => Task.FromResult(method switch
    {
        "icrc1_fee" => CandidSerializer.Encode(Fee),
        "icrc1_decimals" => CandidSerializer.Encode((byte)8),
        "icrc1_balance_of" => CandidSerializer.Encode(Balance(CandidSerializer.Decode<Account>(arg))),
        "icrc1_name" => CandidSerializer.Encode("Test Token"),
        "icrc1_symbol" => CandidSerializer.Encode("TST"),
        "icrc1_total_supply" => CandidSerializer.Encode(TotalSupply()),
        "icrc1_metadata" => CandidSerializer.Encode(new List<(string, MetadataValue)>
        {
            ("icrc1:decimals", new MetadataValue.Nat(8)), ("icrc1:fee", new MetadataValue.Nat(Fee)),
            ("icrc1:name", new MetadataValue.Text("Test Token")), ("icrc1:symbol", new MetadataValue.Text("TST")),
        }),
        "icrc1_minting_account" => CandidEncoder.Encode([CandidType.Opt(CandidSerializer.TypeOf(typeof(Account)))], [new OptValue(CandidSerializer.ToValue(Minter, typeof(Account), CandidSerializer.TypeOf(typeof(Account))))]),
        "icrc1_supported_standards" => CandidSerializer.Encode(new List<SupportedStandard> { new("ICRC-1", "https://github.com/dfinity/ICRC-1"), new("ICRC-3", "https://github.com/dfinity/ICRC-1") }),
        "icrc3_get_blocks" => GetBlocks(Icrc3Candid.DecodeArgs(arg), fromArchive: false),
        ArchiveMethod => GetBlocks(Icrc3Candid.DecodeArgs(arg), fromArchive: true),
        _ => throw new InvalidOperationException($"no query {method}"),
    });

    public Task<byte[]> CallAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        if (method != "icrc1_transfer")
        {
            throw new InvalidOperationException($"no update {method}");
        }

        var transfer = CandidSerializer.Decode<TransferArg>(arg);
        if (transfer.Memo is { Length: > MaxMemoLength } memo)
        {
            // The ICRC ledgers trap on a long memo: the call is rejected, nothing is recorded.
            throw new ArgumentException($"the memo field size of {memo.Length} bytes is above the allowed limit of {MaxMemoLength} bytes");
        }

        TransferResult result;
        lock (_gate)
        {
            result = TransferLocked(_caller, transfer, Convert.ToHexString(arg));
            if (result is TransferResult.Ok)
            {
                _transfers.Add(transfer);
            }
        }

        if (LoseNextReply)
        {
            LoseNextReply = false;
            throw new CanisterUnreachableException("the reply was lost");
        }

        return Task.FromResult(CandidSerializer.Encode<TransferResult>(result));
    }

    private TransferResult TransferLocked(Principal caller, TransferArg arg, string argKey)
    {
        var from = new Account(caller, arg.FromSubaccount);
        var now = Nanoseconds(_clock.GetUtcNow());
        var dedupeKey = Key(from) + argKey;
        TransferError? error = (arg, Unavailable) switch
        {
            (_, true) => new TransferError.TemporarilyUnavailable(),
            ({ Fee: { } f }, _) when f != Fee => new TransferError.BadFee(Fee),
            ({ CreatedAtTime: { } t }, _) when t + Nanoseconds(Window + PermittedDrift) < now => new TransferError.TooOld(),
            ({ CreatedAtTime: { } t }, _) when t > now + Nanoseconds(PermittedDrift) => new TransferError.CreatedInFuture(now),
            ({ CreatedAtTime: not null }, _) when _seen.TryGetValue(dedupeKey, out var block) => new TransferError.Duplicate(block),
            ({ Amount.IsZero: true }, _) => new TransferError.GenericError(1, "amount must be positive"),
            _ when BalanceLocked(from) < arg.Amount + Fee => new TransferError.InsufficientFunds(BalanceLocked(from)),
            _ => null,
        };
        if (error is not null)
        {
            return new TransferResult.Err(error);
        }

        _balances[Key(from)] = BalanceLocked(from) - arg.Amount - Fee;
        _balances[Key(arg.To)] = BalanceLocked(arg.To) + arg.Amount;
        _blocks.Add(new Block(from, arg, now));
        var index = _blocks.Count - 1;
        if (arg.CreatedAtTime is not null)
        {
            _seen[dedupeKey] = index;
        }

        return new TransferResult.Ok(index);
    }

    private byte[] GetBlocks(IReadOnlyList<(BigInteger Start, BigInteger Length)> ranges, bool fromArchive)
    {
        lock (_gate)
        {
            var served = new List<(BigInteger, Icrc3Value)>();
            var archived = new List<(BigInteger Start, BigInteger Length)>();
            foreach (var (start, length) in ranges)
            {
                var end = BigInteger.Min(start + length, _blocks.Count);
                for (var i = start; i < end && served.Count < MaxBlocksPerReply; i++)
                {
                    if (!fromArchive && i < ArchivedBelow)
                    {
                        var archivedEnd = BigInteger.Min(end, ArchivedBelow);
                        archived.Add((i, archivedEnd - i));
                        i = archivedEnd - 1;
                        continue;
                    }

                    served.Add((i, _blocks[(int)i].ToValue(i == 0 ? null : _blocks[(int)i - 1])));
                }
            }

            return Icrc3Candid.EncodeResult(
                _blocks.Count,
                served,
                archived.Count == 0 ? [] : [(archived, CanisterId, ArchiveMethod)]);
        }
    }

    private BigInteger TotalSupply()
    {
        lock (_gate)
        {
            return _balances.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
        }
    }

    private BigInteger BalanceLocked(Account account) => _balances.GetValueOrDefault(Key(account));

    private static ulong Nanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static ulong Nanoseconds(TimeSpan span) => (ulong)span.Ticks * 100;

    private static string Key(Account account) => account.Owner.ToText() + "/" + Convert.ToHexString(account.Subaccount ?? new byte[32]);

    private sealed record Block(Account From, TransferArg Arg, ulong Timestamp)
    {
        /// <summary>The legacy ICRC-1 transfer block; the parent hash stands in as the parent's timestamp (nothing here verifies it).</summary>
        public Icrc3Value.Map ToValue(Block? parent)
        {
            var tx = new List<KeyValuePair<string, Icrc3Value>>
            {
                new("amt", new Icrc3Value.Nat(Arg.Amount)),
                new("from", Icrc3Candid.AccountValue(From)),
                new("op", new Icrc3Value.Text("xfer")),
                new("to", Icrc3Candid.AccountValue(Arg.To)),
            };
            if (Arg.Fee is { } fee)
            {
                tx.Add(new("fee", new Icrc3Value.Nat(fee)));
            }

            if (Arg.Memo is { } memo)
            {
                tx.Add(new("memo", new Icrc3Value.Blob(memo)));
            }

            if (Arg.CreatedAtTime is { } created)
            {
                tx.Add(new("ts", new Icrc3Value.Nat(created)));
            }

            var block = new List<KeyValuePair<string, Icrc3Value>>();
            if (Arg.Fee is null)
            {
                block.Add(new("fee", new Icrc3Value.Nat(InMemoryLedger.Fee)));
            }

            if (parent is not null)
            {
                block.Add(new("phash", new Icrc3Value.Blob(BitConverter.GetBytes(parent.Timestamp))));
            }

            block.Add(new("ts", new Icrc3Value.Nat(Timestamp)));
            block.Add(new("tx", new Icrc3Value.Map(tx)));
            return new Icrc3Value.Map(block);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
