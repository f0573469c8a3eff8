using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>
/// What a contract rents: who asks whom for which machine, for how long and at what price. Fixed when the
/// contract is requested.
/// </summary>
public sealed record ContractTerms
{
    /// <summary>The largest instance-config JSON accepted.</summary>
    public const int MaxInstanceConfigLength = 8192;

    /// <summary>The longest post-provision script accepted.</summary>
    public const int MaxScriptLength = 16384;

    private ContractTerms(
        Guid requesterAccountId, ProviderId providerId, string poolName, string offeringId, int cores, int memoryMb, int storageGb,
        string sshPublicKey, string? instanceConfig, string? postProvisionScript, long durationSeconds, TokenAmount price)
    {
        RequesterAccountId = requesterAccountId;
        ProviderId = providerId;
        PoolName = poolName;
        OfferingId = offeringId;
        Cores = cores;
        MemoryMb = memoryMb;
        StorageGb = storageGb;
        SshPublicKey = sshPublicKey;
        InstanceConfig = instanceConfig;
        PostProvisionScript = postProvisionScript;
        DurationSeconds = durationSeconds;
        Price = price;
    }

    /// <summary>The account that requested the contract (and receives the credentials).</summary>
    public Guid RequesterAccountId { get; private init; }

    /// <summary>The provider asked to run the machine.</summary>
    public ProviderId ProviderId { get; private init; }

    /// <summary>The provider's agent pool that provisions it.</summary>
    public string PoolName { get; private init; }

    /// <summary>The provider's offering.</summary>
    public string OfferingId { get; private init; }

    /// <summary>vCPUs.</summary>
    public int Cores { get; private init; }

    /// <summary>Memory in MiB.</summary>
    public int MemoryMb { get; private init; }

    /// <summary>Disk in GiB.</summary>
    public int StorageGb { get; private init; }

    /// <summary>The requester's OpenSSH public key.</summary>
    public string SshPublicKey { get; private init; }

    /// <summary>Backend-specific settings as JSON, or <c>null</c>.</summary>
    public string? InstanceConfig { get; private init; }

    /// <summary>A script run once on first boot, or <c>null</c>.</summary>
    public string? PostProvisionScript { get; private init; }

    /// <summary>How long the machine runs once provisioned, in seconds.</summary>
    public long DurationSeconds { get; private init; }

    /// <summary>The price for the whole duration, in the token it is paid in; zero for a free contract.</summary>
    public TokenAmount Price { get; private init; }

    /// <summary>Whether the contract needs no payment.</summary>
    public bool IsFree => Price.IsZero;

    /// <summary>Validates and builds the terms; every bad field is reported, none half-applied.</summary>
    public static Result<ContractTerms> Create(
        Guid requesterAccountId, string? providerId, string? poolName, string? offeringId, int cores, int memoryMb, int storageGb,
        string? sshPublicKey, string? instanceConfig, string? postProvisionScript, long durationSeconds, TokenAmount? price)
    {
        var provider = ProviderId.Create(providerId);
        var pool = AgentPool.ValidateName(poolName);
        var errors = new List<IError>();
        errors.AddRange(provider.Errors);
        errors.AddRange(pool.Errors);
        Check(errors, requesterAccountId != Guid.Empty, "invalid_account", "requester account is required.");
        Check(errors, offeringId is { Length: > 0 and <= 128 }, "invalid_offering", "offering id must be 1-128 characters.");
        Check(errors, cores is > 0 and <= 512, "invalid_cores", "cores must be 1-512.");
        Check(errors, memoryMb is >= 128 and <= 4_194_304, "invalid_memory", "memory must be 128 MiB to 4 TiB.");
        Check(errors, storageGb is > 0 and <= 1_048_576, "invalid_storage", "storage must be 1 GiB to 1 PiB.");
        Check(errors, IsSshPublicKeyLine(sshPublicKey), "invalid_ssh_key", "ssh public key must be one OpenSSH public key line (ssh-… or ecdsa-…).");
        Check(errors, instanceConfig is null || (instanceConfig.Length <= MaxInstanceConfigLength && IsJsonObject(instanceConfig)),
            "invalid_instance_config", $"instance config must be a JSON object of at most {MaxInstanceConfigLength} characters.");
        Check(errors, postProvisionScript is null || postProvisionScript.Length <= MaxScriptLength,
            "invalid_script", $"post-provision script must be at most {MaxScriptLength} characters.");
        Check(errors, durationSeconds is >= 60 and <= 10L * 365 * 86400, "invalid_duration", "duration must be 1 minute to 10 years.");
        Check(errors, price is not null, "invalid_price", "a price is required (zero for a free contract).");
        if (errors.Count > 0)
        {
            return Result.Fail<ContractTerms>(errors);
        }

        return new ContractTerms(requesterAccountId, provider.Value, poolName!, offeringId!, cores, memoryMb, storageGb,
            sshPublicKey!.Trim(), instanceConfig, postProvisionScript, durationSeconds, price!);
    }

    private static void Check(List<IError> errors, bool ok, string code, string message)
    {
        if (!ok)
        {
            errors.Add(DomainError.Invalid(code, message));
        }
    }

    private static bool IsSshPublicKeyLine(string? key) =>
        SshPublicKeyLine.TryReadBlob(key) is not null
        && (key!.StartsWith("ssh-", StringComparison.Ordinal) || key.StartsWith("ecdsa-", StringComparison.Ordinal));

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

#pragma warning disable CS8618 // for the persistence mapper
    private ContractTerms()
    {
    }
#pragma warning restore CS8618
}
