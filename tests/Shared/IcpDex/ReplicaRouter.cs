namespace DecentCloud.Tests.Shared;

/// <summary>
/// A boundary node in front of several <see cref="LocalReplica"/>s (one per canister, as each certifies one canister's
/// range): a request for <c>/api/v*/canister/{id}/…</c> goes to that canister's replica. The replicas share their
/// test root, subnet and node keys, so one agent verifies them all.
/// </summary>
internal sealed class ReplicaRouter(IReadOnlyDictionary<string, Uri> replicas) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = segments is [_, _, "canister", var id, ..] && replicas.TryGetValue(id, out var url) ? url : replicas.Values.First();
        request.RequestUri = new Uri(target, request.RequestUri.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
