using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Tests;

/// <summary>
/// Issue 10, finding 1 (sizes): every free-text field of a request is bounded by the length of its column, so a
/// request is refused whole rather than cut or failing in the database.
/// </summary>
public class ContractTermsLimitTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g";

    [Fact]
    public void Fields_at_their_column_length_are_accepted()
    {
        var config = "{\"k\":\"" + new string('x', ContractTerms.MaxInstanceConfigLength - 8) + "\"}";
        var terms = Create(provider: new string('p', 128), pool: new string('q', 64), offering: new string('o', 128),
            ssh: Key + " " + new string('c', 16384 - Key.Length - 1), config: config, script: new string('s', ContractTerms.MaxScriptLength));
        Assert.True(terms.IsSuccess, string.Join(", ", terms.Errors));
    }

    [Fact]
    public void Each_field_one_longer_than_its_column_is_refused()
    {
        Assert.Equal("invalid_provider", Code(Create(provider: new string('p', 129))));
        Assert.Equal("invalid_pool", Code(Create(pool: new string('q', 65))));
        Assert.Equal("invalid_offering", Code(Create(offering: new string('o', 129))));
        Assert.Equal("invalid_ssh_key", Code(Create(ssh: Key + " " + new string('c', 16384 - Key.Length))));
        Assert.Equal("invalid_instance_config", Code(Create(config: "{\"k\":\"" + new string('x', ContractTerms.MaxInstanceConfigLength - 7) + "\"}")));
        Assert.Equal("invalid_script", Code(Create(script: new string('s', ContractTerms.MaxScriptLength + 1))));
    }

    private static FluentResults.Result<ContractTerms> Create(
        string provider = "prov-1", string pool = "pool-1", string offering = "small", string ssh = Key, string? config = null, string? script = null) =>
        ContractTerms.Create(Guid.NewGuid(), provider, pool, offering, 2, 2048, 20, ssh, config, script, 3600, TokenAmount.Zero(Token.Icp));

    private static string Code(FluentResults.IResultBase result) => result.FirstDomainError().Code;
}
