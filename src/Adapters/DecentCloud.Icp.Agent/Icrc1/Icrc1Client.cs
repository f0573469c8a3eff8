using System.Numerics;
using System.Security.Cryptography;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Agent.Icrc1;

/// <summary>
/// An ICRC-1 ledger client with typed arguments, results and errors, and the safe-retry pattern for
/// transfers: <c>created_at_time</c> and <c>memo</c> are fixed before the first attempt, so a retry after a lost
/// reply is recognised by the ledger as <c>Duplicate</c> — reported as success with the original block.
/// </summary>
public sealed class Icrc1Client(ICanisterTransport transport, Principal ledger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How many times a transfer whose reply was lost is sent again.</summary>
    public int TransferAttempts { get; init; } = 4;

    /// <summary><c>icrc1_balance_of</c>.</summary>
    public async Task<BigInteger> BalanceOfAsync(Account account, CancellationToken cancellationToken) =>
        await QueryAsync<BigInteger>("icrc1_balance_of", CandidSerializer.Encode(account), cancellationToken);

    /// <summary><c>icrc1_fee</c>.</summary>
    public async Task<BigInteger> FeeAsync(CancellationToken cancellationToken) =>
        await QueryAsync<BigInteger>("icrc1_fee", NoArgs, cancellationToken);

    /// <summary><c>icrc1_decimals</c>.</summary>
    public async Task<byte> DecimalsAsync(CancellationToken cancellationToken) =>
        await QueryAsync<byte>("icrc1_decimals", NoArgs, cancellationToken);

    /// <summary><c>icrc1_name</c>.</summary>
    public async Task<string> NameAsync(CancellationToken cancellationToken) =>
        await QueryAsync<string>("icrc1_name", NoArgs, cancellationToken);

    /// <summary><c>icrc1_symbol</c>.</summary>
    public async Task<string> SymbolAsync(CancellationToken cancellationToken) =>
        await QueryAsync<string>("icrc1_symbol", NoArgs, cancellationToken);

    /// <summary><c>icrc1_total_supply</c>.</summary>
    public async Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken) =>
        await QueryAsync<BigInteger>("icrc1_total_supply", NoArgs, cancellationToken);

    /// <summary><c>icrc1_metadata</c>: <c>vec record { text; Value }</c>.</summary>
    public async Task<IReadOnlyList<(string Key, MetadataValue Value)>> MetadataAsync(CancellationToken cancellationToken) =>
        await QueryAsync<List<(string, MetadataValue)>>("icrc1_metadata", NoArgs, cancellationToken);

    /// <summary><c>icrc1_minting_account</c>: null when the ledger has none.</summary>
    public async Task<Account?> MintingAccountAsync(CancellationToken cancellationToken)
    {
        var reply = await transport.QueryAsync(ledger, "icrc1_minting_account", NoArgs, cancellationToken);
        var type = CandidType.Opt(CandidSerializer.TypeOf(typeof(Account)));
        return (Account?)CandidSerializer.FromValue(CandidDecoder.Decode(reply, [type])[0], typeof(Account), type);
    }

    /// <summary><c>icrc1_supported_standards</c>.</summary>
    public async Task<IReadOnlyList<SupportedStandard>> SupportedStandardsAsync(CancellationToken cancellationToken) =>
        await QueryAsync<List<SupportedStandard>>("icrc1_supported_standards", NoArgs, cancellationToken);

    /// <summary>
    /// <c>icrc1_transfer</c> with the safe-retry pattern. A missing <c>created_at_time</c> is set to now and
    /// a missing memo to 16 random bytes before the first attempt; lost replies are retried with the very
    /// same argument up to <see cref="TransferAttempts"/> times, then <see cref="CanisterUnreachableException"/>.
    /// </summary>
    public async Task<TransferOutcome> TransferAsync(TransferArg arg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arg);
        var fixedArg = arg with
        {
            CreatedAtTime = arg.CreatedAtTime ?? (ulong)(_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100,
            Memo = arg.Memo ?? RandomNumberGenerator.GetBytes(16),
        };
        var bytes = CandidSerializer.Encode(fixedArg);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await transport.CallAsync(ledger, "icrc1_transfer", bytes, cancellationToken);
                return CandidSerializer.Decode<TransferResult>(reply) switch
                {
                    TransferResult.Ok ok => new TransferOutcome(ok.Value, null, false),
                    TransferResult.Err { Value: TransferError.Duplicate duplicate } => new TransferOutcome(duplicate.DuplicateOf, null, WasDuplicate: true),
                    TransferResult.Err err => new TransferOutcome(null, err.Value, false),
                    _ => throw new CandidMappingException("icrc1_transfer answered neither Ok nor Err"),
                };
            }
            catch (CanisterUnreachableException) when (attempt < TransferAttempts)
            {
            }
        }
    }

    /// <summary>The most archive callbacks one <see cref="GetBlocksAsync"/> follows (a ledger names a few archives per reply).</summary>
    public int MaxArchiveCalls { get; init; } = 16;

    /// <summary>
    /// ICRC-3 <c>icrc3_get_blocks</c> for <paramref name="length"/> blocks from <paramref name="start"/>, following the
    /// archive callbacks the ledger names for older blocks, each block read by the ICRC-1/2 block schema. A ledger caps
    /// what one reply holds: fewer blocks than asked means "ask again from the next index", not "the log ends here"
    /// (that is <see cref="LedgerBlocks.LogLength"/>).
    /// </summary>
    public async Task<LedgerBlocks> GetBlocksAsync(BigInteger start, BigInteger length, CancellationToken cancellationToken)
    {
        if (start.Sign < 0 || length.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "The block range cannot be negative.");
        }

        var reply = Icrc3Candid.DecodeResult(await transport.QueryAsync(ledger, "icrc3_get_blocks", Icrc3Candid.EncodeArgs([(start, length)]), cancellationToken));
        var blocks = new SortedDictionary<BigInteger, LedgerBlock>();
        foreach (var (id, block) in reply.Blocks)
        {
            blocks[id] = Icrc3Candid.Interpret(id, block);
        }

        var calls = 0;
        foreach (var (ranges, archive, method) in reply.Archived)
        {
            if (++calls > MaxArchiveCalls)
            {
                break;
            }

            var archived = Icrc3Candid.DecodeResult(await transport.QueryAsync(archive, method, Icrc3Candid.EncodeArgs(ranges), cancellationToken));
            foreach (var (id, block) in archived.Blocks)
            {
                blocks[id] = Icrc3Candid.Interpret(id, block);
            }
        }

        return new LedgerBlocks(reply.LogLength, [.. blocks.Values.Where(b => b.Index >= start && b.Index < start + length)]);
    }

    private static readonly byte[] NoArgs = CandidEncoder.Encode(Array.Empty<CandidType>(), []);

    private async Task<T> QueryAsync<T>(string method, byte[] arg, CancellationToken cancellationToken) =>
        CandidSerializer.Decode<T>(await transport.QueryAsync(ledger, method, arg, cancellationToken));
}
