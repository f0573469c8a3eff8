// Fills an empty database with the previous release's own stores and domain, so the upgrade tests start
// from exactly what that release wrote. Usage: UpgradeFixtureGenerator sqlite FILE | postgres CONNECTION
// Everything is deterministic (fixed ids, keys and times): running it twice gives the same rows.
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 2 || args[0] is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine("usage: UpgradeFixtureGenerator sqlite FILE | postgres CONNECTION");
    return 2;
}

var options = args[0] == "sqlite"
    ? new PersistenceOptions { SqlitePath = args[1] }
    : new PersistenceOptions { PostgresConnectionString = args[1] };
var services = new ServiceCollection();
services.AddLogging();
services.AddDecentCloudPersistence(options);
await using var provider = services.BuildServiceProvider();
await provider.InitializeDecentCloudDatabaseAsync();

var t0 = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
var providerA = ProviderId.Create("prov-a").Value;
var providerB = ProviderId.Create("prov-b").Value;
var agentA = AgentPublicKey.FromHex(new string('a', 64)).Value;
var agentB = AgentPublicKey.FromHex(new string('b', 64)).Value;
var agentC = AgentPublicKey.FromHex(new string('c', 64)).Value;
var poolA = AgentPool.Create(Guid.Parse("10000000-0000-0000-0000-00000000000a"), "pool-a", providerA, t0).Value;
var poolB = AgentPool.Create(Guid.Parse("10000000-0000-0000-0000-00000000000b"), "pool-b", providerB, t0).Value;
var accountId = Guid.Parse("20000000-0000-0000-0000-000000000001");
var secondAccountId = Guid.Parse("20000000-0000-0000-0000-000000000002");

await using (var scope = provider.CreateAsyncScope())
{
    var sp = scope.ServiceProvider;
    sp.GetRequiredService<IAgentPoolStore>().Add(poolA);
    sp.GetRequiredService<IAgentPoolStore>().Add(poolB);

    var tokens = sp.GetRequiredService<ISetupTokenStore>();
    var used = SetupToken.Issue(Guid.Parse("30000000-0000-0000-0000-000000000001"), [1, 1, 1, 1], poolA.Id, AgentPermissions.All, t0, TimeSpan.FromDays(1));
    Ok(used.Consume(agentA, t0.AddMinutes(5)));
    tokens.Add(used);
    tokens.Add(SetupToken.Issue(Guid.Parse("30000000-0000-0000-0000-000000000002"), [2, 2, 2, 2], poolB.Id, AgentPermissions.DnsManage | AgentPermissions.Heartbeat, t0, TimeSpan.FromHours(6)));

    var delegations = sp.GetRequiredService<IAgentDelegationStore>();
    var labelled = AgentDelegation.Grant(agentA, providerA, poolA.Id, AgentPermissions.All, t0.AddMinutes(5));
    labelled.Relabel("rack 7");
    delegations.Add(labelled);
    delegations.Add(AgentDelegation.Grant(agentB, providerB, poolB.Id, AgentPermissions.DnsManage | AgentPermissions.Heartbeat, t0.AddMinutes(6), t0.AddDays(30)));
    var revoked = AgentDelegation.Grant(agentC, providerA, poolA.Id, AgentPermissions.Provision, t0.AddMinutes(7));
    revoked.Revoke(t0.AddHours(1));
    delegations.Add(revoked);

    var acme = sp.GetRequiredService<IAcmeDnsAccountStore>();
    var dcLk = DcId.Create("dc-lk").Value;
    var dcOld = DcId.Create("dc-old").Value;
    acme.Add(AcmeDnsAccount.Open(dcLk, providerA, Guid.Parse("40000000-0000-0000-0000-000000000001"), [0xde, 0xad, 0xbe, 0xef], t0.AddMinutes(10)));
    var gone = AcmeDnsAccount.Open(dcOld, providerB, Guid.Parse("40000000-0000-0000-0000-000000000002"), [0xca, 0xfe], t0.AddMinutes(11));
    gone.Revoke(t0.AddHours(2));
    acme.Add(gone);

    var txt = sp.GetRequiredService<IAcmeTxtRecordStore>();
    var two = AcmeTxtRecord.Empty(dcLk);
    two.Apply(AcmeChallengeValue.Create(new string('x', 43)).Value, t0.AddMinutes(20));
    two.Apply(AcmeChallengeValue.Create(new string('y', 43)).Value, t0.AddMinutes(21));
    txt.Add(two);
    var one = AcmeTxtRecord.Empty(dcOld);
    one.Apply(AcmeChallengeValue.Create(new string('z', 43)).Value, t0.AddMinutes(22));
    txt.Add(one);

    var vms = sp.GetRequiredService<IVmAddressRecordStore>();
    vms.Add(VmAddressRecord.Create(dcLk, VmSlug.Create("abc123").Value, VmAddressRecord.ParseIpv4("203.0.113.10").Value, providerA, t0.AddMinutes(30)));
    var moved = VmAddressRecord.Create(dcLk, VmSlug.Create("def456").Value, VmAddressRecord.ParseIpv4("203.0.113.11").Value, providerA, t0.AddMinutes(31));
    moved.MoveTo(VmAddressRecord.ParseIpv4("198.51.100.7").Value, t0.AddMinutes(40));
    vms.Add(moved);

    var accounts = sp.GetRequiredService<IAccountStore>();
    var account = Account.Register(accountId, new string('1', 64), new string('2', 64), "laptop", t0.AddMinutes(1)).Value;
    Ok(account.AddDevice(new string('3', 64), "phone", t0.AddMinutes(2)));
    Ok(account.AddDevice(new string('4', 64), null, t0.AddMinutes(3)));
    Ok(account.RevokeDevice(new string('4', 64), t0.AddMinutes(4)));
    accounts.Add(account);
    accounts.Add(Account.Register(secondAccountId, new string('5', 64), new string('6', 64), null, t0.AddMinutes(2)).Value);

    var heartbeats = sp.GetRequiredService<IAgentHeartbeatStore>();
    var beat = new AgentHeartbeat(agentA, providerA, t0.AddMinutes(50));
    beat.Beat(t0.AddMinutes(51), "0.1.0", ["hetzner", "docker"], 3, """{"cpu":8}""", """{"rxBytes":1024}""");
    heartbeats.Add(beat);
    heartbeats.Add(new AgentHeartbeat(agentB, providerB, t0.AddMinutes(52)));

    await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(default);
}

