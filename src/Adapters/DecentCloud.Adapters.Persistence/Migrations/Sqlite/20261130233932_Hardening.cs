using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestedFrom",
                table: "contracts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedFrom",
                table: "accounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contract_request_archive",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RequesterAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OfferingId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    FinalState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedFrom = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    History = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_request_archive", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "gateway_quotas",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Registered = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gateway_quotas", x => x.ProviderId);
                    table.CheckConstraint("CK_gateway_quotas_Registered", "\"Registered\" >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "IX_contracts_RequestedFrom_CreatedAt",
                table: "contracts",
                columns: new[] { "RequestedFrom", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_CreatedFrom_CreatedAt",
                table: "accounts",
                columns: new[] { "CreatedFrom", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_contract_request_archive_ProviderId",
                table: "contract_request_archive",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_request_archive_RequesterAccountId",
                table: "contract_request_archive",
                column: "RequesterAccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contract_request_archive");

            migrationBuilder.DropTable(
                name: "gateway_quotas");

            migrationBuilder.DropIndex(
                name: "IX_contracts_RequestedFrom_CreatedAt",
                table: "contracts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_CreatedFrom_CreatedAt",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "RequestedFrom",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "CreatedFrom",
                table: "accounts");
        }
    }
}
