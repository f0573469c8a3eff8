using System.Diagnostics;
using System.Security.Cryptography;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Money.Bench;

/// <summary>
/// Phase (d): one escrow release run over 10,000 running contracts. This branch has no release job yet (it is built in
/// parallel), so the phase sets up the contracts and reports that the run itself was not timed; the figure is never
/// made up. When the release use case lands, <see cref="TimeReleaseRunAsync"/> sends it once (as the
/// <c>escrow-releases</c> job would, with the default daily interval), times that one call, and then checks that every
/// contract released exactly its pro-rata share of the two days since provisioning (floor), that escrow + released
/// equals the paid price for each, and that the books balance.
/// </summary>
internal static class ReleaseRunPhase
{
    /// <summary>How long before the run the contracts were provisioned: two full days, so a daily run releases two days.</summary>
    public static readonly TimeSpan RunningFor = TimeSpan.FromDays(2);

    private const int Batch = 500;

    /// <summary>
    /// <paramref name="count"/> rentals of <paramref name="offeringId"/> by <paramref name="renter"/>, each paid from the
    /// wallet into its escrow and provisioned <see cref="RunningFor"/> ago for 30 days, written straight through the
    /// stores and the books (as bench/DecentCloud.Dns.Bench seeds gateways), 500 per transaction. Untimed setup.
    /// </summary>
    public static async Task<TimeSpan> SetUpAsync(Platform platform, Guid renter, Guid offeringId, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var provisionedAt = DateTimeOffset.UtcNow - RunningFor;
        Offering offering;
        await using (var scope = platform.Scope())
        {
            offering = (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(offeringId, cancellationToken))!;
        }

        const long duration = 30L * 86400;
        var price = RentalPrice.For(offering.MonthlyPrice, duration).Value;
        var agent = AgentPublicKey.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        var instance = ContractInstance.Parse("""{"ipv4":"192.0.2.10"}""").Value.Canonical;
        await using (var scope = platform.Scope())
        {
            var funding = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, $"bench:release-funding:{renter}", provisionedAt, "release benchmark funding",
                LedgerAccount.Stripe, LedgerAccount.Wallet(renter), UsdAmount.FromNanoUsd(checked(price.NanoUsd * count)).Value).Value;
            Require(await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(funding, cancellationToken), "funding");
        }

        for (var done = 0; done < count; done += Batch)
        {
            await using var scope = platform.Scope();
            var services = scope.ServiceProvider;
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.InTransactionAsync(async () =>
            {
                for (var i = done; i < Math.Min(count, done + Batch); i++)
                {
                    var id = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
                    var terms = ContractTerms.Create(renter, offering.ProviderId.Value, offering.PoolName, offering.Id.ToString("D"), offering.Cores,
                        offering.MemoryMb, offering.StorageGb, BenchRun.SshKey, null, null, duration, TokenAmount.Zero(Token.Icp)).Value;
                    // The same key RentOffering books the payment under, so a replay of this setup could never pay twice.
                    var debit = LedgerTransaction.Transfer(LedgerTransactionKind.RentalDebit, "rental:" + id.Hex, provisionedAt, $"rental of offering {offering.Id}",
                        LedgerAccount.Wallet(renter), LedgerAccount.Escrow(id), price).Value;
                    Require(await services.GetRequiredService<ILedger>().PostAsync(debit, cancellationToken), "rental debit");
                    if (!await services.GetRequiredService<IOfferingStore>().TryReserveAsync(offering.Id, cancellationToken))
                    {
                        throw new BenchInvariantException("phase (d) setup: the offering ran out of stock");
                    }

                    var contract = Contract.Rent(id, terms, offering.Id, price, provisionedAt);
                    contract.MarkPaid(provisionedAt);
                    Require(contract.MoveTo(ContractState.Accepted, "bench", "auto-accept", provisionedAt), "accept");
                    Require(contract.AcquireLease(agent, provisionedAt, TimeSpan.FromMinutes(5)).ToResult(), "lease");
                    Require(contract.CompleteProvisioning(agent, "vm-" + id.Hex[..12], instance, "ubuntu", provisionedAt), "provisioning");
                    services.GetRequiredService<IContractStore>().Add(contract);
                }

                await unitOfWork.SaveChangesAsync(cancellationToken);
                return true;
            }, cancellationToken);
            Console.Error.WriteLine($"    {Math.Min(count, done + Batch):N0}/{count:N0} running contracts set up after {clock.Elapsed.TotalSeconds:F0} s");
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// The timed release run. Returns <c>null</c> on this branch: there is no release use case to send yet, and a
    /// figure for a run that did not happen would be made up. The integrator replaces the body with the one send of
    /// the release use case, timed, and the checks described on <see cref="ReleaseRunPhase"/>.
    /// </summary>
    public static Task<Measurement?> TimeReleaseRunAsync(Platform platform, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _ = count;
        _ = cancellationToken;
        return Task.FromResult<Measurement?>(null);
    }

    private static void Require(FluentResults.IResultBase result, string step)
    {
        if (result.IsFailed)
        {
            throw new BenchInvariantException($"phase (d) setup, {step}: {result.Errors[0].Message}");
        }
    }
}
