using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary>
/// The in-process server has no socket, so its peer address is unknown; this sets the peer of a request from the
/// test-only header <c>X-Test-Peer</c>, as if the request had come from that address.
/// </summary>
internal sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                context.Request.Headers.Remove(Header);
            }

            return following(context);
        });
        next(app);
    };

    /// <summary>A client of <paramref name="factory"/> whose requests may name their peer address.</summary>
    public static HttpClient Client(ApiFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, TestPeer>())).CreateClient();

    /// <summary><paramref name="request"/> as sent from <paramref name="peer"/>, optionally forwarded for <paramref name="forwardedFor"/>.</summary>
    public static HttpRequestMessage From(HttpRequestMessage request, string peer, string? forwardedFor = null)
    {
        request.Headers.Add(Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }
}
