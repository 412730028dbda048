using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Backtrack.Execution;
using Backtrack.Notify;
using Backtrack.Planning;

namespace Backtrack.Tests.Notify;

public sealed class WebhookNotifierTests
{
    [Fact]
    public async Task Given_a_webhook_that_never_answers_when_a_short_operation_ends_then_its_messages_are_given_up_within_one_timeout()
    {
        // A listener that is never accepted from: the kernel completes the connection, nobody ever answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var log = new StringWriter();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/services/T0/B0/secret-token");
        using var notifier = new WebhookNotifier("test", url, WebhookNotifier.CreateHttpClient(), log);
        var clock = Stopwatch.StartNew();

        await notifier.OperationStartedAsync("op-1", new Plan("op-1", "rollback", "web to v3", []), CancellationToken.None);
        await notifier.OperationEndedAsync("op-1", new ExecutionResult("op-1", ExecutionOutcome.Succeeded, null, null, [], TimeSpan.Zero), CancellationToken.None);

        Assert.True(clock.Elapsed < WebhookNotifier.Timeout + TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("warning: notification failed: no answer within 5 s", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", log.ToString(), StringComparison.Ordinal);
    }
}
