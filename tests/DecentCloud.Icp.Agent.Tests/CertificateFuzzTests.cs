using System.Globalization;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>
/// Random and mutated certificates (seeded from the real mainnet ones) through parsing, lookups, the
/// authorization check and (every 50th) full verification: nothing but <see cref="CertificateException"/> may come out. DC_FUZZ_CERTIFICATES
/// sets the count (CI: 20,000; scripts/fuzz.sh runs 100,000).
/// </summary>
public sealed class CertificateFuzzTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("DC_FUZZ_CERTIFICATES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 20_000;

    [Fact]
    public void The_certificate_parser_fails_only_with_its_own_exception()
    {
        var seeds = Directory.GetFiles(Path.Combine(Conformance.Folder, "icp-certificates"), "*.bin").Select(File.ReadAllBytes).ToArray();
        var canister = Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai");
        var random = new Random(20261125);
        var parsed = 0;
        var verifier = new CertificateVerifier(new CertificateVerifierOptions { MaxAge = null });
        for (var i = 0; i < Cases; i++)
        {
            var input = (byte[])seeds[random.Next(seeds.Length)].Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                input[random.Next(input.Length)] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(input[random.Next(input.Length)] ^ (1 << random.Next(8)));
            }

            if (random.Next(8) == 0)
            {
                input = input[..random.Next(input.Length)];
            }

            try
            {
                var certificate = Certificate.Parse(input);
                certificate.Tree.Digest();
                _ = certificate.Time;
                CanisterAuthorization.Check(certificate, canister);
                parsed++;

                // Full verification (BLS included) costs milliseconds: every 50th parsed input.
                if (parsed % 50 == 0)
                {
                    verifier.VerifyForCanister(certificate, canister);
                }
            }
            catch (CertificateException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {Convert.ToHexString(input)} threw {ex}");
            }
        }

        Assert.True(parsed > 0 && parsed < Cases, $"{parsed} of {Cases} parsed: the mutations are not exercising both outcomes");
    }
}
