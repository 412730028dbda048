using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Full snapshots and 'rollback full' on a real stack: Postgres, Redis and two services with a named volume
/// each, a project .env; changed after the snapshot in files, env, data and images.
/// </summary>
public sealed class FullRollbackTests : IAsyncLifetime
{
    private const string FirstEnv = "APP_TAG=v1\nJOBS_TAG=v1\nFEATURE=first-value\n";
    private readonly DatabaseStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.SeedFirstReleaseAsync();
        await stack.ShellAsync("jobs", "printf upload-1 > /uploads/u1.bin && dd if=/dev/urandom of=/uploads/big.bin bs=1024 count=512 2>/dev/null");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Rollback_full_brings_back_volumes_exactly_env_files_data_and_images()
    {
        var snapshot = await CreateSnapshotAsync();
        var verify = await stack.BacktrackAsync("snapshot", "verify", snapshot);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var before = await StateAsync();
        var images = new Dictionary<string, string> { ["app"] = (await stack.InspectAsync("app")).Image, ["jobs"] = (await stack.InspectAsync("jobs")).Image };

        await stack.ChangeEverythingAsync();
        Assert.NotEqual(before, await StateAsync());

        var result = await stack.BacktrackAsync("rollback", "full", "--to", snapshot, "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(stack.Password, result.Stdout + result.Stderr);
        Assert.DoesNotContain("later-value", result.Stdout + result.Stderr);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(FirstEnv, await File.ReadAllTextAsync(stack.EnvFile));
        Assert.Equal(100L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Equal("v1", await stack.RedisAsync("GET", "k2"));
        Assert.Equal("0", await stack.RedisAsync("EXISTS", "k3"));
        foreach (var (service, image) in images)
        {
            var container = await stack.InspectAsync(service);
            Assert.Equal(image, container.Image);
        }

        Assert.Contains("FEATURE=first-value", (await stack.InspectAsync("app")).Config.Env);

        foreach (var service in new[] { "db", "cache", "app", "jobs" })
        {
            Assert.True((await stack.InspectAsync(service)).State.Running, $"{service} runs");
        }

        // The safety snapshot of the present is listed, full, beside the restored one.
        var list = TestStack.ParseJson(await stack.BacktrackAsync("snapshot", "list", "-o", "json"));
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("kind").GetString() == "safety" && s.GetProperty("full").GetBoolean());
    }

    [Fact]
    public async Task A_snapshot_with_a_corrupted_volume_file_is_refused_before_anything_stops()
    {
        var snapshot = await CreateSnapshotAsync();
        // The engine is local: the volume was read from its mountpoint, big.bin's content stored by its sha256.
        await using (var listing = File.OpenRead(Path.Combine(stack.SnapshotDirectory, snapshot, "volumes", $"{stack.Project}_uploads.files.json")))
        {
            var entries = (await JsonDocument.ParseAsync(listing)).RootElement.GetProperty("entries").EnumerateArray();
            var sha256 = entries.Single(e => e.GetProperty("path").GetString() == "big.bin").GetProperty("sha256").GetString()!;
            var content = Path.Combine(stack.SnapshotDirectory, "content", sha256[..2], sha256);
            var bytes = await File.ReadAllBytesAsync(content);
            bytes[1024] ^= 0x5a;
            await File.WriteAllBytesAsync(content, bytes);
        }

        await stack.ChangeEverythingAsync();
        var started = new Dictionary<string, string>();
        foreach (var service in new[] { "db", "cache", "app", "jobs" })
        {
            started[service] = (await stack.InspectAsync(service)).State.StartedAt;
        }

        var result = await stack.BacktrackAsync("rollback", "full", "--to", snapshot, "--yes");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("damaged", result.Stdout + result.Stderr);
        foreach (var (service, at) in started)
        {
            var container = await stack.InspectAsync(service);
            Assert.True(container.State.Running, $"{service} still runs");
            Assert.Equal(at, container.State.StartedAt);
        }

        Assert.Equal(DatabaseStack.LaterEnv, await File.ReadAllTextAsync(stack.EnvFile));
        Assert.Equal(150L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_killed_full_rollback_is_repaired_back_to_the_present_through_its_safety_snapshot()
    {
        var snapshot = await CreateSnapshotAsync();
        await stack.ChangeEverythingAsync();
        var present = await StateAsync();
        var presentApp = await stack.InspectAsync("app");
        var presentImage = presentApp.Image;

        await using (var process = stack.StartBacktrack("rollback", "full", "--to", snapshot, "--yes"))
        {
            // Killed once the present services are removed: the restore is under way. (The removal is watched
            // by container ID: the snapshot's containers may already be back by the time the poll looks.)
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await stack.Docker.Containers.ListContainersAsync(AppFilter())).Any(c => c.ID == presentApp.ID))
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "the rollback never removed the services");
                await Task.Delay(20);
            }

            await process.KillAsync();
        }

        var blocked = await stack.BacktrackAsync("rollback", "full", "--to", snapshot, "--yes");
        Assert.Equal(3, blocked.ExitCode);

        var repair = await stack.BacktrackAsync("repair", "--yes");
        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Equal(present, await StateAsync());
        Assert.Equal(DatabaseStack.LaterEnv, await File.ReadAllTextAsync(stack.EnvFile));
        Assert.Equal(150L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Equal("v2", await stack.RedisAsync("GET", "k1"));
        Assert.Equal(presentImage, (await stack.InspectAsync("app")).Image);
        foreach (var service in new[] { "db", "cache", "app", "jobs" })
        {
            Assert.True((await stack.InspectAsync(service)).State.Running, $"{service} runs");
        }
    }

    private Docker.DotNet.Models.ContainersListParameters AppFilter() => new()
    {
        All = true,
        Filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={stack.Project}"] = true, ["com.docker.compose.service=app"] = true },
        },
    };

    private async Task<string> CreateSnapshotAsync()
    {
        var created = await stack.BacktrackAsync("snapshot", "create", "--note", "before the release", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.DoesNotContain(stack.Password, created.Stdout + created.Stderr);
        return JsonDocument.Parse(created.Stdout).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Every entry of both volumes with owner, mode, link target and content hash.</summary>
    private async Task<string> StateAsync()
    {
        const string Listing = "cd {0} && find . | sort | while read -r f; do stat -c '%n %u:%g %a %F' \"$f\"; [ -L \"$f\" ] && readlink \"$f\"; [ -f \"$f\" ] && sha256sum \"$f\"; done; true";
        return await stack.ShellAsync("app", string.Format(System.Globalization.CultureInfo.InvariantCulture, Listing, "/files"))
            + await stack.ShellAsync("jobs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Listing, "/uploads"));
    }
}
