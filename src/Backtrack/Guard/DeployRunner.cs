using Backtrack.Execution;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.Releases;

namespace Backtrack.Guard;

/// <summary>
/// backtrack deploy: under the environment's lock, records what runs (after a snapshot when asked, named in
/// the release's note), runs the deploy command, watches every service for the window, then records the
/// deploy as good, or rolls every service back to the recorded release and writes the incident report.
/// </summary>
public sealed class DeployRunner(GuardKit kit)
{
    /// <summary>How long the team's deploy command may run.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(30);

    public async Task<DeployOutcome> RunAsync(DeployRequest request, IReadOnlyList<IExecutionObserver> observers, TextWriter say, CancellationToken ct)
    {
        using var session = await kit.Operations.BeginWaitingAsync("deploy", request.LockTimeout, line => say.WriteLine(line), ct).ConfigureAwait(false);
        var before = await kit.Source.CurrentAsync(ct).ConfigureAwait(false);
        var baseline = await RecordAsync(session, request.Snapshot, ReleaseOrigins.BeforeDeploy, "before deploy", observers, ct).ConfigureAwait(false);
        await say.WriteLineAsync($"recorded release {baseline.Id} (before deploy); running {string.Join(' ', request.Command)}").ConfigureAwait(false);

        using var feedStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = kit.Clock.GetUtcNow();
        var events = kit.Source.Follow(started, line => say.WriteLine(line), feedStop.Token);
        var output = await ExternalProcess.RunAsync(
            request.Command[0], request.Command.Skip(1).ToList(), request.WorkingDirectory, CommandTimeout, ct, request.Environment).ConfigureAwait(false);
        await say.WriteAsync(output.Stdout + output.Stderr).ConfigureAwait(false);

        var now = kit.Clock.GetUtcNow();
        var changed = (await kit.Source.CurrentAsync(ct).ConfigureAwait(false)).Where(c => !before.ContainsKey(c.Key)).ToDictionary();
        var window = new WatchWindow(baseline.OperationId ?? "", started, now + request.Window, baseline.Id, changed);
        await say.WriteLineAsync($"watching every service for {request.Window.TotalSeconds:0.#} s ({changed.Count} deployed: {string.Join(", ", changed.Values.Distinct())})").ConfigureAwait(false);
        var detection = output.ExitCode != 0
            ? new Detection(now, "deploy command", request.Command[0], $"exited with code {output.ExitCode}")
            : await kit.Watcher.RunAsync(window, events, (_, _) => Task.CompletedTask, line => say.WriteLine(line), ct).ConfigureAwait(false);
        await feedStop.CancelAsync().ConfigureAwait(false);

        if (detection is null)
        {
            await RecordAsync(session, null, ReleaseOrigins.PassedWindow, $"deploy healthy for {request.Window.TotalSeconds:0.#} s", observers, ct).ConfigureAwait(false);
            return new DeployOutcome(DeployResult.Healthy, baseline.Id, null, null, null);
        }

        await say.WriteLineAsync($"deploy failed: {detection.Describe()}").ConfigureAwait(false);
        if (!request.RollBack)
        {
            await RecordAsync(session, null, ReleaseOrigins.FailedWindow, $"failed its watch window, not rolled back: {detection.Describe()}", observers, ct).ConfigureAwait(false);
            return new DeployOutcome(DeployResult.FailedNotRolledBack, baseline.Id, detection, null, null);
        }

        var plan = await AutoRollback.PlanAsync(kit.Planner, kit.Env, window, detection, ct).ConfigureAwait(false);
        if (plan.IsEmpty)
        {
            return new DeployOutcome(DeployResult.FailedNotRolledBack, baseline.Id, detection, null, null);
        }

        var outcome = await AutoRollback.RunAsync(session, plan, detection, observers).ConfigureAwait(false);
        var report = await kit.WriteReportAsync(plan.Id, CancellationToken.None).ConfigureAwait(false);
        var result = outcome.Execution.Outcome == ExecutionOutcome.Succeeded ? DeployResult.RolledBack : DeployResult.RollbackFailed;
        return new DeployOutcome(result, baseline.Id, detection, outcome, report);
    }

    private Task<Release> RecordAsync(
        OperationSession session, PlanStep? snapshot, string origin, string note, IReadOnlyList<IExecutionObserver> observers, CancellationToken ct) =>
        ReleaseRecording.RecordAsync(session, kit.Clock, snapshot, origin, note, observers, ct);
}
