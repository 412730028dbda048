using System.Diagnostics;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// A webhook that hangs or fails never changes a rollback's outcome and holds it up by at most the
/// notifier's timeout (5 s); its warnings never show the secret parts of the webhook's URL.
/// </summary>
public sealed class WebhookFaultTests : IAsyncLifetime
{
    private const string Variable = "BT_TEST_WEBHOOK";
    private const string Secret = "s3cr3t";

    /// <summary>What the CLI's wall time with a faulty webhook may exceed the time without one by: the 5 s timeout and a margin for a loaded machine.</summary>
    private static readonly TimeSpan AllowedDelay = TimeSpan.FromSeconds(5 + 4);

    private readonly TestStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAndRecordAsync("v1");
        await stack.ConfigureAsync($"notify:\n  webhookUrlEnv: {Variable}\n");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Theory]
    [InlineData(WebhookFault.NeverAnswers)]
    [InlineData(WebhookFault.Answers500)]
    public async Task Given_a_faulty_webhook_when_rolling_back_then_the_outcome_is_unchanged_and_at_most_the_timeout_later(WebhookFault fault)
    {
        var (plain, plainTime) = await TimedRollbackAsync("v3", webhookPort: null);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), (await stack.InspectAsync("web")).Image);

        await using var webhook = FaultyWebhook.Start(fault);
        var (hooked, hookedTime) = await TimedRollbackAsync("v1", webhook.Port);

        Assert.True(hooked.ExitCode == 0, hooked.ToString());
        var web = await stack.InspectAsync("web");
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), web.Image);
        Assert.True(web.State.Running);
        Assert.Single(await stack.ContainersAsync("web"));
        Assert.True(webhook.Connections > 0, "the webhook was never called");
        Assert.Contains(fault == WebhookFault.Answers500 ? "warning: notification not accepted: HTTP 500" : "warning: notification failed", hooked.Stderr);
        Assert.DoesNotContain(Secret, hooked.Stdout + hooked.Stderr, StringComparison.Ordinal);
        Assert.True(hookedTime - plainTime <= AllowedDelay, $"with the webhook {hookedTime.TotalSeconds:0.0} s, without {plainTime.TotalSeconds:0.0} s\n{hooked}");
    }

    /// <summary>rollback service web --to TAG, with the webhook (its URL carrying secrets in user info, path and query) or without; its wall time.</summary>
    private async Task<(ProcessResult Result, TimeSpan Elapsed)> TimedRollbackAsync(string tag, int? webhookPort)
    {
        var variables = webhookPort is { } port
            ? new Dictionary<string, string> { [Variable] = $"http://hook:{Secret}@127.0.0.1:{port}/services/T{Secret}/B{Secret}?token={Secret}" }
            : new Dictionary<string, string>();
        var clock = Stopwatch.StartNew();
        var result = await stack.BacktrackAsync(variables, "rollback", "service", "web", "--to", tag, "--yes");
        return (result, clock.Elapsed);
    }
}
