using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>Webhook notifications of a real rollback, received by a listener on 127.0.0.1.</summary>
public sealed class NotifyTests : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ConfigureAsync("notify:\n  webhookUrlEnv: BT_TEST_WEBHOOK\n");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_rollback_posts_its_start_and_its_outcome_to_the_webhook()
    {
        using var webhook = new WebhookListener();
        var received = webhook.ReceiveAsync(2, TimeSpan.FromSeconds(90));

        var result = await stack.BacktrackAsync(
            new Dictionary<string, string> { ["BT_TEST_WEBHOOK"] = webhook.Url }, "rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var texts = await received;
        var operation = TestStack.ParseJson(await stack.BacktrackAsync("history", "-o", "json", "--limit", "1"))[0].GetProperty("id").GetString()!;
        Assert.Contains($"rollback {operation} started on test", texts[0]);
        Assert.Contains($"rollback {operation} on test succeeded", texts[1]);
        Assert.Contains("backtrack-demo/web:v3", texts[1]);
        Assert.Contains("verification passed", texts[1]);
        Assert.All(texts, t => Assert.DoesNotContain("first-secret-value", t));
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_is_logged_and_never_fails_the_rollback()
    {
        var result = await stack.BacktrackAsync(
            new Dictionary<string, string> { ["BT_TEST_WEBHOOK"] = WebhookListener.Unanswered() }, "rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: notification failed", result.Stderr);
    }
}
