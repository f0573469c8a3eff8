using DecentCloud.Agent.Gateway;
using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Agent.Tests;

public sealed class NftablesRulesetTests
{
    internal const string ContractA = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    internal const string ContractB = "0123456789abcdef0123456789abcdef";

    private static readonly NftablesOptions Public = new() { PublicAddress = "203.0.113.10" };

    [Fact]
    public void One_forward_on_the_public_address_is_the_whole_table_dropped_and_defined_again()
    {
        var text = NftablesRuleset.Render(Public, [new PortForward(20001, "10.10.0.5", 22, ContractA)]);

        Assert.Equal(
            $$"""
            # dc-agent's SSH forwards: generated, and rebuilt whole on every change (edits here are lost).
            table ip dc_agent {}
            delete table ip dc_agent
            table ip dc_agent {
              chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
                ip daddr 203.0.113.10 tcp dport 20001 dnat to 10.10.0.5:22 comment "contract {{ContractA}}"
              }
              chain output {
                type nat hook output priority -100; policy accept;
                ip daddr 203.0.113.10 tcp dport 20001 dnat to 10.10.0.5:22 comment "contract {{ContractA}}"
              }
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip daddr 10.10.0.5 tcp dport 22 ct original proto-dst 20001 ct status dnat masquerade comment "contract {{ContractA}}"
              }
              chain forward {
                type filter hook forward priority filter; policy accept;
                # An accept ends this chain only: a drop in another table (the provider's firewall) still drops the packet,
                # so a firewall on this host must allow the forwarded connections itself.
                ct status dnat accept
              }
            }

            """,
            text);
    }

    [Fact]
    public void Several_forwards_without_a_public_address_match_the_host_own_addresses_ordered_by_port_in_the_named_table()
    {
        var options = new NftablesOptions { Table = "gw_ssh" };

        var text = NftablesRuleset.Render(options,
        [
            new PortForward(20003, "172.16.5.9", 2222, ContractB),
            new PortForward(20001, "10.10.0.5", 22, ContractA),
        ]);

        Assert.Equal(
            $$"""
            # dc-agent's SSH forwards: generated, and rebuilt whole on every change (edits here are lost).
            table ip gw_ssh {}
            delete table ip gw_ssh
            table ip gw_ssh {
              chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
                fib daddr type local tcp dport 20001 dnat to 10.10.0.5:22 comment "contract {{ContractA}}"
                fib daddr type local tcp dport 20003 dnat to 172.16.5.9:2222 comment "contract {{ContractB}}"
              }
              chain output {
                type nat hook output priority -100; policy accept;
                fib daddr type local tcp dport 20001 dnat to 10.10.0.5:22 comment "contract {{ContractA}}"
                fib daddr type local tcp dport 20003 dnat to 172.16.5.9:2222 comment "contract {{ContractB}}"
              }
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip daddr 10.10.0.5 tcp dport 22 ct original proto-dst 20001 ct status dnat masquerade comment "contract {{ContractA}}"
                ip daddr 172.16.5.9 tcp dport 2222 ct original proto-dst 20003 ct status dnat masquerade comment "contract {{ContractB}}"
              }
              chain forward {
                type filter hook forward priority filter; policy accept;
                # An accept ends this chain only: a drop in another table (the provider's firewall) still drops the packet,
                # so a firewall on this host must allow the forwarded connections itself.
                ct status dnat accept
              }
            }

            """,
            text);
    }

    [Fact]
    public void No_forward_leaves_an_empty_table_with_no_hook()
    {
        var text = NftablesRuleset.Render(Public, []);

        Assert.Equal(
            """
            # dc-agent's SSH forwards: generated, and rebuilt whole on every change (edits here are lost).
            table ip dc_agent {}
            delete table ip dc_agent
            table ip dc_agent {}

            """,
            text);
    }

    [Fact]
    public void A_contract_id_longer_than_an_nft_comment_is_cut_in_the_comment_only()
    {
        var id = new string('c', 128);

        var text = NftablesRuleset.Render(Public, [new PortForward(20001, "10.10.0.5", 22, id)]);

        Assert.Contains($"comment \"contract {id[..119]}\"\n", text);
        Assert.DoesNotContain(id, text);
    }

