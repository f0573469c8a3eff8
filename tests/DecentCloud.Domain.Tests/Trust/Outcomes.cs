using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Domain.Tests.Trust;

/// <summary>Builds contract outcomes for the score tests.</summary>
internal static class Outcomes
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    public static readonly string Provider = "11111111-1111-1111-1111-111111111111";
    private static int _next;

    /// <summary>A contract requested 60 days ago, answered after 10 hours (a response time neither penalised nor rewarded).</summary>
    public static ContractOutcome Of(ContractState state, Guid? requester = null) =>
        new(Interlocked.Increment(ref _next).ToString("x64", System.Globalization.CultureInfo.InvariantCulture), Provider,
            requester ?? Guid.NewGuid(), Guid.Empty, state, Now.AddDays(-60), Now.AddDays(-60).AddHours(10), null, null,
            TimeSpan.FromDays(30).Ticks / TimeSpan.TicksPerSecond, null, state.IsTerminal() ? Now.AddDays(-1) : null, 10_000_000_000, null, null);

    public static ContractOutcome Completed(Guid? requester = null) => Of(ContractState.Completed, requester) with
    {
        AcceptedAt = Now.AddDays(-60).AddHours(1),
        ProvisionedAt = Now.AddDays(-60).AddHours(2),
    };

    public static IEnumerable<ContractOutcome> Many(int count, Func<ContractOutcome> make) => Enumerable.Range(0, count).Select(_ => make());

    public static TrustInputs Inputs(IEnumerable<ContractOutcome> contracts) =>
        new([.. contracts], Now, HasPublicContact: true, LastActivityAt: Now, ReputationChanges: []);

    public static TrustFactor? Factor(this TrustScore score, string code) => score.Factors.SingleOrDefault(f => f.Code == code);
}
