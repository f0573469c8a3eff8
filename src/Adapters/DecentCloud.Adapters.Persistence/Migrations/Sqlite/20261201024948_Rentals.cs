using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Rentals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ProviderRespondedAt",
                table: "contracts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RentalOfferingId",
                table: "contracts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RentalPriceNanoUsd",
                table: "contracts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProviderRespondedAt",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "RentalOfferingId",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "RentalPriceNanoUsd",
                table: "contracts");
        }
    }
}
