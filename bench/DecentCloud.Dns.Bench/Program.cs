using System.Globalization;
using System.Text;
using DecentCloud.Adapters.EmbeddedDns;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using DecentCloud.Domain.Money;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

// Seeds a platform database for the DNS and acme-dns benchmarks, through the same use cases the API runs:
// N gateways (dc_id bench-{i}) each with a challenge value and two VM A records (slugs vmslg0, vmslg1). Writes, for the benchmark
// scripts: the same zone as an RFC 1035 zone file (for NSD), a dnsperf query list, and the gateways'
// acme-dns credentials (one "username password subdomain" line each; a throw-away database, so the
// passwords protect nothing).
// Usage: dns-bench-seed --db FILE --domain APEX --prefix GW --gateways N --zone FILE --queries FILE --credentials FILE
var arguments = ParseArguments(args);
var apex = arguments["domain"];
var prefix = arguments["prefix"];
var gateways = int.Parse(arguments["gateways"], CultureInfo.InvariantCulture);

var services = new ServiceCollection();
services.AddLogging();
services.AddDecentCloudApplication(o =>
{
    o.Domain = apex;
    o.GatewayPrefix = prefix;
    o.PublicUrl = "http://127.0.0.1";
});
services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = arguments["db"] });

// The store is the zone the API's embedded server answers from; it is started afterwards on the same file.
services.AddSingleton<StoreBackedDnsPublisher>();
services.AddSingleton<IDnsTxtPublisher>(sp => sp.GetRequiredService<StoreBackedDnsPublisher>());
services.AddSingleton<IDnsAddressPublisher>(sp => sp.GetRequiredService<StoreBackedDnsPublisher>());
await using var provider = services.BuildServiceProvider();
await provider.InitializeDecentCloudDatabaseAsync();

// Spread over providers of 50 gateways each, as a real zone is, and below the per-provider cap (DC_MAX_GATEWAYS_PER_PROVIDER).
const int GatewaysPerProvider = 50;
// Each provider's agent belongs to the provider's one pool, whose contracts own the VM names.
static Guid PoolOf(int provider) => new(provider + 1, 1, 0, new byte[8]);
static AgentPrincipal AgentOf(int provider) => new(
    AgentPublicKey.FromHex(provider.ToString("x8", CultureInfo.InvariantCulture).PadLeft(64, 'b')).Value,
    ProviderId.Create($"bench-p{provider}").Value, PoolOf(provider), AgentPermissions.All);

// A live (accepted) contract of the provider's pool for one VM, written straight to the store.
static async Task<string> LiveContractAsync(IServiceProvider services, int provider, int vm)
{
    var id = ContractId.FromHex(vm.ToString("x8", CultureInfo.InvariantCulture).PadLeft(64, 'c')).Value;
    var terms = ContractTerms.Create(new Guid(provider + 1, 0, 0, new byte[8]), $"bench-p{provider}", $"bench-pool-{provider}", "bench", 1, 512, 10,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g bench", null, null, 3600, TokenAmount.Zero(Token.Icp)).Value;
    var contract = Contract.Request(id, terms, DateTimeOffset.UtcNow);
    contract.MoveTo(ContractState.Accepted, "bench", "seeded", DateTimeOffset.UtcNow);
    services.GetRequiredService<IContractStore>().Add(contract);
    await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    return id.Hex;
}
var zone = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"$ORIGIN {apex}.")
    .AppendLine(CultureInfo.InvariantCulture, $"@ 3600 IN SOA ns1.{apex}. hostmaster.{apex}. 1 3600 600 86400 60")
    .AppendLine(CultureInfo.InvariantCulture, $"@ 3600 IN NS ns1.{apex}.");
var queries = new List<string>();
var credentials = new StringBuilder();
for (var i = 0; i < gateways; i++)
{
    await using var scope = provider.CreateAsyncScope();
    var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
    var dcId = $"bench-{i}";
    if (i % GatewaysPerProvider == 0)
    {
        scope.ServiceProvider.GetRequiredService<IAgentPoolStore>().Add(
            AgentPool.Create(PoolOf(i / GatewaysPerProvider), $"bench-pool-{i / GatewaysPerProvider}", ProviderId.Create($"bench-p{i / GatewaysPerProvider}").Value, DateTimeOffset.UtcNow).Value);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }

    var creds = await mediator.Send(new RegisterGateway(AgentOf(i / GatewaysPerProvider), dcId, null));
    var value = ChallengeValue(i);
    var update = await mediator.Send(new UpdateAcmeTxt(creds.Value.AcmeDnsUsername.ToString(), creds.Value.AcmeDnsPassword, dcId, value, null));
    if (update.IsFailed)
    {
        throw new InvalidOperationException($"seeding {dcId} failed: {update.Errors[0].Message}");
    }

    var gateway = $"{dcId}.{prefix}";
    zone.AppendLine(CultureInfo.InvariantCulture, $"_acme-challenge.{gateway} {AcmeTxtRecord.TtlSeconds} IN TXT \"{value}\"");
    for (var vm = 0; vm < 2; vm++)
    {
        // Documentation addresses (RFC 5737): data inside answers only, never a destination.
        var ip = $"198.51.100.{((i * 2) + vm) % 250 + 1}";
        var contract = await LiveContractAsync(scope.ServiceProvider, i / GatewaysPerProvider, (i * 2) + vm);
        var published = await mediator.Send(new PublishVmAddress(AgentOf(i / GatewaysPerProvider), VmAddressAction.Create, dcId, $"vmslg{vm}", ip, contract));
        if (published.IsFailed)
        {
            throw new InvalidOperationException($"seeding vmslg{vm}.{dcId} failed: {published.Errors[0].Message}");
        }

        zone.AppendLine(CultureInfo.InvariantCulture, $"vmslg{vm}.{gateway} {VmAddressRecord.TtlSeconds} IN A {ip}");
    }

    credentials.AppendLine(CultureInfo.InvariantCulture, $"{creds.Value.AcmeDnsUsername} {creds.Value.AcmeDnsPassword} {dcId}");
    queries.Add($"_acme-challenge.{gateway}.{apex} TXT");
    queries.Add($"vmslg{i % 2}.{gateway}.{apex} A");
    queries.Add($"missing.{gateway}.{apex} A");
    if (i % 50 == 0)
    {
        queries.Add($"{apex} SOA");
        queries.Add($"{apex} NS");
        queries.Add($"nobody-{i}.{prefix}.{apex} A");
    }
}

// A fixed shuffle, so both servers get the same order run after run.
var random = new Random(20261130);
var shuffled = queries.OrderBy(_ => random.Next()).ToList();
await File.WriteAllTextAsync(arguments["zone"], zone.ToString());
await File.WriteAllLinesAsync(arguments["queries"], shuffled);
await File.WriteAllTextAsync(arguments["credentials"], credentials.ToString());
Console.WriteLine($"seeded {gateways} gateways, {shuffled.Count} queries");
return 0;

static string ChallengeValue(int i)
{
    const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var chars = new char[43];
    var state = (uint)i * 2654435761u + 1;
    for (var c = 0; c < chars.Length; c++)
    {
        state = (state * 1103515245u) + 12345u;
        chars[c] = alphabet[(int)(state >> 16) % alphabet.Length];
    }

    return new string(chars);
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i].TrimStart('-')] = args[i + 1];
    }

    foreach (var required in new[] { "db", "domain", "prefix", "gateways", "zone", "queries", "credentials" })
    {
        if (!result.ContainsKey(required))
        {
            throw new ArgumentException($"--{required} is required");
        }
    }

    return result;
}
