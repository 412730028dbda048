using System.Diagnostics;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// The backtrack CLI left running for a test that kills it midway or plays along with it. Disposing kills
/// it (and its children) when it still runs, so an assertion failing in between never leaves it behind
/// holding the lock or changing the stack under the fixture's clean-up.
/// </summary>
public sealed class BacktrackProcess(Process process) : IAsyncDisposable
{
    public StreamWriter StandardInput => process.StandardInput;

    public StreamReader StandardOutput => process.StandardOutput;

    public StreamReader StandardError => process.StandardError;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public Task WaitForExitAsync(CancellationToken ct = default) => process.WaitForExitAsync(ct);

    /// <summary>Sends SIGTERM, as systemd stops a service.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Reads standard output until a line contains TEXT; fails with what was read at the deadline or the end.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new List<string>();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                seen.Add(line);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // At the deadline: fail below with what was read.
        }

        Assert.Fail($"no line with '{text}' within {timeout.TotalSeconds} s; read:\n{string.Join('\n', seen)}");
        return "";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            process.Dispose();
        }
    }
}
