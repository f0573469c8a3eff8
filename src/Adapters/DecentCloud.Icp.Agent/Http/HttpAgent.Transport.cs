using System.Net;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>The HTTP side: endpoint versions with their 404 fallback, retries of 429/503, one resend after an expiry refusal.</summary>
public sealed partial class HttpAgent
{
    /// <summary>
    /// Builds and posts a request; when the replica refuses its ingress expiry, learns the replica's time and
    /// builds and posts it once more. Network failures surface as <see cref="HttpRequestException"/>.
    /// </summary>
    private async Task<(HttpStatusCode Status, byte[] Body, int Version, byte[] RequestId)> SubmitAsync(
        Func<(byte[] Envelope, byte[] RequestId)> build, EndpointVersion versions, Principal target, string endpoint, CancellationToken cancellationToken)
    {
        for (var resynced = false; ; resynced = true)
        {
            var (envelope, requestId) = build();
            var (status, body, version) = await PostAsync(versions, target, endpoint, envelope, cancellationToken).ConfigureAwait(false);
            if (resynced || !IsIngressExpiryError(status, body))
            {
                return (status, body, version, requestId);
            }

            await ResyncAsync(target, body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Posts to the newest endpoint version the replica has; a 404 moves to the next older one for good.</summary>
    private async Task<(HttpStatusCode Status, byte[] Body, int Version)> PostAsync(
        EndpointVersion versions, Principal target, string endpoint, byte[] envelope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = versions.Current;
            var (status, body) = await PostWithRetriesAsync($"api/v{version}/canister/{target}/{endpoint}", envelope, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound && versions.Downgrade(version))
            {
                continue;
            }

            return (status, body, version);
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> PostWithRetriesAsync(string path, byte[] envelope, CancellationToken cancellationToken)
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

    /// <summary>The endpoint version in use (e.g. 4 for calls), lowered when the replica answers 404, never below 2.</summary>
    private sealed class EndpointVersion(int newest)
    {
        private int current = newest;

        public int Current => Volatile.Read(ref current);

        public bool Downgrade(int from) =>
            from > 2 && (Interlocked.CompareExchange(ref current, from - 1, from) == from || Current < from);
    }
}