// One contract in every state, each reached through the state machine so its history is real.
var contracts = new List<Contract>();
var credentials = new List<ContractCredential>();
var reports = new List<HealthReport>();
var index = 0;
foreach (var state in Enum.GetValues<ContractState>())
{
    index++;
    var at = t0.AddHours(index);
    var id = ContractId.FromHex($"{index:x2}" + new string('0', 62)).Value;
    var price = index % 4 == 0 ? 0 : 123_456_789L * index;
    var terms = ContractTerms.Create(index % 2 == 0 ? secondAccountId : accountId, "prov-a", "pool-a", $"offer-{index}", index, 1024 * index, 10 * index,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@fixture",
        index % 3 == 0 ? """{"image":"debian-12"}""" : null, index % 5 == 0 ? "#!/bin/sh\necho hi\n" : null, 3600L * index, price).Value;
    var contract = Contract.Request(id, terms, at);
    Drive(contract, state, at, agentA, credentials, reports);
    contracts.Add(contract);
}

await using (var scope = provider.CreateAsyncScope())
{
    var sp = scope.ServiceProvider;
    foreach (var contract in contracts)
    {
        sp.GetRequiredService<IContractStore>().Add(contract);
    }

    foreach (var credential in credentials)
    {
        sp.GetRequiredService<ICredentialStore>().Add(credential);
    }

    foreach (var report in reports)
    {
        sp.GetRequiredService<IHealthReportStore>().Add(report);
    }

    await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(default);
    var nonces = sp.GetRequiredService<INonceStore>();
    await nonces.TryRememberAsync(agentA, "0f8fad5b-d9cb-469f-a165-70867728950e", t0.AddDays(400), default);
    await nonces.TryRememberAsync(agentB, "7c9e6679-7425-40de-944b-e07fc1f90ae7", t0.AddDays(400), default);
    var audit = sp.GetRequiredService<IAuditLog>();
    await audit.RecordAsync(new AuditEntry(t0.AddMinutes(5), "agent.setup", "ok", "setup-token", "pool-a", "192.0.2.1"), default);
    await audit.RecordAsync(new AuditEntry(t0.AddMinutes(10), "gateway.register", "ok", "prov-a", "dc-lk", null), default);
    await audit.RecordAsync(new AuditEntry(t0.AddMinutes(12), "acme-dns.update", "forbidden", "anonymous", "dc-lk", "198.51.100.9"), default);
    // Reading waits for the batched writer, so every entry is stored before the process ends.
    var stored = await audit.RecentAsync(10, default);
    Console.WriteLine($"{contracts.Count} contracts, {credentials.Count} credentials, {reports.Count} health reports, {stored.Count} audit entries");
}

