using Backtrack.Rollback;
using Backtrack.Verify;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Configuration;
using Backtrack.Scenarios;
using Backtrack.Swarm;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack fix memory SERVICE --limit SIZE: a memory limit through the engine (and a restart), memory use before and after; on a swarm, a service update.</summary>
public sealed class FixMemoryCommand : EnvironmentCommand<FixMemorySettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, FixMemorySettings settings, CancellationToken ct)
    {
        var bytes = MemorySize.Parse(settings.Limit, "--limit");
        var command = $"fix memory {settings.Service}";
        if (environment.Config.Backend is Backend.Swarm)
        {
            return await OnSwarmAsync(environment, settings, command, bytes, ct).ConfigureAwait(false);
        }

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

    /// <summary>A service update of the tasks' limit (they are replaced, so --restart adds nothing), gated; the stack file still lacks it.</summary>
    private static async Task<int> OnSwarmAsync(BacktrackEnvironment environment, FixMemorySettings settings, string command, long bytes, CancellationToken ct)
    {
        using var session = await environment.Operations.BeginOnAnyBackendAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        var plan = await new SwarmMemoryPlanner(environment.Stack, environment.Clock).PlanAsync(environment.Config, settings.Service, bytes, ct).ConfigureAwait(false);
        var exitCode = await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
        if (exitCode == ExitCodes.Ok && !settings.DryRun && !plan.IsEmpty)
        {
            await Console.Error.WriteLineAsync(
                $"warning: {settings.Service}: the memory limit was set by a service update, not in the stack file; "
                + $"the next 'docker stack deploy' drops it: set deploy.resources.limits.memory: {settings.Limit} on the service").ConfigureAwait(false);
        }

        return exitCode;
    }
}
