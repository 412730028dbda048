namespace Backtrack.Cli.Serve;

/// <summary>
/// An action asked for by the page: "rollback" (Services empty: all) to a release, "verify" or
/// "snapshot"; to run, it carries the plan text the user confirmed.
/// </summary>
public sealed record ActionRequest(string Action, IReadOnlyList<string>? Services, string? To, string? ConfirmedPlan)
{
    public string Command => Action switch
    {
        "rollback" when Services is { Count: > 0 } names => $"rollback service {string.Join(' ', names)}",
        "rollback" => "rollback all",
        "snapshot" => "snapshot create",
        "verify" => "verify",
        _ => throw new BacktrackException($"unknown action '{Action}'; use rollback, verify or snapshot"),
    };
}