return 0;

static void Drive(Contract contract, ContractState target, DateTimeOffset at, AgentPublicKey agent, List<ContractCredential> credentials, List<HealthReport> reports)
{
    var step = 0;
    DateTimeOffset Next() => at.AddMinutes(++step);
    void Move(ContractState to, string actor, string reason) => Ok(contract.MoveTo(to, actor, reason, Next()));
    void Provision()
    {
        Move(ContractState.Accepted, "provider:prov-a", "accepted");
        contract.MarkPaid(Next());
        Ok(contract.AcquireLease(agent, Next(), TimeSpan.FromMinutes(5)).ToResult());
        Ok(contract.BeginProvisioning(agent, Next()));
    }

    void Provisioned()
    {
        Provision();
        Ok(contract.CompleteProvisioning(agent, $"vm-{contract.Id.Hex[..2]}", """{"ipv4":"203.0.113.20","sshPort":22}""", "root", Next()));
        var envelope = $$"""{"version":3,"contract_id":"{{contract.Id.Hex}}","nonce":"AAAA","ciphertext":"c2VjcmV0","recipients":[{"kind":"account","key":"{{new string('1', 64)}}"}]}""";
        credentials.Add(ContractCredential.Accept(contract.Id, envelope, "root", Next(), TimeSpan.FromDays(365)).Value);
    }

    void Active()
    {
        Provisioned();
        var checkedAt = Next();
        reports.Add(HealthReport.Create(contract.Id, checkedAt, "healthy", 12, "tcp ok", checkedAt).Value);
        contract.ActivateOnHealthyReport(checkedAt);
        Ok(contract.RequestPasswordReset(Next()));
    }

    switch (target)
    {
        case ContractState.Requested:
            break;
        case ContractState.Pending:
            Move(ContractState.Pending, "system", "awaiting payment");
            break;
        case ContractState.Accepted:
            Move(ContractState.Accepted, "provider:prov-a", "accepted");
            contract.MarkPaid(Next());
            break;
        case ContractState.Provisioning:
            Provision();
            break;
        case ContractState.Provisioned:
            Provisioned();
            break;
        case ContractState.Active:
            Active();
            break;
        case ContractState.Paused:
            Active();
            Ok(contract.CompletePasswordReset(false, "ssh refused"));
            Move(ContractState.Paused, "provider:prov-a", "maintenance");
            break;
        case ContractState.Rejected:
            Move(ContractState.Rejected, "provider:prov-a", "no capacity");
            break;
        case ContractState.Cancelled:
            Move(ContractState.Accepted, "provider:prov-a", "accepted");
            Move(ContractState.Cancelled, "user", "changed my mind");
            break;
        case ContractState.Expired:
            Ok(contract.ApplyTimeouts(at.AddDays(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1)) ? Result.Ok() : Result.Fail("did not expire"));
            break;
        case ContractState.Completed:
            Active();
            Ok(contract.CompletePasswordReset(true, null));
            Move(ContractState.Completed, "system", "ended");
            contract.MarkTerminated(Next());
            break;
        case ContractState.ProvisioningFailed:
            Provision();
            var unhealthy = Next();
            reports.Add(HealthReport.Create(contract.Id, unhealthy, "unhealthy", null, "no route", unhealthy).Value);
            Ok(contract.FailProvisioning(agent, "quota exceeded", Next()));
            break;
        default:
            throw new InvalidOperationException($"no path to {target}");
    }

    if (contract.State != target)
    {
        throw new InvalidOperationException($"wanted {target}, reached {contract.State}");
    }
}

static void Ok(Result result)
{
    if (result.IsFailed)
    {
        throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }
}
