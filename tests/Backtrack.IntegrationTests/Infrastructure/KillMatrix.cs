using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backtrack.Compose;
using Backtrack.State;
using Docker.DotNet.Models;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// Issue 12's "kill at every step": runs a command once to learn its plan and its "after" state, then for
/// every step k starts it again, waits (polling the journal read-only) until step k's apply has started,
/// SIGKILLs the CLI's process tree, runs 'backtrack repair', and asserts the environment is exactly as
/// before the command — or exactly as after it, when the operation had succeeded (the kill came too late)
/// or repair completed it forward past a point of no return. Never in between. Prints the table.
/// </summary>
public sealed class KillMatrix(ComposeFixture stack, ITestOutputHelper output)
{
    public const string Restored = "restored";
    public const string Completed = "completed";
    public const string Forward = "forward";

    /// <summary>
    /// Compose's pointer to the container a recreated one replaced (its ID): a container Compose recreates from
    /// the same files (a redeploy, an undo through Compose) necessarily differs there, so it is not compared.
    /// </summary>
    private const string ComposeReplaceLabel = "com.docker.compose.replace";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(2);

    private string DatabasePath => Path.Combine(stack.Directory, "state", StateDatabase.FileName);

    /// <summary>Runs the whole matrix of one command kind; returns the table's rows (step, kind, description, result).</summary>
    public async Task<IReadOnlyList<KillMatrixRow>> RunAsync(KillMatrixCase matrix)
    {
        string[] command = [.. matrix.Command, "--yes"];
        var before = await StateAsync(matrix);

        var baseline = await LastOperationAsync();
        var reference = await stack.BacktrackAsync(command);
        Assert.True(reference.ExitCode == 0, $"the reference run of {matrix.Name}: {reference}");
        var plan = await PlanAsync(baseline);
        Assert.NotEmpty(plan);
        var after = await StateAsync(matrix);
        Assert.True(before != after, $"{matrix.Name} changed nothing:\n{before}");
        await ResetAsync(matrix, before);

        var rows = new List<KillMatrixRow>();
        var clock = Stopwatch.StartNew();
        foreach (var (index, kind, description) in plan.Where(p => matrix.Steps?.Invoke(p.Index) ?? true))
        {
            var result = await KillAtAsync(command, index);
            var expected = result == Restored ? before : after;
            var now = await StateAsync(matrix);
            Assert.True(expected == now, $"{matrix.Name}, killed at step {index} ({kind}: {description}), {result}: in between\n{Diff(expected, now)}");
            rows.Add(new KillMatrixRow(index, kind, description, result));
            if (result != Restored)
            {
                await ResetAsync(matrix, before);
            }
        }

        await WriteTableAsync(matrix.Name, rows, clock.Elapsed);
        return rows;
    }

