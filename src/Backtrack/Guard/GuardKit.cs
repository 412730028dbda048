using Backtrack.Configuration;
using Backtrack.Operations;
using Backtrack.Releases;
using Backtrack.Reports;
using Backtrack.Rollback;

namespace Backtrack.Guard;

/// <summary>What 'deploy' and 'guard' work with, wired by <see cref="BacktrackEnvironment"/> for the environment's backend.</summary>
public sealed record GuardKit(
    EnvironmentConfig Env,
    OperationService Operations,
    IDeploySource Source,
    WindowWatcher Watcher,
    IRollbackPlanning Planner,
    ReleaseStore Releases,
    IncidentReportSource Reports,
    TimeProvider Clock)
{
    /// <summary>Writes the incident report of an operation as Markdown into the state directory (0600) and returns its path.</summary>
    public async Task<string> WriteReportAsync(string operationId, CancellationToken ct)
    {
        var text = await Reports.RenderAsync(Env.Name, operationId, null, "md", ct).ConfigureAwait(false);
        var directory = Directory.CreateDirectory(Path.Combine(Env.StateDirectory, "reports"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(directory.FullName, $"{operationId}.md");
        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
