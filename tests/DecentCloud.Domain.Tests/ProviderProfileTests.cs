using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;

namespace DecentCloud.Domain.Tests;

/// <summary>A provider profile: every bad field reported at once, the contact rule, the payout address shape.</summary>
public class ProviderProfileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ProviderProfileFields Good = new("Acme Hosting", "Fast machines.", "DE", "ops@acme.example", null, null, false, null, null);

    [Fact]
    public void A_good_profile_is_created_and_its_provider_id_is_the_account_id()
    {
        var account = Guid.NewGuid();
        var profile = ProviderProfile.Create(account, Good with { Telegram = "@acme_ops", PayoutAccount = "2vxsx-fae", PayoutToken = "ckUSDT" }, T0).Value;
        Assert.Equal(account.ToString("D"), profile.ProviderId.Value);
        Assert.Equal(("acme_ops", "2vxsx-fae", "ckUSDT"), (profile.ContactTelegram, profile.PayoutAccount, profile.PayoutToken));
    }

    [Fact]
    public void Every_bad_field_is_reported_and_nothing_is_applied()
    {
        var bad = new ProviderProfileFields(new string('n', 65), new string('d', 2001), "de", "not-an-email", "http://acme.example", "ab", true, "XYZ", "BTC");
        var codes = ProviderProfile.Create(Guid.Empty, bad, T0).Errors.Select(e => ((DomainError)e).Code).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["invalid_account", "invalid_country", "invalid_description", "invalid_email", "invalid_name", "invalid_payout_address", "invalid_payout_token", "invalid_telegram", "invalid_website"],
            codes);

        var profile = ProviderProfile.Create(Guid.NewGuid(), Good, T0).Value;
        Assert.True(profile.Update(Good with { Name = "", Country = "FR" }, T0.AddHours(1)).IsFailed);
        Assert.Equal(("Acme Hosting", "DE", T0), (profile.Name, profile.Country, profile.UpdatedAt));
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData(" ", "", "  ", false)]
    [InlineData("ops@acme.example", null, null, true)]
    [InlineData(null, "https://acme.example/contact", null, true)]
    [InlineData(null, null, "acme_ops", true)]
    public void At_least_one_public_contact_is_required(string? email, string? website, string? telegram, bool ok) =>
        Assert.Equal(ok, ProviderProfile.Create(Guid.NewGuid(), Good with { Email = email, Website = website, Telegram = telegram }, T0).IsSuccess);

    [Theory]
    [InlineData("aaaaa-aa", true)]                                                         // management canister
    [InlineData("2vxsx-fae", true)]                                                        // anonymous
    [InlineData("ryjl3-tyaaa-aaaaa-aaaba-cai", true)]                                      // a canister
    [InlineData("k2t6j-2nvnp-4zjm3-25dtz-6xhaa-c7boj-5gayf-oj3xs-i43lp-teztq-6ae", true) ] // a self-authenticating principal
    [InlineData("k2t6j-2nvnp-4zjm3-25dtz-6xhaa-c7boj-5gayf-oj3xs-i43lp-teztq-6ae-dfxgiyy.102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", true)]
    [InlineData("2vxsx-fae-6cc627i.1", true)]
    [InlineData("", false)]
    [InlineData("2VXSX-FAE", false)]                                                       // upper case
    [InlineData("2vxsx-fae-", false)]
    [InlineData("2vxsxfae", false)]                                                        // not grouped by five
    [InlineData("2vxsx-fae-6cc627i.01", false)]                                            // leading zero in the subaccount
    [InlineData("2vxsx-fae-6cc627i.", false)]
    [InlineData("2vxsx-fae-6cc62.1", false)]                                               // checksum not 7 characters
    [InlineData("2vxsx-fae.1", false)]
    [InlineData("2vxsx-fae-6cc627i.1g", false)]                                            // not hex
    public void Payout_accounts_must_have_the_icrc1_text_shape(string text, bool ok) =>
        Assert.Equal(ok, PayoutAddress.IsAccountText(text));

    [Fact]
    public void A_payout_account_and_its_token_come_together()
    {
        Assert.Equal("invalid_payout_token", ProviderProfile.Create(Guid.NewGuid(), Good with { PayoutAccount = "2vxsx-fae" }, T0).FirstDomainError().Code);
        Assert.Equal("invalid_payout_address", ProviderProfile.Create(Guid.NewGuid(), Good with { PayoutToken = "ICP" }, T0).FirstDomainError().Code);
        foreach (var token in new[] { "DC", "ICP", "ckUSDC", "ckUSDT" })
        {
            Assert.True(ProviderProfile.Create(Guid.NewGuid(), Good with { PayoutAccount = "2vxsx-fae", PayoutToken = token }, T0).IsSuccess, token);
        }
    }
}
