using System.Diagnostics;
using System.Reflection;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>dc-payout as a process: the wallet key and the admin key never appear in its output, whatever goes wrong.</summary>
public sealed class SecretsTests
{
    private const string AdminSeedHex = "5ec12e7a5ec12e7a5ec12e7a5ec12e7a5ec12e7a5ec12e7a5ec12e7a5ec12e7a";

    private static readonly byte[] WalletSeed = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "broken wallet PEM", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIKChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/\n-----END PRIVATE KEY-----\n", ["run", "--token", "ICP"] },
        { "truncated wallet PEM", LedgerFixture.Pem(WalletSeed)[..70], ["run", "--token", "ICP"] },
        { "good keys, nothing reachable", LedgerFixture.Pem(WalletSeed), ["run", "--token", "ICP"] },
        { "good keys, API unreachable", LedgerFixture.Pem(WalletSeed), ["list"] },
        { "dry run, IC unreachable", LedgerFixture.Pem(WalletSeed), ["run", "--token", "ICP", "--dry-run"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Neither_key_appears_in_stdout_or_stderr(string situation, string walletPem, string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(new Dictionary<string, string>
        {
            ["DC_PAYOUT_API_URL"] = "http://127.0.0.1:9/",
            ["DC_PAYOUT_IC_URL"] = "http://127.0.0.1:9/",
            ["DC_PAYOUT_ADMIN_KEY"] = AdminSeedHex,
            ["DC_PAYOUT_WALLET_PEM"] = walletPem,
        }, args);

        Assert.True(code is 1 or 2, $"{situation}: exit {code}");
        Assert.StartsWith("error: ", stderr);
        var output = stdout + stderr;
        foreach (var secret in Secrets(walletPem))
        {
            Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_broken_wallet_PEM_exits_2_naming_the_setting_only()
    {
        var (code, _, stderr) = await RunAsync(new Dictionary<string, string>
        {
            ["DC_PAYOUT_API_URL"] = "http://127.0.0.1:9/",
            ["DC_PAYOUT_ADMIN_KEY"] = AdminSeedHex,
            ["DC_PAYOUT_WALLET_PEM"] = "-----BEGIN EC PRIVATE KEY-----\nnot base64 at all: " + AdminSeedHex + "\n-----END EC PRIVATE KEY-----\n",
        }, ["run", "--token", "ICP"]);

        Assert.Equal(2, code);
        Assert.Equal("error: DC_PAYOUT_WALLET_PEM (Payout:WalletPem) is not an Ed25519 (PKCS#8) or secp256k1 private key PEM.\n", stderr);
    }

    [Fact]
    public async Task A_broken_admin_key_file_exits_2_without_its_text()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, AdminSeedHex[..40], TestContext.Current.CancellationToken);
            var (code, stdout, stderr) = await RunAsync(new Dictionary<string, string> { ["DC_PAYOUT_API_URL"] = "http://127.0.0.1:9/" }, ["list", "--admin-key-file", file]);

            Assert.Equal(2, code);
            Assert.Contains("DC_PAYOUT_ADMIN_KEY_FILE (Payout:AdminKeyFile) must hold the admin key's 32-byte Ed25519 seed", stderr);
            Assert.DoesNotContain(AdminSeedHex[..40], stdout + stderr, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The admin seed, the wallet seed in hex and base64, and every line of the PEM's body.
    private static IEnumerable<string> Secrets(string walletPem) =>
        new[] { AdminSeedHex, Convert.ToHexString(WalletSeed), Convert.ToBase64String(WalletSeed)[..20] }
            .Concat(walletPem.Split('\n').Where(l => l.Length > 8 && !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Length > 24 ? l[..24] : l));

    // dc-payout from its own build output (this project's output runs on the ASP.NET Core framework, the CLI's does not).
    private static string Program { get; } = FindProgram();

    private static string FindProgram()
    {
        var configuration = typeof(SecretsTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                var path = Path.Combine(dir.FullName, "src", "Hosts", "DecentCloud.PayoutCli", "bin", configuration, "net10.0", "dc-payout");
                return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is not built");
            }
        }

        throw new InvalidOperationException("the repository root (DecentCloud.sln) is not above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> variables, string[] args)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DC_PAYOUT_", StringComparison.Ordinal) || k.StartsWith("Payout__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in variables)
        {
            start.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dc-payout did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
