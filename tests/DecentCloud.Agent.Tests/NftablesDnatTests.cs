using System.Net;
using System.Net.Sockets;
using System.Text;
using DecentCloud.Agent.Gateway;
using DecentCloud.Application.ProviderAgent.Gateway;
using static DecentCloud.Agent.Tests.NftablesRulesetTests;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// A real connection through the forward: a client network, a gateway namespace with the agent's rules and a "VM"
/// namespace on a private network with no route back to the client (so only the gateway's masquerade lets it answer).
/// </summary>
public sealed class NftablesDnatTests : IDisposable
{
    private const string GatewayPublic = "198.51.100.1";
    private const string GatewayPrivate = "10.77.0.1";
    private const string Vm = "10.77.0.2";
    private const int VmPort = 8022;
    private const int PublicPort = 2222;

    private readonly NftablesNamespace _gateway = new();
    private readonly NftablesNamespace _client = new();
    private readonly NftablesNamespace _vm = new();
    private readonly Socket? _listener;

    public NftablesDnatTests()
    {
        try
        {
            _listener = Build();
        }
        catch
        {
            // xUnit disposes only what it constructed: namespaces made before a failure are removed here.
            Dispose();
            throw;
        }
    }

    private Socket Build()
    {
        _gateway.Exec("ip", "link", "add", "pub0", "type", "veth", "peer", "name", "eth0", "netns", _client.Name);
        _gateway.Exec("ip", "link", "add", "priv0", "type", "veth", "peer", "name", "eth0", "netns", _vm.Name);
        Up(_gateway, "pub0", $"{GatewayPublic}/24");
        Up(_gateway, "priv0", $"{GatewayPrivate}/24");
        Up(_client, "eth0", "198.51.100.2/24");
        Up(_vm, "eth0", $"{Vm}/24");
        _gateway.Exec("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");

        var listener = NftablesNetnsSocket.Create(_vm.Name);
        listener.Bind(new IPEndPoint(IPAddress.Any, VmPort));
        listener.Listen();
        return listener;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _vm.Dispose();
        _client.Dispose();
        _gateway.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NftablesPortForwarder Forwarder(string? publicAddress) =>
        new(new NftablesOptions { NftPath = _gateway.NftPath, PublicAddress = publicAddress });

    [Theory]
    [InlineData(GatewayPublic)]
    [InlineData(null)]
    public async Task A_client_reaches_the_vm_through_the_public_port_and_the_vm_sees_the_gateway(string? publicAddress)
    {
        await Forwarder(publicAddress).ApplyAsync([new PortForward(PublicPort, Vm, VmPort, ContractA)], Ct);

        var peer = await RoundTripAsync(_client);

        Assert.Equal(IPAddress.Parse(GatewayPrivate), peer);
    }

    [Fact]
    public async Task The_gateway_host_itself_reaches_the_vm_through_its_public_address()
    {
        await Forwarder(GatewayPublic).ApplyAsync([new PortForward(PublicPort, Vm, VmPort, ContractA)], Ct);

        var peer = await RoundTripAsync(_gateway);

        Assert.Equal(IPAddress.Parse(GatewayPrivate), peer);
    }

    [Fact]
    public async Task A_released_port_is_closed()
    {
        await Forwarder(GatewayPublic).ApplyAsync([new PortForward(PublicPort, Vm, VmPort, ContractA)], Ct);
        await RoundTripAsync(_client);

        await Forwarder(GatewayPublic).ApplyAsync([], Ct);

        using var client = NftablesNetnsSocket.Create(_client.Name);
        var error = await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(client));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Without_a_public_address_a_connection_routed_through_the_gateway_to_that_port_elsewhere_is_not_taken()
    {
        _vm.Exec("ip", "route", "add", "default", "via", GatewayPrivate);
        _client.Exec("ip", "route", "add", "10.77.0.0/24", "via", GatewayPublic);
        using var elsewhere = NftablesNetnsSocket.Create(_client.Name);
        elsewhere.Bind(new IPEndPoint(IPAddress.Any, PublicPort));
        elsewhere.Listen();
        await Forwarder(publicAddress: null).ApplyAsync([new PortForward(PublicPort, Vm, VmPort, ContractA)], Ct);

        using var fromVm = NftablesNetnsSocket.Create(_vm.Name);
        var accepted = elsewhere.AcceptAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await fromVm.ConnectAsync(new IPEndPoint(IPAddress.Parse("198.51.100.2"), PublicPort), timeout.Token);
        using var server = await accepted.AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // It reached the other host itself, from the VM's own address (routed, neither forwarded back nor masqueraded).
        Assert.Equal(IPAddress.Parse(Vm), ((IPEndPoint)server.RemoteEndPoint!).Address);
    }

    // Connects from the namespace to the gateway's public port, exchanges a line both ways, and returns the address the VM saw.
    private async Task<IPAddress> RoundTripAsync(NftablesNamespace from)
    {
        using var client = NftablesNetnsSocket.Create(from.Name);
        var accepted = _listener!.AcceptAsync(Ct);
        await ConnectAsync(client);
        using var server = await accepted.AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await client.SendAsync(Encoding.ASCII.GetBytes("ping\n"), Ct);
        Assert.Equal("ping\n", await ReceiveAsync(server, 5));
        await server.SendAsync(Encoding.ASCII.GetBytes("pong\n"), Ct);
        Assert.Equal("pong\n", await ReceiveAsync(client, 5));
        return ((IPEndPoint)server.RemoteEndPoint!).Address;
    }

    private static async Task ConnectAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(new IPEndPoint(IPAddress.Parse(GatewayPublic), PublicPort), timeout.Token);
    }

    private static async Task<string> ReceiveAsync(Socket socket, int length)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
            Assert.NotEqual(0, n);
            read += n;
        }

        return Encoding.ASCII.GetString(buffer);
    }

    private static void Up(NftablesNamespace ns, string link, string address)
    {
        ns.Exec("ip", "address", "add", address, "dev", link);
        ns.Exec("ip", "link", "set", link, "up");
    }
}
