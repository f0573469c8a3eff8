using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

/// <summary>
/// A started embedded DNS server over a real SQLite store holding the gateway <c>dc-lk</c> with one challenge value.
/// Lookups of names under the dc_id <c>slow</c> take <see cref="SlowLookup"/>, so tests can show that one slow
/// lookup does not hold up the others.
/// </summary>
internal sealed class DnsTestHost : IAsyncDisposable
{
    public const string ChallengeName = "_acme-challenge.dc-lk.gw.decent-cloud.org";
    public static readonly string ChallengeValue = new('v', 43);
    public static readonly TimeSpan SlowLookup = TimeSpan.FromMilliseconds(300);

    private readonly string _folder;
    private readonly ServiceProvider _services;

    private DnsTestHost(string folder, ServiceProvider services, EmbeddedDnsServer server, (string User, string Key) credentials)
    {
        _folder = folder;
        _services = services;
        Server = server;
        _credentials = credentials;
    }

    private readonly (string User, string Key) _credentials;

    public EmbeddedDnsServer Server { get; }

    public IPEndPoint EndPoint => Server.LocalEndPoint!;

    public static async Task<DnsTestHost> StartAsync(EmbeddedDnsOptions? options = null)
    {
        var folder = Directory.CreateTempSubdirectory("dc-dns-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
            o.PublicUrl = "https://api.decent-cloud.org";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = Path.Combine(folder, "dns.db") });
        SlowAccountStore.Decorate(services);
        options ??= new EmbeddedDnsOptions();
        options.Listen = "127.0.0.1:0";
        services.AddDecentCloudEmbeddedDns(options);
        var provider = services.BuildServiceProvider();
        await provider.InitializeDecentCloudDatabaseAsync();
        var server = provider.GetRequiredService<EmbeddedDnsServer>();
        await server.StartAsync(CancellationToken.None);

        await using var scope = provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var agent = new AgentPrincipal(AgentPublicKey.FromHex(new string('1', 64)).Value, ProviderId.Create("p").Value, Guid.NewGuid(), AgentPermissions.All);
        var creds = (await mediator.Send(new RegisterGateway(agent, "dc-lk", null))).Value;
        var update = await mediator.Send(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", ChallengeValue, null));
        if (update.IsFailed)
        {
            throw new InvalidOperationException("the test gateway's challenge value was not stored");
        }

        return new DnsTestHost(folder, provider, server, (creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    /// <summary>Adds a challenge value for <c>dc-lk</c> through the acme-dns use case, as the HTTP route does.</summary>
    public async Task UpdateChallengeAsync(string value)
    {
        await using var scope = _services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var update = await mediator.Send(new UpdateAcmeTxt(_credentials.User, _credentials.Key, "dc-lk", value, null));
        if (update.IsFailed)
        {
            throw new InvalidOperationException("the challenge value was not stored");
        }
    }

    /// <summary>Sends one query over a connected TCP stream and reads its framed response.</summary>
    public static async Task<DnsMessages.Response> AskOverTcpAsync(NetworkStream stream, string name, ushort type, ushort id, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Frame(DnsMessages.Query(name, type, id)), cancellationToken);
        return await ReadFramedAsync(stream, cancellationToken);
    }

    public static byte[] Frame(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    public static async Task<DnsMessages.Response> ReadFramedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var length = new byte[2];
        await stream.ReadExactlyAsync(length, cancellationToken);
        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return DnsMessages.Parse(body);
    }

    /// <summary>Wraps the real account store; lookups of the dc_id <c>slow</c> first wait <see cref="SlowLookup"/>.</summary>
    private sealed class SlowAccountStore(IAcmeDnsAccountStore inner) : IAcmeDnsAccountStore
    {
        public static void Decorate(ServiceCollection services)
        {
            var descriptor = services.Single(d => d.ServiceType == typeof(IAcmeDnsAccountStore));
            var implementation = descriptor.ImplementationType!;
            services.Remove(descriptor);
            services.AddScoped(implementation);
            services.AddScoped<IAcmeDnsAccountStore>(sp => new SlowAccountStore((IAcmeDnsAccountStore)sp.GetRequiredService(implementation)));
        }

        public async Task<AcmeDnsAccount?> FindByDcIdAsync(DcId dcId, CancellationToken cancellationToken)
        {
            if (dcId.Value == "slow")
            {
                await Task.Delay(SlowLookup, cancellationToken);
            }

            return await inner.FindByDcIdAsync(dcId, cancellationToken);
        }

        public Task<AcmeDnsAccount?> FindByUsernameAsync(Guid username, CancellationToken cancellationToken) => inner.FindByUsernameAsync(username, cancellationToken);

        public Task<IReadOnlyList<AcmeDnsAccount>> ListByProviderAsync(ProviderId providerId, CancellationToken cancellationToken) => inner.ListByProviderAsync(providerId, cancellationToken);

        public Task<IReadOnlyList<AcmeDnsAccount>> ListAllAsync(CancellationToken cancellationToken) => inner.ListAllAsync(cancellationToken);

        public void Add(AcmeDnsAccount account) => inner.Add(account);

        public void RequireUnchangedAtSave(AcmeDnsAccount account) => inner.RequireUnchangedAtSave(account);

        public Task<int> CountByProviderAsync(ProviderId providerId, CancellationToken cancellationToken) => inner.CountByProviderAsync(providerId, cancellationToken);

        public Task<GatewayQuota?> FindQuotaAsync(ProviderId providerId, CancellationToken cancellationToken) => inner.FindQuotaAsync(providerId, cancellationToken);

        public void AddQuota(GatewayQuota quota) => inner.AddQuota(quota);
    }
}
