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

    /// <summary>The origin of the release recorded before the swap: an automatic rollback marks the failed deploy (<see cref="Releases.ReleaseOrigins.FailedWindow"/>).</summary>
    public string RecordBeforeAs { get; init; } = Releases.ReleaseOrigins.BeforeRollback;

    public string BeforeNote { get; init; } = "state before rollback";

    /// <summary>The plan's ID when the caller names it (the hosts of one multi-host plan share it); null: a new one.</summary>
    public string? PlanId { get; init; }
}
