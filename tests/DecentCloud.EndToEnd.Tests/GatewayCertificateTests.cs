using System.Security.Cryptography.X509Certificates;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>Issue 2's acceptance: a provider gets its own wildcard certificate from a real ACME CA through our API, and nobody else can.</summary>
[Collection(nameof(AcmeStackCollection))]
public sealed class GatewayCertificateTests(AcmeStack stack)
{
    private static string Wildcard(string dcId) => $"*.{dcId}.{AcmeStack.Prefix}.{AcmeStack.Domain}";

    private static string ChallengeName(string dcId) => $"_acme-challenge.{dcId}.{AcmeStack.Prefix}.{AcmeStack.Domain}";

    [Fact]
    public async Task A_provider_gets_its_wildcard_certificate_and_others_cannot()
    {
        // Provider A: admin token, agent setup, real ACME issuance.
        var envA = await stack.SetupAgentAsync("provider-a", await stack.CreateSetupTokenAsync("pool-a"), "dc-a");
        var issued = await stack.LegoAsync(envA, Wildcard("dc-a"), "a");
        Assert.True(issued.ExitCode == 0, $"{issued}\n--- api\n{stack.ApiOutput}\n--- pebble\n{stack.PebbleOutput}");
        var certificatePath = stack.IssuedCertificate("a", Wildcard("dc-a"));
        Assert.NotNull(certificatePath);
        using (var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)))
        {
            var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Equal([Wildcard("dc-a")], san.EnumerateDnsNames());
        }

        Assert.NotEmpty(await stack.DigTxtAsync(ChallengeName("dc-a")));

        // Provider B holds valid credentials of its own, for dc-b.
        var envB = await stack.SetupAgentAsync("provider-b", await stack.CreateSetupTokenAsync("pool-b"), "dc-b");

        // B publishing with its own subdomain lands on dc-b's name, which does not prove control of dc-a.
        var ownName = await stack.LegoAsync(envB, Wildcard("dc-a"), "b1");
        Assert.NotEqual(0, ownName.ExitCode);
        Assert.Null(stack.IssuedCertificate("b1", Wildcard("dc-a")));

        // B claiming dc-a's subdomain with its credentials is refused by the API (401), so the hook fails.
        var claimed = Path.Combine(stack.Dir, "provider-b", "claims-dc-a.env");
        await File.WriteAllLinesAsync(claimed, File.ReadAllLines(envB).Select(l => l.StartsWith("ACME_DNS_SUBDOMAIN=", StringComparison.Ordinal) ? "ACME_DNS_SUBDOMAIN=dc-a" : l), TestContext.Current.CancellationToken);
        var stolen = await stack.LegoAsync(claimed, Wildcard("dc-a"), "b2");
        Assert.NotEqual(0, stolen.ExitCode);
        Assert.Contains("401", stolen.Stdout + stolen.Stderr);
        Assert.Null(stack.IssuedCertificate("b2", Wildcard("dc-a")));

        // A re-registers (new token, same dc_id): the replaced credentials stop working at once.
        var oldEnvA = Path.Combine(stack.Dir, "provider-a", "old.env");
        File.Copy(envA, oldEnvA);
        await stack.SetupAgentAsync("provider-a", await stack.CreateSetupTokenAsync("pool-a"), "dc-a");
        var replaced = await stack.LegoAsync(oldEnvA, Wildcard("dc-a"), "a-old");
        Assert.NotEqual(0, replaced.ExitCode);
        Assert.Contains("401", replaced.Stdout + replaced.Stderr);
        Assert.Null(stack.IssuedCertificate("a-old", Wildcard("dc-a")));

        // Every challenge value (A's, and the one B's failed attempt set for dc-b) leaves DNS once older than the configured age.
        var deadline = DateTimeOffset.UtcNow + AcmeStack.TxtMaxAge + TimeSpan.FromSeconds(30);
        string[] values;
        do
        {
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            values = [.. await stack.DigTxtAsync(ChallengeName("dc-a")), .. await stack.DigTxtAsync(ChallengeName("dc-b"))];
        }
        while (values.Length > 0 && DateTimeOffset.UtcNow < deadline);
        Assert.Empty(values);
    }
}

[CollectionDefinition(nameof(AcmeStackCollection))]
public sealed class AcmeStackCollection : ICollectionFixture<AcmeStack>;
