using Backtrack.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Backtrack.IntegrationTests;

/// <summary>
/// The state directory (journal, releases, lock) on a tmpfs that fills up while a rollback runs: the
/// rollback is undone and says so, and once there is room again 'repair' closes it.
/// </summary>
public sealed class StateDiskFullTests : IAsyncLifetime
{
    private readonly TestStack stack = new();
    private readonly SwitchableHealthCheck health = new() { Healthy = true };
    private Tmpfs? state;

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        state = await Tmpfs.MountAsync(Path.Combine(stack.Directory, "state"), 2048);
        await stack.ReplaceInConfigAsync(stack.WebHealthUrl, health.Url);
        await stack.RecordAsync("v1");
    }

    public async Task DisposeAsync()
    {
        health.Dispose();
        try
        {
            if (state is not null)
            {
                await state.DisposeAsync();
            }
        }
        finally
        {
            await stack.DisposeAsync();
        }
    }

    [Fact]
    public async Task Given_a_state_directory_that_fills_up_during_a_rollback_then_it_is_undone_and_repair_closes_it_once_there_is_room()
    {
        var before = await stack.InspectAsync("web");

        // The new web's health gate is held open (503) until the state directory is full; then it passes and
        // the next step cannot be journaled.
        health.Healthy = false;
        ProcessResult result;
        await using (var process = stack.StartBacktrack("rollback", "service", "web", "--to", "v3", "--yes", "--no-verify"))
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await WaitUntilJournaledAsync(process, "health.gate");
            await state!.FillAsync();
            health.Healthy = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            result = new ProcessResult(process.ExitCode, await stdout, await stderr);
        }

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("restored what ran before", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("run 'backtrack repair' once the state directory takes writes again", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.Stdout + result.Stderr, StringComparison.Ordinal);
        await AssertWebRunsAsync(before.ID);

        state.Free();
        var repair = await stack.BacktrackAsync("repair", "--yes");
        Assert.True(repair.ExitCode == 0, repair.ToString());
        var status = await stack.BacktrackAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.DoesNotContain("backtrack repair", status.Stdout, StringComparison.Ordinal);
        await AssertWebRunsAsync(before.ID);
    }

    [Fact]
    public async Task Given_a_full_state_directory_when_a_rollback_starts_then_it_refuses_in_one_line_and_changes_nothing()
    {
        var before = await stack.InspectAsync("web");
        await state!.FillAsync();

        var result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes", "--no-verify");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, result.ToString());
        Assert.Contains("nothing was changed", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.Stdout + result.Stderr, StringComparison.Ordinal);
        await AssertWebRunsAsync(before.ID);

        state.Free();
        var status = await stack.BacktrackAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        var rollback = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes", "--no-verify");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
    }

    /// <summary>Polls the journal until a step of KIND has started (and not ended) in the running operation.</summary>
    private async Task WaitUntilJournaledAsync(BacktrackProcess process, string kind)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(state!.Directory, "backtrack.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, $"the rollback ended before its {kind} step");
            Assert.True(DateTime.UtcNow < deadline, $"the rollback never reached its {kind} step");
            await using var db = new SqliteConnection(connection);
            await db.OpenAsync();
            await using var query = db.CreateCommand();
            query.CommandText = "SELECT count(*) FROM steps WHERE kind = $kind AND phase = 'apply' AND ended IS NULL";
            query.Parameters.AddWithValue("$kind", kind);
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>web runs the container ID it ran before, and it is the service's only container (nothing staged or aside is left).</summary>
    private async Task AssertWebRunsAsync(string id)
    {
        var container = Assert.Single(await stack.ContainersAsync("web"));
        Assert.Equal(id, container.ID);
        Assert.Equal("running", container.State);
    }
}
