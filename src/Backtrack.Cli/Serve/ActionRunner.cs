using System.Collections.Concurrent;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Configuration;
using Backtrack.FullSystem;
using Backtrack.FullSystem.Steps;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.Rollback;

namespace Backtrack.Cli.Serve;

/// <summary>
/// The page's actions, run as the CLI runs them: a session of the environment's operation service
/// (lock, refusal while a repair is due, journal, notifications), the plan the CLI would make, the
/// closing checklist (on a swarm, the swarm rollback planner's plan). An action runs on in the background;
/// the timeline shows its steps.
/// </summary>
public sealed class ActionRunner : IAsyncDisposable
{
    private static readonly TimeSpan VerifyWindow = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Task> running = new();

    /// <summary>What the action would do: the plan as --dry-run prints it (and as JSON). Takes no lock, changes nothing.</summary>
    public static async Task<ActionPlanJson> PlanAsync(EnvironmentConfig config, ActionRequest request, CancellationToken ct)
    {
        if (request.Action == "verify")
        {
            return new ActionPlanJson(request.Action, null, null, $"verify: the checklist (running, health, error lines in the last {Format.Duration(VerifyWindow)} of logs, restarts, databases, disk); read-only\n");
        }

        using var environment = new BacktrackEnvironment(config);
        using var session = await environment.Operations.BeginOnAnyBackendAsync(request.Command, dryRun: true, ct).ConfigureAwait(false);
        var plan = await MakePlanAsync(environment, request, ct).ConfigureAwait(false);
        return new ActionPlanJson(request.Action, plan.Id, PlanView.ToJson(plan), PlanView.Text(plan));
    }

    /// <summary>
    /// Starts the action under the lock and returns its operation ID once it runs. A plan that differs from
    /// the one confirmed (the stack changed meanwhile) is refused, exit 3's conflict.
    /// </summary>
    public async Task<ActionStartJson> StartAsync(EnvironmentConfig config, ActionRequest request, CancellationToken ct)
    {
        BacktrackEnvironment? environment = new(config);
        OperationSession? session = null;
        try
        {
            if (request.Action == "verify")
            {
                var report = await environment.Verifier.RunAsync(config, VerifyWindow, ct).ConfigureAwait(false);
                return new ActionStartJson(request.Action, null, VerifyView.ToJson(report));
            }

            session = await environment.Operations.BeginOnAnyBackendAsync(request.Command, dryRun: false, ct).ConfigureAwait(false);
            var plan = await MakePlanAsync(environment, request, ct).ConfigureAwait(false);
            if (!request.Confirms(plan.Id, PlanView.Text(plan)))
            {
                throw new ConflictException("the plan changed since it was shown (the stack changed); review the new plan and confirm again (nothing was changed)");
            }

            var (owner, lockHolder) = (environment, session);
            running[plan.Id] = Task.Run(() => RunAsync(owner, lockHolder, plan), CancellationToken.None);
            (environment, session) = (null, null);
            return new ActionStartJson(request.Action, plan.Id, null);
        }
        finally
        {
            session?.Dispose();
            environment?.Dispose();
        }
    }

    /// <summary>Waits for actions still running: the server stops only once they have finished or undone themselves.</summary>
    public async ValueTask DisposeAsync() => await Task.WhenAll(running.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private static async Task<Plan> MakePlanAsync(BacktrackEnvironment environment, ActionRequest request, CancellationToken ct)
    {
        if (request.Action == "snapshot")
        {
            var id = Plan.NewId(environment.Clock);
            // A full snapshot on both backends, as 'snapshot create' takes (on a swarm its config part records a release).
            var step = new CreateSnapshotStep(0, id, SnapshotParts.All, null, "from the status page");
            return new Plan(id, "snapshot", step.Describe(), [step]);
        }

        var rollback = new RollbackRequest(
            request.Services ?? [], string.IsNullOrWhiteSpace(request.To) ? RollbackRequest.Previous : request.To, false, null, null, Verify: true);
        return environment.Config.Backend is Backend.Swarm
            ? await (await environment.SwarmRollbackPlannerAsync(ct).ConfigureAwait(false)).PlanAsync(environment.Config, rollback, ct).ConfigureAwait(false)
            : await (await environment.RollbackPlannerAsync(ct).ConfigureAwait(false)).PlanAsync(environment.Config, rollback, ct).ConfigureAwait(false);
    }

    /// <summary>Runs to the end whatever happens to the page: an operation is never left half-done by a closed tab.</summary>
    private async Task RunAsync(BacktrackEnvironment environment, OperationSession session, Plan plan)
    {
        try
        {
            await session.RunAsync(plan, [], CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            session.Dispose();
            environment.Dispose();
            running.TryRemove(plan.Id, out _);
        }
    }
}
