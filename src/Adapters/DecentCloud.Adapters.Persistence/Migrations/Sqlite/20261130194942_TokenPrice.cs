using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Contract prices become token amounts: every existing price was ICP e8s, so it is copied as that many
    /// base units of ICP (8 decimals, ICP ledger) before the old column goes.
    /// </summary>
    internal partial class TokenPrice : Migration
    {
        // Columns are dropped with SQLite's own ALTER TABLE … DROP COLUMN (3.35+, bundled) rather than EF's table
        // rebuild, whose PRAGMA foreign_keys steps cannot run in the migration's transaction: this way the whole
        // migration is one transaction, and a crash leaves the file as it was.

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Terms_PriceAmount",
                table: "contracts",
                type: "TEXT",
                nullable: false,
                defaultValue: "0");

            migrationBuilder.AddColumn<int>(
                name: "Terms_PriceDecimals",
                table: "contracts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Terms_PriceLedger",
                table: "contracts",
                type: "TEXT",
                maxLength: 63,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Terms_PriceToken",
                table: "contracts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(
                "UPDATE contracts SET \"Terms_PriceAmount\" = CAST(\"Terms_PriceE8s\" AS TEXT), \"Terms_PriceToken\" = 'ICP', \"Terms_PriceDecimals\" = 8, \"Terms_PriceLedger\" = 'ryjl3-tyaaa-aaaaa-aaaba-cai';");

            migrationBuilder.Sql("ALTER TABLE contracts DROP COLUMN \"Terms_PriceE8s\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Terms_PriceE8s",
                table: "contracts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Only ICP prices fit the old column; a price in another token cannot go back and stops the downgrade.
            migrationBuilder.Sql(
                "UPDATE contracts SET \"Terms_PriceE8s\" = CASE WHEN \"Terms_PriceToken\" = 'ICP' THEN CAST(\"Terms_PriceAmount\" AS INTEGER) END;");

            migrationBuilder.Sql("ALTER TABLE contracts DROP COLUMN \"Terms_PriceAmount\";");

            migrationBuilder.Sql("ALTER TABLE contracts DROP COLUMN \"Terms_PriceDecimals\";");

            migrationBuilder.Sql("ALTER TABLE contracts DROP COLUMN \"Terms_PriceLedger\";");

            migrationBuilder.Sql("ALTER TABLE contracts DROP COLUMN \"Terms_PriceToken\";");
        }
    }
}
