using System.Diagnostics;
using System.Security.Cryptography;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DecentCloud.Quality.Bench;

/// <summary>One seeded running contract and the number of its checks the seed made unhealthy each day.</summary>
internal sealed record SeededContract(ContractId Id, string Provider, int DownPerDay);

/// <summary>
/// Writes the benchmark's data: contracts through the domain and the contract store (so they are real contracts), and
/// the platform checks with PostgreSQL's binary COPY (8.6 million rows through the use cases would take hours and
/// measure nothing the benchmark is about). Contract i is unhealthy for the first <c>i mod 20</c> checks of every UTC
/// day, so the true uptime of every window is known exactly.
/// </summary>
internal static class Seeder
{
    private static readonly AgentPublicKey Agent = AgentPublicKey.FromHex(new string('b', 64)).Value;

    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g bench@quality";

    public static string ProviderName(int index) => $"bench-prov-{index:D4}";

    public static async Task<IReadOnlyList<SeededContract>> ContractsAsync(Platform platform, BenchSettings settings, DateTimeOffset now)
    {
        var started = now - TimeSpan.FromDays(settings.Days + 1);
        var seeded = new List<SeededContract>();
        var index = 0;
        for (var p = 0; p < settings.Providers; p++)
        {
            var provider = ProviderName(p);
            await using var scope = platform.Scope();
            var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
            for (var c = 0; c < settings.ContractsPerProvider; c++, index++)
            {
                var contract = Provisioned(provider, started, TimeSpan.FromDays(settings.Days + 30), $"10.{p / 250}.{p % 250}.{c + 1}");
                Require(contract.MoveTo(ContractState.Active, "agent", "running", started), "activate");
                store.Add(contract);
                seeded.Add(new SeededContract(contract.Id, provider, index % 20));
            }

            // Ended contracts (no checks): what makes a trust score more than "not enough data".
            for (var c = 0; c < BenchSettings.CompletedPerProvider; c++)
            {
                var contract = Provisioned(provider, started, TimeSpan.FromDays(7), $"10.{p / 250}.{p % 250}.{200 + c}");
                Require(contract.MoveTo(ContractState.Active, "agent", "running", started), "activate");
                Require(contract.MoveTo(ContractState.Completed, "platform", "term ended", started + TimeSpan.FromDays(7)), "complete");
                store.Add(contract);
            }

            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        return seeded;
    }

    private static Contract Provisioned(string provider, DateTimeOffset at, TimeSpan term, string host)
    {
        var terms = ContractTerms.Create(Guid.NewGuid(), provider, "pool-1", "small", 2, 2048, 20, SshKey, null, null,
            (long)term.TotalSeconds, TokenAmount.Zero(Token.Icp)).Value;
        var contract = Contract.Request(ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, terms, at);
        Require(contract.MoveTo(ContractState.Accepted, "provider", "ok", at), "accept");
        Require(contract.AcquireLease(Agent, at, TimeSpan.FromMinutes(10)).ToResult(), "lease");
        Require(contract.BeginProvisioning(Agent, at), "provision");
        Require(contract.CompleteProvisioning(Agent, "ext-" + host, $$"""{"publicIp":"{{host}}","sshPort":22}""", "ubuntu", at), "provisioned");
        return contract;
    }

    private static void Require(FluentResults.Result result, string step)
    {
        if (result.IsFailed)
        {
            throw new InvalidOperationException($"seeding a contract failed at {step}: {result.Errors[0].Message}");
        }
    }

    /// <summary>The instant of check <paramref name="k"/> (0-based) of a window of checks ending just before <paramref name="now"/>.</summary>
    public static DateTimeOffset CheckAt(DateTimeOffset now, BenchSettings settings, int k) =>
        now - TimeSpan.FromDays(settings.Days) + (k * BenchSettings.CheckInterval) + TimeSpan.FromSeconds(17);

    /// <summary>Whether the seed made check <paramref name="k"/> of <paramref name="contract"/> unhealthy.</summary>
    public static bool IsDown(SeededContract contract, DateTimeOffset at) =>
        (int)(at.TimeOfDay / BenchSettings.CheckInterval) < contract.DownPerDay;

    public static async Task<long> ChecksAsync(BenchSettings settings, IReadOnlyList<SeededContract> contracts, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(settings.Postgres);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        long written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY health_checks (\"Id\", \"ContractId\", \"ProviderId\", \"OfferingId\", \"At\", \"Source\", \"Status\", \"LatencyMs\", \"ResponseOk\", \"Detail\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var contract in contracts)
            {
                for (var k = 0; k < settings.ChecksPerContract; k++)
                {
                    var at = CheckAt(now, settings, k);
                    var down = IsDown(contract, at);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(contract.Id.Hex, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(contract.Provider, NpgsqlDbType.Varchar);
                    await copy.WriteNullAsync();
                    await copy.WriteAsync(at.UtcTicks, NpgsqlDbType.Bigint);
                    await copy.WriteAsync("Platform", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(down ? "Unhealthy" : "Healthy", NpgsqlDbType.Varchar);
                    if (down)
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(20 + (k % 40), NpgsqlDbType.Integer);
                    }

                    await copy.WriteAsync(!down, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(down ? "refused" : "connected", NpgsqlDbType.Varchar);
                    written++;
                }

                if (written % 1_000_000 < settings.ChecksPerContract)
                {
                    Console.Error.WriteLine($"    {written:N0} checks written ({written / Math.Max(1, clock.Elapsed.TotalSeconds):N0}/s)");
                }
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE health_checks", connection);
        await analyze.ExecuteNonQueryAsync();
        return written;
    }
}
