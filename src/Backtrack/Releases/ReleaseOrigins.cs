namespace Backtrack.Releases;

/// <summary>The origins of releases that decide rollback targets.</summary>
public static class ReleaseOrigins
{
    /// <summary>What ran before a rollback (the incident report reads origins starting with "before" as such).</summary>
    public const string BeforeRollback = "before-rollback";

    /// <summary>A deploy that failed its watch window, recorded as the automatic rollback began: never a rollback target again.</summary>
    public const string FailedWindow = "before-rollback:failed-window";

    /// <summary>Recorded by 'deploy' before it runs the deploy command.</summary>
    public const string BeforeDeploy = "before-deploy";

    /// <summary>A deploy that stayed healthy for its whole window.</summary>
    public const string PassedWindow = "window-passed";

    public static bool FailedItsWindow(Release release) => release.Origin == FailedWindow;
}
