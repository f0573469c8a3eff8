using DecentCloud.Application.Contracts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

public sealed class ExpireCredentialsTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    [Fact]
    public async Task Credentials_go_when_their_lifetime_ends_and_not_a_tick_before()
    {
        await using var app = await AppHarness.CreateAsync();
        var start = app.Time.GetUtcNow();
        var early = await AddAsync(app, '1', start);
        app.Time.Advance(TimeSpan.FromHours(1));
        var late = await AddAsync(app, '2', app.Time.GetUtcNow());

        // One tick before the first one's end: nothing has expired yet.
        app.Time.SetUtcNow(start + Lifetime - TimeSpan.FromTicks(1));
        Assert.Equal(0, await app.SendAsync(new ExpireCredentials()));

        // At its end exactly, the first one goes; the one uploaded an hour later stays.
        app.Time.SetUtcNow(start + Lifetime);
        Assert.Equal(1, await app.SendAsync(new ExpireCredentials()));
        Assert.Null(await FindAsync(app, early));
        Assert.NotNull(await FindAsync(app, late));

        // Running again finds nothing more to do until the second one's end.
        Assert.Equal(0, await app.SendAsync(new ExpireCredentials()));
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await app.SendAsync(new ExpireCredentials()));
        Assert.Null(await FindAsync(app, late));
    }


    private static async Task<ContractId> AddAsync(AppHarness app, char digit, DateTimeOffset now)
    {
        var id = ContractId.FromHex(new string(digit, 32)).Value;
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<ICredentialStore>().Add(ContractCredential.Accept(id, SealedEnvelopes.Sealed(id), "root", now, Lifetime).Value);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return id;
    }

    private static async Task<ContractCredential?> FindAsync(AppHarness app, ContractId id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ICredentialStore>().FindAsync(id, TestContext.Current.CancellationToken);
    }
}
