using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Api.Client;

namespace DecentCloud.Money.Bench;

/// <summary>An account of the benchmark: its own device key, whose requests the client package signs, registered through the API.</summary>
internal sealed class BenchAccount
{
    private readonly byte[] _accountSeed = RandomNumberGenerator.GetBytes(32);

    private BenchAccount(IAccountApi api) => Api = api;

    public IAccountApi Api { get; }

    public Guid Id { get; private set; }

    /// <summary>A new key over <paramref name="transport"/> (shared by every account, so connections are pooled once).</summary>
    public static BenchAccount Create(HttpMessageHandler transport, Uri api)
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        var signer = new RequestSigner(Ed25519ph.PublicKeyFromSeed(seed), m => Ed25519ph.Sign(seed, m.Span));
        var http = new HttpClient(new SigningHandler(signer, SignerRole.Device) { InnerHandler = transport }, disposeHandler: false) { BaseAddress = api };
        return new BenchAccount(DecentCloudApiClient.For<IAccountApi>(http));
    }

    /// <summary>Registers the account (<c>POST /api/v1/accounts</c>, signed by its first device).</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var credentialKey = Convert.ToHexStringLower(X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(_accountSeed)));
        Id = (await Api.RegisterAccountAsync(new AccountRegistration(credentialKey, "bench"), cancellationToken)).AccountId;
    }
}
