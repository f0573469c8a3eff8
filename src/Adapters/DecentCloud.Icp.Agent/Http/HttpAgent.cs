using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Http;

/// <summary>
/// Talks to the Internet Computer over HTTP: update calls (<c>/api/v4</c> → v3 → v2 on 404, then polling
/// <c>read_state</c> on 202), queries and read_state (<c>/api/v3</c> → v2), retries of 429/503, ingress expiries
/// corrected for clock drift, and every reply verified — certificates completely (<see cref="CertificateVerifier"/>)
/// and query replies by their node signatures.
/// </summary>
public sealed partial class HttpAgent : ICanisterTransport, IDisposable
{
    private static readonly MediaTypeHeaderValue Cbor = new("application/cbor");
    private readonly HttpAgentOptions options;
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly NodeKeys nodeKeys;
    private Verifiers verifiers;
    private readonly EndpointVersion callVersion = new(4);
    private readonly EndpointVersion readVersion = new(3);
    private long driftTicks;

    /// <summary>Creates an agent; <paramref name="httpClient"/> is used as given (and not disposed) when passed.</summary>
    public HttpAgent(HttpAgentOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        verifiers = new Verifiers(options.RootKey, options.MaxCertificateAge, new DriftCorrectedClock(this));
        http = httpClient ?? new HttpClient();
        ownsHttp = httpClient is null;
        nodeKeys = new NodeKeys(this);
    }

    /// <summary>How far the IC's clock is ahead of the local one, as last learned (see <see cref="SyncTimeAsync"/>).</summary>
    public TimeSpan ClockDrift => TimeSpan.FromTicks(Interlocked.Read(ref driftTicks));

    internal HttpAgentOptions Options => options;

    internal DateTimeOffset Now => options.Clock.GetUtcNow() + ClockDrift;

    /// <summary>An update call: submits it, waits for the certified outcome, and returns the reply (Candid bytes).</summary>
    /// <exception cref="CanisterRejectedException">The canister or the replica rejected the call.</exception>
    /// <exception cref="CanisterUnreachableException">The outcome is unknown: the submission or the polling failed, or it timed out.</exception>
    /// <exception cref="IcpProtocolException">The replica refused the request or answered with something that does not verify.</exception>
    public async Task<byte[]> CallAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(canister);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(arg);
        var target = RequestStatus.EffectiveCanisterId(canister, arg);
        HttpStatusCode status;
        byte[] body, requestId;
        int version;
        try
        {
            (status, body, version, requestId) = await SubmitAsync(
                () =>
                {
                    var content = Content("call", canister, method, arg);
                    content["nonce"] = RandomNumberGenerator.GetBytes(16);
                    return SignedRequest.Create(content, options.Identity);
                },
                callVersion,
                target,
                "call",
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CanisterUnreachableException($"submitting the call failed; it may or may not have reached the replica: {ex.Message}", ex);
        }

        return status switch
        {
            HttpStatusCode.Accepted => await PollAsync(target, requestId, cancellationToken).ConfigureAwait(false),
            HttpStatusCode.OK when version >= 3 => await SynchronousReplyAsync(target, requestId, body, cancellationToken).ConfigureAwait(false),
            _ => throw Refused("call", status, body),
        };
    }

