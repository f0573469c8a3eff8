using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Api.Http;

/// <summary>
/// How slowly a client may send a request body (section <c>RequestBody</c>): Kestrel's minimum data rate. A body
/// slower than <see cref="MinBytesPerSecond"/> after <see cref="GracePeriod"/> is answered 408 and its connection
/// closed, so a trickling client cannot hold a connection and a request slot for as long as it likes.
/// </summary>
public sealed class RequestBodyOptions
{
    /// <summary>The slowest a body may arrive, in bytes per second (Kestrel's default).</summary>
    [Range(1, 10_000_000, ErrorMessage = "{0} must be a whole number of bytes per second between 1 and 10000000.")]
    public int MinBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may be slower than that before the rate is enforced (Kestrel's default).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "{0} must be between 1 second and 5 minutes (hh:mm:ss).")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
