using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Passwords;

/// <summary>Sets a login user's password on a running machine (over SSH with the agent's own key).</summary>
public interface IPasswordResetter
{
    /// <summary>
    /// Sets <paramref name="loginUser"/>'s password on <paramref name="host"/>, after checking that the machine presents
    /// <paramref name="expectedHostKey"/> (as <see cref="IHostKeyReader"/> reads it). Throws <see cref="ProvisioningException"/>
    /// when the host key differs (nothing is sent then), or the machine cannot be reached or refuses; the password is never in the message.
    /// </summary>
    Task ResetAsync(string host, int port, string loginUser, string newPassword, string expectedHostKey, CancellationToken cancellationToken);
}
