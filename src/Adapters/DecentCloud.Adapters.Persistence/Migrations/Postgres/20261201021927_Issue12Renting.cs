using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Issue12Renting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RentalOfferingId",
                table: "contracts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RentalPriceNanoUsd",
                table: "contracts",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RentalOfferingId",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "RentalPriceNanoUsd",
                table: "contracts");
        }
    }
}
