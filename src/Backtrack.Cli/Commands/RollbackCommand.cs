using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Diagnostics;
using Backtrack.Drift;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Swarm;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public class RollbackSettings : VerifyingSettings
{
    [CommandOption("--to <TARGET>")]
    [Description("previous (default), a release number, an image tag, reference or ID")]
    [DefaultValue(RollbackRequest.Previous)]
    public string To { get; init; } = RollbackRequest.Previous;

    [CommandOption("--image-only")]
    [Description("Keep the current container spec and swap only the image")]
    public bool ImageOnly { get; init; }

    [CommandOption("--stop-timeout <DURATION>")]
    [Description("How long the old container may take to stop (default: config, 10s)")]
    public string? StopTimeout { get; init; }


    [CommandOption("--health-timeout <DURATION>")]
    [Description("How long the new container may take to become healthy (default: config, 30s)")]
    public string? HealthTimeout { get; init; }
}

public sealed class RollbackServiceSettings : RollbackSettings
{
    [CommandArgument(0, "<SERVICE>")]
    [Description("One or more services")]
    public string[] Services { get; init; } = [];
}

/// <summary>backtrack rollback service NAME... / rollback all: plan, confirm, swap with health gates, undo on failure.</summary>
public sealed class RollbackCommand<TSettings> : EnvironmentCommand<TSettings>
    where TSettings : RollbackSettings
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, TSettings settings, CancellationToken ct)
    {
        var services = settings is RollbackServiceSettings named ? named.Services : [];
        var request = new RollbackRequest(
            services,
            settings.To,
            settings.ImageOnly,
            settings.StopTimeout is null ? null : Durations.Parse(settings.StopTimeout, "--stop-timeout"),
            settings.HealthTimeout is null ? null : Durations.Parse(settings.HealthTimeout, "--health-timeout"),
            Verify: !settings.NoVerify);
        var command = services.Length == 0 ? "rollback all" : $"rollback service {string.Join(' ', services)}";
        OperationSession session;
        using (TimingTrace.Phase("lock and repair check"))
        {
            session = await environment.Operations.BeginOnAnyBackendAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        }

        using var held = session;
        Plan plan;
        using (TimingTrace.Phase("planning"))
        {
            plan = environment.Hosts is { } hosts
                ? await (await environment.MultiHostRollbackPlannerAsync(hosts, ct).ConfigureAwait(false)).PlanAsync(request, ct).ConfigureAwait(false)
                : environment.Config.Backend is Backend.Swarm
                ? await (await environment.SwarmRollbackPlannerAsync(ct).ConfigureAwait(false)).PlanAsync(environment.Config, request, ct).ConfigureAwait(false)
                : await (await environment.RollbackPlannerAsync(ct).ConfigureAwait(false)).PlanAsync(environment.Config, request, ct).ConfigureAwait(false);
        }

        using var traced = TimingTrace.Phase("run");
        return await PlanRunner.RunAsync(
            session, settings, plan, ct, environment.Hosts is null ? outcome => WarnAboutDriftAsync(environment, outcome, ct) : null).ConfigureAwait(false);
    }

    /// <summary>The Compose or stack file still names the bad version: the next deploy would roll it forward again.</summary>
    private static async Task WarnAboutDriftAsync(BacktrackEnvironment environment, OperationOutcome outcome, CancellationToken ct)
    {
        using var traced = TimingTrace.Phase("drift check");
        foreach (var drift in await DriftAsync(environment, outcome, ct).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"warning: {drift.Service}: {drift.Describe()}").ConfigureAwait(false);
        }
    }

    /// <summary>On Compose, what runs now is the release the rollback recorded last (no new inspection after the gate).</summary>
    private static async Task<IReadOnlyList<ImageDrift>> DriftAsync(BacktrackEnvironment environment, OperationOutcome outcome, CancellationToken ct)
    {
        if (environment.Config.Backend is Backend.Swarm)
        {
            return await StackDrift.FindAsync(environment.Config, await environment.Stack.ServicesAsync(environment.Config, ct).ConfigureAwait(false), ct)
                .ConfigureAwait(false);
        }

        if (outcome.Outputs.OfType<Release>().LastOrDefault() is not { } after)
        {
            return [];
        }

        return (await ComposeDrift.FindAsync(after.Services.Select(s => (s.Service, s.Spec)), ct).ConfigureAwait(false)).Select(d => d.Drift).ToList();
    }
}