    public static TheoryData<PortForward, string> BadForwards => new()
    {
        { new PortForward(20001, "1.2.3.4; flush ruleset", 22, ContractA), "VM address '1.2.3.4; flush ruleset' is not a unicast IPv4 address" },
        { new PortForward(20001, "10.0.0.5:22 comment \"x\"\nflush ruleset", 22, ContractA), "VM address '10.0.0.5:22 comment \"x\"?flush ruleset' is not" },
        { new PortForward(20001, "010.0.0.5", 22, ContractA), "VM address '010.0.0.5'" },
        { new PortForward(20001, "10.5", 22, ContractA), "VM address '10.5'" },
        { new PortForward(20001, "fd00::5", 22, ContractA), "VM address 'fd00::5'" },
        { new PortForward(20001, "0.0.0.0", 22, ContractA), "VM address '0.0.0.0'" },
        { new PortForward(20001, "255.255.255.255", 22, ContractA), "VM address '255.255.255.255'" },
        { new PortForward(20001, "224.0.0.1", 22, ContractA), "VM address '224.0.0.1'" },
        { new PortForward(20001, "", 22, ContractA), "VM address ''" },
        { new PortForward(0, "10.0.0.5", 22, ContractA), "public port 0 is not 1-65535" },
        { new PortForward(65536, "10.0.0.5", 22, ContractA), "public port 65536 is not 1-65535" },
        { new PortForward(20001, "10.0.0.5", 0, ContractA), "VM port 0 is not 1-65535" },
        { new PortForward(20001, "10.0.0.5", 65536, ContractA), "VM port 65536 is not 1-65535" },
        { new PortForward(20001, "10.0.0.5", 22, "abc\" ; flush ruleset ; \""), "contract id 'abc\" ; flush ruleset ; \"' is not lower-case hex" },
        { new PortForward(20001, "10.0.0.5", 22, "ABCDEF"), "contract id 'ABCDEF' is not lower-case hex" },
        { new PortForward(20001, "10.0.0.5", 22, ""), "contract id '' is not lower-case hex" },
    };

    [Theory]
    [MemberData(nameof(BadForwards))]
    public void A_bad_entry_is_refused_naming_it_and_what_is_wrong(PortForward bad, string reason)
    {
        var good = new PortForward(20002, "10.0.0.6", 22, ContractB);

        var error = Assert.Throws<GatewayException>(() => NftablesRuleset.Render(Public, [good, bad]));

        Assert.StartsWith("SSH forward #2 refused: ", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void A_public_port_forwarded_twice_is_refused()
    {
        var error = Assert.Throws<GatewayException>(() => NftablesRuleset.Render(Public,
        [
            new PortForward(20001, "10.0.0.5", 22, ContractA),
            new PortForward(20001, "10.0.0.6", 22, ContractB),
        ]));

        Assert.Equal("SSH forward #2 refused: public port 20001 is already forwarded by another entry; no rule was changed.", error.Message);
    }

    [Fact]
    public void A_long_refused_value_is_cut_in_the_message()
    {
        var error = Assert.Throws<GatewayException>(() => NftablesRuleset.Render(Public, [new PortForward(20001, new string('x', 500), 22, ContractA)]));

        Assert.Contains($"'{new string('x', 64)}…'", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Theory]
    [InlineData("", "nftTable")]
    [InlineData("1table", "nftTable")]
    [InlineData("dc-agent", "nftTable")]
    [InlineData("DC_AGENT", "nftTable")]
    [InlineData("dc_agent; flush ruleset", "nftTable")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "nftTable")]
    public void A_bad_table_name_is_refused_naming_the_setting(string table, string field)
    {
        var options = new NftablesOptions { Table = table };

        var error = Assert.Throws<InvalidDataException>(options.Validate);
        Assert.Contains($"gateway.sshForwarding.{field}", error.Message);
        var refused = Assert.Throws<GatewayException>(() => NftablesRuleset.Render(options, []));
        Assert.Contains($"gateway.sshForwarding.{field}", refused.Message);
    }

    [Theory]
    [InlineData("203.0.113.10; flush ruleset")]
    [InlineData("203.0.113")]
    [InlineData("2001:db8::1")]
    [InlineData("0.0.0.0")]
    public void A_bad_public_address_is_refused_naming_the_setting(string address)
    {
        var options = new NftablesOptions { PublicAddress = address };

        var error = Assert.Throws<InvalidDataException>(options.Validate);
        Assert.Equal("gateway.sshForwarding.publicAddress must be an IPv4 address (a.b.c.d)", error.Message);
        Assert.Throws<GatewayException>(() => NftablesRuleset.Render(options, []));
    }

    [Fact]
    public void The_defaults_are_valid_and_a_32_character_table_name_is_accepted()
    {
        new NftablesOptions().Validate();
        new NftablesOptions { Table = "a" + new string('0', 31), NftPath = "/usr/sbin/nft", PublicAddress = "198.51.100.7" }.Validate();
        Assert.Equal("dc_agent", new NftablesOptions().Table);
        Assert.Equal("nft", new NftablesOptions().NftPath);
        Assert.Null(new NftablesOptions().PublicAddress);
    }

    [Fact]
    public void An_empty_nft_path_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidDataException>(new NftablesOptions { NftPath = " " }.Validate);

        Assert.Equal("gateway.sshForwarding.nftPath must be set", error.Message);
    }

    [Fact]
    public void The_options_bind_from_the_configuration_names()
    {
        var options = System.Text.Json.JsonSerializer.Deserialize<NftablesOptions>(
            """{"nftTable": "gw_ssh", "nftPath": "/usr/sbin/nft", "publicAddress": "198.51.100.7"}""",
            System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Equal(new NftablesOptions { Table = "gw_ssh", NftPath = "/usr/sbin/nft", PublicAddress = "198.51.100.7" }, options);
    }
}
