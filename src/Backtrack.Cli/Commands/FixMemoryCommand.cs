using Backtrack.Rollback;
using Backtrack.Verify;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Scenarios;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack fix memory SERVICE --limit SIZE: a memory limit through the engine (and a restart), memory use before and after.</summary>
public sealed class FixMemoryCommand : EnvironmentCommand<FixMemorySettings>
{
    protected override string OnSwarmInstead =>
        "fix memory sets one container's live limit, which swarm drops when it replaces the task: set deploy.resources.limits.memory in the stack file and run 'docker stack deploy'";

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, FixMemorySettings settings, CancellationToken ct)
    {
        var bytes = MemorySize.Parse(settings.Limit, "--limit");
        var command = $"fix memory {settings.Service}";
        using var session = await environment.Operations.BeginAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        var container = await environment.Inspector.RequireAsync(environment.Config, settings.Service, ct).ConfigureAwait(false);
        var before = await environment.Engine.GetMemoryUsageAsync(container.Id, ct).ConfigureAwait(false);
        var plan = await new MemoryFixPlanner(environment.Engine, environment.Inspector, environment.Clock)
            .PlanAsync(environment.Config, settings.Service, bytes, settings.Restart, ct).ConfigureAwait(false);
        var exitCode = await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
        if (settings.DryRun || settings.Json || plan.IsEmpty)
        {
            return exitCode;
        }

        var after = await environment.Engine.GetMemoryUsageAsync(container.Name, ct).ConfigureAwait(false);
        AnsiConsole.MarkupLine(Format.Text(
            $"{settings.Service} memory: before {MemorySize.Format(before.UsedBytes)} of {MemorySize.Format(before.LimitBytes)}, "
            + $"after {MemorySize.Format(after.UsedBytes)} of {MemorySize.Format(after.LimitBytes)}"));
        if (exitCode == ExitCodes.Ok)
        {
            // Like Compose drift: the next 'docker compose up -d' recreates the container from the Compose file, without this limit.
            await Console.Error.WriteLineAsync(
                $"warning: {settings.Service}: the memory limit was set through the engine, not in the Compose file; "
                + $"the next 'docker compose up -d' drops it: add 'mem_limit: {settings.Limit}' to the service").ConfigureAwait(false);
        }

        return exitCode;
    }
}
