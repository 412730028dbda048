using System.Text;
using Backtrack.Compose;
using Docker.DotNet.Models;
using Microsoft.Data.Sqlite;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// One <see cref="GitStack"/> (web and model, a deploy repository, release 1 recorded) shared by every
/// bad-input case, since none may change it; beside its backtrack.yml, configs whose state directory is
/// broken in the ways that fail for root too, one with a zero duration, and one naming the project as a swarm stack.
/// </summary>
public sealed class BadInputStack : IAsyncLifetime
{
    /// <summary>Config files (-c) and how each differs from the stack's own.</summary>
    private static readonly Dictionary<string, (string Find, string Replace)> Variants = new()
    {
        ["state-is-a-file.yml"] = ("stateDir: state", "stateDir: a-file"),
        ["state-under-a-file.yml"] = ("stateDir: state", "stateDir: a-file/state"),
        ["garbage-database.yml"] = ("stateDir: state", "stateDir: garbage-state"),
        ["database-is-a-directory.yml"] = ("stateDir: state", "stateDir: directory-state"),
        ["zero-health-timeout.yml"] = ("healthTimeout: 6s", "healthTimeout: 0s"),
        ["swarm.yml"] = ("    project: ", "    backend: swarm\n    stack: "),
    };

    private static readonly byte[] Garbage = [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 253))];

    public GitStack Stack { get; } = new();

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        var config = await File.ReadAllTextAsync(Stack.ConfigPath);
        foreach (var (file, (find, replace)) in Variants)
        {
            Assert.Contains(find, config, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(Stack.Root, file), config.Replace(find, replace, StringComparison.Ordinal));
        }

        await File.WriteAllTextAsync(Path.Combine(Stack.Root, "a-file"), "not a directory\n");
        Directory.CreateDirectory(Path.Combine(Stack.Root, "garbage-state"));
        await File.WriteAllBytesAsync(Path.Combine(Stack.Root, "garbage-state", "backtrack.db"), Garbage);
        Directory.CreateDirectory(Path.Combine(Stack.Root, "directory-state", "backtrack.db"));
        // As in any state directory used before: the lock file stays (its flock is what locks).
        await File.WriteAllTextAsync(Path.Combine(Stack.Root, "garbage-state", "lock"), "");
        await File.WriteAllTextAsync(Path.Combine(Stack.Root, "directory-state", "lock"), "");
    }

    public Task DisposeAsync() => Stack.DisposeAsync();

    /// <summary>
    /// Everything a refused command must leave as it was, as text: the project's containers (ID, name,
    /// state, start, restarts, image ID, memory limit), the state database's rows, the state directory's
    /// entries, the deploy repository (HEAD, remote, work tree, .env) and the broken state of the variants.
    /// </summary>
    public async Task<string> WorldAsync()
    {
        var world = new StringBuilder();
        var containers = await Stack.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={Stack.Project}"] = true } },
        });
        foreach (var listed in containers.OrderBy(c => c.ID, StringComparer.Ordinal))
        {
            var c = await Stack.Docker.Containers.InspectContainerAsync(listed.ID);
            world.AppendLine($"container {c.ID} {c.Name} {c.State.Status} {c.State.StartedAt} restarts={c.RestartCount} {c.Image} memory={c.HostConfig.Memory}");
        }

        world.AppendLine($"database {await DatabaseRowsAsync(Stack.StatePath)}");
        var entries = Directory.GetFileSystemEntries(Stack.StatePath).Select(Path.GetFileName).Where(e => !e!.StartsWith("backtrack.db", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        world.AppendLine($"state entries {string.Join(", ", entries)}");
        world.AppendLine($"deploy HEAD {await Stack.GitAsync("rev-parse", "HEAD")}, remote {await Stack.RemoteHeadAsync()}");
        world.AppendLine($"deploy tree {await Stack.GitAsync("status", "--porcelain", "--ignored")}");
        world.AppendLine($"deploy .env {await File.ReadAllTextAsync(Path.Combine(Stack.DeployPath, ".env"))}");
        world.AppendLine($"a-file {await File.ReadAllTextAsync(Path.Combine(Stack.Root, "a-file"))}");
        world.AppendLine($"garbage intact {(await File.ReadAllBytesAsync(Path.Combine(Stack.Root, "garbage-state", "backtrack.db"))).SequenceEqual(Garbage)}");
        world.AppendLine($"garbage-state {string.Join(", ", Directory.GetFileSystemEntries(Path.Combine(Stack.Root, "garbage-state")).Select(Path.GetFileName))}");
        world.AppendLine($"directory-state {string.Join(", ", Directory.GetFileSystemEntries(Path.Combine(Stack.Root, "directory-state"), "*", SearchOption.AllDirectories).Select(Path.GetFileName))}");
        return world.ToString();
    }

    /// <summary>Releases (with their services), operations, steps and verifications: what 'releases' and 'history' show.</summary>
    private static async Task<string> DatabaseRowsAsync(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "backtrack.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM releases) || ' releases (newest ' || (SELECT coalesce(max(id), 0) FROM releases) || '), '
                || (SELECT count(*) FROM release_services) || ' release services, '
                || (SELECT count(*) FROM operations) || ' operations, '
                || (SELECT count(*) FROM steps) || ' steps, '
                || (SELECT count(*) FROM verifications) || ' verifications'
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
