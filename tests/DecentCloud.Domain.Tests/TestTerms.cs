using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Tests;

/// <summary>Valid contract terms for tests that are about something else.</summary>
internal static class TestTerms
{
    public static readonly Guid Account = Guid.Parse("0b6f8c64-5d1e-4a7e-9a39-0d7c1f2b3a45");

    public static ContractTerms Create(bool free = false, string provider = "prov-1", string pool = "pool-1", long durationSeconds = 3600) =>
        ContractTerms.Create(Account, provider, pool, "small", 2, 2048, 20, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test",
            null, null, durationSeconds, free ? TokenAmount.Zero(Token.Icp) : TokenAmount.FromBaseUnits(Token.Icp, 100_000_000).Value).Value;
}
