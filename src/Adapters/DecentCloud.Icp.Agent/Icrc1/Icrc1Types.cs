using System.Numerics;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Mapping;

namespace DecentCloud.Icp.Agent.Icrc1;

/// <summary>An ICRC-1 account: an owner and an optional 32-byte subaccount.</summary>
public sealed record Account([property: CandidName("owner")] Principal Owner, [property: CandidName("subaccount")] byte[]? Subaccount = null);

/// <summary>The argument of <c>icrc1_transfer</c>.</summary>
public sealed record TransferArg(
    [property: CandidName("from_subaccount")] byte[]? FromSubaccount,
    [property: CandidName("to")] Account To,
    [property: CandidName("amount")] BigInteger Amount,
    [property: CandidName("fee")] BigInteger? Fee,
    [property: CandidName("memo")] byte[]? Memo,
    [property: CandidName("created_at_time")] ulong? CreatedAtTime);

/// <summary>Why a ledger refused a transfer (ICRC-1 <c>TransferError</c>).</summary>
[CandidVariant]
public abstract record TransferError
{
    /// <summary>The fee given is not the ledger's.</summary>
    public sealed record BadFee([property: CandidName("expected_fee")] BigInteger ExpectedFee) : TransferError;

    /// <summary>A burn below the minimum.</summary>
    public sealed record BadBurn([property: CandidName("min_burn_amount")] BigInteger MinBurnAmount) : TransferError;

    /// <summary>The balance does not cover amount + fee.</summary>
    public sealed record InsufficientFunds([property: CandidName("balance")] BigInteger Balance) : TransferError;

    /// <summary><c>created_at_time</c> is older than the deduplication window.</summary>
    public sealed record TooOld : TransferError;

    /// <summary><c>created_at_time</c> is ahead of the ledger's clock.</summary>
    public sealed record CreatedInFuture([property: CandidName("ledger_time")] ulong LedgerTime) : TransferError;

    /// <summary>The same transfer was already executed, in block <see cref="DuplicateOf"/>.</summary>
    public sealed record Duplicate([property: CandidName("duplicate_of")] BigInteger DuplicateOf) : TransferError;

    /// <summary>The ledger cannot take transfers now.</summary>
    public sealed record TemporarilyUnavailable : TransferError;

    /// <summary>Anything else, with the ledger's code and message.</summary>
    public sealed record GenericError([property: CandidName("error_code")] BigInteger ErrorCode, [property: CandidName("message")] string Message) : TransferError;
}

/// <summary>The reply of <c>icrc1_transfer</c>: <c>variant { Ok : nat; Err : TransferError }</c>.</summary>
[CandidVariant]
public abstract record TransferResult
{
    /// <summary>The block index of the transfer.</summary>
    public sealed record Ok(BigInteger Value) : TransferResult;

    /// <summary>The refusal.</summary>
    public sealed record Err(TransferError Value) : TransferResult;
}

/// <summary>What a transfer ended as, for the caller.</summary>
/// <param name="BlockIndex">The block holding the transfer, when it happened.</param>
/// <param name="Error">Why it did not, otherwise.</param>
/// <param name="WasDuplicate">The ledger already had it (a retry of a transfer whose reply was lost).</param>
public sealed record TransferOutcome(BigInteger? BlockIndex, TransferError? Error, bool WasDuplicate)
{
    /// <summary>Whether the tokens moved (now or in the earlier attempt).</summary>
    public bool Succeeded => BlockIndex is not null;
}

/// <summary>A value of <c>icrc1_metadata</c>: <c>variant { Nat : nat; Int : int; Text : text; Blob : blob }</c>.</summary>
[CandidVariant]
public abstract record MetadataValue
{
    /// <summary>A natural number (e.g. <c>icrc1:decimals</c>, <c>icrc1:fee</c>).</summary>
    public sealed record Nat(BigInteger Value) : MetadataValue;

    /// <summary>An integer.</summary>
    public sealed record Int([property: CandidInt] BigInteger Value) : MetadataValue;

    /// <summary>Text (e.g. <c>icrc1:name</c>, <c>icrc1:symbol</c>).</summary>
    public sealed record Text(string Value) : MetadataValue;

    /// <summary>Bytes.</summary>
    public sealed record Blob(byte[] Value) : MetadataValue;
}

/// <summary>An entry of <c>icrc1_supported_standards</c>.</summary>
public sealed record SupportedStandard([property: CandidName("name")] string Name, [property: CandidName("url")] string Url);
