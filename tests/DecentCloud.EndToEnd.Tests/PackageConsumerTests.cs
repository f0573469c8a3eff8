namespace DecentCloud.EndToEnd.Tests;

/// <summary>The packages as a third party gets them: packed, restored from a folder into a fresh project, used.</summary>
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly string[] Libraries =
    [
        "src/Domain/DecentCloud.Domain",
        "src/Application/DecentCloud.Application",
        "src/Application/DecentCloud.Application.ProviderAgent",
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
        "src/Adapters/DecentCloud.Api.Client",
    ];

    // An OpenSSH key made for this test, with the fingerprint `ssh-keygen -l -E md5` prints for it.
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPEAuHYM03v2cdqdhUwzEvaPSL+8TUH6pUPl9Pl+Jn4i consumer";
    private const string SshKeyMd5 = "89:da:68:6e:7b:1b:e1:15:b3:7c:45:e7:b1:a0:c7:47";

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

            // The API analyzer is a build-time tool of this repository, never a dependency of a consumer.
            Assert.DoesNotContain("PublicApiAnalyzers", nuspec, StringComparison.Ordinal);
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
                <PackageReference Include="DecentCloud.Application.ProviderAgent" Version="{version}" />
                <PackageReference Include="DecentCloud.Api.Client" Version="{version}" />
                <PackageReference Include="DecentCloud.Icp.Candid" Version="{version}" />
                <PackageReference Include="DecentCloud.Icp.Agent" Version="{version}" />
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), $$""""
            using System.Net;
            using DecentCloud.Adapters.Crypto;
            using DecentCloud.Api.Client;
            using DecentCloud.Application.ProviderAgent.Provisioning;
            using DecentCloud.Domain.Gateways;
            using DecentCloud.Icp.Agent;
            using DecentCloud.Icp.Agent.Icrc1;
            using DecentCloud.Icp.Candid;
            using DecentCloud.Icp.Candid.Mapping;

            var dcId = DcId.Create("dc-lk");
            var seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
            Console.WriteLine($"{dcId.Value} {DcId.Create("-bad").IsFailed} {Convert.ToHexStringLower(Ed25519ph.PublicKeyFromSeed(seed))}");

            // Provider agent: the fingerprint cloud APIs name an SSH key by.
            Console.WriteLine(OpenSshKey.Md5Fingerprint("{{SshKey}}"));

            // API client: the Refit client from the package, over a handler that answers like the API.
            using var http = new HttpClient(new Healthy()) { BaseAddress = new Uri("http://api.invalid") };
            var health = await DecentCloudApiClient.For<IPublicApi>(http).GetHealthAsync();
            Console.WriteLine(health.Status);

            // Candid: an ICRC-1 transfer reply (Err InsufficientFunds 42) as bytes on the wire, decoded back.
            var reply = CandidSerializer.Encode<TransferResult>(new TransferResult.Err(new TransferError.InsufficientFunds(42)));
            var decoded = CandidSerializer.Decode<TransferResult>(reply);
            Console.WriteLine($"{Convert.ToHexStringLower(reply.AsSpan(0, 4))} {decoded is TransferResult.Err { Value: TransferError.InsufficientFunds { Balance: var balance } } && balance == 42}");

            // Certificate: a real mainnet certificate against the built-in root key (freshness off: it is years old).
            var certificate = Certificate.Parse(File.ReadAllBytes(args[0]));
            var verifier = new CertificateVerifier(new CertificateVerifierOptions { MaxAge = null });
            Console.WriteLine($"{verifier.VerifyForCanister(certificate, Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai")).Outcome} {verifier.VerifyForCanister(certificate, Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai")).Outcome}");

            sealed class Healthy : HttpMessageHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                    Task.FromResult(request.RequestUri!.AbsolutePath == "/health"
                        ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"status":"ok"}""", System.Text.Encoding.UTF8, "application/json") }
                        : new HttpResponseMessage(HttpStatusCode.NotFound));
            }
            """", TestContext.Current.CancellationToken);

        var certificateFile = Path.Combine(SharedConformance.Folder, "icp-certificates", "ivg37_time.bin");
        var run = await Programs.RunAsync(dotnet, ["run", "--project", consumer, "--", certificateFile], cwd: consumer, timeout: TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "dc-lk True 03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8",
                SshKeyMd5,
                "ok",
                "4449444c True",
                "Valid NotAuthorized",
            ],
            run.Stdout.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }
}
