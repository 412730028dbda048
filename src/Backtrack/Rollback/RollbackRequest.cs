namespace Backtrack.Rollback;

/// <summary>
/// What to roll back and to what. Target: "previous", a release number, an image tag, reference or ID.
/// No services means every service of the environment.
/// </summary>
public sealed record RollbackRequest(
    IReadOnlyList<string> Services,
    string Target,
    bool ImageOnly,
    TimeSpan? StopTimeout,
    TimeSpan? HealthTimeout,
    bool Verify = true)
{
    public const string Previous = "previous";
}
