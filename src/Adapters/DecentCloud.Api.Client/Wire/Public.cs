namespace DecentCloud.Api.Client;

/// <summary><c>GET /health</c>.</summary>
/// <param name="Status"><c>ok</c> while the API serves.</param>
public sealed record ApiHealth(string Status);

/// <summary><c>POST /api/v1/acme-dns/update</c> in the acme-dns protocol.</summary>
/// <param name="Subdomain">The gateway's dc_id.</param>
/// <param name="Txt">The challenge value (43 base64url characters).</param>
public sealed record AcmeDnsUpdate(string Subdomain, string Txt);

/// <summary>The acme-dns success reply: the value now published.</summary>
/// <param name="Txt">The challenge value.</param>
public sealed record AcmeDnsUpdateReply(string Txt);

/// <summary>The acme-dns error reply (<c>forbidden</c>, <c>bad_txt</c>, <c>bad_subdomain</c>, <c>dns_update_failed</c>, …).</summary>
/// <param name="Error">The error code.</param>
public sealed record AcmeDnsError(string Error);

/// <summary>An RFC 9457 problem details reply; every API error but the acme-dns route's.</summary>
/// <param name="Type">A URI naming the problem.</param>
/// <param name="Title">A short summary.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">What went wrong, for people.</param>
/// <param name="Code">The stable machine-readable code (e.g. <c>lease_not_held</c>).</param>
/// <param name="TraceId">The request's trace id, for the operator's logs.</param>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, string? Code, string? TraceId);
