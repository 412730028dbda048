namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// What a <see cref="GitStack"/>'s deploy repository holds, as comparable text: HEAD and the remote's branch (each
/// by tree, parents and subject: the message of a revert names its operation), the work tree's status and files.
/// </summary>
public static class GitStackState
{
    public static async Task<string> DescribeAsync(GitStack stack, params string[] files)
    {
        var remote = await stack.RemoteHeadAsync();
        var text = $"HEAD {await CommitAsync(stack, "HEAD")}\nremote {await CommitAsync(stack, remote)}, HEAD {remote == await stack.GitAsync("rev-parse", "HEAD")}\n"
            + $"status [{await stack.GitAsync("status", "--porcelain", "--untracked-files=all")}]\n";
        foreach (var file in files)
        {
            var path = Path.Combine(stack.DeployPath, file);
            text += $"{file}: {(File.Exists(path) ? "[" + await File.ReadAllTextAsync(path) + "]" : "<absent>")}\n";
        }

        return text;
    }

    /// <summary>A commit by its tree, parents and subject: a revert made again (another time, another operation ID) is the same.</summary>
    private static Task<string> CommitAsync(GitStack stack, string commit) =>
        stack.GitAsync("log", "-1", "--format=tree %T, parents %P, %s", commit);
}
