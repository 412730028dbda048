using System.Globalization;
using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>
/// Issue 12: 'rollback full' (volumes, .env, images, Postgres, Redis) killed at every step, then repaired. Its
/// 30 steps each take a full restore and a repair, so the matrix is split in two halves, each a test class with
/// a stack of its own, which xunit runs in parallel.
/// </summary>
public abstract class KillMatrixRollbackFullTests(ITestOutputHelper output, int half) : IAsyncLifetime
{
    private const int Halves = 2;

    private readonly DatabaseStack stack = new();
    private string snapshot = "";
    private string present = "";

    /// <summary>A full snapshot of the first release; then files, env, data and images changed (the "before"), snapshotted too to come back to it.</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.SeedFirstReleaseAsync();
        await stack.ShellAsync("jobs", "printf upload-1 > /uploads/u1.bin");
        snapshot = await SnapshotAsync();
        await stack.ChangeEverythingAsync();
        present = await SnapshotAsync();
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_rollback_full_killed_at_any_step_when_repaired_then_everything_is_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            $"rollback-full-{half + 1}-of-{Halves}",
            ["rollback", "full", "--to", snapshot, "--no-verify"],
            State: StateAsync,
            Reset: async () =>
            {
                var back = await stack.BacktrackAsync("rollback", "full", "--to", present, "--no-verify", "--yes");
                Assert.True(back.ExitCode == 0, back.ToString());
            },
            Steps: index => index % Halves == half));

        Assert.Contains(rows, r => r.Kind == "full.forward-only" && r.Description.StartsWith("replace volume", StringComparison.Ordinal));
    }

    private async Task<string> SnapshotAsync()
    {
        var created = await stack.BacktrackAsync("snapshot", "create", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        return ComposeFixture.ParseJson(created).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Every entry of both volumes (owner, mode, link target, content hash), the project's .env and the databases.
    /// Databases a restore keeps aside until 'snapshot cleanup' do not count: repair restores Postgres by the same swap.
    /// </summary>
    private async Task<string> StateAsync()
    {
        const string Listing = "cd {0} && find . | sort | while read -r f; do stat -c '%n %u:%g %a %F' \"$f\"; [ -L \"$f\" ] && readlink \"$f\"; [ -f \"$f\" ] && sha256sum \"$f\"; done; true";
        return await stack.ShellAsync("app", string.Format(CultureInfo.InvariantCulture, Listing, "/files"))
            + await stack.ShellAsync("jobs", string.Format(CultureInfo.InvariantCulture, Listing, "/uploads"))
            + ".env " + await File.ReadAllTextAsync(stack.EnvFile) + "\n"
            + await DatabaseStackState.DescribeAsync(stack, keptAside: false);
    }
}
