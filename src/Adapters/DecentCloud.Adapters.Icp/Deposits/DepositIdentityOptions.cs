using System.ComponentModel.DataAnnotations;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Adapters.Icp.Deposits;

/// <summary>
/// The platform's deposit principal (section <c>Deposits</c>): the Ed25519 key that owns every account's deposit
/// subaccount and signs the sweeps, and the treasury the sweeps pay. Unset key: deposits are off. The key is never logged.
/// </summary>
public sealed class DepositIdentityOptions : IValidatableObject
{
    /// <summary>A PEM file holding the deposit principal's Ed25519 key (<c>DC_DEPOSIT_IDENTITY_PEM_FILE</c>).</summary>
    public string? IdentityPemFile { get; set; }

    /// <summary>The deposit principal's Ed25519 key as PEM text (<c>DC_DEPOSIT_IDENTITY_PEM</c>; a secret of the environment).</summary>
    public string? IdentityPem { get; set; }

    /// <summary>Where sweeps send deposits, ICRC-1 account text (<c>DC_DEPOSIT_TREASURY_ACCOUNT</c>; default the deposit principal's default account).</summary>
    public string? TreasuryAccount { get; set; }

    /// <summary>Whether a key is configured (deposits on).</summary>
    public bool HasIdentity => !string.IsNullOrWhiteSpace(IdentityPemFile) || !string.IsNullOrWhiteSpace(IdentityPem);

    /// <summary>The PEM text: <see cref="IdentityPem"/>, or the file's content.</summary>
    public string ReadPem() => !string.IsNullOrWhiteSpace(IdentityPem) ? IdentityPem : File.ReadAllText(IdentityPemFile!);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(IdentityPemFile) && !string.IsNullOrWhiteSpace(IdentityPem))
        {
            yield return new ValidationResult($"Set {nameof(IdentityPemFile)} or {nameof(IdentityPem)}, not both.", [nameof(IdentityPemFile), nameof(IdentityPem)]);
        }
        else if (!string.IsNullOrWhiteSpace(IdentityPemFile) && !File.Exists(IdentityPemFile))
        {
            yield return new ValidationResult($"{nameof(IdentityPemFile)} names no readable file.", [nameof(IdentityPemFile)]);
        }
        else if (HasIdentity && !ParsesAsKey())
        {
            // Which part of the text is wrong is not said: the message must not echo a key.
            yield return new ValidationResult(
                $"{(string.IsNullOrWhiteSpace(IdentityPem) ? nameof(IdentityPemFile) : nameof(IdentityPem))} is not an Ed25519 private key in PEM.",
                [string.IsNullOrWhiteSpace(IdentityPem) ? nameof(IdentityPemFile) : nameof(IdentityPem)]);
        }

        if (!string.IsNullOrWhiteSpace(TreasuryAccount) && !IsAccountText(TreasuryAccount))
        {
            yield return new ValidationResult($"{nameof(TreasuryAccount)} must be ICRC-1 account text (principal[-checksum.subaccount]).", [nameof(TreasuryAccount)]);
        }
    }

    private bool ParsesAsKey()
    {
        try
        {
            _ = DecentCloud.Icp.Agent.Identities.Ed25519Identity.FromPem(ReadPem());
            return true;
        }
#pragma warning disable CA1031 // any parse failure means "not a key"; the exception's text may quote the input, so it is dropped
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static bool IsAccountText(string text)
    {
        try
        {
            _ = IcrcAccount.Parse(text);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
