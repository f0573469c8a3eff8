using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// Every declared column length of the agent-protocol tables equals the limit the domain enforces, so a value the
/// domain accepts always fits (no 500 on PostgreSQL, no silent overlong row on SQLite) and the two cannot drift.
/// </summary>
public class DeclaredLengthTests
{
    /// <summary>(entity, property) → the domain limit; every max-length column of these entities must be listed.</summary>
    private static readonly Dictionary<(Type Entity, string Property), int> DomainLimits = new()
    {
        [(typeof(AgentHeartbeat), nameof(AgentHeartbeat.AgentVersion))] = AgentHeartbeat.MaxVersionLength,
        [(typeof(AgentHeartbeat), nameof(AgentHeartbeat.ProvisionerTypes))] = AgentHeartbeat.MaxProvisionerTypesLength,
        [(typeof(AgentHeartbeat), nameof(AgentHeartbeat.Resources))] = AgentHeartbeat.MaxFiguresLength,
        [(typeof(AgentHeartbeat), nameof(AgentHeartbeat.Bandwidth))] = AgentHeartbeat.MaxFiguresLength,
        [(typeof(HealthReport), nameof(HealthReport.Details))] = HealthReport.MaxDetailsLength,
        [(typeof(ContractCredential), nameof(ContractCredential.Envelope))] = ContractCredential.MaxEnvelopeLength,
        [(typeof(ContractCredential), nameof(ContractCredential.LoginUser))] = ContractCredential.MaxLoginUserLength,
        [(typeof(Contract), nameof(Contract.InstanceDetails))] = ContractInstance.MaxLength,
        [(typeof(Contract), nameof(Contract.ExternalId))] = Contract.MaxExternalIdLength,
        [(typeof(Contract), nameof(Contract.LoginUser))] = ContractCredential.MaxLoginUserLength,
    };

    /// <summary>Columns of value objects, enums and reasons shared with the history's 512: their longest valid text must fit.</summary>
    private static readonly Dictionary<(Type Entity, string Property), int> Fits = new()
    {
        [(typeof(AgentHeartbeat), nameof(AgentHeartbeat.AgentKey))] = AgentPublicKey.Size * 2,
        [(typeof(AgentHeartbeat), nameof(AgentHeartbeat.ProviderId))] = 128,
        [(typeof(Contract), nameof(Contract.Id))] = 128,
        // A shadow column holding the client address (the store cuts anything longer): the longest IPv6 text must fit.
        [(typeof(Contract), "RequestedFrom")] = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".Length,
        [(typeof(Contract), nameof(Contract.LeaseHolder))] = AgentPublicKey.Size * 2,
        [(typeof(Contract), nameof(Contract.PasswordResetError))] = Contract.MaxFailureReasonLength,
        [(typeof(Contract), nameof(Contract.State))] = Enum.GetValues<ContractState>().Max(s => s.ToString().Length),
        [(typeof(Contract), nameof(Contract.ArchivedFrom))] = Enum.GetValues<ContractState>().Max(s => s.ToString().Length),
        [(typeof(Contract), nameof(Contract.PasswordReset))] = Enum.GetValues<PasswordResetState>().Max(s => s.ToString().Length),
        [(typeof(ContractCredential), nameof(ContractCredential.ContractId))] = 128,
        [(typeof(HealthReport), nameof(HealthReport.ContractId))] = 128,
        [(typeof(HealthReport), nameof(HealthReport.Status))] = Enum.GetValues<HealthStatus>().Max(s => s.ToString().Length),
    };

    [Fact]
    public async Task The_models_declared_lengths_are_the_domain_limits()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await using var scope = db.Scope();
        var model = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>().Model;
        var owned = DomainLimits.Keys.Select(k => k.Entity).ToHashSet();

        var declared = model.GetEntityTypes()
            .Where(e => owned.Contains(e.ClrType))
            .SelectMany(e => e.GetProperties().Where(p => p.GetMaxLength() is not null).Select(p => (Key: (e.ClrType, p.Name), Length: p.GetMaxLength()!.Value)))
            .ToList();

        Assert.All(declared, column => Assert.True(
            DomainLimits.TryGetValue(column.Key, out var limit) ? limit == column.Length : Fits.TryGetValue(column.Key, out var longest) && longest <= column.Length,
            $"{column.Key.ClrType.Name}.{column.Key.Name} is declared {column.Length} long but the domain allows {Allowed(column.Key)}"));
        Assert.Equal(
            DomainLimits.Keys.Concat(Fits.Keys).Select(k => $"{k.Entity.Name}.{k.Property}").Order(StringComparer.Ordinal),
            declared.Select(d => $"{d.Key.ClrType.Name}.{d.Key.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(ContractCredential.MaxLoginUserLength, model.FindEntityType(typeof(Contract))!.FindProperty(nameof(Contract.LoginUser))!.GetMaxLength());
        Assert.Equal(PropertySaveBehavior.Throw, model.FindEntityType(typeof(AgentDelegation))!.FindProperty(nameof(AgentDelegation.ProviderId))!.GetAfterSaveBehavior());
    }

    private static string Allowed((Type, string) key) =>
        DomainLimits.TryGetValue(key, out var limit) ? $"exactly {limit}" : Fits.TryGetValue(key, out var longest) ? $"up to {longest}" : "nothing listed";
}
