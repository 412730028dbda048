using System.Diagnostics;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// <c>install --host</c> and <c>--host HOST COMMAND</c> against a real sshd the test starts, on this machine
/// standing for the host. The "single file" is a wrapper script that runs the built CLI (a clean self-contained
/// publish takes minutes); <c>script</c> gives the local CLI a terminal for the confirmation and Ctrl-C.
/// </summary>
public sealed class RemoteHostTests : IAsyncLifetime
{
    private readonly TestStack stack = new();
    private readonly SshServer ssh = new();
    private readonly string packages = Directory.CreateTempSubdirectory("backtrack-dist-").FullName;
    private readonly string hostBin = Path.Combine(Path.GetTempPath(), "backtrack-host-bin-" + Guid.NewGuid().ToString("N")[..8]);

    private string Host => $"root@127.0.0.1:{ssh.Port}";

    private Dictionary<string, string> Variables => new(ssh.Variables) { ["BACKTRACK_HOST_BIN"] = Path.Combine(hostBin, "backtrack") };

    public async Task InitializeAsync()
    {
        await ssh.InitializeAsync();
        await stack.InitializeAsync();
        var file = Path.Combine(packages, "backtrack-linux-x64");
        await File.WriteAllTextAsync(file, $"#!/bin/sh\nexec dotnet {Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll")} \"$@\"\n");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        await File.WriteAllTextAsync(file + ".sha256", $"{hash}  backtrack-linux-x64\n");
    }

    public async Task DisposeAsync()
    {
        await stack.DisposeAsync();
        await ssh.DisposeAsync();
        Directory.Delete(packages, recursive: true);
        if (Directory.Exists(hostBin))
        {
            Directory.Delete(hostBin, recursive: true);
        }
    }

    [Fact]
    public async Task Install_copies_the_file_once_and_commands_run_there_with_their_output_and_exit_code()
    {
        var install = await stack.BacktrackAsync(Variables, "install", "--host", Host, "--path", hostBin, "--from", packages);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("installed backtrack-linux-x64", install.Stdout);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(packages, "backtrack-linux-x64")), await File.ReadAllTextAsync(Path.Combine(hostBin, "backtrack")));
        var again = await stack.BacktrackAsync(Variables, "install", "--host", Host, "--path", hostBin, "--from", packages);
        Assert.Contains("nothing copied", again.Stdout);

        var status = await stack.BacktrackAsync(Variables, "--host", Host, "--host-dir", stack.Directory, "status", "-o", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(3, TestStack.ParseJson(status).GetProperty("services").GetArrayLength());

        // The environment's host: section names the address and the directory there: --host takes the environment's name.
        await stack.ConfigureAsync($"host: {{ address: '{Host}', dir: '{stack.Directory}' }}");
        var byName = await stack.BacktrackAsync(Variables, "--host", "test", "status", "-o", "json");
        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.Equal(3, TestStack.ParseJson(byName).GetProperty("services").GetArrayLength());

        var refused = await stack.BacktrackAsync(Variables, "--host", Host, "--host-dir", stack.Directory, "rollback", "service", "nope", "--yes");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("nope", refused.Stderr);
        Assert.Equal("", refused.Stdout);
    }

    [Fact]
    public async Task A_confirmation_is_answered_and_ctrl_c_is_passed_through_the_terminal()
    {
        Assert.True((await stack.BacktrackAsync(Variables, "install", "--host", Host, "--path", hostBin, "--from", packages)).ExitCode == 0);

        using (var rollback = InTerminal("--host", Host, "--host-dir", stack.Directory, "rollback", "service", "web", "--to", "v3"))
        {
            await ReadUntilAsync(rollback, "[y/N]");
            await rollback.StandardInput.WriteAsync("y\r");
            await rollback.StandardInput.FlushAsync();
            await rollback.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, rollback.ExitCode);
        }

        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), (await stack.InspectAsync("web")).Image);

        using var follow = InTerminal("--host", Host, "--host-dir", stack.Directory, "logs", "api", "--follow");
        await ReadUntilAsync(follow, "to-std");
        await follow.StandardInput.WriteAsync('\u0003');
        await follow.StandardInput.FlushAsync();
        await follow.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The CLI in a terminal of its own (util-linux script), its exit code script's.</summary>
    private Process InTerminal(params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll") }.Concat(args).Select(a => "'" + a + "'"));
        return ProcessRunner.Start("script", ["-qefc", command, "/dev/null"], stack.Directory, Variables);
    }

    private static async Task ReadUntilAsync(Process process, string text)
    {
        var seen = new System.Text.StringBuilder();
        var buffer = new char[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            var read = await process.StandardOutput.ReadAsync(buffer, deadline.Token);
            Assert.True(read > 0, $"ended before '{text}': {seen}");
            seen.Append(buffer, 0, read);
        }
    }
}
