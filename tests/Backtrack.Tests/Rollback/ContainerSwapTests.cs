using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Rollback;

namespace Backtrack.Tests.Rollback;

public sealed class ContainerSwapTests
{
    private static readonly ServiceConfig Auto = new("web", new ContainerHealthCheck());

    [Fact]
    public void Given_a_service_reached_through_an_alias_when_planned_then_the_new_container_is_gated_before_the_old_one_stops()
    {
        var swap = new ContainerSwap("web", Container([]), Spec(), Auto with { Drain = TimeSpan.FromSeconds(1) });

        var kinds = swap.Steps(1, "20261201-000000-abcd", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)).Select(s => s.Kind);

        Assert.Equal(SwapOrder.StartFirst, swap.Choose().Order);
        Assert.Equal(
            ["container.create", "container.start", "health.gate", "container.drain", "container.stop", "container.set-aside", "container.rename"],
            kinds);
    }

    [Fact]
    public void Given_a_port_published_on_the_host_when_planned_then_it_stays_stop_first_and_says_why()
    {
        var swap = new ContainerSwap("web", Container([new PublishedPort("8080/tcp", "127.0.0.1", "8081")]), Spec(), Auto with { Swap = SwapOrder.StartFirst });

        var kinds = swap.Steps(1, "20261201-000000-abcd", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)).Select(s => s.Kind);

        Assert.Equal((SwapOrder.StopFirst, "stop-first: publishes 127.0.0.1:8081 on the host"), swap.Choose());
        Assert.Equal(["container.create", "container.stop", "container.set-aside", "container.rename", "container.start", "health.gate"], kinds);
    }

    [Theory]
    [InlineData("host", "stop-first: runs in the host's network")]
    [InlineData("container:abc", "stop-first: shares another container's network")]
    public void Given_no_network_of_its_own_when_planned_then_it_stays_stop_first(string mode, string reason)
    {
        var swap = new ContainerSwap("web", Container([]), Spec() with { NetworkMode = mode }, Auto);

        Assert.Equal((SwapOrder.StopFirst, reason), swap.Choose());
    }

    [Fact]
    public void Given_an_http_check_or_stop_first_configured_when_planned_then_it_stays_stop_first()
    {
        var url = new ContainerSwap("web", Container([]), Spec(), Auto with { Health = new HttpHealthCheck(new Uri("http://127.0.0.1:1/health")) });
        var configured = new ContainerSwap("web", Container([]), Spec(), Auto with { Swap = SwapOrder.StopFirst });

        Assert.StartsWith("stop-first: its health check is a URL", url.Choose().Reason, StringComparison.Ordinal);
        Assert.Equal((SwapOrder.StopFirst, "stop-first: so configured"), configured.Choose());
    }

    private static ContainerSpec Spec() => new()
    {
        Image = "shop/web:v1",
        HostConfigJson = "{}",
        Networks = [new NetworkAttachment("shop_default", ["shop-web-1", "web"], null)],
    };

    private static ContainerDetails Container(IReadOnlyList<PublishedPort> ports) => new(
        new string('a', 64), "shop-web-1", "sha256:" + new string('0', 64),
        new ContainerState("running", true, null, 0, 0, null),
        Spec(), [], ports, [], RestartPolicy.No);
}
