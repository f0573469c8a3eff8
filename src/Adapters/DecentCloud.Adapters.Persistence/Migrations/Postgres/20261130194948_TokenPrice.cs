using System.Numerics;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Contract prices become token amounts: every existing price was ICP e8s, so it is copied as that many
    /// base units of ICP (8 decimals, ICP ledger) before the old column goes.
    /// </summary>
    internal partial class TokenPrice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<BigInteger>(
                name: "Terms_PriceAmount",
                table: "contracts",
                type: "numeric(39,0)",
                precision: 39,
                scale: 0,
                nullable: false,
                defaultValue: BigInteger.Zero);

            migrationBuilder.AddColumn<int>(
                name: "Terms_PriceDecimals",
                table: "contracts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Terms_PriceLedger",
                table: "contracts",
                type: "character varying(63)",
                maxLength: 63,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Terms_PriceToken",
                table: "contracts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(
                "UPDATE contracts SET \"Terms_PriceAmount\" = \"Terms_PriceE8s\", \"Terms_PriceToken\" = 'ICP', \"Terms_PriceDecimals\" = 8, \"Terms_PriceLedger\" = 'ryjl3-tyaaa-aaaaa-aaaba-cai';");

            migrationBuilder.DropColumn(
                name: "Terms_PriceE8s",
                table: "contracts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Terms_PriceE8s",
                table: "contracts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Only ICP prices fit the old column; a price in another token cannot go back and stops the downgrade.
            migrationBuilder.Sql(
                "UPDATE contracts SET \"Terms_PriceE8s\" = CASE WHEN \"Terms_PriceToken\" = 'ICP' THEN \"Terms_PriceAmount\"::bigint ELSE 1 / 0 END;");

            migrationBuilder.DropColumn(
                name: "Terms_PriceAmount",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "Terms_PriceDecimals",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "Terms_PriceLedger",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "Terms_PriceToken",
                table: "contracts");
        }
    }
}
