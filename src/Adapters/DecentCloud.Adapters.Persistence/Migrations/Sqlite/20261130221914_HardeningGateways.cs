using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class HardeningGateways : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gateway_quotas");
        }
    }
}
