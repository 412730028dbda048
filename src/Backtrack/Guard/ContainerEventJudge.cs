using Backtrack.Compose;
using Backtrack.Engine;

namespace Backtrack.Guard;

/// <summary>
/// Reads the event stream for failures of the containers a window watches: an OOM kill, a restart, or an
/// exit with a code other than 0 and 143 (a stop by TERM, e.g. the next deploy replacing it).
/// </summary>
public static class ContainerEventJudge
{
    private const int StoppedByTerm = 143;

    public static Detection? Judge(EngineEvent engineEvent, IReadOnlyDictionary<string, string> watched)
    {
        if (!watched.TryGetValue(engineEvent.ContainerId, out var service))
        {
            return null;
        }

        var detail = engineEvent.Action switch
        {
            "oom" => "OOM killed (out of memory)",
            "restart" => "restarted",
            "die" when engineEvent.ExitCode is { } code and not 0 and not StoppedByTerm => $"exited with code {code}",
            _ => null,
        };
        return detail is null ? null : new Detection(engineEvent.Time, "container events", service, detail);
    }

    /// <summary>The Compose service a container event belongs to, from the labels the event carries.</summary>
    public static string? Service(EngineEvent engineEvent) => engineEvent.Attributes.GetValueOrDefault(ComposeLabels.Service);
}
