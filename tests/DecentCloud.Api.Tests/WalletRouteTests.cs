using System.Net;
using DecentCloud.Application.Books;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary><c>GET /api/v1/wallet</c>: device-signed, the signer's own balance and movements only.</summary>
public sealed class WalletRouteTests : ApiRouteTest
{
    [Fact]
    public async Task The_wallet_needs_a_device_signature_of_a_registered_account()
    {
        using var unsigned = new HttpRequestMessage(HttpMethod.Get, "/api/v1/wallet");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await SendAsync(Client, new TestUser().Signed(HttpMethod.Get, "/api/v1/wallet"))).Status);
    }

    [Fact]
    public async Task The_signer_sees_its_balance_and_movements_and_a_bad_limit_is_a_400()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var (status, empty) = await SendAsync(Client, user.Signed(HttpMethod.Get, "/api/v1/wallet"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, empty.GetProperty("balanceNanoUsd").GetInt64());
        Assert.Equal(0, empty.GetProperty("entries").GetArrayLength());
        var account = empty.GetProperty("accountId").GetGuid();

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:cs_wallet_route", DateTimeOffset.UtcNow, "Stripe Checkout cs_wallet_route",
                LedgerAccount.Stripe, LedgerAccount.Wallet(account), UsdAmount.Parse("25.5").Value).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
        }

        var (_, wallet) = await SendAsync(Client, user.Signed(HttpMethod.Get, "/api/v1/wallet?limit=5"));
        Assert.Equal(25_500_000_000, wallet.GetProperty("balanceNanoUsd").GetInt64());
        Assert.Equal("25.5", wallet.GetProperty("balanceUsd").GetString());
        var entry = Assert.Single(wallet.GetProperty("entries").EnumerateArray());
        Assert.Equal(("topup", "25.5", "Stripe Checkout cs_wallet_route"),
            (entry.GetProperty("kind").GetString(), entry.GetProperty("amountUsd").GetString(), entry.GetProperty("memo").GetString()));

        await using (var services = Factory.ClientServices(device: user.Device))
        {
            var typed = await services.GetRequiredService<DecentCloud.Api.Client.IAccountApi>().GetWalletAsync(limit: 5, Ct);
            Assert.Equal((account, 25_500_000_000, "25.5"), (typed.AccountId, typed.BalanceNanoUsd, typed.BalanceUsd));
            Assert.Equal(("topup", "Stripe Checkout cs_wallet_route"), (Assert.Single(typed.Entries).Kind, typed.Entries[0].Memo));
        }

        var (bad, problem) = await SendAsync(Client, user.Signed(HttpMethod.Get, "/api/v1/wallet?limit=abc"));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("invalid_limit", problem.GetProperty("code").GetString());
    }
}
