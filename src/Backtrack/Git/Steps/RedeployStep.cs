using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>
/// Runs the team's redeploy command from the config file (not from the command line) through /bin/sh in
/// the deploy repository. Its output is not printed (it may hold secrets); a failure shows its last line.
/// </summary>
[StepKind("git.redeploy")]
public sealed record RedeployStep(int Wave, string Lane, string Directory, string Command, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"redeploy: run '{Command}' in {Directory} (at most {Timeout.TotalSeconds:0.#} s)";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => RunAsync(Directory, Command, Timeout, ct);

    internal static async Task RunAsync(string directory, string command, TimeSpan timeout, CancellationToken ct)
    {
        var result = await ExternalProcess.RunAsync("/bin/sh", ["-c", command], directory, timeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BacktrackException($"the redeploy command failed (exit code {result.ExitCode}): {result.LastLine()}");
        }
    }
}