    /// <summary>A query: returns the reply (Candid bytes) after checking the node signatures on it.</summary>
    /// <exception cref="CanisterRejectedException">The canister rejected the query.</exception>
    /// <exception cref="IcpProtocolException">The replica refused the request, or the signatures are missing or do not verify.</exception>
    public async Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(canister);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(arg);
        var target = RequestStatus.EffectiveCanisterId(canister, arg);
        var (status, body, _, requestId) = await Unreachable("query", SubmitAsync(
            () => SignedRequest.Create(Content("query", canister, method, arg), options.Identity), readVersion, target, "query", cancellationToken)).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Refused("query", status, body);
        }

        var reply = CborData.ReadMap(body);
        if (options.VerifyQuerySignatures)
        {
            await nodeKeys.VerifyAsync(target, requestId, reply, cancellationToken).ConfigureAwait(false);
        }

        return QueryReply(reply);
    }

    /// <summary>Reads certified state at <paramref name="paths"/> through <paramref name="effectiveCanister"/>; the certificate is verified for it.</summary>
    public async Task<Certificate> ReadStateAsync(Principal effectiveCanister, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effectiveCanister);
        ArgumentNullException.ThrowIfNull(paths);
        var certificate = await ReadCertificateAsync(effectiveCanister, paths, cancellationToken).ConfigureAwait(false);
        await EnsureValidAsync(certificate, effectiveCanister, "read_state", cancellationToken).ConfigureAwait(false);
        return certificate;
    }

    /// <summary>
    /// Learns the IC's time from a freshly requested, fully verified <c>/time</c> (its freshness aside) and uses
    /// the difference to the local clock for expiries and freshness from now on.
    /// </summary>
    public async Task SyncTimeAsync(Principal effectiveCanister, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effectiveCanister);
        var certificate = await ReadCertificateAsync(effectiveCanister, [[Encoding.ASCII.GetBytes("time")]], cancellationToken).ConfigureAwait(false);
        var verdict = verifiers.IgnoringTime.VerifyForCanister(certificate, effectiveCanister);
        if (!verdict.IsValid)
        {
            throw new IcpProtocolException($"the time certificate was rejected ({verdict.Outcome}): {verdict.Reason}");
        }

        var drift = certificate.Time - options.Clock.GetUtcNow();
        if (drift.Duration() > options.MaxClockDrift)
        {
            throw new IcpProtocolException(
                $"the IC's certified time {certificate.Time:O} is {drift.Duration()} from the local clock, more than the {options.MaxClockDrift} the agent corrects for (HttpAgentOptions.MaxClockDrift); check the system clock");
        }

        Interlocked.Exchange(ref driftTicks, drift.Ticks);
    }

    /// <summary>Reads the root key from <c>/api/v2/status</c> — only for a host declared <see cref="HttpAgentOptions.LocalNetwork"/>.</summary>
    public async Task FetchRootKeyAsync(CancellationToken cancellationToken)
    {
        if (!options.LocalNetwork)
        {
            throw new InvalidOperationException("The root key is fetched only from a local replica (HttpAgentOptions.LocalNetwork); on the IC the built-in mainnet key is used.");
        }

        using var response = await http.GetAsync(new Uri(options.Host, "api/v2/status"), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused("status", response.StatusCode, body);
        }

        var key = CborData.ReadMap(body).Bytes("root_key") ?? throw new IcpProtocolException("the status reply holds no root_key");
        verifiers = new Verifiers(key, options.MaxCertificateAge, new DriftCorrectedClock(this));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    internal Principal RootSubnet => verifiers.RootSubnet;

    internal async Task<Certificate> ReadCertificateAsync(Principal effectiveCanister, IReadOnlyList<IReadOnlyList<byte[]>> paths, CancellationToken cancellationToken)
    {
        var content = new Dictionary<string, object>
        {
            ["request_type"] = "read_state",
            ["paths"] = paths.Select(path => path.ToArray()).ToArray(),
            ["sender"] = options.Identity.Sender.Bytes.ToArray(),
            ["ingress_expiry"] = IngressExpiry.Nanoseconds(Now, options.IngressExpiry),
        };
        var (envelope, _) = SignedRequest.Create(content, options.Identity);
        var (status, body, _) = await Unreachable("read_state", PostAsync(readVersion, effectiveCanister, "read_state", envelope, cancellationToken)).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Refused("read_state", status, body);
        }

        try
        {
            return Certificate.Parse(body);
        }
        catch (CertificateException ex)
        {
            throw new IcpProtocolException($"the read_state reply is not a certificate: {ex.Message}", ex);
        }
    }

    private Dictionary<string, object> Content(string type, Principal canister, string method, byte[] arg) => new()
    {
        ["request_type"] = type,
        ["canister_id"] = canister.Bytes.ToArray(),
        ["method_name"] = method,
        ["arg"] = arg,
        ["sender"] = options.Identity.Sender.Bytes.ToArray(),
        ["ingress_expiry"] = IngressExpiry.Nanoseconds(Now, options.IngressExpiry),
    };

    private async Task<byte[]> SynchronousReplyAsync(Principal target, byte[] requestId, byte[] body, CancellationToken cancellationToken)
    {
        var reply = CborData.ReadMap(body);
        switch (reply.Text("status"))
        {
            case "replied":
                var bytes = reply.Bytes("certificate") ?? throw new IcpProtocolException("a synchronous reply without a certificate");
                Certificate certificate;
                try
                {
                    certificate = Certificate.Parse(bytes);
                }
                catch (CertificateException ex)
                {
                    throw new IcpProtocolException($"the call's certificate is malformed: {ex.Message}", ex);
                }

                await EnsureValidAsync(certificate, target, "call", cancellationToken).ConfigureAwait(false);
                return RequestStatus.ReplyOrPending(certificate, requestId)
                    ?? await PollAsync(target, requestId, cancellationToken).ConfigureAwait(false);
            case "non_replicated_rejection":
                throw Rejection(reply);
            default:
                // "accepted" or anything newer: the outcome comes through polling.
                return await PollAsync(target, requestId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureValidAsync(Certificate certificate, Principal target, string what, CancellationToken cancellationToken)
    {
        var verdict = verifiers.Fresh.VerifyForCanister(certificate, target);
        if (verdict.Outcome == CertificateOutcome.Stale)
        {
            // Our clock may be off rather than the certificate old: learn the IC's time from a fresh read, then judge again.
            await SyncTimeAsync(target, cancellationToken).ConfigureAwait(false);
            verdict = verifiers.Fresh.VerifyForCanister(certificate, target);
        }

        if (!verdict.IsValid)
        {
            throw new IcpProtocolException($"the {what} certificate was rejected ({verdict.Outcome}): {verdict.Reason}");
        }
    }

    private async Task<byte[]> PollAsync(Principal target, byte[] requestId, CancellationToken cancellationToken)
    {
        var deadline = options.Clock.GetUtcNow() + options.PollTimeout;
        var delay = options.InitialPollDelay;
        byte[][] path = [Encoding.ASCII.GetBytes("request_status"), requestId];
        while (true)
        {
            Certificate certificate;
            try
            {
                certificate = await ReadStateAsync(target, [path], cancellationToken).ConfigureAwait(false);
            }
            catch (IcpProtocolException ex) when (ex.InnerException is HttpRequestException)
            {
                throw new CanisterUnreachableException($"polling request {Convert.ToHexStringLower(requestId)} failed; the call may have executed: {ex.Message}", ex);
            }

            if (RequestStatus.ReplyOrPending(certificate, requestId) is { } reply)
            {
                return reply;
            }

            if (options.Clock.GetUtcNow() + delay > deadline)
            {
                throw new CanisterUnreachableException($"no outcome for request {Convert.ToHexStringLower(requestId)} within {options.PollTimeout}; the call may still execute");
            }

            await Task.Delay(delay, options.Clock, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), options.MaxPollDelay.Ticks));
        }
    }

    /// <summary>For reads nothing is lost when the network fails, so it is a plain protocol error.</summary>
    private static async Task<T> Unreachable<T>(string what, Task<T> request)
    {
        try
        {
            return await request.ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new IcpProtocolException($"the replica could not be reached for {what}: {ex.Message}", ex);
        }
    }

    private static byte[] QueryReply(Dictionary<string, object?> reply) => reply.Text("status") switch
    {
        "replied" => (reply.GetValueOrDefault("reply") as Dictionary<string, object?>)?.Bytes("arg")
            ?? throw new IcpProtocolException("a query reply without reply.arg"),
        "rejected" => throw Rejection(reply),
        var other => throw new IcpProtocolException($"unknown query status '{other}'"),
    };

    private static CanisterRejectedException Rejection(Dictionary<string, object?> reply) =>
        new(reply.Natural("reject_code") ?? 0, reply.Text("reject_message") ?? string.Empty, reply.Text("error_code"));

    /// <summary>
    /// After a refused expiry: the refusal states the replica's window ("Minimum allowed expiry: …"), which is
    /// enough to get the time-sync request itself accepted; the drift is then set from the certified /time.
    /// </summary>
    private async Task ResyncAsync(Principal target, byte[] refusal, CancellationToken cancellationToken)
    {
        var window = MinimumExpiry().Match(Encoding.UTF8.GetString(refusal));
        if (window.Success && ulong.TryParse(window.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var minimum))
        {
            var hinted = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(minimum / 100, (ulong)DateTimeOffset.MaxValue.Ticks / 2)) - options.Clock.GetUtcNow();
            if (hinted.Duration() > options.MaxClockDrift)
            {
                throw new IcpProtocolException(
                    $"the replica's clock is {hinted.Duration()} from the local one by its expiry window, more than the {options.MaxClockDrift} the agent corrects for (HttpAgentOptions.MaxClockDrift); check the system clock");
            }

            Interlocked.Exchange(ref driftTicks, hinted.Ticks);
        }

        await SyncTimeAsync(target, cancellationToken).ConfigureAwait(false);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Minimum allowed expiry: (\d+)")]
    private static partial System.Text.RegularExpressions.Regex MinimumExpiry();

    private static bool IsIngressExpiryError(HttpStatusCode status, byte[] body) =>
        status == HttpStatusCode.BadRequest && Encoding.UTF8.GetString(body).Contains("ingress_expiry", StringComparison.OrdinalIgnoreCase);

    private static IcpProtocolException Refused(string what, HttpStatusCode status, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 1000))).Trim();
        return new IcpProtocolException($"the replica refused the {what} with {(int)status} {status}: {text}", (int)status);
    }

    /// <summary>The verifiers for one root key: with the freshness check (on the drift-corrected clock), and without it for the time sync.</summary>
    private sealed class Verifiers(ReadOnlyMemory<byte> rootKey, TimeSpan maxAge, TimeProvider clock)
    {
        public CertificateVerifier Fresh { get; } = new(new CertificateVerifierOptions { RootKey = rootKey, MaxAge = maxAge, Clock = clock });

        public CertificateVerifier IgnoringTime { get; } = new(new CertificateVerifierOptions { RootKey = rootKey, MaxAge = null });

        public Principal RootSubnet { get; } = SelfAuthenticating.Of(rootKey.Span);
    }

    private sealed class DriftCorrectedClock(HttpAgent agent) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => agent.Now;
    }
}
