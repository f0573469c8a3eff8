using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PriceNanoUsd",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProviderRespondedAt",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RentalOfferingId",
                table: "contract_request_archive",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TermSeconds",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contract_feedback",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatchedDescription = table.Column<bool>(type: "boolean", nullable: false),
                    WouldRentAgain = table.Column<bool>(type: "boolean", nullable: false),
                    GivenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_feedback", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "provider_scores",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Trust = table.Column<int>(type: "integer", nullable: true),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    NotEnoughData = table.Column<bool>(type: "boolean", nullable: false),
                    ReliabilityHundredths = table.Column<int>(type: "integer", nullable: false),
                    SlaPenaltyHundredths = table.Column<int>(type: "integer", nullable: false),
                    Factors = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    ComputedAt = table.Column<long>(type: "bigint", nullable: true)
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
