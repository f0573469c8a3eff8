using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Tests;

public class ProvisioningHelpersTests
{
    private static readonly ContractId Contract = ContractId.FromHex(new string('a', 64)).Value;

    [Fact]
    public void Passwords_are_long_unique_and_have_every_character_class()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 500; i++)
        {
            var password = PasswordGenerator.New();
            Assert.Equal(24, password.Length);
            Assert.Contains(password, char.IsUpper);
            Assert.Contains(password, char.IsLower);
            Assert.Contains(password, char.IsDigit);
            Assert.Contains(password, c => "-_.+=!@%^*".Contains(c));
            Assert.DoesNotContain(password, c => c is '"' or '\'' or '\\' or '$' or ' ');
            Assert.True(seen.Add(password));
        }

        Assert.Equal(40, PasswordGenerator.New(40).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordGenerator.New(12));
    }

    [Fact]
    public void Cloud_init_sets_the_password_keys_and_script_with_escaped_values()
    {
        var request = new ProvisionRequest(Contract, "o", 1, 1024, 10, ["ssh-ed25519 AAAA key\"one"], "ubuntu", "p\"a\\ss\nword", null, "echo \"hi\"");
        var userData = CloudInit.UserData(request);
        Assert.StartsWith("#cloud-config\n", userData);
        Assert.Contains("    - name: \"ubuntu\"\n      password: \"p\\\"a\\\\ss\\nword\"\n      type: text\n", userData);
        Assert.Contains("  - name: \"ubuntu\"\n    sudo: ALL=(ALL) NOPASSWD:ALL", userData);
        Assert.Contains("    ssh_authorized_keys:\n      - \"ssh-ed25519 AAAA key\\\"one\"\n", userData);
        Assert.Contains("runcmd:\n  - [ bash, -c, \"echo \\\"hi\\\"\" ]\n", userData);
        Assert.Contains("ssh_pwauth: true", userData);
    }

    [Fact]
    public void Root_logins_get_keys_at_the_top_level_and_the_request_never_prints_its_password()
    {
        var request = new ProvisionRequest(Contract, "o", 1, 1024, 10, ["ssh-ed25519 AAAA k"], "root", "secret-pw", null, null);
        var userData = CloudInit.UserData(request);
        Assert.Contains("\nssh_authorized_keys:\n  - \"ssh-ed25519 AAAA k\"\n", userData);
        Assert.DoesNotContain("users:\n  - default", userData);
        Assert.DoesNotContain("secret-pw", request.ToString());
    }

    [Fact]
    public void Ssh_key_fingerprints_and_instance_config()
    {
        // The MD5 fingerprint of the key blob, as `ssh-keygen -E md5 -l` prints it.
        Assert.Equal(
            "db:3f:f0:d2:44:e9:f4:01:94:56:ce:28:d4:e6:72:cf",
            OpenSshKey.Md5Fingerprint("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxtoaxD3F4+dQXDGVjHM4FHiDCDPHQ6lorx5U5PYK0Z user@laptop"));
        Assert.Throws<ArgumentException>(() => OpenSshKey.Md5Fingerprint("not a key!"));
        var config = InstanceConfig.Parse("{\"image\":\"debian-12\",\"cores\":4}");
        Assert.Equal(("debian-12", "fallback"), (config.Get("image", null), config.Get("cores", "fallback")));
        Assert.Throws<ProvisioningException>(() => InstanceConfig.Parse("[1]"));
        Assert.Throws<ProvisioningException>(() => InstanceConfig.Parse("{"));
    }

    [Fact]
    public void Contract_tags_round_trip()
    {
        Assert.Equal("decent-cloud-contract:" + Contract.Hex, ContractTags.For(Contract));
        Assert.Equal(Contract, ContractTags.Read(["x", ContractTags.For(Contract)]));
        Assert.Null(ContractTags.Read(["decent-cloud-contract:nothex"]));
    }
}
