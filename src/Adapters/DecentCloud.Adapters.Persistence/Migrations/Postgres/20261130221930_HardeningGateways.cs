using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
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
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Registered = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
