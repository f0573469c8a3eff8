namespace DecentCloud.Application.Admin;

/// <summary>A verified admin request: the configured admin key that signed it.</summary>
/// <param name="PublicKeyHex">The admin key, lower-case hex.</param>
public sealed record AdminPrincipal(string PublicKeyHex);
