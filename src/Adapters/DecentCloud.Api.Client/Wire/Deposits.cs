namespace DecentCloud.Api.Client;

/// <summary><c>GET /api/v1/wallet/deposit-address</c>: where the signer sends tokens to top up the wallet.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Address">ICRC-1 account text: the platform's deposit principal and the account's subaccount.</param>
/// <param name="Subaccount">The subaccount part, 64 hex digits.</param>
/// <param name="Tokens">The tokens credited when sent there (e.g. <c>ICP</c>, <c>ckUSDC</c>), at a fresh price (stablecoins at par within a tolerance).</param>
public sealed record DepositAddressDetails(Guid AccountId, string Address, string Subaccount, IReadOnlyList<string> Tokens);

/// <summary>One deposit found on a ledger (<c>GET /api/v1/admin/deposits</c>).</summary>
/// <param name="Id">The deposit's id.</param>
/// <param name="Ledger">The ledger canister id.</param>
/// <param name="Token">The token's symbol; <c>null</c> on a ledger whose token the platform does not price.</param>
/// <param name="BlockIndex">The transfer's block on the ledger.</param>
/// <param name="FromAccount">The sender's ICRC-1 account text.</param>
/// <param name="AccountId">The account it was sent to.</param>
/// <param name="Amount">Base units, decimal text (up to 128 bits).</param>
/// <param name="Decimals">The token's decimals.</param>
/// <param name="LedgerFee">The ledger's fee when found, base units as decimal text.</param>
/// <param name="State"><c>credited</c>, <c>awaiting_price</c>, <c>below_fee</c>, <c>unknown_token</c>, <c>sweep_planned</c> or <c>swept</c>.</param>
/// <param name="PriceUsd">USD per whole token it was credited at, decimal text; <c>null</c> until credited.</param>
/// <param name="CreditedNanoUsd">Nano-USD credited to the wallet; <c>null</c> until credited.</param>
/// <param name="DetectedAt">When the scan found it.</param>
/// <param name="CreditedAt">When it was credited.</param>
/// <param name="SweepBlock">The sweep's block, once swept.</param>
public sealed record DepositDetails(
    Guid Id, string Ledger, string? Token, long BlockIndex, string FromAccount, Guid AccountId, string Amount, int Decimals, string LedgerFee,
    string State, string? PriceUsd, long? CreditedNanoUsd, DateTimeOffset DetectedAt, DateTimeOffset? CreditedAt, long? SweepBlock);
