using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Issue14Quality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseOk = table.Column<bool>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_checks_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseOk = table.Column<bool>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_disagreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    PlatformStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AgentStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AgentReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentCheckedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_disagreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_disagreements_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    PlatformStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AgentStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AgentReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentCheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_disagreements_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUnhealthyAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnhealthyChecks = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_incidents", x => x.Id);
                    table.CheckConstraint("CK_health_incidents_order", "\"EndedAt\" IS NULL OR \"EndedAt\" >= \"StartedAt\"");
                });

            migrationBuilder.CreateTable(
                name: "health_incidents_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUnhealthyAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnhealthyChecks = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_incidents_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_rollup_cursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RolledUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_rollup_cursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "health_rollups",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    HourStart = table.Column<long>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Healthy = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseOk = table.Column<int>(type: "INTEGER", nullable: false),
                    Unknown = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_rollups", x => new { x.ContractId, x.HourStart });
                    table.CheckConstraint("CK_health_rollups_counts", "\"Healthy\" >= 0 AND \"Healthy\" <= \"Total\" AND \"ResponseOk\" <= \"Healthy\"");
                });

            migrationBuilder.CreateTable(
                name: "health_rollups_archive",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    HourStart = table.Column<long>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Healthy = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseOk = table.Column<int>(type: "INTEGER", nullable: false),
                    Unknown = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_rollups_archive", x => new { x.ContractId, x.HourStart });
                });

            migrationBuilder.CreateTable(
                name: "probe_schedule",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastProbedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_probe_schedule", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "self_reported_slis",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UptimePercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    ResponsePercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    Incidents = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_reported_slis", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    UptimePercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    TargetPercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    DetectedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_breaches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    UptimePercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    TargetPercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    DetectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_breaches_archive", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_At",
                table: "health_checks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_ContractId_At",
                table: "health_checks",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_OfferingId_At",
                table: "health_checks",
                columns: new[] { "OfferingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_ProviderId_At",
                table: "health_checks",
                columns: new[] { "ProviderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_archive_ContractId_At",
                table: "health_checks_archive",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_archive_ProviderId_At",
                table: "health_checks_archive",
                columns: new[] { "ProviderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_disagreements_ContractId_At",
                table: "health_disagreements",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_disagreements_archive_ContractId_At",
                table: "health_disagreements_archive",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_ContractId_StartedAt",
                table: "health_incidents",
                columns: new[] { "ContractId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_open",
                table: "health_incidents",
                column: "ContractId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_ProviderId_StartedAt",
                table: "health_incidents",
                columns: new[] { "ProviderId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_archive_ContractId_StartedAt",
                table: "health_incidents_archive",
                columns: new[] { "ContractId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_archive_ProviderId_StartedAt",
                table: "health_incidents_archive",
                columns: new[] { "ProviderId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_health_rollups_OfferingId_HourStart",
                table: "health_rollups",
                columns: new[] { "OfferingId", "HourStart" });

            migrationBuilder.CreateIndex(
                name: "IX_health_rollups_ProviderId_HourStart",
                table: "health_rollups",
                columns: new[] { "ProviderId", "HourStart" });

            migrationBuilder.CreateIndex(
                name: "IX_health_rollups_archive_ProviderId_HourStart",
                table: "health_rollups_archive",
                columns: new[] { "ProviderId", "HourStart" });

            migrationBuilder.CreateIndex(
                name: "IX_probe_schedule_DueAt",
                table: "probe_schedule",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_self_reported_slis_OfferingId_Day",
                table: "self_reported_slis",
                columns: new[] { "OfferingId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_self_reported_slis_ProviderId_Day",
                table: "self_reported_slis",
                columns: new[] { "ProviderId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_ContractId_Hour",
                table: "sla_breaches",
                columns: new[] { "ContractId", "Hour" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_ProviderId_Hour",
                table: "sla_breaches",
                columns: new[] { "ProviderId", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_archive_ContractId_Hour",
                table: "sla_breaches_archive",
                columns: new[] { "ContractId", "Hour" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_archive_ProviderId_Hour",
                table: "sla_breaches_archive",
                columns: new[] { "ProviderId", "Hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_checks");

            migrationBuilder.DropTable(
                name: "health_checks_archive");

            migrationBuilder.DropTable(
                name: "health_disagreements");

            migrationBuilder.DropTable(
                name: "health_disagreements_archive");

            migrationBuilder.DropTable(
                name: "health_incidents");

            migrationBuilder.DropTable(
                name: "health_incidents_archive");

            migrationBuilder.DropTable(
                name: "health_rollup_cursors");

            migrationBuilder.DropTable(
                name: "health_rollups");

            migrationBuilder.DropTable(
                name: "health_rollups_archive");

            migrationBuilder.DropTable(
                name: "probe_schedule");

            migrationBuilder.DropTable(
                name: "self_reported_slis");

            migrationBuilder.DropTable(
                name: "sla_breaches");

            migrationBuilder.DropTable(
                name: "sla_breaches_archive");
        }
    }
}
