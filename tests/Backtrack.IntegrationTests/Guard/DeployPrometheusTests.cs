using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>
/// Issue 14's metric signal end to end: web's guard.prometheus query against Debian's prometheus (started by the
/// test on 127.0.0.1, scraping the test's metrics every second). A deploy whose error ratio goes up is rolled back;
/// a Prometheus that is down is reported and never rolls a healthy deploy back by itself.
/// </summary>
public sealed class DeployPrometheusTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();
    private readonly MetricsEndpoint metrics = new(errorRatio: 0.01);
    private PrometheusServer? prometheus;

    private PrometheusServer Prometheus => prometheus ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        prometheus = await PrometheusServer.StartAsync(metrics.Port);
        await stack.InitializeAsync();
        await stack.ReplaceInConfigAsync("window: 4s", "window: 8s");
        await stack.ReplaceInConfigAsync(
            "health: http://127.0.0.1:",
            $"guard:\n          prometheus:\n            url: {Prometheus.Url}\n            query: max(app_error_ratio)\n            above: 0.05\n        health: http://127.0.0.1:");
    }

    public async Task DisposeAsync()
    {
        await stack.DisposeAsync();
        await Prometheus.DisposeAsync();
        metrics.Dispose();
    }

    [Fact]
    public async Task A_deploy_whose_error_ratio_rises_is_rolled_back_and_a_prometheus_that_is_down_rolls_nothing_back()
    {
        // The new version's errors, as Prometheus will scrape them once it runs.
        metrics.ErrorRatio = 0.2;
        await GuardedDeploy.RolledBackAsync(stack, GuardStack.Serve, "failing (0.2)");

        metrics.ErrorRatio = 0.01;
        await Prometheus.StopAsync();
        var healthy = await stack.DeployAsync(GuardStack.Variables("v3", "v3"), null);

        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains("Prometheus cannot be reached", healthy.Stdout + healthy.Stderr);
        Assert.Equal("backtrack-demo/web:v3", await stack.ImageOfAsync("web"));
    }
}
