namespace Backtrack.Engine;

/// <summary>
/// A container's restart policy by Docker's and Compose's names ("no", "always", "unless-stopped",
/// "on-failure" with its maximum retry count).
/// </summary>
public sealed record RestartPolicy(string Name, long MaximumRetryCount)
{
    public const string NoName = "no";
    public const string AlwaysName = "always";
    public const string UnlessStoppedName = "unless-stopped";
    public const string OnFailureName = "on-failure";

    /// <summary>Never restarted by the engine, not even when the daemon starts.</summary>
    public static readonly RestartPolicy No = new(NoName, 0);

    /// <summary>The policy by one of the four names; an empty name is the engine's default, "no".</summary>
    public static RestartPolicy Of(string? name, long maximumRetryCount) => name switch
    {
        null or "" or NoName => No,
        AlwaysName or UnlessStoppedName => new(name, 0),
        OnFailureName => new(name, maximumRetryCount),
        _ => throw new BacktrackException($"unknown restart policy '{name}'"),
    };

    /// <summary>
    /// "always" starts a container when the daemon starts even after it was stopped by hand (docker stop);
    /// "unless-stopped" and "on-failure" leave a stopped container stopped.
    /// </summary>
    public bool RestartsWhenStopped => Name == AlwaysName;

    public override string ToString() => Name == OnFailureName && MaximumRetryCount > 0 ? $"{Name}:{MaximumRetryCount}" : Name;
}
