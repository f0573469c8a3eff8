using System;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DecentCloud.Adapters.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class TrustAndQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ArchivedAt",
                table: "contracts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchivedFrom",
                table: "contracts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AcceptedAt",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PriceNanoUsd",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProviderRespondedAt",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RentalOfferingId",
                table: "contract_request_archive",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TermSeconds",
                table: "contract_request_archive",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contract_credentials_archive",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Envelope = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false),
                    LoginUser = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_credentials_archive", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "contract_feedback",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatchedDescription = table.Column<bool>(type: "boolean", nullable: false),
                    WouldRentAgain = table.Column<bool>(type: "boolean", nullable: false),
                    GivenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_feedback", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "contract_transitions_archive",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    From = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_transitions_archive", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "contracts_archive",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: true),
                    ArchivedFrom = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    EndsAt = table.Column<long>(type: "bigint", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    InstanceDetails = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    IsFree = table.Column<bool>(type: "boolean", nullable: false),
                    LeaseExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    LeaseHolder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LoginUser = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PaidAt = table.Column<long>(type: "bigint", nullable: true),
                    PasswordReset = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PasswordResetError = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PasswordResetRequestedAt = table.Column<long>(type: "bigint", nullable: true),
                    ProgressAt = table.Column<long>(type: "bigint", nullable: false),
                    ProviderRespondedAt = table.Column<long>(type: "bigint", nullable: true),
                    ProvisionedAt = table.Column<long>(type: "bigint", nullable: true),
                    RentalOfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    RentalPriceNanoUsd = table.Column<long>(type: "bigint", nullable: true),
                    RequestedFrom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StateSince = table.Column<long>(type: "bigint", nullable: false),
                    TerminatedAt = table.Column<long>(type: "bigint", nullable: true),
                    Terms_Cores = table.Column<int>(type: "integer", nullable: false),
                    Terms_DurationSeconds = table.Column<long>(type: "bigint", nullable: false),
                    Terms_InstanceConfig = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    Terms_MemoryMb = table.Column<int>(type: "integer", nullable: false),
                    Terms_OfferingId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Terms_PoolName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Terms_PostProvisionScript = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: true),
                    Terms_PriceAmount = table.Column<BigInteger>(type: "numeric(39,0)", precision: 39, scale: 0, nullable: false),
                    Terms_PriceDecimals = table.Column<int>(type: "integer", nullable: false),
                    Terms_PriceLedger = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    Terms_PriceToken = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Terms_ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Terms_RequesterAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Terms_SshPublicKey = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    Terms_StorageGb = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "external_benchmarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAt = table.Column<long>(type: "bigint", nullable: false),
                    YabsVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RanAt = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Metric = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Context = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    LastFinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastStored = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_signal_imports", x => x.Source);
                });

            migrationBuilder.CreateTable(
                name: "external_signals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Metric = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Context = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ObservedAt = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_signals", x => x.Id);
                    table.CheckConstraint("CK_external_signals_Kind", "\"Kind\" IN ('external_uptime', 'external_benchmark')");
                });

            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LatencyMs = table.Column<int>(type: "integer", nullable: true),
                    ResponseOk = table.Column<bool>(type: "boolean", nullable: false),
                    Detail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_checks_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LatencyMs = table.Column<int>(type: "integer", nullable: true),
                    ResponseOk = table.Column<bool>(type: "boolean", nullable: false),
                    Detail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_disagreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    PlatformStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgentStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgentReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentCheckedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_disagreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_disagreements_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    PlatformStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgentStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgentReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentCheckedAt = table.Column<long>(type: "bigint", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_disagreements_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    LastUnhealthyAt = table.Column<long>(type: "bigint", nullable: false),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    UnhealthyChecks = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    LastUnhealthyAt = table.Column<long>(type: "bigint", nullable: false),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    UnhealthyChecks = table.Column<int>(type: "integer", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_incidents_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_reports_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false),
                    CheckedAt = table.Column<long>(type: "bigint", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Details = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    LatencyMs = table.Column<int>(type: "integer", nullable: true),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_reports_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "health_rollup_cursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RolledUntil = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_rollup_cursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "health_rollups",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    HourStart = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Healthy = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    ResponseOk = table.Column<int>(type: "integer", nullable: false),
                    Unknown = table.Column<int>(type: "integer", nullable: false)
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
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    HourStart = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Healthy = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    ResponseOk = table.Column<int>(type: "integer", nullable: false),
                    Unknown = table.Column<int>(type: "integer", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_rollups_archive", x => new { x.ContractId, x.HourStart });
                });

            migrationBuilder.CreateTable(
                name: "payment_releases_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    FeeNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    GrossNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NetNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    PayoutId = table.Column<Guid>(type: "uuid", nullable: true),
                    PeriodEnd = table.Column<long>(type: "bigint", nullable: false),
                    PeriodStart = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ReservedPayoutId = table.Column<Guid>(type: "uuid", nullable: true),
                    RetainUntil = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_releases_archive", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "probe_schedule",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    DueAt = table.Column<long>(type: "bigint", nullable: false),
                    LastProbedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_probe_schedule", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "provider_scores",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Trust = table.Column<int>(type: "integer", nullable: true),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    NotEnoughData = table.Column<bool>(type: "boolean", nullable: false),
                    ReliabilityHundredths = table.Column<int>(type: "integer", nullable: false),
                    SlaPenaltyHundredths = table.Column<int>(type: "integer", nullable: false),
                    Factors = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    ComputedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provider_scores", x => x.ProviderId);
                    table.CheckConstraint("CK_provider_scores_Reliability", "\"ReliabilityHundredths\" >= 0 AND \"ReliabilityHundredths\" <= 10000");
                    table.CheckConstraint("CK_provider_scores_Trust", "\"Trust\" IS NULL OR (\"Trust\" >= 0 AND \"Trust\" <= 100)");
                });

            migrationBuilder.CreateTable(
                name: "rental_escrows_archive",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false),
                    EndsAt = table.Column<long>(type: "bigint", nullable: false),
                    PaidNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RefundedNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    ReleasedNanoUsd = table.Column<long>(type: "bigint", nullable: false),
                    ReleasedUntil = table.Column<long>(type: "bigint", nullable: false),
                    RetainUntil = table.Column<long>(type: "bigint", nullable: false),
                    StartsAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_escrows_archive", x => x.ContractId);
                });

            migrationBuilder.CreateTable(
                name: "self_reported_slis",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    UptimePercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    ResponsePercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    Incidents = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_reported_slis", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    UptimePercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    TargetPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    DetectedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_breaches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches_archive",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    UptimePercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    TargetPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    DetectedAt = table.Column<long>(type: "bigint", nullable: false),
                    ArchivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_breaches_archive", x => x.Id);
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
                name: "IX_contract_feedback_AccountId",
                table: "contract_feedback",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_feedback_ProviderId",
                table: "contract_feedback",
                column: "ProviderId");

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
                name: "IX_health_reports_archive_ArchivedAt",
                table: "health_reports_archive",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_health_reports_archive_ContractId",
                table: "health_reports_archive",
                column: "ContractId");

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
                name: "IX_probe_schedule_DueAt",
                table: "probe_schedule",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_provider_scores_ComputedAt",
                table: "provider_scores",
                column: "ComputedAt");

            migrationBuilder.CreateIndex(
                name: "IX_provider_scores_Trust_ReliabilityHundredths",
                table: "provider_scores",
                columns: new[] { "Trust", "ReliabilityHundredths" });

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
                name: "contract_credentials_archive");

            migrationBuilder.DropTable(
                name: "contract_feedback");

            migrationBuilder.DropTable(
                name: "contract_transitions_archive");

            migrationBuilder.DropTable(
                name: "contracts_archive");

            migrationBuilder.DropTable(
                name: "external_benchmarks");

            migrationBuilder.DropTable(
                name: "external_signal_imports");

            migrationBuilder.DropTable(
                name: "external_signals");

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
                name: "health_reports_archive");

            migrationBuilder.DropTable(
                name: "health_rollup_cursors");

            migrationBuilder.DropTable(
                name: "health_rollups");

            migrationBuilder.DropTable(
                name: "health_rollups_archive");

            migrationBuilder.DropTable(
                name: "payment_releases_archive");

            migrationBuilder.DropTable(
                name: "probe_schedule");

            migrationBuilder.DropTable(
                name: "provider_scores");

            migrationBuilder.DropTable(
                name: "rental_escrows_archive");

            migrationBuilder.DropTable(
                name: "self_reported_slis");

            migrationBuilder.DropTable(
                name: "sla_breaches");

            migrationBuilder.DropTable(
                name: "sla_breaches_archive");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "ArchivedFrom",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "PriceNanoUsd",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "ProviderRespondedAt",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "RentalOfferingId",
                table: "contract_request_archive");

            migrationBuilder.DropColumn(
                name: "TermSeconds",
                table: "contract_request_archive");
        }
    }
}
