using System.Globalization;
using Backtrack.Configuration;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Secrets;
using Backtrack.Verify;

namespace Backtrack.Notify;

/// <summary>
/// Tells every configured channel, in parallel, that an operation started and how it ended. A channel that
/// fails or hangs never fails the operation and holds up its end by at most one timeout: the start notices go
/// out while the operation runs, and each channel's end notice waits for its start notice (PagerDuty's trigger
/// before its resolve) within the same timeout. Every delivery and failure is journaled; failures are
/// warnings on the log, redacted.
/// </summary>
public sealed class NotifyingObserver(string environment, IReadOnlyList<INotificationChannel> channels, TimeSpan timeout, Journal? journal, TextWriter log)
    : IExecutionObserver, IDisposable
{
    private readonly TextWriter warnings = TextWriter.Synchronized(log);
    private readonly HttpClient? http;
    private Dictionary<INotificationChannel, Task> started = [];
    private Plan? plan;
    private string? verification;
    private bool verificationFailed;

    private NotifyingObserver(EnvironmentConfig config, HttpClient http, Journal? journal, TextWriter log)
        : this(config.Name, NotificationChannels.FromConfig(config.Notify, http, log), config.Notify.Timeout, journal, log)
    {
        this.http = http;
    }

    public static NotifyingObserver FromConfig(EnvironmentConfig config, Journal? journal, TextWriter log) => new(config, JsonPost.CreateClient(), journal, log);

    public IReadOnlyList<INotificationChannel> Channels => channels;

    public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct)
    {
        this.plan = plan;
        var notice = new OperationNotice(environment, operationId, plan.Kind, plan.Summary) { Incident = plan.Incident };
        started = channels.Where(c => c.Wants(notice)).ToDictionary(c => c, c => DeliverAsync(c, notice, Task.CompletedTask));
        return Task.CompletedTask;
    }

    public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) => Task.CompletedTask;

    public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct)
    {
        if (step is IChecklistStep)
        {
            verification = error is null ? "verification passed" : error.Message;
            verificationFailed = error is not null;
        }

        return Task.CompletedTask;
    }

    public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct)
    {
        var notice = new OperationNotice(environment, operationId, plan?.Kind ?? "operation", plan?.Summary)
        {
            Incident = plan?.Incident, Result = result, Verification = verification, VerificationFailed = verificationFailed,
        };
        // The start notices too, each bounded by its own timeout: an operation ends with every delivery it began
        // settled (a start notice given up by its end notice's deadline still writes its warning and journal row).
        var ended = channels.Where(c => c.Wants(notice)).Select(c => DeliverAsync(c, notice, started.GetValueOrDefault(c, Task.CompletedTask)));
        return Task.WhenAll(ended.Concat(started.Values));
    }

    public void Dispose() => http?.Dispose();

    /// <summary>Sends after what must go first, both within one timeout from now; never throws.</summary>
    private async Task DeliverAsync(INotificationChannel channel, OperationNotice notice, Task before)
    {
        await Task.Yield();
        string? error = null;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await before.WaitAsync(deadline.Token).ConfigureAwait(false);
            await channel.SendAsync(notice, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"failed: no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (NotificationRejectedException e)
        {
            error = $"not accepted: {e.Message}";
        }
        catch (Exception e)
        {
            error = $"failed: {e.InnerException?.Message ?? e.Message}";
        }

        error = error is null ? null : SecretRegistry.Redact(error);
        if (error is not null)
        {
            await warnings.WriteLineAsync($"warning: notification {error} ({channel.Name}, {notice.Event})").ConfigureAwait(false);
        }

        await JournalAsync(channel, notice, error).ConfigureAwait(false);
    }

    /// <summary>A journal that cannot take the record (a full disk) costs a warning, never the operation.</summary>
    private async Task JournalAsync(INotificationChannel channel, OperationNotice notice, string? error)
    {
        if (journal is null)
        {
            return;
        }

        try
        {
            await journal.RecordNotificationAsync(notice.OperationId, channel.Name, notice.Event, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await warnings.WriteLineAsync(SecretRegistry.Redact($"warning: could not journal the {channel.Name} notification: {e.Message}")).ConfigureAwait(false);
        }
    }
}
