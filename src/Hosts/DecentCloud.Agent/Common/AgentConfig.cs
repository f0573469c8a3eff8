using System.Text.Json;
using System.Text.Json.Serialization;

namespace DecentCloud.Agent.Common;

/// <summary>The agent's configuration file (JSON), written by <c>setup token</c> and read by every other command.</summary>
internal sealed record AgentConfig
{
    public const string DefaultPath = "/etc/dc-agent/config.json";

    public required string ApiUrl { get; init; }

    public required string AgentKeyPath { get; init; }

    public string? ProviderId { get; init; }

    public string? PoolName { get; init; }

    public GatewayConfig? Gateway { get; init; }

    /// <summary>The provisioning loop's settings (<c>run</c>); defaults apply when absent.</summary>
    public Run.RunConfig? Run { get; init; }

    /// <summary>The backend the agent provisions with (<c>provisioner</c>); <c>run</c> needs it.</summary>
    public Run.ProvisionerConfig? Provisioner { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and checks the file; a refused <see cref="ApiUrl"/> is an <see cref="InvalidDataException"/>.</summary>
    public static AgentConfig Load(string path)
    {
        var text = File.ReadAllText(path);
        var config = JsonSerializer.Deserialize<AgentConfig>(text, Json)
            ?? throw new InvalidDataException($"{path} holds no configuration.");
        if (SafeUrl.Problem(config.ApiUrl, "API URL") is { } problem)
        {
            throw new InvalidDataException($"{path}: {problem}.");
        }

        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The gateway part of the configuration.</summary>
internal sealed record GatewayConfig(string DcId, string GwPrefix, string Domain, string CaddyDir);
