namespace Backtrack.Compose;

/// <summary>
/// Names Backtrack gives containers while it swaps them: a staging name for the new container until it
/// takes the service's name, and an aside name for the old one, kept stopped for an instant roll-forward.
/// </summary>
public static class ContainerNames
{
    private const string AsideMarker = ".bt-aside-";
    private const string StagingSuffix = ".bt-new";

    public static string Staging(string name) => name + StagingSuffix;

    /// <summary>The aside name carries the operation that set the container aside, for repair after a crash.</summary>
    public static string Aside(string name, string operationId) => name + AsideMarker + operationId;

    /// <summary>The service container's proper name, for any of the names above.</summary>
    public static string Proper(string name)
    {
        var aside = name.IndexOf(AsideMarker, StringComparison.Ordinal);
        if (aside >= 0)
        {
            return name[..aside];
        }

        return name.EndsWith(StagingSuffix, StringComparison.Ordinal) ? name[..^StagingSuffix.Length] : name;
    }

    public static bool IsAside(string name) => name.Contains(AsideMarker, StringComparison.Ordinal);

    public static bool IsStaging(string name) => name.EndsWith(StagingSuffix, StringComparison.Ordinal);
}
