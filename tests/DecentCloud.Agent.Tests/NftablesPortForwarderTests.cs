using DecentCloud.Agent.Gateway;
using DecentCloud.Application.ProviderAgent.Gateway;
using static DecentCloud.Agent.Tests.NftablesRulesetTests;

namespace DecentCloud.Agent.Tests;

/// <summary>The forwarder against a real nft, inside a throw-away network namespace.</summary>
public sealed class NftablesPortForwarderTests : IDisposable
{
    private const string PublicAddress = "203.0.113.10";
    private static readonly PortForward A = new(20001, "10.10.0.5", 22, ContractA);
    private static readonly PortForward B = new(20002, "10.10.0.6", 2222, ContractB);

    private readonly NftablesNamespace _ns = new();

    public void Dispose() => _ns.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NftablesPortForwarder Forwarder(string? nftPath = null, string table = "dc_agent", string? publicAddress = PublicAddress) =>
        new(new NftablesOptions { NftPath = nftPath ?? _ns.NftPath, Table = table, PublicAddress = publicAddress });

    // What nft lists back for the forwards: the rendered rules, chain by chain.
    private static Dictionary<string, List<string>> Expected(params PortForward[] forwards)
    {
        if (forwards.Length == 0)
        {
            return [];
        }

        string Comment(PortForward f) => $"comment \"contract {f.ContractId}\"";
        return new()
        {
            ["prerouting"] = [.. forwards.Select(f => $"ip daddr {PublicAddress} tcp dport {f.PublicPort} dnat to {f.VmAddress}:{f.VmPort} {Comment(f)}")],
            ["output"] = [.. forwards.Select(f => $"ip daddr {PublicAddress} tcp dport {f.PublicPort} dnat to {f.VmAddress}:{f.VmPort} {Comment(f)}")],
            ["postrouting"] = [.. forwards.Select(f => $"ip daddr {f.VmAddress} tcp dport {f.VmPort} ct original proto-dst {f.PublicPort} ct status dnat masquerade {Comment(f)}")],
            ["forward"] = ["ct status dnat accept"],
        };
    }

    [Fact]
    public async Task Nft_check_accepts_every_kind_of_generated_ruleset_and_changes_nothing()
    {
        var many = Enumerable.Range(0, 300)
            .Select(i => new PortForward(20000 + i, $"10.{i % 7}.{i / 250}.{(i % 250) + 1}", 22, Convert.ToHexStringLower(BitConverter.GetBytes(i * 7919L))))
            .ToArray();

        await Forwarder().CheckAsync([A, B], Ct);
        await Forwarder(publicAddress: null).CheckAsync([A, B], Ct);
        await Forwarder(table: "gw_ssh_2").CheckAsync([A], Ct);
        await Forwarder().CheckAsync([], Ct);
        await Forwarder(publicAddress: null).CheckAsync(many, Ct);
        await Forwarder().CheckAsync([new PortForward(65535, "192.168.1.1", 65535, new string('f', 128))], Ct);

        Assert.Null(_ns.Rules());
    }

    [Fact]
    public async Task Applied_rules_are_exactly_the_forwards_and_applying_them_again_leaves_one_copy()
    {
        await Forwarder().ApplyAsync([B, A], Ct);
        Assert.Equivalent(Expected(A, B), _ns.Rules(), strict: true);

        await Forwarder().ApplyAsync([A, B], Ct);
        await Forwarder().ApplyAsync([A, B], Ct);

        Assert.Equivalent(Expected(A, B), _ns.Rules(), strict: true);
        Assert.Single(_ns.Exec("nft", "list", "tables").Split('\n', StringSplitOptions.RemoveEmptyEntries), t => t == "table ip dc_agent");
    }

    [Fact]
    public async Task A_smaller_set_removes_the_released_port_and_an_empty_set_leaves_an_empty_table()
    {
        await Forwarder().ApplyAsync([A, B], Ct);

        await Forwarder().ApplyAsync([A], Ct);
        Assert.Equivalent(Expected(A), _ns.Rules(), strict: true);

        await Forwarder().ApplyAsync([], Ct);
        Assert.Empty(_ns.Rules()!);

        await Forwarder().ApplyAsync([B], Ct);
        Assert.Equivalent(Expected(B), _ns.Rules(), strict: true);
    }

    [Fact]
    public async Task A_ruleset_nft_refuses_leaves_the_previous_rules_and_the_error_carries_nft_reason()
    {
        await Forwarder().ApplyAsync([A], Ct);
        // The script reaches nft whole, then one line nft cannot parse: the delete and the new table must not be kept.
        var broken = _ns.Wrapper("nft-broken", $"{{ cat; echo 'chain nonsense {{'; }} | ip netns exec {_ns.Name} nft \"$@\"");

        var error = await Assert.ThrowsAsync<GatewayException>(() => Forwarder(broken).ApplyAsync([B], Ct));

        Assert.StartsWith("nft refused the SSH forwards (the previous rules stay) (exit 1): ", error.Message);
        Assert.Contains("Error", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.Equivalent(Expected(A), _ns.Rules(), strict: true);
    }

    [Fact]
    public async Task A_bad_entry_never_reaches_nft()
    {
        await Forwarder().ApplyAsync([A], Ct);
        var marker = Path.Combine(Path.GetTempPath(), $"dc-nft-called-{Guid.NewGuid():N}");
        var spy = _ns.Wrapper("nft-spy", $"touch {marker}\nexec ip netns exec {_ns.Name} nft \"$@\"");

        await Assert.ThrowsAsync<GatewayException>(() => Forwarder(spy).ApplyAsync([B, new PortForward(20003, "1.2.3.4; flush ruleset", 22, ContractA)], Ct));

        Assert.False(File.Exists(marker));
        Assert.Equivalent(Expected(A), _ns.Rules(), strict: true);
    }

    [Fact]
    public async Task The_agent_table_is_its_own_and_other_tables_are_left_alone()
    {
        _ns.Exec("nft", "add table ip filter; add chain ip filter input { type filter hook input priority 0; policy accept; }; add rule ip filter input tcp dport 22 accept");

        await Forwarder(table: "gw_ssh").ApplyAsync([A, B], Ct);
        await Forwarder(table: "gw_ssh").ApplyAsync([], Ct);

        Assert.Equal(["tcp dport 22 accept"], _ns.Rules("filter")!["input"]);
        Assert.Empty(_ns.Rules("gw_ssh")!);
        Assert.Null(_ns.Rules("dc_agent"));
    }

    [Fact]
    public async Task A_cancelled_apply_stops_nft_and_changes_nothing()
    {
        await Forwarder().ApplyAsync([A], Ct);
        var slow = _ns.Wrapper("nft-slow", $"sleep 30\nexec ip netns exec {_ns.Name} nft \"$@\"");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Forwarder(slow).ApplyAsync([B], cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equivalent(Expected(A), _ns.Rules(), strict: true);
    }

    [Fact]
    public async Task A_missing_nft_is_a_clear_gateway_error()
    {
        var error = await Assert.ThrowsAsync<GatewayException>(() => Forwarder("/nonexistent/dc-nft/nft").ApplyAsync([A], Ct));

        Assert.Contains("/nonexistent/dc-nft/nft could not be run", error.Message);
        Assert.Contains("install the nftables package, or set gateway.sshForwarding.nftPath", error.Message);
    }
}
