using System;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class PayoutsAndDeposits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReservedPayoutId",
                table: "payment_releases",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "automated_payouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Token = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LedgerCanisterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ToAccount = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AmountNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    PriceUsd = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    Decimals = table.Column<int>(type: "integer", nullable: false),
                    GrossBaseUnits = table.Column<long>(type: "bigint", nullable: false),
                    AmountBaseUnits = table.Column<long>(type: "bigint", nullable: false),
                    FeeBaseUnits = table.Column<long>(type: "bigint", nullable: false),
                    FeeOnTop = table.Column<bool>(type: "boolean", nullable: false),
                    FeeCorrected = table.Column<bool>(type: "boolean", nullable: false),
                    MemoHex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtTimeNanos = table.Column<long>(type: "bigint", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    BlockIndex = table.Column<long>(type: "bigint", nullable: true),
                    FailureReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PlannedAt = table.Column<long>(type: "bigint", nullable: false),
                    SettledAt = table.Column<long>(type: "bigint", nullable: true),
                    ReleaseIdsText = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_automated_payouts", x => x.Id);
                    table.CheckConstraint("CK_automated_payouts_Amounts", "\"AmountNanoUsd\" > 0 AND \"GrossBaseUnits\" >= 0 AND \"AmountBaseUnits\" > 0 AND \"FeeBaseUnits\" >= 0 AND ((\"FeeOnTop\" AND \"AmountBaseUnits\" = \"GrossBaseUnits\") OR (NOT \"FeeOnTop\" AND \"AmountBaseUnits\" + \"FeeBaseUnits\" = \"GrossBaseUnits\"))");
                    table.CheckConstraint("CK_automated_payouts_Confirmed", "(\"State\" = 'confirmed') = (\"BlockIndex\" IS NOT NULL)");
                    table.CheckConstraint("CK_automated_payouts_Failed", "(\"State\" = 'failed') = (\"FailureReason\" IS NOT NULL)");
                    table.CheckConstraint("CK_automated_payouts_Memo", "length(\"MemoHex\") BETWEEN 2 AND 64 AND length(\"MemoHex\") % 2 = 0");
                    table.CheckConstraint("CK_automated_payouts_State", "\"State\" IN ('planned', 'submitted', 'confirmed', 'failed')");
                    table.CheckConstraint("CK_automated_payouts_Transfer", "\"Attempt\" BETWEEN 1 AND 255 AND \"Decimals\" BETWEEN 0 AND 18 AND \"CreatedAtTimeNanos\" >= 0 AND (\"BlockIndex\" IS NULL OR \"BlockIndex\" >= 0) AND CAST(\"PriceUsd\" AS REAL) > 0");
                });

            migrationBuilder.CreateTable(
                name: "deposit_addresses",
                columns: table => new
                {
                    Subaccount = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deposit_addresses", x => x.Subaccount);
                });

            migrationBuilder.CreateTable(
                name: "deposit_cursors",
                columns: table => new
                {
                    Ledger = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    NextBlock = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deposit_cursors", x => x.Ledger);
                    table.CheckConstraint("CK_deposit_cursors_NextBlock", "\"NextBlock\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "deposits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Ledger = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Token = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    BlockIndex = table.Column<long>(type: "bigint", nullable: false),
                    FromAccount = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subaccount = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Amount = table.Column<BigInteger>(type: "numeric(39,0)", precision: 39, scale: 0, nullable: false),
                    Decimals = table.Column<int>(type: "integer", nullable: false),
                    LedgerFee = table.Column<BigInteger>(type: "numeric(39,0)", precision: 39, scale: 0, nullable: false),
                    PriceUsd = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: true),
                    CreditedNanoUsd = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DetectedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreditedAt = table.Column<long>(type: "bigint", nullable: true),
                    SweepCreatedAtNanos = table.Column<long>(type: "bigint", nullable: true),
                    SweepMemo = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    SweepBlock = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deposits", x => x.Id);
                    table.CheckConstraint("CK_deposits_Block", "\"BlockIndex\" >= 0 AND \"Decimals\" >= 0 AND \"Decimals\" <= 18");
                    table.CheckConstraint("CK_deposits_Credited", "(\"State\" IN ('credited', 'sweep_planned', 'swept')) = (\"CreditedNanoUsd\" IS NOT NULL AND \"CreditedNanoUsd\" > 0 AND \"PriceUsd\" IS NOT NULL AND \"CreditedAt\" IS NOT NULL)");
                    table.CheckConstraint("CK_deposits_Sweep", "(\"State\" IN ('sweep_planned', 'swept')) = (\"SweepCreatedAtNanos\" IS NOT NULL AND \"SweepMemo\" IS NOT NULL) AND (\"State\" = 'swept') = (\"SweepBlock\" IS NOT NULL)");
                    table.CheckConstraint("CK_deposits_Token", "\"Token\" IS NOT NULL OR \"State\" = 'unknown_token'");
                });

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_ReservedPayoutId",
                table: "payment_releases",
                column: "ReservedPayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_automated_payouts_Ledger_Block",
                table: "automated_payouts",
                columns: new[] { "LedgerCanisterId", "BlockIndex" },
                unique: true,
                filter: "\"BlockIndex\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_automated_payouts_PlannedAt",
                table: "automated_payouts",
                column: "PlannedAt");

            migrationBuilder.CreateIndex(
                name: "IX_automated_payouts_ProviderId_Open",
                table: "automated_payouts",
                column: "ProviderId",
                unique: true,
                filter: "\"State\" IN ('planned', 'submitted')");

            migrationBuilder.CreateIndex(
                name: "IX_automated_payouts_State_Token_PlannedAt",
                table: "automated_payouts",
                columns: new[] { "State", "Token", "PlannedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_deposit_addresses_AccountId",
                table: "deposit_addresses",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deposits_AccountId",
                table: "deposits",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_deposits_Ledger_BlockIndex",
                table: "deposits",
                columns: new[] { "Ledger", "BlockIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deposits_Ledger_State",
                table: "deposits",
                columns: new[] { "Ledger", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_deposits_State_DetectedAt",
                table: "deposits",
                columns: new[] { "State", "DetectedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automated_payouts");

            migrationBuilder.DropTable(
                name: "deposit_addresses");

            migrationBuilder.DropTable(
                name: "deposit_cursors");

            migrationBuilder.DropTable(
                name: "deposits");

            migrationBuilder.DropIndex(
                name: "IX_payment_releases_ReservedPayoutId",
                table: "payment_releases");

            migrationBuilder.DropColumn(
                name: "ReservedPayoutId",
                table: "payment_releases");
        }
    }
}
