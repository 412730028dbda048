using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// Removes the stopped containers of a service scaled to 0: swarm keeps those of past tasks as its task
/// history, and each still holds the volumes a full rollback replaces. Waits, within the timeout, for a
/// container still stopping; a running one is never removed.
/// </summary>
[StepKind("service.remove-task-containers")]
public sealed record RemoveTaskContainersStep(int Wave, string Lane, string ServiceId, string Name, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public override string Describe() => $"remove the stopped containers of {Name}'s tasks (swarm's task history; they hold its volumes)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var filter = new Dictionary<string, string?> { [SwarmLabels.ServiceId] = ServiceId };
        for (var poll = 0; poll <= (int)(Timeout / PollInterval); poll++)
        {
            var containers = await context.Engine.ListContainersAsync(filter, ct).ConfigureAwait(false);
            if (containers.All(c => c.State is "exited" or "created" or "dead"))
            {
                foreach (var container in containers)
                {
                    try
                    {
                        await context.Engine.RemoveContainerAsync(container.Id, ct).ConfigureAwait(false);
                    }
                    catch (ContainerNotFoundException)
                    {
                        // Swarm removed it meanwhile (it does so for the task of a scale-down).
                    }
                }

                return;
            }

            await Task.Delay(PollInterval, context.Clock, ct).ConfigureAwait(false);
        }

        throw new BacktrackException($"a container of service {Name} still runs {Timeout.TotalSeconds:0.#} s after it was scaled to 0");
    }
}
