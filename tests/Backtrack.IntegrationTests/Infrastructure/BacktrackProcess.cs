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
