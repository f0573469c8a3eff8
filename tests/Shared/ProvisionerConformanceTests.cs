using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// What every <see cref="IProvisioner"/> must do, whatever its backend (the way dotnet/runtime's stream conformance
/// tests hold every Stream to one contract). A backend's test class inherits this, supplies its provisioner over a
/// fake backend, and arranges the backend for each situation; the assertions live here once.
/// </summary>
public abstract class ProvisionerConformanceTests
{
    /// <summary>The contract the conformance tests provision.</summary>
    protected static readonly ContractId Contract = ContractId.FromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").Value;

    /// <summary>A second contract, for listings.</summary>
    protected static readonly ContractId Other = ContractId.FromHex(new string('e', 32)).Value;

    /// <summary>A user's key the conformance requests carry.</summary>
    protected const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdpY2Fsc29tZXRoaW5ndGhhdGlzMzJieXRlc2xvbmdhYmM= user@laptop";

    /// <summary>The password the conformance requests carry.</summary>
    protected const string Password = "S3cret-Pass_word-0123456789";

    /// <summary>The provisioner under test, talking to the fake backend.</summary>
    protected abstract IProvisioner Provisioner { get; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A request for <see cref="Contract"/>.</summary>
    protected static ProvisionRequest NewRequest(string? config = null, string? script = null, string loginUser = "ubuntu") =>
        new(Contract, "offer-1", 2, 4096, 40, [UserKey], loginUser, Password, config, script);

    /// <summary>The backend has no machine for <see cref="Contract"/> and creates one that runs with an address; returns that address.</summary>
    protected abstract Task<string> ArrangeFreshMachineAsync();

    /// <summary>The backend already runs the machine of <see cref="Contract"/>; returns its external id.</summary>
    protected abstract Task<string> ArrangeExistingMachineAsync();

    /// <summary>The backend runs one machine of <see cref="Contract"/> and one of <see cref="Other"/>; returns both.</summary>
    protected abstract Task<IReadOnlyList<(string ExternalId, ContractId Contract)>> ArrangeListingAsync();

    /// <summary>The backend has a machine that can be stopped, started and removed; returns its id.</summary>
    protected abstract Task<string> ArrangeLifecycleAsync();

    /// <summary>
    /// The backend runs the machine of <see cref="Contract"/> and, once asked to delete it, accepts at once but still
    /// reports it (by id and by contract) for a poll or two, as a cloud does while it tears a machine down; returns its id.
    /// </summary>
    protected abstract Task<string> ArrangeSlowDeleteAsync();

    /// <summary>An id the backend does not know (after <see cref="ArrangeLifecycleAsync"/>).</summary>
    protected abstract string MissingId { get; }

    /// <summary>The backend refuses to stop the returned machine id, with the returned error text.</summary>
    protected abstract Task<(string ExternalId, string ErrorText)> ArrangeRefusalAsync();

    /// <summary>How many requests of an operation (<c>create</c>, <c>stop</c>, <c>start</c>, <c>terminate</c>) reached the backend.</summary>
    protected abstract int Count(string operation);

    /// <summary>Everything that reached the backend and could carry the post-provision script (user data decoded, exec commands, stdin).</summary>
    protected abstract IEnumerable<string> ScriptCarriers();

    [Fact]
    public async Task Conformance_provision_creates_one_running_machine_labelled_with_the_contract()
    {
        var address = await ArrangeFreshMachineAsync();
        var instance = await Provisioner.ProvisionAsync(NewRequest(), Ct);
        Assert.Equal((Contract, true, address), (instance.ContractId!, instance.IsRunning, instance.Ipv4 ?? instance.Ipv6));
        Assert.Equal(1, Count("create"));
    }

    [Fact]
    public async Task Conformance_a_second_provision_of_the_contract_finds_its_machine_and_never_creates_another()
    {
        var existing = await ArrangeExistingMachineAsync();
        var created = Count("create");
        var instance = await Provisioner.ProvisionAsync(NewRequest(), Ct);
        Assert.Equal((existing, Contract), (instance.ExternalId, instance.ContractId!));
        Assert.Equal(created, Count("create"));
        Assert.Equal(existing, (await Provisioner.FindByContractAsync(Contract, Ct))!.ExternalId);
    }

    [Fact]
    public async Task Conformance_the_post_provision_script_reaches_the_backend()
    {
        await ArrangeFreshMachineAsync();
        const string script = "echo conformance > /root/post-provision && apt-get -y install nginx";
        await Provisioner.ProvisionAsync(NewRequest(script: script), Ct);
        Assert.Contains(ScriptCarriers(), carried => carried.Contains(script, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conformance_listing_reads_every_managed_machine_back_with_its_contract()
    {
        var expected = await ArrangeListingAsync();
        var listed = await Provisioner.ListAsync(Ct);
        Assert.Equal(expected.OrderBy(e => e.ExternalId, StringComparer.Ordinal), listed.Select(i => (i.ExternalId, i.ContractId!)).OrderBy(e => e.ExternalId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Conformance_stop_start_and_terminate_reach_the_backend_and_terminating_a_missing_machine_is_fine()
    {
        var id = await ArrangeLifecycleAsync();
        await Provisioner.StopAsync(id, Ct);
        await Provisioner.StartAsync(id, Ct);
        Assert.Equal((1, 1), (Count("stop"), Count("start")));
        await Provisioner.TerminateAsync(id, Ct);
        await Provisioner.TerminateAsync(MissingId, Ct);
        Assert.Null(await Provisioner.GetInstanceAsync(MissingId, Ct));
        Assert.True(Count("terminate") >= 2, "both terminations reached the backend");
    }

    [Fact]
    public async Task Conformance_after_terminate_returns_the_machine_is_no_longer_found_by_contract()
    {
        // A replacement provisions right after terminating: a machine still found by contract would be adopted.
        var id = await ArrangeSlowDeleteAsync();
        Assert.Equal(id, (await Provisioner.FindByContractAsync(Contract, Ct))?.ExternalId);
        await Provisioner.TerminateAsync(id, Ct);
        Assert.Null(await Provisioner.FindByContractAsync(Contract, Ct));
    }

    [Fact]
    public async Task Conformance_a_refusal_surfaces_as_the_ports_error_with_the_backends_own_text()
    {
        var (id, text) = await ArrangeRefusalAsync();
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.StopAsync(id, Ct));
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conformance_malformed_instance_config_is_refused_before_anything_is_created()
    {
        await ArrangeFreshMachineAsync();
        await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.ProvisionAsync(NewRequest(config: "[\"not an object\"]"), Ct));
        Assert.Equal(0, Count("create"));
    }
}
