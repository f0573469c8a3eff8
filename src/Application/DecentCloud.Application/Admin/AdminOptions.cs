using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Admin;

/// <summary>Who may call the admin HTTP routes (section <c>Admin</c>).</summary>
public sealed class AdminOptions : IValidatableObject
{
    /// <summary>
    /// The Ed25519 public keys (64 hex characters, either case) allowed to sign admin requests
    /// (<c>DC_ADMIN_PUBLIC_KEYS</c>, comma-separated). Empty, the default, refuses every admin route.
    /// </summary>
    public IList<string> PublicKeys { get; } = [];

    /// <summary>Whether <paramref name="key"/> is one of <see cref="PublicKeys"/>.</summary>
    public bool Allows(AgentPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PublicKeys.Any(k => string.Equals(k, key.Hex, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < PublicKeys.Count; i++)
        {
            if (AgentPublicKey.FromHex(PublicKeys[i]).IsFailed)
            {
                // The position only: an operator who pasted a private key by mistake must not find it in a log.
                yield return new ValidationResult(
                    string.Create(CultureInfo.InvariantCulture, $"entry {i + 1} is not a 64-hex Ed25519 public key."), [nameof(PublicKeys)]);
            }
        }
    }
}
