namespace Backtrack.Engine;

/// <summary>One event of a container: the action ("start", "die", "oom", ...), the container, its labels and exit code where given.</summary>
public sealed record EngineEvent(DateTimeOffset Time, string Action, string ContainerId, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The exit code a "die" event carries, or null.</summary>
    public int? ExitCode => Attributes.TryGetValue("exitCode", out var code) && int.TryParse(code, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
