using Backtrack.Cleanup;
using Backtrack.Configuration;
using Backtrack.Diagnostics;
using Backtrack.Engine;
using Backtrack.Engine.Docker;
using Backtrack.Execution;
using Backtrack.Git;
using Backtrack.Health;
using Backtrack.Operations;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.State;
using Backtrack.Status;
using Backtrack.Swarm;
using Backtrack.Verify;

namespace Backtrack;

/// <summary>
/// One environment with everything that works on it, wired once: the engine, the state database and
/// the services built on them. Commands take what they need from here.
/// </summary>
public sealed class BacktrackEnvironment : IDisposable
{
    private readonly HttpClient http = HealthChecker.CreateHttpClient();
    private StateDatabase? database;

    public BacktrackEnvironment(EnvironmentConfig config, IContainerEngine? engine = null, TimeProvider? clock = null, TextWriter? warnings = null)
    {
        Config = config;
        Engine = engine ?? new DockerEngine(config.Engine);
        Clock = clock ?? TimeProvider.System;
        Inspector = new ProjectInspector(Engine);
        Checker = new HealthChecker(Engine, http);
        Gate = new HealthGate(Checker, Engine);
        Status = new StatusService(Inspector, Checker, Clock);
        Stack = new StackInspector(Engine);
        StackStatus = new StackStatusService(Stack, Checker);
        SwarmGate = new SwarmServiceGate(Engine, StackStatus);
        Verifier = new Verifier(Engine, Inspector, Checker, Clock);
        Operations = new OperationService(config, Clock, DatabaseAsync, StepServicesAsync, warnings ?? TextWriter.Null);
    }

    public EnvironmentConfig Config { get; }

    public IContainerEngine Engine { get; }

    public TimeProvider Clock { get; }

    public ProjectInspector Inspector { get; }

    public HealthChecker Checker { get; }

    public HealthGate Gate { get; }

    public StatusService Status { get; }

    /// <summary>A swarm environment's stack: its services and their tasks.</summary>
    public StackInspector Stack { get; }

    /// <summary>The status of a swarm environment's stack (<see cref="Configuration.Backend.Swarm"/>).</summary>
    public StackStatusService StackStatus { get; }

    /// <summary>The gate of a swarm service's update.</summary>
    public SwarmServiceGate SwarmGate { get; }

    public Verifier Verifier { get; }

    /// <summary>The one way a change runs: lock, refusal while a repair is due, journal, notifications, outcome.</summary>
    public OperationService Operations { get; }

    /// <summary>The state database, opened on first use so that read-only commands on a fresh host create nothing.</summary>
    /// <summary>The state database, opened once; opening it teaches the process the secrets its releases hold.</summary>
    public async Task<StateDatabase> DatabaseAsync(CancellationToken ct)
    {
        if (database is null)
        {
            using var traced = TimingTrace.Phase("state db open");
            database = await StateDatabase.OpenAsync(Config.StateDirectory, ct).ConfigureAwait(false);
            await new ReleaseStore(database).LearnSecretsAsync(ct).ConfigureAwait(false);
        }

        return database;
    }

    public async Task<ReleaseRecorder> RecorderAsync(CancellationToken ct) =>
        new(Inspector, new StackReleaseReader(Stack, StackStatus, Engine), Checker, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    public async Task<SwarmRollbackPlanner> SwarmRollbackPlannerAsync(CancellationToken ct) =>
        new(Stack, Engine, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    public async Task<RollbackPlanner> RollbackPlannerAsync(CancellationToken ct) =>
        new(Engine, Inspector, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    public async Task<VerificationStore> VerificationsAsync(CancellationToken ct) => new(await DatabaseAsync(ct).ConfigureAwait(false));

    public async Task<CleanupPlanner> CleanupPlannerAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        return new(Engine, Inspector, new ReleaseStore(database), new JournalReader(database), Clock);
    }

    public async Task<GitRollbackPlanner> GitRollbackPlannerAsync(CancellationToken ct) =>
        new(new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    /// <summary>What 'deploy' and 'guard' work with: the kit of signals, rollback and journal, wired for this environment.</summary>
    public async Task<Guard.GuardKit> GuardKitAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        var releases = new ReleaseStore(database);
        var signals = new Guard.GuardSignals(Engine, Inspector, Checker, Clock);
        return new Guard.GuardKit(
            Config, Operations, Inspector, Engine, new Guard.WindowWatcher(Config, signals, Clock), new RollbackPlanner(Engine, Inspector, releases, Clock), releases,
            new Reports.IncidentReportSource(new JournalReader(database), releases, new VerificationStore(database)), Clock);
    }

    public async Task<JournalReader> JournalAsync(CancellationToken ct) => new(await DatabaseAsync(ct).ConfigureAwait(false));

    public async Task<RepairPlanner> RepairPlannerAsync(CancellationToken ct) => new(await JournalAsync(ct).ConfigureAwait(false), Clock);

    /// <summary>What steps reach through their context (<see cref="StepServices"/>).</summary>
    private async Task<IReadOnlyDictionary<Type, object>> StepServicesAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        return new Dictionary<Type, object>
        {
            [typeof(EnvironmentConfig)] = Config,
            [typeof(IContainerEngine)] = Engine,
            [typeof(HealthGate)] = Gate,
            [typeof(SwarmServiceGate)] = SwarmGate,
            [typeof(ReleaseRecorder)] = await RecorderAsync(ct).ConfigureAwait(false),
            [typeof(Verifier)] = Verifier,
            [typeof(VerificationStore)] = new VerificationStore(database),
            // Begun with the operation, so the checklist's restart window runs beside the swaps (the session disposes it).
            [typeof(RestartWatch)] = new RestartWatch(Engine, Config.Project, Clock),
        };
    }

    public void Dispose()
    {
        database?.Dispose();
        http.Dispose();
        Engine.Dispose();
    }
}
