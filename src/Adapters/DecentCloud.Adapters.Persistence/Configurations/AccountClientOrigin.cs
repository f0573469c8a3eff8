namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>
/// The client address an account was registered from and a contract was requested from: stored beside the aggregate
/// (a shadow column, not part of the domain) so the per-address quotas are counted in the database every API instance shares.
/// </summary>
internal static class ClientOrigin
{
    public const string AccountColumn = "CreatedFrom";

    public const string ContractColumn = "RequestedFrom";

    /// <summary>Longest address kept (an IPv6 address with a zone fits).</summary>
    public const int MaxLength = 64;

    public static string? Fit(string? address) => address is { Length: > MaxLength } ? address[..MaxLength] : address;
}
