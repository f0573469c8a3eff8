using System.Security.Cryptography;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// A provider's agent with its pool and registered gateway, and contracts of that pool walked to any state: what the
/// per-VM name rules are checked against.
/// </summary>
internal sealed class GatewayTenant
{
    private readonly AppHarness _app;

    private GatewayTenant(AppHarness app, AgentPrincipal agent, string pool)
    {
        _app = app;
        Agent = agent;
        Pool = pool;
    }

    public AgentPrincipal Agent { get; }

    public string Pool { get; }

    /// <summary>An agent of <paramref name="provider"/> in a new pool; registers <paramref name="dcId"/> unless <c>null</c>.</summary>
    public static async Task<GatewayTenant> CreateAsync(AppHarness app, string provider, string pool, string? dcId)
    {
        var poolId = await AccountAbuseTests.AddPoolAsync(app, pool, provider);
        var tenant = new GatewayTenant(app, AppHarness.Agent(provider) with { PoolId = poolId }, pool);
        if (dcId is not null)
        {
            var registered = await app.SendAsync(new RegisterGateway(tenant.Agent, dcId, null));
            Assert.True(registered.IsSuccess, string.Join(", ", registered.Errors));
        }

        return tenant;
    }

    /// <summary>A paid contract of this pool moved through <paramref name="path"/> (from requested); its hex id.</summary>
    public async Task<string> ContractAsync(params ContractState[] path)
    {
        var id = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        var contract = Contract.Request(id, TestTerms.Create(provider: Agent.ProviderId.Value, pool: Pool), _app.Time.GetUtcNow());
        contract.MarkPaid(_app.Time.GetUtcNow());
        foreach (var state in path)
        {
            Assert.True(contract.MoveTo(state, "test", "test", _app.Time.GetUtcNow()).IsSuccess, $"cannot move to {state}");
        }

        await using var scope = _app.Scope();
        scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return id.Hex;
    }

    /// <summary>An accepted (so live) contract of this pool.</summary>
    public Task<string> LiveContractAsync() => ContractAsync(ContractState.Accepted);

    /// <summary>Provisions an accepted contract as this agent would (lease, begin, complete) with <paramref name="instanceJson"/>.</summary>
    public async Task ProvisionAsync(string contractId, string instanceJson, string loginUser = "ubuntu")
    {
        var now = _app.Time.GetUtcNow();
        await using var scope = _app.Scope();
        var contract = (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(ContractId.FromHex(contractId).Value, TestContext.Current.CancellationToken))!;
        Assert.True(contract.AcquireLease(Agent.AgentKey, now, TimeSpan.FromMinutes(5)).IsSuccess);
        Assert.True(contract.BeginProvisioning(Agent.AgentKey, now).IsSuccess);
        Assert.True(contract.CompleteProvisioning(Agent.AgentKey, "vm-" + contractId[..8], ContractInstance.Parse(instanceJson).Value.Canonical, loginUser, now).IsSuccess);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Ends a contract (cancelled), as the user or the timeouts would.</summary>
    public async Task EndAsync(string contractId)
    {
        var ended = await _app.SendAsync(new ChangeContractState(ContractId.FromHex(contractId).Value, ContractState.Cancelled, "test", "ended"));
        Assert.True(ended.IsSuccess, string.Join(", ", ended.Errors));
    }
}
