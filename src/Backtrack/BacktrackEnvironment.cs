using Backtrack.Cleanup;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Engine.Docker;
using Backtrack.Execution;
using Backtrack.Git;
using Backtrack.Health;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.State;
using Backtrack.Status;
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

    public BacktrackEnvironment(EnvironmentConfig config, IContainerEngine? engine = null, TimeProvider? clock = null)
    {
        Config = config;
        Engine = engine ?? new DockerEngine(config.Engine);
        Clock = clock ?? TimeProvider.System;
        Inspector = new ProjectInspector(Engine);
        Checker = new HealthChecker(Engine, http);
        Gate = new HealthGate(Checker, Engine);
        Status = new StatusService(Inspector, Checker, Clock);
        Verifier = new Verifier(Engine, Inspector, Checker, Clock);
    }

    public EnvironmentConfig Config { get; }

    public IContainerEngine Engine { get; }

    public TimeProvider Clock { get; }

    public ProjectInspector Inspector { get; }

    public HealthChecker Checker { get; }

    public HealthGate Gate { get; }

    public StatusService Status { get; }

    public Verifier Verifier { get; }

    /// <summary>The state database, opened on first use so that read-only commands on a fresh host create nothing.</summary>
    public async Task<StateDatabase> DatabaseAsync(CancellationToken ct) =>
        database ??= await StateDatabase.OpenAsync(Config.StateDirectory, ct).ConfigureAwait(false);

    public async Task<ReleaseRecorder> RecorderAsync(CancellationToken ct) =>
        new(Inspector, Checker, new ReleaseStore(await DatabaseAsync(ct).ConfigureAwait(false)), Clock);

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

    public async Task<JournalReader> JournalAsync(CancellationToken ct) => new(await DatabaseAsync(ct).ConfigureAwait(false));

    /// <summary>
    /// Operations a killed process left unfinished. Without the lock in hand, none while another process
    /// holds it (its operation is running, not interrupted); none before any state exists (a directory where the database should be is opened, and refused).
    /// </summary>
    public async Task<IReadOnlyList<OperationRecord>> InterruptedOperationsAsync(EnvironmentLock? held, CancellationToken ct)
    {
        if (!Path.Exists(Path.Combine(Config.StateDirectory, "backtrack.db")) || (held is null && EnvironmentLock.IsHeld(Config.StateDirectory)))
        {
            return [];
        }

        return await (await JournalAsync(ct).ConfigureAwait(false)).UnfinishedAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Takes the environment's lock; throws a conflict naming the holder when another command has it.</summary>
    public EnvironmentLock Lock(string command) => EnvironmentLock.Acquire(Config.StateDirectory, command, Clock);

    public void Dispose()
    {
        database?.Dispose();
        http.Dispose();
        Engine.Dispose();
    }
}
