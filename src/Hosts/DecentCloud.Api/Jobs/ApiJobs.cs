using DecentCloud.Hosting.Jobs;

namespace DecentCloud.Api.Jobs;

/// <summary>The API's recurring jobs. A new job is one class implementing <c>IRecurringJob</c> and one line here.</summary>
internal static class ApiJobs
{
    /// <summary>Adds the scheduler (intervals from the <c>Jobs</c> section) and every job.</summary>
    public static IServiceCollection AddApiJobs(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRecurringJobs(configuration.GetSection("Jobs"))
            .AddRecurringJob<ExpireStaleTxtValuesJob>()
            .AddRecurringJob<ForgetExpiredNoncesJob>()
            .AddRecurringJob<ApplyContractTimeoutsJob>()
            .AddRecurringJob<ExpireCredentialsJob>()
            .AddRecurringJob<DispatchOutboxJob>()
            .AddRecurringJob<ArchiveEndedRequestsJob>()
            .AddRecurringJob<PruneAuditTrailJob>()
            .AddRecurringJob<ReleaseEscrowJob>()
            .AddRecurringJob<RefreshPricesJob>()
            .AddRecurringJob<ScanDepositsJob>()
            .AddRecurringJob<ArchiveEndedContractsJob>(ArchiveEndedContractsJob.DefaultInterval)
            .AddRecurringJob<ProbeContractsJob>()
            .AddRecurringJob<RollupHealthJob>()
            .AddRecurringJob<DetectSlaBreachesJob>(DetectSlaBreachesJob.DefaultInterval)
            .AddRecurringJob<RecomputeScoresJob>(RecomputeScoresJob.DefaultInterval)
            .AddRecurringJob<ImportSignalsJob>()
            .AddRecurringJob<WarnEndingContractsJob>(WarnEndingContractsJob.DefaultInterval);
}
