using DecentCloud.Hosting.Configuration;

namespace DecentCloud.PayoutCli.Settings;

/// <summary>
/// The environment variables of <c>dc-payout</c> (listed in the README) and the configuration keys they set. The
/// non-secret ones can also be given as options (<c>--api-url</c> …), which win; secrets only come from the
/// environment or a file, so they never show in a process list.
/// </summary>
internal static class PayoutVariables
{
    /// <summary>The configuration section the settings bind from.</summary>
    public const string Section = "Payout";

    /// <summary>Every mapped variable.</summary>
    public static IReadOnlyList<LegacyVariable> All { get; } =
    [
        new("DC_PAYOUT_API_URL", "Payout:ApiUrl"),
        new("DC_PAYOUT_ADMIN_KEY", "Payout:AdminKey"),
        new("DC_PAYOUT_ADMIN_KEY_FILE", "Payout:AdminKeyFile"),
        new("DC_PAYOUT_WALLET_PEM", "Payout:WalletPem"),
        new("DC_PAYOUT_WALLET_PEM_FILE", "Payout:WalletPemFile"),
        new("DC_PAYOUT_IC_URL", "Payout:IcUrl"),
        new("DC_PAYOUT_IC_ROOT_KEY", "Payout:IcRootKey"),
        new("DC_PAYOUT_LEDGER_DC", "Payout:Ledgers:DC"),
        new("DC_PAYOUT_LEDGER_ICP", "Payout:Ledgers:ICP"),
        new("DC_PAYOUT_LEDGER_CKUSDC", "Payout:Ledgers:ckUSDC"),
        new("DC_PAYOUT_LEDGER_CKUSDT", "Payout:Ledgers:ckUSDT"),
    ];

    /// <summary>How <paramref name="key"/> (<c>Payout:Member</c>) is named in an error: its variable and key.</summary>
    public static string Name(string member) => LegacyVariables.Describe($"{Section}:{member}", All);
}
