using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// PagerDuty (Events API v2) and email (SMTP) notifications of real rollbacks, received by a listener and an
/// SMTP server the test starts on 127.0.0.1; the routing key and the SMTP password never show in the output.
/// </summary>
public sealed class NotifyChannelTests : IAsyncLifetime
{
    private const string RoutingKey = "pd-routing-key-5f3a";
    private const string SmtpPassword = "smtp-password-9c1e";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private readonly TestStack stack = new();
    private readonly WebhookListener pagerDuty = new();
    private readonly SmtpTestServer smtp = SmtpTestServer.Start();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ConfigureAsync(NotifyTestChannels.Yaml(pagerDuty.Url, smtp.Port, "usernameEnv: BT_TEST_SMTP_USER", "passwordEnv: BT_TEST_SMTP_PASSWORD"));
    }

    public async Task DisposeAsync()
    {
        pagerDuty.Dispose();
        await smtp.DisposeAsync();
        await stack.DisposeAsync();
    }

    [Fact]
    public async Task A_verified_rollback_triggers_and_resolves_one_incident_and_mails_its_start_and_outcome()
    {
        var (result, operation, events, mails) = await RollbackAsync("v3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var (trigger, resolve) = events is [var first, var second] ? (first, second) : throw new InvalidOperationException();
        Assert.Equal(("trigger", "warning"), (Text(trigger, "event_action"), Text(trigger.GetProperty("payload"), "severity")));
        Assert.Equal($"Backtrack rollback {operation} started on test", Text(trigger.GetProperty("payload"), "summary"));
        Assert.Equal("resolve", Text(resolve, "event_action"));
        Assert.All(new[] { trigger, resolve }, e => Assert.Equal($"backtrack/test/{operation}", Text(e, "dedup_key")));
        Assert.All(new[] { trigger, resolve }, e => Assert.Equal(RoutingKey, Text(e, "routing_key")));

        var (started, ended) = mails is [var one, var two] ? (one, two) : throw new InvalidOperationException();
        Assert.Equal($"Backtrack rollback {operation} started on test", started.Subject);
        Assert.StartsWith($"Backtrack rollback {operation} on test succeeded in ", ended.Subject, StringComparison.Ordinal);
        Assert.Contains("backtrack-demo/web:v3", ended.Data, StringComparison.Ordinal);
        Assert.Contains("verification passed", ended.Data, StringComparison.Ordinal);
        Assert.StartsWith("MAIL FROM:<backtrack@example.test>", ended.From, StringComparison.Ordinal);
        Assert.Equal(2, ended.To.Count);
        Assert.Equal($"\0ops-bot\0{SmtpPassword}", ended.DecodedLogin);
        Assert.DoesNotContain(RoutingKey, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(SmtpPassword, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_that_fails_triggers_its_incident_again_as_critical_and_never_resolves_it()
    {
        // v2 has no /health: the new web never turns healthy and the rollback undoes itself.
        var (result, operation, received, mails) = await RollbackAsync("v2");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["trigger", "trigger"], received.Select(e => Text(e, "event_action")));
        Assert.Equal(["warning", "critical"], received.Select(e => Text(e.GetProperty("payload"), "severity")));
        Assert.All(received, e => Assert.Equal($"backtrack/test/{operation}", Text(e, "dedup_key")));
        Assert.Contains("failed; what ran before was restored", Text(received[1].GetProperty("payload"), "summary"), StringComparison.Ordinal);
        Assert.Contains("failed; what ran before was restored", mails[1].Subject, StringComparison.Ordinal);
    }

    /// <summary>rollback service web --to TAG with the channels' secrets in its environment; its operation and the two events and mails it sent.</summary>
    private async Task<(ProcessResult Result, string Operation, IReadOnlyList<JsonElement> Events, IReadOnlyList<SmtpTestMail> Mails)> RollbackAsync(string tag)
    {
        var events = pagerDuty.ReceiveJsonAsync(2, Wait);
        var mails = smtp.ReceiveAsync(2, Wait);
        var result = await stack.BacktrackAsync(
            new Dictionary<string, string> { ["BT_TEST_PD_KEY"] = RoutingKey, ["BT_TEST_SMTP_USER"] = "ops-bot", ["BT_TEST_SMTP_PASSWORD"] = SmtpPassword },
            "rollback", "service", "web", "--to", tag, "--yes");
        var operation = TestStack.ParseJson(await stack.BacktrackAsync("history", "-o", "json", "--limit", "1"))[0].GetProperty("id").GetString()!;
        return (result, operation, await events, await mails);
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";
}
