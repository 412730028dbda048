using Backtrack.Configuration;
using Backtrack.Planning;

namespace Backtrack.Git;

/// <summary>
/// The deploy repository, through the real git CLI (so the team's ssh keys and credential helpers work):
/// read-only queries, and the checks every git operation makes before it changes anything. Changes
/// themselves are plan steps (<see cref="Steps"/>).
/// </summary>
public sealed class GitRepository(string path, string remote, string branch)
{
    private static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromMinutes(2);

    /// <summary>No prompt for a password on a terminal: a missing credential is an error, not a hang.</summary>
    private static readonly Dictionary<string, string> NoPrompt = new() { ["GIT_TERMINAL_PROMPT"] = "0", ["LC_ALL"] = "C" };

    public string Path { get; } = path;

    public string Remote { get; } = remote;

    public string Branch { get; } = branch;

    /// <summary>The remote-tracking ref of the configured branch, e.g. refs/remotes/origin/main.</summary>
    public string TrackingRef => $"refs/remotes/{Remote}/{Branch}";

    public static GitRepository From(GitConfig config) => new(config.Path, config.Remote, config.Branch);

    /// <summary>HEAD's commit of the repository at the path, or null when there is none (not a repository, no commit, no git).</summary>
    public static async Task<string?> TryHeadAsync(string path, CancellationToken ct)
    {
        if (!Directory.Exists(path))
        {
            return null;
        }

        try
        {
            var result = await new GitRepository(path, "origin", "main").RunAsync(["rev-parse", "--verify", "-q", "HEAD"], ct).ConfigureAwait(false);
            return result.Succeeded ? result.Stdout.Trim() : null;
        }
        catch (BacktrackException)
        {
            // No git on this host: the release is recorded without a commit.
            return null;
        }
    }

    public Task<ProcessOutput> RunAsync(IReadOnlyList<string> args, CancellationToken ct, bool network = false)
    {
        if (!Directory.Exists(Path))
        {
            throw new BacktrackException($"the deploy repository {Path} does not exist; check git.path in the config");
        }

        return ExternalProcess.RunAsync("git", ["-C", Path, .. args], Path, network ? NetworkTimeout : LocalTimeout, ct, NoPrompt);
    }

    /// <summary>Runs git and returns its trimmed stdout; a failure becomes one line naming the git command.</summary>
    public async Task<string> OutputAsync(IReadOnlyList<string> args, CancellationToken ct, bool network = false)
    {
        var result = await RunAsync(args, ct, network).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BacktrackException($"git {args[0]} in {Path} failed: {result.LastLine()}");
        }

