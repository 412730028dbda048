using System.Diagnostics;

namespace Backtrack;

/// <summary>
/// Runs a program (git, the Compose client, the team's redeploy command) with an argument list, never a
/// shell string built from input; stdout and stderr are captured, the wait is bounded.
/// </summary>
public static class ExternalProcess
{
    /// <summary>How every program is started: argument list, redirected streams, no shell.</summary>
    internal static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public static async Task<ProcessOutput> RunAsync(
        string file, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = StartInfo(file, args, workingDirectory, environment);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new BacktrackException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BacktrackException($"could not start {file}: {e.Message}", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new BacktrackException($"{Path.GetFileName(file)} did not end within {timeout.TotalSeconds:0.#} s and was stopped");
            }

            return new ProcessOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
