namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// The machine's dockerd as a single-node swarm, shared by every swarm test: made one when it is not
/// (advertised on 127.0.0.1) and left one afterwards, since other suites may use it at the same time.
/// </summary>
public static class SwarmNode
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Turns the engine into a swarm manager unless it already is one; returns the node's ID.</summary>
    public static async Task<string> EnsureActiveAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (await StateAsync() != "active")
            {
                var init = await DockerAsync("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377");
                // Another suite may have made it a swarm meanwhile.
                Assert.True(init.ExitCode == 0 || await StateAsync() == "active", $"docker swarm init: {init}");
            }

            return (await DockerAsync("info", "--format", "{{.Swarm.NodeID}}")).Stdout.Trim();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The docker CLI, which must answer within a minute.</summary>
    public static Task<ProcessResult> DockerAsync(params string[] args) =>
        ProcessRunner.RunAsync("docker", args, Path.GetTempPath(), timeout: TimeSpan.FromMinutes(1));

    /// <summary>Polls CONDITION every 250 ms until it holds, at most TIMEOUT (and a bounded number of tries); fails with WHAT otherwise.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var interval = TimeSpan.FromMilliseconds(250);
        var deadline = DateTimeOffset.UtcNow + timeout;
        for (var attempt = 0; attempt < (int)(timeout / interval) + 1; attempt++)
        {
            if (await condition())
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(interval);
        }

        Assert.Fail($"not within {timeout.TotalSeconds:0} s: {what}");
    }

    private static async Task<string> StateAsync() => (await DockerAsync("info", "--format", "{{.Swarm.LocalNodeState}}")).Stdout.Trim();
}
