using System.Diagnostics;

namespace Backtrack.IntegrationTests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs a real program (docker compose, the backtrack CLI) the way Backtrack runs programs, with a bounded wait.</summary>
public static class ProcessRunner
{
    /// <summary>Starts a program and leaves it running, for tests that kill it midway.</summary>
    public static Process Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? env = null) =>
        Process.Start(ExternalProcess.StartInfo(file, args, workingDirectory, env)) ?? throw new InvalidOperationException($"could not start {file}");

    public static async Task<ProcessResult> RunAsync(
        string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var output = await ExternalProcess.RunAsync(file, args.ToList(), workingDirectory, timeout ?? TimeSpan.FromMinutes(2), CancellationToken.None, env);
        return new ProcessResult(output.ExitCode, output.Stdout, output.Stderr);
    }
}
