using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A small ICRC-1 ledger behind the transport port: it decodes the Candid arguments, keeps balances and
/// blocks, deduplicates by (caller, argument) inside a 24 h window, and answers each TransferError case.
/// It can lose the reply of the next call after executing it, like a network cut.
/// </summary>
internal sealed class InMemoryLedger(Principal caller, DateTimeOffset now) : ICanisterTransport
{
    public static readonly BigInteger Fee = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly Dictionary<string, BigInteger> _balances = [];
    private readonly Dictionary<string, BigInteger> _seen = [];
    private readonly List<TransferArg> _blocks = [];

    public static readonly Account Minter = new(Principal.FromText("aaaaa-aa"), Enumerable.Repeat((byte)1, 32).ToArray());

    public bool LoseNextReply { get; set; }

    public bool Unavailable { get; set; }

    public IReadOnlyList<TransferArg> Blocks => _blocks;

    public void Mint(Account to, BigInteger amount) => _balances[Key(to)] = Balance(to) + amount;

    public BigInteger Balance(Account account) => _balances.GetValueOrDefault(Key(account));

    public Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken) => Task.FromResult(method switch
    {
        "icrc1_fee" => CandidSerializer.Encode(Fee),
        "icrc1_decimals" => CandidSerializer.Encode((byte)8),
        "icrc1_balance_of" => CandidSerializer.Encode(Balance(CandidSerializer.Decode<Account>(arg))),
        "icrc1_name" => CandidSerializer.Encode("Test Token"),
        "icrc1_symbol" => CandidSerializer.Encode("TST"),
        "icrc1_total_supply" => CandidSerializer.Encode(_balances.Values.Aggregate(BigInteger.Zero, (a, b) => a + b)),
        "icrc1_metadata" => CandidSerializer.Encode(new List<(string, MetadataValue)>
        {
            ("icrc1:decimals", new MetadataValue.Nat(8)), ("icrc1:fee", new MetadataValue.Nat(Fee)),
            ("icrc1:name", new MetadataValue.Text("Test Token")), ("icrc1:symbol", new MetadataValue.Text("TST")),
        }),
        "icrc1_minting_account" => CandidEncoder.Encode([CandidType.Opt(CandidSerializer.TypeOf(typeof(Account)))], [new OptValue(CandidSerializer.ToValue(Minter, typeof(Account), CandidSerializer.TypeOf(typeof(Account))))]),
        "icrc1_supported_standards" => CandidSerializer.Encode(new List<SupportedStandard> { new("ICRC-1", "https://github.com/dfinity/ICRC-1") }),
        _ => throw new InvalidOperationException($"no query {method}"),
    });

    public Task<byte[]> CallAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        if (method != "icrc1_transfer")
        {
            throw new InvalidOperationException($"no update {method}");
        }

        var result = Transfer(CandidSerializer.Decode<TransferArg>(arg), Convert.ToHexString(arg));
        if (LoseNextReply)
        {
            LoseNextReply = false;
            throw new CanisterUnreachableException("the reply was lost");
        }

        return Task.FromResult(CandidSerializer.Encode<TransferResult>(result));
    }

    private TransferResult Transfer(TransferArg arg, string argKey)
    {
        var from = new Account(caller, arg.FromSubaccount);
        var nanos = (ulong)(now - DateTimeOffset.UnixEpoch).Ticks * 100;
        TransferError? error = (arg, Unavailable) switch
        {
            (_, true) => new TransferError.TemporarilyUnavailable(),
            ({ Fee: { } f }, _) when f != Fee => new TransferError.BadFee(Fee),
            ({ CreatedAtTime: { } t }, _) when t + (ulong)Window.Ticks * 100 < nanos => new TransferError.TooOld(),
            ({ CreatedAtTime: { } t }, _) when t > nanos + 60_000_000_000UL => new TransferError.CreatedInFuture(nanos),
            _ when _seen.TryGetValue(Key(from) + argKey, out var block) => new TransferError.Duplicate(block),
            ({ Amount.IsZero: true }, _) => new TransferError.GenericError(1, "amount must be positive"),
            _ when Balance(from) < arg.Amount + Fee => new TransferError.InsufficientFunds(Balance(from)),
            _ => null,
        };
        if (error is not null)
        {
            return new TransferResult.Err(error);
        }

        _balances[Key(from)] = Balance(from) - arg.Amount - Fee;
        Mint(arg.To, arg.Amount);
        _blocks.Add(arg);
        _seen[Key(from) + argKey] = _blocks.Count - 1;
        return new TransferResult.Ok(_blocks.Count - 1);
    }

    private static string Key(Account account) => account.Owner.ToText() + "/" + Convert.ToHexString(account.Subaccount ?? new byte[32]);
}