    /// <summary>The project's containers (every one, aside and staging included) with the spec fields that matter, then the case's own state.</summary>
    public async Task<string> ContainersAsync()
    {
        var containers = await stack.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={stack.Project}"] = true } },
        });
        var text = new StringBuilder();
        foreach (var summary in containers.OrderBy(c => c.Names[0], StringComparer.Ordinal))
        {
            var c = await stack.Docker.Containers.InspectContainerAsync(summary.ID);
            text.AppendLine(CultureInfo.InvariantCulture, $"container {c.Name}: image {c.Image}, running {c.State.Running}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  env {string.Join(' ', c.Config.Env.Order(StringComparer.Ordinal))}");
            var labels = c.Config.Labels.Where(l => l.Key != ComposeReplaceLabel).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  labels {string.Join(' ', labels)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  mounts {string.Join(' ', c.Mounts.Select(m => $"{m.Type}:{m.Name ?? m.Source}:{m.Destination}:{m.RW}").Order(StringComparer.Ordinal))}");
            var networks = c.NetworkSettings.Networks.Select(n =>
                $"{n.Key}[{string.Join(",", (n.Value.Aliases ?? []).Where(a => a != c.ID[..12]).Order(StringComparer.Ordinal))}]");
            text.AppendLine(CultureInfo.InvariantCulture, $"  networks {string.Join(' ', networks.Order(StringComparer.Ordinal))}");
        }

        return text.ToString();
    }

    private async Task<string> StateAsync(KillMatrixCase matrix) =>
        await ContainersAsync() + (matrix.State is null ? "" : await matrix.State());

    private async Task ResetAsync(KillMatrixCase matrix, string before)
    {
        await matrix.Reset();
        var now = await StateAsync(matrix);
        Assert.True(before == now, $"{matrix.Name}: the reset did not bring 'before' back\n{Diff(before, now)}");
    }

    /// <summary>Starts the command, kills its process tree once step INDEX has started (or lets it end), repairs; which end it reached.</summary>
    private async Task<string> KillAtAsync(string[] command, int index)
    {
        var baseline = await LastOperationAsync();
        string log;
        await using (var process = stack.StartBacktrack(command))
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                var deadline = DateTime.UtcNow + StepDeadline;
                while (!process.HasExited && !await StepStartedAsync(baseline, index))
                {
                    Assert.True(DateTime.UtcNow < deadline, $"step {index} did not start within {StepDeadline}");
                    await Task.Delay(PollInterval);
                }
            }
            finally
            {
                await process.KillAsync();
            }

            log = await stdout + await stderr;
        }

        Assert.True(await StepStartedAsync(baseline, index), $"the command ended before step {index} started:\n{log}");
        var outcome = await OutcomeAsync(baseline);
        Assert.True(outcome is null or "Succeeded", $"killed at step {index}, the operation ended {outcome} by itself:\n{log}");

        var repairBaseline = await LastOperationAsync();
        var repair = await stack.BacktrackAsync("repair", "--yes");
        Assert.True(repair.ExitCode == 0, $"repair after a kill at step {index}: {repair}");
        var status = await stack.BacktrackAsync("status");
        Assert.True(status.ExitCode == 0, $"status after the repair of a kill at step {index}: {status}\nrepair: {repair}");
        if (outcome == "Succeeded")
        {
            return Completed;
        }

        return (await RepairSummaryAsync(repairBaseline))?.Contains("forward", StringComparison.Ordinal) == true ? Forward : Restored;
    }

    private async Task<long> LastOperationAsync() =>
        await QueryAsync(async c => (long)(await Command(c, "SELECT COALESCE(MAX(rowid), 0) FROM operations").ExecuteScalarAsync())!);

    private async Task<bool> StepStartedAsync(long baseline, int index)
    {
        try
        {
            return await QueryAsync(async c => await Command(
                c,
                "SELECT COUNT(*) FROM steps s JOIN operations o ON o.id = s.operation_id WHERE o.rowid > $base AND o.kind <> 'repair' AND s.step_index = $idx AND s.phase = 'apply'",
                ("$base", baseline),
                ("$idx", index)).ExecuteScalarAsync() is long n && n > 0);
        }
        catch (SqliteException)
        {
            // The CLI holds a write transaction, or has not opened the database yet: look again.
            return false;
        }
    }

    private async Task<string?> OutcomeAsync(long baseline) =>
        await QueryAsync(async c => await Command(c, "SELECT outcome FROM operations WHERE rowid > $base AND kind <> 'repair' ORDER BY rowid LIMIT 1", ("$base", baseline))
            .ExecuteScalarAsync() as string);

    private async Task<string?> RepairSummaryAsync(long baseline) =>
        await QueryAsync(async c => await Command(c, "SELECT summary FROM operations WHERE rowid > $base AND kind = 'repair' ORDER BY rowid DESC LIMIT 1", ("$base", baseline))
            .ExecuteScalarAsync() as string);

    /// <summary>The steps of the operation started after BASELINE, from plan_steps: (index, kind, description).</summary>
    private async Task<List<(int Index, string Kind, string Description)>> PlanAsync(long baseline) =>
        await QueryAsync(async c =>
        {
            var rows = new List<(int, string, string)>();
            await using var reader = await Command(
                c,
                "SELECT p.idx, p.kind, p.description FROM plan_steps p JOIN operations o ON o.id = p.operation_id WHERE o.rowid > $base AND o.kind <> 'repair' ORDER BY o.rowid, p.idx",
                ("$base", baseline)).ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }

            return rows;
        });

    /// <summary>A read-only connection to the state database, opened for one query.</summary>
    private async Task<T> QueryAsync<T>(Func<SqliteConnection, Task<T>> query)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        await connection.OpenAsync();
        return await query(connection);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private async Task WriteTableAsync(string name, IReadOnlyList<KillMatrixRow> rows, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"kill matrix: {name} ({rows.Count} steps, {elapsed.TotalSeconds:0} s)");
        text.AppendLine("step | kind | result | description");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Index,4} | {row.Kind} | {row.Result} | {row.Description}");
        }

        output.WriteLine(text.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"kill-matrix-{name.Replace(' ', '-')}.txt"), text.ToString());
    }

    /// <summary>The lines only one side has.</summary>
    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        return "expected, missing now:\n  " + string.Join("\n  ", e.Except(a)) + "\nnow, not expected:\n  " + string.Join("\n  ", a.Except(e));
    }
}
