using DecentCloud.Api.Jobs;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using DecentCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary>The maintenance jobs as the scheduler runs them: resolved from the API's services, on its database.</summary>
public sealed class MaintenanceJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_expire_credentials_job_deletes_only_credentials_past_their_lifetime()
    {
        await using var factory = new ApiFactory(new() { ["DC_CREDENTIAL_LIFETIME_SECONDS"] = "3600" });
        var now = DateTimeOffset.UtcNow;
        var expired = ContractId.FromHex(new string('e', 32)).Value;
        var fresh = ContractId.FromHex(new string('f', 32)).Value;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ICredentialStore>();
            store.Add(ContractCredential.Accept(expired, SealedEnvelopes.Sealed(expired), "root", now.AddHours(-2), TimeSpan.FromHours(1)).Value);
            store.Add(ContractCredential.Accept(fresh, SealedEnvelopes.Sealed(fresh), "root", now, TimeSpan.FromHours(1)).Value);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpireCredentialsJob>().RunAsync(Ct);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ICredentialStore>();
            Assert.Null(await store.FindAsync(expired, Ct));
            Assert.NotNull(await store.FindAsync(fresh, Ct));
        }
    }

    [Fact]
    public async Task The_prune_audit_job_applies_the_retention_and_the_refusal_cap()
    {
        await using var factory = new ApiFactory(new() { ["DC_AUDIT_RETENTION_SECONDS"] = "86400", ["DC_AUDIT_MAX_REFUSALS"] = "1000" });
        var now = DateTimeOffset.UtcNow;
        var entries = new List<AuditEntry>
        {
            new(now.AddDays(-2), "gateway.revoke", "ok", "admin", "too-old", null),
            new(now.AddDays(-2), "acme_dns.update", "unauthorized", "", "too-old-refusal", null),
        };
        entries.AddRange(Enumerable.Range(0, 1005).Select(i => new AuditEntry(now.AddSeconds(-1005 + i), "acme_dns.update", "unauthorized", "", $"refusal-{i}", "192.0.2.1")));
        entries.Add(new AuditEntry(now.AddHours(-1), "gateway.revoke", "ok", "admin", "recent-ok", null));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            foreach (var entry in entries)
            {
                await audit.RecordAsync(entry, Ct);
            }
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PruneAuditTrailJob>().RunAsync(Ct);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var left = await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(5000, Ct);
            Assert.Equal(1001, left.Count);
            Assert.Equal("recent-ok", left[0].Subject);
            Assert.Equal("refusal-1004", left[1].Subject);
            Assert.Equal("refusal-5", left[^1].Subject);
            Assert.DoesNotContain(left, e => e.Subject.StartsWith("too-old", StringComparison.Ordinal));
        }
    }

}
