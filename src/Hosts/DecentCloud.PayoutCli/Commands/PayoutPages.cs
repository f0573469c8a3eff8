using DecentCloud.Api.Client;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>Reads every page of <c>GET /api/v1/admin/payouts</c> (until an empty page, whatever page size the API allows).</summary>
internal static class PayoutPages
{
    private const int PageSize = 100;

    /// <summary>All payouts of <paramref name="state"/> (and <paramref name="token"/>), newest first.</summary>
    public static async Task<IReadOnlyList<AutomatedPayout>> AllAsync(IAdminApi api, string? state, string? token, CancellationToken cancellationToken)
    {
        var all = new List<AutomatedPayout>();
        while (true)
        {
            var page = await api.ListPayoutsAsync(state, token, all.Count, PageSize, cancellationToken);
            all.AddRange(page);
            if (page.Count == 0)
            {
                return all;
            }
        }
    }
}
