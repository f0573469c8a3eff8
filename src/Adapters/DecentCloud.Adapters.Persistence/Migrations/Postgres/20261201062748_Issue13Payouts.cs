using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Issue13Payouts : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automated_payouts");

            migrationBuilder.DropIndex(
                name: "IX_payment_releases_ReservedPayoutId",
                table: "payment_releases");

            migrationBuilder.DropColumn(
                name: "ReservedPayoutId",
                table: "payment_releases");
        }
    }
}
