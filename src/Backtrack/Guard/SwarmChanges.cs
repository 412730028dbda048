using Backtrack.Engine;
using Backtrack.Swarm;

namespace Backtrack.Guard;

/// <summary>
/// Turns successive polls of a stack into events, as Compose's engine gives them for containers: "deploy" when a
/// service's task spec changes (the unit is the spec's digest with the service's name: two services may share a spec), "task-failed" for each task that failed or was
/// rejected since guard looked, "update-failed" when swarm paused an update or started rolling it back.
/// </summary>
public sealed class SwarmChanges(DateTimeOffset since)
{
    public const string Deploy = "deploy";
    public const string TaskFailed = "task-failed";
    public const string UpdateFailed = "update-failed";
    public const string ServiceAttribute = "service";
    public const string DigestAttribute = "digest";
    public const string DetailAttribute = "detail";

    private readonly Dictionary<string, string> digests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> updateStates = new(StringComparer.Ordinal);
    private readonly HashSet<string> failedTasks = new(StringComparer.Ordinal);

    /// <summary>What changed since the last poll (the first poll tells every service's spec as a deploy, and no update state).</summary>
    public IReadOnlyList<EngineEvent> Next(IReadOnlyList<StackService> services, DateTimeOffset now)
    {
        var events = new List<EngineEvent>();
        foreach (var service in services)
        {
            if (service.Details is not { Spec: { } spec } details)
            {
                continue;
            }

            events.AddRange(FailedTasks(service, now));
            // A service's first poll only records its update state: swarm keeps the last update's state (an earlier
            // incident's rollback_completed) until the next update, and that is no failure of this deploy.
            var state = details.UpdateStatus?.State;
            if (updateStates.TryGetValue(service.Service, out var before) && before != state && IsFailure(state))
            {
                var message = details.UpdateStatus?.Message is { } m ? $": {m}" : "";
                events.Add(Event(now, UpdateFailed, spec.TaskDigest, service.Service, $"swarm's update is {state!.Replace('_', ' ')}{message}"));
            }

            updateStates[service.Service] = state;
            if (digests.GetValueOrDefault(service.Service) != spec.TaskDigest)
            {
                digests[service.Service] = spec.TaskDigest;
                events.Add(Event(now, Deploy, Unit(service.Service, spec.TaskDigest), service.Service, spec.Image, spec.TaskDigest));
            }
        }

        return events;
    }

    /// <summary>The unit a window watches on swarm: a service's task spec (its digest first, as the journal abbreviates it).</summary>
    public static string Unit(string service, string digest) => $"{digest}/{service}";

    /// <summary>A service's update paused (failure_action: pause, the default) or rolling back (failure_action: rollback).</summary>
    public static bool IsFailure(string? updateState) =>
        updateState is "paused" || updateState?.StartsWith("rollback", StringComparison.Ordinal) == true;

    private IEnumerable<EngineEvent> FailedTasks(StackService service, DateTimeOffset now) =>
        service.Tasks
            .Where(t => t.State is TaskState.Failed or TaskState.Rejected && (t.Timestamp ?? now) >= since && failedTasks.Add(t.Id))
            .Select(t => Event(t.Timestamp ?? now, TaskFailed, t.Id, service.Service,
                $"task {(t.Slot is { } slot and > 0 ? slot.ToString(System.Globalization.CultureInfo.InvariantCulture) : t.Id[..Math.Min(12, t.Id.Length)])} {t.State.ToString().ToLowerInvariant()}: {t.Error ?? "no error given"}",
                t.SpecDigest));

    private static EngineEvent Event(DateTimeOffset at, string action, string id, string service, string detail, string? digest = null) =>
        new(at, action, id, new Dictionary<string, string>
        {
            [ServiceAttribute] = service,
            [DigestAttribute] = digest ?? id,
            [DetailAttribute] = detail,
        });
}
