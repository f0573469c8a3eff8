using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Issue14Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ArchivedAt",
                table: "contracts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchivedFrom",
                table: "contracts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contract_credentials_archive",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Envelope = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LoginUser = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_credentials_archive", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "contract_transitions_archive",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_transitions_archive", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "contracts_archive",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ArchivedFrom = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    InstanceDetails = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    IsFree = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseHolder = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LoginUser = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PasswordReset = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PasswordResetError = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PasswordResetRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProgressAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProviderRespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProvisionedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RentalOfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RentalPriceNanoUsd = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedFrom = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StateSince = table.Column<long>(type: "INTEGER", nullable: false),
                    TerminatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Terms_Cores = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms_DurationSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    Terms_InstanceConfig = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    Terms_MemoryMb = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms_OfferingId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Terms_PoolName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Terms_PostProvisionScript = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true),
                    Terms_PriceAmount = table.Column<string>(type: "TEXT", nullable: false),
                    Terms_PriceDecimals = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms_PriceLedger = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    Terms_PriceToken = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Terms_ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Terms_RequesterAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Terms_SshPublicKey = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    Terms_StorageGb = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_reports_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_reports_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payment_releases_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    GrossNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NetNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    PayoutId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ReservedPayoutId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RetainUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_releases_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rental_escrows_archive",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RefundedNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedNanoUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    RetainUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_escrows_archive", x => x.ContractId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contract_credentials_archive_ArchivedAt",
                table: "contract_credentials_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_contract_credentials_archive_ContractId",
                table: "contract_credentials_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_transitions_archive_ArchivedAt",
                table: "contract_transitions_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_contract_transitions_archive_ContractId",
                table: "contract_transitions_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_archive_ArchivedAt",
                table: "contracts_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_archive_Id",
                table: "contracts_archive",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_health_reports_archive_ArchivedAt",
                table: "health_reports_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_health_reports_archive_ContractId",
                table: "health_reports_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_archive_ArchivedAt",
                table: "payment_releases_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_archive_ContractId",
                table: "payment_releases_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_releases_archive_RetainUntil",
                table: "payment_releases_archive",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_rental_escrows_archive_ArchivedAt",
                table: "rental_escrows_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_rental_escrows_archive_ContractId",
                table: "rental_escrows_archive",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_rental_escrows_archive_RetainUntil",
                table: "rental_escrows_archive",
                column: "RetainUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contract_credentials_archive");

            migrationBuilder.DropTable(
                name: "contract_transitions_archive");

            migrationBuilder.DropTable(
                name: "contracts_archive");

            migrationBuilder.DropTable(
                name: "health_reports_archive");

            migrationBuilder.DropTable(
                name: "payment_releases_archive");

            migrationBuilder.DropTable(
                name: "rental_escrows_archive");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "ArchivedFrom",
                table: "contracts");
        }
    }
}
