using System.Globalization;
using System.Net.Http.Json;
using Backtrack.Configuration;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Secrets;
using Backtrack.Verify;

namespace Backtrack.Notify;

/// <summary>
/// Posts a Slack-compatible message (<c>{"text": ...}</c>) when an operation starts and when it ends, with
/// its summary, outcome and verification. A notification that fails is written to the log and never fails
/// or delays the operation beyond a short timeout; the start message is sent while the operation runs.
/// </summary>
public sealed class WebhookNotifier(string environment, Uri url, HttpClient http, TextWriter log) : IExecutionObserver, IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private Task started = Task.CompletedTask;
    private Plan? plan;
    private string? verification;

    /// <summary>The notifier the config asks for, or null when none is configured or its variable is empty (said on the log).</summary>
    public static WebhookNotifier? FromConfig(EnvironmentConfig config, TextWriter log)
    {
        if (config.Notify.WebhookUrlEnv is not { } variable)
        {
            return null;
        }

        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            log.WriteLine($"warning: notify.webhookUrlEnv names {variable}, which holds no http(s) URL; no notifications are sent");
            return null;
        }

        return new WebhookNotifier(config.Name, url, CreateHttpClient(), log);
    }

    /// <summary>No proxy: a webhook on 127.0.0.1 (or the intranet) is reached directly.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };

    public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct)
    {
        this.plan = plan;
        started = PostAsync($":rewind: Backtrack {plan.Kind} {operationId} started on {environment}: {plan.Summary}", CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) => Task.CompletedTask;

    public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct)
    {
        if (step is VerifyStep)
        {
            verification = error is null ? "verification passed" : error.Message;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Posts the end message after the start message, both within one <see cref="Timeout"/> from now: a start
    /// message still unanswered by then is given up, so a webhook that never answers delays the operation's end
    /// by at most the timeout, however short the operation was.
    /// </summary>
    public async Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await started.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await log.WriteLineAsync($"warning: notification failed: no answer within {Timeout.TotalSeconds:0} s").ConfigureAwait(false);
            return;
        }

        await PostAsync(Message(environment, plan?.Kind ?? "operation", plan?.Summary, result, verification), deadline.Token).ConfigureAwait(false);
    }

    public void Dispose() => http.Dispose();

    /// <summary>The end message: outcome, duration, summary, the failed step and error, the verification.</summary>
    public static string Message(string environment, string kind, string? summary, ExecutionResult result, string? verification)
    {
        var (icon, outcome) = result.Outcome switch
        {
            ExecutionOutcome.Succeeded => (":white_check_mark:", "succeeded"),
            ExecutionOutcome.RolledBack => (":x:", "failed; what ran before was restored"),
            _ => (":rotating_light:", "failed and restoring failed too; look now"),
        };
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{icon} Backtrack {kind} {result.OperationId} on {environment} {outcome} in {result.Duration.TotalSeconds:0.0} s"),
        };
        if (summary is not null)
        {
            lines.Add(summary);
        }

        if (result.FailedStep is { } failed)
        {
            lines.Add($"failed step: {failed.Describe()}: {result.Error}");
        }

        lines.AddRange(result.CompensationErrors.Select(e => $"undo failed: {e}"));
        if (verification is not null)
        {
            lines.Add(verification);
        }

        return string.Join('\n', lines);
    }

    /// <summary>Posts one message with every secret redacted (the webhook is output too); a failure (the URL never in it: it may hold a token) is a warning on the log.</summary>
    private async Task PostAsync(string text, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(url, new { text = SecretRegistry.Redact(text) }, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await log.WriteLineAsync($"warning: notification not accepted: HTTP {(int)response.StatusCode}").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await log.WriteLineAsync($"warning: notification failed: no answer within {Timeout.TotalSeconds:0} s").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await log.WriteLineAsync(SecretRegistry.Redact($"warning: notification failed: {e.InnerException?.Message ?? e.Message}")).ConfigureAwait(false);
        }
    }
}
