using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class PriceHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chosen_prices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PriceUsd = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    ChosenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chosen_prices", x => x.Id);
                    table.CheckConstraint("CK_chosen_prices_Price", "CAST(\"PriceUsd\" AS REAL) > 0 AND \"SourceCount\" >= 1");
                });

            migrationBuilder.CreateTable(
                name: "price_quotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PriceUsd = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: true),
                    ObservedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_quotes", x => x.Id);
                    table.CheckConstraint("CK_price_quotes_Price", "\"PriceUsd\" IS NULL OR CAST(\"PriceUsd\" AS REAL) > 0");
                    table.CheckConstraint("CK_price_quotes_Used", "NOT \"Used\" OR (\"PriceUsd\" IS NOT NULL AND \"Reason\" IS NULL)");
                });

            migrationBuilder.CreateIndex(
                name: "IX_chosen_prices_Token_ChosenAt",
                table: "chosen_prices",
                columns: new[] { "Token", "ChosenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_price_quotes_RoundId",
                table: "price_quotes",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_price_quotes_Token_RoundAt",
                table: "price_quotes",
                columns: new[] { "Token", "RoundAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chosen_prices");

            migrationBuilder.DropTable(
                name: "price_quotes");
        }
    }
}
