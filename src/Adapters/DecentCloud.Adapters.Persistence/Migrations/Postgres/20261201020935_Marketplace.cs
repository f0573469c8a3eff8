using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Marketplace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_balances",
                columns: table => new
                {
                    Account = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Balance = table.Column<long>(type: "bigint", nullable: false),
                    NonNegative = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_balances", x => x.Account);
                    table.CheckConstraint("CK_ledger_balances_NonNegative", "NOT \"NonNegative\" OR \"Balance\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "ledger_transactions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Memo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_transactions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "offerings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Cores = table.Column<int>(type: "integer", nullable: false),
                    MemoryMb = table.Column<int>(type: "integer", nullable: false),
                    StorageGb = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PoolName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Backend = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SlaTargetBasisPoints = table.Column<int>(type: "integer", nullable: false),
                    MinDurationSeconds = table.Column<long>(type: "bigint", nullable: false),
                    MaxDurationSeconds = table.Column<long>(type: "bigint", nullable: false),
                    Stock = table.Column<int>(type: "integer", nullable: false),
                    Reserved = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    MonthlyPriceNanoUsd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offerings", x => x.Id);
                    table.CheckConstraint("CK_offerings_Reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"Stock\"");
                    table.CheckConstraint("CK_offerings_Stock", "\"Stock\" >= 1");
                });

            migrationBuilder.CreateTable(
                name: "provider_profiles",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ContactWebsite = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ContactTelegram = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AutoAccept = table.Column<bool>(type: "boolean", nullable: false),
                    PayoutAccount = table.Column<string>(type: "character varying(136)", maxLength: 136, nullable: true),
                    PayoutToken = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provider_profiles", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_provider_profiles_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_postings",
                columns: table => new
                {
                    TransactionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Account = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_postings", x => new { x.TransactionId, x.Account });
                    table.ForeignKey(
                        name: "FK_ledger_postings_ledger_balances_Account",
                        column: x => x.Account,
                        principalTable: "ledger_balances",
                        principalColumn: "Account",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_postings_ledger_transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "ledger_transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_postings_Account",
                table: "ledger_postings",
                column: "Account");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transactions_At",
                table: "ledger_transactions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transactions_IdempotencyKey",
                table: "ledger_transactions",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_offerings_ProviderId",
                table: "offerings",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_offerings_State_Backend",
                table: "offerings",
                columns: new[] { "State", "Backend" });

            migrationBuilder.CreateIndex(
                name: "IX_offerings_State_Cores_MemoryMb_StorageGb",
                table: "offerings",
                columns: new[] { "State", "Cores", "MemoryMb", "StorageGb" });

            migrationBuilder.CreateIndex(
                name: "IX_offerings_State_Country",
                table: "offerings",
                columns: new[] { "State", "Country" });

            migrationBuilder.CreateIndex(
                name: "IX_offerings_State_CreatedAt",
                table: "offerings",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_offerings_State_MonthlyPriceNanoUsd",
                table: "offerings",
                columns: new[] { "State", "MonthlyPriceNanoUsd" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_postings");

            migrationBuilder.DropTable(
                name: "offerings");

            migrationBuilder.DropTable(
                name: "provider_profiles");

            migrationBuilder.DropTable(
                name: "ledger_balances");

            migrationBuilder.DropTable(
                name: "ledger_transactions");
        }
    }
}
