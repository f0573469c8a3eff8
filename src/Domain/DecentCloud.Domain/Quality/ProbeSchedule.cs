using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Quality;

/// <summary>
/// When a contract is next due for a platform probe. An instance takes due rows with a row lock the others skip and
/// moves them one interval on before it probes, so each contract is probed once per interval however many API
/// instances run.
/// </summary>
public sealed class ProbeSchedule
{
    private ProbeSchedule(ContractId contractId, DateTimeOffset dueAt)
    {
        ContractId = contractId;
        DueAt = dueAt;
    }

    /// <summary>The contract.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>When it is next due.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>When it was last taken for a probe.</summary>
    public DateTimeOffset? LastProbedAt { get; private set; }

    /// <summary>A contract due at once.</summary>
    public static ProbeSchedule Due(ContractId contractId, DateTimeOffset now) => new(contractId, now);

    /// <summary>
    /// Takes it for a probe at <paramref name="now"/>: next due one interval after it was due, so a job that ticks late
    /// does not make the probes drift; after a longer stop (more than an interval late), one interval from now.
    /// </summary>
    public void Take(DateTimeOffset now, TimeSpan interval)
    {
        LastProbedAt = now;
        DueAt = DueAt + interval > now ? DueAt + interval : now + interval;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private ProbeSchedule()
    {
    }
#pragma warning restore CS8618
}
