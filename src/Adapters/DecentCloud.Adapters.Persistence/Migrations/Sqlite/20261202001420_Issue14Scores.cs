using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Issue14Scores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AcceptedAt",
                table: "contract_request_archive",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PriceNanoUsd",
                table: "contract_request_archive",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProviderRespondedAt",
                table: "contract_request_archive",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RentalOfferingId",
                table: "contract_request_archive",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TermSeconds",
                table: "contract_request_archive",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contract_feedback",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatchedDescription = table.Column<bool>(type: "INTEGER", nullable: false),
                    WouldRentAgain = table.Column<bool>(type: "INTEGER", nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_feedback", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "provider_scores",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Trust = table.Column<int>(type: "INTEGER", nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    NotEnoughData = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReliabilityHundredths = table.Column<int>(type: "INTEGER", nullable: false),
                    SlaPenaltyHundredths = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provider_scores", x => x.ProviderId);
                    table.CheckConstraint("CK_provider_scores_Reliability", "\"ReliabilityHundredths\" >= 0 AND \"ReliabilityHundredths\" <= 10000");
                    table.CheckConstraint("CK_provider_scores_Trust", "\"Trust\" IS NULL OR (\"Trust\" >= 0 AND \"Trust\" <= 100)");
                });

            migrationBuilder.CreateIndex(
                name: "IX_contract_feedback_AccountId",
                table: "contract_feedback",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_feedback_ProviderId",
                table: "contract_feedback",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_provider_scores_ComputedAt",
                table: "provider_scores",
                column: "ComputedAt");

            migrationBuilder.CreateIndex(
                name: "IX_provider_scores_Trust_ReliabilityHundredths",
                table: "provider_scores",
                columns: new[] { "Trust", "ReliabilityHundredths" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contract_feedback");

            migrationBuilder.DropTable(
                name: "provider_scores");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "PriceNanoUsd",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "ProviderRespondedAt",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "RentalOfferingId",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "TermSeconds",
                table: "contract_request_archive");
        }
    }
}
