using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Guard;

/// <summary>
/// Swarm's counterpart of the container judge: a task of a watched spec that failed or was rejected (a crash,
/// an unhealthy container swarm killed, a node that refused it), or swarm pausing or rolling back the update
/// of a watched service.
/// </summary>
public static class SwarmEventJudge
{
    public static Detection? Judge(EnvironmentConfig env, EngineEvent engineEvent, IReadOnlyDictionary<string, string> watched)
    {
        var service = engineEvent.Attributes.GetValueOrDefault(SwarmChanges.ServiceAttribute);
        if (service is null || !GuardSignals.WatchesEvents(env, service))
        {
            return null;
        }

        var relevant = engineEvent.Action switch
        {
            SwarmChanges.TaskFailed => watched.ContainsKey(SwarmChanges.Unit(service, engineEvent.Attributes.GetValueOrDefault(SwarmChanges.DigestAttribute) ?? "")),
            SwarmChanges.UpdateFailed => watched.Values.Contains(service, StringComparer.Ordinal),
            _ => false,
        };
        return relevant
            ? new Detection(engineEvent.Time, engineEvent.Action == SwarmChanges.TaskFailed ? "swarm tasks" : "swarm update", service, engineEvent.Attributes[SwarmChanges.DetailAttribute])
            : null;
    }
}
