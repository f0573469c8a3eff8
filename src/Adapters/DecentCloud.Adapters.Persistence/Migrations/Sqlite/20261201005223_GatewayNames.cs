using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class GatewayNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContractId",
                table: "vm_address_records",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_vm_address_records_ContractId",
                table: "vm_address_records",
                column: "ContractId",
                unique: true,
                filter: "\"ContractId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_vm_address_records_ContractId",
                table: "vm_address_records");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "vm_address_records");
        }
    }
}
