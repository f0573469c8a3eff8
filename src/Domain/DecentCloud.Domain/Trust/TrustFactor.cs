namespace DecentCloud.Domain.Trust;

/// <summary>How much a score factor matters to a user.</summary>
public enum FactorSeverity
{
    /// <summary>A component of a score, neither good nor bad news by itself.</summary>
    Info,
    /// <summary>Something that raised the score.</summary>
    Bonus,
    /// <summary>A penalty worth a look.</summary>
    Warning,
    /// <summary>A penalty that says the provider fails its users.</summary>
    Critical,
}

/// <summary>One reason a score is what it is: a penalty (negative points), a bonus (positive) or a component.</summary>
/// <param name="Code">A stable machine-readable code, e.g. <c>early_cancellations</c>.</param>
/// <param name="Reason">A short human explanation with the measured figure.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Points">What it adds to the score (negative for a penalty).</param>
public sealed record TrustFactor(string Code, string Reason, FactorSeverity Severity, decimal Points);

/// <summary>Wire names of <see cref="FactorSeverity"/>.</summary>
public static class FactorSeverities
{
    /// <summary>The wire name, e.g. <c>critical</c>.</summary>
    public static string ToWireName(this FactorSeverity severity) => severity.ToString().ToLowerInvariant();
}
