using System.Text;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Api.Client.Tests;

/// <summary>
/// The published test vector of the canonical signed message (README, "Signed requests"), and the agreement of the
/// client's and the server's canonical forms, so a wallet written from the README signs what the API verifies.
/// </summary>
public sealed class SignatureVectorTests
{
    /// <summary>The exact message of the vector: POST https://api.decent-cloud.org/api/v1/agents/gateway/register, body {"dcId":"dc-a"}.</summary>
    public const string Message =
        "decent-cloud/signed-request/v2\nPOST\napi.decent-cloud.org\n/api/v1/agents/gateway/register\n\n1795608000000000000\n"
        + "6f1c1f5e-4e8a-4b2a-9a43-3c2b9a5d7e10\n81478b7ff5c14482b0f2f9664676cfd5b0cc2734597281ffc04fcb65c8b6354f";

    /// <summary>
    /// Its signature by the key of seed 00 01 … 1f, computed independently with @noble/curves 2.4.0:
    /// <c>ed25519ph.sign(message, seed, { context: "decent-cloud" })</c>.
    /// </summary>
    public const string Signature =
        "8a92aa10ff36ac8c883b41cce609241db29e1fddc60a81fa5b471251fce91bfd6713a78528c635f9d6396c6eeb5bf909ea2f0e90f81ea09a2202c6db9b01ec09";

    private const string PublicKey = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
    private static readonly byte[] Seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"dcId\":\"dc-a\"}");

    [Fact]
    public void Client_and_server_build_the_vector_s_exact_bytes_and_its_signature()
    {
        var client = RequestSignature.MessageV2(
            "POST", "api.decent-cloud.org", "/api/v1/agents/gateway/register", "", "1795608000000000000", "6f1c1f5e-4e8a-4b2a-9a43-3c2b9a5d7e10", Body);
        var server = SignedRequest.V2(
            "1795608000000000000", "6f1c1f5e-4e8a-4b2a-9a43-3c2b9a5d7e10", "POST", "api.decent-cloud.org", "/api/v1/agents/gateway/register", "", Body).SigningMessage();

        Assert.Equal(Message, Encoding.UTF8.GetString(client));
        Assert.Equal(client, server);
        Assert.Equal(PublicKey, Convert.ToHexStringLower(Ed25519ph.PublicKeyFromSeed(Seed)));
        Assert.Equal(Signature, Convert.ToHexStringLower(Ed25519ph.Sign(Seed, client)));
    }

    [Fact]
    public void The_readme_publishes_the_vector()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        Assert.Contains("```text\n" + Message + "\n```", readme, StringComparison.Ordinal);
        Assert.Contains(Signature, readme, StringComparison.Ordinal);
        Assert.Contains(PublicKey, readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/%7e%41%2f", "/~A%2F")]
    [InlineData("/caf\u00e9 x", "/caf%C3%A9%20x")]
    [InlineData("/100%", "/100%25")]
    [InlineData("/%zz", "/%25zz")]
    [InlineData("/a\nb", "/a%0Ab")]
    public void Paths_are_normalised_per_RFC_3986(string path, string canonical)
    {
        var lines = Encoding.UTF8.GetString(RequestSignature.MessageV2("GET", "h", path, "q=%2a&r=%3D+s", "1", "n", [])).Split('\n');
        Assert.Equal(8, lines.Length);
        Assert.Equal(canonical, lines[3]);
        Assert.Equal("q=%2A&r=%3D+s", lines[4]);
    }

    [Fact]
    public void Client_and_server_normalise_any_text_the_same_way()
    {
        // Both sides carry their own copy of the rules (the client package references no DecentCloud package).
        var random = new Random(20261130);
        const string alphabet = "aZ09-._~%/?#[]@!$&'()*+,;=:2fFA7e \n\u00e9\u20ac\ud83d\ude00";
        for (var i = 0; i < 5000; i++)
        {
            var path = "/" + new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var query = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var client = RequestSignature.MessageV2("POST", "H", path, query, "1", "n", [1, 2]);
            var server = SignedRequest.V2("1", "n", "POST", "H", path, query, new byte[] { 1, 2 }).SigningMessage();
            Assert.Equal(client, server);
            Assert.Equal(8, Encoding.UTF8.GetString(client).Split('\n').Length);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DecentCloud.sln not found");
    }
}
