namespace DecentCloud.Application.Common;

/// <summary>Reads "now" from the injected <see cref="TimeProvider"/> so tests can move time.</summary>
internal static class Clock
{
    public static DateTimeOffset Now(this TimeProvider time) => time.GetUtcNow();
}
