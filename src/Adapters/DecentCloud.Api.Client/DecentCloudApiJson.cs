using System.Text.Json;
using System.Text.Json.Serialization;

namespace DecentCloud.Api.Client;

/// <summary>The JSON settings of the API's wire format.</summary>
public static class DecentCloudApiJson
{
    /// <summary>
    /// camelCase, nulls left out of requests; unknown reply fields are ignored so a newer API does not
    /// break an older client. The default of <see cref="DecentCloudApiClientOptions.SerializerOptions"/>.
    /// </summary>
    public static JsonSerializerOptions Tolerant { get; } = Create(strict: false);

    /// <summary>
    /// As <see cref="Tolerant"/>, but a reply field the records lack, a missing required field or a
    /// null where the records forbid one is an error: what the API's own tests read replies with.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = Create(strict: true);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        if (strict)
        {
            options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.RespectRequiredConstructorParameters = true;
            options.RespectNullableAnnotations = true;
            options.AllowDuplicateProperties = false;
            options.NumberHandling = JsonNumberHandling.Strict;
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
