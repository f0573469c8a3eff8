using System.Numerics;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Mapping;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>The HTTP agent against <see cref="LocalReplica"/>: every path of call, query and read_state, and what it sends.</summary>
public sealed class HttpAgentTests : IAsyncLifetime
{
    private static readonly Principal LedgerId = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private readonly Ed25519Identity identity = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
    private InMemoryLedger ledger = null!;
    private LocalReplica replica = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        ledger = new InMemoryLedger(identity.Sender, DateTimeOffset.UtcNow);
        ledger.Mint(new Account(identity.Sender), 1_000_000);
        replica = await LocalReplica.StartAsync(ledger, LedgerId);
    }

    public async ValueTask DisposeAsync() => await replica.DisposeAsync();

    private HttpAgent Agent(Func<HttpAgentOptions, HttpAgentOptions>? configure = null)
    {
        var options = new HttpAgentOptions
        {
            Host = replica.Url,
            Identity = identity,
            RootKey = replica.RootKeyDer,
            InitialPollDelay = TimeSpan.FromMilliseconds(20),
            MaxPollDelay = TimeSpan.FromMilliseconds(50),
            RetryBackoff = TimeSpan.FromMilliseconds(10),
        };
        return new HttpAgent(configure?.Invoke(options) ?? options);
    }

    private static byte[] TransferArg(BigInteger amount) =>
        CandidSerializer.Encode(new TransferArg(null, new Account(Principal.FromText("aaaaa-aa"), new byte[32]), amount, null, null, null));

    [Fact]
    public async Task A_call_goes_to_v4_and_returns_the_certified_reply_of_a_signed_request()
    {
        using var agent = Agent();
        var reply = await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(100), Ct);
        Assert.Equal(new TransferResult.Ok(0), CandidSerializer.Decode<TransferResult>(reply));
        Assert.Equal([$"POST api/v4/canister/{LedgerId}/call"], replica.Requests);

        // What went over the wire: the content fields, a nonce, and an expiry rounded to the minute within 5 minutes.
        var content = Assert.Single(replica.Contents);
        Assert.Equal(["arg", "canister_id", "ingress_expiry", "method_name", "nonce", "request_type", "sender"], content.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("call", content.Text("request_type"));
        Assert.Equal(identity.Sender.Bytes.ToArray(), content.Bytes("sender"));
        Assert.Equal(16, content.Bytes("nonce")!.Length);
        var expiry = DateTimeOffset.UnixEpoch.AddTicks((long)(content.Natural("ingress_expiry")!.Value / 100));
        Assert.Equal(0, expiry.Second);
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1.9), TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Without_v4_the_call_falls_back_to_v3_and_then_to_v2_with_polling_and_remembers()
    {
        replica.CallVersions.Remove(4);
        using var agent = Agent();
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(1), Ct)));
        Assert.Equal([$"POST api/v4/canister/{LedgerId}/call", $"POST api/v3/canister/{LedgerId}/call"], replica.Requests);

        replica.CallVersions.Remove(3);
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(2), Ct)));
        Assert.Equal(
            [$"POST api/v3/canister/{LedgerId}/call", $"POST api/v2/canister/{LedgerId}/call", $"POST api/v3/canister/{LedgerId}/read_state"],
            replica.Requests.Skip(2));
        Assert.Equal(2, ledger.Blocks.Count);
    }

    [Fact]
    public async Task An_accepted_call_is_polled_until_replied()
    {
        replica.PendingPolls = 3;
        using var agent = Agent();
        var reply = await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(7), Ct);
        Assert.Equal(new TransferResult.Ok(0), CandidSerializer.Decode<TransferResult>(reply));
        Assert.Equal(4, replica.Requests.Count(r => r.EndsWith("/read_state", StringComparison.Ordinal)));
        var poll = replica.Contents[^1];
        Assert.Equal("read_state", poll.Text("request_type"));
    }

    [Fact]
    public async Task A_rejected_call_surfaces_its_code_and_message_synchronously_and_through_polling()
    {
        using var agent = Agent();
        var sync = await Assert.ThrowsAsync<CanisterRejectedException>(() => agent.CallAsync(LedgerId, "register", [.. "DIDL\0\0"u8], Ct));
        Assert.Equal(3UL, sync.RejectCode);
        Assert.Equal($"Canister {LedgerId} has no update method 'register'", sync.RejectMessage);
        Assert.Equal("IC0536", sync.ErrorCode);

        replica.PendingPolls = 2;
        var polled = await Assert.ThrowsAsync<CanisterRejectedException>(() => agent.CallAsync(LedgerId, "register", [.. "DIDL\0\0"u8], Ct));
        Assert.Equal(3UL, polled.RejectCode);
    }

    [Fact]
    public async Task Polling_gives_up_at_its_deadline_with_an_unknown_outcome()
    {
        replica.PendingPolls = 1000;
        using var agent = Agent(o => o with { PollTimeout = TimeSpan.FromMilliseconds(300) });
        var error = await Assert.ThrowsAsync<CanisterUnreachableException>(() => agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(1), Ct));
        Assert.Contains("may still execute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_429_are_retried_and_reported_when_they_persist()
    {
        replica.Busy = 2;
        using var agent = Agent();
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(1), Ct)));
        Assert.Equal(3, replica.Requests.Count);

        replica.Busy = 10;
        using var impatient = Agent(o => o with { MaxRetries = 2 });
        var error = await Assert.ThrowsAsync<IcpProtocolException>(() => impatient.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct));
        Assert.Equal(429, error.StatusCode);
    }

    [Fact]
    public async Task An_expiry_outside_the_replicas_window_is_refused_and_the_agent_corrects_its_clock_once()
    {
        replica.Skew = TimeSpan.FromMinutes(10);
        using var agent = Agent();
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(1), Ct)));
        Assert.InRange(agent.ClockDrift, TimeSpan.FromMinutes(9.9), TimeSpan.FromMinutes(10.1));
        Assert.Equal([$"POST api/v4/canister/{LedgerId}/call", $"POST api/v3/canister/{LedgerId}/read_state", $"POST api/v4/canister/{LedgerId}/call"], replica.Requests);

        // The local clock 14 minutes behind: corrected the same way; 20 minutes is beyond MaxClockDrift (15).
        replica.Skew = TimeSpan.Zero;
        using var late = Agent(o => o with { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-14)) });
        Assert.Equal(InMemoryLedger.Fee, CandidSerializer.Decode<BigInteger>(await late.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct)));
        Assert.InRange(late.ClockDrift, TimeSpan.FromMinutes(13.9), TimeSpan.FromMinutes(14.1));
        using var tooLate = Agent(o => o with { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-20)) });
        var far = await Assert.ThrowsAsync<IcpProtocolException>(() => tooLate.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct));
        Assert.Contains("check the system clock", far.Message, StringComparison.Ordinal);

        // A replica that refuses every expiry: after one correction the refusal is reported with its reason.
        replica.RefuseEveryExpiry = true;
        using var stuck = Agent();
        var error = await Assert.ThrowsAsync<IcpProtocolException>(() => stuck.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("ingress_expiry not within expected range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_from_a_clock_ahead_of_ours_is_judged_again_after_learning_the_ics_time()
    {
        // The expiry is accepted (4 minutes ahead) but the certified time is 2 minutes off with 30 s allowed.
        replica.Skew = TimeSpan.FromMinutes(2);
        using var agent = Agent(o => o with { IngressExpiry = TimeSpan.FromMinutes(4), MaxCertificateAge = TimeSpan.FromSeconds(30) });
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await agent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(3), Ct)));
        Assert.InRange(agent.ClockDrift, TimeSpan.FromMinutes(1.9), TimeSpan.FromMinutes(2.1));
        Assert.Equal([$"POST api/v4/canister/{LedgerId}/call", $"POST api/v3/canister/{LedgerId}/read_state"], replica.Requests);

        // A replayed old certificate (here a real one from 2023, served for every read, the time read included)
        // cannot pass itself off as current: the correction is bounded by MaxClockDrift.
        replica.Skew = TimeSpan.Zero;
        replica.ServeCertificate = Conformance.Certificate("ivg37_time.bin");
        using var strict = new HttpAgent(new HttpAgentOptions { Host = replica.Url });
        var error = await Assert.ThrowsAsync<IcpProtocolException>(() => strict.ReadStateAsync(Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai"), [TimePath], Ct));
        Assert.Contains("check the system clock", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, strict.ClockDrift);
    }

    [Fact]
    public async Task A_query_needs_valid_node_signatures()
    {
        using var agent = Agent();
        Assert.Equal(InMemoryLedger.Fee, CandidSerializer.Decode<BigInteger>(await agent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct)));
        Assert.Contains($"POST api/v3/canister/{LedgerId}/read_state", replica.Requests); // the node keys, read once

        replica.QueryMode = LocalReplica.QuerySignatures.Missing;
        Assert.Contains("no node signature", (await Assert.ThrowsAsync<IcpProtocolException>(() => agent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct))).Message, StringComparison.Ordinal);
        replica.QueryMode = LocalReplica.QuerySignatures.Forged;
        Assert.Contains("does not verify", (await Assert.ThrowsAsync<IcpProtocolException>(() => agent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct))).Message, StringComparison.Ordinal);
        replica.QueryMode = LocalReplica.QuerySignatures.UnknownNode;
        Assert.Contains("not a node of subnet", (await Assert.ThrowsAsync<IcpProtocolException>(() => agent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct))).Message, StringComparison.Ordinal);

        using var trusting = Agent(o => o with { VerifyQuerySignatures = false });
        replica.QueryMode = LocalReplica.QuerySignatures.Missing;
        Assert.Equal(InMemoryLedger.Fee, CandidSerializer.Decode<BigInteger>(await trusting.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct)));
    }

    [Fact]
    public async Task Queries_and_read_state_fall_back_to_v2()
    {
        replica.ReadVersions.Remove(3);
        using var agent = Agent();
        Assert.Equal(8, CandidSerializer.Decode<byte>(await agent.QueryAsync(LedgerId, "icrc1_decimals", [.. "DIDL\0\0"u8], Ct)));
        Assert.Equal($"POST api/v3/canister/{LedgerId}/query", replica.Requests[0]);
        Assert.All(replica.Requests.Skip(1), r => Assert.StartsWith("POST api/v2/", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_state_verifies_the_real_mainnet_certificate_bodies_it_is_served()
    {
        var body = Conformance.Certificate("ivg37_time.bin");
        replica.ServeCertificate = body;
        var certified = Certificate.Parse(body).Time;
        replica.Skew = certified - DateTimeOffset.UtcNow;
        using var agent = new HttpAgent(new HttpAgentOptions { Host = replica.Url, Clock = new FakeTimeProvider(certified.AddSeconds(20)) });
        var ivg37 = Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai");
        var certificate = await agent.ReadStateAsync(ivg37, [TimePath], Ct);
        Assert.Equal(certified, certificate.Time);

        var error = await Assert.ThrowsAsync<IcpProtocolException>(() => agent.ReadStateAsync(LedgerId, [TimePath], Ct));
        Assert.Contains(nameof(CertificateOutcome.NotAuthorized), error.Message, StringComparison.Ordinal);

        replica.ServeCertificate = Conformance.Certificate("ivg37_time_pruned_ranges.bin");
        Assert.Contains(nameof(CertificateOutcome.Unprovable), (await Assert.ThrowsAsync<IcpProtocolException>(() => agent.ReadStateAsync(ivg37, [TimePath], Ct))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mainnet_key_rejects_a_local_replica_and_the_root_key_is_fetched_only_when_declared_local()
    {
        using var mainnet = new HttpAgent(new HttpAgentOptions { Host = replica.Url, Identity = identity });
        var error = await Assert.ThrowsAsync<IcpProtocolException>(() => mainnet.CallAsync(LedgerId, "icrc1_transfer", TransferArg(1), Ct));
        Assert.Contains(nameof(CertificateOutcome.InvalidSignature), error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => mainnet.FetchRootKeyAsync(Ct));

        using var local = new HttpAgent(new HttpAgentOptions { Host = replica.Url, Identity = identity, LocalNetwork = true });
        await local.FetchRootKeyAsync(Ct);
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await local.CallAsync(LedgerId, "icrc1_transfer", TransferArg(2), Ct)));
    }

    [Fact]
    public async Task A_management_canister_call_is_routed_by_the_canister_id_of_its_argument()
    {
        using var agent = Agent();
        var arg = CandidSerializer.Encode(new CanisterIdArg(LedgerId));
        await Assert.ThrowsAsync<CanisterRejectedException>(() => agent.CallAsync(Principal.ManagementCanister, "canister_status", arg, Ct));
        Assert.Equal($"POST api/v4/canister/{LedgerId}/call", replica.Requests[0]);
        Assert.Empty(Assert.Single(replica.Contents).Bytes("canister_id")!);
        await Assert.ThrowsAsync<ArgumentException>(() => agent.CallAsync(Principal.ManagementCanister, "raw_rand", [.. "DIDL\0\0"u8], Ct));
    }

    [Fact]
    public async Task Secp256k1_and_delegated_identities_sign_requests_the_replica_accepts()
    {
        var secp = Secp256k1Identity.FromSecret(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var secpAgent = Agent(o => o with { Identity = secp });
        Assert.Equal(8, CandidSerializer.Decode<byte>(await secpAgent.QueryAsync(LedgerId, "icrc1_decimals", [.. "DIDL\0\0"u8], Ct)));

        var session = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)3, 32).ToArray());
        var delegated = new DelegationIdentity(identity, session, [DelegationIdentity.Delegate(identity, session, DateTimeOffset.UtcNow.AddHours(1))]);
        using var delegatedAgent = Agent(o => o with { Identity = delegated });
        Assert.IsType<TransferResult.Ok>(CandidSerializer.Decode<TransferResult>(await delegatedAgent.CallAsync(LedgerId, "icrc1_transfer", TransferArg(4), Ct)));
        Assert.Equal(identity.Sender.Bytes.ToArray(), replica.Contents[^1].Bytes("sender"));

        // The replica's checks are real: an expired delegation and a chain signed by someone else are refused.
        var expired = new DelegationIdentity(identity, session, [DelegationIdentity.Delegate(identity, session, DateTimeOffset.UtcNow.AddHours(-1))]);
        using var expiredAgent = Agent(o => o with { Identity = expired });
        Assert.Equal(403, (await Assert.ThrowsAsync<IcpProtocolException>(() => expiredAgent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct))).StatusCode);
        var forged = new DelegationIdentity(identity, session, [DelegationIdentity.Delegate(session, session, DateTimeOffset.UtcNow.AddHours(1))]);
        using var forgedAgent = Agent(o => o with { Identity = forged });
        Assert.Contains("delegation", (await Assert.ThrowsAsync<IcpProtocolException>(() => forgedAgent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_anonymous_identity_sends_unsigned_requests()
    {
        using var agent = Agent(o => o with { Identity = AnonymousIdentity.Instance });
        await agent.QueryAsync(LedgerId, "icrc1_fee", [.. "DIDL\0\0"u8], Ct);
        Assert.All(replica.Contents, c => Assert.Equal(Principal.Anonymous.Bytes.ToArray(), c.Bytes("sender")));
    }

    private static readonly byte[][] TimePath = [[.. "time"u8]];

    private sealed record CanisterIdArg([property: CandidName("canister_id")] Principal CanisterId);
}
