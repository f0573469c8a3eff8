using DecentCloud.Hosting.Configuration;
using DecentCloud.Icp.Agent.Identities;

namespace DecentCloud.PayoutCli.Settings;

/// <summary>
/// The platform wallet: the identity that signs the ledger calls, read from a PEM as dfx writes identity.pem (Ed25519
/// PKCS#8, or secp256k1). Only its principal is ever shown.
/// </summary>
internal sealed class WalletKey
{
    private WalletKey(IIdentity identity) => Identity = identity;

    /// <summary>The identity the agent signs with.</summary>
    public IIdentity Identity { get; }

    /// <summary>Reads the PEM from the variable or the file; a missing or unreadable PEM names the setting, never its text.</summary>
    public static WalletKey Load(string? value, string? file)
    {
        var pem = PayoutCliSettings.ReadSecret(value, file, nameof(PayoutCliSettings.WalletPem), nameof(PayoutCliSettings.WalletPemFile))
            ?? throw new InvalidSettingsException(
                $"{PayoutVariables.Name(nameof(PayoutCliSettings.WalletPemFile))} or {PayoutVariables.Name(nameof(PayoutCliSettings.WalletPem))} is required: the platform wallet's identity PEM.");
        var setting = PayoutVariables.Name(file is null ? nameof(PayoutCliSettings.WalletPem) : nameof(PayoutCliSettings.WalletPemFile));
        // The parsers' own messages are left out on purpose: a parser may quote the input it could not read.
        try
        {
            return new WalletKey(Ed25519Identity.FromPem(pem));
        }
        // Whatever a parser throws (its own exception types included) ends as the one message below.
        catch (Exception ed) when (ed is not OutOfMemoryException)
        {
            try
            {
                return new WalletKey(Secp256k1Identity.FromPem(pem));
            }
            catch (Exception ec) when (ec is not OutOfMemoryException)
            {
                throw new InvalidSettingsException($"{setting} is not an Ed25519 (PKCS#8) or secp256k1 private key PEM.");
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"wallet {Identity.Sender.ToText()}";
}
