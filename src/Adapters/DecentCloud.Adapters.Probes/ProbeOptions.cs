using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Probes;

/// <summary>How the platform probes contracts (section <c>Probes</c>).</summary>
public sealed class ProbeOptions : IValidatableObject
{
    /// <summary>Each probe (TCP connect, HTTPS request) gives up after this (<c>DC_PROBE_TIMEOUT_SECONDS</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "{0} must be 0.1 s to 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A PEM file of extra CA certificates trusted for gateway certificates besides the system's (<c>DC_PROBE_EXTRA_CA_FILE</c>).</summary>
    public string? ExtraCaFile { get; set; }

    /// <summary>
    /// Connection overrides, each <c>host:port=address:port</c> (<c>DC_PROBE_CONNECT_TO</c>): a probe of that host and port
    /// connects to the address instead, and still checks the certificate against the host's name.
    /// </summary>
    public IList<string> ConnectTo { get; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in ConnectTo)
        {
            if (ConnectOverrides.Parse(entry) is null)
            {
                yield return new ValidationResult($"ConnectTo entry '{entry}' must be host:port=address:port.", [nameof(ConnectTo)]);
            }
        }

        if (ExtraCaFile is { Length: > 0 } file && !File.Exists(file))
        {
            yield return new ValidationResult($"ExtraCaFile '{file}' does not exist.", [nameof(ExtraCaFile)]);
        }
    }
}
