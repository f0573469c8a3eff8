using System.Collections.Concurrent;
using DecentCloud.Hosting.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Hosting.Tests;

public sealed class RecurringJobSchedulerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();
    private readonly Runs _runs = new();
    private ServiceProvider? _provider;
    private List<IHostedService> _hosted = [];

    /// <summary>How often each job ran.</summary>
    public sealed class Runs
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public int this[string job] => _counts.GetValueOrDefault(job);

        public void Add(string job) => _counts.AddOrUpdate(job, 1, (_, n) => n + 1);
    }

    public sealed class Fast(Runs runs) : IRecurringJob
    {
        public static string Name => "fast";

        public Task RunAsync(CancellationToken cancellationToken)
        {
            runs.Add(Name);
            return Task.CompletedTask;
        }
    }

    public sealed class Slow(Runs runs) : IRecurringJob
    {
        public static string Name => "slow";

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            runs.Add(Name);
        }
    }

    public sealed class Broken(Runs runs) : IRecurringJob
    {
        public static string Name => "broken";

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            runs.Add(Name);
            await Task.Yield();
            throw new InvalidOperationException("the database is away");
        }
    }

    public sealed class BrokenBeforeAwait(Runs runs) : IRecurringJob
    {
        public static string Name => "broken-sync";

        // Throws before any Task exists, unlike Broken, whose Task faults.
        public Task RunAsync(CancellationToken cancellationToken)
        {
            runs.Add(Name);
            throw new TimeoutException("no answer");
        }
    }

    private async Task StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection> jobs)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_runs);
        services.AddRecurringJobs(config.GetSection("Jobs"));
        jobs(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _hosted = _provider.GetServices<IHostedService>().ToList();
        foreach (var service in _hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>Moves the fake clock a second at a time, waiting after each step until every job has caught up.</summary>
    private async Task AdvanceAsync(int seconds, Func<int, IReadOnlyDictionary<string, int>> expectedAt)
    {
        await WaitForAsync(expectedAt(0));
        for (var t = 1; t <= seconds; t++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await WaitForAsync(expectedAt(t));
        }
    }

    private async Task WaitForAsync(IReadOnlyDictionary<string, int> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (expected.Any(e => _runs[e.Key] < e.Value))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited for {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value} (is {_runs[e.Key]})"))}");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Each_job_runs_at_start_and_then_at_its_own_interval()
    {
        await StartAsync(
            new() { ["Jobs:DefaultInterval"] = "00:00:10", ["Jobs:Intervals:slow"] = "00:00:25" },
            s => s.AddRecurringJob<Fast>().AddRecurringJob<Slow>());

        await AdvanceAsync(60, t => new Dictionary<string, int> { ["fast"] = 1 + (t / 10), ["slow"] = 1 + (t / 25) });

        // Let anything that would run too often show itself before counting.
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal((7, 3), (_runs["fast"], _runs["slow"]));
    }

    [Fact]
    public async Task A_failing_job_is_logged_and_neither_stops_nor_skips_the_others()
    {
        await StartAsync(
            new() { ["Jobs:DefaultInterval"] = "00:00:05" },
            s => s.AddRecurringJob<Broken>().AddRecurringJob<BrokenBeforeAwait>().AddRecurringJob<Fast>().AddRecurringJob<Slow>());

        await AdvanceAsync(20, t => new Dictionary<string, int> { ["broken"] = 1 + (t / 5), ["broken-sync"] = 1 + (t / 5), ["fast"] = 1 + (t / 5), ["slow"] = 1 + (t / 5) });

        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal((5, 5, 5, 5), (_runs["broken"], _runs["broken-sync"], _runs["fast"], _runs["slow"]));
        var failures = _logs.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(10, failures.Count);
        Assert.Equal(5, failures.Count(e => e.Message == "Recurring job broken failed; it runs again at its next interval" && e.Exception is InvalidOperationException));
        Assert.Equal(5, failures.Count(e => e.Message == "Recurring job broken-sync failed; it runs again at its next interval" && e.Exception is TimeoutException));
    }

    [Fact]
    public async Task Stopping_the_host_ends_every_loop()
    {
        await StartAsync(new() { ["Jobs:DefaultInterval"] = "00:00:05" }, s => s.AddRecurringJob<Fast>().AddRecurringJob<Broken>());
        await WaitForAsync(new Dictionary<string, int> { ["fast"] = 1, ["broken"] = 1 });
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (_runs["fast"], _runs["broken"]));
    }

    [Theory]
    [InlineData("Jobs:Intervals:fsat", "00:00:10", "Jobs:Intervals:fsat names no job; the jobs are fast, slow.")]
    [InlineData("Jobs:Intervals:fast", "00:00:00", "Jobs:Intervals:fast must be positive.")]
    [InlineData("Jobs:DefaultInterval", "-00:00:01", "Jobs:DefaultInterval must be positive.")]
    public void Intervals_are_checked_against_the_registered_jobs(string key, string value, string failure)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddSingleton(_runs);
        services.AddLogging();
        services.AddRecurringJobs(config.GetSection("Jobs")).AddRecurringJob<Fast>().AddRecurringJob<Slow>();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RecurringJobsOptions>>().Value);
        Assert.Equal([failure], ex.Failures);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
