using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Refit;

namespace DecentCloud.Adapters.Shared;

/// <summary>
/// Turns a Refit answer into its content or a <see cref="ProvisioningException"/> that carries the backend's own
/// error text (compiled into each adapter).
/// </summary>
internal static class ApiErrors
{
    /// <summary>The content of a successful answer; otherwise throws "<paramref name="backend"/> refused to <paramref name="what"/>: HTTP n detail".</summary>
    /// <param name="response">The answer.</param>
    /// <param name="backend">The backend's name, e.g. <c>Hetzner</c>.</param>
    /// <param name="what">What was asked, e.g. <c>create server</c>.</param>
    /// <param name="errorText">Reads the backend's error body; <c>null</c> when it holds no message.</param>
    public static T Check<T>(IApiResponse<T> response, string backend, string what, Func<string, string?> errorText)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(errorText);
        if (response.IsSuccessStatusCode && response.Content is { } content)
        {
            return content;
        }

        throw Refused(response, backend, what, errorText);
    }

    /// <summary>The exception for a refused call (for answers without content).</summary>
    public static ProvisioningException Refused(IApiResponse response, string backend, string what, Func<string, string?> errorText)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(errorText);
        var body = (response.Error as ApiException)?.Content;
        string? detail;
        try
        {
            detail = body is { Length: > 0 } ? errorText(body) ?? response.Error?.Message : response.Error?.Message;
        }
        catch (JsonException)
        {
            detail = body!.Length > 200 ? body[..200] : body;
        }

        return new ProvisioningException($"{backend} refused to {what}: HTTP {(int?)response.StatusCode} {detail}");
    }
}
