using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Configuration;
using Backtrack.FullSystem;
using Backtrack.FullSystem.Steps;
using Backtrack.Guard;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Swarm;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class DeploySettings : EnvironmentSettings
{
    [CommandOption("--window <DURATION>")]
    [Description("How long every service is watched after the deploy (default: guard.window in the config, 2m)")]
    public string? Window { get; init; }

    [CommandOption("--on-failure <ACTION>")]
    [Description("rollback (default): every service back to the release before the deploy; notify: record and notify only")]
    [DefaultValue("rollback")]
    public string OnFailure { get; init; } = "rollback";

    [CommandOption("--snapshot <WHAT>")]
    [Description("none (default), databases or full: taken before the deploy, named in the release recorded before it")]
    [DefaultValue("none")]
    public string Snapshot { get; init; } = "none";

    [CommandOption("--lock-timeout <DURATION>")]
    [Description("How long to wait while another command holds the environment's lock, e.g. guard rolling back (default 5m)")]
    public string? LockTimeout { get; init; }

    public override ValidationResult Validate() =>
        OnFailure is not ("rollback" or "notify") ? ValidationResult.Error($"--on-failure must be rollback or notify, not '{OnFailure}'")
        : Snapshot is not ("none" or "databases" or "full") ? ValidationResult.Error($"--snapshot must be none, databases or full, not '{Snapshot}'")
        : base.Validate();
}

/// <summary>backtrack deploy [--window 2m] [--on-failure rollback|notify] [--snapshot none|databases|full] -- COMMAND... (on swarm, no command: the stack file's 'docker stack deploy')</summary>
public sealed class DeployCommand : EnvironmentCommand<DeploySettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, DeploySettings settings, CancellationToken ct)
    {
        var swarmDefault = RemainingArguments.Count == 0 && environment.Config.Backend is Backend.Swarm;
        if (RemainingArguments.Count == 0 && !swarmDefault)
        {
            throw new BacktrackException("no deploy command: give it after '--', e.g. backtrack deploy -- docker compose up -d");
        }

        var window = settings.Window is null ? environment.Config.Guard.Window : Durations.Parse(settings.Window, "--window");
        var lockTimeout = settings.LockTimeout is null ? DeployRequest.DefaultLockTimeout : Durations.Parse(settings.LockTimeout, "--lock-timeout");
        // On swarm, no command means the stack file's own deploy.
        var request = new DeployRequest(
            swarmDefault ? StackDeployCommand.Arguments(environment.Config) : RemainingArguments,
            Directory.GetCurrentDirectory(), window, settings.OnFailure == "rollback", SnapshotStep(settings.Snapshot, environment.Clock), lockTimeout)
        {
            Environment = swarmDefault ? await StackDeployCommand.EnvironmentAsync(environment.Config, ct).ConfigureAwait(false) : null,
        };
        var kit = await environment.GuardKitAsync(ct).ConfigureAwait(false);
        var outcome = await new DeployRunner(kit).RunAsync(request, [new ProgressView(settings.Json)], Console.Out, ct).ConfigureAwait(false);
        if (outcome.Rollback is { } rollback)
        {
            await PlanRunner.RenderAsync(rollback, settings.Json).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync(outcome.Result switch
        {
            DeployResult.Healthy => $"deploy healthy for {window.TotalSeconds:0.#} s; recorded as a good release",
            DeployResult.RolledBack => $"rolled back to release {outcome.BeforeRelease}; report: {outcome.ReportPath}",
            DeployResult.RollbackFailed => $"the rollback to release {outcome.BeforeRelease} failed too: the failed deploy still runs, look now; report: {outcome.ReportPath}",
            _ => "deploy failed; nothing was rolled back" + (settings.OnFailure == "notify" ? " (--on-failure notify)" : " (nothing had changed)"),
        }).ConfigureAwait(false);
        return outcome.ExitCode;
    }

    private static PlanStep? SnapshotStep(string snapshot, TimeProvider clock) => snapshot switch
    {
        "databases" => new CreateSnapshotStep(0, Plan.NewId(clock), SnapshotParts.Databases, SnapshotScope.Databases, "before deploy"),
        "full" => new CreateSnapshotStep(0, Plan.NewId(clock), SnapshotParts.All, null, "before deploy"),
        _ => null,
    };
}
