using System.Globalization;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Swarm;
using Backtrack.Targets;

namespace Backtrack.Verify;

/// <summary>
/// The runbook's post-rollback checklist: every service running and passing its check, no error lines
/// in its log in the window, restart counts unchanged over a short observation, the databases answering,
/// free disk for the state. Details name counts and patterns, never log lines (they may hold secrets).
/// On a swarm the containers are the running tasks' on the engine's node, and restarts are the tasks
/// swarm replaced (<see cref="TaskRestarts"/>).
/// </summary>
public sealed class Verifier(IContainerEngine engine, IServiceContainers serviceContainers, StackInspector stack, HealthChecker checker, TimeProvider clock)
{
    private readonly RestartObservation restartObservation = new(engine, stack, clock);

    /// <summary>Below this much free space the state directory fails the disk check.</summary>
    public const long MinimumFreeBytes = 1L << 30;

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ExecTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the checklist. The restart window of each container runs from when <paramref name="watch"/> began
    /// or the container started, whichever is later; without a watch, one begins now.
    /// </summary>
    public async Task<VerifyReport> RunAsync(EnvironmentConfig env, TimeSpan window, CancellationToken ct, RestartWatch? watch = null)
    {
        var own = watch is null ? new RestartWatch(engine, serviceContainers.ProjectLabel, env.Project, clock) : null;
        try
        {
            return await RunAsync(env, window, watch ?? own!, ct).ConfigureAwait(false);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<VerifyReport> RunAsync(EnvironmentConfig env, TimeSpan window, RestartWatch watch, CancellationToken ct)
    {
        var matcher = new ErrorPatternMatcher(env.Verify.ErrorPatterns);
        var at = clock.GetUtcNow();
        var services = await serviceContainers.ServicesAsync(env, ct).ConfigureAwait(false);
        var containers = services.Where(s => s.Container is not null).Select(s => (s.Service, Container: s.Container!)).ToList();
        var subjects = containers.GroupBy(c => c.Service).ToDictionary(g => g.Key, g => g.Count());
        string Subject(string service, ContainerDetails c) => subjects[service] > 1 ? $"{service} ({c.Name})" : service;

        var watched = containers.Select(c => (Subject(c.Service, c.Container), c.Container)).ToList();
        var restarts = env.Backend is Backend.Swarm
            ? restartObservation.TasksAsync(env, watched, watch, ct)
            : restartObservation.ContainersAsync(watched, env.Verify.RestartWindow, watch, ct);
        var running = services.Select(s => s.Container is { } c
            ? new VerifyCheck("running", Subject(s.Service, c), c.State.Running, c.State.Running ? $"running ({c.Name})" : $"{c.State.Status} (exit code {c.State.ExitCode})")
            : new VerifyCheck("running", s.Service, false, "no container")).ToList();
        var health = Task.WhenAll(containers.Select(async c =>
        {
            var result = await checker.CheckAsync(new HealthTarget(c.Service, c.Container.Id, env.ServiceOrDefault(c.Service).Health), CheckTimeout, ct)
                .ConfigureAwait(false);
            return new VerifyCheck("health", Subject(c.Service, c.Container), result.Healthy, result.Detail);
        }));
        var logs = Task.WhenAll(containers.Select(c => CheckLogsAsync(Subject(c.Service, c.Container), c.Container, matcher, at - window, window, ct)));
        var databases = CheckDatabasesAsync(env, ct);

        var checks = new List<VerifyCheck>(running);
        checks.AddRange(await health.ConfigureAwait(false));
        checks.AddRange(await logs.ConfigureAwait(false));
        checks.AddRange(await restarts.ConfigureAwait(false));
        checks.AddRange(await databases.ConfigureAwait(false));
        checks.AddRange(CheckDisk(env));
        return new VerifyReport(at, window, checks);
    }

    private async Task<VerifyCheck> CheckLogsAsync(
        string subject, ContainerDetails container, ErrorPatternMatcher matcher, DateTimeOffset since, TimeSpan window, CancellationToken ct)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        try
        {
            await foreach (var line in engine.ReadLogsAsync(container.Id, new LogQuery(null, since, false, false), ct).ConfigureAwait(false))
            {
                if (matcher.Match(line.Text) is { } pattern)
                {
                    counts[pattern] = counts.GetValueOrDefault(pattern) + 1;
                }
            }
        }
        catch (EngineOperationException e)
        {
            return new VerifyCheck("logs", subject, false, $"log unreadable: {e.Message}");
        }

        var span = Duration(window);
        return counts.Count == 0
            ? new VerifyCheck("logs", subject, true, $"no error lines in the last {span}")
            : new VerifyCheck("logs", subject, false,
                $"{counts.Values.Sum()} error lines in the last {span}: {string.Join(", ", counts.Select(p => $"{p.Key} ×{p.Value}"))}");
    }

    /// <summary>Postgres and Redis answering through exec in their one running container, on the engine of its node.</summary>
    private async Task<IReadOnlyList<VerifyCheck>> CheckDatabasesAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var checks = new List<VerifyCheck>();
        if (env.Postgres is { } postgres)
        {
            var database = postgres.AllDatabases || postgres.Databases.Count == 0 ? "postgres" : postgres.Databases[0];
            string[] Psql(string sql) => ["psql", "-U", postgres.User, "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql];
            checks.Add(await ExecCheckAsync(env, "postgres", postgres.Service, Psql("SELECT 1"),
                r => r.Stdout.Trim() == "1" ? (true, "SELECT 1 answered") : (false, $"SELECT 1 answered '{First(r.Stdout)}'"), ct).ConfigureAwait(false));
            foreach (var query in env.Verify.PostgresQueries)
            {
                var label = query.Length > 60 ? query[..57] + "..." : query;
                checks.Add(await ExecCheckAsync(env, "postgres", postgres.Service, Psql(query), _ => (true, $"query ok: {label}"), ct)
                    .ConfigureAwait(false));
            }
        }

        if (env.Redis is { } redis)
        {
            checks.Add(await ExecCheckAsync(env, "redis", redis.Service, ["redis-cli", "ping"],
                r => r.Stdout.Trim() == "PONG" ? (true, "PING answered PONG") : (false, $"PING answered '{First(r.Stdout)}'"), ct).ConfigureAwait(false));
            checks.Add(await ExecCheckAsync(env, "redis", redis.Service, ["redis-cli", "info", "persistence"],
                r => RedisPersistence.Evaluate(r.Stdout), ct).ConfigureAwait(false));
        }

        return checks;
    }

    private async Task<VerifyCheck> ExecCheckAsync(
        EnvironmentConfig env,
        string check,
        string service,
        IReadOnlyList<string> command,
        Func<ExecResult, (bool Passed, string Detail)> judge,
        CancellationToken ct)
    {
        try
        {
            // Not running, several tasks, a node whose engine is not configured: the check fails with that line.
            var (container, nodeEngine) = await serviceContainers.RunningAsync(env, check, service, ct).ConfigureAwait(false);
            var result = await nodeEngine.ExecAsync(container.Id, command, ExecTimeout, ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                return new VerifyCheck(check, service, false, $"{command[0]} exit {result.ExitCode}: {First(result.Stderr + result.Stdout)}");
            }

            var (passed, detail) = judge(result);
            return new VerifyCheck(check, service, passed, detail);
        }
        catch (BacktrackException e)
        {
            return new VerifyCheck(check, service, false, e.Message);
        }
    }

    /// <summary>Free space where the state and the snapshots are kept.</summary>
    private static IEnumerable<VerifyCheck> CheckDisk(EnvironmentConfig env)
    {
        var drives = DriveInfo.GetDrives().Where(d => d.IsReady).ToList();
        foreach (var directory in new[] { env.StateDirectory, env.Snapshots.Directory }.Select(Path.GetFullPath).Distinct())
        {
            var drive = drives
                .Where(d => directory.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
                .MaxBy(d => d.RootDirectory.FullName.Length);
            if (drive is null)
            {
                yield return new VerifyCheck("disk", directory, false, "no file system found");
                continue;
            }

            var free = drive.AvailableFreeSpace;
            yield return new VerifyCheck("disk", directory, free >= MinimumFreeBytes,
                string.Create(CultureInfo.InvariantCulture, $"{Gib(free)} GiB free of {Gib(drive.TotalSize)} GiB on {drive.RootDirectory.FullName} (needs {Gib(MinimumFreeBytes)} GiB)"));
        }
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string First(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length > 120 ? line[..117] + "..." : line;
    }

    internal static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
