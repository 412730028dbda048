using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// Sets a replicated service's replica count (a writer scaled to 0 while its databases are restored, and
/// back). Waits, within the timeout, until as many tasks as asked for run (no more on the way down, no
/// fewer on the way up: an undo that re-plans a restore finds the new task running). The undo scales it
/// back to the count it had.
/// </summary>
[StepKind("service.scale")]
public sealed record ScaleServiceStep(int Wave, string Lane, string ServiceId, string Name, ulong Replicas, ulong Before, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public override string Describe() => $"scale service {Name} from {Before} to {Replicas} replicas";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => ScaleAsync(context, Replicas, Before, ct);

    public override string DescribeCompensation() => $"scale service {Name} back to {Before} replicas";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => ScaleAsync(context, Before, Replicas, ct);

    private async Task ScaleAsync(StepContext context, ulong replicas, ulong from, CancellationToken ct)
    {
        await context.Engine.ScaleServiceAsync(ServiceId, replicas, ct).ConfigureAwait(false);
        var up = replicas > from;
        var running = 0;
        for (var poll = 0; poll <= (int)(Timeout / PollInterval); poll++)
        {
            var tasks = await context.Engine.ListTasksAsync(ServiceId, ct).ConfigureAwait(false);
            running = tasks.Count(t => t.State == TaskState.Running);
            if (up ? (ulong)running >= replicas : (ulong)running <= replicas)
            {
                return;
            }

            await Task.Delay(PollInterval, context.Clock, ct).ConfigureAwait(false);
        }

        throw new BacktrackException($"service {Name} runs {running} tasks {Timeout.TotalSeconds:0.#} s after it was scaled to {replicas}");
    }
}
