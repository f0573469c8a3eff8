namespace DecentCloud.Domain.Quality;

/// <summary>
/// One contract's measured service on one UTC day, against its offering's SLA target: the input of the reliability
/// score's SLA penalty. Only days with checks exist.
/// </summary>
/// <param name="ContractId">The contract (hex id).</param>
/// <param name="Day">The UTC day.</param>
/// <param name="TargetPercent">The offering's uptime target that day (e.g. 99.9).</param>
/// <param name="UptimePercent">Measured uptime that day (0-100).</param>
/// <param name="ResponsePercent">Measured response SLI that day (0-100): checks answered within the response objective.</param>
/// <param name="Incidents">Incidents (runs of unhealthy checks) that began that day.</param>
public sealed record SlaDay(string ContractId, DateOnly Day, decimal TargetPercent, decimal UptimePercent, decimal ResponsePercent, int Incidents)
{
    /// <summary>Whether the day missed its target.</summary>
    public bool IsBreached => UptimePercent < TargetPercent;
}
