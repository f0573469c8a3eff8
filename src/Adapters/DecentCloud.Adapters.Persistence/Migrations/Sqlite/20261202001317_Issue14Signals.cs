using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Issue14Signals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "external_benchmarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    YabsVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RanAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 28, scale: 6, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_benchmarks", x => x.Id);
                    table.CheckConstraint("CK_external_benchmarks_Value", "CAST(\"Value\" AS REAL) >= 0");
                });

            migrationBuilder.CreateTable(
                name: "external_signal_imports",
                columns: table => new
                {
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastFinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastStored = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_signal_imports", x => x.Source);
                });

            migrationBuilder.CreateTable(
                name: "external_signals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 28, scale: 6, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ObservedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_signals", x => x.Id);
                    table.CheckConstraint("CK_external_signals_Kind", "\"Kind\" IN ('external_uptime', 'external_benchmark')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_external_benchmarks_AccountId_OfferingId_SubmittedAt",
                table: "external_benchmarks",
                columns: new[] { "AccountId", "OfferingId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_external_benchmarks_OfferingId_SubmittedAt",
                table: "external_benchmarks",
                columns: new[] { "OfferingId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_external_benchmarks_ProviderId_SubmittedAt",
                table: "external_benchmarks",
                columns: new[] { "ProviderId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_external_benchmarks_SubmissionId_Metric_Context",
                table: "external_benchmarks",
                columns: new[] { "SubmissionId", "Metric", "Context" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_external_signals_ProviderId_ObservedAt",
                table: "external_signals",
                columns: new[] { "ProviderId", "ObservedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_external_signals_Source_Subject_Metric_Context_ObservedAt",
                table: "external_signals",
                columns: new[] { "Source", "Subject", "Metric", "Context", "ObservedAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_benchmarks");

            migrationBuilder.DropTable(
                name: "external_signal_imports");

            migrationBuilder.DropTable(
                name: "external_signals");
        }
    }
}
