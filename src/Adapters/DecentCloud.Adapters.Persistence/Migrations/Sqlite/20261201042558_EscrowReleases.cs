using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class EscrowReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payment_releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    GrossNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    NetNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PayoutId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_releases", x => x.Id);
                    table.CheckConstraint("CK_payment_releases_Amounts", "\"GrossNanoUsd\" > 0 AND \"FeeNanoUsd\" >= 0 AND \"NetNanoUsd\" = \"GrossNanoUsd\" - \"FeeNanoUsd\"");
                    table.CheckConstraint("CK_payment_releases_PaidOut", "(\"State\" = 'paid_out') = (\"PayoutId\" IS NOT NULL)");
                    table.CheckConstraint("CK_payment_releases_Period", "\"PeriodEnd\" >= \"PeriodStart\"");
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    WalletAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExternalReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Rail = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AmountNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payouts", x => x.Id);
                    table.CheckConstraint("CK_payouts_Amount", "\"AmountNanoUsd\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "rental_escrows",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PaidNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_escrows", x => x.ContractId);
                    table.CheckConstraint("CK_rental_escrows_Amounts", "\"PaidNanoUsd\" > 0 AND \"ReleasedNanoUsd\" >= 0 AND \"RefundedNanoUsd\" >= 0 AND \"ReleasedNanoUsd\" + \"RefundedNanoUsd\" <= \"PaidNanoUsd\"");
                    table.CheckConstraint("CK_rental_escrows_Period", "\"EndsAt\" > \"StartsAt\" AND \"ReleasedUntil\" >= \"StartsAt\" AND \"ReleasedUntil\" <= \"EndsAt\"");
                });

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_ContractId_PeriodStart",
                table: "payment_releases",
                columns: new[] { "ContractId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_PayoutId",
                table: "payment_releases",
                column: "PayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_ProviderId_State",
                table: "payment_releases",
                columns: new[] { "ProviderId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_payouts_ProviderId_At",
                table: "payouts",
                columns: new[] { "ProviderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_payouts_Rail_ExternalReference",
                table: "payouts",
                columns: new[] { "Rail", "ExternalReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rental_escrows_ProviderId",
                table: "rental_escrows",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_rental_escrows_ReleasedUntil",
                table: "rental_escrows",
                column: "ReleasedUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_releases");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropTable(
                name: "rental_escrows");
        }
    }
}
