using Backtrack.Configuration;
using Backtrack.Git;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;
using Backtrack.Status;

namespace Backtrack.Scenarios;

/// <summary>Plans 'fix model': one file of the deploy directory back from git history, the service restarted on it, a health gate.</summary>
public sealed class ModelFixPlanner(ProjectInspector inspector, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, string file, string revision, string service, CancellationToken ct)
    {
        var git = env.Git ?? throw new BacktrackException($"environment '{env.Name}' has no git section: 'fix model' restores files of the deploy repository");
        var repo = GitRepository.From(git);
        var relative = RelativePath(repo.Path, file);
        var commit = await repo.ResolveAsync(revision, ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"'{revision}' is not a commit of {repo.Path}");
        if (!await repo.FileExistsAsync(commit, relative, ct).ConfigureAwait(false))
        {
            throw new BacktrackException($"{relative} is not in commit {GitRepository.Abbrev(commit)} of {repo.Path}");
        }

        var container = await inspector.RequireAsync(env, service, ct).ConfigureAwait(false);
        var planId = Plan.NewId(clock);
        var current = Path.Combine(repo.Path, relative);
        if (File.Exists(current)
            && await repo.OutputAsync(["hash-object", "--", relative], ct).ConfigureAwait(false) == await repo.OutputAsync(["rev-parse", $"{commit}:{relative}"], ct).ConfigureAwait(false))
        {
            return new Plan(planId, "fix model", $"{relative} already is the file of {GitRepository.Abbrev(commit)}", []);
        }

        var check = env.ServiceOrDefault(service).Health;
        var kept = KeptFile.PathFor(env.StateDirectory, planId, relative);
        List<PlanStep> steps =
        [
            new ExpectContainerStep(0, service, container.Name, container.Id),
            new RestartOnUndoStep(0, service, container.Name, check, env.StopTimeout),
            new RestoreFileFromGitStep(0, service, repo, commit, relative, kept),
            new RestartContainerStep(0, service, container.Name, env.StopTimeout),
            new HealthGateStep(0, service, container.Name, check, env.HealthTimeout),
        ];
        var subject = await repo.OutputAsync(["log", "-1", "--format=%s", commit], ct).ConfigureAwait(false);
        return new Plan(planId, "fix model", $"{relative} from {GitRepository.Abbrev(commit)} ({revision}: {subject}), restart {service}", steps);
    }

    /// <summary>The file's path inside the deploy repository; a path outside it is refused.</summary>
    internal static string RelativePath(string repository, string file)
    {
        var full = Path.GetFullPath(file, repository);
        var relative = Path.GetRelativePath(repository, full);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new BacktrackException($"{file} is not a file inside the deploy repository {repository}");
        }

        return relative;
    }
}
