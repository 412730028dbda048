using Backtrack.Cleanup;
using Backtrack.Configuration;
using Backtrack.Databases;
using Backtrack.Diagnostics;
using Backtrack.Engine;
using Backtrack.Engine.Docker;
using Backtrack.Execution;
using Backtrack.Git;
using Backtrack.Health;
using Backtrack.Hosts;
using Backtrack.Operations;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.State;
using Backtrack.Status;
using Backtrack.Swarm;
using Backtrack.Targets;
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
        Containers = config.Backend is Backend.Swarm
            ? new SwarmServiceContainers(Stack, Engine, address => new DockerEngine(address))
            : new ComposeServiceContainers(Inspector, Engine);
        SwarmGate = new SwarmServiceGate(Engine, StackStatus);
        Verifier = new Verifier(Engine, Containers, Stack, Checker, Clock);
        Hosts = config.Hosts.Count > 0 ? new HostSet(config, http, Clock) : null;
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

    /// <summary>The containers of the services, whatever runs them, each with the engine of its node.</summary>
    public IServiceContainers Containers { get; }

    /// <summary>The gate of a swarm service's update.</summary>
    public SwarmServiceGate SwarmGate { get; }

    public Verifier Verifier { get; }

    /// <summary>The hosts of an environment with <c>hosts:</c>, each its own engine; null for one engine.</summary>
    public HostSet? Hosts { get; }

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
        new(Inspector, new StackReleaseReader(Stack, StackStatus, Engine), Checker, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock, Hosts);

    public async Task<SwarmRollbackPlanner> SwarmRollbackPlannerAsync(CancellationToken ct) =>
        new(Stack, Engine, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    public async Task<RollbackPlanner> RollbackPlannerAsync(CancellationToken ct) =>
        new(Engine, Inspector, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    /// <summary>The rollback of an environment with hosts: one plan, a lane per host and service.</summary>
    public async Task<MultiHostRollbackPlanner> MultiHostRollbackPlannerAsync(HostSet hosts, CancellationToken ct) =>
        new(hosts, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    public async Task<VerificationStore> VerificationsAsync(CancellationToken ct) => new(await DatabaseAsync(ct).ConfigureAwait(false));

    public async Task<CleanupPlanner> CleanupPlannerAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        return new(Engine, Inspector, new ReleaseStore(database), new JournalReader(database), Clock);
    }

    public DatabaseRollbackPlanner DatabaseRollbackPlanner() => new(Containers, Inspector, new SwarmWriters(Stack), new SwarmRedisRestore(Stack), Clock);

    public async Task<GitRollbackPlanner> GitRollbackPlannerAsync(CancellationToken ct) =>
        new(new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

    /// <summary>What 'deploy' and 'guard' work with: the backend's deploy source, signals and rollback planner, the journal and reports.</summary>
    public async Task<Guard.GuardKit> GuardKitAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        var releases = new ReleaseStore(database);
        var swarm = Config.Backend is Backend.Swarm;
        IRollbackPlanning planner = swarm ? new SwarmRollbackPlanner(Stack, Engine, releases, Clock) : new RollbackPlanner(Engine, Inspector, releases, Clock);
        Guard.IDeploySource source = swarm
            ? new Guard.SwarmDeploySource(Config, Stack, planner, Clock)
            : new Guard.ComposeDeploySource(Config, Engine, Inspector, planner);
        Guard.Signals.ISignalSource signals = swarm
            ? new Guard.SwarmGuardSignals(StackStatus, Stack, Clock)
            : new Guard.GuardSignals(Engine, Inspector, Checker, Clock);
        return new Guard.GuardKit(
            Config, Operations, source, new Guard.WindowWatcher(Config, signals, source, Clock), planner, releases,
            new Reports.IncidentReportSource(new JournalReader(database), releases, new VerificationStore(database)), Clock);
    }

    public async Task<JournalReader> JournalAsync(CancellationToken ct) => new(await DatabaseAsync(ct).ConfigureAwait(false));

    public async Task<RepairPlanner> RepairPlannerAsync(CancellationToken ct) => new(await JournalAsync(ct).ConfigureAwait(false), Clock);

    /// <summary>What steps reach through their context (<see cref="StepServices"/>).</summary>
    private async Task<IReadOnlyDictionary<Type, object>> StepServicesAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        var services = new Dictionary<Type, object>
        {
            [typeof(EnvironmentConfig)] = Config,
            [typeof(IContainerEngine)] = Engine,
            [typeof(IServiceContainers)] = Containers,
            [typeof(HealthGate)] = Gate,
            [typeof(SwarmServiceGate)] = SwarmGate,
            [typeof(ReleaseRecorder)] = await RecorderAsync(ct).ConfigureAwait(false),
            [typeof(Verifier)] = Verifier,
            [typeof(VerificationStore)] = new VerificationStore(database),
        };
        if (Hosts is { } hosts)
        {
            // A step's engine comes from its parameters: OnHostStep names its host, the set wires it.
            services[typeof(HostSet)] = hosts;
        }
        else
        {
            // Begun with the operation, so the checklist's restart window runs beside the swaps (the session disposes it).
            services[typeof(RestartWatch)] = new RestartWatch(Engine, Containers.ProjectLabel, Config.Project, Clock);
        }

        return services;
    }

    public void Dispose()
    {
        database?.Dispose();
        Hosts?.Dispose();
        http.Dispose();
        (Containers as IDisposable)?.Dispose();
        Engine.Dispose();
    }
}
