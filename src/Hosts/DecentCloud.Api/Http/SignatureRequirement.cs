using DecentCloud.Domain.Agents;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DecentCloud.Api.Http;

/// <summary>Route metadata: who must sign the request and what the signer needs.</summary>
/// <param name="Permission">For agents, the permission required; <c>null</c> for a user's device.</param>
/// <param name="RequireAccount">For devices, whether the key must already belong to an account (not while registering one).</param>
internal sealed record SignatureRequirement(AgentPermissions? Permission, bool RequireAccount = true)
{
    public bool IsAgent => Permission is not null;

    /// <summary>Signed by one of the configured admin keys (<c>X-Public-Key</c>, format 2 only); no account involved.</summary>
    public bool IsAdmin { get; init; }
}

/// <summary>Declares signed routes: the requirement as metadata plus <see cref="SignedRequestFilter"/>.</summary>
internal static class SignedRouteConventions
{
    /// <summary>Every route of <paramref name="builder"/> must be signed by an agent key holding <paramref name="permission"/>.</summary>
    public static TBuilder RequireAgentPermission<TBuilder>(this TBuilder builder, AgentPermissions permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireSignature(new SignatureRequirement(permission));

    /// <summary>Every route of <paramref name="builder"/> must be signed by a device key (of an account, unless <paramref name="requireAccount"/> is false).</summary>
    public static TBuilder RequireDeviceSignature<TBuilder>(this TBuilder builder, bool requireAccount = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireSignature(new SignatureRequirement(null, requireAccount));

    /// <summary>
    /// Every route of <paramref name="builder"/> must be signed by a configured admin key, and every call to one of them
    /// (refusals included) leaves one audit entry: <see cref="AdminCallAuditFilter"/> wraps the signature check.
    /// </summary>
    public static TBuilder RequireAdminSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        // Filters run in the order added: the audit sees the signature filter's refusals as well as the route's answer.
        builder.AddEndpointFilter<TBuilder, AdminCallAuditFilter>();
        return builder.RequireSignature(new SignatureRequirement(null, RequireAccount: false) { IsAdmin = true });
    }

    private static TBuilder RequireSignature<TBuilder>(this TBuilder builder, SignatureRequirement requirement)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(requirement);
        builder.AddEndpointFilter<TBuilder, SignedRequestFilter>();
        int[] refusals = requirement.IsAgent || requirement.IsAdmin
            ? [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests]
            : [StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests];
        foreach (var status in refusals)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
