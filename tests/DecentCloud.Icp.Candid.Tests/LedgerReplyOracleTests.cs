using System.Globalization;
using System.Text.Json.Nodes;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>
/// Real ledger replies: the ICP ledger's <c>query_blocks</c> reply as a current ledger encodes it (Approve
/// operations, spender fields, icrc1_memo; opt blobs, nested records, func callbacks to archive canisters),
/// encoded by @dfinity/candid (tests/node/query-blocks-oracle.mjs). Decoded here both at the original,
/// older interface — which must drop the new fields and read an unknown operation inside <c>opt</c> as null —
/// and at the current one, whose re-encoding @dfinity/candid must read back to the same value.
/// </summary>
public sealed class LedgerReplyOracleTests
{
    private const string Common = """
        type Tokens = record { e8s : nat64 };
        type TimeStamp = record { timestamp_nanos : nat64 };
        type AccountIdentifier = blob;
        type BlockIndex = nat64;
        type Memo = nat64;
        type GetBlocksArgs = record { start : BlockIndex; length : nat64 };
        type QueryArchiveError = variant {
          BadFirstBlockIndex : record { requested_index : BlockIndex; first_valid_index : BlockIndex };
          Other : record { error_code : nat64; error_message : text };
        };
        type BlockRange = record { blocks : vec Block };
        type QueryArchiveResult = variant { Ok : BlockRange; Err : QueryArchiveError };
        type QueryArchiveFn = func (GetBlocksArgs) -> (QueryArchiveResult) query;
        type Block = record { parent_hash : opt blob; transaction : Transaction; timestamp : TimeStamp };
        type QueryBlocksResponse = record {
          chain_length : nat64;
          certificate : opt blob;
          blocks : vec Block;
          first_block_index : BlockIndex;
          archived_blocks : vec record { start : BlockIndex; length : nat64; callback : QueryArchiveFn };
        };
        """;

    // The ledger interface as first published.
    private const string Original = Common + """
        type Operation = variant {
          Mint : record { to : AccountIdentifier; amount : Tokens };
          Burn : record { from : AccountIdentifier; amount : Tokens };
          Transfer : record { from : AccountIdentifier; to : AccountIdentifier; amount : Tokens; fee : Tokens };
        };
        type Transaction = record { memo : Memo; operation : opt Operation; created_at_time : TimeStamp };
        """;

    // The interface of a current ledger.
    private const string Current = Common + """
        type Operation = variant {
          Mint : record { to : AccountIdentifier; amount : Tokens };
          Burn : record { from : AccountIdentifier; spender : opt AccountIdentifier; amount : Tokens };
          Transfer : record { from : AccountIdentifier; to : AccountIdentifier; amount : Tokens; fee : Tokens; spender : opt vec nat8 };
          Approve : record {
            from : AccountIdentifier; spender : AccountIdentifier; allowance_e8s : int; allowance : Tokens; fee : Tokens;
            expires_at : opt TimeStamp; expected_allowance : opt Tokens;
          };
        };
        type Transaction = record { memo : Memo; icrc1_memo : opt blob; operation : opt Operation; created_at_time : TimeStamp };
        """;

    [Fact]
    public async Task Query_blocks_replies_of_a_current_ledger_decode_at_the_original_and_the_current_interface()
    {
        var original = CandidTextFormat.ParseDid(Original).Definitions["QueryBlocksResponse"];
        var current = CandidTextFormat.ParseDid(Current).Definitions["QueryBlocksResponse"];
        var replies = (await NodeOracle.RunAsync("query-blocks-oracle.mjs", new JsonObject { ["mode"] = "generate", ["count"] = 150 })).AsArray();
        var pairs = new JsonArray();
        var approvals = 0;
        foreach (var reply in replies)
        {
            var hex = reply!["hex"]!.GetValue<string>();
            var bytes = Convert.FromHexString(hex);
            var old = (RecordValue)CandidDecoder.Decode(bytes, [original])[0];
            Assert.Equal(new NumberValue(CandidKind.Nat64, ulong.Parse(reply["chainLength"]!.GetValue<string>(), CultureInfo.InvariantCulture)), old["chain_length"]);

            var blocks = ((VecValue)old["blocks"]!).Items.Cast<RecordValue>().ToList();
            var expectedBlocks = reply["blocks"]!.AsArray();
            Assert.Equal(expectedBlocks.Count, blocks.Count);
            for (var i = 0; i < blocks.Count; i++)
            {
                var transaction = (RecordValue)blocks[i]["transaction"]!;
                Assert.Null(transaction["icrc1_memo"]);
                var operation = ((OptValue)transaction["operation"]!).Inner;
                var kind = expectedBlocks[i]!["operation"]?.GetValue<string>();
                switch (kind)
                {
                    case null:
                        Assert.Null(operation);
                        break;
                    case "Approve":
                        // Not a case of the original variant: inside opt it becomes null instead of failing the reply.
                        Assert.Null(operation);
                        approvals++;
                        break;
                    default:
                        var variant = Assert.IsType<VariantValue>(operation);
                        Assert.Equal(CandidIds.FieldId(kind), variant.Id);
                        Assert.Null(((RecordValue)variant.Value)["spender"]);
                        break;
                }

                var parent = ((OptValue)blocks[i]["parent_hash"]!).Inner;
                Assert.Equal(expectedBlocks[i]!["parentHash"]?.GetValue<string>(), parent is BlobValue blob ? Convert.ToHexStringLower(blob.Bytes.Span) : null);
            }

            var archives = ((VecValue)old["archived_blocks"]!).Items.Cast<RecordValue>().ToList();
            var expectedArchives = reply["archives"]!.AsArray();
            Assert.Equal(expectedArchives.Count, archives.Count);
            for (var i = 0; i < archives.Count; i++)
            {
                var callback = Assert.IsType<FuncValue>(archives[i]["callback"]);
                Assert.Equal(expectedArchives[i]!["canister"]!.GetValue<string>(), callback.Service.ToText());
                Assert.Equal(expectedArchives[i]!["method"]!.GetValue<string>(), callback.Method);
            }

            var full = CandidDecoder.Decode(bytes, [current])[0];
            pairs.Add(new JsonObject { ["original"] = hex, ["ours"] = Convert.ToHexStringLower(CandidEncoder.Encode([current], [full])) });
        }

        var verdicts = (await NodeOracle.RunAsync("query-blocks-oracle.mjs", new JsonObject { ["mode"] = "check", ["pairs"] = pairs })).AsArray();
        Assert.Equal(replies.Count, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v!["equal"]!.GetValue<bool>()));
        Assert.True(approvals > 20, $"only {approvals} Approve operations were generated");
    }
}
