using Backtrack.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Backtrack.IntegrationTests;

/// <summary>
/// PagerDuty that never answers and a mail server that never greets: a real rollback still succeeds, each
/// channel given up after the notify timeout is a warning and a journal row, and no secret is printed.
/// </summary>
public sealed class NotifyFaultTests : IAsyncLifetime
{
    private const string RoutingKey = "pd-routing-key-77d0";

    private readonly TestStack stack = new();

    public async Task InitializeAsync() => await stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Channels_that_hang_never_fail_the_rollback_and_are_journaled_as_failed()
    {
        await using var pagerDuty = FaultyWebhook.Start(WebhookFault.NeverAnswers);
        await using var smtp = SmtpTestServer.StartSilent();
        await stack.ConfigureAsync($"""
            notify:
              timeout: 2s
              pagerduty:
                routingKeyEnv: BT_TEST_PD_KEY
                url: http://127.0.0.1:{pagerDuty.Port}/v2/enqueue
              email: {"{"} host: 127.0.0.1, port: {smtp.Port}, from: backtrack@example.test, to: [ops@example.test] {"}"}

            """);

        var result = await stack.BacktrackAsync(new Dictionary<string, string> { ["BT_TEST_PD_KEY"] = RoutingKey }, "rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), (await stack.InspectAsync("web")).Image);
        Assert.Contains("warning: notification failed: no answer within 2 s (pagerduty, started)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("warning: notification failed: no answer within 2 s (email, succeeded)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(RoutingKey, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.True(pagerDuty.Connections > 0, "PagerDuty was never called");
        Assert.Equal(
            ["email started", "email succeeded", "pagerduty started", "pagerduty succeeded"],
            await FailedNotificationsAsync());
    }

    /// <summary>The journal's notifications that carry an error, as "channel event", sorted.</summary>
    private async Task<List<string>> FailedNotificationsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(stack.Directory, "state", "backtrack.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel || ' ' || event FROM notifications WHERE error IS NOT NULL ORDER BY 1";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
