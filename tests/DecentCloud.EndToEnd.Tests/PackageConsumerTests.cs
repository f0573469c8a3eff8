namespace DecentCloud.EndToEnd.Tests;

/// <summary>The packages as a third party gets them: packed, restored from a folder into a fresh project, used.</summary>
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly string[] Libraries =
    [
        "src/Domain/DecentCloud.Domain",
        "src/Application/DecentCloud.Application",
        "src/Adapters/DecentCloud.Adapters.Persistence",
        "src/Adapters/DecentCloud.Adapters.Cloudflare",
        "src/Adapters/DecentCloud.Adapters.EmbeddedDns",
        "src/Adapters/DecentCloud.Adapters.Crypto",
        "src/Adapters/DecentCloud.Adapters.Hetzner",
        "src/Adapters/DecentCloud.Adapters.DigitalOcean",
        "src/Adapters/DecentCloud.Adapters.Vultr",
        "src/Adapters/DecentCloud.Adapters.Proxmox",
        "src/Adapters/DecentCloud.Adapters.Docker",
        "src/Adapters/DecentCloud.Adapters.Ssh",
        "src/Adapters/DecentCloud.Icp.Candid",
        "src/Adapters/DecentCloud.Icp.Agent",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("dc-pack-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Every_library_packs_with_metadata_and_a_fresh_consumer_restores_and_uses_them()
    {
        var dotnet = Programs.Tool("dotnet");
        var feed = Path.Combine(_dir, "feed");

        // A unique version, so no package cached by an earlier run can stand in for this build.
        var version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}";
        foreach (var library in Libraries)
        {
            var pack = await Programs.RunAsync(dotnet, ["pack", library, "-c", Programs.Configuration, "-o", feed, $"-p:Version={version}", "--nologo"], timeout: TimeSpan.FromMinutes(5));
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }

        foreach (var library in Libraries)
        {
            var id = Path.GetFileName(library);
            var package = Path.Combine(feed, $"{id}.{version}.nupkg");
            Assert.True(File.Exists(package), $"{package} missing");
            using var zip = System.IO.Compression.ZipFile.OpenRead(package);
            var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
            Assert.Contains("<license type=\"expression\">Apache-2.0</license>", nuspec);
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.Contains("<repository type=\"git\"", nuspec);
            Assert.Contains("<description>", nuspec);
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
        }

        var consumer = Path.Combine(_dir, "consumer");
        Directory.CreateDirectory(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="decentcloud-local" value="{feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="decentcloud-local"><package pattern="DecentCloud.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DecentCloud.Domain" Version="{version}" />
                <PackageReference Include="DecentCloud.Adapters.Crypto" Version="{version}" />
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using DecentCloud.Adapters.Crypto;
            using DecentCloud.Domain.Gateways;

            var dcId = DcId.Create("dc-lk");
            var seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
            Console.WriteLine($"{dcId.Value} {DcId.Create("-bad").IsFailed} {Convert.ToHexStringLower(Ed25519ph.PublicKeyFromSeed(seed))}");
            """, TestContext.Current.CancellationToken);

        var run = await Programs.RunAsync(dotnet, ["run", "--project", consumer], cwd: consumer, timeout: TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("dc-lk True 03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8", run.Stdout.Trim());
    }
}
