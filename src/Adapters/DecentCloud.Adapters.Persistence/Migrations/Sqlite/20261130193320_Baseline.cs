using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialKeyHex = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "acme_dns_accounts",
                columns: table => new
                {
                    DcId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Username = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_dns_accounts", x => x.DcId);
                });

            migrationBuilder.CreateTable(
                name: "acme_txt_records",
                columns: table => new
                {
                    DcId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LatestValue = table.Column<string>(type: "TEXT", maxLength: 43, nullable: true),
                    LatestSetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousValue = table.Column<string>(type: "TEXT", maxLength: 43, nullable: true),
                    PreviousSetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acme_txt_records", x => x.DcId);
                });

            migrationBuilder.CreateTable(
                name: "agent_delegations",
                columns: table => new
                {
                    AgentKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Permissions = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_delegations", x => x.AgentKey);
                });

            migrationBuilder.CreateTable(
                name: "agent_heartbeats",
                columns: table => new
                {
                    AgentKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    AgentVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProvisionerTypes = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ActiveContracts = table.Column<int>(type: "INTEGER", nullable: false),
                    Resources = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    Bandwidth = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_heartbeats", x => x.AgentKey);
                });

            migrationBuilder.CreateTable(
                name: "agent_nonces",
                columns: table => new
                {
                    agent_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    nonce = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    forget_after = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_nonces", x => new { x.agent_key, x.nonce });
                });

            migrationBuilder.CreateTable(
                name: "agent_pools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_pools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contract_credentials",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Envelope = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    LoginUser = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_credentials", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsFree = table.Column<bool>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StateSince = table.Column<long>(type: "INTEGER", nullable: false),
                    ProgressAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseHolder = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    InstanceDetails = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    LoginUser = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ProvisionedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TerminatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PasswordReset = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PasswordResetRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PasswordResetError = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Terms_Cores = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms_DurationSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    Terms_InstanceConfig = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    Terms_MemoryMb = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms_OfferingId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Terms_PoolName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Terms_PostProvisionScript = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true),
                    Terms_PriceE8s = table.Column<long>(type: "INTEGER", nullable: false),
                    Terms_ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Terms_RequesterAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Terms_SshPublicKey = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    Terms_StorageGb = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "setup_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Permissions = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsumedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsumedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setup_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vm_address_records",
                columns: table => new
                {
                    DcId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vm_address_records", x => new { x.DcId, x.Slug });
                });

            migrationBuilder.CreateTable(
                name: "account_devices",
                columns: table => new
                {
                    KeyHex = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_devices", x => x.KeyHex);
                    table.ForeignKey(
                        name: "FK_account_devices_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contract_transitions",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_transitions", x => x.Seq);
                    table.ForeignKey(
                        name: "FK_contract_transitions_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_devices_AccountId",
                table: "account_devices",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_acme_dns_accounts_ProviderId",
                table: "acme_dns_accounts",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_acme_dns_accounts_Username",
                table: "acme_dns_accounts",
                column: "Username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agent_delegations_ProviderId",
                table: "agent_delegations",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_agent_heartbeats_ProviderId",
                table: "agent_heartbeats",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_agent_nonces_forget_after",
                table: "agent_nonces",
                column: "forget_after");

            migrationBuilder.CreateIndex(
                name: "IX_agent_pools_Name",
                table: "agent_pools",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_contract_credentials_ExpiresAt",
                table: "contract_credentials",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_contract_transitions_ContractId",
                table: "contract_transitions",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_State_StateSince",
                table: "contracts",
                columns: new[] { "State", "StateSince" });

            migrationBuilder.CreateIndex(
                name: "IX_health_reports_ContractId_CheckedAt",
                table: "health_reports",
                columns: new[] { "ContractId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_setup_tokens_TokenHash",
                table: "setup_tokens",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_devices");

            migrationBuilder.DropTable(
                name: "acme_dns_accounts");

            migrationBuilder.DropTable(
                name: "acme_txt_records");

            migrationBuilder.DropTable(
                name: "agent_delegations");

            migrationBuilder.DropTable(
                name: "agent_heartbeats");

            migrationBuilder.DropTable(
                name: "agent_nonces");

            migrationBuilder.DropTable(
                name: "agent_pools");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "contract_credentials");

            migrationBuilder.DropTable(
                name: "contract_transitions");

            migrationBuilder.DropTable(
                name: "health_reports");

            migrationBuilder.DropTable(
                name: "setup_tokens");

            migrationBuilder.DropTable(
                name: "vm_address_records");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "contracts");
        }
    }
}
