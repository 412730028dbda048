using Backtrack.Rollback;
using Backtrack.Verify;
using Backtrack.Cli.Settings;
using Backtrack.Git;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack rollback git: the deploy repository back to the last good commit, redeployed and health-gated.</summary>
public sealed class RollbackGitCommand : EnvironmentCommand<RollbackGitSettings>
{
    protected override string OnSwarmInstead =>
        "its redeploy and gates are Compose's; 'backtrack rollback all --to RELEASE' restores a recorded release of the stack, and 'backtrack pin' writes its images back to the stack file";

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, RollbackGitSettings settings, CancellationToken ct)
    {
        var request = new GitRollbackRequest(
            settings.To,
            settings.Mode == "reset" ? GitRollbackMode.Reset : GitRollbackMode.Revert,
            settings.Push,
            settings.Force,
            settings.Before);
        var command = $"rollback git --mode {settings.Mode}{(settings.Push ? " --push" : "")}";
        using var session = await environment.Operations.BeginAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        var planner = await environment.GitRollbackPlannerAsync(ct).ConfigureAwait(false);
        var plan = await planner.PlanAsync(environment.Config, request, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
    }
}
