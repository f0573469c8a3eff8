using System.Net;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>The HTTP side: endpoint versions with their 404 fallback, and retries of 429/503.</summary>
public sealed partial class HttpAgent
{
    private async Task<(HttpStatusCode Status, byte[] Body, int Version)> SubmitCallAsync(Principal target, byte[] envelope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = Volatile.Read(ref callVersion);
            HttpStatusCode status;
            byte[] body;
            try
            {
                (status, body) = await PostAsync($"api/v{version}/canister/{target}/call", envelope, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new CanisterUnreachableException($"submitting the call failed; it may or may not have reached the replica: {ex.Message}", ex);
            }

            // A replica without this endpoint version answers 404: remember the next older one.
            if (status == HttpStatusCode.NotFound && version > 2)
            {
                Interlocked.CompareExchange(ref callVersion, version - 1, version);
                continue;
            }

            return (status, body, version);
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> ReadEndpointAsync(Principal target, string endpoint, byte[] envelope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = Volatile.Read(ref readVersion);
            HttpStatusCode status;
            byte[] body;
            try
            {
                (status, body) = await PostAsync($"api/v{version}/canister/{target}/{endpoint}", envelope, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new IcpProtocolException($"the replica could not be reached for {endpoint}: {ex.Message}", ex);
            }

            if (status == HttpStatusCode.NotFound && version > 2)
            {
                Interlocked.CompareExchange(ref readVersion, version - 1, version);
                continue;
            }

            return (status, body);
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(string path, byte[] envelope, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var content = new ByteArrayContent(envelope);
            content.Headers.ContentType = Cbor;
            using var response = await http.PostAsync(new Uri(options.Host, path), content, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var busy = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            if (!busy || attempt >= options.MaxRetries)
            {
                return (response.StatusCode, body);
            }

            var wait = response.Headers.RetryAfter?.Delta
                ?? TimeSpan.FromTicks(options.RetryBackoff.Ticks << Math.Min(attempt, 16));
            await Task.Delay(wait, options.Clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
