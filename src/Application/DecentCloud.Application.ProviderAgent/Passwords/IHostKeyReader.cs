namespace DecentCloud.Application.ProviderAgent.Passwords;

/// <summary>Reads the SSH host key a machine presents, to be recorded right after provisioning (trust on first use).</summary>
public interface IHostKeyReader
{
    /// <summary>
    /// The host key of <paramref name="host"/>:<paramref name="port"/> as <c>{algorithm} SHA256:{base64}</c> (OpenSSH's
    /// fingerprint form), read during the key exchange without logging in. Throws <see cref="Provisioning.ProvisioningException"/>
    /// when the machine does not answer (yet).
    /// </summary>
    Task<string> ReadAsync(string host, int port, CancellationToken cancellationToken);
}
