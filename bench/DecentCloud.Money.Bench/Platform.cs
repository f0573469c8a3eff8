using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.Books;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Money.Books;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Money.Bench;

/// <summary>
/// The platform's use cases over the benchmark's PostgreSQL database, in the bench process: what checks the books
/// after each phase (the same <see cref="VerifyBooks"/> that <c>admin books verify</c> runs) and reads balances and
/// stock, and what sets up phase (d) directly through the stores.
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Platform(ServiceProvider services, BenchClock clock, string postgres)
    {
        _services = services;
        Clock = clock;
        Postgres = postgres;
    }

    /// <summary>The database's connection string (for the checks that read rows directly).</summary>
    public string Postgres { get; }

    /// <summary>The use cases' clock (phase (d) pins it).</summary>
    public BenchClock Clock { get; }

    /// <summary>
    /// The use cases over the database the API migrated (the API runs first, so nothing is migrated here), with a
    /// platform fee of <paramref name="feePercent"/> on the escrow releases this process runs (phase (d)).
    /// </summary>
    public static Platform Open(string postgresConnection, decimal feePercent)
    {
        var clock = new BenchClock();
        var services = new ServiceCollection();
        services.AddLogging();
        // Registered first: the Application only adds the system clock when none is registered.
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<EscrowOptions>(o => o.PlatformFeePercent = feePercent);
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.test";
            o.GatewayPrefix = "dev-gw";
            o.PublicUrl = "http://127.0.0.1";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { PostgresConnectionString = postgresConnection });
        return new Platform(services.BuildServiceProvider(), clock, postgresConnection);
    }

    /// <summary>A fresh request scope.</summary>
    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    /// <summary>Fails the benchmark unless the books balance; returns the report's counts for the progress output.</summary>
    public async Task<BooksCounts> VerifyBooksAsync(string phase, CancellationToken cancellationToken)
    {
        await using var scope = Scope();
        var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyBooks(), cancellationToken);
        if (report.IsFailed || !report.Value.Balanced)
        {
            var why = report.IsFailed
                ? report.Errors[0].Message
                : string.Join("; ", report.Value.Discrepancies.Select(d => $"{d.Problem} {d.Subject} {d.Detail}"));
            throw new BenchInvariantException($"after {phase}: the books do not balance: {why}");
        }

        Console.Error.WriteLine($"    books verified after {phase}: {report.Value.Counts.Transactions:N0} transactions, {report.Value.Counts.Postings:N0} postings, balanced");
        return report.Value.Counts;
    }

    public async Task<long> BalanceAsync(LedgerAccount account, CancellationToken cancellationToken)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(account, cancellationToken);
    }

    public async Task<int> ReservedAsync(Guid offering, CancellationToken cancellationToken)
    {
        await using var scope = Scope();
        return (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(offering, cancellationToken))!.Reserved;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A money invariant did not hold after a phase: the benchmark's figures are void and it exits non-zero.</summary>
internal sealed class BenchInvariantException : Exception
{
    public BenchInvariantException(string message)
        : base(message)
    {
    }

    public BenchInvariantException()
    {
    }

    public BenchInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
