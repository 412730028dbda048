using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Operations;
using Backtrack.Releases;
using Backtrack.Reports;
using Backtrack.Rollback;
using Backtrack.Status;

namespace Backtrack.Guard;

/// <summary>What 'deploy' and 'guard' work with, wired by <see cref="BacktrackEnvironment"/>.</summary>
public sealed record GuardKit(
    EnvironmentConfig Env,
    OperationService Operations,
    ProjectInspector Inspector,
    IEngineEvents Events,
    WindowWatcher Watcher,
    RollbackPlanner Planner,
    ReleaseStore Releases,
    IncidentReportSource Reports,
    TimeProvider Clock)
{
    /// <summary>The current container of each service, ID to service.</summary>
    public async Task<Dictionary<string, string>> ContainersAsync(CancellationToken ct) =>
        (await Inspector.ServicesAsync(Env, ct).ConfigureAwait(false))
            .Where(s => s.Container is not null)
            .ToDictionary(s => s.Container!.Id, s => s.Service, StringComparer.Ordinal);

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