        return result.Stdout.Trim();
    }

    public Task<string> HeadAsync(CancellationToken ct) => OutputAsync(["rev-parse", "--verify", "HEAD"], ct);

    /// <summary>The checked-out branch, or null when HEAD is detached.</summary>
    public async Task<string?> CurrentBranchAsync(CancellationToken ct)
    {
        var result = await RunAsync(["symbolic-ref", "-q", "--short", "HEAD"], ct).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }

    /// <summary>Changed, staged and untracked paths (git status --porcelain); empty for a clean work tree.</summary>
    public async Task<IReadOnlyList<string>> ChangesAsync(CancellationToken ct) =>
        (await OutputAsync(["status", "--porcelain", "--untracked-files=normal"], ct).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A commit for a revision (HEAD~1, a hash, a tag), or null when there is none.</summary>
    public async Task<string?> ResolveAsync(string revision, CancellationToken ct)
    {
        if (revision.StartsWith('-'))
        {
            return null;
        }

        var result = await RunAsync(["rev-parse", "--verify", "-q", "--end-of-options", revision + "^{commit}"], ct).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken ct) =>
        (await RunAsync(["merge-base", "--is-ancestor", ancestor, descendant], ct).ConfigureAwait(false)).Succeeded;

    /// <summary>
    /// Whether git reads the text as a time in the past. Git reads any text as some time: what it cannot
    /// read becomes now (or, half read, a time to come), so the text is compared with now in the same call.
    /// </summary>
    public async Task<bool> IsPastTimeAsync(string time, CancellationToken ct)
    {
        var ages = (await OutputAsync(["rev-parse", $"--before={time}", "--before=now"], ct).ConfigureAwait(false))
            .Split('\n')
            .Select(line => long.Parse(line.Split('=')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return ages is [var then, var now] && then < now;
    }

    /// <summary>The newest commit of the branch's first-parent line committed before the time (git's "2 hours ago", ISO dates, ...).</summary>
    public async Task<string?> CommitBeforeAsync(string time, string head, CancellationToken ct)
    {
        var result = await RunAsync(["rev-list", "-1", "--first-parent", $"--before={time}", head], ct).ConfigureAwait(false);
        return result.Succeeded && result.Stdout.Trim().Length > 0 ? result.Stdout.Trim() : null;
    }

    /// <summary>The commits in target..head, newest first, as (hash, subject).</summary>
    public async Task<IReadOnlyList<(string Commit, string Subject)>> CommitsAsync(string target, string head, CancellationToken ct) =>
        (await OutputAsync(["log", "--format=%H %s", $"{target}..{head}"], ct).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2) is [var hash, var subject] ? (hash, subject) : (l, ""))
            .ToList();

    public Task<string> TreeAsync(string commit, CancellationToken ct) => OutputAsync(["rev-parse", commit + "^{tree}"], ct);

    public async Task<bool> FileExistsAsync(string commit, string file, CancellationToken ct) =>
        (await RunAsync(["cat-file", "-e", $"{commit}:{file}"], ct).ConfigureAwait(false)).Succeeded;

    /// <summary>The remote-tracking commit of the branch as of the last fetch, or null.</summary>
    public async Task<string?> TrackingHeadAsync(CancellationToken ct)
    {
        var result = await RunAsync(["rev-parse", "--verify", "-q", TrackingRef], ct).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }

    /// <summary>The commit the remote's branch points at now (asked over the network), or null when it has no such branch.</summary>
    public async Task<string?> RemoteHeadAsync(CancellationToken ct)
    {
        var line = await OutputAsync(["ls-remote", Remote, $"refs/heads/{Branch}"], ct, network: true).ConfigureAwait(false);
        return line.Split('\t', 2)[0] is { Length: > 0 } commit ? commit : null;
    }

    /// <summary>
    /// What every git operation checks before it changes anything: a clean work tree, the configured
    /// branch checked out (not a detached HEAD), and, after a fetch, the local branch exactly where the
    /// remote's is (not behind, ahead or diverged). Returns HEAD and the remote's head.
    /// </summary>
    public async Task<(string Head, string RemoteHead)> EnsureReadyAsync(CancellationToken ct)
    {
        var current = await CurrentBranchAsync(ct).ConfigureAwait(false);
        if (current is null)
        {
            throw new BacktrackException($"{Path}: HEAD is detached; check out '{Branch}' first ('git switch {Branch}')");
        }

        if (current != Branch)
        {
            throw new BacktrackException($"{Path}: branch '{current}' is checked out, the config says '{Branch}'; check out '{Branch}' first");
        }

        var changes = await ChangesAsync(ct).ConfigureAwait(false);
        if (changes.Count > 0)
        {
            throw new BacktrackException(
                $"{Path}: the work tree is not clean ({changes.Count} changed or untracked: {string.Join(", ", changes.Take(3))}); commit or stash first");
        }

        await OutputAsync(["fetch", "-q", Remote, $"+refs/heads/{Branch}:{TrackingRef}"], ct, network: true).ConfigureAwait(false);
        var head = await HeadAsync(ct).ConfigureAwait(false);
        var remoteHead = await TrackingHeadAsync(ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"{Remote} has no branch '{Branch}'");
        if (head != remoteHead)
        {
            var state = await IsAncestorAsync(head, remoteHead, ct).ConfigureAwait(false) ? "behind"
                : await IsAncestorAsync(remoteHead, head, ct).ConfigureAwait(false) ? "ahead of"
                : "diverged from";
            throw new ConflictException(
                $"{Path}: '{Branch}' is {state} {Remote}/{Branch} ({Abbrev(head)} here, {Abbrev(remoteHead)} there): someone pushed meanwhile "
                + "or there are unpushed commits; bring the branch in line with the remote, then plan again");
        }

        return (head, remoteHead);
    }

    public static string Abbrev(string commit) => commit.Length > 10 ? commit[..10] : commit;
}
