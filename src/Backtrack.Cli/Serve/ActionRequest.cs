namespace Backtrack.Cli.Serve;

/// <summary>
/// An action asked for by the page: "rollback" (Services empty: all) to a release, "verify" or
/// "snapshot"; to run, it carries the plan text the user confirmed and that plan's ID.
/// </summary>
public sealed record ActionRequest(string Action, IReadOnlyList<string>? Services, string? To, string? ConfirmedPlan, string? ConfirmedPlanId)
{
    /// <summary>
    /// Whether a plan made under the lock is the one confirmed: the same text but for its own ID, which
    /// names kept-aside containers and snapshots (every plan gets a new one).
    /// </summary>
    public bool Confirms(string planId, string planText) =>
        ConfirmedPlan is not null && ConfirmedPlanId is { Length: > 0 } confirmedId
        && ConfirmedPlan.Replace(confirmedId, "{operation}", StringComparison.Ordinal) == planText.Replace(planId, "{operation}", StringComparison.Ordinal);

    public string Command => Action switch
    {
        "rollback" when Services is { Count: > 0 } names => $"rollback service {string.Join(' ', names)}",
        "rollback" => "rollback all",
        "snapshot" => "snapshot create",
        "verify" => "verify",
        _ => throw new BacktrackException($"unknown action '{Action}'; use rollback, verify or snapshot"),
    };
}
