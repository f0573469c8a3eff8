namespace DecentCloud.Hosting.Jobs;

/// <summary>A registered job: its name and the type resolved from a fresh scope for every run.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="JobType">A type implementing <see cref="IRecurringJob"/>.</param>
public sealed record RecurringJobRegistration(string Name, Type JobType);
