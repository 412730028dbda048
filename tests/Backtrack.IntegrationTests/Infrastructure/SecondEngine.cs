using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A dockerd of the test's own, beside the machine's, which tests may stop and start: its own data root,
/// exec root, pidfile, config file and unix socket under a temp directory, a default bridge of its own (an
/// empty Linux bridge the test makes and removes), no iptables, no IP forwarding, no TCP listener, its own
/// containerd namespaces. It never touches the machine's engine, its socket, networks or iptables: with
/// --bridge=none a dockerd deletes the interface docker0, which is the machine's engine's default bridge. Its image store starts empty: <see cref="CopyImagesAsync"/> copies images
/// from the machine's engine. Disposing stops it and removes the temp directory (its containers die with it).
/// </summary>
public sealed class SecondEngine : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    // Short: a unix socket's path holds at most 107 bytes.
    private readonly string root = Directory.CreateTempSubdirectory("btd-").FullName;
    private readonly string bridge = "btd" + Guid.NewGuid().ToString("N")[..8];
    private Process? daemon;

    public string Endpoint => "unix://" + Path.Combine(root, "docker.sock");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "daemon.json"), "{}");
        await IpAsync("link", "add", "name", bridge, "type", "bridge");
        await IpAsync("addr", "add", $"10.253.{Random.Shared.Next(1, 255)}.1/24", "dev", bridge);
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (daemon is { HasExited: false })
        {
            await StopAsync();
        }

        daemon?.Dispose();
        // A daemon that died hard leaves its overlay and shm mounts behind: unmounted before the folder goes.
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mountinfo"))
            .Select(line => line.Split(' ')[4])
            .Where(point => point.StartsWith(root + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mounts)
        {
            await ProcessRunner.RunAsync("umount", ["-l", point], root);
        }

        Directory.Delete(root, recursive: true);
        await ProcessRunner.RunAsync("ip", ["link", "del", bridge], "/");
    }

    /// <summary>Starts the daemon and waits (at most 60 s) until it answers.</summary>
    public async Task StartAsync()
    {
        var id = Path.GetFileName(root);
        string[] flags =
        [
            "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"), "--host", Endpoint, "--config-file", Path.Combine(root, "daemon.json"),
            "--containerd-namespace", id, "--containerd-plugins-namespace", id + "-plugins",
            "--bridge", bridge, "--iptables=false", "--ip6tables=false", "--ip-forward=false",
        ];
        // exec: the process is dockerd itself, so its ID is the daemon's; its log goes to a file nobody has to drain.
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec dockerd \"$@\" >>daemon.log 2>&1", "dockerd", .. flags])
        {
            info.ArgumentList.Add(arg);
        }

        daemon?.Dispose();
        daemon = Process.Start(info) ?? throw new InvalidOperationException("could not start dockerd");
        using var client = Client();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync(client))
        {
            Assert.False(daemon.HasExited, $"the second dockerd exited with {(daemon.HasExited ? daemon.ExitCode : 0)}:\n{LogTail()}");
            Assert.True(DateTime.UtcNow < deadline, $"the second dockerd did not answer within {StartTimeout.TotalSeconds} s:\n{LogTail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM to the daemon (as a service manager stops it: it stops its containers), then waits (at most 60 s) for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = daemon ?? throw new InvalidOperationException("the second dockerd was never started");
        var kill = await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], root);
        Assert.True(kill.ExitCode == 0 || process.HasExited, kill.ToString());
        using var deadline = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"the second dockerd did not exit within {StopTimeout.TotalSeconds} s of SIGTERM:\n{LogTail()}");
        }
    }

    /// <summary>Starts the daemon again when a test stopped it and failed before starting it.</summary>
    public async Task EnsureStartedAsync()
    {
        if (daemon is not { HasExited: false })
        {
            await StartAsync();
        }
    }

    /// <summary>A daemon restart: stopped, started again with the same flags, answering.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Copies images from the machine's engine into this one (docker save | docker load, through the API).</summary>
    public async Task CopyImagesAsync(params string[] images)
    {
        using var main = new DockerClientBuilder().Build();
        using var client = Client();
        await using var tar = await main.Images.SaveImagesAsync(images, CancellationToken.None);
        await client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, tar, new Progress<JSONMessage>(), CancellationToken.None);
    }

    public DockerClient Client() => new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();

    private static async Task<bool> AnswersAsync(DockerClient client)
    {
        try
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.System.PingAsync(attempt.Token);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or OperationCanceledException or DockerApiException)
        {
            return false;
        }
    }

    private string LogTail() => string.Join('\n', File.ReadLines(Path.Combine(root, "daemon.log")).TakeLast(20));

    private async Task IpAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("ip", args, root);
        Assert.True(result.ExitCode == 0, $"ip {string.Join(' ', args)}: {result}");
    }
}
