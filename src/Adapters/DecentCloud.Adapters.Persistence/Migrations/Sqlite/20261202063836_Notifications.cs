using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sla_breaches_archive_ContractId_Hour",
                table: "sla_breaches_archive");

            migrationBuilder.DropIndex(
                name: "IX_sla_breaches_archive_ProviderId_Hour",
                table: "sla_breaches_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_rollups_archive_ProviderId_HourStart",
                table: "health_rollups_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_incidents_archive_ContractId_StartedAt",
                table: "health_incidents_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_incidents_archive_ProviderId_StartedAt",
                table: "health_incidents_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_disagreements_archive_ContractId_At",
                table: "health_disagreements_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_checks_archive_ContractId_At",
                table: "health_checks_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_checks_archive_ProviderId_At",
                table: "health_checks_archive");

            migrationBuilder.CreateTable(
                name: "notification_packs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    PurchaseKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PurchasedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_packs", x => x.Id);
                    table.CheckConstraint("CK_notification_packs_Messages", "\"Messages\" > 0 AND \"PriceNanoUsd\" > 0");
                    table.CheckConstraint("CK_notification_packs_Used", "\"Used\" >= 0 AND \"Used\" <= \"Messages\"");
                });

            migrationBuilder.CreateTable(
                name: "notification_settings",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastCodeSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_settings", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "notification_usage",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyLimit = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_usage", x => new { x.AccountId, x.Channel, x.Day });
                    table.CheckConstraint("CK_notification_usage_Used", "\"Used\" >= 0 AND \"Used\" <= \"DailyLimit\"");
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChargedTo = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ChargedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RefundedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                    table.CheckConstraint("CK_notifications_Charge", "(\"ChargedTo\" = 'Paid') = (\"PackId\" IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "notification_addresses",
                columns: table => new
                {
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    CodeExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CodeSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CodeAttempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_addresses", x => new { x.AccountId, x.Channel });
                    table.CheckConstraint("CK_notification_addresses_Channel", "\"Channel\" <> 'in_app'");
                    table.ForeignKey(
                        name: "FK_notification_addresses_notification_settings_AccountId",
                        column: x => x.AccountId,
                        principalTable: "notification_settings",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_archive_ArchivedAt",
                table: "sla_breaches_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_archive_ContractId",
                table: "sla_breaches_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_health_rollups_archive_ArchivedAt",
                table: "health_rollups_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_health_rollups_archive_ContractId",
                table: "health_rollups_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_archive_ArchivedAt",
                table: "health_incidents_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_archive_ContractId",
                table: "health_incidents_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_health_disagreements_archive_ArchivedAt",
                table: "health_disagreements_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_health_disagreements_archive_ContractId",
                table: "health_disagreements_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_archive_ArchivedAt",
                table: "health_checks_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_archive_ContractId",
                table: "health_checks_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_packs_AccountId_Channel_ValidUntil",
                table: "notification_packs",
                columns: new[] { "AccountId", "Channel", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_packs_PurchaseKey",
                table: "notification_packs",
                column: "PurchaseKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_AccountId_Channel_Status_CreatedAt",
                table: "notifications",
                columns: new[] { "AccountId", "Channel", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Address_Kind_CreatedAt",
                table: "notifications",
                columns: new[] { "Address", "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_IdempotencyKey",
                table: "notifications",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_addresses");

            migrationBuilder.DropTable(
                name: "notification_packs");

            migrationBuilder.DropTable(
                name: "notification_usage");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "notification_settings");

            migrationBuilder.DropIndex(
                name: "IX_sla_breaches_archive_ArchivedAt",
                table: "sla_breaches_archive");

            migrationBuilder.DropIndex(
                name: "IX_sla_breaches_archive_ContractId",
                table: "sla_breaches_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_rollups_archive_ArchivedAt",
                table: "health_rollups_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_rollups_archive_ContractId",
                table: "health_rollups_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_incidents_archive_ArchivedAt",
                table: "health_incidents_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_incidents_archive_ContractId",
                table: "health_incidents_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_disagreements_archive_ArchivedAt",
                table: "health_disagreements_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_disagreements_archive_ContractId",
                table: "health_disagreements_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_checks_archive_ArchivedAt",
                table: "health_checks_archive");

            migrationBuilder.DropIndex(
                name: "IX_health_checks_archive_ContractId",
                table: "health_checks_archive");

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_archive_ContractId_Hour",
                table: "sla_breaches_archive",
                columns: new[] { "ContractId", "Hour" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_archive_ProviderId_Hour",
                table: "sla_breaches_archive",
                columns: new[] { "ProviderId", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_health_rollups_archive_ProviderId_HourStart",
                table: "health_rollups_archive",
                columns: new[] { "ProviderId", "HourStart" });

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_archive_ContractId_StartedAt",
                table: "health_incidents_archive",
                columns: new[] { "ContractId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_health_incidents_archive_ProviderId_StartedAt",
                table: "health_incidents_archive",
                columns: new[] { "ProviderId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_health_disagreements_archive_ContractId_At",
                table: "health_disagreements_archive",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_archive_ContractId_At",
                table: "health_checks_archive",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_checks_archive_ProviderId_At",
                table: "health_checks_archive",
                columns: new[] { "ProviderId", "At" });
        }
    }
}
